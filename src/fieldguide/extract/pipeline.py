"""The extraction pipeline: a Document and the knowledge base in, an Extraction out.

Pure: no database, no network, no clock. The knowledge base is compiled once
into matchers (``Extractor``); each component then reads the text and what the
components before it found, in a fixed order, and a component that fails is
named in ``Extraction.problems`` instead of losing the whole document.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fieldguide.extract.anchors import Gate, Hits, SharedScan
from fieldguide.extract.confidence import ConfidenceTable, assess
from fieldguide.extract.dates import DateMention, find_dateline, find_dates, trigger_automaton
from fieldguide.extract.events import EventInputs, EventRules, find_events
from fieldguide.extract.events.subjects import epithet_automaton
from fieldguide.extract.people import (
    NameIndex,
    find_people,
    plural_title_automaton,
    title_after,
    title_automaton,
)
from fieldguide.extract.places import Gazetteer, PlaceEntry, find_places, place_word_automaton
from fieldguide.extract.text import Sentence, lowercase, sentence_at, sentences
from fieldguide.extract.weapons import WeaponMatcher, apply_generic, find_weapons
from fieldguide.kb import KnowledgeBase
from fieldguide.model import LEADER, Document, Event, Extraction, Mention, Span

# Stretches that recall the past, where weapons are not the present-day forces.
# Matched on the lower-cased text (faster than IGNORECASE). A ship or unit "named after" an
# anti-Japanese fighter is a namesake: its sentence still speaks of the present.
HISTORY = re.compile(
    r"\b(?:fatherland liberation war|korean war|the 1950s|wartime|war veterans?|(?<!named after )anti-japanese|"
    r"the last war|war years|martyrs?|during the war|in the war|a-bomb|atomic bomb)\b"
)
CEREMONIAL = re.compile(r"\b(?:honour guard|guard of honour|gun salute|salvo|salute)\b")


# The longest text read whole. The longest dispatch of 2024 has 30,614 characters; a text
# far longer is hostile or not one dispatch, and the events stage compares each event with the
# text's other facts, so its cost grows faster than the text. What lies beyond is not read, and
# the extraction's problems say so, rather than holding a batch up for minutes.
MAX_TEXT_CHARS = 200_000


def _cut(doc: Document) -> tuple[Document, str]:
    """The document cut at the last paragraph or sentence end before the limit (else at a space)."""
    text = doc.text
    end = max(text.rfind("\n", 0, MAX_TEXT_CHARS), text.rfind(". ", 0, MAX_TEXT_CHARS) + 1)
    if end <= MAX_TEXT_CHARS // 2:
        end = text.rfind(" ", 0, MAX_TEXT_CHARS)
    if end <= 0:
        end = MAX_TEXT_CHARS
    note = (
        f"text: {len(text):,} characters, more than the {MAX_TEXT_CHARS:,} read for extraction; "
        f"only the first {end:,} were read"
    )
    return dataclasses.replace(doc, text=text[:end]), note


@dataclass(slots=True)
class _Work:
    """What the components found so far in one document."""

    doc: Document
    reported: date | None = None
    dateline: Span | None = None
    sentences: list[Sentence] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    people: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    weapons: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)
    lowered: str = ""  # the text lower-cased once, for the Aho-Corasick pass
    hits: dict[str, Hits] = field(default_factory=dict)  # each matcher's share of that pass


# What a new _Work holds before any component runs.
INITIAL_FIELDS = frozenset({"doc", "lowered", "hits"})


@dataclass(frozen=True, slots=True)
class Component:
    """One step of extraction: what it reads of the working document and what it writes there.
    ``check_wiring`` refuses an order in which a step reads what no step before it wrote."""

    name: str
    run: Callable[[_Work], None]
    reads: frozenset[str]
    writes: frozenset[str]


def check_wiring(components: tuple[Component, ...]) -> None:
    """Raise ValueError when a component reads a field that neither the start nor an earlier
    component provides, or writes a field that is not the working document's."""
    known = set(INITIAL_FIELDS)
    fields = {f.name for f in dataclasses.fields(_Work)}
    for c in components:
        unknown = (c.reads | c.writes) - fields
        if unknown:
            raise ValueError(f"component {c.name!r} names fields the working document lacks: {sorted(unknown)}")
        missing = c.reads - known
        if missing:
            raise ValueError(f"component {c.name!r} reads {sorted(missing)} before any component writes it")
        known |= c.writes


def _step(name: str, run: Callable[[_Work], None], reads: str, writes: str) -> Component:
    return Component(name, run, frozenset(reads.split()), frozenset(writes.split()))


