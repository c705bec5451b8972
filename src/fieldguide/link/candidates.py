"""The dispatches a report might report on, found in the archive fast enough for 100,000 of them.

A dated report looks only at dispatches published from three days before to two days after it
(state media speak a day after the activity; a report in another time zone may carry the
next day's date). A report without a date of its own looks around the days it names, and, when
it names none, asks the full-text index for its quoted phrases and named facts.

Near-duplicate re-publications of one dispatch (a story, see link/dedupe.py) are looked at once,
through the first of them: a report links to the dispatch, not to each of its copies.

Profiles of the dispatches read are kept in a bounded cache, since the reports of one day ask for
the same dispatches.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import orjson
import sqlalchemy as sa

from fieldguide.errors import QueryError
from fieldguide.link.evidence import Facts, Profile, Terms, profile, quotes
from fieldguide.model import LEADER, Document
from fieldguide.store import Store
from fieldguide.store import query as query_language
from fieldguide.store.schema import documents, extractions

BEFORE, AFTER = timedelta(days=3), timedelta(days=2)
AROUND_NAMED_DAY = timedelta(days=2)
MAX_NAMED_DAYS = 4
SEARCH_LIMIT = 30
PER_TERM = 8
CACHE_SIZE = 4096


def windows(report: Profile) -> list[tuple[date, date]]:
    """Publication windows to search: around the report's date, else around the days it names."""
    if report.published:
        return [(report.published - BEFORE, report.published + AFTER)]
    named: set[date] = set()
    for m in report.mentions:
        attrs = m.get("attrs") or {}
        if m.get("kind") == "date" and attrs.get("precision") == "day" and attrs.get("start"):
            try:
                named.add(date.fromisoformat(str(attrs["start"])[:10]))
            except ValueError:
                continue
    latest = sorted(named, reverse=True)[:MAX_NAMED_DAYS]  # the latest days are the news
    return [(d - AROUND_NAMED_DAY, d + AROUND_NAMED_DAY) for d in latest]


def search_terms(report: Profile) -> list[str]:
    """Phrases for the full-text index, the most telling first: the report's quotations (longest
    first), then the designations and people it names, then places and weapons."""
    ranked: list[tuple[int, str]] = [(0, q.folded) for q in quotes(report.text) if q.words >= 3]
    ranked.sort(key=lambda item: -len(item[1]))
    for m in report.mentions:
        attrs = m.get("attrs") or {}
        if m.get("canonical") == LEADER or attrs.get("foreign") or attrs.get("generic"):
            continue
        if attrs.get("designation") or m.get("kind") == "person":
            ranked.append((1, str(attrs.get("designation") or m.get("text", ""))))
        elif m.get("kind") in ("place", "weapon"):
            ranked.append((2, str(m.get("text", ""))))
    cleaned: list[str] = []
    for _, term in sorted(ranked, key=lambda item: item[0]):
        words = " ".join("".join(ch if ch.isalnum() else " " for ch in term).split())
        if words and words.lower() not in {t.lower() for t in cleaned}:
            cleaned.append(words)
    return cleaned[:12]


WINDOW_CACHE = 256  # date windows remembered per batch


