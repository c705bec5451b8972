"""How analysts' corrections change an extraction: checked on the way in, applied on the way to the tables.

A correction names one fact of a document: an ``event``, or a ``person``, ``place``, ``weapon``
(facts of the whole document, as the gold records list them) or ``site`` (a site of an event).
Its ``target`` identifies the fact as extraction gave it: ``span``, the [start, end) of its
evidence in the normalized text, and ``value``, its original value (an event's type, a name, a
weapon category, a site's words). Its ``value`` holds the corrected fields.

``apply`` runs a document's corrections over its extraction in the order they were made, so
that a correction of a corrected fact builds on the first. A fact matches when it has the same
kind, its original value and an evidence span overlapping the target's; when re-extraction no
longer gives it, a ``fix`` adds the corrected fact all the same and a ``reject`` is moot.
Every fact a correction made or changed carries the rule ``correction:<id>`` and confidence 1.0.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal, get_args

import sqlalchemy as sa

from fieldguide.errors import CorrectionError
from fieldguide.model import (
    EVENT_TYPES,
    LEADER,
    WEAPON_CATEGORIES,
    Event,
    Extraction,
    Mention,
    Participant,
    Span,
)
from fieldguide.store.event_reads import as_date
from fieldguide.store.schema import corrections

FactKind = Literal["event", "person", "place", "weapon", "site"]
Action = Literal["reject", "fix", "add"]
Status = Literal["applied", "added", "moot", "pending", "withdrawn"]
FACT_KINDS: tuple[str, ...] = get_args(FactKind)
ACTIONS: tuple[str, ...] = get_args(Action)

# The fields of an event a fix or an addition may set, and what each holds.
EVENT_DATES = ("start", "end")
EVENT_LISTS = ("sites", "places", "weapons", "designations", "people")
EVENT_TEXTS = ("type", "actor", "sector")
EVENT_FIELDS = (*EVENT_TEXTS, *EVENT_DATES, *EVENT_LISTS)


@dataclass(frozen=True, slots=True)
class Pending:
    """A correction as ``apply`` needs it: its id, what it corrects and how."""

    id: int
    fact_kind: str
    action: str
    target: Mapping[str, Any]
    value: Mapping[str, Any]

    @property
    def rule(self) -> str:
        return f"correction:{self.id}"


# -- checking ------------------------------------------------------------------------------


def _iso_date(field_name: str, raw: object) -> str | None:
    if raw is None or raw == "":
        return None
    try:
        return date.fromisoformat(str(raw)).isoformat()
    except ValueError:
        raise CorrectionError(f"{field_name}: {raw!r} is not an ISO date (YYYY-MM-DD)") from None


def _names(field_name: str, raw: object) -> list[str]:
    if isinstance(raw, str):
        raw = raw.split(";") if raw.strip() else []  # "sites=" empties the list
    if not isinstance(raw, list | tuple):
        raise CorrectionError(f"{field_name}: expected a list of names, got {raw!r}")
    names = [str(item).strip() for item in raw]
    if any(not name for name in names):
        raise CorrectionError(f"{field_name}: an empty name")
    return names


def _category(raw: object) -> str:
    category = str(raw).strip().lower()
    if category not in WEAPON_CATEGORIES:
        raise CorrectionError(f"weapon category {raw!r} is not one of: {', '.join(WEAPON_CATEGORIES)}")
    return category


def _event_value(value: Mapping[str, Any], *, adding: bool) -> dict[str, Any]:
    unknown = sorted(set(value) - set(EVENT_FIELDS))
    if unknown:
        raise CorrectionError(f"an event has no field {', '.join(unknown)} (fields: {', '.join(EVENT_FIELDS)})")
    if not value:
        raise CorrectionError("a fix of an event sets at least one field")
    checked: dict[str, Any] = {}
    for name in EVENT_TEXTS:
        if name in value:
            text = str(value[name] or "").strip() or None
            if name == "type" and text not in EVENT_TYPES:
                raise CorrectionError(f"event type {value[name]!r} is not one of: {', '.join(EVENT_TYPES)}")
            checked[name] = text
    for name in EVENT_DATES:
        if name in value:
            checked[name] = _iso_date(name, value[name])
    if "start" in checked and "end" not in checked:
        checked["end"] = checked["start"]  # a date given alone is one day, as the guidelines have it
    if checked.get("start") and checked.get("end") and checked["end"] < checked["start"]:
        raise CorrectionError(f"end {checked['end']} is before start {checked['start']}")
    for name in EVENT_LISTS:
        if name in value:
            names = _names(name, value[name] if value[name] is not None else [])
            checked[name] = [_category(n) for n in names] if name == "weapons" else names
    if adding and not checked.get("type"):
        raise CorrectionError("an added event needs a type")
    return checked


def _fact_value(fact_kind: str, value: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(value) - {"name"})
    if unknown or not str(value.get("name") or "").strip():
        raise CorrectionError(f"a {fact_kind} is corrected by its name only: set name=...")
    name = str(value["name"]).strip()
    return {"name": _category(name) if fact_kind == "weapon" else name}


def _span(raw: object) -> list[int] | None:
    if raw is None:
        return None
    parts = raw.replace(":", ",").replace("-", ",").split(",") if isinstance(raw, str) else raw
    try:
        start, end = (int(x) for x in parts)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        raise CorrectionError(f"span {raw!r} is not two offsets [start, end]") from None
    if start < 0 or end < start:
        raise CorrectionError(f"span [{start}, {end}] is not a stretch of the text")
    return [start, end]


def check(
    fact_kind: str, action: str, target: Mapping[str, Any] | None, value: Mapping[str, Any] | None, text_length: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The correction's target and value in their stored form; CorrectionError names what is wrong."""
    if fact_kind not in FACT_KINDS:
        raise CorrectionError(f"unknown fact kind {fact_kind!r} (kinds: {', '.join(FACT_KINDS)})")
    if action not in ACTIONS:
        raise CorrectionError(f"unknown action {action!r} (actions: {', '.join(ACTIONS)})")
    target = dict(target or {})
    value = dict(value or {})
    span = _span(target.get("span"))
    if span is not None and span[1] > text_length:
        raise CorrectionError(f"span {span} runs past the document's text ({text_length} characters)")
    stored_target: dict[str, Any] = {"kind": fact_kind, "span": span}
    if action != "add":
        original = target.get("value")
        if original is None or str(original).strip() == "":
            raise CorrectionError(f"a {action} names the fact's original value in its target")
        stored_target["value"] = str(original).strip()
        if fact_kind in ("event", "site") and span is None:
            raise CorrectionError(f"a {action} of a {fact_kind} names its evidence span in its target")
    elif fact_kind == "site" and span is None:
        raise CorrectionError("an added site names the span of its event's evidence in its target")
    # An event's "fact" (the event as it stood) is taken from the archive, never from the caller.
    if action == "reject":
        if value:
            raise CorrectionError("a reject sets no value")
        return stored_target, {}
    if fact_kind == "event":
        return stored_target, _event_value(value, adding=action == "add")
    return stored_target, _fact_value(fact_kind, value)


