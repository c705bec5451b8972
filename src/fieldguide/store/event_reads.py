"""The reads the analyses share: the day an event counts on, filters, citations, JSON lookups.

Everything here is SQLAlchemy Core over ``fieldguide.store.schema`` and runs the same on
SQLite and PostgreSQL; the two places where the dialects differ (expanding a JSON array
into rows) are kept side by side in ``event_people``.

An event counts on its own start date when the extraction found one, else on its
document's published date; ``DATED_BY_EVENT`` tells the two apart in results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.store.schema import documents, event_facets, events, mentions


def of_event() -> sa.ColumnElement[bool]:
    """The join condition of an event's document. (Adding ``documents.kind IN (...)`` here
    would let SQLite answer from the covering index, but it then drives the whole query
    from the documents table; only the timeline, which filters on one kind, gets that.)"""
    return documents.c.id == events.c.doc_id


def of_mention() -> sa.ColumnElement[bool]:
    """The join condition of a mention's document."""
    return documents.c.id == mentions.c.doc_id


def event_day() -> Any:
    """The day an event counts on, without joining its document: stored with the event
    (its start, else its document's date; migration 0005)."""
    return events.c.day.label("day")


# The same day computed from the event joined to its document. Queries that join documents
# anyway use it: SQLite answers it from the covering indexes of migration 0003, where the
# stored column would make it read every event's row (which holds the JSON record).
DAY_OF_DOCUMENT = sa.func.coalesce(events.c.start, documents.c.published)
DAY = DAY_OF_DOCUMENT.label("day")
DATED_BY_EVENT = events.c.start.is_not(None).label("dated_by_event")
EVIDENCE = events.c.record["evidence"].as_string().label("evidence")
EVIDENCE_SPANS = events.c.record["evidence_spans"].label("evidence_spans")
CHUNK = 500


def as_date(value: Any) -> date | None:
    """A date from what the driver returns (SQLite may give text for computed columns)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a fact was read: the document, its title, and the evidence with its spans."""

    doc_id: str
    title: str | None
    published: date | None
    evidence: str
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "evidence": self.evidence,
            "spans": [list(s) for s in self.spans],
        }


def spans_of(value: Any) -> tuple[tuple[int, int], ...]:
    """Evidence spans as stored ([[start, end], ...]) to a tuple of pairs."""
    if not value:
        return ()
    return tuple((int(s[0]), int(s[1])) for s in value if isinstance(s, list | tuple) and len(s) == 2)


def event_base() -> sa.Select[Any]:
    """Events joined to their documents, with the day they count on."""
    return sa.select(
        events.c.id,
        events.c.doc_id,
        events.c.n,
        events.c.type,
        events.c.actor,
        events.c.sector,
        DAY,
        DATED_BY_EVENT,
    ).join(documents, of_event())


def facet_match(kinds: Sequence[str], values: Iterable[str]) -> sa.Select[Any]:
    """Ids of events with a facet of one of ``kinds`` whose value is one of ``values``."""
    folded = sorted({v.casefold() for v in values})
    return sa.select(event_facets.c.event_id).where(event_facets.c.kind.in_(kinds), event_facets.c.value.in_(folded))


def filtered(
    query: sa.Select[Any],
    *,
    type: str | None = None,
    since: date | None = None,
    until: date | None = None,
    place: str | None = None,
    weapon: str | None = None,
) -> sa.Select[Any]:
    """``query`` (over events joined to documents) narrowed by the analysts' usual filters:
    an event type, a day range, a place or site, a weapon category or designation."""
    day = DAY_OF_DOCUMENT
    if type:
        query = query.where(events.c.type == type)
    if since:
        query = query.where(day >= since)
    if until:
        query = query.where(day <= until)
    if place:
        query = query.where(events.c.id.in_(facet_match(("place", "site"), [place])))
    if weapon:
        query = query.where(events.c.id.in_(facet_match(("weapon", "designation"), [weapon])))
    return query


def citations(conn: sa.Connection, event_ids: Sequence[int]) -> dict[int, Citation]:
    """The citation of each event: its document, title and evidence."""
    found: dict[int, Citation] = {}
    ids = list(dict.fromkeys(event_ids))
    for start in range(0, len(ids), CHUNK):
        rows = conn.execute(
            sa.select(events.c.id, events.c.doc_id, documents.c.title, documents.c.published, EVIDENCE, EVIDENCE_SPANS)
            .join(documents, of_event())
            .where(events.c.id.in_(ids[start : start + CHUNK]))
        )
        for row in rows:
            found[row.id] = Citation(
                row.doc_id, row.title, as_date(row.published), row.evidence or "", spans_of(row.evidence_spans)
            )
    return found


def latest_document_date(conn: sa.Connection) -> date | None:
    """The newest published date in the archive: "today" for every analysis, never the clock."""
    return as_date(conn.execute(sa.select(sa.func.max(documents.c.published))).scalar())


@dataclass(frozen=True, slots=True)
class PersonInEvent:
    """One person as an event's people list names them."""

    event_id: int
    doc_id: str
    day: date | None
    dated_by_event: bool
    actor: str | None
    type: str
    role: str | None
    title: str | None