class CandidateFinder:
    """Finds and profiles candidate dispatches in one store; reuse it for a batch of reports."""

    def __init__(self, store: Store, cache_size: int = CACHE_SIZE) -> None:
        self.store = store
        self.cache: OrderedDict[int, Profile] = OrderedDict()
        self.cache_size = cache_size
        self.conn: sa.Connection | None = None
        # Reports come in bunches about the same days (ten outlets retell one dispatch): the
        # dispatches of a window are looked up once per batch.
        self.windows: OrderedDict[tuple[tuple[date, date], ...], list[int]] = OrderedDict()

    def __call__(self, report: Profile) -> list[Profile]:
        conn = self._connection()
        try:
            seqs = self._in_windows(conn, windows(report))
            if not seqs:
                # The search finds the days; the dispatches of those days compete as for a dated report.
                found = self._searched(conn, report)
                days = self._days_of(conn, found)
                spans = [(d - AROUND_NAMED_DAY, d + AROUND_NAMED_DAY) for d in days]
                seqs = list(dict.fromkeys([*found, *self._in_windows(conn, spans)]))
            # In archive order, so that candidates tie the same way on either back end.
            return self._profiles(conn, sorted({s for s in seqs if s is not None}))
        finally:
            conn.rollback()  # end the read transaction: the next report sees what was written since

    def _days_of(self, conn: sa.Connection, seqs: list[int], most: int = 2) -> list[date]:
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

    def _connection(self) -> sa.Connection:
        # One connection for the batch: opening one per report costs more than linking it.
        if self.conn is None or self.conn.closed:
            self.conn = self.store.engine.connect()
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _in_windows(self, conn: sa.Connection, spans: list[tuple[date, date]]) -> list[int]:
        if not spans:
            return []
        key = tuple(spans)
        if key in self.windows:
            self.windows.move_to_end(key)
            return self.windows[key]
        found = self._look_up_windows(conn, spans)
        self.windows[key] = found
        if len(self.windows) > WINDOW_CACHE:
            self.windows.popitem(last=False)
        return found

    def _look_up_windows(self, conn: sa.Connection, spans: list[tuple[date, date]]) -> list[int]:
        if conn.dialect.name == "sqlite":
            return self._in_windows_sqlite(conn, spans)
        in_any = sa.or_(*(documents.c.published.between(a, b) for a, b in spans))
        return self._one_per_dispatch(conn, in_any)

    def _in_windows_sqlite(self, conn: sa.Connection, spans: list[tuple[date, date]]) -> list[int]:
        """``_one_per_dispatch`` of the dispatches published in ``spans`` (the first of each story,
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

    def _one_per_dispatch(self, conn: sa.Connection, condition: sa.ColumnElement[bool]) -> list[int]:
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

    def _searched(self, conn: sa.Connection, report: Profile) -> list[int]:
        # One short look-up per term, the most telling first (quotations, then names), instead of
        # one ranked OR query: ranking a common name's every match costs more than linking.
        found: list[int] = []
        for term in search_terms(report):
            try:
                node = query_language.parse(f'"{term}"')
            except QueryError:
                continue
            if conn.dialect.name == "postgresql":
                sql = "SELECT seq FROM documents WHERE search_vector @@ to_tsquery('english', :q) LIMIT :n"
                params = {"q": query_language.to_tsquery(node), "n": PER_TERM}
            else:
                sql = "SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q LIMIT :n"
                params = {"q": "{title text} : (" + query_language.to_fts5(node) + ")", "n": PER_TERM}
            found += [s for s in conn.execute(sa.text(sql), params).scalars() if s not in found]
            if len(found) >= SEARCH_LIMIT:
                break
        if not found:
            return []
        if conn.dialect.name == "sqlite":
            return self._stories_sqlite(conn, found)
        stories = sa.select(documents.c.story_id).where(documents.c.seq.in_(found))
        return self._one_per_dispatch(conn, documents.c.story_id.in_(stories))

    def _stories_sqlite(self, conn: sa.Connection, seqs: list[int]) -> list[int]:
        """``_one_per_dispatch`` of the stories of ``seqs``, from the entries of the (story_id, kind,
        published, title) index of migration 0009. Named, because SQLite would otherwise scan
        the (kind, ...) index of every dispatch: 240 ms on 100,000 documents."""
        sql = _story_then_title(
            "ix_documents_story_kind", "story_id IN (SELECT story_id FROM documents WHERE seq IN :seqs)"
        )
        query = sa.text(sql).bindparams(sa.bindparam("seqs", expanding=True))
        return list(conn.execute(query, {"seqs": seqs}).scalars())

    def _profiles(self, conn: sa.Connection, seqs: list[int]) -> list[Profile]:
        missing = [s for s in seqs if s not in self.cache]
        for row in self._rows(conn, missing):
            self._remember(row.seq, _profile_of(row))
        out = []
        for s in seqs:
            if s in self.cache:
                self.cache.move_to_end(s)
                out.append(self.cache[s])
        return out

    def _rows(self, conn: sa.Connection, seqs: list[int]) -> Iterator[Any]:
        # The whole record (parsed with orjson) only where its facts were not stored.
        record = sa.case(
            (extractions.c.link_facts.is_(None), sa.type_coerce(extractions.c.record, sa.Text)), else_=None
        ).label("record")
        for start in range(0, len(seqs), 500):
            part = seqs[start : start + 500]
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

    def _remember(self, seq: int, item: Profile) -> None:
        self.cache[seq] = item
        if len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)


def _story_then_title(index: str, condition: str) -> str:
    """SQLite's ``_one_per_dispatch`` of the dispatches matching ``condition`` (SQL), read
    through the named ``index``: the first of each story, then the first of each day and title
    (SQLite gives a min() group's bare columns from the row holding the minimum)."""
    return f"""SELECT min(seq) FROM (
                   SELECT min(seq) AS seq, published, title FROM documents INDEXED BY {index}
                   WHERE kind = 'dispatch' AND ({condition}) GROUP BY story_id)
               GROUP BY published, coalesce(title, seq)"""


def _profile_of(row: Any) -> Profile:
    published = row.published
    if published is not None and not isinstance(published, date):
        published = date.fromisoformat(str(published)[:10])
    record: dict[str, Any] = {}
    if row.record is not None:
        record = row.record if isinstance(row.record, dict) else orjson.loads(row.record)
    doc = Document(id=row.id, text=row.text, title=row.title, published=published)
    terms = Terms(row.link_words, row.link_numbers or "") if row.link_words is not None else None
    facts = Facts.from_json(row.link_facts) if row.link_facts is not None else None
    return profile(doc, record, terms, facts)
