"""What ``fieldguide export --what`` writes, as streams of plain rows (dicts).

Each source reads the archive a page at a time (keyset pages on an indexed column, or the
events of one month for activities), so an export's memory does not grow with the archive.

    for row in activity_rows(store, since=date(2024, 8, 1), kb=load()): ...
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import chain
from typing import Any

from fieldguide.analyze.activities import WINDOW, Activity, group, read_events
from fieldguide.analyze.queries import as_date
from fieldguide.kb import KnowledgeBase
from fieldguide.kb.entities import Place
from fieldguide.report.export import iter_events
from fieldguide.serialize import activity_fact, link_fact, mention_fact
from fieldguide.store import Store
from fieldguide.store.export_reads import DOCUMENT_COLUMNS as DOCUMENT_COLUMNS  # kept importable from here
from fieldguide.store.export_reads import PAGE as PAGE
from fieldguide.store.export_reads import document_pages, leader_day_range, mention_pages, report_pages


def event_rows(store: Store, since: date | None, until: date | None, kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """The leader's events, copies of a dispatch counted once (``report.export``)."""
    return iter_events(store, since, until)


# --- activities ----------------------------------------------------------------------------


def iter_activities(store: Store, since: date | None, until: date | None) -> Iterator[Activity]:
    """The leader's activities (``analyze.activities``), a month at a time.

    A month's activities are grouped from the events of that month and ``2 * WINDOW`` days
    around it, so that an undated report finds the activities it could join, and only those
    whose day falls inside the month are kept."""
    first, last = leader_day_range(store.engine)
    first, last = max(first or date.max, since or date.min), min(last or date.min, until or date.max)
    month = date(first.year, first.month, 1) if first <= last else None
    while month is not None and month <= last:
        following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
        low, high = max(month, first), min(following - timedelta(days=1), last)
        with store.engine.connect() as conn:
            found = group(read_events(conn, low - timedelta(days=WINDOW), high))
        for activity in found:
            day = activity.day or activity.published
            if day is not None and low <= day <= high:
                yield activity
        month = following


def located_place(activity: Activity, kb: KnowledgeBase) -> Place | None:
    """The first place named by the activity's reports (main report first) that the knowledge
    base gives coordinates for, its own or its nearest parent's."""
    main = activity.main
    for report in (main, *(r for r in activity.reports if r is not main)):
        for name in report.places:
            place = kb.place(name)
            for candidate in (place, *(kb.ancestors(place) if place else ())):
                if candidate is not None and candidate.lat is not None and candidate.lon is not None:
                    return candidate
    return None


def activity_rows(
    store: Store, since: date | None, until: date | None, kb: KnowledgeBase
) -> Iterator[dict[str, Any]]:
    """One row per activity of the leader, with every document that reports it."""
    for activity in iter_activities(store, since, until):
        yield activity_fact(activity.record(), located_place(activity, kb))


# --- mentions and documents -----------------------------------------------------------------


def mention_rows(store: Store, since: date | None, until: date | None, kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """Every mention (person, place, weapon, designation, date) with its span and its document's date."""
    for row in mention_pages(store.engine, since, until):
        yield mention_fact(row.doc_id, row.kind, row.canonical, row.text, row.start, row.end, as_date(row.published))


def document_rows(store: Store, since: date | None, until: date | None, kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """Every document (dispatches and reports) with its text, in the order they were stored."""
    for row in document_pages(store.engine, since, until):
        yield {
            "id": row.id,
            "kind": row.kind,
            "story_id": row.story_id,
            "version": row.version,
            "title": row.title,
            "published": as_date(row.published),
            "source": row.source,
            "url": row.url,
            "topic": row.topic,
            "text": row.text,
        }


# --- links ---------------------------------------------------------------------------------


def link_rows(store: Store, since: date | None, until: date | None, kb: KnowledgeBase) -> Iterator[dict[str, Any]]:
    """Each foreign report in the period linked to the dispatches it reports on (``fieldguide
    link`` on the stored reports): one row per (report, dispatch), with the score and reasons."""
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.link.linker import ReportLinker
    from fieldguide.model import Reject

    with ReportLinker(store, Extractor(kb)) as linker:
        batch: list[Any] = []
        for row in chain(report_pages(store.engine, since, until), [None]):
            if row is not None:
                batch.append(row)
            if batch and (row is None or len(batch) >= PAGE):
                about = {r.id: r for r in batch}
                for item in linker.read(list(about)):
                    if isinstance(item, Reject):
                        continue
                    doc, extraction = item
                    for link in linker.link(doc, extraction).links:
                        yield link_fact(doc, link)
                batch = []
