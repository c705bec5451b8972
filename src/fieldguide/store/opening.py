"""Opening an archive: what the database holds, and an upgrade only when one is needed.

Three kinds of access. ``create`` (ingest, demo) makes the archive where there is none;
``write`` (reextract) needs one to exist; ``read`` (every other command) opens it read-only
and never takes the write lock, so it answers while an ingest is writing, and an archive on a
file or folder the user may not write can be read.

Before anything is created or migrated, the schema's version is read without a lock. A
database that holds tables but no fieldguide archive (no ``alembic_version`` naming one of our
revisions beside ``documents``) is refused and left untouched; an archive made by a newer
fieldguide too. An archive made by an older one is upgraded once, under the write lock, by
whichever command meets it first; a reading command that cannot write it says so.

An archive at the newest revision opens without importing alembic (it costs a command more than
the command's own work); alembic reads the migration scripts only for any other revision.
"""

from __future__ import annotations

import os
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import sqlalchemy as sa

from fieldguide.errors import (
    ArchiveVersionError,
    FieldguideError,
    NoArchiveError,
    NotAnArchiveError,
    StoreError,
)
from fieldguide.store.engine import COMMAND_POOLING, Pooling, create_engine, migrate, normalize_url, one_line, shown

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

Access = Literal["create", "write", "read"]

DEFAULT_STATEMENT_TIMEOUT = 10.0  # seconds a reading statement may run; FIELDGUIDE_STATEMENT_TIMEOUT
_MARKERS = {"alembic_version", "documents"}  # the tables that make a database one of our archives
# The lines of a migration script that say which revision it is and which it revises.
_REVISION_LINE = re.compile(r"^(revision|down_revision) = (?:\"([^\"]*)\"|None)", re.MULTILINE)


@cache
def _scripts() -> ScriptDirectory:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("fieldguide.store") / "migrations"))
    return ScriptDirectory.from_config(config)


def head_revision() -> str:
    """The schema version this fieldguide writes, as alembic reads it from the migration scripts."""
    head = _scripts().get_current_head()
    assert head is not None, "the migrations have no head"
    return head


@cache
def newest_revision() -> str | None:
    """The newest migration's revision, read from the scripts' text without importing alembic: the
    one revision no other script revises. None when that is not a single one (alembic decides then)."""
    revisions: set[str] = set()
    revised: set[str] = set()
    for entry in (resources.files("fieldguide.store") / "migrations" / "versions").iterdir():
        if entry.name.endswith(".py"):
            for field, value in _REVISION_LINE.findall(entry.read_text(encoding="utf-8")):
                (revisions if field == "revision" else revised).add(value)
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


def _is_current(revision: str | None) -> bool:
    return revision is not None and (revision == newest_revision() or revision == head_revision())


@cache
def _known_revisions() -> frozenset[str]:
    return frozenset(script.revision for script in _scripts().walk_revisions())


def statement_timeout(seconds: float | None = None) -> float:
    """``seconds``, else $FIELDGUIDE_STATEMENT_TIMEOUT, else the default."""
    if seconds is not None:
        return seconds
    value = os.environ.get("FIELDGUIDE_STATEMENT_TIMEOUT")
    if not value:
        return DEFAULT_STATEMENT_TIMEOUT
    try:
        parsed = float(value)
    except ValueError:
        parsed = -1.0
    if parsed <= 0:
        raise StoreError(f"FIELDGUIDE_STATEMENT_TIMEOUT={value!r}: give a number of seconds above 0")
    return parsed


