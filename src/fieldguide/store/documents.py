"""One document as its page shows it: the stored text and metadata, its extraction record, the
latest documents of the archive, and the reports published near a day (the candidates that may
retell a dispatch). Reads only; every statement is SQLAlchemy Core with bound parameters."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson
import sqlalchemy as sa

from fieldguide.errors import NotFoundError
from fieldguide.model import Document, OffsetMap
from fieldguide.store.event_reads import as_date
from fieldguide.store.schema import documents, extractions, sightings, versions
from fieldguide.store.types import Version

LATEST = 20  # documents on the front page
NEAR_REPORTS = 20  # reports looked at for a dispatch's retellings


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A document as a listing shows it."""

    id: str
    kind: str
    title: str | None
    published: date | None
    source: str | None
    url: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
        }


def _summary(row: Any) -> DocumentSummary:
    return DocumentSummary(row.id, row.kind, row.title, as_date(row.published), row.source, row.url)


_SUMMARY_COLUMNS = (
    documents.c.id,
    documents.c.kind,
    documents.c.title,
    documents.c.published,
    documents.c.source,
    documents.c.url,
)


# What a Document is read from (not the MinHash signature, nor the hashes and times of storing).
DOCUMENT_FIELDS = (
    documents.c.id,
    documents.c.text,
    documents.c.title,
    documents.c.published,
    documents.c.source,
    documents.c.url,
    documents.c.topic,
    documents.c.kind,
    documents.c.origin,
    documents.c.original_text,
    documents.c.offsets,
    documents.c.extra,
)


def document_from_row(row: Any) -> Document:
    """The Document of a row holding at least ``DOCUMENT_FIELDS``."""
    return Document(
        id=row.id,
        text=row.text,
        title=row.title,
        published=as_date(row.published),
        source=row.source,
        url=row.url,
        topic=row.topic,
        kind=row.kind,
        origin=row.origin,
        original_text=row.original_text,
        offsets=OffsetMap.from_json(row.offsets),
        extra=row.extra or {},
    )


def stored_id(conn: sa.Connection, doc_id: str) -> str:
    """The id a document is stored under: its own, or the one an alias (a copy's id) points to."""
    found = conn.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)).scalar()
    if found is None:
        found = conn.execute(
            sa.select(sightings.c.doc_id).where(sightings.c.alias_id == doc_id).order_by(sightings.c.id).limit(1)
        ).scalar()
    if found is None:
        raise NotFoundError(f"no document {doc_id!r} in the archive")
    return str(found)


def read_document(conn: sa.Connection, doc_id: str) -> Document:
    """The document stored under ``doc_id`` (its stored id: ``stored_id``)."""
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).one()
    return document_from_row(row)


def history(conn: sa.Connection, doc_id: str) -> list[Version]:
    """Every version of the document stored under ``doc_id``, oldest first (a document with one
    version has it only in ``documents``)."""
    rows = conn.execute(sa.select(versions).where(versions.c.doc_id == doc_id).order_by(versions.c.n)).all()
    if rows:
        return [Version(r.doc_id, r.n, r.text, r.content_hash, r.title, r.seen_at, r.origin) for r in rows]
    row = conn.execute(sa.select(documents).where(documents.c.id == doc_id)).one()
    return [Version(row.id, 1, row.text, row.content_hash, row.title, row.first_seen, row.origin)]


def story_ids(conn: sa.Connection, doc_id: str) -> list[str]:
    """Ids of the documents in the near-duplicate story of the one stored under ``doc_id``, in
    the order they came."""
    story_id = sa.select(documents.c.story_id).where(documents.c.id == doc_id).scalar_subquery()
    query = sa.select(documents.c.id).where(documents.c.story_id == story_id).order_by(documents.c.seq)
    return list(conn.execute(query).scalars())


def extraction_record(conn: sa.Connection, doc_id: str) -> dict[str, Any] | None:
    """The stored extraction record of a document, None when it was not extracted."""
    column = sa.type_coerce(extractions.c.record, sa.Text)
    value = conn.execute(sa.select(column).where(extractions.c.doc_id == doc_id)).scalar()
    if value is None:
        return None
    record: dict[str, Any] = value if isinstance(value, dict) else orjson.loads(value)
    return record


def latest_documents(conn: sa.Connection, limit: int = LATEST, kind: str | None = None) -> list[DocumentSummary]:
    """The most recently archived documents, newest first."""
    query = sa.select(*_SUMMARY_COLUMNS).order_by(documents.c.seq.desc()).limit(limit)
    if kind:
        query = query.where(documents.c.kind == kind)
    return [_summary(r) for r in conn.execute(query)]


def newest_published(conn: sa.Connection) -> date | None:
    """The publication day of the newest document."""
    return as_date(conn.execute(sa.select(sa.func.max(documents.c.published))).scalar())


def reports_near(conn: sa.Connection, day: date, days: int = 14, limit: int = NEAR_REPORTS) -> list[str]:
    """Ids of the reports published from ``day`` to ``days`` days after it, oldest first."""
    query = (
        sa.select(documents.c.id)
        .where(documents.c.kind == "report")
        .where(documents.c.published >= day)
        .where(documents.c.published <= day + timedelta(days=days))
        .order_by(documents.c.published, documents.c.seq)
        .limit(limit)
    )
    return list(conn.execute(query).scalars())


def summaries(conn: sa.Connection, doc_ids: list[str]) -> dict[str, DocumentSummary]:
    """The listing entry of each of these stored documents."""
    if not doc_ids:
        return {}
    rows = conn.execute(sa.select(*_SUMMARY_COLUMNS).where(documents.c.id.in_(doc_ids)))
    return {r.id: _summary(r) for r in rows}
