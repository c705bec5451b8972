"""Build a Brief from the archive: the leader's activities in a period (or in one story),
what else the archive holds for those days, and the dispatch's own words.

    brief = build_brief(store, since=date(2024, 8, 1), until=date(2024, 8, 7))
    brief = build_story_brief(store, "ex-kcna-munitions-tour")

Order is fixed everywhere (significance, then date, then document id, then event index),
so the same archive always gives the same brief.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa

from fieldguide.errors import NotFoundError, QueryError
from fieldguide.model import LEADER, Document
from fieldguide.report import queries, quotes, wording
from fieldguide.report.brief import SECTION_TITLES, Brief, Cited, Item, Section, SourceDoc
from fieldguide.report.citing import Citer
from fieldguide.report.days import shifted
from fieldguide.report.queries import DocRef, EventRef
from fieldguide.store import Store

WEEK = timedelta(days=6)
CONTEXT_DAYS = timedelta(days=3)
CONTEXT_LIMIT = 40  # items in Context; the rest are counted in the section's note
CONTEXT_LABELS = (
    "Tests and exercises",
    "Meetings",
    "Messages",
    "Other activities",
    "Foreign reports",
)
# Events of other actors worth a line in Context; the rest are only counted.
NOTABLE = frozenset({"weapons_test", "military_exercise", "meeting", "diplomacy", "message_sent", "message_received"})


@dataclass(slots=True)
class Activity:
    """One occasion: the events a dispatch reports for the same days (a ceremony and the
    speech made at it), merged into one record (see ``wording.merge``)."""

    ref: EventRef  # of the most significant event
    record: dict[str, Any]
    doc: Document

    @property
    def sort_key(self) -> tuple[int, date, str, int]:
        return (wording.significance(self.record), self.ref.first_day or date.max, self.ref.doc_id, self.ref.n)


def _activities(main: list[EventRef], records: dict[int, dict[str, Any]], docs: dict[str, Document]) -> list[Activity]:
    occasions: dict[tuple[str, date | None, date | None], list[EventRef]] = {}
    for ref in main:
        occasions.setdefault((ref.doc_id, ref.first_day, ref.last_day), []).append(ref)
    out = []
    for refs in occasions.values():
        refs.sort(key=lambda r: (wording.significance(records[r.event_id]), r.n))
        merged = wording.merge([records[r.event_id] for r in refs])
        out.append(Activity(refs[0], merged, docs[refs[0].doc_id]))
    return sorted(out, key=lambda a: a.sort_key)


def build_brief(store: Store, since: date | None = None, until: date | None = None) -> Brief:
    """The brief for [since, until]; without dates, the last week of the archive."""
    with store.engine.connect() as conn:
        since, until = _period(conn, since, until)
        nearby = _nearby_events(conn, since, until)
        main = queries.distinct(
            r for r in nearby if _by_leader(r) and r.kind == "dispatch" and r.overlaps(since, until)
        )
        title = f"Briefing: {wording.period_text(since, until)}"
        return _compose(conn, main, since, until, title=title, story=None, nearby=nearby)


def build_story_brief(store: Store, doc_id: str) -> Brief:
    """The brief for one document's story (its near-duplicates), or for the dispatches a
    foreign report is about."""
    stored = store.get_document(doc_id)  # NotFoundError for an unknown id; resolves aliases
    with store.engine.connect() as conn:
        members = queries.story_members(conn, stored.id)
        refs = [r for r in queries.events_of(conn, [m.id for m in members]) if _by_leader(r)]
        if not refs:
            refs = _events_reported_on(conn, members)
        main = queries.distinct(refs)
        days = [d for r in main for d in (r.first_day, r.last_day) if d]
        since = min(days, default=stored.published)
        until = max(days, default=stored.published)
        if since is None or until is None:
            raise NotFoundError(f"document {doc_id!r} has no date to build a brief around")
        title = f"Briefing: {stored.title or stored.id}"
        return _compose(conn, main, since, until, title=title, story=stored.id, extra_docs=[stored.id])


def _nearby_events(conn: sa.Connection, since: date, until: date) -> list[EventRef]:
    """The leader's events, and other actors' notable ones, of the period and the days around it."""
    return queries.events_between(
        conn, shifted(since, -CONTEXT_DAYS), shifted(until, CONTEXT_DAYS), actor=LEADER, types=NOTABLE
    )


def _period(conn: sa.Connection, since: date | None, until: date | None) -> tuple[date, date]:
    if since is None and until is None:
        until = queries.latest_published(conn)
        if until is None:
            raise NotFoundError("the archive holds no dated documents")
    if since is None:
        assert until is not None
        since = shifted(until, -WEEK)
    if until is None:
        until = shifted(since, WEEK)
    if since > until:
        raise QueryError(f"--since {since} is after --until {until}")
    return since, until


def _by_leader(ref: EventRef) -> bool:
    return (ref.actor or LEADER) == LEADER


def _events_reported_on(conn: sa.Connection, members: list[DocRef]) -> list[EventRef]:
    """The leader's events in the dispatches that foreign reports of this story are about."""
    docs = queries.load_documents(conn, [m.id for m in members if m.kind == "report"])
    targets = sorted({str(t) for d in docs.values() for t in d.extra.get("reports_on") or []})
    found = [m.id for t in targets for m in queries.story_members(conn, t)]
    return [r for r in queries.events_of(conn, found) if _by_leader(r)]


