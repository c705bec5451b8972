"""The stored grouping of the leader's events into activities: every statement on its tables.

analyze/activities.py decides what an activity is; this module keeps its results
(migration 0013) and says whether they can be trusted:

    mark_changed(conn, days)           # with every write or deletion of leader events
    is_current(conn, rules)            # the rules match and no day changed since: read the table
    read(conn, since, until, appearances_only=True)
    replace(conn, found, rules, between=(a, b))   # the activities counting on days a..b, or all

Writing happens inside the caller's write transaction, so a reader sees the old grouping or
the new one, never half of it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.model import LEADER
from fieldguide.serialize import appearance_json
from fieldguide.store.schema import activities, activity_changes, activity_members, activity_state, events

CHUNK = 900


@dataclass(frozen=True, slots=True)
class ActivityRecord:
    """One activity of the leader as the reading commands show it (stored, or grouped in memory)."""

    day: date | None  # the day it took place; None when only undated reports tell of it
    published: date | None  # its main report's
    type: str
    site: str | None
    speech: bool
    public_appearance: bool
    docs: list[str]  # the main report first
    main_event_id: int
    main_doc_id: str
    main_n: int
    evidence: str
    spans: tuple[tuple[int, int], ...]
    members: tuple[tuple[int, str], ...] = ()  # (event id, doc id) of every report (read when asked for)
    confidence: float | None = None  # its most confident report's (None: reported before confidences)

    @property
    def anchor(self) -> date | None:
        """The day it counts on: its own, else its main report's publication day."""
        return self.day or self.published

    @property
    def event_ids(self) -> frozenset[int]:
        return frozenset(event_id for event_id, _ in self.members)

    def order_key(self) -> tuple[Any, ...]:
        return (self.anchor or date.max, self.published or date.max, self.main_doc_id, self.main_n)

    def appearance_json(self) -> dict[str, Any]:
        """The record `fieldguide appearances --format json` prints (``serialize.appearance_json``)."""
        return appearance_json(self)

    def to_json(self) -> dict[str, Any]:
        return {**self.appearance_json(), "public_appearance": self.public_appearance}


# --- what changed ----------------------------------------------------------------------------


def leader_days(conn: sa.Connection, doc_ids: Sequence[str]) -> set[date | None]:
    """The days the leader's events of ``doc_ids`` count on, as stored now."""
    found: set[date | None] = set()
    for start in range(0, len(doc_ids), CHUNK):
        part = list(doc_ids[start : start + CHUNK])
        query = sa.select(events.c.day).where(events.c.doc_id.in_(part), events.c.actor == LEADER).distinct()
        found |= set(conn.execute(query).scalars())
    return found


def mark_changed(conn: sa.Connection, days: Iterable[date | None]) -> None:
    """Note that the leader's events of ``days`` changed: the stored grouping of those days is stale."""
    rows = [{"day": day} for day in set(days)]
    if rows:
        conn.execute(activity_changes.insert(), rows)


def changed_days(conn: sa.Connection) -> set[date | None]:
    return {_date(d) for d in conn.execute(sa.select(activity_changes.c.day).distinct()).scalars()}


def stored_rules(conn: sa.Connection) -> str | None:
    """The rules the stored grouping was made with; None when none was stored."""
    return conn.execute(sa.select(activity_state.c.rules).where(activity_state.c.id == 1)).scalar()


def is_current(conn: sa.Connection, rules: str) -> bool:
    """Whether the stored grouping was made with ``rules`` from the events stored now."""
    state = sa.select(activity_state.c.rules).where(activity_state.c.id == 1).scalar_subquery()
    pending = sa.exists(sa.select(activity_changes.c.day))
    current = conn.execute(sa.select(sa.and_(state == rules, sa.not_(pending)))).scalar()
    return bool(current)


# --- reading ---------------------------------------------------------------------------------


