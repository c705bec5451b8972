"""How commands open the archive: reading commands read-only and without waiting for a writer,
only ingest/demo create an archive, another program's database is refused, and every statement
of a reading session has a deadline."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import archive_fixtures
from archive_fixtures import FARM, MUNITIONS, doc
from fieldguide.cli import app
from fieldguide.errors import (
    ArchiveVersionError,
    NoArchiveError,
    NotAnArchiveError,
    StatementTimeoutError,
    StoreError,
)
from fieldguide.store import Store
from fieldguide.store.opening import head_revision, newest_revision

# The archive fixtures (an empty archive's URL on each back end), used by name.
store_url = archive_fixtures.store_url

runner = CliRunner()
SRC = Path(__file__).resolve().parent.parent / "src"


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A SQLite archive holding two dispatches, closed (no -wal or -shm file left)."""
    path = tmp_path / "archive.db"
    with Store.open(f"sqlite:///{path}") as store:
        store.put_batch([doc("kcna-1", MUNITIONS), doc("kcna-2", FARM, published=date(2024, 8, 20))])
    return path


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


# -- a missing archive -----------------------------------------------------------------------


@pytest.mark.parametrize("command", [["stats"], ["search", "munitions"], ["events"], ["timeline"], ["export"]])
def test_a_reading_command_on_a_missing_archive_is_a_clear_error_and_creates_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    mistyped = tmp_path / "MISTYPED.db"
    code, out = invoke(*command, "--db", str(mistyped))
    assert code == 2, out
    assert "E302" in out and "no archive at" in out and "ingest" in out
    assert not mistyped.exists()


def test_reextract_does_not_create_an_archive_either(tmp_path: Path) -> None:
    code, out = invoke("reextract", "--db", str(tmp_path / "none.db"))
    assert code == 2 and "E302" in out
    assert not (tmp_path / "none.db").exists()


def test_ingest_still_creates_the_archive(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'new.db'}") as store:
        assert store.stats()["documents"] == 0
    assert (tmp_path / "new.db").exists()


@pytest.mark.parametrize("store_url", archive_fixtures.BACKENDS, indirect=True)
def test_reading_an_empty_database_is_no_archive(store_url: str) -> None:
    if store_url.startswith("sqlite"):
        Path(store_url.removeprefix("sqlite:///")).touch()
    with pytest.raises(NoArchiveError):
        Store.open(store_url, access="read")
    assert _tables(store_url) == set()


# -- another program's database --------------------------------------------------------------


@pytest.mark.parametrize("store_url", archive_fixtures.BACKENDS, indirect=True)
@pytest.mark.parametrize("access", ["create", "write", "read"])
def test_a_database_of_another_program_is_refused_and_left_as_it_was(store_url: str, access: str) -> None:
    engine = sa.create_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)"))
    engine.dispose()
    with pytest.raises(NotAnArchiveError, match="not a fieldguide archive") as caught:
        Store.open(store_url, access=access)  # type: ignore[arg-type]
    assert caught.value.code == "E301" and "\n" not in str(caught.value)
    assert _tables(store_url) == {"contacts"}


def test_stats_on_another_programs_sqlite_file_exits_2_and_adds_no_table(tmp_path: Path) -> None:
    other = tmp_path / "other-app.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    code, out = invoke("stats", "--db", str(other))
    assert code == 2 and "E301" in out
    assert _tables(f"sqlite:///{other}") == {"notes"}


@pytest.mark.parametrize("store_url", archive_fixtures.BACKENDS, indirect=True)
def test_an_archive_of_a_newer_fieldguide_is_refused_not_migrated(store_url: str) -> None:
    with Store.open(store_url) as store, store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    for access in ("read", "create"):
        with pytest.raises(ArchiveVersionError, match="newer fieldguide"):
            Store.open(store_url, access=access)  # type: ignore[arg-type]


# -- reading without the write lock ----------------------------------------------------------


def test_reading_commands_answer_while_another_connection_holds_the_write_lock(archive: Path) -> None:
    writer = sqlite3.connect(archive, isolation_level=None, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")  # what an ingest batch holds while it writes
        writer.execute("INSERT INTO runs (started, inputs) VALUES ('2024-01-01', '[]')")
        code, out = invoke("search", "munitions", "--db", str(archive), "--format", "json")
        assert code == 0, out
        assert '"kcna-1"' in out
        code, out = invoke("stats", "--db", str(archive), "--format", "json")
        assert code == 0, out
        assert '"documents": 2' in out
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_read_only_store_opens_sqlite_in_read_only_mode(archive: Path) -> None:
    """Tests run as root, for whom permission bits stop no write; so this checks the mechanism:
    the reading store's connections are opened with SQLite's ``mode=ro`` and SQLite itself refuses
    every write through them, which is what lets a read-only file be read (next test)."""
    with Store.open(f"sqlite:///{archive}", access="read") as store:
        with pytest.raises(StoreError, match="read-only"):
            store.put_batch([doc("kcna-3", MUNITIONS)])
        with store.engine.connect() as conn, pytest.raises(StoreError, match="read-only"):
            conn.exec_driver_sql("CREATE TABLE intruder (x)")
        assert [h.id for h in store.search("munitions")] == ["kcna-1"]
    assert "intruder" not in _tables(f"sqlite:///{archive}")


def _can_mount_read_only() -> bool:
    if not shutil.which("unshare") or os.geteuid() != 0:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind -o ro /tmp /tmp"], capture_output=True, check=False
    )
    return probe.returncode == 0


