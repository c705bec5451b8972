"""The reads of a dossier: whether a name is in the archive, the events of a subject (the
events holding one of its facets), the documents that only mention it, and a person's
company."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.store.event_reads import as_date, event_day
from fieldguide.store.schema import event_facets, events, mentions


def has_facet(conn: sa.Connection, kinds: tuple[str, ...], value: str) -> bool:
    query = sa.select(event_facets.c.event_id).where(
        event_facets.c.kind.in_(kinds), event_facets.c.value == value.casefold()
    )
    return conn.execute(query.limit(1)).first() is not None


def has_mention(conn: sa.Connection, kind: str, name: str) -> bool:
    query = sa.select(mentions.c.id).where(mentions.c.kind == kind, mentions.c.canonical == name)
    return conn.execute(query.limit(1)).first() is not None


def site_counts(conn: sa.Connection) -> list[tuple[str, int]]:
    """(site phrase, events) for every site facet value."""
    rows = conn.execute(
        sa.select(event_facets.c.value, sa.func.count())
        .where(event_facets.c.kind == "site")
        .group_by(event_facets.c.value)
    ).all()
    return [(value, int(count)) for value, count in rows]


def subject_events(facet_kinds: Sequence[str], facet_values: Sequence[str]) -> sa.Select[Any]:
    """The ids of events with a facet of one of ``facet_kinds`` valued one of ``facet_values``."""
    return (
        sa.select(event_facets.c.event_id)
        .where(event_facets.c.kind.in_(facet_kinds), event_facets.c.value.in_(facet_values))
        .distinct()
    )


def counts_by_day_and_type(conn: sa.Connection, matched: sa.Select[Any]) -> tuple[list[Any], int]:
    """Rows (day, type, events, documents) of the ``matched`` events, and the documents holding one."""
    in_subject = events.c.id.in_(matched)
    day_of = event_day()
    per_day_type = conn.execute(
        sa.select(day_of, events.c.type, sa.func.count(), sa.func.count(sa.distinct(events.c.doc_id)))
        .where(in_subject)
        .group_by(day_of, events.c.type)
    ).all()
    event_docs = conn.execute(sa.select(sa.func.count(sa.distinct(events.c.doc_id))).where(in_subject)).scalar() or 0
    return list(per_day_type), int(event_docs)


def latest_events(conn: sa.Connection, matched: sa.Select[Any], limit: int) -> list[Any]:
    """Rows (id, type, actor, start, day) of the latest ``limit`` of the ``matched`` events,
    chosen from the indexes (reading the JSON evidence of every event before sorting would
    read them all)."""
    day_of = event_day()
    return list(
        conn.execute(
            sa.select(events.c.id, events.c.type, events.c.actor, events.c.start, day_of)
            .where(events.c.id.in_(matched))
            .order_by(day_of.desc(), events.c.doc_id.desc(), events.c.n)
            .limit(limit)
        ).all()
    )


@dataclass(frozen=True, slots=True)
class Mentions:
    """The documents that mention the subject, as SQL over the mentions index."""

    names: sa.ColumnElement[bool]  # mentions of the subject
    without_event: sa.ColumnElement[bool]  # ... in documents holding no event of it


def subject_mentions(
    mention_kind: str | None,
    mention_names: Sequence[str],
    facet_kinds: Sequence[str],
    facet_values: Sequence[str],
) -> Mentions | None:
    """The mentions of a subject named ``mention_names`` whose events hold one of its facets."""
    if not mention_kind or not mention_names:
        return None
    names: sa.ColumnElement[bool] = mentions.c.canonical.in_(mention_names)
    if len(mention_names) == 1:  # one name: the index range comes out in date order
        names = mentions.c.canonical == mention_names[0]
    of_subject = sa.and_(mentions.c.kind == mention_kind, names)
    with_event = sa.select(events.c.doc_id).where(
        events.c.id.in_(
            sa.select(event_facets.c.event_id).where(
                event_facets.c.kind.in_(facet_kinds), event_facets.c.value.in_(facet_values)
            )
        )
    )
    return Mentions(of_subject, sa.and_(of_subject, mentions.c.doc_id.not_in(with_event)))


def mention_only_summary(conn: sa.Connection, found: Mentions) -> tuple[int, date | None, date | None]:
    """How many documents mention the subject without an event of it, the first and last published."""
    count, first, last = conn.execute(
        sa.select(
            sa.func.count(sa.distinct(mentions.c.doc_id)),
            sa.func.min(mentions.c.published),
            sa.func.max(mentions.c.published),
        ).where(found.without_event)
    ).one()
    return int(count or 0), as_date(first), as_date(last)


def documents_in_order(
    conn: sa.Connection, condition: sa.ColumnElement[bool], limit: int, latest: bool
) -> list[tuple[str, int]]:
    """(doc_id, first mention) of the earliest or latest ``limit`` documents with a mention
    matching ``condition``, read from one end of the (kind, canonical, published, doc_id) index.
    Undated documents come last among the latest and first among the earliest; they are read
    apart, since an order that places NULLs against the index's grain makes PostgreSQL sort."""
    published = mentions.c.published
    dated_order = (published.desc(), mentions.c.doc_id.desc()) if latest else (published, mentions.c.doc_id)
    undated_order = (mentions.c.doc_id.desc(),) if latest else (mentions.c.doc_id,)
    parts = [(published.is_not(None), dated_order), (published.is_(None), undated_order)]
    found: list[tuple[str, int]] = []
    for where, order in parts if latest else reversed(parts):
        if len(found) >= limit:
            break
        rows = conn.execute(
            sa.select(mentions.c.doc_id, sa.func.min(mentions.c.start))
            .where(condition, where)
            .group_by(published, mentions.c.doc_id)
            .order_by(*order)
            .limit(limit - len(found))
        )
        found += [(doc_id, int(start)) for doc_id, start in rows]
    return found


def accompanied(conn: sa.Connection, matched: sa.Select[Any], name: str) -> list[Any]:
    """Rows (actor, events, first day, last day) of the actors of the ``matched`` events other than ``name``."""
    day_of = event_day()
    return list(
        conn.execute(
            sa.select(events.c.actor, sa.func.count(), sa.func.min(day_of), sa.func.max(day_of))
            .where(events.c.id.in_(matched), events.c.actor.is_not(None), events.c.actor != name)
            .group_by(events.c.actor)
        ).all()
    )


def companions(conn: sa.Connection, matched: sa.Select[Any], folded: str) -> list[Any]:
    """Rows (person facet, events, first day, last day) of the other people of the ``matched``
    events, neither ``folded`` (the subject) nor the event's actor."""
    day_of = event_day()
    other = event_facets.alias("other")
    return list(
        conn.execute(
            sa.select(
                other.c.value, sa.func.count(sa.distinct(other.c.event_id)), sa.func.min(day_of), sa.func.max(day_of)
            )
            .select_from(other.join(events, events.c.id == other.c.event_id))
            .where(
                other.c.event_id.in_(matched),
                other.c.kind == "person",
                other.c.value != folded,
                other.c.value != sa.func.lower(sa.func.coalesce(events.c.actor, "")),
            )
            .group_by(other.c.value)
        ).all()
    )


def events_among(event_ids: Sequence[int]) -> sa.Select[Any]:
    """A select of these event ids, for ``read_activities(matching=...)``: the dossier asks which
    activities hold the events it lists."""
    return sa.select(events.c.id).where(events.c.id.in_(sorted(set(event_ids))))