class Extractor:
    """The knowledge base compiled into matchers; call it on documents."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb_version = kb.version
        self.names = NameIndex.build(
            ((p.name, p.aliases, p.country) for p in kb.people),
            (n for p in kb.places for n in p.names),
            (kb.raw.get("name_words") or {}).get("not_name_words") or (),
        )
        self.gazetteer = Gazetteer(
            (PlaceEntry(p.name, p.kind, p.country, p.parent, p.lat, p.lon), p.aliases) for p in kb.places
        )
        self.weapons = WeaponMatcher.from_data(kb.raw.get("weapons") or {})
        self.past_words = Gate([HISTORY, CEREMONIAL])
        self.generic_weapons: dict[str, list[str]] = dict((kb.raw.get("weapons") or {}).get("generic") or {})
        foreign_people = (n for p in kb.people if p.country != "KP" for n in (p.name, *p.aliases))
        self.rules = EventRules.from_data(kb.raw.get("events") or {}, kb.raw.get("sites") or {}, foreign_people)
        self.confidence = ConfidenceTable.from_data(kb.raw.get("confidence") or {})
        # One pass over each text for every list of words the matchers look for.
        self.scanner = SharedScan(
            {
                "names": self.names.automaton,
                "places": self.gazetteer.automaton,
                "weapons": self.weapons.gate.automaton,
                "past": self.past_words.automaton,
                "events": self.rules.gate.automaton,
                "subjects": epithet_automaton(),
                "titles": title_automaton(),
                "plural titles": plural_title_automaton(),
                "place words": place_word_automaton(),
                "dates": trigger_automaton(),
            }
        )
        self.components: tuple[Component, ...] = (
            _step("dateline", self._dateline, "doc", "reported dateline"),
            _step("sentences", self._sentences, "doc", "sentences"),
            _step("dates", self._dates, "doc reported hits", "dates"),
            _step("people", self._people, "doc lowered hits", "people titles"),
            _step("places", self._places, "doc dateline lowered hits", "places"),
            _step("weapons", self._weapons, "doc lowered hits sentences", "weapons"),
            _step(
                "events",
                self._events,
                "doc sentences people places weapons dates reported titles lowered hits",
                "events",
            ),
            # last: it reads what the others recorded (and sets each fact's confidence in place)
            _step("confidence", self._confidence, "doc sentences people places weapons events", ""),
        )
        check_wiring(self.components)

    def __call__(self, doc: Document) -> Extraction:
        problems: list[str] = []
        if len(doc.text) > MAX_TEXT_CHARS:
            doc, note = _cut(doc)
            problems.append(note)
        lowered = lowercase(doc.text)
        work = _Work(doc, lowered=lowered, hits=self.scanner.scan(lowered))
        for component in self.components:
            try:
                component.run(work)
            except Exception as e:  # one component's bug must not lose the document's other facts
                problems.append(f"{component.name}: {type(e).__name__}: {e}")
        mentions = sorted(
            [*_date_mentions(work), *work.people, *work.places, *work.weapons], key=lambda m: m.span.start
        )
        return Extraction(
            doc_id=doc.id,
            reported=work.reported,
            events=work.events,
            mentions=mentions,
            kb_version=self.kb_version,
            problems=problems,
        )

    def _dateline(self, work: _Work) -> None:
        work.reported, work.dateline = find_dateline(work.doc.text, work.doc.published)

    def _sentences(self, work: _Work) -> None:
        work.sentences = sentences(work.doc.text)

    def _dates(self, work: _Work) -> None:
        work.dates = find_dates(work.doc.text, work.reported, work.hits.get("dates"))

    def _people(self, work: _Work) -> None:
        text = work.doc.text
        hits = work.hits
        work.people = find_people(
            text, self.names, work.lowered, hits["names"], hits.get("titles"), hits.get("plural titles")
        )
        for m in work.people:
            title = title_after(text, m)
            if title:
                work.titles[m.span.start] = title
                m.attrs["title"] = title

    def _places(self, work: _Work) -> None:
        hits = work.hits
        work.places = find_places(
            work.doc.text, self.gazetteer, work.dateline, work.lowered, hits["places"], hits.get("place words")
        )

    def _weapons(self, work: _Work) -> None:
        text = work.doc.text
        lowered = work.lowered
        history = _sentences_with(self.past_words, lowered, work.sentences, work.hits["past"])
        bounds = [(s.span.start, s.span.end) for s in work.sentences]
        work.weapons = find_weapons(text, self.weapons, bounds, history, work.lowered, work.hits["weapons"])
        apply_generic(work.weapons, self.generic_weapons)

    def _events(self, work: _Work) -> None:
        inputs = EventInputs(
            text=work.doc.text,
            sentences=work.sentences,
            people=work.people,
            places=work.places,
            weapons=work.weapons,
            dates=work.dates,
            reported=work.reported,
            titles=work.titles,
            lowered=work.lowered,
            hits=work.hits.get("events"),  # the shared scan's share, not a scan of its own
            subject_hits=work.hits.get("subjects"),
            title=work.doc.title,
        )
        work.events = find_events(inputs, self.rules)


    def _confidence(self, work: _Work) -> None:
        mentions = [*work.people, *work.places, *work.weapons]
        assess(self.confidence, work.doc.text, work.doc.title, work.sentences, mentions, work.events)


def _sentences_with(gate: Gate, lowered: str, sents: list[Sentence], hits: Hits | None = None) -> list[tuple[int, int]]:
    """The (start, end) of each sentence where one of the gate's patterns occurs."""
    out: dict[int, tuple[int, int]] = {}
    for i, positions in gate.positions(lowered, hits).items():
        pattern = gate.patterns[i]
        for pos in positions:
            if pattern.match(lowered, pos):
                s = sentence_at(sents, pos)
                if s is not None:
                    out[s.index] = (s.span.start, s.span.end)
    return list(out.values())


def _date_mentions(work: _Work) -> list[Mention]:
    out = []
    for d in work.dates:
        attrs: dict[str, Any] = {"kind": d.kind, "precision": d.precision}
        if d.start:
            attrs["start"] = d.start.isoformat()
        if d.end:
            attrs["end"] = d.end.isoformat()
        canonical = d.start.isoformat() if d.start else d.text
        out.append(Mention("date", d.span, d.text, canonical, attrs))
    return out


_CACHE: dict[str, Extractor] = {}


def extract(doc: Document, kb: KnowledgeBase) -> Extraction:
    """Extract one document; the compiled knowledge base is reused across calls."""
    extractor = _CACHE.get(kb.version)
    if extractor is None:
        extractor = _CACHE[kb.version] = Extractor(kb)
    return extractor(doc)


__all__ = ["LEADER", "Extractor", "extract"]
