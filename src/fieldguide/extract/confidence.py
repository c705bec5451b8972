"""How likely each fact is right: the last stage of extraction.

It reads only what the stages before it recorded (how a person or place was found, a
weapon's designation and flags, an event's trigger, actor and date) and sets each
person, place and weapon mention's ``attrs["confidence"]`` and ``attrs["rule"]`` and
each event's ``confidence`` and ``rule``, from the table in kb/data/confidence.yaml.
The rules of extraction themselves are not touched.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldguide.extract.digest import is_digest
from fieldguide.extract.text import Sentence, sentence_at
from fieldguide.model import Event, Mention

_PRONOUN = re.compile(r"(?<![\w-])[Hh]e\b")


def clamp(value: float) -> float:
    """A confidence kept within 0-1, whatever the adjustments added up to."""
    return min(1.0, max(0.0, value))


@dataclass(frozen=True, slots=True)
class _TriggerRule:
    rule: str
    pattern: re.Pattern[str]
    confidence: float


@dataclass(frozen=True, slots=True)
class ConfidenceTable:
    """The base confidences and adjustments of confidence.yaml, ready to apply."""

    people: Mapping[str, float] = field(default_factory=dict)
    places: Mapping[str, float] = field(default_factory=dict)
    weapons: Mapping[str, float] = field(default_factory=dict)
    weapon_terms: Mapping[str, float] = field(default_factory=dict)  # a category term's base, by category
    event_types: Mapping[str, float] = field(default_factory=dict)
    triggers: tuple[_TriggerRule, ...] = ()
    adjustments: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ConfidenceTable:
        events = data.get("event") or {}
        return cls(
            people=dict(data.get("person") or {}),
            places=dict(data.get("place") or {}),
            weapons={k: v for k, v in (data.get("weapon") or {}).items() if k != "term_categories"},
            weapon_terms=dict((data.get("weapon") or {}).get("term_categories") or {}),
            event_types=dict(events.get("types") or {}),
            triggers=tuple(
                _TriggerRule(t["rule"], re.compile(t["pattern"], re.IGNORECASE), float(t["confidence"]))
                for t in events.get("triggers") or ()
            ),
            adjustments=dict(events.get("adjustments") or {}),
        )

    # --- mentions ---------------------------------------------------------------------

    def person(self, m: Mention) -> tuple[float, str]:
        found_by = str(m.attrs.get("found_by") or "pattern").replace(" ", "_")
        value = self.people.get(found_by, self.people.get("pattern", 0.5))
        rule = f"person: {found_by.replace('_', ' ')}"
        if found_by != "leader" and " " not in m.canonical:
            value += self.people.get("single_word", 0.0)
            rule += ", single word"
        return clamp(value), rule

    def place(self, m: Mention) -> tuple[float, str]:
        if m.attrs.get("found_by") == "suffix":
            key = "suffix"
        else:
            key = "gazetteer_foreign" if m.attrs.get("foreign") else "gazetteer"
        rule = f"place: {key.replace('_', ' ')}"
        return clamp(self.places.get(key, 0.5)), rule

    def weapon(self, m: Mention) -> tuple[float, str]:
        if m.attrs.get("designation"):
            value, parts = self.weapons.get("designation", 0.5), ["designation"]
        elif m.canonical in self.weapon_terms:
            value, parts = self.weapon_terms[m.canonical], [f"{m.canonical} term"]
        else:
            value, parts = self.weapons.get("term", 0.5), ["term"]
        for flag in ("generic", "foreign", "history"):
            if m.attrs.get(flag):
                value += self.weapons.get(flag, 0.0)
                parts.append(flag)
        return clamp(value), "weapon: " + ", ".join(parts)

    # --- events -----------------------------------------------------------------------

    def event(self, e: Event, trigger: str, actor_form: str, digest: bool) -> tuple[float, str]:
        """``trigger``: the words of the event's first trigger; ``actor_form``: "named", "pronoun"
        or "other" (an epithet or a passive phrase); ``digest``: a line of a round-up."""
        value = self.event_types.get(e.type, 0.5)
        rule = f"event: {e.type}"
        for t in self.triggers:
            if t.pattern.search(trigger):
                value, rule = t.confidence, f"event: {t.rule}"
                break
        notes = []
        applies = {
            "pronoun_actor": actor_form == "pronoun",
            "no_named_actor": actor_form == "other",
            "undated": e.start is None and not digest,
            "digest": digest,
            "several_triggers": len(e.evidence) > 1,
            # a range of days for what is done in one (a speech, a test, talks): a visit's days joined
            "several_days": e.start is not None and e.end is not None and e.start != e.end and e.type != "meeting",
        }
        for name, holds in applies.items():
            if holds and name in self.adjustments:
                value += self.adjustments[name]
                notes.append(name.replace("_", " "))
        return clamp(value), rule + (f" ({', '.join(notes)})" if notes else "")


def assess(
    table: ConfidenceTable,
    text: str,
    title: str | None,
    sentences: list[Sentence],
    mentions: Iterable[Mention],
    events: Iterable[Event],
) -> None:
    """Set the confidence and rule of every person, place and weapon mention and every event."""
    people: list[Mention] = []
    for m in mentions:
        if m.kind == "person":
            confidence, rule = table.person(m)
            people.append(m)
        elif m.kind == "place":
            confidence, rule = table.place(m)
        elif m.kind == "weapon":
            confidence, rule = table.weapon(m)
        else:
            continue
        m.attrs["confidence"] = round(confidence, 3)
        m.attrs["rule"] = rule
    digest = is_digest(title)
    people.sort(key=lambda m: m.span.start)
    starts = [m.span.start for m in people]
    for e in events:
        trigger = e.evidence[0].of(text) if e.evidence else ""
        form = _actor_form(e, text, sentences, people, starts)
        confidence, rule = table.event(e, trigger, form, digest)
        e.confidence = round(confidence, 3)
        e.rule = rule


def _actor_form(
    e: Event, text: str, sentences: list[Sentence], people: Sequence[Mention], starts: Sequence[int]
) -> str:
    """How the sentence of the event's first trigger names its actor before the trigger.

    ``people`` are the person mentions in text order, ``starts`` where each begins."""
    if not e.evidence:
        return "other"
    trigger = e.evidence[0]
    sentence = sentence_at(sentences, trigger.start)
    begin = sentence.span.start if sentence is not None else max(0, trigger.start - 300)
    first, last = bisect_left(starts, begin), bisect_left(starts, trigger.start)
    if any(m.canonical == e.actor for m in people[first:last]):
        return "named"
    if _PRONOUN.search(text, begin, trigger.start):
        return "pronoun"
    return "other"
