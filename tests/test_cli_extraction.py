"""The extraction commands as a user runs them: extract, events after ingest, reextract after a KB change."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fieldguide.cli import app

DISPATCHES = [
    {
        "id": "t-visit",
        "title": "Kim Jong Un Visits Hospital",
        "published": "2024-08-06",
        "source": "KCNA",
        "text": "Pyongyang, August 6 (KCNA) -- Kim Jong Un visited the Sinuiju City Hospital on Monday.\n"
        "He was accompanied by Jo Yong Won, secretary of the C.C., WPK.",
    },
    {
        "id": "t-test",
        "title": "Test-fire of 600mm Multiple Rocket Launcher",
        "published": "2024-09-13",
        "source": "KCNA",
        "text": "Pyongyang, September 13 (KCNA) -- Kim Jong Un oversaw the test-fire of a new-type 600mm multiple "
        "rocket launcher on September 12.\nHe was accompanied by Jang Chang Ha.",
    },
]


def _input(tmp_path: Path) -> Path:
    path = tmp_path / "dispatches.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in DISPATCHES) + "\n")
    return path


def test_extract_writes_one_contract_record_per_document(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["extract", str(_input(tmp_path))])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["t-visit", "t-test"]
    first = records[0]
    assert {"id", "events", "weapons", "people", "places"} <= first.keys()
    assert first["events"][0]["type"] == "inspection"
    assert first["events"][0]["start"] == "2024-08-05"
    assert records[1]["weapons"] == ["mlrs"]


def test_extract_table_and_a_rejected_input_exits_one(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    result = CliRunner().invoke(app, ["extract", str(_input(tmp_path)), str(bad), "--format", "table"])
    assert result.exit_code == 1
    assert "inspection" in result.stdout


def test_events_after_ingest_filter_by_type_weapon_and_person(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'fg.db'}"
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(_input(tmp_path)), "--db", db])
    assert ingested.exit_code == 0, ingested.output
    tests = json.loads(runner.invoke(app, ["events", "--type", "weapons_test", "--db", db, "--format", "json"]).stdout)
    assert [e["doc_id"] for e in tests] == ["t-test"]
    assert tests[0]["start"] == "2024-09-12"
    by_weapon = json.loads(runner.invoke(app, ["events", "--weapon", "mlrs", "--db", db, "--format", "json"]).stdout)
    assert [e["doc_id"] for e in by_weapon] == ["t-test"]
    by_person = runner.invoke(app, ["events", "--person", "Jo Yong-won", "--db", db, "--format", "json"])
    assert [e["doc_id"] for e in json.loads(by_person.stdout)] == ["t-visit"]
    csv_out = runner.invoke(app, ["events", "--db", db, "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("doc_id,type")


def test_reextract_after_a_knowledge_base_change_updates_events(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'fg.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(_input(tmp_path)), "--db", db]).exit_code == 0
    kb = tmp_path / "kb"
    kb.mkdir()
    (kb / "people.yaml").write_text("people:\n  - name: Jang Chang Ha\n    country: KP\n    aliases: [Jang Chang-ha]\n")
    first = runner.invoke(app, ["reextract", "--db", db, "--kb", str(kb)])
    assert first.exit_code == 0, first.output
    assert "2 documents extracted again" in first.stdout
    again = runner.invoke(app, ["reextract", "--db", db, "--kb", str(kb)])
    assert "0 documents extracted again" in again.stdout
    missing = runner.invoke(app, ["reextract", "--db", db, "--kb", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
