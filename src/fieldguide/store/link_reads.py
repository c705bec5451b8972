"""The reads of report linking: the dispatches of publication windows or of full-text
matches, one per dispatch (the first of each story, then of each day and title), and the rows
their profiles are made from.

SQLite gets hand-written statements through named indexes (``INDEXED BY``), since without
statistics it picks the wrong ones; PostgreSQL gets the generic query.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.errors import QueryError
from fieldguide.store import query as query_language
from fieldguide.store.schema import documents, extractions

ROWS_AT_ONCE = 500


def publication_days(conn: sa.Connection, seqs: list[int], most: int = 2) -> list[date]:
    """The days most of ``seqs`` were published on."""
    if not seqs:
        return []
    query = (
        sa.select(documents.c.published, sa.func.count())
        .where(documents.c.seq.in_(seqs), documents.c.published.is_not(None))
        .group_by(documents.c.published)
        .order_by(sa.func.count().desc(), documents.c.published.desc())
        .limit(most)
    )
    days = []
    for day, _count in conn.execute(query):
        days.append(day if isinstance(day, date) else date.fromisoformat(str(day)[:10]))
    return days


def dispatches_in_windows(conn: sa.Connection, spans: list[tuple[date, date]]) -> list[int]:
    """The seq of one document per dispatch published in any of ``spans``."""
    if conn.dialect.name == "sqlite":
        return _in_windows_sqlite(conn, spans)
    in_any = sa.or_(*(documents.c.published.between(a, b) for a, b in spans))
    return one_per_dispatch(conn, in_any)


def _in_windows_sqlite(conn: sa.Connection, spans: list[tuple[date, date]]) -> list[int]:
    """``one_per_dispatch`` of the dispatches published in ``spans`` (the first of each story,
    then of those the first of each day and title), from two indexes instead of a sort.

    The (kind, published, title, story_id) index of migration 0007 gives each day and
    title's first dispatch in one pass. That is the answer when each of them is also the
    first of its story in the window, which the story index of migration 0009 tells; a
    story spread over several titles or days sends the window to the exact query. Indexes
    are named because SQLite without statistics would pick the (kind, id, published) one.
    """

    def in_spans(column: str) -> str:
        return " OR ".join(f"{column} BETWEEN :a{i} AND :b{i}" for i in range(len(spans)))

    params: dict[str, Any] = {}
    for i, (a, b) in enumerate(spans):
        params[f"a{i}"], params[f"b{i}"] = a.isoformat(), b.isoformat()
    # One range a span (an OR of ranges would scan the kind's entries), and each first's
    # story looked up in the story index, in one statement.
    firsts_sql = " UNION ALL ".join(
        f"""SELECT min(seq) AS seq, story_id, published, title
            FROM documents INDEXED BY ix_documents_kind_published_title
            WHERE kind = 'dispatch' AND published BETWEEN :a{i} AND :b{i} AND title IS NOT NULL
            GROUP BY published, title
            UNION ALL
            SELECT seq, story_id, published, seq FROM documents INDEXED BY ix_documents_kind_published_title
            WHERE kind = 'dispatch' AND published BETWEEN :a{i} AND :b{i} AND title IS NULL"""
        for i in range(len(spans))
    )
    sql = f"""WITH firsts AS ({firsts_sql})
              SELECT seq, published, title,
                     (SELECT min(d.seq) FROM documents d INDEXED BY ix_documents_story_kind
                      WHERE d.story_id = firsts.story_id AND d.kind = 'dispatch'
                        AND ({in_spans("d.published")})) AS first_of_story
              FROM firsts"""
    firsts: dict[tuple[Any, ...], tuple[int, int]] = {}
    for seq, published, title, first_of_story in conn.execute(sa.text(sql), params).all():
        key = (published, title)
        if key not in firsts or seq < firsts[key][0]:
            firsts[key] = (seq, first_of_story)
    if all(seq == first_of_story for seq, first_of_story in firsts.values()):
        return sorted(seq for seq, _ in firsts.values())
    exact = _story_then_title("ix_documents_kind_published_title", in_spans("published"))
    return sorted(conn.execute(sa.text(exact), params).scalars())


def one_per_dispatch(conn: sa.Connection, condition: sa.ColumnElement[bool]) -> list[int]:
    """The first document of each story among those matching ``condition``; and of the stories
    with one title on one day (a dispatch re-published under another id), the first."""
    firsts = (
        sa.select(sa.func.min(documents.c.seq).label("seq"))
        .where(condition, documents.c.kind == "dispatch")
        .group_by(documents.c.story_id)
        .subquery()
    )
    query = (
        sa.select(sa.func.min(documents.c.seq))
        .join(firsts, firsts.c.seq == documents.c.seq)
        .group_by(documents.c.published, sa.func.coalesce(documents.c.title, documents.c.id))
    )
    return list(conn.execute(query).scalars())


def searched_dispatches(conn: sa.Connection, terms: Sequence[str], per_term: int, limit: int) -> list[int]:
    """One document per dispatch of the stories the full-text index finds for ``terms``, each
    searched as a phrase, ``per_term`` hits each, until ``limit`` are found."""
    # One short look-up per term, the most telling first (quotations, then names), instead of
    # one ranked OR query: ranking a common name's every match costs more than linking.
    found: list[int] = []
    for term in terms:
        try:
            node = query_language.parse(f'"{term}"')
        except QueryError:
            continue
        if conn.dialect.name == "postgresql":
            sql = "SELECT seq FROM documents WHERE search_vector @@ to_tsquery('english', :q) LIMIT :n"
            params = {"q": query_language.to_tsquery(node), "n": per_term}
        else:
            sql = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q LIMIT :n"
            params = {"q": "{title text} : (" + query_language.to_fts5(node) + ")", "n": per_term}
        found += [s for s in conn.execute(sa.text(sql), params).scalars() if s not in found]
        if len(found) >= limit:
            break
    if not found:
        return []
    if conn.dialect.name == "sqlite":
        return _stories_sqlite(conn, found)
    stories = sa.select(documents.c.story_id).where(documents.c.seq.in_(found))
    return one_per_dispatch(conn, documents.c.story_id.in_(stories))


def _stories_sqlite(conn: sa.Connection, seqs: list[int]) -> list[int]:
    """``one_per_dispatch`` of the stories of ``seqs``, from the entries of the (story_id, kind,
    published, title) index of migration 0009. Named, because SQLite would otherwise scan
    the (kind, ...) index of every dispatch: 240 ms on 100,000 documents."""
    sql = _story_then_title(
        "ix_documents_story_kind", "story_id IN (SELECT story_id FROM documents WHERE seq IN :seqs)"
    )
    query = sa.text(sql).bindparams(sa.bindparam("seqs", expanding=True))
    return list(conn.execute(query, {"seqs": seqs}).scalars())


def _story_then_title(index: str, condition: str) -> str:
    """SQLite's ``one_per_dispatch`` of the dispatches matching ``condition`` (SQL), read
    through the named ``index``: the first of each story, then the first of each day and title
    (SQLite gives a min() group's bare columns from the row holding the minimum)."""
    return f"""SELECT min(seq) FROM (
                   SELECT min(seq) AS seq, published, title FROM documents INDEXED BY {index}
                   WHERE kind = 'dispatch' AND ({condition}) GROUP BY story_id)
               GROUP BY published, coalesce(title, seq)"""


def profile_rows(conn: sa.Connection, seqs: list[int]) -> Iterator[Any]:
    """Rows (seq, id, title, published, text, record, link_words, link_numbers, link_facts) of
    these documents; ``record`` (JSON text) only where the link facts were not stored."""
    record = sa.case(
        (extractions.c.link_facts.is_(None), sa.type_coerce(extractions.c.record, sa.Text)), else_=None
    ).label("record")
    for start in range(0, len(seqs), ROWS_AT_ONCE):
        part = seqs[start : start + ROWS_AT_ONCE]
        query = (
            sa.select(
                documents.c.seq,
                documents.c.id,
                documents.c.title,
                documents.c.published,
                documents.c.text,
                record,
                extractions.c.link_words,
                extractions.c.link_numbers,
                extractions.c.link_facts,
            )
            .select_from(documents.outerjoin(extractions, extractions.c.doc_id == documents.c.id))
            .where(documents.c.seq.in_(part))
        )
        yield from conn.execute(query).all()  # one fetch, not a fetchone per row


def record_text(engine: sa.Engine, doc_id: str) -> Any:
    """The stored extraction record of a document as the driver gives it (JSON text, or a dict),
    None when it has none."""
    column = sa.type_coerce(extractions.c.record, sa.Text)
    with engine.connect() as conn:
        return conn.execute(sa.select(column).where(extractions.c.doc_id == doc_id)).scalar()
