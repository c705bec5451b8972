"""The reads of ``fieldguide export``: the archive a page at a time (keyset pages on an
indexed column), so that an export's memory does not grow with the archive."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.model import LEADER
from fieldguide.store.event_reads import as_date
from fieldguide.store.schema import documents, events, mentions

PAGE = 2000  # rows read per query

DOCUMENT_COLUMNS = (
    documents.c.seq,
    documents.c.id,
    documents.c.kind,
    documents.c.story_id,
    documents.c.version,
    documents.c.title,
    documents.c.published,
    documents.c.source,
    documents.c.url,
    documents.c.topic,
    documents.c.text,
)


def leader_day_range(engine: sa.Engine) -> tuple[date | None, date | None]:
    """The first and last day any event of the leader counts on."""
    with engine.connect() as conn:
        first, last = conn.execute(
            sa.select(sa.func.min(events.c.day), sa.func.max(events.c.day)).where(events.c.actor == LEADER)
        ).one()
    return as_date(first), as_date(last)


def _pages(engine: sa.Engine, query: sa.Select[Any], key: sa.ColumnElement[Any]) -> Iterator[Any]:
    """The rows of ``query`` in order of the unique ``key``, ``PAGE`` rows per query."""
    last: Any = None
    while True:
        page = query.order_by(key).limit(PAGE)
        if last is not None:
            page = page.where(key > last)
        with engine.connect() as conn:
            rows = conn.execute(page).all()
        yield from rows
        if len(rows) < PAGE:
            return
        last = getattr(rows[-1], str(key.key))


def _in_period(query: sa.Select[Any], column: Any, since: date | None, until: date | None) -> sa.Select[Any]:
    if since:
        query = query.where(column >= since)
    if until:
        query = query.where(column <= until)
    return query


def mention_pages(engine: sa.Engine, since: date | None, until: date | None) -> Iterator[Any]:
    """Rows (id, doc_id, kind, canonical, text, start, end, published) of every mention whose
    document was published in the period, in id order."""
    query = sa.select(
        mentions.c.id,
        mentions.c.doc_id,
        mentions.c.kind,
        mentions.c.canonical,
        mentions.c.text,
        mentions.c.start,
        mentions.c.end,
        mentions.c.published,
    )
    return _pages(engine, _in_period(query, mentions.c.published, since, until), mentions.c.id)


def document_pages(engine: sa.Engine, since: date | None, until: date | None) -> Iterator[Any]:
    """Rows (``DOCUMENT_COLUMNS``) of every document published in the period, in the order stored."""
    query = _in_period(sa.select(*DOCUMENT_COLUMNS), documents.c.published, since, until)
    return _pages(engine, query, documents.c.seq)


def report_pages(engine: sa.Engine, since: date | None, until: date | None) -> Iterator[Any]:
    """Rows (seq, id, title, published) of the foreign reports published in the period, in the order stored."""
    query = _in_period(
        sa.select(documents.c.seq, documents.c.id, documents.c.title, documents.c.published).where(
            documents.c.kind == "report"
        ),
        documents.c.published,
        since,
        until,
    )
    return _pages(engine, query, documents.c.seq)


def person_mentions(engine: sa.Engine, doc_ids: Sequence[str]) -> list[Any]:
    """Rows (id, doc_id, canonical, text) of the person mentions of these documents, in id order."""
    query = (
        sa.select(mentions.c.id, mentions.c.doc_id, mentions.c.canonical, mentions.c.text)
        .where(mentions.c.kind == "person", mentions.c.doc_id.in_(sorted(doc_ids)))
        .order_by(mentions.c.id)
    )
    with engine.connect() as conn:
        return list(conn.execute(query).all())
