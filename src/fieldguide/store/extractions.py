"""Storage of the extraction engine's results: extractions, events, their facets, mentions.

``write`` replaces a document's rows (delete then insert) inside the caller's
transaction, so readers see the old rows until the new ones are committed.
Every write or deletion of the leader's events notes their days (store/activities.py), so
that the stored activities of those days are grouped again. ``write`` is also where analysts'
corrections are applied (store/correcting.py): the one point every extraction passes through.
``query_events`` is the simple filter the analysis side starts from.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from fieldguide.fingerprints.facts import Facts, Terms
from fieldguide.model import LEADER, Document, Event, Extraction
from fieldguide.store import activities as stored_activities
from fieldguide.store import correcting
from fieldguide.store.schema import documents, event_facets, events, extractions, mentions

CHUNK = 900
MENTION_COLUMNS = ("doc_id", "kind", "canonical", "text", "start", "end", "published")


def _insert_tuples(conn: sa.Connection, table: sa.Table, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Insert many plain rows through the driver: the tens of mentions of every document cost
    SQLAlchemy more to bind, one parameter at a time, than SQLite takes to store them."""
    if not rows:
        return
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.name == "sqlite" else "%s"
    names = ", ".join(quote(c) for c in columns)
    conn.exec_driver_sql(f"INSERT INTO {quote(table.name)} ({names}) VALUES ({', '.join([mark] * len(columns))})", rows)


def _day(value: date | None, dialect: str) -> Any:
    # SQLite keeps dates as ISO text (as SQLAlchemy's Date type writes them); psycopg takes dates.
    return value.isoformat() if value is not None and dialect == "sqlite" else value


def _facets(event: Event) -> list[tuple[str, str]]:
    facets: list[tuple[str, str]] = []
    facets += [("weapon", w) for w in event.weapons]
    facets += [("designation", d) for d in event.designations]
    facets += [("person", p.name) for p in event.people]
    facets += [("place", p) for p in event.places]
    facets += [("site", s) for s in event.sites]
    if event.actor:
        facets.append(("person", event.actor))
    return list(dict.fromkeys((kind, value.casefold()) for kind, value in facets if value))


def forget(conn: sa.Connection, doc_ids: Sequence[str]) -> None:
    """Delete the extraction rows of ``doc_ids`` (events, facets, mentions, the record)."""
    ids = list(dict.fromkeys(doc_ids))
    for start in range(0, len(ids), CHUNK):
        part = ids[start : start + CHUNK]
        stored_activities.mark_changed(conn, stored_activities.leader_days(conn, part))
        old_events = sa.select(events.c.id).where(events.c.doc_id.in_(part))
        conn.execute(event_facets.delete().where(event_facets.c.event_id.in_(old_events)))
        conn.execute(events.delete().where(events.c.doc_id.in_(part)))
        conn.execute(mentions.delete().where(mentions.c.doc_id.in_(part)))
        conn.execute(extractions.delete().where(extractions.c.doc_id.in_(part)))


