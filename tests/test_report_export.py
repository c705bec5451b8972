"""Exports of the leader's events: CSV, JSON and a STIX 2.1 bundle, deterministic and well-formed."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fieldguide.report.export import CSV_COLUMNS, export_events, to_csv, to_json
from fieldguide.report.stix import EVENT_TYPE, stix_id, timestamp, to_stix
from fieldguide.store import Store
from test_report import make_store

TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
PROPERTY = re.compile(r"^[a-z0-9_]{3,250}$")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with make_store(tmp_path_factory.mktemp("export") / "archive.db") as s:
        yield s


@pytest.fixture(scope="module")
def rows(store: Store) -> list[dict[str, Any]]:
    return export_events(store)


def test_rows_are_the_leaders_events_once_per_story_in_date_order(store: Store, rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    assert "fx-rep-cruise-test#0" in ids and not any(i.startswith("fx-rep-cruise-test-repub") for i in ids)
    assert not any(r["doc_id"].startswith(("ex-report", "fx-rep-report")) for r in rows)  # dispatches only
    assert all(r["actor"] == "Kim Jong Un" for r in rows)
    days = [r["start"] or r["published"] for r in rows]
    assert days == sorted(days)


def test_each_row_carries_its_sentence_span_and_link(store: Store, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        text = store.get_document(row["doc_id"]).text
        assert text[row["evidence_start"] : row["evidence_end"]] == row["evidence"]
        if row["url"] and row["url"].startswith("https://"):
            assert row["link"].startswith(row["url"] + "#:~:text=")


def test_since_and_until_select_the_period(store: Store) -> None:
    april = export_events(store, date(2024, 4, 15), date(2024, 4, 21))
    assert [r["id"] for r in april] == ["fx-rep-tractor-factory#0", "fx-rep-cruise-test#0"]


def test_csv_has_a_header_and_one_line_per_event(rows: list[dict[str, Any]]) -> None:
    parsed = list(csv.DictReader(io.StringIO(to_csv(rows))))
    assert tuple(parsed[0].keys()) == CSV_COLUMNS
    assert len(parsed) == len(rows)
    drill = next(p for p in parsed if p["doc_id"] == "ex-kcna-mrl-drill")
    assert drill["designations"] == "600mm MRL"
    assert "Ri Yong Gil (accompanied)" in drill["people"]


def test_json_export_is_the_rows(rows: list[dict[str, Any]]) -> None:
    assert json.loads(to_json(rows)) == rows


def test_stix_bundle_is_well_formed(rows: list[dict[str, Any]]) -> None:
    bundle = to_stix(rows)
    assert bundle["type"] == "bundle"
    assert re.match(r"^bundle--[0-9a-f-]{36}$", bundle["id"])
    objects = bundle["objects"]
    ids = {o["id"] for o in objects}
    assert len(ids) == len(objects)
    for obj in objects:
        kind, _, value = obj["id"].partition("--")
        assert kind == obj["type"]
        assert uuid.UUID(value).version == 5
        assert obj["spec_version"] == "2.1"
        assert TIMESTAMP.match(obj["created"]) and obj["modified"] == obj["created"]
        for key, val in obj.items():
            if key.startswith("x_"):  # custom property names: 3-250 of a-z, 0-9, _
                assert PROPERTY.match(key), key
            assert val not in (None, [], ""), key  # STIX forbids nulls and empty lists
        for ref in obj.get("external_references", []):
            assert ref["source_name"]
    events = [o for o in objects if o["type"] == EVENT_TYPE]
    reports = [o for o in objects if o["type"] == "report"]
    assert len(events) == len(rows)
    assert all(TIMESTAMP.match(r["published"]) for r in reports)
    referenced = {ref for r in reports for ref in r["object_refs"]}
    assert {e["id"] for e in events} <= referenced  # with the people and places they name
    assert {ref.partition("--")[0] for ref in referenced} <= {EVENT_TYPE, "identity", "location"}


def test_stix_event_cites_the_dispatch_sentence(rows: list[dict[str, Any]]) -> None:
    bundle = to_stix(rows)
    test = next(o for o in bundle["objects"] if o.get("x_evidence", {}).get("doc_id") == "fx-rep-cruise-test")
    assert test["x_event_type"] == "weapons_test"
    assert test["created"] == "2024-04-20T00:00:00.000Z"  # the dispatch's date, not the clock
    (ref,) = test["external_references"]
    assert ref["external_id"] == "fx-rep-cruise-test"
    assert ref["url"].startswith("https://example.invalid/fixture/cruise-test#:~:text=")


def test_stix_ids_are_stable_across_archives(tmp_path: Path, store: Store, rows: list[dict[str, Any]]) -> None:
    with make_store(tmp_path / "again.db") as other:
        again = to_stix(export_events(other))
    assert json.dumps(again) == json.dumps(to_stix(rows))
    assert stix_id("report", "x") == stix_id("report", "x") != stix_id("report", "y")
    assert timestamp(date(2024, 1, 2)) == "2024-01-02T00:00:00.000Z"


def test_exported_evidence_has_its_span_in_the_original_text_too(tmp_path: Path) -> None:
    """Offsets into the repaired text ("toKim Jong Unthat" split) and into the text as read."""
    from extract_helpers import extractor
    from fieldguide.ingest import ingest
    from fieldguide.report.export import export_events
    from fieldguide.store import Store

    raw = (
        "Pyongyang, August 6 (KCNA) --   The respected ComradeKim Jong Unvisited the Ryongsong Machine Complex "
        "on August 5."
    )
    source = tmp_path / "d.jsonl"
    source.write_text(json.dumps({"id": "glued", "published": "2024-08-06", "text": raw}) + "\n")
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        ingest([str(source)], store, extractor=extractor())
        (row,) = export_events(store)
        text = store.get_document("glued").text
    assert text[row["evidence_start"] : row["evidence_end"]] == row["evidence"]
    original = raw[row["original_start"] : row["original_end"]]
    assert original.split() != row["evidence"].split() and "ComradeKim" in original
