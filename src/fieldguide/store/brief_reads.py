"""What the brief reads from the archive, in a few indexed queries.

The period is found first with light rows (no JSON, no text) through the indexes on
``events.start`` and ``documents.published``; only the records and texts of the documents
the brief will cite are loaded afterwards. ``copy_keys`` says which documents are copies of
one story; the brief counts each group once (report/queries.py).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson
import sqlalchemy as sa

from fieldguide.days import shifted
from fieldguide.model import Document
from fieldguide.store.documents import DOCUMENT_FIELDS, document_from_row
from fieldguide.store.event_reads import as_date
from fieldguide.store.schema import documents, events, extractions, mentions

# How far before the period a dated event may start and still reach into it (multi-day tours).
LONGEST_EVENT = timedelta(days=31)
CHUNK = 500


@dataclass(frozen=True, slots=True)
class EventRef:
    """An event row without its record: enough to choose what the brief shows."""

    event_id: int
    doc_id: str
    n: int
    type: str
    actor: str | None
    start: date | None
    end: date | None
    published: date | None
    story_id: str
    kind: str
    seq: int
    title: str | None = None
    keys: tuple[CopyKey, ...] = ()  # copy_keys(...), computed once by _event_ref

    @property
    def first_day(self) -> date | None:
        """The day it began, or the day it was reported when the dispatch gives no date."""
        return self.start or self.published

    @property
    def last_day(self) -> date | None:
        return self.end or self.first_day

    def overlaps(self, since: date, until: date) -> bool:
        first, last = self.first_day, self.last_day
        return first is not None and last is not None and first <= until and last >= since


@dataclass(frozen=True, slots=True)
class DocRef:
    id: str
    story_id: str
    kind: str
    title: str | None
    published: date | None
    seq: int

    @property
    def doc_id(self) -> str:
        return self.id

    @property
    def keys(self) -> tuple[CopyKey, ...]:
        return copy_keys(self.story_id, self.kind, self.title, self.published)


CopyKey = tuple[str, ...]


def copy_keys(story_id: str, kind: str, title: str | None, published: date | None) -> tuple[CopyKey, ...]:
    """What makes two documents copies of one: the same story (near-duplicate text), or the
    same headline from the same kind of source on the same day (a re-publication whose
    edits put it in another story)."""
    keys: list[CopyKey] = [("story", story_id)]
    if title and published:
        keys.append(("headline", kind, " ".join(title.casefold().split()), published.isoformat()))
    return tuple(keys)


_EVENT_COLUMNS = (
    events.c.id,
    events.c.doc_id,
    events.c.n,
    events.c.type,
    events.c.actor,
    events.c.start,
    events.c.end,
    documents.c.published,
    documents.c.story_id,
    documents.c.kind,
    documents.c.seq,
    documents.c.title,
)


def events_between(
    conn: sa.Connection, since: date, until: date, *, actor: str | None = None, types: Collection[str] = ()
) -> list[EventRef]:
    """Every event that overlaps [since, until]; an undated event counts on its publication day.
    With ``actor``: only that actor's events (or those with none), and other actors' events of ``types``."""
    base = sa.select(*_EVENT_COLUMNS).join(documents, documents.c.id == events.c.doc_id)
    if actor is not None:
        base = base.where(sa.or_(events.c.actor == actor, events.c.actor.is_(None), events.c.type.in_(list(types))))
    # Started before the period yet ending inside it (a tour); SQL leaves out what ended before it.
    reaches = sa.or_(events.c.end >= since, sa.and_(events.c.end.is_(None), events.c.start >= since))
    dated = base.where(events.c.start >= shifted(since, -LONGEST_EVENT), events.c.start <= until, reaches)
    undated = base.where(events.c.start.is_(None), documents.c.published >= since, documents.c.published <= until)
    refs = [_event_ref(row) for query in (dated, undated) for row in conn.execute(query)]
    return sorted((r for r in refs if r.overlaps(since, until)), key=lambda r: (r.doc_id, r.n))


def events_of(conn: sa.Connection, doc_ids: Sequence[str]) -> list[EventRef]:
    """Every event of these documents."""
    out: list[EventRef] = []
    for part in _chunks(doc_ids):
        query = (
            sa.select(*_EVENT_COLUMNS)
            .join(documents, documents.c.id == events.c.doc_id)
            .where(events.c.doc_id.in_(part))
        )
        out += [_event_ref(row) for row in conn.execute(query)]
    return sorted(out, key=lambda r: (r.doc_id, r.n))


_DOC_REF_COLUMNS = (
    documents.c.id,
    documents.c.story_id,
    documents.c.kind,
    documents.c.title,
    documents.c.published,
    documents.c.seq,
)


def _doc_refs(conn: sa.Connection, query: sa.Select[Any]) -> list[DocRef]:
    """The documents a query over ``_DOC_REF_COLUMNS`` finds, in the order they were stored."""
    rows = conn.execute(query)
    return sorted(
        (DocRef(r.id, r.story_id, r.kind, r.title, as_date(r.published), r.seq) for r in rows), key=lambda d: d.seq
    )


def reports_between(conn: sa.Connection, since: date, until: date) -> list[DocRef]:
    """Foreign reports published in [since, until], without their text."""
    query = sa.select(*_DOC_REF_COLUMNS).where(
        documents.c.published >= since, documents.c.published <= until, documents.c.kind == "report"
    )
    return _doc_refs(conn, query)


def dispatch_groups(conn: sa.Connection, since: date, until: date) -> list[tuple[CopyKey, ...]]:
    """The copy keys of the dispatches published in [since, until], one entry per (story,
    headline, day), grouped in SQL: a brief only counts these, so it need not fetch every copy."""
    query = (
        sa.select(documents.c.story_id, documents.c.title, documents.c.published)
        .where(documents.c.published >= since, documents.c.published <= until, documents.c.kind == "dispatch")
        .group_by(documents.c.story_id, documents.c.title, documents.c.published)
    )
    return [copy_keys(r.story_id, "dispatch", r.title, as_date(r.published)) for r in conn.execute(query)]


def load_documents(conn: sa.Connection, doc_ids: Iterable[str]) -> dict[str, Document]:
    """The full documents for these ids (only those the brief cites)."""
    out: dict[str, Document] = {}
    for part in _chunks(sorted(set(doc_ids))):
        for r in conn.execute(sa.select(*DOCUMENT_FIELDS).where(documents.c.id.in_(part))):
            out[r.id] = document_from_row(r)
    return out


def load_event_records(conn: sa.Connection, event_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """Event records (``Event.to_json()``) by event row id."""
    out: dict[int, dict[str, Any]] = {}
    for part in _chunks(sorted(set(event_ids))):
        for event_id, record in conn.execute(sa.select(events.c.id, events.c.record).where(events.c.id.in_(part))):
            out[int(event_id)] = record
    return out


@dataclass(frozen=True, slots=True)
class WeaponMention:
    doc_id: str
    canonical: str
    text: str
    start: int
    end: int


def weapon_mentions(conn: sa.Connection, doc_ids: Sequence[str]) -> list[WeaponMention]:
    """The weapon mentions of these documents, in text order."""
    out: list[WeaponMention] = []
    columns = (mentions.c.doc_id, mentions.c.canonical, mentions.c.text, mentions.c.start, mentions.c.end)
    for part in _chunks(sorted(set(doc_ids))):
        query = sa.select(*columns).where(mentions.c.doc_id.in_(part), mentions.c.kind == "weapon")
        out += [WeaponMention(r[0], r[1], r[2], int(r[3]), int(r[4])) for r in conn.execute(query)]
    return sorted(out, key=lambda m: (m.doc_id, m.start))


def named_before(conn: sa.Connection, canonical: str, text: str, before: date) -> bool:
    """Does any document published before ``before`` name this weapon (or institute) so?
    Reads the mentions index (kind, canonical, published) and compares the words of each."""
    query = (
        sa.select(mentions.c.id)
        .where(
            mentions.c.kind == "weapon",
            mentions.c.canonical == canonical,
            mentions.c.published < before,
            sa.func.lower(mentions.c.text) == text.lower(),
        )
        .limit(1)
    )
    return conn.execute(query).first() is not None


def story_members(conn: sa.Connection, doc_id: str) -> list[DocRef]:
    """The documents of ``doc_id``'s near-duplicate story (``doc_id`` may be the story id)."""
    story = sa.select(documents.c.story_id).where(documents.c.id == doc_id).scalar_subquery()
    query = sa.select(*_DOC_REF_COLUMNS).where(sa.or_(documents.c.story_id == story, documents.c.story_id == doc_id))
    return _doc_refs(conn, query)


def latest_published(conn: sa.Connection) -> date | None:
    return as_date(conn.execute(sa.select(sa.func.max(documents.c.published))).scalar())


def _event_ref(row: Any) -> EventRef:
    published = as_date(row.published)
    return EventRef(
        int(row.id),
        row.doc_id,
        int(row.n),
        row.type,
        row.actor,
        as_date(row.start),
        as_date(row.end),
        published,
        row.story_id,
        row.kind,
        int(row.seq),
        row.title,
        copy_keys(row.story_id, row.kind, row.title, published),
    )


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def extraction_records(conn: sa.Connection, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored extraction record of each of these documents that has one (what a foreign
    report added to a dispatch is computed from both records)."""
    wanted = sorted(set(doc_ids))
    column = sa.type_coerce(extractions.c.record, sa.Text)  # parsed here, faster than the JSON type
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), CHUNK):
        query = sa.select(extractions.c.doc_id, column).where(extractions.c.doc_id.in_(wanted[start : start + CHUNK]))
        for doc_id, value in conn.execute(query):
            record = value if isinstance(value, dict) else orjson.loads(value)
            if isinstance(record, dict):
                out[str(doc_id)] = record
    return out
