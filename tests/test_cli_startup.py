"""What a command imports before it starts: every `fieldguide` process pays for the libraries the
command line imports, so the reading commands must not pay for those of ingest, export, charts
or the watcher (alembic, matplotlib, trafilatura, pyarrow...), and --help still lists every command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from archive_fixtures import MUNITIONS, doc
from fieldguide.store import Store

SRC = Path(__file__).resolve().parent.parent / "src"
# Libraries (and packages of fieldguide) that only some commands need.
HEAVY = (
    "alembic",
    "matplotlib",
    "trafilatura",
    "pyarrow",
    "followthemoney",
    "feedparser",
    "numpy",
    "fastapi",
    "uvicorn",
    "jinja2",
    "fieldguide.web",
    "fieldguide.watch",
    "fieldguide.sources",
    "fieldguide.extract",
    "fieldguide.analyze",
    "fieldguide.report",
)
COMMANDS = (
    "ingest",
    "search",
    "stats",
    "history",
    "demo",
    "extract",
    "eval",
    "events",
    "reextract",
    "link",
    "timeline",
    "appearances",
    "dossier",
    "novel",
    "refs",
    "brief",
    "export",
    "watch",
    "serve",
    "corrections",
)


def _loaded_after(code: str) -> list[str]:
    """The HEAVY modules a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=True,
    )
    loaded: list[str] = json.loads(result.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_command_line_imports_none_of_the_heavy_libraries() -> None:
    assert _loaded_after("import fieldguide.cli") == []


@pytest.mark.parametrize("command", [("stats",), ("search", "munitions"), ("history", "kcna-1")])
def test_a_reading_command_on_a_current_archive_imports_none_of_them(tmp_path: Path, command: tuple[str, ...]) -> None:
    path = tmp_path / "archive.db"
    with Store.open(f"sqlite:///{path}") as store:
        store.put_batch([doc("kcna-1", MUNITIONS, published=date(2024, 8, 20))])
    run = (
        "from fieldguide.cli import app\n"
        f"app([*{command!r}, '--db', {str(path)!r}], prog_name='fieldguide', standalone_mode=False)"
    )
    assert _loaded_after(run) == []


def test_help_still_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "fieldguide", "--help"],
        env={**os.environ, "PYTHONPATH": str(SRC), "COLUMNS": "200"},
        capture_output=True,
        text=True,
        check=True,
    )
    listed = {line.split()[1] for line in result.stdout.splitlines() if line.startswith("│ ") and len(line.split()) > 2}
    assert listed >= set(COMMANDS)


def test_each_command_is_listed_with_the_module_that_registers_it() -> None:
    """``fieldguide CMD`` imports only COMMAND_MODULES[CMD]: the table must name every command's module."""
    from fieldguide.cli import COMMAND_MODULES, MODULES, build_app

    found = {}
    for module in MODULES:
        alone = build_app((module,))
        names = [c.name for c in alone.registered_commands] + [g.name for g in alone.registered_groups]
        found.update(dict.fromkeys(names, module))
    assert found == COMMAND_MODULES
    assert set(found) >= set(COMMANDS)


def test_extract_starts_without_the_other_commands_modules(tmp_path: Path) -> None:
    empty = tmp_path / "none.jsonl"
    empty.write_text("\n", encoding="utf-8")
    probe = (
        "import sys\n"
        f"sys.argv = ['fieldguide', 'extract', {str(empty)!r}]\n"
        "from fieldguide.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "others = ('fieldguide.cli.archive', 'fieldguide.cli.analysis', 'fieldguide.ingest')\n"
        "print([m for m in others if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