# -- applying -------------------------------------------------------------------------------


def overlaps(spans: Sequence[Span], target: Sequence[int] | None) -> bool:
    if target is None:
        return True
    start, end = target
    return any((s.start < end and start < s.end) or (s.start == start and s.end == end) for s in spans)


def _evidence_range(event: Event) -> list[int] | None:
    if not event.evidence:
        return None
    return [min(s.start for s in event.evidence), max(s.end for s in event.evidence)]


def event_target(event: Event) -> dict[str, Any]:
    """The target that names ``event`` in a correction (the review queue hands it out)."""
    return {"kind": "event", "span": _evidence_range(event), "value": event.type, "fact": event.to_json()}


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _set_event_fields(event: Event, fields: Mapping[str, Any], rule: str) -> Event:
    changed: dict[str, Any] = {"confidence": 1.0, "rule": rule}
    for name in EVENT_TEXTS:
        if name in fields:
            changed[name] = fields[name] or (LEADER if name == "actor" else None)
    for name in EVENT_DATES:
        if name in fields:
            changed[name] = as_date(fields[name] or None)
    if "start" in fields:
        changed["precision"] = "day" if fields["start"] else None
    for name in ("sites", "places", "weapons", "designations"):
        if name in fields:
            changed[name] = list(fields[name])
    if "people" in fields:
        known = {_fold(p.name): p for p in event.people}
        changed["people"] = [known.get(_fold(name)) or Participant(name, "present") for name in fields["people"]]
    if changed.get("type") is None and "type" in changed:
        del changed["type"]
    return replace(event, **changed)


