"""CSV output of hostile documents: no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from fieldguide.cli import app
from fieldguide.csv_output import inert, write_csv
from hostile_fixtures import FORMULA_START, make_hostile_db

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield make_hostile_db(tmp_path_factory.mktemp("hostile-csv") / "archive.db")


def csv_rows(*args: str) -> list[dict[str, str]]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


CSV_COMMANDS = [
    ("export",),
    ("events", "--format", "csv"),
    ("search", "Kim", "--format", "csv"),
    ("dossier", "Jo Yong Won", "--format", "csv"),
    ("novel", "--since", "2024-01-01", "--format", "csv"),
    ("timeline", "--format", "csv"),
]


@pytest.mark.parametrize("command", CSV_COMMANDS)
def test_no_csv_cell_starts_like_a_formula(db: str, command: tuple[str, ...]) -> None:
    rows = csv_rows(*command, "--db", db)
    assert rows
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(FORMULA_START), (column, cell)


def test_hostile_cells_keep_their_text_behind_a_quote(db: str) -> None:
    rows = {r["doc_id"]: r for r in csv_rows("export", "--db", db)}
    press = rows["'@SUM(1+1)-hostile"]
    assert press["evidence"].startswith("'- The respected Comrade Kim Jong Un")
    assert press["title"] == "'-2+3 Press Review"
    assert rows["hostile-paren"]["title"] == "'=cmd|' /C calc'!A0"
    events = {r["doc_id"]: r for r in csv_rows("events", "--format", "csv", "--db", db)}
    assert events["'@SUM(1+1)-hostile"]["evidence"].startswith("'- The respected")
    search = {r["id"]: r for r in csv_rows("search", "Kim", "--format", "csv", "--db", db)}
    assert search["hostile-paren"]["title"] == "'=cmd|' /C calc'!A0"


def test_inert_quotes_formula_starts_only() -> None:
    for text in (
        '=HYPERLINK("http://x","y")',
        "=cmd|' /C calc'!A0",
        "@SUM(A1)",
        "- The respected",
        "+1",
        "\t=1",
        "\r=1",
    ):
        assert inert(text) == "'" + text
    for value in ("Kim Jong Un", "", "'quoted", " =1", 5, -5, 0.5):
        assert inert(value) == value
    assert inert(None) == ""


def test_write_csv_leaves_out_extra_keys_and_quotes_cells() -> None:
    out = io.StringIO()
    write_csv(out, ["a", "b"], [{"a": "=1+1", "b": None, "c": "left out"}])
    assert out.getvalue() == "a,b\n'=1+1,\n"
