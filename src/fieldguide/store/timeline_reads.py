"""The reads of the leader's timeline: his events in dispatches per day, narrowed by the
analysts' filters, the dispatches per day, and the first event of given days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.model import LEADER
from fieldguide.store.event_reads import DAY, as_date, event_base, filtered, of_event
from fieldguide.store.schema import documents, events


@dataclass(frozen=True, slots=True)
class Filters:
    type: str | None = None
    since: date | None = None
    until: date | None = None
    place: str | None = None
    weapon: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "place": self.place,
            "weapon": self.weapon,
        }


def leader_events(filters: Filters) -> sa.Select[Any]:
    """The leader's events in dispatches, narrowed by ``filters`` (for counting)."""
    query = (
        sa.select(events.c.id)
        .join(documents, of_event())
        .where(events.c.actor == LEADER, documents.c.kind == "dispatch")
    )
    return filtered(
        query,
        type=filters.type,
        since=filters.since,
        until=filters.until,
        place=filters.place,
        weapon=filters.weapon,
    )


def leader_counts_per_day(
    conn: sa.Connection, filters: Filters
) -> list[tuple[date | None, str, str | None, bool, int]]:
    """(day, type, sector, undated, count) of the leader's events in dispatches narrowed by
    ``filters``; undated: the day is its document's published date."""
    undated = events.c.start.is_(None)
    per_day = filtered(
        sa.select(DAY, events.c.type, events.c.sector, undated.label("undated"), sa.func.count())
        .select_from(events.join(documents, of_event()))
        .where(events.c.actor == LEADER, documents.c.kind == "dispatch")
        .group_by(DAY, events.c.type, events.c.sector, undated),
        type=filters.type,
        since=filters.since,
        until=filters.until,
        place=filters.place,
        weapon=filters.weapon,
    )
    return [(as_date(r[0]), r[1], r[2], bool(r[3]), int(r[4])) for r in conn.execute(per_day)]


def dispatches_per_day(conn: sa.Connection, filters: Filters) -> list[tuple[date, int]]:
    """(published day, dispatches) between the filters' days."""
    day = documents.c.published
    query = sa.select(day, sa.func.count()).where(documents.c.kind == "dispatch", day.is_not(None)).group_by(day)
    if filters.since:
        query = query.where(day >= filters.since)
    if filters.until:
        query = query.where(day <= filters.until)
    return [(d, int(n)) for d, n in ((as_date(r[0]), r[1]) for r in conn.execute(query)) if d is not None]


def first_leader_events_on(conn: sa.Connection, filters: Filters, days: set[date]) -> dict[date, int]:
    """For each day, the id of one counted event on it (the first by document id)."""
    if not days:
        return {}
    wanted = sorted(days)
    # Said as two conditions rather than coalesce(...) IN (...), so that each can use an index.
    on_day = sa.or_(
        events.c.start.in_(wanted),
        sa.and_(events.c.start.is_(None), documents.c.published.in_(wanted)),
    )
    query = event_base().where(events.c.actor == LEADER, on_day).order_by(events.c.doc_id, events.c.n)
    query = filtered(query, type=filters.type, place=filters.place, weapon=filters.weapon).where(
        documents.c.kind == "dispatch"
    )
    first: dict[date, int] = {}
    for row in conn.execute(query):
        when = as_date(row.day)
        if when is not None and when not in first:
            first[when] = row.id
    return first
