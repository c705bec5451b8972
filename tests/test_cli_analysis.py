"""The analysis commands: timeline, dossier, novel, refs, in every output format."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fieldguide.cli import app
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "analyze"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli-analysis") / "archive.db"
    folder = resources.files("fieldguide") / "examples"
    inputs = [str(folder / "dispatches.jsonl"), str(folder / "reports.jsonl"), str(FIXTURES / "dispatches.jsonl")]
    with Store.open(f"sqlite:///{path}") as store:
        ingest(inputs, store, extractor=Extractor(load()))
    return str(path)


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_timeline_table_shows_periods_and_gaps(db: str) -> None:
    out = run("timeline", "--db", db, "--by", "month")
    assert "2024-08" in out and "Longest absences" in out and "Last reported activity" in out


def test_timeline_json_and_csv(db: str) -> None:
    data = json.loads(run("timeline", "--db", db, "--type", "inspection", "--format", "json"))
    assert data["filters"]["type"] == "inspection" and set(data["by_type"]) == {"inspection"}
    assert data["gaps"][0]["last_seen"]["doc_id"]
    rows = list(csv.DictReader(io.StringIO(run("timeline", "--db", db, "--by", "week", "--format", "csv"))))
    assert rows and {"period", "events", "days"} <= set(rows[0])


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_timeline_writes_a_chart(db: str, tmp_path: Path, suffix: str) -> None:
    chart = tmp_path / f"timeline{suffix}"
    run("timeline", "--db", db, "--chart", str(chart), "--format", "json")
    head = chart.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in chart.read_bytes()[:2000]


def test_a_chart_of_another_kind_is_a_user_error(db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["timeline", "--db", db, "--chart", str(tmp_path / "t.gif")])
    assert result.exit_code == 2 and ".png or .svg" in result.output


def test_dossier_in_three_formats(db: str) -> None:
    assert "Together with" in run("dossier", "Jo Chun-ryong", "--db", db)
    data = json.loads(run("dossier", "Jo Chun-ryong", "--db", db, "--format", "json"))
    assert data["name"] == "Jo Chun Ryong" and data["titles"] and data["companions"]
    rows = list(csv.DictReader(io.StringIO(run("dossier", "Hwasong-19", "--db", db, "--format", "csv"))))
    # the dispatch of the test and the foreign report that names the missile
    assert {r["doc_id"] for r in rows} == {"ex-kcna-icbm-test", "ex-report-icbm-test"}
    assert all(r["evidence"] for r in rows)


def test_dossier_of_an_unknown_name_exits_2(db: str) -> None:
    result = runner.invoke(app, ["dossier", "Nobody Of Note", "--db", db])
    assert result.exit_code == 2 and "E404" in result.output
    assert "E500" not in result.output  # the code of an internal error, which a name not found is not


def test_dossier_of_a_name_in_hangul_is_the_person_of_that_name(db: str) -> None:
    data = json.loads(run("dossier", "김정은", "--db", db, "--format", "json"))
    assert data["name"] == "Kim Jong Un"


def test_novel_lists_new_designations(db: str) -> None:
    data = json.loads(run("novel", "--since", "2024-10-01", "--db", db, "--format", "json"))
    assert {"Hwasal-2", "Hwasong-19"} <= {i["name"] for i in data["items"] if i["kind"] == "designation"}
    assert "First seen since" in run("novel", "--since", "2024-10-01", "--db", db)


def test_refs_links_the_earlier_visit(db: str) -> None:
    data = json.loads(run("refs", "ex-kcna-munitions-tour", "--db", db, "--format", "json"))
    assert any(r["refers_to"] and r["refers_to"]["doc_id"] == "fx-shell-factory-2023" for r in data)


@pytest.mark.parametrize("command", ["timeline", "dossier", "novel", "refs"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    out = run(command, "--help")
    assert "Example:" in out


def test_timeline_table_is_readable_at_80_columns(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from rich.console import Console

    import fieldguide.cli.analysis as analysis_cli

    screen = io.StringIO()
    monkeypatch.setattr(analysis_cli, "console", Console(file=screen, width=80, color_system=None))
    run("timeline", "--db", db, "--by", "month")
    out = screen.getvalue()
    assert max(len(line) for line in out.splitlines()) <= 80
    header = next(line for line in out.splitlines() if "period" in line)
    for column in ("events", "days", "appearances"):
        assert column in header, header  # whole, not shrunk to "e…"
    assert "…" not in out
    data = json.loads(run("timeline", "--db", db, "--by", "month", "--format", "json"))
    for type_ in data["by_type"]:
        assert type_ in out  # every event type is still named
