"""What reaches the terminal from hostile sources: control characters shown as escapes,
Rich markup in titles and file names printed as written, never styled."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fieldguide.cli import app
from fieldguide.cli.terminal import shown
from fieldguide.store import Store
from fieldguide.visible import visible
from hostile_fixtures import make_hostile_db

runner = CliRunner()
ESC = "\x1b"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield make_hostile_db(tmp_path_factory.mktemp("hostile-terminal") / "archive.db")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "400"})
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ("search", "Kim"),
        ("events",),
        ("history", "hostile-`x`<b>"),
        ("dossier", "Jo Yong Won"),
        ("novel", "--since", "2024-01-01"),
        ("timeline",),
        ("brief", "--since", "2024-05-01", "--until", "2024-05-10"),
        ("brief", "--since", "2024-05-01", "--until", "2024-05-10", "-f", "html"),
    ],
)
def test_no_escape_sequence_reaches_the_terminal(db: str, command: tuple[str, ...]) -> None:
    code, out = run(*command, "--db", db)
    assert code == 0, out
    assert ESC not in out and "\x9b" not in out


def test_titles_are_printed_as_written(db: str) -> None:
    code, out = run("search", "Kim", "--db", db)
    assert code == 0
    assert "[bold]loud[/bold]" in out  # Rich markup in a title is shown, not applied
    # the escape character itself was removed from the title at ingest (characters.py)
    assert "[31mred[0m" in out and ESC not in out
    code, out = run("history", "hostile-`x`<b>", "--db", db)
    assert "<img src=x onerror=alert(1)> [bold]loud[/bold] [31mred" in out


def test_rejected_file_names_are_shown_with_their_escapes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\x1b[2J[bold]name\r.json").write_text("{not json", encoding="utf-8")
    code, out = run("ingest", str(folder), "--db", str(tmp_path / "a.db"), "--no-extract")
    assert code == 1
    assert ESC not in out and "\r" not in out
    assert "evil\\x1b[2J[bold]name\\x0d.json" in out.replace("\n", "").replace("│", "").replace(" ", "")


def test_an_error_message_is_not_styled(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}"):
        pass  # an archive to look in: a missing one is an error of its own (E302)
    code, out = run("history", "no-such-[red]id\x1b[0m", "--db", str(tmp_path / "a.db"))
    assert code == 2
    assert "no-such-[red]id\\x1b[0m" in out and ESC not in out


def test_visible_escapes_controls_and_bidi_overrides_only() -> None:
    assert visible("a\x1b[31mb\x07\x00\x7f\x9b") == "a\\x1b[31mb\\x07\\x00\\x7f\\x9b"
    assert visible("left\u202eright\u2066") == "left\\u202eright\\u2066"
    assert visible("tab\tand\nnewline, 김정은 “quoted”") == "tab\tand\nnewline, 김정은 “quoted”"
    assert shown("[bold]x[/bold]\x1b") == "\\[bold]x\\[/bold]\\x1b"


def test_json_output_keeps_the_source_exact(db: str) -> None:
    code, out = run("search", "Kim", "--format", "json", "--db", db)
    assert code == 0
    titles = {hit["id"]: hit["title"] for hit in json.loads(out)}
    # the title as stored: its control characters were removed at ingest, the rest kept exactly
    assert titles["hostile-`x`<b>"].endswith("[bold]loud[/bold] [31mred[0m")
