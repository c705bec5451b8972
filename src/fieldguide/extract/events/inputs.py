"""What the events step reads of a dispatch: its text, sentences and the facts found before it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from fieldguide.extract.anchors import Hits
from fieldguide.extract.dates import DateMention
from fieldguide.extract.events.earlier import EarlierTime
from fieldguide.extract.text import Sentence
from fieldguide.model import Mention


@dataclass(slots=True)
class EventInputs:
    text: str
    sentences: list[Sentence]
    people: list[Mention]
    places: list[Mention]
    weapons: list[Mention]
    dates: list[DateMention]
    reported: date | None
    titles: dict[int, str] = field(default_factory=dict)  # person mention start -> title
    title: str | None = None  # the document's headline
    lowered: str = ""  # the text lower-cased
    hits: Hits | None = None  # the event rules' share of the extractor's shared scan
    subject_hits: Hits | None = None  # the leader's epithets' share of it (subjects.epithet_automaton)
    scene_sentences: list[Sentence] | None = None  # those that can say where an occasion took place
    acts: frozenset[int] = frozenset()  # the sentences that tell an activity (hold a trigger)
    earlier: EarlierTime | None = None  # the rules' clauses of an earlier time (see events.earlier)
