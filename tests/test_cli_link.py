"""The link command: one JSON object per report, a table, additions, rejected inputs."""

from __future__ import annotations

import json
from importlib import resources
from itertools import pairwise
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fieldguide.cli import app

runner = CliRunner()
FIXTURES = str(Path(__file__).parent / "fixtures" / "link" / "reports.jsonl")
EXAMPLES = str(resources.files("fieldguide") / "examples" / "dispatches.jsonl")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "archive.db")
    result = runner.invoke(app, ["ingest", EXAMPLES, "--db", path])
    assert result.exit_code == 0, result.output
    return path


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


def test_link_prints_one_json_object_per_report(db: str) -> None:
    code, out = invoke("link", FIXTURES, "--db", db)
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    by_id = {r["id"]: r for r in rows}
    assert by_id["fx-daily-floods"]["reports_on"] == ["ex-kcna-flood-inspection"]
    balloons = by_id["fx-wire-balloons"]
    assert {k: balloons[k] for k in ("id", "reports_on", "links")} == {
        "id": "fx-wire-balloons",
        "reports_on": [],
        "links": [],
    }
    link = by_id["fx-wire-rocket-drill"]["links"][0]
    assert set(link) == {"id", "score", "confidence", "reasons"} and link["reasons"]
    assert 0.0 <= link["confidence"] <= 1.0


def test_link_min_confidence_keeps_only_the_links_that_reach_it(db: str) -> None:
    code, out = invoke("link", FIXTURES, "--db", db)
    every = {r["id"]: r for r in map(json.loads, out.splitlines())}
    cut = sorted(link["confidence"] for r in every.values() for link in r["links"])[0] + 0.001
    code, out = invoke("link", FIXTURES, "--db", db, "--min-confidence", str(cut))
    assert code == 0, out
    kept = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert all(link["confidence"] >= cut for r in kept.values() for link in r["links"])
    assert sum(len(r["links"]) for r in kept.values()) < sum(len(r["links"]) for r in every.values())
    assert all(r["reports_on"] == [link["id"] for link in r["links"]] for r in kept.values())


def test_additions_are_added_on_request(db: str) -> None:
    code, out = invoke("link", FIXTURES, "--db", db, "--additions")
    assert code == 0, out
    floods = next(r for r in map(json.loads, out.splitlines()) if r["id"] == "fx-daily-floods")
    assert any(a["kind"] == "number" and a["report"]["text"] == "1,500" for a in floods["additions"])


def test_table_format_names_reports_and_dispatches(db: str) -> None:
    code, out = invoke("link", FIXTURES, "--db", db, "--format", "table")
    assert code == 0, out
    assert "fx-herald-weekend" in out and "ex-kcna-childrens-day" in out


def test_an_unreadable_report_is_named_and_the_exit_code_says_so(db: str) -> None:
    code, out = invoke("link", FIXTURES, "no-such-report", "--db", db)
    assert code == 1
    assert "no-such-report" in out
    assert '"fx-daily-floods"' in out  # the rest is still linked


def test_link_has_help_with_an_example() -> None:
    code, out = invoke("link", "--help")
    assert code == 0 and "Example: fieldguide link" in out


def test_link_help_names_every_json_field_of_its_output() -> None:
    # Square brackets in a help text are read as markup and vanish: '"reports_on": ,' was shown.
    code, out = invoke("link", "--help")
    assert code == 0
    flat = " ".join(out.split())
    assert '"reports_on": ,' not in flat
    assert all(f'"{field}"' in flat for field in ("id", "reports_on", "links", "score", "confidence", "reasons"))


def test_help_paragraphs_flow_at_80_columns_with_no_ragged_half_lines() -> None:
    # Typer keeps a docstring's line breaks: "reports_on" ended a line of 20 characters at 80 columns.
    for args in (["link", "--help"], ["--help"]):
        result = runner.invoke(app, args, env={"COLUMNS": "80"})
        before_boxes = result.output.split("╭")[0]  # the description, above the boxes of options
        prose = [line.strip() for line in before_boxes.splitlines() if line.strip() and "Usage:" not in line]
        for line, following in pairwise(prose):
            # a line broken early though the next line's first word would have fitted
            assert len(line) + 1 + len(following.split()[0]) > 78 or line.endswith((".", ":")), (line, following)


def test_a_report_is_named_by_where_it_was_read_not_only_by_its_id(db: str, tmp_path: Path) -> None:
    # a report without an id gets a hash for one: its file (or file:line, or URL) says which it is
    report = tmp_path / "yonhap-floods.txt"
    report.write_text("North Korea floods\n\nNorth Korean leader Kim Jong Un inspected flooded areas.\n")
    code, out = invoke("link", str(report), FIXTURES, "--db", db)
    assert code == 0, out
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["origin"] == str(report) and rows[0]["id"].startswith("doc-")
    lines = [r["origin"] for r in rows[1:]]
    assert lines[0] == f"{FIXTURES}:1" and all(o.startswith(f"{FIXTURES}:") for o in lines)
    code, out = invoke("link", str(report), "--db", db, "--format", "table")
    assert code == 0, out
    assert "yonhap-floods.txt" in out