def read(
    conn: sa.Connection,
    since: date | None = None,
    until: date | None = None,
    *,
    appearances_only: bool = False,
    matching: sa.Select[Any] | None = None,
    with_docs: bool = True,
    with_events: bool = False,
) -> list[ActivityRecord]:
    """The stored activities counting on days from ``since`` to ``until`` (those with no day at
    all only when neither is given), in the order of their day; ``matching``: a select of
    event ids, of which an activity must hold one. ``with_docs=False`` leaves only the main
    report in ``docs`` (the timeline needs no more)."""
    query = sa.select(activities)
    if appearances_only:
        query = query.where(activities.c.public_appearance.is_(True))
    if since is not None:
        query = query.where(activities.c.anchor >= since)
    if until is not None:
        query = query.where(activities.c.anchor <= until)
    if matching is not None:
        holding = sa.select(activity_members.c.activity_id).where(activity_members.c.event_id.in_(matching))
        query = query.where(activities.c.id.in_(holding))
    rows = list(conn.execute(query))
    docs: dict[int, list[str]] = defaultdict(list)
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    if with_docs or with_events:
        listed: set[tuple[int, str]] = set()  # a set: an activity may have hundreds of documents
        for activity_id, event_id, doc_id in _members(conn, [row.id for row in rows], query):
            if (activity_id, doc_id) not in listed:
                listed.add((activity_id, doc_id))
                docs[activity_id].append(doc_id)
            members[activity_id].append((event_id, doc_id))
    found = [
        ActivityRecord(
            day=_date(row.day),
            published=_date(row.published),
            type=row.type,
            site=row.site,
            speech=bool(row.speech),
            public_appearance=bool(row.public_appearance),
            docs=docs[row.id] if with_docs else [row.main_doc_id],
            main_event_id=int(row.main_event_id),
            main_doc_id=row.main_doc_id,
            main_n=int(row.main_n),
            evidence=row.evidence,
            spans=tuple((int(s[0]), int(s[1])) for s in row.spans or ()),
            members=tuple(members[row.id]) if with_events else (),
            confidence=None if row.confidence is None else float(row.confidence),
        )
        for row in rows
    ]
    return sorted(found, key=ActivityRecord.order_key)


def _members(conn: sa.Connection, ids: list[int], chosen: sa.Select[Any]) -> Iterable[tuple[int, int, str]]:
    """(activity id, event id, doc id) of the chosen activities, documents by rank."""
    if not ids:
        return []
    chosen_ids = chosen.with_only_columns(activities.c.id).scalar_subquery()
    query = (
        sa.select(activity_members.c.activity_id, activity_members.c.event_id, activity_members.c.doc_id)
        .where(activity_members.c.activity_id.in_(chosen_ids))
        .order_by(activity_members.c.activity_id, activity_members.c.rank, activity_members.c.event_id)
    )
    return [(int(r[0]), int(r[1]), str(r[2])) for r in conn.execute(query)]


def memberships(conn: sa.Connection, since: date, until: date) -> list[frozenset[int]]:
    """The event ids of each stored activity counting on days from ``since`` to ``until``."""
    query = (
        sa.select(activity_members.c.activity_id, activity_members.c.event_id)
        .join(activities, activities.c.id == activity_members.c.activity_id)
        .where(activities.c.anchor >= since, activities.c.anchor <= until)
    )
    grouped: dict[int, set[int]] = defaultdict(set)
    for activity_id, event_id in conn.execute(query):
        grouped[int(activity_id)].add(int(event_id))
    return [frozenset(ids) for ids in grouped.values()]


# --- writing ---------------------------------------------------------------------------------


def replace(
    conn: sa.Connection,
    found: Sequence[ActivityRecord],
    rules: str,
    between: tuple[date, date] | None = None,
) -> None:
    """Store ``found`` in place of the stored activities counting on the days ``between``
    (every stored activity when None), then mark the grouping current for ``rules``. Every
    record needs its ``event_ids`` and its ``docs`` in rank order."""
    if between is None:
        conn.execute(activity_members.delete())
        conn.execute(activities.delete())
    else:
        old = sa.select(activities.c.id).where(activities.c.anchor >= between[0], activities.c.anchor <= between[1])
        conn.execute(activity_members.delete().where(activity_members.c.activity_id.in_(old)))
        conn.execute(activities.delete().where(activities.c.anchor >= between[0], activities.c.anchor <= between[1]))
    if found:
        rows = [
            {
                "day": a.day,
                "anchor": a.anchor,
                "published": a.published,
                "type": a.type,
                "site": a.site,
                "speech": a.speech,
                "public_appearance": a.public_appearance,
                "main_event_id": a.main_event_id,
                "main_doc_id": a.main_doc_id,
                "main_n": a.main_n,
                "evidence": a.evidence,
                "spans": [list(s) for s in a.spans],
                "confidence": a.confidence,
            }
            for a in found
        ]
        ids = conn.execute(activities.insert().returning(activities.c.id, sort_by_parameter_order=True), rows).scalars()
        member_rows = [
            {"activity_id": activity_id, "event_id": event_id, "doc_id": doc_id, "rank": a.docs.index(doc_id)}
            for activity_id, a in zip(ids, found, strict=True)
            for event_id, doc_id in a.members
        ]
        conn.execute(activity_members.insert(), member_rows)
    conn.execute(activity_changes.delete())
    conn.execute(activity_state.update().where(activity_state.c.id == 1).values(rules=rules))


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
