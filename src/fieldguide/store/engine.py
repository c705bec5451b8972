"""Connecting to the archive: URL handling, SQLite pragmas, read-only engines, statement
deadlines, and migrations to head (which store/opening.py runs only when they are needed).

SQLite runs in WAL mode (readers do not wait for the writer) with synchronous=NORMAL
(a committed transaction survives a killed process; only a power loss may drop the
last one) and foreign keys on. Write transactions on SQLite begin IMMEDIATE, so that a
batch takes the write lock before it reads what it will write.

A read-only engine opens SQLite files with ``mode=ro`` (SQLite itself refuses any write, and
a file the user may not write can be read), and PostgreSQL sessions with
``default_transaction_read_only``. A connection whose TIMEOUT execution option is set stops
each statement after that many seconds: PostgreSQL's ``statement_timeout`` (the server stops
the query, not only the client), SQLite's progress handler. Both become StatementTimeoutError.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

import orjson
import sqlalchemy as sa

from fieldguide.errors import StatementTimeoutError, StoreError

WRITE = "fieldguide_write"  # execution option: this transaction will write
TIMEOUT = "fieldguide_timeout"  # execution option: seconds each statement may run
_DEADLINE = "fieldguide_deadline"  # in a SQLite connection's info: when its statement must stop
_QUERY_CANCELED, _READ_ONLY_TRANSACTION = "57014", "25006"  # PostgreSQL SQLSTATEs
_PROGRESS_STEPS = 10_000  # SQLite virtual-machine steps between looks at the clock (well under 1 ms)


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` as psycopg 3 URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def one_line(error: BaseException) -> str:
    """The first line of what a driver said, for a one-line error message."""
    inner = getattr(error, "orig", None) or error
    text = str(inner).strip().splitlines()
    return text[0] if text else type(inner).__name__


def _dumps(value: Any) -> str:
    # orjson is several times faster than json for the extraction records an ingest writes;
    # json takes what orjson refuses (integers beyond 64 bits in a user's metadata).
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value)


@dataclass(frozen=True, slots=True)
class Pooling:
    """How many connections an engine keeps, and the memory of SQLite's page cache in each: a
    server answering many requests at once keeps more connections with smaller caches (the
    pages they share stay in the operating system's cache) than a command reading alone."""

    connections: int = 5  # kept open between uses
    overflow: int = 10  # opened beyond those at the busiest, closed after use
    page_cache_mb: int = 64  # SQLite's, per connection


COMMAND_POOLING = Pooling()


def create_engine(
    url: str, *, read_only: bool = False, timeout: float | None = None, pooling: Pooling = COMMAND_POOLING
) -> sa.Engine:
    """An engine on ``url``; ``read_only`` for the reading commands, ``timeout`` the seconds
    each statement may run unless a connection says otherwise (None: no deadline)."""
    url = normalize_url(url)
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as e:
        raise StoreError(f"not a database URL: {url!r} (use sqlite:///PATH or postgresql://...)") from e
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {backend!r}: use sqlite:///PATH or postgresql://...")
    kwargs: dict[str, Any] = {"json_serializer": _dumps}
    if pooling != COMMAND_POOLING:  # SQLAlchemy's own pool sizes otherwise (an in-memory database has no queue)
        kwargs.update(pool_size=pooling.connections, max_overflow=pooling.overflow)
    if timeout is not None:
        kwargs["execution_options"] = {TIMEOUT: timeout}
    if backend == "sqlite":
        kwargs["connect_args"] = {"timeout": 30}
        if read_only:
            kwargs["creator"] = _read_only_sqlite(parsed.database or "")
    try:
        engine = sa.create_engine(parsed, **kwargs)
    except Exception as e:  # a missing driver or a malformed option: the user can only fix the URL
        raise StoreError(f"cannot use {parsed.render_as_string()}: {one_line(e)}") from e
    if backend == "sqlite":
        _configure_sqlite(engine, read_only, pooling.page_cache_mb)
    else:
        _configure_postgresql(engine, read_only)
    sa.event.listen(engine, "handle_error", _translate_error)
    return engine


def _read_only_sqlite(path: str) -> Callable[[], sqlite3.Connection]:
    """Connections to the file at ``path`` that SQLite opens read-only (``mode=ro``)."""
    target = Path(path).resolve()

    def connect() -> sqlite3.Connection:
        uri = f"file:{quote(str(target))}?mode=ro"
        # A WAL archive needs its -shm file, which SQLite cannot create in a folder it may not
        # write (read-only media, a shared snapshot). Without one no writer is at work there,
        # so the file is read as it stands (immutable).
        if not os.access(target.parent, os.W_OK) and not Path(f"{target}-shm").exists():
            uri += "&immutable=1"
        return sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)

    return connect


