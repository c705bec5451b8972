"""Output that cannot be written, and days at the calendar's edge: one E-coded line, no traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fieldguide.cli import app
from hostile_fixtures import make_hostile_db

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield make_hostile_db(tmp_path_factory.mktemp("output-errors") / "archive.db")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def assert_one_line_error(code: int, err: str, code_name: str, *words: str) -> None:
    assert code == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error {code_name}: "), err
    for word in words:
        assert word in lines[0]


OUTPUT_COMMANDS = [
    ("brief", "--since", "2024-05-01", "--until", "2024-05-10"),
    ("brief", "-f", "html"),
    ("export",),
    ("export", "-f", "stix"),
]


@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_output_to_a_folder_or_a_missing_parent_is_one_line(db: str, tmp_path: Path, command: tuple[str, ...]) -> None:
    code, _, err = run(*command, "--db", db, "-o", str(tmp_path))
    assert_one_line_error(code, err, "E600", str(tmp_path), "directory")
    missing = tmp_path / "no-such-folder" / "out.txt"
    code, _, err = run(*command, "--db", db, "-o", str(missing))
    assert_one_line_error(code, err, "E600", str(missing), "No such file")
    assert not missing.parent.exists()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("command", OUTPUT_COMMANDS)
def test_output_to_a_full_disk_is_one_line(db: str, command: tuple[str, ...]) -> None:
    code, _, err = run(*command, "--db", db, "-o", "/dev/full")
    assert_one_line_error(code, err, "E600", "/dev/full", "No space")


def test_a_chart_onto_a_folder_is_one_line(db: str, tmp_path: Path) -> None:
    folder = tmp_path / "chart.png"
    folder.mkdir()
    code, _, err = run("timeline", "--db", db, "--chart", str(folder))
    assert_one_line_error(code, err, "E600", str(folder))


def test_a_chart_under_a_file_is_one_line(db: str, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    code, _, err = run("timeline", "--db", db, "--chart", str(blocker / "chart.svg"))
    assert_one_line_error(code, err, "E600", "chart.svg")


@pytest.mark.parametrize(
    "dates",
    [
        ("--since", "9999-12-31"),
        ("--until", "0001-01-01"),
        ("--since", "9999-12-25", "--until", "9999-12-31"),
        ("--since", "0001-01-01", "--until", "0001-01-02"),
    ],
)
def test_brief_and_export_at_the_calendars_edge_say_nothing_found(db: str, dates: tuple[str, ...]) -> None:
    code, out, err = run("brief", *dates, "--db", db)
    assert code == 0, err
    assert out.startswith("# Briefing") and "The archive holds nothing" in out
    code, out, err = run("export", *dates, "--db", db)
    assert code == 0, err
    assert out.splitlines()[1:] == []
