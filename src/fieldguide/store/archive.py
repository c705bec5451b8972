"""The archive: one ``Store`` over SQLite or PostgreSQL, the same API on both.

    store = Store.open("sqlite:///fieldguide.db")   # or postgresql://user@host/db
    run = store.start_run(["dispatches.jsonl"])
    result = store.put_batch(documents, run)          # one transaction
    store.finish_run(run, {"new": len(result.new)})
    store.search('"Kim Jong Un" munitions -drill', since=date(2024, 1, 1))

Tables and what they hold: see store/schema.py. How a batch is classified (unchanged,
new version, exact duplicate, new, near-duplicate): see store/batch.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa

from fieldguide.errors import StoreError
from fieldguide.model import Document, Extraction, Reject
from fieldguide.store import batch, extractions, generation, opening, search, stats
from fieldguide.store import documents as stored_documents
from fieldguide.store.diff import render_word_diff
from fieldguide.store.documents import document_from_row, stored_id
from fieldguide.store.engine import COMMAND_POOLING, TIMEOUT, WRITE, Pooling
from fieldguide.store.opening import Access, open_engine
from fieldguide.store.processes import this_process
from fieldguide.store.schema import documents, rejects, runs, sightings
from fieldguide.store.types import BatchResult, SearchHit, Version

PAGE = 500  # documents per round trip when iterating
# The tables whose statistics the analyses' plans depend on (refresh_statistics).
_PLANNED_TABLES = (
    "documents",
    "extractions",
    "events",
    "event_facets",
    "mentions",
    "sightings",
    "lsh_bands",
    "activities",
    "activity_members",
)

# The PostgreSQL advisory lock that queues an archive's writers, keyed by its schema.
WRITE_LOCK = "SELECT pg_advisory_xact_lock(hashtext('fieldguide.store:' || current_schema()))"


class Store:
    """The archive. Open with ``Store.open(url)``; close with ``close()`` or ``with``."""

    def __init__(self, engine: sa.Engine, statement_timeout: float | None = None) -> None:
        self.engine = engine
        self.statement_timeout = statement_timeout  # seconds a search's statements may run

    @classmethod
    def open(
        cls,
        url: str,
        access: Access = "create",
        statement_timeout: float | None = None,
        pooling: Pooling = COMMAND_POOLING,
    ) -> Store:
        """Connect, creating or upgrading the schema where ``access`` allows (see store/opening.py:
        ``create`` for ingest, ``write`` for an existing archive, ``read`` read-only, each
        statement stopped after ``statement_timeout`` seconds, default 10 or
        $FIELDGUIDE_STATEMENT_TIMEOUT). StoreError when the database is unreachable, missing
        for ``write``/``read``, or not a fieldguide archive. Searches get the deadline whatever
        the access. ``pooling``: the connections a reading store keeps (store/engine.py)."""
        seconds = opening.statement_timeout(statement_timeout)
        return cls(open_engine(url, access, seconds, pooling), seconds)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction; writers queue (SQLite IMMEDIATE, a PostgreSQL advisory lock)
        so that what a batch reads stays true until it commits."""
        try:
            with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
                if self.backend == "postgresql":
                    # one lock per archive: two archives in two schemas of one database do not wait for each other
                    conn.execute(sa.text(WRITE_LOCK))
                generation.bump(conn)  # readers keeping computed pages tell from it that they are stale
                yield conn
        except sa.exc.OperationalError as e:
            raise StoreError(f"the archive could not be written: {str(e.orig).splitlines()[0]}") from e

    def transaction(self) -> AbstractContextManager[sa.Connection]:
        """One write transaction, queued behind other writers (for the watcher's state, store/watch_state.py)."""
        return self._write()

    @contextmanager
    def write_transaction(self) -> Iterator[sa.Connection]:
        """One write transaction for work beside the batches (the grouping of activities)."""
        with self._write() as conn:
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[sa.Connection]:
        """A connection whose statements all see the archive as it stood at the first of them
        (SQLite's read transaction in WAL mode does; PostgreSQL needs REPEATABLE READ), so that
        the stored activities and the events they group are read as one."""
        with self.engine.connect() as conn:
            if self.backend == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                yield conn

    def generation(self) -> int:
        """A number that grows with every write transaction: equal numbers, the same archive."""
        with self._read() as conn:
            return generation.read(conn)

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            yield conn

    # -- runs -----------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str]) -> int:
        # Until the run finishes, its counts name the process running it: ``stats`` tells from it
        # whether an unfinished run is still going or was killed.
        started = {"process": this_process()}
        with self._write() as conn:
            return int(
                conn.execute(
                    runs.insert()
                    .values(started=datetime.now(UTC), inputs=list(inputs), counts=started)
                    .returning(runs.c.id)
                ).scalar_one()
            )

    def finish_run(self, run_id: int, counts: dict[str, Any]) -> None:
        with self._write() as conn:
            conn.execute(runs.update().where(runs.c.id == run_id).values(finished=datetime.now(UTC), counts=counts))

    def add_rejects(self, run_id: int, items: Sequence[Reject]) -> None:
        if items:
            with self._write() as conn:
                conn.execute(rejects.insert(), batch.reject_rows(run_id, items))

    # -- writing --------------------------------------------------------------------------

    def put_batch(
        self,
        docs: Sequence[Document],
        run_id: int | None = None,
        *,
        rejected: Sequence[Reject] = (),
        extractor: Callable[[Document], Extraction] | None = None,
    ) -> BatchResult:
        """Store ``docs`` in one transaction (see store/batch.py for what happens to each),
        with the run's ``rejected`` inputs and, when ``extractor`` is given, the extraction
        of every new or changed document."""
        ready: dict[batch.ExtractionKey, batch.Outcome] = {}
        if extractor is not None and docs:
            # Extraction runs before the write transaction opens: a slow document must not hold
            # the archive's write lock. The transaction extracts again only what changed meanwhile.
            with self._read() as conn:
                pending = batch.to_extract(conn, docs)
            ready = batch.extract_ahead(pending, extractor)
        with self._write() as conn:
            return batch.write_batch(conn, docs, run_id, rejected, extractor, ready)

    def refresh_statistics(self, changed: int) -> bool:
        """After ``changed`` documents were stored or extracted: on PostgreSQL, when that is a
        tenth of the archive or more, gather the planner's statistics at once (VACUUM ANALYZE)
        rather than a minute later by autovacuum. Right after a bulk load the planner has none,
        and a dossier of the leader on 100,000 dispatches took 600 ms instead of 240. SQLite's
        queries name their indexes where it matters, and need none. True when it ran."""
        if self.backend != "postgresql" or changed <= 0:
            return False
        with self._read() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(documents)).scalar() or 0
        if changed * 10 < total:
            return False
        try:
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                # Not allowed inside a transaction. The tables by name: those of this archive's schema.
                conn.exec_driver_sql(f"VACUUM ANALYZE {', '.join(_PLANNED_TABLES)}")
        except sa.exc.DBAPIError:  # e.g. a role that may write but not vacuum: autovacuum will do
            return False
        return True

    def put_extractions(self, items: list[tuple[Document, Extraction]]) -> None:
        """Replace the extraction rows of these documents, in one transaction."""
        with self._write() as conn:
            extractions.write(conn, items, datetime.now(UTC))

    # -- reading --------------------------------------------------------------------------

    def raw_hashes(self, ids: Sequence[str]) -> dict[str, set[str]]:
        """For each of ``ids`` stored as a document or an alias: the hashes of the raw texts
        stored under it (ingest's skip of unchanged input)."""
        found: dict[str, set[str]] = {}
        with self._read() as conn:
            for part in batch.chunks(list(dict.fromkeys(ids))):
                rows = list(
                    conn.execute(sa.select(documents.c.id, documents.c.raw_hash).where(documents.c.id.in_(part))).all()
                )
                rows += conn.execute(
                    sa.select(sightings.c.alias_id, sightings.c.raw_hash).where(
                        sightings.c.alias_id.in_(part), sightings.c.alias_id != sightings.c.doc_id
                    )
                ).all()
                for doc_id, raw in rows:
                    found.setdefault(doc_id, set()).add(raw)
        return found

    def get_document(self, doc_id: str) -> Document:
        with self._read() as conn:
            return stored_documents.read_document(conn, stored_id(conn, doc_id))

    def get_documents(self, doc_ids: Sequence[str]) -> list[Document]:
        """The stored documents with these ids (as stored, not through aliases), in the order given."""
        found: dict[str, Document] = {}
        with self._read() as conn:
            for part in batch.chunks(list(doc_ids)):
                for row in conn.execute(sa.select(documents).where(documents.c.id.in_(part))):
                    found[row.id] = document_from_row(row)
        return [found[i] for i in doc_ids if i in found]

    def iter_documents(
        self, since: date | None = None, until: date | None = None, kind: str | None = None
    ) -> Iterator[Document]:
        """Every document (optionally published in [since, until], of one kind), page by page."""
        last = 0
        while True:
            query = sa.select(documents).where(documents.c.seq > last).order_by(documents.c.seq).limit(PAGE)
            if since:
                query = query.where(documents.c.published >= since)
            if until:
                query = query.where(documents.c.published <= until)
            if kind:
                query = query.where(documents.c.kind == kind)
            with self._read() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            for row in rows:
                yield document_from_row(row)
            last = rows[-1].seq

    def history(self, doc_id: str) -> list[Version]:
        """Every version of a document, oldest first."""
        with self._read() as conn:
            return stored_documents.history(conn, stored_id(conn, doc_id))

    def diffs(self, doc_id: str, context: int | None = None) -> list[tuple[Version, Version, str]]:
        """Each pair of consecutive versions with their word diff ([-removed-] {+added+})."""
        history = self.history(doc_id)
        return [(a, b, render_word_diff(a.text, b.text, context)) for a, b in itertools.pairwise(history)]

    def sightings(self, doc_id: str) -> list[dict[str, Any]]:
        """Every source, URL and id under which the document's text came."""
        with self._read() as conn:
            stored = stored_id(conn, doc_id)
            rows = conn.execute(sa.select(sightings).where(sightings.c.doc_id == stored).order_by(sightings.c.id)).all()
        return [{k: getattr(r, k) for k in ("alias_id", "source", "url", "origin", "seen_at", "run_id")} for r in rows]

    def story(self, doc_id: str) -> list[str]:
        """Ids of the documents in the same near-duplicate story, in the order they came."""
        with self._read() as conn:
            return stored_documents.story_ids(conn, stored_id(conn, doc_id))

    def search(
        self,
        query: str,
        since: date | None = None,
        until: date | None = None,
        source: str | None = None,
        topic: str | None = None,
        limit: int = 20,
        event_type: str | None = None,
    ) -> list[SearchHit]:
        """Ranked full-text search; QueryError when ``query`` is malformed or too large,
        StatementTimeoutError when it runs past the store's statement deadline."""
        with self._read() as conn:
            conn.execution_options(**{TIMEOUT: self.statement_timeout})
            return search.search(
                conn, query, since=since, until=until, source=source, topic=topic, limit=limit, event_type=event_type
            )

    def events(
        self,
        type: str | None = None,
        weapon: str | None = None,
        person: str | None = None,
        place: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 100,
        min_confidence: float | None = None,
    ) -> list[dict[str, Any]]:
        """Stored events matching every filter, latest first (see store/extractions.py)."""
        with self._read() as conn:
            return extractions.query_events(
                conn,
                type=type,
                weapon=weapon,
                person=person,
                place=place,
                since=since,
                until=until,
                limit=limit,
                min_confidence=min_confidence,
            )

    def stats(self) -> dict[str, Any]:
        with self._read() as conn:
            return stats.stats(conn)