def _compose(
    conn: sa.Connection,
    main: list[EventRef],
    since: date,
    until: date,
    *,
    title: str,
    story: str | None,
    extra_docs: Iterable[str] = (),
    nearby: list[EventRef] | None = None,
) -> Brief:
    window = (shifted(since, -CONTEXT_DAYS), shifted(until, CONTEXT_DAYS))
    if nearby is None:
        nearby = _nearby_events(conn, since, until)
    shown = {key for r in main for key in r.keys}
    context_events = queries.distinct(r for r in nearby if not shown.intersection(r.keys))
    shown |= {key for r in context_events for key in r.keys}
    context_docs = queries.distinct(d for d in queries.reports_between(conn, *window) if not shown.intersection(d.keys))
    unlisted = queries.count_distinct(queries.dispatch_groups(conn, *window), shown)
    docs = queries.load_documents(
        conn, {r.doc_id for r in main} | {r.doc_id for r in context_events} | {d.id for d in context_docs}
    )
    records = queries.load_event_records(conn, [r.event_id for r in main + context_events])
    citer = Citer(docs)
    activities = _activities(main, records, docs)
    sections = [
        _need_to_know(activities, citer),
        _details(activities, citer),
        _context(context_events, context_docs, records, docs, activities, citer, unlisted),
        _in_their_words(activities, citer),
    ]
    brief = Brief(title=title, since=since, until=until, story=story, sections=sections)
    cited = dict.fromkeys([c.doc_id for c in brief.citations()] + [d for d in extra_docs if d in docs])
    brief.sources = [_source(docs[d]) for d in cited]
    return brief


def _source(doc: Document) -> SourceDoc:
    return SourceDoc(doc.id, doc.title, doc.source, doc.published, doc.url, doc.kind)


# -- sections ------------------------------------------------------------------------------


def _need_to_know(activities: list[Activity], citer: Citer) -> Section:
    section = Section("need_to_know", SECTION_TITLES["need_to_know"])
    for a in activities:
        evidence = citer.evidence(a.doc, a.record)
        sentences = [citer.cite(a.doc, wording.summary(a.record, a.doc.published, a.doc.source), *evidence)]
        arms = wording.weapon_words(a.record)
        if arms and arms != wording.summary_weapons(a.record):  # what the summary left out
            sentences.append(citer.cite(a.doc, f"Weapons named: {wording.listing(arms)}.", *evidence))
        if wording.is_thin(a.record) and a.doc.title:  # the headline says what the summary cannot
            sentences.append(citer.cite(a.doc, f"The dispatch is headed “{a.doc.title}”.", *evidence))
        section.items.append(Item(sentences))
    if not activities:
        section.note = f"The archive holds no reported activities of {LEADER} for this period."
    return section


def _details(activities: list[Activity], citer: Citer) -> Section:
    section = Section("details", SECTION_TITLES["details"])
    for a in activities:
        record, doc = a.record, a.doc
        evidence = citer.evidence(doc, record)
        sentences: list[Cited] = []
        sites = record.get("sites") or []
        sector = record.get("sector")
        if sites:
            where = "; ".join(sites) + (f" ({sector.replace('_', ' ')} sector)" if sector else "")
            sentences.append(citer.cite(doc, f"Sites: {where}.", *evidence))
        elif sector:
            sentences.append(citer.cite(doc, f"Sector: {sector.replace('_', ' ')}.", *evidence))
        places = list(dict.fromkeys(record.get("places") or []))
        if places:
            span = citer.mention(doc, places[0]) or evidence
            sentences.append(citer.cite(doc, f"Places: {wording.listing(places)}.", *span))
        arms = wording.weapon_words(record)
        if arms:
            sentences.append(citer.cite(doc, f"Weapons named: {wording.listing(arms)}.", *evidence))
        sentences += _people(record, doc, citer)
        for verdict in record.get("verdicts") or []:
            sentences.append(
                citer.exact(doc, f"Praise or criticism, in the dispatch's words: “{verdict['text']}”", verdict)
            )
        for task in record.get("tasks") or []:
            sentences.append(citer.exact(doc, f"A task he set, in the dispatch's words: “{task['text']}”", task))
        for earlier in record.get("references") or []:
            if earlier.get("span") and earlier.get("text"):
                when = f" ({earlier['date']})" if earlier.get("date") else ""
                sentences.append(
                    citer.exact(doc, f"The dispatch recalls an earlier occasion{when}: “{earlier['text']}”", earlier)
                )
        if not sentences:
            sentences.append(citer.cite(doc, f"The dispatch says: “{citer.text(doc, *evidence)}”", *evidence))
        heading = f"{wording.nouns(record)}, {wording.event_dates(record, doc.published)}: {doc.title or doc.id}"
        section.items.append(Item(sentences, heading=heading))
    return section


