"""The arms of his tests and drills: the rocket told sentences after the lead, and the host's arms shown
to him abroad, which are no test or drill of his."""

from __future__ import annotations

from fieldguide.extract.events.inputs import EventInputs
from fieldguide.extract.text import sentence_at
from fieldguide.extract.weapons import FOREIGN_DESIGNATION
from fieldguide.model import Event


def without_hosts_displays(events: list[Event], inputs: EventInputs) -> list[Event]:
    """"He looked round the aircraft plant ... and watched a demonstration flight of the Su-35 fighter": a
    display of the host's arms on a visit abroad is a part of the visit, not a drill or test of his."""
    def hosts_only(e: Event) -> bool:
        if e.type not in ("weapons_test", "military_exercise") or not e.evidence:
            return False
        sentence = sentence_at(inputs.sentences, e.evidence[0].start)
        if sentence is None:
            return False
        arms = [m for m in inputs.weapons if sentence.span.start <= m.span.start < sentence.span.end]
        foreign_named = FOREIGN_DESIGNATION.search(sentence.text) is not None  # ("the Su-35 fighter")
        return (bool(arms) or foreign_named) and all(m.attrs.get("foreign") for m in arms)

    visits = [e for e in events if e.type == "inspection"]
    return [e for e in events if not (hosts_only(e) and any(v.evidence and v.evidence[0].start < e.evidence[0].start
                                                           for v in visits))]


def arms_told_after_the_launch(events: list[Event], inputs: EventInputs) -> None:
    """"A ballistic rocket launching drill took place on August 29 under his guidance. ... The rocket
    Hwasong-12 soared into the sky": the arms of his only test or drill, told in the sentences after it."""
    firing = [e for e in events if e.type in ("weapons_test", "military_exercise") and e.evidence]
    if len(firing) != 1 or firing[0].weapons:
        return
    event = firing[0]
    for m in inputs.weapons:
        if m.span.start < event.evidence[0].start or not m.counts:
            continue
        if m.canonical not in event.weapons:
            event.weapons.append(m.canonical)
        designation = m.attrs.get("designation")
        if designation and designation not in event.designations:
            event.designations.append(str(designation))
