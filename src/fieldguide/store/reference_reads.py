"""The reads behind back-references: a document with its extraction, and the leader's events
of other documents on a stretch of days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.model import LEADER
from fieldguide.store.event_reads import DAY_OF_DOCUMENT, of_event
from fieldguide.store.schema import documents, event_facets, events, extractions


def document_with_record(conn: sa.Connection, doc_id: str) -> Any | None:
    """The row (id, text, record) of a stored document and its extraction record (None when
    not extracted); None when the archive has no such document."""
    return conn.execute(
        sa.select(documents.c.id, documents.c.text, extractions.c.record)
        .join(extractions, extractions.c.doc_id == documents.c.id, isouter=True)
        .where(documents.c.id == doc_id)
    ).first()


def leader_events_between(conn: sa.Connection, start: date, end: date, not_in: str) -> list[Any]:
    """Rows (id, type, doc_id) of the leader's events outside document ``not_in`` that overlap
    ``start``..``end`` (by their own dates, else by their document's), in document order."""
    day = DAY_OF_DOCUMENT
    return list(
        conn.execute(
            sa.select(events.c.id, events.c.type, events.c.doc_id)
            .join(documents, of_event())
            .where(
                events.c.actor == LEADER,
                events.c.doc_id != not_in,
                sa.or_(
                    sa.and_(events.c.start.is_not(None), events.c.start <= end, events.c.end >= start),
                    sa.and_(day >= start, day <= end),
                ),
            )
            .order_by(events.c.doc_id, events.c.n)
        ).all()
    )


def event_sites(conn: sa.Connection, event_ids: Sequence[int]) -> dict[int, list[str]]:
    """The site facets (folded) of each of ``event_ids`` that has one."""
    sites: dict[int, list[str]] = {}
    for event_id, value in conn.execute(
        sa.select(event_facets.c.event_id, event_facets.c.value).where(
            event_facets.c.kind == "site", event_facets.c.event_id.in_(list(event_ids))
        )
    ):
        sites.setdefault(event_id, []).append(value)
    return sites
