"""The bundled example set: it parses, says it is invented, and its references hold."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

import pytest

EXAMPLE_FILES = ("dispatches.jsonl", "reports.jsonl", "dispatches_edited.jsonl")
CORPUS_FIELDS = {"id", "source", "url", "title", "published", "topic", "text"}


def _read(name: str) -> list[dict[str, Any]]:
    text = resources.files("fieldguide").joinpath("examples", name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_every_record_has_the_corpus_fields_and_says_it_is_invented(name: str) -> None:
    records = _read(name)
    assert records
    for record in records:
        assert record.keys() >= CORPUS_FIELDS, record.get("id")
        assert record["id"].startswith("ex-")
        assert record["url"].startswith("https://example.invalid/")
        assert "invented example for fieldguide" in record["note"]
        assert dt.date.fromisoformat(record["published"]).year == 2024
        assert record["text"].strip()


def test_dispatches_are_marked_as_examples_and_have_a_dateline() -> None:
    for record in _read("dispatches.jsonl"):
        assert record["source"] == "KCNA (example)"
        assert " (KCNA) -- " in record["text"].split("\n", 1)[0]


def test_ids_are_unique_across_dispatches_and_reports() -> None:
    ids = [r["id"] for r in _read("dispatches.jsonl") + _read("reports.jsonl")]
    assert len(ids) == len(set(ids))
    assert len(_read("dispatches.jsonl")) >= 12


def test_every_report_names_its_outlet_and_reports_on_existing_dispatches() -> None:
    dispatch_ids = {r["id"] for r in _read("dispatches.jsonl")}
    reports = _read("reports.jsonl")
    assert len(reports) >= 2
    for report in reports:
        assert "(invented)" in report["outlet"]
        assert report["reports_on"]
        assert set(report["reports_on"]) <= dispatch_ids


def test_the_edited_dispatch_republishes_an_existing_id_with_changed_text() -> None:
    originals = {r["id"]: r for r in _read("dispatches.jsonl")}
    for edited in _read("dispatches_edited.jsonl"):
        original = originals[edited["id"]]
        assert edited["text"] != original["text"]
        assert edited["title"] == original["title"]


def test_the_examples_folder_says_the_texts_are_invented() -> None:
    readme = resources.files("fieldguide").joinpath("examples", "README.md").read_text(encoding="utf-8")
    assert "invented" in readme.lower()
    assert "None is a real KCNA dispatch" in readme
