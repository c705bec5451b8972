"""Connecting to the archive: URL handling, SQLite pragmas, and migrations to head.

SQLite runs in WAL mode (readers do not wait for the writer) with synchronous=NORMAL
(a committed transaction survives a killed process; only a power loss may drop the
last one) and foreign keys on. Write transactions on SQLite begin IMMEDIATE, so that a
batch takes the write lock before it reads what it will write.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from fieldguide.errors import StoreError

WRITE = "fieldguide_write"  # execution option: this transaction will write


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` as psycopg 3 URLs."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _one_line(error: BaseException) -> str:
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


def create_engine(url: str) -> sa.Engine:
    url = normalize_url(url)
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError as e:
        raise StoreError(f"not a database URL: {url!r} (use sqlite:///PATH or postgresql://...)") from e
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StoreError(f"unsupported database {backend!r}: use sqlite:///PATH or postgresql://...")
    kwargs: dict[str, Any] = {"json_serializer": _dumps}
    if backend == "sqlite":
        kwargs["connect_args"] = {"timeout": 30}
    try:
        engine = sa.create_engine(parsed, **kwargs)
    except Exception as e:  # a missing driver or a malformed option: the user can only fix the URL
        raise StoreError(f"cannot use {parsed.render_as_string()}: {_one_line(e)}") from e
    if backend == "sqlite":
        _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite's own is deferred only).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA cache_size=-65536")  # 64 MB page cache
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        immediate = connection.get_execution_options().get(WRITE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the newest migration (creates it in an empty database)."""
    config = Config()
    config.set_main_option("script_location", str(resources.files("fieldguide.store") / "migrations"))
    with engine.connect().execution_options(**{WRITE: True}) as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()


def open_engine(url: str) -> sa.Engine:
    """An engine on a reachable database whose schema is at head; StoreError otherwise."""
    engine = create_engine(url)
    try:
        migrate(engine)
    except StoreError:
        raise
    except Exception as e:  # unreachable server, unwritable file, locked database...
        engine.dispose()
        shown = sa.make_url(normalize_url(url)).render_as_string(hide_password=True)
        raise StoreError(f"cannot open the archive at {shown}: {_one_line(e)}") from e
    return engine
