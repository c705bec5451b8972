"""What is new since a date: first appearances, new titles, activity unusual for the season.

    n = novelties(store, since=date(2024, 10, 1), kb=kb)
    n.items          # designations, facilities, officials, places first seen on or after `since`
    n.title_changes  # an official seen with a title other than the one he had before
    n.unusual        # an event type reported far more often in a month than usual

"First seen" is the first appearance in the whole archive: an item counts as new only when
nothing before ``since`` names it. Each item cites the document where it first appeared.

Unusual for the season: for each month from ``since`` on, the leader's events of each type
are counted and compared with a baseline, the average count of that type in the same
calendar month of the archive's other years, or, when the archive holds no other year of
that month, the average over the archive's other months. A count of at least
``MIN_UNUSUAL`` that is at least ``FACTOR`` times the baseline is reported, with both numbers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fieldguide.analyze.entities import group_sites, is_official, resolve_weapon, same_office, title_history
from fieldguide.analyze.queries import (
    Citation,
    as_date,
    citations,
    latest_document_date,
    mention_citation,
    site_display,
    titled_people,
)
from fieldguide.kb import KnowledgeBase
from fieldguide.model import LEADER
from fieldguide.store import Store
from fieldguide.store.novelty_reads import (
    facility_sites,
    first_event_facets,
    first_mentions,
    leader_event_days,
    published_days,
)
from fieldguide.store.types import Connection

FACTOR = 2.0
MIN_UNUSUAL = 3
CONTEXT = 300


@dataclass(frozen=True, slots=True)
class NewItem:
    kind: str  # designation, facility, official, place
    name: str
    first_seen: date | None
    citation: Citation | None
    detail: str = ""  # the category of a designation, the title of an official, the country of a place

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "name": self.name,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "detail": self.detail,
            "citation": self.citation.to_json() if self.citation else None,
        }


@dataclass(frozen=True, slots=True)
class TitleChange:
    person: str
    title: str
    first_seen: date | None
    previous_title: str
    previous_last_seen: date | None
    doc_id: str

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "title": self.title,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "previous_title": self.previous_title,
            "previous_last_seen": self.previous_last_seen.isoformat() if self.previous_last_seen else None,
            "doc_id": self.doc_id,
        }


@dataclass(frozen=True, slots=True)
class Unusual:
    type: str
    month: str
    count: int
    baseline: float
    basis: str  # "same month, other years" or "other months"
    doc_ids: tuple[str, ...]  # a few of the month's documents

    @property
    def explanation(self) -> str:
        return (
            f"{self.count} {self.type} events in {self.month} against an average of {self.baseline:.1f} ({self.basis})"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "month": self.month,
            "count": self.count,
            "baseline": round(self.baseline, 2),
            "basis": self.basis,
            "explanation": self.explanation,
            "doc_ids": list(self.doc_ids),
        }


@dataclass(slots=True)
class Novelty:
    since: date
    latest_document: date | None
    items: list[NewItem] = field(default_factory=list)
    title_changes: list[TitleChange] = field(default_factory=list)
    unusual: list[Unusual] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "latest_document": self.latest_document.isoformat() if self.latest_document else None,
            "items": [i.to_json() for i in self.items],
            "title_changes": [t.to_json() for t in self.title_changes],
            "unusual": [u.to_json() for u in self.unusual],
        }


def novelties(store: Store, since: date, kb: KnowledgeBase) -> Novelty:
    """Everything first seen on or after ``since``, with its evidence."""
    with store.engine.connect() as conn:
        result = Novelty(since, latest_document_date(conn))
        titles = _title_histories(conn)
        result.items += _new_designations(conn, since, kb)
        result.items += _new_facilities(conn, since, kb)
        result.items += _new_people(conn, since, kb, titles)
        result.items += _new_places(conn, since, kb)
        result.title_changes = _title_changes(titles, since, kb)
        result.unusual = _unusual(conn, since)
    result.items.sort(key=lambda i: (i.first_seen or date.min, i.kind, i.name))
    return result


def _new_designations(conn: Connection, since: date, kb: KnowledgeBase) -> list[NewItem]:
    rows = [r for r in first_event_facets(conn, "designation") if r[1] and r[1] >= since]
    cited = citations(conn, [event_id for *_, event_id in rows])
    items = []
    for value, first, event_id in rows:
        weapon = resolve_weapon(value, kb)
        name = weapon.name if weapon else value
        category = next((str(d["category"]) for d in kb.raw["weapons"]["designations"] if d["name"] == name), "")
        items.append(NewItem("designation", name, first, cited.get(event_id), category))
    return items


def _new_facilities(conn: Connection, since: date, kb: KnowledgeBase) -> list[NewItem]:
    rows = facility_sites(conn)
    first_of = {(r[0], r[1]): (r[3], r[4]) for r in rows}
    groups = group_sites([(r[0], r[1], r[2]) for r in rows], kb)
    new = []
    for group in groups:
        seen = [first_of[(phrase, group.sector)] for phrase in group.phrases if (phrase, group.sector) in first_of]
        dated = [(day, event_id) for day, event_id in seen if day is not None]
        if not dated:
            continue
        first, event_id = min(dated)
        if first >= since:
            new.append((group, first, event_id))
    cited = citations(conn, [event_id for *_, event_id in new])
    return [
        NewItem("facility", site_display(conn, event_id, group.name), first, cited.get(event_id), group.sector or "")
        for group, first, event_id in new
    ]


def _new_people(conn: Connection, since: date, kb: KnowledgeBase, titles: dict[str, list[Any]]) -> list[NewItem]:
    """People first named on or after ``since`` who are DPRK officials."""
    items = []
    for name, first, doc_id, position in first_mentions(conn, "person", since):
        seen = [t.title for t in titles.get(name, [])]
        if name == LEADER or not is_official(name, seen, kb):
            continue
        person = kb.person(name)
        detail = seen[0] if seen else (person.titles[0].title if person and person.titles else "")
        items.append(NewItem("official", name, first, mention_citation(conn, doc_id, position, CONTEXT), detail))
    return items


def _new_places(conn: Connection, since: date, kb: KnowledgeBase) -> list[NewItem]:
    items = []
    for name, first, doc_id, position in first_mentions(conn, "place", since):
        place = kb.place(name)
        detail = place.country if place else ""
        items.append(NewItem("place", name, first, mention_citation(conn, doc_id, position, CONTEXT), detail))
    return items


def _title_histories(conn: Connection) -> dict[str, list[Any]]:
    """Each titled person's title history, from the people lists of every event."""
    observations: dict[str, list[tuple[str | None, date | None, str, tuple[int, int] | None]]] = defaultdict(list)
    for name, title, day, doc_id, _event_id in titled_people(conn):
        observations[name].append((title, day, doc_id, None))
    return {name: title_history(seen) for name, seen in observations.items()}


