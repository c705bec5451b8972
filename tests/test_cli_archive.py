"""The archive commands through the CLI: ingest, search, stats, history, demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive_fixtures import FARM, MISSILE, MUNITIONS
from fieldguide.cli import app
from test_ingest import write_jsonl

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "archive.db")


@pytest.fixture
def dispatches(tmp_path: Path) -> str:
    records = [
        {
            "id": "kcna-1",
            "source": "KCNA",
            "title": "Munitions Enterprise Inspected",
            "published": "2024-09-13",
            "text": MUNITIONS,
        },
        {"id": "kcna-2", "source": "KCNA", "title": "ICBM Test-fire", "published": "2024-10-31", "text": MISSILE},
        {"id": "kcna-3", "source": "KCNA", "title": "Early Rice Harvest", "published": "2024-08-20", "text": FARM},
    ]
    return write_jsonl(tmp_path / "dispatches.jsonl", records)


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_ingest_prints_a_summary_and_says_nothing_new_on_a_rerun(db: str, dispatches: str) -> None:
    code, out = invoke("ingest", dispatches, "--db", db)
    assert code == 0, out
    assert "new" in out and "3" in out
    code, out = invoke("ingest", dispatches, "--db", db)
    assert code == 0
    assert "Nothing new" in out


def test_ingest_exits_1_on_rejects_unless_allowed(db: str, dispatches: str, tmp_path: Path) -> None:
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "x", "text": MISSILE}], extra_lines=("{not json",))
    code, out = invoke("ingest", dispatches, bad, "--db", db)
    assert code == 1
    assert "Rejected" in out and "bad.jsonl:2" in out and "not JSON" in out
    code, _ = invoke("ingest", bad, "--db", db, "--allow-rejects")
    assert code == 0


def test_ingest_into_an_unusable_database_is_one_line_and_exit_2(dispatches: str, tmp_path: Path) -> None:
    code, out = invoke("ingest", dispatches, "--db", str(tmp_path / "no" / "such" / "dir" / "x.db"))
    assert code == 2
    assert "cannot open the archive" in out and "Traceback" not in out


def test_search_formats(db: str, dispatches: str) -> None:
    invoke("ingest", dispatches, "--db", db)
    code, out = invoke("search", '"rocket launcher" OR Hwasongpho-19', "--db", db, "--format", "json")
    assert code == 0, out
    hits = json.loads(out)
    assert {h["id"] for h in hits} == {"kcna-1", "kcna-2"}
    assert {"id", "title", "published", "snippet"} <= set(hits[0])
    code, out = invoke("search", "harvest*", "--db", db, "--format", "csv")
    assert out.splitlines()[0].startswith("id,title,published")
    assert "kcna-3" in out
    code, out = invoke("search", "Kim", "--db", db, "--since", "2024-10-01")
    assert "kcna-2" in out and "kcna-1" not in out
    code, out = invoke("search", "nothingmatchesthis", "--db", db)
    assert code == 0 and "No document matches" in out


def test_search_with_a_malformed_query_says_why(db: str, dispatches: str) -> None:
    invoke("ingest", dispatches, "--db", db)
    code, out = invoke("search", "(missile OR rocket", "--db", db)
    assert code == 2
    assert "unbalanced parentheses" in out and "Traceback" not in out


def test_stats_json(db: str, dispatches: str) -> None:
    invoke("ingest", dispatches, "--db", db)
    code, out = invoke("stats", "--db", db, "--format", "json")
    assert code == 0
    stats = json.loads(out)
    assert stats["documents"] == 3 and stats["per_source"] == {"KCNA": 3}
    assert stats["runs"][0]["counts"]["new"] == 3
    code, out = invoke("stats", "--db", db)
    assert code == 0 and "documents" in out


def test_history_shows_versions_and_the_word_diff(db: str, tmp_path: Path) -> None:
    first = write_jsonl(tmp_path / "v1.jsonl", [{"id": "kcna-1", "text": FARM}])
    second = write_jsonl(tmp_path / "v2.jsonl", [{"id": "kcna-1", "text": FARM.replace("early rice", "early maize")}])
    invoke("ingest", first, "--db", db)
    invoke("ingest", second, "--db", db)
    code, out = invoke("history", "kcna-1", "--db", db)
    assert code == 0, out
    assert "version 1" in out and "version 2" in out
    assert "rice" in out and "maize" in out
    # Piped (no colour): the removed and added words stay marked in plain text.
    assert "[-rice-] {+maize+}" in out
    code, out = invoke("history", "kcna-1", "--json", "--db", db)
    record = json.loads(out)
    assert [v["n"] for v in record["versions"]] == [1, 2]
    assert "[-rice-]" in record["diffs"][0]["diff"] and "{+maize+}" in record["diffs"][0]["diff"]
    code, out = invoke("history", "nope", "--db", db)
    assert code == 2 and "no document 'nope'" in out


def test_the_db_comes_from_the_environment(dispatches: str, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDGUIDE_DB", db)
    code, _ = invoke("ingest", dispatches)
    assert code == 0
    assert Path(db).exists()


def test_demo_ingests_the_shipped_examples_or_says_they_are_missing(db: str) -> None:
    from fieldguide.cli.archive import example_files

    code, out = invoke("demo", "--db", db)
    if not example_files():
        assert code == 2 and "example set is missing" in out
        return
    assert code == 0, out
    assert "Try next" in out and "fieldguide search" in out


def test_every_archive_command_has_help_with_an_example() -> None:
    for command in ("ingest", "search", "stats", "history", "demo"):
        code, out = invoke(command, "--help")
        assert code == 0 and "Example:" in out, command


def test_ingest_of_a_missing_file_says_every_input_was_rejected(db: str, tmp_path: Path) -> None:
    code, out = invoke("ingest", str(tmp_path / "missing.jsonl"), "--db", db)
    assert code == 1 and "no such file or folder" in out
    assert "Nothing stored: every input was rejected" in out
    assert "already in the archive" not in out


def test_a_file_with_a_bad_byte_is_stored_as_utf8_with_a_warning(db: str, tmp_path: Path) -> None:
    korean = "평양 8월 5일발 조선중앙통신. 김정은 동지께서 공장을 현지지도하시였다. 로동자들은 큰 성과를 거두었다.\n"
    text = "Pyongyang, August 5 (KCNA) -- Kim Jong Un gave field guidance to a factory.\n" + korean * 3
    data = text.encode()
    cut = data.index("공장".encode())
    path = tmp_path / "mixed.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    code, out = invoke("ingest", str(path), "--db", db, "--no-extract")
    assert code == 0, out
    assert "Stored with a warning" in out and "mixed.txt" in out and "read as UTF-8 with 1 invalid byte" in out
    code, out = invoke("search", "김정은", "--db", db, "--format", "json")
    assert "김정은" in json.loads(out)[0]["snippet"]


def test_stats_shows_a_killed_run_as_interrupted(db: str, dispatches: str) -> None:
    import os
    import subprocess
    import sys

    import fieldguide

    # A process starts a run and is killed before it can finish it.
    kill = (
        "import os, signal; from fieldguide.store import Store; "
        f"Store.open('sqlite:///{db}').start_run(['killed.jsonl']); os.kill(os.getpid(), signal.SIGKILL)"
    )
    src = str(Path(fieldguide.__file__).parent.parent)
    killed = subprocess.run([sys.executable, "-c", kill], env={**os.environ, "PYTHONPATH": src}, check=False)
    assert killed.returncode == -9
    invoke("ingest", dispatches, "--db", db)
    code, out = invoke("stats", "--db", db, "--format", "json")
    assert [r["status"] for r in json.loads(out)["runs"]] == ["finished", "interrupted"]
    code, out = invoke("stats", "--db", db)
    assert code == 0 and "interrupted" in out and "unfinished" not in out


def test_demo_says_where_the_archive_is_and_a_rerun_adds_no_versions(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldguide.cli.archive import example_files

    if not example_files():
        pytest.skip("the example set is not installed")
    code, out = invoke("demo", "--db", db)
    assert code == 0, out
    assert f"Archive: {db}" in out
    for _ in range(2):
        code, out = invoke("demo", "--db", db)
        assert code == 0, out
    code, out = invoke("history", "ex-kcna-munitions-tour", "--json", "--db", db)
    assert [v["n"] for v in json.loads(out)["versions"]] == [1, 2]
    # Without --db the demo names the default file it wrote.
    monkeypatch.chdir(tmp_path)
    code, out = invoke("demo")
    assert code == 0 and f"Archive: {tmp_path / 'fieldguide.db'}" in out


@pytest.mark.parametrize(("colour", "no_color"), [("standard", False), ("standard", True)])
def test_history_marks_the_diff_in_plain_text_only_without_colour(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, colour: str, no_color: bool
) -> None:
    import io

    from rich.console import Console

    import fieldguide.cli.archive as archive_cli

    first = write_jsonl(tmp_path / "v1.jsonl", [{"id": "kcna-1", "text": FARM}])
    second = write_jsonl(tmp_path / "v2.jsonl", [{"id": "kcna-1", "text": FARM.replace("early rice", "early maize")}])
    invoke("ingest", first, "--db", db)
    invoke("ingest", second, "--db", db)
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, color_system=colour, no_color=no_color, width=200)
    monkeypatch.setattr(archive_cli, "console", terminal)
    code, _ = invoke("history", "kcna-1", "--db", db)
    assert code == 0
    marked = "[-rice-] {+maize+}" in screen.getvalue()
    assert marked == no_color  # NO_COLOR: marks; colour: red and green instead
