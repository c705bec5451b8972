"""The headlines of the dispatches of some days: what a brief reads to find the state's acts
that are news though the leader was not there (report/state_news.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from fieldguide.store.event_reads import as_date
from fieldguide.store.schema import documents


@dataclass(frozen=True, slots=True)
class Headline:
    doc_id: str
    title: str
    published: date
    story_id: str
    length: int  # characters of text: the fullest article of an act is its main report


def dispatch_headlines(conn: sa.Connection, since: date, until: date) -> list[Headline]:
    """Each dispatch published in [since, until] with a headline, in the order of publication."""
    query = (
        sa.select(
            documents.c.id,
            documents.c.title,
            documents.c.published,
            documents.c.story_id,
            sa.func.length(documents.c.text).label("length"),
        )
        .where(
            documents.c.published >= since,
            documents.c.published <= until,
            documents.c.kind == "dispatch",
            documents.c.title.is_not(None),
        )
        .order_by(documents.c.published, documents.c.id)
    )
    # published is never null here: the query compares it with the period
    return [
        Headline(r.id, r.title, as_date(r.published) or since, r.story_id, int(r.length or 0))
        for r in conn.execute(query)
    ]