def _people(record: dict[str, Any], doc: Document, citer: Citer) -> list[Cited]:
    by_role: dict[str, list[dict[str, Any]]] = {}
    for person in record.get("people") or []:
        if person.get("span") and person["name"] not in LEADER:
            by_role.setdefault(person.get("role") or "present", []).append(person)
    out = []
    for role, people in by_role.items():
        names = [p["name"] + (f" ({p['title']})" if p.get("title") else "") for p in people]
        phrase = wording.ROLE_PHRASES.get(role, role.replace("_", " ").capitalize())
        start = min(p["span"][0] for p in people)
        end = max(p["span"][1] for p in people)
        out.append(citer.cite(doc, f"{phrase}: {wording.listing(names)}.", start, end))
    return out


def _context(
    events: list[EventRef],
    reports: list[DocRef],
    records: dict[int, dict[str, Any]],
    docs: dict[str, Document],
    activities: list[Activity],
    citer: Citer,
    unlisted: int,
) -> Section:
    section = Section("context", SECTION_TITLES["context"])
    titles = {a.doc.id: a.doc.title or a.doc.id for a in activities}
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in events:
        by_doc.setdefault(r.doc_id, []).append(records[r.event_id])
    entries: list[tuple[int, date, str, Item]] = []
    for doc_id in sorted(set(by_doc) | {d.id for d in reports}):
        doc = docs[doc_id]
        doc_events = sorted(by_doc.get(doc_id, []), key=wording.significance)
        label = _label(doc, doc_events)
        day = wording.day_text(doc.published) if doc.published else "undated"
        where = f"{doc.source}, {day}" if doc.source else day
        text = f"“{doc.title or doc.id}” ({where})"
        if doc.kind == "report":
            about = [titles[t] for t in doc.extra.get("reports_on") or [] if t in titles]
            text += f": a foreign report on “{about[0]}”." if about else ": a foreign report."
        elif doc_events:
            text += f": {wording.listing(list(dict.fromkeys(_what(e) for e in doc_events)))}."
        else:
            text += "."
        span = citer.evidence(doc, doc_events[0]) if doc_events else citer.lead(doc)
        item = Item([citer.cite(doc, text, *span)], label=label)
        entries.append((CONTEXT_LABELS.index(label), doc.published or date.max, doc_id, item))
    entries.sort(key=lambda e: e[:3])
    section.items = [e[3] for e in entries[:CONTEXT_LIMIT]]
    unlisted += max(0, len(entries) - CONTEXT_LIMIT)
    if unlisted:
        section.note = f"{unlisted} more {'document' if unlisted == 1 else 'documents'} of these days not listed."
    elif not entries:
        section.note = "The archive holds nothing else for these days."
    return section


def _what(record: dict[str, Any]) -> str:
    """'weapons test', 'speech by Kim Tok Hun'."""
    noun = wording.TYPE_NOUNS.get(record.get("type") or "other", "activity").lower()
    actor = record.get("actor") or LEADER
    return noun if actor == LEADER else f"{noun} by {actor}"


def _label(doc: Document, doc_events: list[dict[str, Any]]) -> str:
    if doc.kind == "report" or not doc_events:
        return "Foreign reports"
    kind = doc_events[0].get("type")
    if kind in ("weapons_test", "military_exercise"):
        return "Tests and exercises"
    if kind == "meeting":
        return "Meetings"
    if kind in ("message_sent", "message_received"):
        return "Messages"
    return "Other activities"


def _in_their_words(activities: list[Activity], citer: Citer) -> Section:
    section = Section("in_their_words", SECTION_TITLES["in_their_words"])
    by_doc: dict[str, list[dict[str, Any]]] = {}
    order: list[Document] = []
    for a in activities:
        if a.doc.id not in by_doc:
            order.append(a.doc)
        by_doc.setdefault(a.doc.id, []).append(a.record)
    for doc, span in quotes.pick(order, by_doc, citer):
        words = citer.text(doc, *span)
        section.items.append(Item([citer.cite(doc, f"“{words}”", *span)], quote=True))
    if not section.items and activities:
        section.note = "The dispatches quote no statements of his for this period."
    return section