def event_people(conn: sa.Connection, name: str, event_ids: sa.Select[Any] | None = None) -> list[PersonInEvent]:
    """Every entry for ``name`` (canonical, exact) in the people lists of the events it is a
    facet of: role and title as the extraction attached them. Events the person leads are
    skipped: an actor is not in its own event's people list."""
    folded = name.casefold()
    if conn.dialect.name == "postgresql":
        sql = """
            SELECT e.id, e.doc_id, coalesce(e.start, d.published) AS day, e.start IS NOT NULL AS dated,
                   e.actor, e.type, p->>'role' AS role, p->>'title' AS title
            FROM events e JOIN documents d ON d.id = e.doc_id
            CROSS JOIN LATERAL json_array_elements(e.record->'people') AS p
            WHERE e.id IN (SELECT event_id FROM event_facets WHERE kind = 'person' AND value = :folded)
              AND coalesce(e.actor, '') != :name
              AND p->>'name' = :name"""
    else:
        sql = """
            SELECT e.id, e.doc_id, coalesce(e.start, d.published) AS day, e.start IS NOT NULL AS dated,
                   e.actor, e.type, json_extract(p.value, '$.role') AS role,
                   json_extract(p.value, '$.title') AS title
            FROM events e JOIN documents d ON d.id = e.doc_id, json_each(e.record, '$.people') AS p
            WHERE e.id IN (SELECT event_id FROM event_facets WHERE kind = 'person' AND value = :folded)
              AND coalesce(e.actor, '') != :name
              AND json_extract(p.value, '$.name') = :name"""
    rows = conn.execute(sa.text(sql), {"folded": folded, "name": name})
    return [PersonInEvent(r[0], r[1], as_date(r[2]), bool(r[3]), r[4], r[5], r[6], r[7]) for r in rows]


def titled_people(conn: sa.Connection) -> list[tuple[str, str, date | None, str, int]]:
    """(name, title, day, doc_id, event id) for every titled entry of every event's people
    list: the raw material of title histories across the archive."""
    if conn.dialect.name == "postgresql":
        sql = """
            SELECT p->>'name', p->>'title', coalesce(e.start, d.published), e.doc_id, e.id
            FROM events e JOIN documents d ON d.id = e.doc_id
            CROSS JOIN LATERAL json_array_elements(e.record->'people') AS p
            WHERE p->>'title' IS NOT NULL"""
    else:
        sql = """
            SELECT json_extract(p.value, '$.name'), json_extract(p.value, '$.title'),
                   coalesce(e.start, d.published), e.doc_id, e.id
            FROM events e JOIN documents d ON d.id = e.doc_id, json_each(e.record, '$.people') AS p
            WHERE json_extract(p.value, '$.title') IS NOT NULL"""
    return [(r[0], r[1], as_date(r[2]), r[3], r[4]) for r in conn.execute(sa.text(sql))]


def mention_titles(
    conn: sa.Connection, name: str, doc_ids: Sequence[str]
) -> list[tuple[str, date | None, str, int, int]]:
    """(title, published, doc_id, start, end) for each mention of ``name`` in ``doc_ids`` to
    which the extraction attached a title (titles live in the extraction record, not in the
    mentions table)."""
    if not doc_ids:
        return []
    if conn.dialect.name == "postgresql":
        sql = """
            SELECT m->'attrs'->>'title', d.published, x.doc_id,
                   (m->'span'->>0)::int, (m->'span'->>1)::int
            FROM extractions x JOIN documents d ON d.id = x.doc_id
            CROSS JOIN LATERAL json_array_elements(x.record->'mentions') AS m
            WHERE x.doc_id IN :docs
              AND m->>'kind' = 'person' AND m->>'canonical' = :name
              AND m->'attrs'->>'title' IS NOT NULL"""
    else:
        sql = """
            SELECT json_extract(m.value, '$.attrs.title'), d.published, x.doc_id,
                   json_extract(m.value, '$.span[0]'), json_extract(m.value, '$.span[1]')
            FROM extractions x JOIN documents d ON d.id = x.doc_id, json_each(x.record, '$.mentions') AS m
            WHERE x.doc_id IN :docs
              AND json_extract(m.value, '$.kind') = 'person' AND json_extract(m.value, '$.canonical') = :name
              AND json_extract(m.value, '$.attrs.title') IS NOT NULL"""
    query = sa.text(sql).bindparams(sa.bindparam("docs", expanding=True))
    rows = conn.execute(query, {"name": name, "docs": list(doc_ids)})
    return [(r[0], as_date(r[1]), r[2], int(r[3]), int(r[4])) for r in rows]


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n")


def sentence_around(context: str, offset: int, position: int) -> tuple[str, tuple[int, int]]:
    """The sentence of ``context`` (a stretch of a document starting at ``offset``) that
    holds ``position``, and its span in the document."""
    local = position - offset
    begin, end = 0, len(context)
    for m in _SENTENCE_END.finditer(context):
        if m.end() <= local:
            begin = m.end()
        elif m.start() >= local:
            end = m.start()
            break
    sentence = context[begin:end]
    stripped = sentence.strip()
    start = offset + begin + len(sentence) - len(sentence.lstrip())
    return stripped, (start, start + len(stripped))


def site_display(conn: sa.Connection, event_id: int, value: str) -> str:
    """A site as the event's record writes it (facets keep it lower-cased)."""
    sites = conn.execute(sa.select(events.c.record["sites"]).where(events.c.id == event_id)).scalar() or []
    return next((s for s in sites if isinstance(s, str) and s.casefold() == value), value)


def mention_citation(conn: sa.Connection, doc_id: str, position: int, context: int = 300) -> Citation:
    """A mention cited by the sentence around it, reading only ``context`` characters either side."""
    begin = max(0, position - context)
    row = conn.execute(
        sa.select(
            documents.c.title,
            documents.c.published,
            sa.func.substr(documents.c.text, begin + 1, 2 * context).label("context"),
        ).where(documents.c.id == doc_id)
    ).one()
    sentence, span = sentence_around(row.context or "", begin, position)
    return Citation(doc_id, row.title, as_date(row.published), sentence, (span,))
