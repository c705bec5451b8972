"""The brief and export commands through the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fieldguide.cli import app
from test_report import make_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("cli-brief") / "archive.db"
    make_store(path).close()
    yield str(path)


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_brief_prints_markdown_for_a_week(db: str) -> None:
    code, out, _ = invoke("brief", "--since", "2024-04-15", "--until", "2024-04-21", "--db", db)
    assert code == 0
    assert out.startswith("# Briefing: 15–21 April 2024")
    for heading in ("## What you need to know", "## The details", "## Context", "## Read more", "## Sources"):
        assert heading in out


def test_brief_writes_html_to_a_file(db: str, tmp_path: Path) -> None:
    target = tmp_path / "brief.html"
    code, out, err = invoke(
        "brief", "--since", "2024-08-01", "--until", "2024-08-07", "-f", "html", "-o", str(target), "--db", db
    )
    assert code == 0 and out == ""
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "@media print" in html
    assert "wrote" in err


def test_brief_json_is_the_brief(db: str) -> None:
    code, out, _ = invoke("brief", "--story", "ex-kcna-icbm-test", "--format", "json", "--db", db)
    assert code == 0
    data = json.loads(out)
    assert data["story"] == "ex-kcna-icbm-test"
    assert [s["key"] for s in data["sections"]] == ["need_to_know", "details", "context", "read_more"]


def test_brief_is_the_same_twice(db: str) -> None:
    args = ("brief", "--since", "2024-04-15", "--until", "2024-04-21", "-f", "html", "--db", db)
    assert invoke(*args)[1] == invoke(*args)[1]


def test_brief_errors_are_one_line_and_exit_2(db: str) -> None:
    code, _, err = invoke("brief", "--story", "nope", "--db", db)
    assert code == 2 and "E404" in err
    code, _, err = invoke("brief", "--story", "ex-kcna-icbm-test", "--since", "2024-01-01", "--db", db)
    assert code == 2 and "either --story" in err
    code, _, err = invoke("brief", "--since", "2024-05-02", "--until", "2024-05-01", "--db", db)
    assert code == 2 and "E200" in err


def test_export_csv_json_and_stix(db: str) -> None:
    code, out, _ = invoke("export", "--since", "2024-04-15", "--until", "2024-04-21", "--db", db)
    assert code == 0
    assert [r["id"] for r in csv.DictReader(io.StringIO(out))] == ["fx-rep-tractor-factory#0", "fx-rep-cruise-test#0"]
    code, out, _ = invoke("export", "--format", "json", "--since", "2024-04-15", "--until", "2024-04-21", "--db", db)
    assert code == 0 and len(json.loads(out)) == 2
    code, out, _ = invoke("export", "-f", "stix", "--db", db)
    bundle = json.loads(out)
    assert code == 0 and bundle["type"] == "bundle"
    assert invoke("export", "-f", "stix", "--db", db)[1] == out


@pytest.mark.parametrize("command", ["brief", "export"])
def test_help_gives_an_example(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0 and "Example: fieldguide " + command in out
