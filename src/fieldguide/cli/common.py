"""What every command shares: the store URL, output formats, error reporting."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from fieldguide.cli.terminal import shown
from fieldguide.errors import FieldguideError, KnowledgeBaseError

if TYPE_CHECKING:
    from fieldguide.kb import KnowledgeBase
    from fieldguide.store import Store
    from fieldguide.store.opening import Access

console = Console()
err_console = Console(stderr=True)

DEFAULT_DB = "sqlite:///fieldguide.db"


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def db_url(option: str | None) -> str:
    """The store URL: --db, else FIELDGUIDE_DB, else ./fieldguide.db."""
    url = option or os.environ.get("FIELDGUIDE_DB") or DEFAULT_DB
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{url}"
    return url


def archive_location(db: str | None) -> str:
    """Where the archive of --db is, for a user to find it: a SQLite file's absolute path,
    else the URL with any password hidden."""
    from fieldguide.store.engine import location

    return location(db_url(db))


def open_archive(db: str | None, access: Access = "read") -> Store:
    """The archive that --db names, for ``access``: reading commands open it read-only and never
    wait for an ingest; only ingest and demo create one, reextract writes an existing one."""
    from fieldguide.store import Store  # here: extract and eval start without the database libraries

    return Store.open(db_url(db), access)


DbOption = typer.Option(None, "--db", help="Store URL or SQLite path (default: $FIELDGUIDE_DB or ./fieldguide.db).")


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn fieldguide's own errors into one red line and exit code 2."""
    try:
        yield
    except FieldguideError as e:
        err_console.print(f"[red]error[/red] {e.code}: {shown(e)}")
        raise typer.Exit(2) from None


KbOption = typer.Option(
    None,
    "--kb",
    help="A folder of knowledge-base YAML files that add to or override the packaged ones (repeatable).",
)


def settle_long_lived() -> None:
    """Move what was built so far (the compiled knowledge base, the store's engine) out of the
    garbage collector's way: it lives for the whole command, and rescanning its objects at
    every collection costs a batch job about a third of its extraction time."""
    gc.collect()
    gc.freeze()


def load_kb(dirs: list[Path] | None) -> KnowledgeBase:
    """The packaged knowledge base plus the user's folders; a bad folder is a user error, not a traceback.

    Kept on disk once built (kb/cache.py): a command starts without parsing the YAML again."""
    from fieldguide.kb.cache import load_cached

    for d in dirs or []:
        if not d.is_dir():
            raise KnowledgeBaseError(f"--kb {d}: not a folder")
    return load_cached(list(dirs or []))