def _configure_sqlite(engine: sa.Engine, read_only: bool, page_cache_mb: int) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred only).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        if not read_only:  # a reader finds the archive in WAL mode already (it persists)
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA cache_size=-{int(page_cache_mb) * 1024}")  # KiB when negative
        cursor.close()
        info = record.info

        def past_deadline() -> int:
            deadline = info.get(_DEADLINE)
            return 1 if deadline is not None and time.monotonic() > deadline else 0

        dbapi_connection.set_progress_handler(past_deadline, _PROGRESS_STEPS)

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _start_clock(connection: sa.Connection, *_args: Any) -> None:
        timeout = connection.get_execution_options().get(TIMEOUT)
        connection.connection.info[_DEADLINE] = None if timeout is None else time.monotonic() + timeout


def _configure_postgresql(engine: sa.Engine, read_only: bool) -> None:
    if read_only:

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            with dbapi_connection.cursor() as cursor:
                cursor.execute("SET default_transaction_read_only = on")
            dbapi_connection.commit()  # a SET in a transaction rolled back would be undone

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        timeout = connection.get_execution_options().get(TIMEOUT)
        if timeout is not None:  # for this transaction only; the server stops the statement itself
            connection.exec_driver_sql(f"SET LOCAL statement_timeout = {max(1, round(timeout * 1000))}")


def _translate_error(context: sa.engine.ExceptionContext) -> None:
    """A stopped statement, or a write refused by a read-only engine or file, becomes one clear
    fieldguide error."""
    error = context.original_exception
    sqlstate = getattr(error, "sqlstate", None)  # PostgreSQL's error codes, without importing psycopg
    if sqlstate == _QUERY_CANCELED or (
        isinstance(error, sqlite3.OperationalError) and str(error) == "interrupted"
    ):
        timeout = context.connection.get_execution_options().get(TIMEOUT) if context.connection else None
        limit = f"longer than {timeout:g} s" if timeout is not None else "too long"
        raise StatementTimeoutError(
            f"the archive took {limit} to answer, and the statement was stopped "
            "(narrow the question, or set FIELDGUIDE_STATEMENT_TIMEOUT to allow more seconds)"
        ) from error
    if sqlstate == _READ_ONLY_TRANSACTION or (
        isinstance(error, sqlite3.OperationalError) and "readonly database" in str(error)
    ):
        raise StoreError(f"the archive is read-only here: {one_line(error)}") from error


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the newest migration (creates it in an empty database)."""
    from alembic import command  # only here: alembic takes a reading command longer to import than to answer
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("fieldguide.store") / "migrations"))
    with engine.connect().execution_options(**{WRITE: True}) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def location(url: str) -> str:
    """Where the archive at ``url`` is, for a user to find it: a SQLite file's absolute path,
    else the URL with any password hidden."""
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return os.path.abspath(parsed.database)
    return parsed.render_as_string(hide_password=True)


def shown(url: str) -> str:
    """``url`` as an error message may show it (no password)."""
    try:
        return sa.make_url(normalize_url(url)).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url
