"""Full-text search on both back ends: FTS5 + bm25 on SQLite, tsvector + ts_rank_cd on
PostgreSQL. Both take the same parsed query (store/query.py) and return the same hits.

Ranking is what costs: bm25 or ts_rank_cd for each of the 80,000 documents that say
"DPRK" takes a quarter of a second. So a query with more than RANK_WINDOW matches ranks
only its RANK_WINDOW most recently archived matches (which an index walk finds without
ranking); a query with fewer, which is what a specific question usually is, ranks them
all. Only the ``limit`` best rows get a snippet.

On SQLite, prefixes of 3 and 4 characters have indexes of their own (migration 0006), and a
filtered search reads each match's date and source from an index, not from its row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.store import query as query_language
from fieldguide.store.event_reads import as_date
from fieldguide.store.types import SearchHit

SNIPPET_WORDS = 24
MAX_MONTH_FACETS = 36  # a longer date range narrows little: leave it to the join
RANK_WINDOW = 500  # a query with more matches ranks only its most recently archived 500
TITLE_WEIGHT = 5.0  # a match in the title counts this many times one in the text


def _filters(
    since: date | None, until: date | None, source: str | None, topic: str | None, event_type: str | None = None
) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
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
    if event_type:  # documents telling of an event of this type (the web app's search filter)
        clauses.append("d.id IN (SELECT e.doc_id FROM events e WHERE e.type = :event_type)")
        params["event_type"] = event_type
    return "".join(f" AND {c}" for c in clauses), params


def _months(conn: sa.Connection, since: date | None, until: date | None) -> list[str] | None:
    """The facet words of the months in [since, until] (None when that is every month)."""
    if since is None and until is None:
        return None
    low, high = conn.execute(sa.text("SELECT min(published), max(published) FROM documents")).one()
    if low is None:
        return None
    oldest, newest = date.fromisoformat(str(low)[:10]), date.fromisoformat(str(high)[:10])
    first = max(since, oldest) if since else oldest
    last = min(until, newest) if until else newest
    if first > last:
        return ["ymnone"]  # nothing was published then: match nothing, quickly
    months: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month) and len(months) <= MAX_MONTH_FACETS:
        months.append(f"ym{year:04d}m{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months if len(months) <= MAX_MONTH_FACETS else None


def _facet_match(conn: sa.Connection, match: str, since: date | None, until: date | None, source: str | None) -> str:
    """The user's query on title and text, narrowed by month and source words of the hidden
    ``facets`` column (migration 0002); the exact filters still apply afterwards."""
    parts = [f"{{title text}} : ({match})"]
    months = _months(conn, since, until)
    if months:
        parts.append(f"facets : ({' OR '.join(months)})")
    if source:
        parts.append(f"facets : src{source.translate(_ASCII_LOWER).encode('utf-8').hex()}")
    return " AND ".join(parts)


# SQLite's lower(), which made the facet, folds A-Z only; so must the query's source word.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _sqlite(conn: sa.Connection, match: str, where: str, params: dict[str, Any], limit: int) -> list[Any]:
    # Without filters the ranking never touches documents; with them, each match's date,
    # source and topic are read from the (seq, published, source, topic) index of migration
    # 0006, not from its row (which holds the text: a page read per match).
    index = "" if "event_type" in params else " INDEXED BY ix_documents_seq_filters"  # the type needs d.id
    source = f"documents_fts f JOIN documents d{index} ON d.seq = f.rowid" if where else "documents_fts f"
    params = {**params, "match": match, "limit": limit}
    # A broad query ranks only its newest RANK_WINDOW matches: walking matches in rowid
    # order is cheap, computing bm25 for every one of 100,000 is not.
    threshold = conn.execute(
        sa.text(
            f"SELECT f.rowid FROM {source} WHERE documents_fts MATCH :match{where} "
            "ORDER BY f.rowid DESC LIMIT 1 OFFSET :offset"
        ),
        {**params, "offset": RANK_WINDOW - 1},
    ).scalar()
    if threshold is not None:
        where += " AND f.rowid >= :threshold"
        params["threshold"] = threshold
    # The snippet is a correlated subquery so that the planner looks up each of the top
    # rows by rowid instead of walking every match again.
    sql = f"""
        WITH top AS MATERIALIZED (
            SELECT f.rowid AS seq, bm25(documents_fts, {TITLE_WEIGHT}, 1.0, 0.0) AS rank
            FROM {source}
            WHERE documents_fts MATCH :match{where}
            ORDER BY rank LIMIT :limit
        )
        SELECT d.id, d.title, d.published, d.source, d.topic, d.url, -top.rank AS score,
               (SELECT snippet(documents_fts, 1, '[', ']', '…', {SNIPPET_WORDS})
                FROM documents_fts WHERE documents_fts MATCH :match AND rowid = top.seq) AS snippet
        FROM top JOIN documents d ON d.seq = top.seq
        ORDER BY top.rank
    """
    return list(conn.execute(sa.text(sql), params))


def _postgres(conn: sa.Connection, tsquery: str, where: str, params: dict[str, Any], limit: int) -> list[Any]:
    # As on SQLite, only the newest RANK_WINDOW matches are ranked. The query is written out
    # where it is used, not taken from a CTE: the planner then sees the words and, for a
    # phrase or prefix that most documents match, walks the newest documents instead of
    # rechecking every match of a bitmap scan ("Kim Jong Un" on 100,000: 200 ms down to 6).
    query = "to_tsquery('english', :tsquery)"
    sql = f"""
        WITH recent AS (
            SELECT d.seq, d.search_vector
            FROM documents d
            WHERE d.search_vector @@ {query}{where}
            ORDER BY d.seq DESC LIMIT :window
        ),
        top AS (
            SELECT recent.seq, ts_rank_cd(recent.search_vector, {query}) AS score
            FROM recent
            ORDER BY score DESC, recent.seq DESC LIMIT :limit
        )
        SELECT d.id, d.title, d.published, d.source, d.topic, d.url, top.score,
               ts_headline('english', d.text, {query},
                   'StartSel=[, StopSel=], MaxWords={SNIPPET_WORDS}, MinWords=8, MaxFragments=2,
                    FragmentDelimiter=" … "') AS snippet
        FROM top JOIN documents d ON d.seq = top.seq
        ORDER BY top.score DESC, d.seq DESC
    """
    return list(conn.execute(sa.text(sql), {"tsquery": tsquery, "limit": limit, "window": RANK_WINDOW, **params}))


def search(
    conn: sa.Connection,
    query: str,
    *,
    since: date | None = None,
    until: date | None = None,
    source: str | None = None,
    topic: str | None = None,
    limit: int = 20,
    event_type: str | None = None,
) -> list[SearchHit]:
    """Documents matching ``query`` (see store/query.py), best first; with ``event_type``, only
    those that tell of an event of that type."""
    node = query_language.parse(query)
    where, params = _filters(since, until, source, topic, event_type)
    if conn.dialect.name == "postgresql":
        rows = _postgres(conn, query_language.to_tsquery(node), where, params, limit)
    else:
        match = query_language.to_fts5(node)
        if since or until or source:
            match = _facet_match(conn, match, since, until, source)
        rows = _sqlite(conn, match, where, params, limit)
    return [
        SearchHit(
            id=row.id,
            title=row.title,
            published=as_date(row.published),
            source=row.source,
            topic=row.topic,
            url=row.url,
            score=float(row.score),
            snippet=" ".join((row.snippet or "").split()),
        )
        for row in rows
    ]
