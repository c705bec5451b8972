"""The reads of what is new: the first day each facet value or name was seen, and the
leader's counted events by day."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.store.event_reads import DAY, DAY_OF_DOCUMENT, as_date, of_event
from fieldguide.store.schema import documents, event_facets, events, mentions
from fieldguide.store.timeline_reads import Filters, leader_events


def first_event_facets(conn: sa.Connection, kind: str) -> list[tuple[str, date | None, int]]:
    """(value, first day, id of the first event) for every facet value of ``kind``."""
    firsts = (
        sa.select(event_facets.c.value, sa.func.min(DAY).label("first"))
        .select_from(event_facets.join(events, events.c.id == event_facets.c.event_id).join(documents, of_event()))
        .where(event_facets.c.kind == kind)
        .group_by(event_facets.c.value)
        .subquery()
    )
    rows = conn.execute(
        sa.select(event_facets.c.value, firsts.c.first, sa.func.min(events.c.id))
        .select_from(
            event_facets.join(events, events.c.id == event_facets.c.event_id)
            .join(documents, of_event())
            .join(firsts, firsts.c.value == event_facets.c.value)
        )
        .where(event_facets.c.kind == kind, firsts.c.first == DAY_OF_DOCUMENT)
        .group_by(event_facets.c.value, firsts.c.first)
    )
    return [(r[0], as_date(r[1]), int(r[2])) for r in rows]


def facility_sites(conn: sa.Connection) -> list[tuple[str, str | None, int, date | None, int]]:
    """(site, sector, events, first day, first event id) of the sites of inspections and of
    events with a sector."""
    rows = conn.execute(
        sa.select(event_facets.c.value, events.c.sector, sa.func.count(), sa.func.min(DAY), sa.func.min(events.c.id))
        .select_from(event_facets.join(events, events.c.id == event_facets.c.event_id).join(documents, of_event()))
        .where(event_facets.c.kind == "site", sa.or_(events.c.type == "inspection", events.c.sector.is_not(None)))
        .group_by(event_facets.c.value, events.c.sector)
    ).all()
    return [(r[0], r[1], int(r[2]), as_date(r[3]), int(r[4])) for r in rows]


def first_mentions(conn: sa.Connection, kind: str, since: date) -> list[tuple[str, date, str, int]]:
    """(canonical, first published day, document, offset) of each name of ``kind`` first
    mentioned on or after ``since``."""
    # Mentions carry their document's date (migration 0005): both steps read the mentions
    # index (kind, canonical, published, doc_id, start) alone.
    firsts = (
        sa.select(mentions.c.canonical, sa.func.min(mentions.c.published).label("first"))
        .where(mentions.c.kind == kind)
        .group_by(mentions.c.canonical)
        .having(sa.func.min(mentions.c.published) >= since)
        .subquery()
    )
    rows = conn.execute(
        sa.select(mentions.c.canonical, firsts.c.first, sa.func.min(mentions.c.doc_id), sa.func.min(mentions.c.start))
        .join(firsts, firsts.c.canonical == mentions.c.canonical)
        .where(mentions.c.kind == kind, mentions.c.published == firsts.c.first)
        .group_by(mentions.c.canonical, firsts.c.first)
    )
    return [(r[0], as_date(r[1]), r[2], int(r[3])) for r in rows if as_date(r[1])]  # type: ignore[misc]


def leader_event_days(conn: sa.Connection) -> list[Any]:
    """Rows (day, type, doc_id) of every counted event of the leader (as the timeline counts)."""
    counted = leader_events(Filters())
    return list(
        conn.execute(
            sa.select(DAY, events.c.type, events.c.doc_id)
            .select_from(events.join(documents, of_event()))
            .where(events.c.id.in_(counted))
        ).all()
    )


def published_days(conn: sa.Connection) -> list[date | None]:
    """Every distinct published day in the archive."""
    return [as_date(v) for v in conn.execute(sa.select(documents.c.published).distinct()).scalars()]
