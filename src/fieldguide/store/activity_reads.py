"""The reads the leader's activities are grouped from: his events in dispatches, with their
records; and the same rows for the events of the stored activities (store/activities.py)."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import orjson
import sqlalchemy as sa

from fieldguide.model import LEADER
from fieldguide.store.event_reads import filtered, of_event
from fieldguide.store.schema import activities, activity_members, documents, events

_EVENT_COLUMNS = (
    events.c.id,
    events.c.doc_id,
    events.c.n,
    events.c.type,
    events.c.start,
    sa.type_coerce(events.c.record, sa.Text).label("record"),  # parsed by orjson: several times faster
    documents.c.published,
    documents.c.title,
)


class LeaderEvent(NamedTuple):
    """An event of the leader as grouping reads it (its record parsed)."""

    id: int
    doc_id: str
    n: int
    type: str
    start: Any
    record: dict[str, Any]
    published: Any
    title: str | None


def _event(row: Any) -> LeaderEvent:
    value = row.record
    record = value if isinstance(value, dict) else orjson.loads(value) if value else {}
    return LeaderEvent(row.id, row.doc_id, row.n, row.type, row.start, record, row.published, row.title)


def leader_dispatch_events(conn: sa.Connection, since: date | None, until: date | None) -> list[LeaderEvent]:
    """The leader's events in dispatches counting on days from ``since`` to ``until``."""
    query = (
        sa.select(*_EVENT_COLUMNS)
        .join(documents, of_event())
        .where(events.c.actor == LEADER, documents.c.kind == "dispatch")
    )
    return [_event(row) for row in conn.execute(filtered(query, since=since, until=until))]


def stored_activity_events(
    conn: sa.Connection, since: date, until: date, published: tuple[date, date] | None = None
) -> list[tuple[int, Any, LeaderEvent]]:
    """(activity id, its day, event) for every event of the stored activities counting on days
    from ``since`` to ``until`` (and with ``published``, whose main report appeared in those days)."""
    query = (
        sa.select(activities.c.id.label("activity_id"), activities.c.day, *_EVENT_COLUMNS)
        .join(activity_members, activity_members.c.activity_id == activities.c.id)
        .join(events, events.c.id == activity_members.c.event_id)
        .join(documents, of_event())
        .where(activities.c.anchor >= since, activities.c.anchor <= until)
    )
    if published is not None:
        query = query.where(activities.c.published >= published[0], activities.c.published <= published[1])
    return [(int(row.activity_id), row.day, _event(row)) for row in conn.execute(query)]


def selected_event_ids(conn: sa.Connection, selection: sa.Select[Any]) -> set[int]:
    """The ids a selection of event ids (``leader_events`` and the like) holds."""
    return set(conn.execute(selection).scalars())