def _title_changes(histories: dict[str, list[Any]], since: date, kb: KnowledgeBase) -> list[TitleChange]:
    """Officials first seen with a title on or after ``since`` who had another title before."""
    changes = []
    for name, history in sorted(histories.items()):
        if not is_official(name, [t.title for t in history], kb):
            continue
        for seen in history:
            if seen.first_seen is None or seen.first_seen < since:
                continue
            earlier = [
                t
                for t in history
                if t.first_seen is not None and t.first_seen < seen.first_seen and not same_office(t.title, seen.title)
            ]
            if earlier:
                before = max(earlier, key=lambda t: (t.last_seen or t.first_seen, t.title))
                changes.append(
                    TitleChange(name, seen.title, seen.first_seen, before.title, before.last_seen, seen.doc_id)
                )
    return sorted(changes, key=lambda c: (c.first_seen or date.min, c.person))


def _unusual(conn: Connection, since: date) -> list[Unusual]:
    rows = leader_event_days(conn)
    per_month: Counter[tuple[str, int, int]] = Counter()
    docs: dict[tuple[str, int, int], set[str]] = defaultdict(set)
    for day, type_, doc_id in rows:
        when = as_date(day)
        if when is None:
            continue
        per_month[(type_, when.year, when.month)] += 1
        docs[(type_, when.year, when.month)].add(doc_id)
    covered = {(d.year, d.month) for d in published_days(conn) if d}
    found = []
    for (type_, year, month), count in sorted(per_month.items()):
        if date(year, month, 1) < since.replace(day=1) or count < MIN_UNUSUAL:
            continue
        same_month = [(y, m) for y, m in covered if m == month and y != year]
        others, basis = (
            (same_month, "same month, other years")
            if same_month
            else (
                [ym for ym in covered if ym != (year, month)],
                "other months",
            )
        )
        if not others:
            continue
        baseline = sum(per_month[(type_, y, m)] for y, m in others) / len(others)
        if count >= FACTOR * baseline:
            doc_ids = tuple(sorted(docs[(type_, year, month)])[:5])
            found.append(Unusual(type_, f"{year}-{month:02d}", count, baseline, basis, doc_ids))
    return found
