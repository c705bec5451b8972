"""Everything the archive holds on one person, weapon, place or facility.

    d = dossier(store, "Jo Yong-won", kb)     # a person, in any common romanization
    d = dossier(store, "Hwasongpho-19", kb)   # a designation; "ICBM" a weapon category
    d = dossier(store, "Chagang Province", kb)
    d = dossier(store, "munitions factory", kb)  # a facility, by the words of its site
    d.first_seen, d.last_seen, d.appearances[0].citation, d.companions, d.titles

A name is tried, in order, as a person, a weapon (category, then designation), a place and
a facility; the first that the archive holds wins and ``kind`` says which. Appearances are
the events the subject takes part in (latest first, ``limit`` of them; the counts cover all)
and, for people, places and weapon categories, the documents that mention it without an
event. Every appearance is cited: document id, title, evidence sentence and its spans.
Counts and dates are aggregated in SQL so that the answer stays fast on a large archive.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fieldguide.analyze.activities import WINDOW, read_activities
from fieldguide.analyze.entities import (
    TitleSeen,
    facility_key,
    resolve_weapon,
    title_history,
)
from fieldguide.analyze.queries import (
    Citation,
    as_date,
    citations,
    event_people,
    mention_citation,
    mention_titles,
)
from fieldguide.errors import NotFoundError, QueryError
from fieldguide.kb import KnowledgeBase
from fieldguide.store import Store
from fieldguide.store.dossier_reads import Mentions as Mentions  # kept importable from here
from fieldguide.store.dossier_reads import (
    accompanied,
    companions,
    counts_by_day_and_type,
    documents_in_order,
    events_among,
    has_facet,
    has_mention,
    latest_events,
    mention_only_summary,
    site_counts,
    subject_events,
    subject_mentions,
)
from fieldguide.store.types import Connection, EventSelection

SNIPPET = 400  # characters of context either side of a mention without an event
COMPANIONS = 25
TITLE_DOCUMENTS = 200  # mentions read for titles: the earliest and the latest this many documents


@dataclass(frozen=True, slots=True)
class Subject:
    """What a name was resolved to, and how the archive records it."""

    kind: str  # person, weapon, designation, place, facility
    name: str
    facet_kinds: tuple[str, ...]
    facet_values: tuple[str, ...]  # lower-cased, as event_facets keeps them
    mention_kind: str | None = None  # mentions without an event are counted for this kind
    mention_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Appearance:
    day: date | None
    dated_by: str  # "event" (the activity's own date) or "published" (its document's date)
    event_type: str | None  # None: mentioned in a document without an event
    actor: str | None
    citation: Citation
    # An activity of the leader is listed once: every document that reports it, its main one first
    # (the citation's document is one of them). Empty for a mention or another actor's event.
    docs: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "day": self.day.isoformat() if self.day else None,
            "dated_by": self.dated_by,
            "event_type": self.event_type,
            "actor": self.actor,
            **self.citation.to_json(),
            "docs": list(self.docs),
        }


@dataclass(frozen=True, slots=True)
class Tally:
    """How often one name goes with the subject, and over which days."""

    name: str
    events: int
    first: date | None
    last: date | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "events": self.events,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


@dataclass(slots=True)
class Dossier:
    query: str
    kind: str
    name: str
    events: int
    documents: int
    mentioned_only: int  # documents that mention the subject without an event of it
    first_seen: date | None
    last_seen: date | None
    by_type: dict[str, int]
    per_month: dict[str, int]
    appearances: list[Appearance]
    matched: list[str] = field(default_factory=list)  # the facet values (spellings, site phrases) matched
    accompanies: list[Tally] = field(default_factory=list)  # people: whose events they are in
    companions: list[Tally] = field(default_factory=list)  # people: who else is in those events
    roles: dict[str, int] = field(default_factory=dict)
    titles: list[TitleSeen] = field(default_factory=list)
    titles_sampled: bool = False  # titles of mentions outside events read from the earliest and latest documents

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "kind": self.kind,
            "name": self.name,
            "matched": list(self.matched),
            "events": self.events,
            "documents": self.documents,
            "mentioned_only": self.mentioned_only,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "by_type": dict(self.by_type),
            "per_month": dict(self.per_month),
            "accompanies": [t.to_json() for t in self.accompanies],
            "companions": [t.to_json() for t in self.companions],
            "roles": dict(self.roles),
            "titles": [t.to_json() for t in self.titles],
            "titles_sampled": self.titles_sampled,
            "appearances": [a.to_json() for a in self.appearances],
        }


# --- resolving the name --------------------------------------------------------------------


def resolve(conn: Connection, name: str, kb: KnowledgeBase) -> Subject:
    """What ``name`` denotes in this archive; NotFoundError when nothing matches."""
    query = " ".join(name.split())
    if not query:
        raise QueryError("give a name: a person, a weapon, a place or a facility")
    for person in dict.fromkeys((kb.canonical_person(query), query)):
        if has_facet(conn, ("person",), person) or has_mention(conn, "person", person):
            return Subject("person", person, ("person",), (person.casefold(),), "person", (person,))
    weapon = resolve_weapon(query, kb)
    if weapon is not None and (
        has_facet(conn, (weapon.kind,), weapon.name) or has_mention(conn, weapon.kind, weapon.name)
    ):
        # a category is mentioned as "weapon", a named system as "designation" (see store/extractions)
        return Subject(weapon.kind, weapon.name, (weapon.kind,), (weapon.name.casefold(),), weapon.kind, (weapon.name,))
    if has_facet(conn, ("designation",), query):
        return Subject("designation", query, ("designation",), (query.casefold(),))
    place = kb.place(query)
    for candidate in dict.fromkeys(([place.name] if place else []) + [query]):
        if has_facet(conn, ("place",), candidate) or has_mention(conn, "place", candidate):
            return Subject("place", candidate, ("place",), (candidate.casefold(),), "place", (candidate,))
    sites = _matching_sites(conn, query, kb)
    if sites:
        return Subject("facility", sites[0], ("site",), tuple(s.casefold() for s in sites))
    raise NotFoundError(f"nothing in the archive is called {query!r} (person, weapon, place or facility)")


def _matching_sites(conn: Connection, query: str, kb: KnowledgeBase) -> list[str]:
    """Site phrases naming the facility ``query`` describes, most used first."""
    wanted = facility_key(query, kb)
    if not wanted.words:
        return []
    matched = []
    for value, count in site_counts(conn):
        key = facility_key(value, kb)
        # A query may name fewer words than the sites do ("munitions factory"): all its words
        # must be there, or the two must be near as any two sites are.
        if (wanted.words <= key.words and (not wanted.place or wanted.place == key.place)) or wanted.near(key):
            matched.append((int(count), value))
    matched.sort(key=lambda c: (-c[0], c[1]))
    return [value for _, value in matched]


# --- the dossier ---------------------------------------------------------------------------


def dossier(store: Store, name: str, kb: KnowledgeBase, limit: int = 50) -> Dossier:
    """Every appearance of ``name`` (latest ``limit`` listed, all counted), first and last
    seen, and for a person: whom they accompany, with whom, how often, and their titles."""
    with store.engine.connect() as conn:
        subject = resolve(conn, name, kb)
        return _build(conn, name, subject, kb, limit)


def _build(conn: Connection, query: str, subject: Subject, kb: KnowledgeBase, limit: int) -> Dossier:
    matched = subject_events(subject.facet_kinds, subject.facet_values)
    per_day_type, event_docs = counts_by_day_and_type(conn, matched)
    by_type: Counter[str] = Counter()
    per_month: Counter[str] = Counter()
    days: list[date] = []
    for day, type_, count, _docs in per_day_type:
        by_type[type_] += count
        when = as_date(day)
        if when:
            per_month[f"{when.year}-{when.month:02d}"] += count
            days.append(when)
    appearances = _event_appearances(conn, matched, limit)
    found = _mentions(subject)
    mentioned_only, mention_days, mention_appearances = _mention_only(conn, found, limit)
    days += mention_days
    appearances = sorted(
        appearances + mention_appearances,
        key=lambda a: (a.day or date.min, a.citation.doc_id),
        reverse=True,
    )[:limit]
    result = Dossier(
        query=query,
        kind=subject.kind,
        name=subject.name,
        events=sum(by_type.values()),
        documents=int(event_docs) + mentioned_only,
        mentioned_only=mentioned_only,
        first_seen=min(days) if days else None,
        last_seen=max(days) if days else None,
        by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        per_month=dict(sorted(per_month.items())),
        appearances=appearances,
        matched=sorted(subject.facet_values),
    )
    if subject.kind == "person":
        _add_person(conn, result, subject, kb, matched, found)
    return result


def _event_appearances(conn: Connection, matched: EventSelection, limit: int) -> list[Appearance]:
    """The latest ``limit`` appearances in events, an activity of the leader once however many
    of its reports hold the subject: the events are chosen from the indexes first (more of them
    while activities fold them together), then read in full (reading the JSON evidence of every
    event before sorting would read them all)."""
    wanted = limit * ACTIVITY_FOLD
    while True:
        latest = latest_events(conn, matched, wanted)
        folded = _once_per_activity(conn, [(r.id, as_date(r.day)) for r in latest])
        if len(folded) >= limit or len(latest) < wanted or wanted >= limit * MAX_FOLD:
            break
        wanted *= 2
    chosen = folded[:limit]
    cited = citations(conn, [event_id for event_id, _ in chosen])
    rows = {r.id: r for r in latest}
    return [
        Appearance(
            day=as_date(rows[event_id].day),
            dated_by="event" if rows[event_id].start is not None else "published",
            event_type=rows[event_id].type,
            actor=rows[event_id].actor,
            citation=cited[event_id],
            docs=docs,
        )
        for event_id, docs in chosen
        if event_id in cited
    ]


ACTIVITY_FOLD = 3  # events read per appearance listed, at first
MAX_FOLD = 24


def _once_per_activity(conn: Connection, latest: list[tuple[int, date | None]]) -> list[tuple[int, tuple[str, ...]]]:
    """``latest`` (event id, day) with the events of one activity of the leader folded into one
    entry: its main report's event if listed, else its first listed; with the activity's documents."""
    days = [d for _, d in latest if d]
    if not days:
        return [(event_id, ()) for event_id, _ in latest]
    margin = timedelta(days=WINDOW + 1)
    found = read_activities(
        conn,
        min(days) - margin,
        max(days) + margin,
        matching=events_among([event_id for event_id, _ in latest]),
        with_events=True,
    )
    activity_of = {event_id: a for a in found for event_id in a.event_ids}
    listed = {event_id for event_id, _ in latest}
    out: list[tuple[int, tuple[str, ...]]] = []
    seen: set[int] = set()
    for event_id, _ in latest:
        activity = activity_of.get(event_id)
        if activity is None:
            out.append((event_id, ()))
            continue
        if id(activity) in seen:
            continue
        seen.add(id(activity))
        shown = activity.main_event_id if activity.main_event_id in listed else event_id
        out.append((shown, tuple(activity.docs)))
    return out


def _mentions(subject: Subject) -> Mentions | None:
    return subject_mentions(subject.mention_kind, subject.mention_names, subject.facet_kinds, subject.facet_values)


def _mention_only(conn: Connection, found: Mentions | None, limit: int) -> tuple[int, list[date], list[Appearance]]:
    """Documents that mention the subject but hold no event of it: how many, their first and
    last dates, and the latest ``limit`` as appearances citing the first mention."""
    if found is None:
        return 0, [], []
    count, first, last = mention_only_summary(conn, found)
    days = [d for d in (first, last) if d]
    latest = documents_in_order(conn, found.without_event, limit, latest=True)
    return count, days, [_mention_appearance(conn, doc_id, start) for doc_id, start in latest]


def _mention_appearance(conn: Connection, doc_id: str, position: int) -> Appearance:
    """A mention without an event, cited by the sentence around it."""
    cited = mention_citation(conn, doc_id, position, SNIPPET)
    return Appearance(cited.published, "published", None, None, cited)


def _add_person(
    conn: Connection,
    result: Dossier,
    subject: Subject,
    kb: KnowledgeBase,
    matched: EventSelection,
    mentioned: Mentions | None,
) -> None:
    """Whom the person accompanies, with whom, their roles and their titles over time."""
    result.accompanies = _tallies(accompanied(conn, matched, subject.name))
    others = companions(conn, matched, subject.name.casefold())
    result.companions = _tallies([(kb.canonical_person(v.title()), *rest) for v, *rest in others])[:COMPANIONS]
    entries = event_people(conn, subject.name)
    result.roles = dict(sorted(Counter(e.role or "unknown" for e in entries).items(), key=lambda kv: (-kv[1], kv[0])))
    observations: list[tuple[str | None, date | None, str, tuple[int, int] | None]] = [
        (e.title, e.day, e.doc_id, None) for e in entries if e.title
    ]
    docs, result.titles_sampled = _title_documents(conn, mentioned)
    found = mention_titles(conn, subject.name, docs)
    observations += [(title, day, doc_id, (s, e)) for title, day, doc_id, s, e in found]
    result.titles = title_history(observations)


def _title_documents(conn: Connection, found: Mentions | None) -> tuple[list[str], bool]:
    """The documents whose mentions are read for titles: all of them, or on a large archive
    the earliest and latest ``TITLE_DOCUMENTS`` (a title's first and last sighting), since
    reading every extraction record of a name seen everywhere is slow."""
    if found is None:
        return [], False
    earliest = [doc_id for doc_id, _ in documents_in_order(conn, found.names, 2 * TITLE_DOCUMENTS + 1, latest=False)]
    if len(earliest) <= 2 * TITLE_DOCUMENTS:
        return earliest, False
    latest = [doc_id for doc_id, _ in documents_in_order(conn, found.names, TITLE_DOCUMENTS, latest=True)]
    return list(dict.fromkeys([*earliest[:TITLE_DOCUMENTS], *latest])), True


def _tallies(rows: Any) -> list[Tally]:
    merged: dict[str, list[Any]] = defaultdict(lambda: [0, None, None])
    for name, count, first, last in rows:
        entry = merged[name]
        entry[0] += int(count)
        first, last = as_date(first), as_date(last)
        entry[1] = first if entry[1] is None or (first and first < entry[1]) else entry[1]
        entry[2] = last if entry[2] is None or (last and last > entry[2]) else entry[2]
    tallies = [Tally(name, count, first, last) for name, (count, first, last) in merged.items()]
    return sorted(tallies, key=lambda t: (-t.events, t.name))
