"""One serializer per fact: the same event reads the same from `events`, `export` (JSON, CSV),
STIX and FtM, with its evidence in the stored text and in the text as it was read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from fieldguide.cli import app
from fieldguide.report.stix import EVENT_TYPE, stix_id
from fieldguide.serialize import CORE_EVENT_FIELDS, EVENT_FIELDS
from fieldguide.store import Store

# The lead sentence's runs of spaces and the glued names ("ComradeKim Jong Unvisited") are repaired
# in the stored text, so the second sentence starts at different offsets in the two texts.
RAW_TEST = (
    "Pyongyang, September 13 (KCNA) --   The    Academy of   Defence Science    reported a success.\n"
    "The respected ComradeKim Jong Unoversaw the test-fire of a new-type 600mm multiple rocket launcher "
    "on September 12.\nHe was accompanied by Jang Chang Ha."
)
DISPATCHES = [
    {
        "id": "s-visit",
        "title": "Kim Jong Un Visits Hospital",
        "published": "2024-08-06",
        "source": "KCNA",
        "url": "https://example.invalid/s-visit",
        "text": "Pyongyang, August 6 (KCNA) -- Kim Jong Un visited the Sinuiju City Hospital on Monday.\n"
        "He was accompanied by Jo Yong Won, secretary of the C.C., WPK.",
    },
    {
        "id": "s-test",
        "title": "Test-fire of 600mm Multiple Rocket Launcher",
        "published": "2024-09-13",
        "source": "KCNA",
        "url": "https://example.invalid/s-test",
        "text": RAW_TEST,
    },
]


def _archive(tmp_path: Path) -> str:
    source = tmp_path / "dispatches.jsonl"
    source.write_text("\n".join(json.dumps(d) for d in DISPATCHES) + "\n")
    db = f"sqlite:///{tmp_path / 'fg.db'}"
    result = CliRunner().invoke(app, ["ingest", str(source), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_same_event_reads_the_same_from_events_export_stix_and_ftm(tmp_path: Path) -> None:
    db = _archive(tmp_path)
    listed = {e["id"]: e for e in json.loads(_run("events", "--db", db, "--format", "json"))}
    exported = {e["id"]: e for e in json.loads(_run("export", "--db", db, "--format", "json", "--what", "events"))}
    assert {"s-visit#0", "s-test#0"} <= exported.keys() <= listed.keys()
    for key, row in exported.items():
        assert tuple(row) == EVENT_FIELDS
        assert listed[key] == row  # one serializer: every field, not only the core ones
    test = exported["s-test#0"]
    assert test["type"] == "weapons_test" and test["start"] == "2024-09-12" and test["published"] == "2024-09-13"

    bundle = json.loads(_run("export", "--db", db, "--format", "stix"))
    events = {o["id"]: o for o in bundle["objects"] if o["type"] == EVENT_TYPE}
    for key, row in exported.items():
        obj = events[stix_id(EVENT_TYPE, key)]
        carried = {
            "id": key,
            "doc_id": obj["x_evidence"]["doc_id"],
            "type": obj["x_event_type"],
            "actor": obj["x_actor"],
            "start": obj.get("x_start"),
            "end": obj.get("x_end"),
            "places": obj.get("x_places", []),
            "sites": obj.get("x_sites", []),
            "evidence": obj["description"],
            "evidence_start": obj["x_evidence"]["start"],
        }
        assert carried == {f: row[f] for f in CORE_EVENT_FIELDS}
        assert obj["x_evidence"]["original_start"] == row["original_start"]
        assert obj["x_confidence"] == row["confidence"] and obj["x_rule"] == row["rule"]

    entities = [json.loads(line) for line in _run("export", "--db", db, "--format", "ftm").splitlines()]
    ftm_events = {e["properties"]["recordId"][0]: e["properties"] for e in entities if e["schema"] == "Event"}
    assert ftm_events.keys() == exported.keys()
    for key, row in exported.items():
        props: dict[str, Any] = ftm_events[key]
        assert props["summary"] == [row["evidence"]]
        assert props["startDate"] == [row["start"]]
        assert set(props.get("location", [])) == {*row["sites"], *row["places"]}


def test_events_csv_flattens_the_same_fact(tmp_path: Path) -> None:
    db = _archive(tmp_path)
    (listed,) = json.loads(_run("events", "--db", db, "--format", "json", "--type", "weapons_test"))
    (row,) = csv.DictReader(io.StringIO(_run("events", "--db", db, "--format", "csv", "--type", "weapons_test")))
    assert row["id"] == listed["id"] and row["evidence"] == listed["evidence"]
    assert row["people"] == "; ".join(f"{p['name']} ({p['role']})" for p in listed["people"])
    assert row["designations"] == "; ".join(listed["designations"])
    assert int(row["original_start"]) == listed["original_start"]


def test_evidence_is_given_in_the_stored_text_and_in_the_text_as_read(tmp_path: Path) -> None:
    db = _archive(tmp_path)
    (row,) = json.loads(_run("events", "--db", db, "--format", "json", "--type", "weapons_test"))
    with Store.open(db) as store:
        stored = store.get_document("s-test").text
    assert stored[row["evidence_start"] : row["evidence_end"]] == row["evidence"]
    assert row["evidence"].startswith("The respected Comrade Kim Jong Un oversaw")
    original = RAW_TEST[row["original_start"] : row["original_end"]]
    assert row["original_start"] != row["evidence_start"]
    assert original.startswith("The respected ComradeKim Jong Unoversaw") and original.endswith("September 12.")
    assert all(0 <= start < end <= len(stored) for start, end in row["evidence_spans"])


def test_an_activity_reads_the_same_from_appearances_and_export(tmp_path: Path) -> None:
    db = _archive(tmp_path)
    shown = json.loads(_run("appearances", "--db", db, "--format", "json"))
    rows = json.loads(_run("export", "--db", db, "--format", "json", "--what", "activities"))
    exported = {a["main_doc"]: a for a in rows}
    assert {a["docs"][0] for a in shown} == {"s-visit", "s-test"}
    for appearance in shown:
        row = exported[appearance["docs"][0]]
        for field in ("date", "published", "type", "site", "speech", "docs", "confidence"):
            assert appearance[field] == row[field], field
        assert appearance["evidence"] == {"text": row["evidence"], "spans": row["evidence_spans"]}
        assert [row["evidence_start"], row["evidence_end"]] == row["evidence_spans"][0]
