"""What linking compares of a document, stored by ingest beside its extraction: the content
words and number keys of its text (``Terms``) and the named facts of its record (``Facts``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from fieldguide.fingerprints.words import content_of, document_words, fold_name, number_key, numbers
from fieldguide.model import LEADER


def _canonical_sets(record: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """The folded canonical names of the people and of the places the record mentions (not
    foreign, not historical), in one pass over its mentions."""
    people: set[str] = set()
    places: set[str] = set()
    for m in record.get("mentions", []):
        kind = m.get("kind")
        if kind not in ("person", "place"):
            continue
        attrs = m.get("attrs") or {}
        if attrs.get("foreign") or attrs.get("history"):
            continue
        (people if kind == "person" else places).add(fold_name(str(m.get("canonical", ""))))
    return people, places


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


@dataclass(frozen=True, slots=True)
class Terms:
    """What linking reads of a document's text, as the archive stores it beside the extraction
    (so that a batch of reports does not split every candidate dispatch into words again)."""

    words: str  # content words, sorted, space-separated
    numbers: str  # number keys, sorted, space-separated

    @classmethod
    def of(cls, title: str | None, text: str) -> Terms:
        words = content_of(document_words(title, text))
        keys = {number_key(n.value) for n in numbers(text)}
        return cls(" ".join(sorted(words)), " ".join(sorted(keys)))


@dataclass(frozen=True, slots=True)
class Facts:
    """The named facts linking compares, read from an extraction record; the archive stores
    them beside it (a few hundred bytes, where the record holds every mention and span)."""

    designations: frozenset[str]
    weapons: frozenset[str]
    people: frozenset[str]
    places: frozenset[str]
    sites: frozenset[str]
    event_types: frozenset[str]
    event_dates: frozenset[date]
    reported: date | None

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> Facts:
        events = record.get("events", [])
        designations = {fold_name(str(d)) for d in record.get("designations", [])}
        weapons = {fold_name(str(w)) for w in record.get("weapons", [])}
        people, places = _canonical_sets(record)
        people.discard(fold_name(LEADER))
        event_dates: set[date] = set()
        for event in events:
            designations.update(fold_name(str(d)) for d in event.get("designations", []))
            weapons.update(fold_name(str(w)) for w in event.get("weapons", []))
            people.update(fold_name(str(p["name"])) for p in event.get("people", []) if p.get("name") != LEADER)
            for key in ("start", "end"):
                day = _as_date(event.get(key))
                if day and event.get("precision") in (None, "day"):
                    event_dates.add(day)
        weapons.discard("missile")  # the generic word: every missile story has it
        return cls(
            designations=frozenset(designations),
            weapons=frozenset(weapons),
            people=frozenset(people),
            places=frozenset(places),
            sites=frozenset(fold_name(str(s)) for e in events for s in e.get("sites", [])),
            event_types=frozenset(str(e.get("type")) for e in events if e.get("type") and e.get("type") != "other"),
            event_dates=frozenset(event_dates),
            reported=_as_date(record.get("reported")),
        )

    def to_json(self) -> str:
        lists = {name: sorted(getattr(self, name)) for name in _FACT_SETS}
        dates = sorted(d.isoformat() for d in self.event_dates)
        reported = self.reported.isoformat() if self.reported else None
        return orjson.dumps({**lists, "event_dates": dates, "reported": reported}).decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> Facts:
        data = orjson.loads(text)
        sets = {name: frozenset(data.get(name) or ()) for name in _FACT_SETS}
        days = frozenset(date.fromisoformat(d) for d in data.get("event_dates") or ())
        return cls(**sets, event_dates=days, reported=_as_date(data.get("reported")))


_FACT_SETS = ("designations", "weapons", "people", "places", "sites", "event_types")
