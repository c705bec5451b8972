"""Who was there: those accompanying, greeting or meeting him, with their roles."""

from __future__ import annotations

import re

from fieldguide.extract.anchors import Prefiltered
from fieldguide.extract.events.inputs import EventInputs
from fieldguide.extract.events.subjects import people_by_sentence
from fieldguide.extract.text import sentence_at
from fieldguide.model import LEADER, Event, Mention, Participant

ACCOMPANIED = re.compile(
    r"\b(?:was|were) accompanied by\b|\baccompanying him\b|\baccompanied him\b"
    r"|^(?:Also )?(?:present|on hand)\s+(?:there|at (?:the|this) [\w-]+(?: [\w-]+)?|on the spot)?\s*(?:was|were)\b",
    re.I,
)


GREETED = re.compile(r"\b(?:was )?(?:greeted|welcomed|received) (?:at [\w\s]+ )?by\b", re.I)
# searched in every sentence that names someone: most hold none of their words
_ACCOMPANIED = Prefiltered(ACCOMPANIED)
_GREETED = Prefiltered(GREETED)


def attach_people(events: list[Event], inputs: EventInputs) -> None:
    """Accompanying officials go with the leader's events; other names with the event they stand in."""
    leader_events = [e for e in events if e.actor == LEADER]
    if not events:
        return
    in_sentence = people_by_sentence(inputs.sentences, inputs.people)
    # Each event under the sentences its evidence stands in, and the names each already holds:
    # looked up, not searched, for every sentence (a long text holds thousands of both).
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        for s in event.evidence:
            holder = sentence_at(inputs.sentences, s.start)
            if holder is not None:
                listed = by_sentence.setdefault(holder.index, [])
                if not listed or listed[-1] is not event:  # in the order of events, each once
                    listed.append(event)
    named: dict[int, set[str]] = {id(event): {p.name for p in event.people} for event in events}

    def attach(event: Event, m: Mention, role: str) -> None:
        if m.canonical not in named[id(event)]:
            named[id(event)].add(m.canonical)
            event.people.append(Participant(m.canonical, role, inputs.titles.get(m.span.start), m.span))

    for sentence in inputs.sentences:
        names = [m for m in in_sentence.get(sentence.index, []) if m.canonical != LEADER]
        if not names:
            continue
        role = None
        if _ACCOMPANIED.search(sentence.text):
            role = "accompanied"
        elif _GREETED.search(sentence.text):
            role = "received"
        if role:
            for event in leader_events:
                for m in names:
                    attach(event, m, role)
            continue
        for event in by_sentence.get(sentence.index, ()):
            for m in names:
                attach(event, m, _role_for(event.type))


def _role_for(event_type: str) -> str:
    return {
        "message_sent": "recipient",
        "gift": "recipient",
        "message_received": "sender",
        "diplomacy": "met",
    }.get(event_type, "present")
