"""Which stored extractions are stale: made with another knowledge base, or stored before
linking's terms and facts were (migrations 0008, 0010), or missing."""

from __future__ import annotations

from collections.abc import Iterator

import sqlalchemy as sa

from fieldguide.store.schema import documents, extractions

PAGE = 500


def stale_ids(engine: sa.Engine, kb_version: str) -> Iterator[list[str]]:
    """Ids of documents with no extraction, one made with another knowledge base, or one stored
    before linking's terms and facts were, page by page (a connection a page)."""
    last = 0
    while True:
        query = (
            sa.select(documents.c.seq, documents.c.id)
            .select_from(documents.outerjoin(extractions, extractions.c.doc_id == documents.c.id))
            .where(documents.c.seq > last)
            .where(
                sa.or_(
                    extractions.c.kb_version.is_(None),
                    extractions.c.kb_version != kb_version,
                    extractions.c.link_words.is_(None),
                    extractions.c.link_facts.is_(None),
                )
            )
            .order_by(documents.c.seq)
            .limit(PAGE)
        )
        with engine.connect() as conn:
            rows = conn.execute(query).all()
        if not rows:
            return
        yield [r.id for r in rows]
        last = rows[-1].seq
