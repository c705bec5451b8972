"""The headlines of the dispatches of some days: what a brief reads to find the state's acts
that are news though the leader was not there (report/state_news.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from fieldguide.store.event_reads import as_date
from fieldguide.store.schema import documents

CHUNK = 500


@dataclass(frozen=True, slots=True)
class Headline:
    doc_id: str
    title: str
    published: date
    story_id: str
    length: int  # characters of text: the fullest article of an act is its main report


def dispatch_headlines(
    conn: sa.Connection, since: date, until: date, wanted: Callable[[str], bool] | None = None
) -> list[Headline]:
    """Each dispatch published in [since, until] with a headline (one that ``wanted`` accepts),
    in the order of publication. Only the texts of those kept are measured: a week of a large
    archive holds thousands of headlines, few of them news."""
    query = (
        sa.select(documents.c.id, documents.c.title, documents.c.published, documents.c.story_id)
        .where(
            documents.c.published >= since,
            documents.c.published <= until,
            documents.c.kind == "dispatch",
            documents.c.title.is_not(None),
        )
        .order_by(documents.c.published, documents.c.id)
    )
    rows = [r for r in conn.execute(query) if wanted is None or wanted(r.title)]
    lengths = _text_lengths(conn, [r.id for r in rows])
    # published is never null here: the query compares it with the period
    return [Headline(r.id, r.title, as_date(r.published) or since, r.story_id, lengths.get(r.id, 0)) for r in rows]


def _text_lengths(conn: sa.Connection, doc_ids: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(doc_ids), CHUNK):
        part = doc_ids[start : start + CHUNK]
        query = sa.select(documents.c.id, sa.func.length(documents.c.text)).where(documents.c.id.in_(part))
        found.update((str(doc_id), int(length or 0)) for doc_id, length in conn.execute(query))
    return found
