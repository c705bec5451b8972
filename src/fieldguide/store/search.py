"""Full-text search on both back ends: FTS5 + bm25 on SQLite, tsvector + ts_rank_cd on
PostgreSQL. Both take the same parsed query (store/query.py) and return the same hits.

On SQLite the best ``limit`` rows are ranked first and only they get a snippet, since
snippet() is the costly part of a broad query.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.store import query as query_language
from fieldguide.store.types import SearchHit

SNIPPET_WORDS = 24
TITLE_WEIGHT = 5.0  # a match in the title counts this many times one in the text


def _filters(since: date | None, until: date | None, source: str | None, topic: str | None) -> tuple[str, dict]:
    clauses, params = [], {}
    if since:
        clauses.append("d.published >= :since")
        params["since"] = since
    if until:
        clauses.append("d.published <= :until")
        params["until"] = until
    if source:
        clauses.append("lower(d.source) = lower(:source)")
        params["source"] = source
    if topic:
        clauses.append("lower(d.topic) = lower(:topic)")
        params["topic"] = topic
    return "".join(f" AND {c}" for c in clauses), params


def _sqlite(conn: sa.Connection, match: str, where: str, params: dict, limit: int) -> list[Any]:
    # Rank all matches cheaply, then build snippets for the top rows only.
    sql = f"""
        WITH top AS (
            SELECT f.rowid AS seq, bm25(documents_fts, {TITLE_WEIGHT}, 1.0) AS rank
            FROM documents_fts f JOIN documents d ON d.seq = f.rowid
            WHERE documents_fts MATCH :match{where}
            ORDER BY rank LIMIT :limit
        )
        SELECT d.id, d.title, d.published, d.source, d.topic, d.url, -top.rank AS score,
               snippet(documents_fts, 1, '[', ']', '…', {SNIPPET_WORDS}) AS snippet
        FROM top
        JOIN documents_fts ON documents_fts.rowid = top.seq AND documents_fts MATCH :match
        JOIN documents d ON d.seq = top.seq
        ORDER BY top.rank
    """
    return list(conn.execute(sa.text(sql), {"match": match, "limit": limit, **params}))


def _postgres(conn: sa.Connection, tsquery: str, where: str, params: dict, limit: int) -> list[Any]:
    sql = f"""
        WITH q AS (SELECT to_tsquery('english', :tsquery) AS query),
        top AS (
            SELECT d.seq, ts_rank_cd(d.search_vector, q.query) AS score
            FROM documents d, q
            WHERE d.search_vector @@ q.query{where}
            ORDER BY score DESC, d.seq LIMIT :limit
        )
        SELECT d.id, d.title, d.published, d.source, d.topic, d.url, top.score,
               ts_headline('english', d.text, q.query,
                   'StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords=8, MaxFragments=2,
                    FragmentDelimiter=" … "') AS snippet
        FROM top JOIN documents d ON d.seq = top.seq, q
        ORDER BY top.score DESC, d.seq
    """
    return list(conn.execute(sa.text(sql), {"tsquery": tsquery, "limit": limit, **params}))


def search(
    conn: sa.Connection,
    query: str,
    *,
    since: date | None = None,
    until: date | None = None,
    source: str | None = None,
    topic: str | None = None,
    limit: int = 20,
) -> list[SearchHit]:
    """Documents matching ``query`` (see store/query.py), best first."""
    node = query_language.parse(query)
    where, params = _filters(since, until, source, topic)
    if conn.dialect.name == "postgresql":
        rows = _postgres(conn, query_language.to_tsquery(node), where, params, limit)
    else:
        rows = _sqlite(conn, query_language.to_fts5(node), where, params, limit)
    return [
        SearchHit(
            id=row.id,
            title=row.title,
            published=_as_date(row.published),
            source=row.source,
            topic=row.topic,
            url=row.url,
            score=float(row.score),
            snippet=" ".join((row.snippet or "").split()),
        )
        for row in rows
    ]


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
