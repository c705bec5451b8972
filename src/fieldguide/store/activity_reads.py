"""The reads the leader's activities are grouped from: his events in dispatches, with their
records; and the same rows for the events of the stored activities (store/activities.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

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
    events.c.record,
    documents.c.published,
    documents.c.title,
)


def leader_dispatch_events(conn: sa.Connection, since: date | None, until: date | None) -> list[Any]:
    """Rows (id, doc_id, n, type, start, record, published, title) of the leader's events in
    dispatches counting on days from ``since`` to ``until``."""
    query = (
        sa.select(*_EVENT_COLUMNS)
        .join(documents, of_event())
        .where(events.c.actor == LEADER, documents.c.kind == "dispatch")
    )
    return list(conn.execute(filtered(query, since=since, until=until)))


def stored_activity_events(conn: sa.Connection, since: date, until: date) -> list[Any]:
    """Rows (activity_id, day, then the columns of ``leader_dispatch_events``) of every event
    of the stored activities counting on days from ``since`` to ``until``."""
    query = (
        sa.select(activities.c.id.label("activity_id"), activities.c.day, *_EVENT_COLUMNS)
        .join(activity_members, activity_members.c.activity_id == activities.c.id)
        .join(events, events.c.id == activity_members.c.event_id)
        .join(documents, of_event())
        .where(activities.c.anchor >= since, activities.c.anchor <= until)
    )
    return list(conn.execute(query))


def selected_event_ids(conn: sa.Connection, selection: sa.Select[Any]) -> set[int]:
    """The ids a selection of event ids (``leader_events`` and the like) holds."""
    return set(conn.execute(selection).scalars())
