"""The reads of ``fieldguide watch``: the documents stored since the last round, with their
events and facets, and whether the leader was seen before a day."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import orjson
import sqlalchemy as sa

from fieldguide.model import LEADER, Event
from fieldguide.store.batch import chunks
from fieldguide.store.event_reads import as_date
from fieldguide.store.schema import documents, event_facets, events


@dataclass(slots=True)
class NewDocument:
    seq: int
    id: str
    kind: str
    title: str | None
    url: str | None
    published: date | None
    source: str | None
    events: list[NewEvent] = field(default_factory=list)


@dataclass(slots=True)
class NewEvent:
    id: int
    doc_id: str
    n: int
    type: str
    actor: str | None
    day: date | None
    extracted: Event  # the stored record, read back
    facets: set[tuple[str, str]] = field(default_factory=set)

    @property
    def evidence(self) -> dict[str, Any]:
        return {"text": self.extracted.evidence_text, "spans": [s.to_json() for s in self.extracted.evidence]}


def read_new(engine: sa.Engine, after: int, upto: int) -> list[NewDocument]:
    """The documents stored with ``after < seq <= upto``, with their events and facets."""
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(
                documents.c.seq,
                documents.c.id,
                documents.c.kind,
                documents.c.title,
                documents.c.url,
                documents.c.published,
                documents.c.source,
            )
            .where(documents.c.seq > after, documents.c.seq <= upto)
            .order_by(documents.c.seq)
        ).all()
        docs = {r.id: NewDocument(r.seq, r.id, r.kind, r.title, r.url, as_date(r.published), r.source) for r in rows}
        found: dict[int, NewEvent] = {}
        record = sa.type_coerce(events.c.record, sa.Text)
        for part in chunks(list(docs)):
            for e in conn.execute(
                sa.select(events.c.id, events.c.doc_id, events.c.n, events.c.type, events.c.actor, events.c.day, record)
                .where(events.c.doc_id.in_(part))
                .order_by(events.c.doc_id, events.c.n)
            ):
                value = e.record if isinstance(e.record, dict) else orjson.loads(e.record)
                event = NewEvent(e.id, e.doc_id, e.n, e.type, e.actor, as_date(e.day), Event.from_json(value))
                found[e.id] = event
                docs[e.doc_id].events.append(event)
        for part in chunks(list(found)):
            for f in conn.execute(
                sa.select(event_facets.c.event_id, event_facets.c.kind, event_facets.c.value).where(
                    event_facets.c.event_id.in_(part)
                )
            ):
                found[f.event_id].facets.add((f.kind, f.value))
    return list(docs.values())


def leader_seen_before(engine: sa.Engine, day: date) -> bool:
    """Has any event of the leader a day before the eve of ``day``?"""
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(events.c.id).where(events.c.actor == LEADER, events.c.day < day - timedelta(days=1)).limit(1)
        ).scalar()
    return found is not None