def _new_event(text: str, correction: Pending, base: Mapping[str, Any] | None) -> Event:
    span = correction.target.get("span")
    event = (
        Event.from_json(dict(base))
        if base
        else Event(type=str(correction.value.get("type") or correction.target.get("value")))
    )
    if span is not None:
        event.evidence = [Span(*span)]
        event.evidence_text = text[span[0] : span[1]]
    return _set_event_fields(event, correction.value, correction.rule)


def _insert_in_text_order(events: list[Event], event: Event) -> None:
    at = event.evidence[0].start if event.evidence else None
    if at is None:
        events.append(event)
        return
    for i, other in enumerate(events):
        if other.evidence and other.evidence[0].start > at:
            events.insert(i, event)
            return
    events.append(event)


def _correct_event(extraction: Extraction, text: str, c: Pending) -> Status:
    if c.action == "add":
        _insert_in_text_order(extraction.events, _new_event(text, c, None))
        return "applied"
    original = _fold(str(c.target.get("value")))
    matched = [
        i
        for i, e in enumerate(extraction.events)
        if _fold(e.type) == original and overlaps(e.evidence, c.target.get("span"))
    ]
    if c.action == "reject":
        if not matched:
            return "moot"
        extraction.events = [e for i, e in enumerate(extraction.events) if i != matched[0]]
        return "applied"
    if not matched:
        _insert_in_text_order(extraction.events, _new_event(text, c, c.target.get("fact")))
        return "added"
    extraction.events[matched[0]] = _set_event_fields(extraction.events[matched[0]], c.value, c.rule)
    return "applied"


def _correct_site(extraction: Extraction, c: Pending) -> Status:
    span = c.target.get("span")
    near = [e for e in extraction.events if overlaps(e.evidence, span)]
    if c.action == "add":
        if not near:
            return "moot"
        near[0].sites.append(str(c.value["name"]))
        near[0].rule, near[0].confidence = c.rule, 1.0
        return "applied"
    original = _fold(str(c.target.get("value")))
    having = [e for e in near if any(_fold(s) == original for s in e.sites)]
    if not having:
        if c.action == "fix" and near:
            near[0].sites.append(str(c.value["name"]))
            near[0].rule, near[0].confidence = c.rule, 1.0
            return "added"
        return "moot"
    event = having[0]
    kept = [s for s in event.sites if _fold(s) != original]
    event.sites = kept if c.action == "reject" else [*kept, str(c.value["name"])]
    event.rule, event.confidence = c.rule, 1.0
    return "applied"


def _names_of(m: Mention) -> set[str]:
    return {_fold(m.canonical), _fold(m.text), _fold(str(m.attrs.get("display") or m.text))}


def _corrected_attrs(attrs: Mapping[str, Any], name: str, rule: str) -> dict[str, Any]:
    kept = {k: v for k, v in attrs.items() if k not in ("foreign", "history", "generic", "display")}
    return {**kept, "display": name, "confidence": 1.0, "rule": rule}


def _rename_in_events(extraction: Extraction, kind: str, old: set[str], new: str | None) -> None:
    """Carry a person's, place's or weapon's correction into the events that list it."""
    for event in extraction.events:
        if kind == "person":
            if new is None:
                event.people = [p for p in event.people if _fold(p.name) not in old]
            else:
                event.people = [p if _fold(p.name) not in old else replace(p, name=new) for p in event.people]
            continue
        field_name = "places" if kind == "place" else "weapons"
        values: list[str] = getattr(event, field_name)
        renamed = [v if _fold(v) not in old else new for v in values]
        setattr(event, field_name, list(dict.fromkeys(v for v in renamed if v is not None)))