def write(conn: sa.Connection, items: Sequence[tuple[Document, Extraction]], now: datetime) -> None:
    """Replace the extraction rows of each document in ``items``."""
    if not items:
        return
    forget(conn, [extraction.doc_id for _, extraction in items])
    extraction_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    mention_rows: list[tuple[Any, ...]] = []
    dialect = conn.dialect.name
    facets_by_event: list[list[tuple[str, str]]] = []
    latest = {extraction.doc_id: (doc, extraction) for doc, extraction in items}  # the last one wins
    # Analysts' corrections win over extraction: applied here, before any row is written, so that
    # every reader sees the corrected facts (store/correcting.py); the record as extracted is kept.
    corrected = correcting.active(conn, list(latest))
    outcomes: dict[int, correcting.Status] = {}
    for doc, extraction in latest.values():
        extracted = None
        if extraction.doc_id in corrected:
            extracted = extraction.to_record()
            extraction, outcome = correcting.apply(extraction, doc.text, corrected[extraction.doc_id])
            outcomes.update(outcome)
        terms = Terms.of(doc.title, doc.text)
        record = extraction.to_record()
        if extracted is not None:
            record["corrections"] = sorted(outcome)
        extraction_rows.append(
            {
                "doc_id": extraction.doc_id,
                "kb_version": extraction.kb_version,
                "record": record,
                "extracted_at": now,
                "link_words": terms.words,
                "link_numbers": terms.numbers,
                "link_facts": Facts.of(record).to_json(),
                "extracted": extracted,
            }
        )
        for n, event in enumerate(extraction.events):
            event_rows.append(
                {
                    "doc_id": extraction.doc_id,
                    "n": n,
                    "type": event.type,
                    "actor": event.actor,
                    "start": event.start,
                    "end": event.end,
                    "sector": event.sector,
                    "record": event.to_json(),
                    "day": event.start or doc.published,
                }
            )
            facets_by_event.append(_facets(event))
        published = _day(doc.published, dialect)
        mention_rows.extend(
            (extraction.doc_id, m.kind, m.canonical, m.text, m.span.start, m.span.end, published)
            for m in extraction.mentions
        )
        # A named system ("Hwasongpho-19") is also indexed by its designation, so that its dossier
        # finds the documents that name it without an event of the leader (a press statement).
        mention_rows.extend(
            (extraction.doc_id, "designation", str(m.attrs["designation"]), m.text, m.span.start, m.span.end, published)
            for m in extraction.mentions
            if m.kind == "weapon" and m.attrs.get("designation") and m.counts
        )
    conn.execute(extractions.insert(), extraction_rows)
    correcting.note_outcomes(conn, outcomes)
    stored_activities.mark_changed(conn, {row["day"] for row in event_rows if row["actor"] == LEADER})
    _insert_tuples(conn, mentions, MENTION_COLUMNS, mention_rows)
    if event_rows:
        ids = conn.execute(events.insert().returning(events.c.id, sort_by_parameter_order=True), event_rows).scalars()
        facet_rows = [
            (event_id, kind, value)
            for event_id, facets in zip(ids, facets_by_event, strict=True)
            for kind, value in facets
        ]
        _insert_tuples(conn, event_facets, ("event_id", "kind", "value"), facet_rows)


def event_confidence() -> sa.ColumnElement[float]:
    """An event's confidence as its stored record gives it (NULL for one stored before confidences
    existed, which a threshold then leaves out: ``fieldguide reextract`` gives it one)."""
    confidence: sa.ColumnElement[float] = events.c.record["confidence"].as_float()
    return confidence


def query_events(
    conn: sa.Connection,
    *,
    type: str | None = None,
    weapon: str | None = None,
    person: str | None = None,
    place: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 100,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """Events matching every filter given, latest first. ``weapon`` matches a category or
    a designation, ``place`` a place or a site; names match case-insensitively;
    ``min_confidence`` leaves out events less likely right."""
    day = sa.func.coalesce(events.c.start, documents.c.published)
    query = (
        sa.select(
            events.c.doc_id,
            events.c.n,
            events.c.type,
            events.c.actor,
            events.c.start,
            events.c.end,
            events.c.sector,
            events.c.record,
            documents.c.title,
            documents.c.published,
            documents.c.source,
        )
        .join(documents, documents.c.id == events.c.doc_id)
        .order_by(day.desc(), events.c.doc_id, events.c.n)
        .limit(limit)
    )
    if type:
        query = query.where(events.c.type == type)
    facet_filters = (
        (("weapon", "designation"), weapon),
        (("person",), person),
        (("place", "site"), place),
    )
    for kinds, value in facet_filters:
        if value:
            match = sa.select(event_facets.c.event_id).where(
                event_facets.c.kind.in_(kinds), event_facets.c.value == value.casefold()
            )
            query = query.where(events.c.id.in_(match))
    if since:
        query = query.where(day >= since)
    if until:
        query = query.where(day <= until)
    if min_confidence is not None:
        query = query.where(event_confidence() >= min_confidence)
    return [dict(row._mapping) for row in conn.execute(query)]
