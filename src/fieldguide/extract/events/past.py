"""Acts of his told as of another time than the report's: a clause or a sentence of a year gone by, an aside
in the past perfect. The events step leaves them out, or dates nothing by them."""

from __future__ import annotations

import re

from fieldguide.extract.events.candidates import Candidate
from fieldguide.extract.events.inputs import EventInputs
from fieldguide.model import Event

RECALLED_CONTEXT_DAYS = 31  # once the text recalls the past, a day further back than this is of that past


_GOES_ON = re.compile(r"(?:(?:He|Kim Jong Un) )?(?:then|later|afterwards|after that)\b", re.I)


def told_after_a_past_year(head: Candidate, inputs: EventInputs) -> bool:
    """The sentence before names a year gone by ("in Juche 101 (2012)", "On August 25, Juche 49 (1960)"):
    an undated act told right after it is of that time."""
    if head.sentence.index == 0 or inputs.reported is None or _GOES_ON.match(head.sentence.text):
        return False  # ("In 2014 he visited the unit. He then looked round the fish farm": the story goes on)
    before = inputs.sentences[head.sentence.index - 1]
    return any(
        before.span.start <= d.span.start < before.span.end and d.start is not None
        and d.start.year < inputs.reported.year and d.kind in ("absolute", "juche", "year", "month")
        for d in inputs.dates
    )


def long_before(event: Event, inputs: EventInputs) -> bool:
    return bool(inputs.reported and event.start and (inputs.reported - event.start).days > RECALLED_CONTEXT_DAYS)


_WHO_BEFORE = re.compile(r",\s*who\s+(?:had\s+)?$")


def visit_recalled_in_a_clause(c: Candidate, inputs: EventInputs) -> bool:
    """"Kim Jong Un, who visited the construction site in March, ...": an act of his told in a relative
    clause with a date of an earlier time ("in March", "last year") is a back-reference, not news."""
    if not _WHO_BEFORE.search(inputs.text, max(0, c.trigger.start - 12), c.trigger.start):
        return False
    comma = inputs.text.find(",", c.trigger.end, c.sentence.span.end)
    clause_end = comma if comma >= 0 else c.sentence.span.end
    return any(
        d.kind == "back_reference" and c.trigger.end <= d.span.start < clause_end for d in inputs.dates
    )


_HAD_DONE = re.compile(r"\bhad (?:[a-z]+ (?:and )?)?$")


def told_as_done_before(trigger_start: int, text: str) -> bool:
    """"Kim Jong Un had met and held talks with him the previous day": an aside in the past perfect."""
    return _HAD_DONE.search(text, max(0, trigger_start - 40), trigger_start) is not None