def _correct_fact(extraction: Extraction, text: str, c: Pending) -> Status:
    kind = c.fact_kind
    span = c.target.get("span")
    if c.action == "add":
        name = str(c.value["name"])
        where = Span(*span) if span is not None else Span(0, 0)
        written = text[where.start : where.end] or name
        extraction.mentions.append(Mention(kind, where, written, name, _corrected_attrs({}, name, c.rule)))  # type: ignore[arg-type]
        return "applied"
    original = _fold(str(c.target.get("value")))
    named = [m for m in extraction.mentions if m.kind == kind and original in _names_of(m)]
    if span is not None and not overlaps([m.span for m in named], span):
        named = []
    if not named:
        if c.action == "fix":
            _correct_fact(extraction, text, replace(c, action="add"))
            return "added"
        return "moot"
    canonicals = {m.canonical for m in named}
    affected = [m for m in extraction.mentions if m.kind == kind and m.canonical in canonicals]
    old = set().union(*(_names_of(m) for m in affected))
    if c.action == "reject":
        gone = {id(m) for m in affected}
        extraction.mentions = [m for m in extraction.mentions if id(m) not in gone]
        _rename_in_events(extraction, kind, old, None)
        return "applied"
    name = str(c.value["name"])
    for m in affected:
        m.canonical = name
        m.attrs = _corrected_attrs(m.attrs, name, c.rule)
    _rename_in_events(extraction, kind, old, name)
    return "applied"


def apply(extraction: Extraction, text: str, corrections: Sequence[Pending]) -> tuple[Extraction, dict[int, Status]]:
    """A corrected copy of ``extraction`` (of a document whose normalized text is ``text``) and how
    each correction met it. The extraction given is left as it was."""
    corrected = copy.deepcopy(extraction)
    outcome: dict[int, Status] = {}
    for c in sorted(corrections, key=lambda c: c.id):
        if c.fact_kind == "event":
            outcome[c.id] = _correct_event(corrected, text, c)
        elif c.fact_kind == "site":
            outcome[c.id] = _correct_site(corrected, c)
        else:
            outcome[c.id] = _correct_fact(corrected, text, c)
    return corrected, outcome


# -- the stored corrections that apply ----------------------------------------------------------

CHUNK = 900


def active(conn: sa.Connection, doc_ids: Sequence[str]) -> dict[str, list[Pending]]:
    """The corrections in force (not withdrawn) of each of ``doc_ids`` that has any."""
    found: dict[str, list[Pending]] = {}
    ids = list(dict.fromkeys(doc_ids))
    for start in range(0, len(ids), CHUNK):
        query = (
            sa.select(
                corrections.c.id,
                corrections.c.doc_id,
                corrections.c.fact_kind,
                corrections.c.action,
                corrections.c.target,
                corrections.c.value,
            )
            .where(corrections.c.doc_id.in_(ids[start : start + CHUNK]))
            .where(corrections.c.superseded_by.is_(None), corrections.c.action != "withdraw")
            .order_by(corrections.c.id)
        )
        for row in conn.execute(query):
            found.setdefault(row.doc_id, []).append(
                Pending(int(row.id), row.fact_kind, row.action, row.target or {}, row.value or {})
            )
    return found


def note_outcomes(conn: sa.Connection, outcome: Mapping[int, Status]) -> None:
    """Store how each correction met its document's extraction (applied, added, moot)."""
    by_status: dict[str, list[int]] = {}
    for correction_id, met in outcome.items():
        by_status.setdefault(met, []).append(correction_id)
    for status, ids in by_status.items():
        for start in range(0, len(ids), CHUNK):
            conn.execute(
                corrections.update().where(corrections.c.id.in_(ids[start : start + CHUNK])).values(status=status)
            )