def _archive_revision(conn: sa.Connection, url: str) -> str | None:
    """The revision of the archive the database holds; None when it holds nothing at all."""
    inspector = sa.inspect(conn)
    names = set(inspector.get_table_names()) | set(inspector.get_view_names())
    if conn.dialect.name == "postgresql":
        names |= set(cast(Any, inspector).get_foreign_table_names())  # PostgreSQL's inspector has it
    if not names:
        return None
    if not _MARKERS.issubset(names):
        listed = ", ".join(sorted(names)[:5]) + (", ..." if len(names) > 5 else "")
        raise NotAnArchiveError(
            f"{shown(url)} is not a fieldguide archive: it holds other tables ({listed}); "
            "fieldguide leaves it untouched (give --db a new file or an empty database)"
        )
    revisions = [str(r) for r in conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalars()]
    if len(revisions) == 1 and revisions[0] == newest_revision():
        return revisions[0]
    if len(revisions) == 1 and revisions[0] in _known_revisions():
        return revisions[0]
    if len(revisions) == 1:  # beside our tables: a revision written by a later fieldguide
        raise ArchiveVersionError(
            f"the archive at {shown(url)} was made by a newer fieldguide (schema {revisions[0]}, this one knows "
            f"{head_revision()}): upgrade fieldguide to read it"
        )
    raise NotAnArchiveError(f"{shown(url)} is not a fieldguide archive: its version table names {revisions}")


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (None for other back ends); NoArchiveError for an in-memory one."""
    parsed = sa.make_url(normalize_url(url))
    if parsed.get_backend_name() != "sqlite":
        return None
    if not parsed.database or parsed.database == ":memory:":
        raise NoArchiveError("an in-memory SQLite database holds no archive: give a file (--db PATH)")
    return Path(parsed.database)


def _require_file(url: str) -> None:
    path = _sqlite_file(url)
    if path is not None and not path.is_file():
        raise NoArchiveError(
            f"no archive at {path}: `fieldguide ingest` or `fieldguide demo` creates one (check --db or $FIELDGUIDE_DB)"
        )


def _revision(engine: sa.Engine, url: str) -> str | None:
    with engine.connect() as conn:
        revision = _archive_revision(conn, url)
        conn.rollback()
    return revision


def _open_writing(url: str, access: Access) -> sa.Engine:
    if access == "write":
        _require_file(url)
    engine = create_engine(url)
    try:
        revision = _revision(engine, url)
        if revision is None and access == "write":
            raise NoArchiveError(f"no archive in {shown(url)}: `fieldguide ingest` or `fieldguide demo` creates one")
        if not _is_current(revision):
            migrate(engine)  # the write lock, only now
    except BaseException:
        engine.dispose()
        raise
    return engine


def _open_reading(url: str, timeout: float, pooling: Pooling) -> sa.Engine:
    _require_file(url)
    engine = create_engine(url, read_only=True, timeout=timeout, pooling=pooling)
    try:
        revision = _revision(engine, url)
        if revision is None:
            raise NoArchiveError(f"no archive in {shown(url)}: `fieldguide ingest` or `fieldguide demo` creates one")
        if not _is_current(revision):
            _upgrade_for_reading(url, revision)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _upgrade_for_reading(url: str, revision: str) -> None:
    """Upgrade an older archive once, for a reading command, or say why it cannot be."""
    try:
        _open_writing(url, "write").dispose()
    except FieldguideError:
        raise
    except Exception as e:  # a read-only file or folder, a role without the right to alter
        raise ArchiveVersionError(
            f"the archive at {shown(url)} needs an upgrade to this fieldguide's schema ({revision} to "
            f"{head_revision()}) and cannot be written here ({one_line(e)}): run fieldguide once where "
            "it can write the archive"
        ) from e


def open_engine(
    url: str, access: Access = "create", timeout: float | None = None, pooling: Pooling = COMMAND_POOLING
) -> sa.Engine:
    """An engine on an archive whose schema is at head, for ``access``; a StoreError that says
    what is wrong otherwise. ``timeout``: the seconds each statement of a reading engine may run;
    ``pooling``: its connections (engine.Pooling)."""
    try:
        if access == "read":
            return _open_reading(url, statement_timeout(timeout), pooling)
        return _open_writing(url, access)
    except FieldguideError:
        raise
    except Exception as e:  # unreachable server, unwritable file, locked database...
        raise StoreError(f"cannot open the archive at {shown(url)}: {one_line(e)}") from e