def _in_read_only_folder(folder: Path, *command: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a private mount namespace where ``folder`` is bind-mounted read-only: the
    only way for root to meet a folder and file it truly cannot write (EROFS)."""
    cli = " ".join(f"'{part}'" for part in [sys.executable, "-m", "fieldguide", *command])
    script = f"mount --bind -o ro '{folder}' '{folder}' && exec {cli}"
    env = {**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"}
    return subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=env, check=False)


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs root and mount namespaces (unshare -m)")
def test_an_archive_on_a_read_only_file_system_can_be_searched(archive: Path) -> None:
    """The folder holds the archive without its -wal and -shm files (closed cleanly) and is mounted
    read-only, so SQLite can create neither: searching and counting still work."""
    os.chmod(archive, 0o444)
    found = _in_read_only_folder(archive.parent, "search", "munitions", "--db", str(archive), "--format", "json")
    assert found.returncode == 0, found.stderr
    assert '"kcna-1"' in found.stdout
    counted = _in_read_only_folder(archive.parent, "stats", "--db", str(archive), "--format", "json")
    assert counted.returncode == 0, counted.stderr
    assert sorted(p.name for p in archive.parent.iterdir()) == ["archive.db"]


@pytest.mark.skipif(not _can_mount_read_only(), reason="needs root and mount namespaces (unshare -m)")
def test_an_archive_needing_an_upgrade_on_a_read_only_file_system_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _archive_at(url, "0009")
    result = _in_read_only_folder(tmp_path, "stats", "--db", str(tmp_path / "old.db"))
    assert result.returncode == 2
    assert "E303" in result.stderr and "upgrade" in result.stderr


def _archive_at(url: str, revision: str) -> None:
    from test_store_archive import _archive_at as make

    make(url, revision)


def test_a_reading_command_upgrades_an_older_archive_once_when_it_can_write(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _archive_at(url, "0009")
    with Store.open(url, access="read") as store:
        assert [h.id for h in store.search("munitions")] == ["a"]
        with store.engine.connect() as conn:
            assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == head_revision()


# -- statement deadlines ---------------------------------------------------------------------


SLOW = {
    "sqlite": "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
    "postgresql": "SELECT pg_sleep(30)",
}


@pytest.fixture
def slow_url(store_url: str) -> Iterator[str]:
    with Store.open(store_url):
        pass  # an empty archive
    yield store_url


@pytest.mark.parametrize("store_url", archive_fixtures.BACKENDS, indirect=True)
def test_a_reading_statement_past_its_deadline_is_a_clean_error(slow_url: str) -> None:
    with Store.open(slow_url, access="read", statement_timeout=0.2) as store:
        with store.engine.connect() as conn, pytest.raises(StatementTimeoutError) as caught:
            conn.exec_driver_sql(SLOW[store.backend]).all()
        assert "longer than 0.2 s" in str(caught.value)
        assert caught.value.code == "E304"
        # The connection is usable again, with the same deadline for the next statement.
        assert store.stats()["documents"] == 0


@pytest.mark.parametrize("store_url", archive_fixtures.BACKENDS, indirect=True)
def test_a_reading_store_cannot_write_on_either_back_end(store_url: str) -> None:
    with Store.open(store_url):
        pass
    with Store.open(store_url, access="read") as store, pytest.raises(StoreError, match="read-only"):
        store.put_batch([doc("kcna-1", MUNITIONS)])


def test_a_writing_store_gives_its_statements_no_deadline(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}", statement_timeout=0.001) as store, store.engine.connect() as conn:
        # Longer than the deadline, which only searches and reading stores keep.
        assert conn.exec_driver_sql(SLOW["sqlite"].replace("FROM n)", "FROM n WHERE i < 300000)")).scalar() == 300000


def test_the_revision_read_without_alembic_is_alembics_head() -> None:
    """An archive at it is taken as current without importing alembic."""
    assert newest_revision() == head_revision()
