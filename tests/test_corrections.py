"""Corrections of the record, on SQLite and PostgreSQL: a correction wins over extraction in every
reader (events, export, appearances, search facets, dossiers), outlives a re-extraction, goes away
when withdrawn; the review queue lists the least likely facts first; corrected documents export as
gold records that `fieldguide eval` scores; bad corrections are refused with E800.

Over the shipped example dispatches.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

import archive_fixtures
from fieldguide.cli import app
from fieldguide.errors import CorrectionError, NotFoundError
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.reextract import reextract
from fieldguide.review import correct as record_correction
from fieldguide.review import withdraw as withdraw_correction
from fieldguide.store import Store
from fieldguide.store.corrections import (
    corrections_for,
    extracted_record,
    get_correction,
    gold_records,
    review_queue,
)
from fieldguide.store.schema import extractions

EXAMPLES = resources.files("fieldguide") / "examples" / "dispatches.jsonl"
DRILL = "ex-kcna-mrl-drill"  # one military_exercise of the leader, with mlrs and artillery
TOUR = "ex-kcna-munitions-tour"

store = archive_fixtures.store
store_url = archive_fixtures.store_url


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load())


@pytest.fixture
def archive(store: Store, extractor: Extractor) -> Store:
    ingest([str(EXAMPLES)], store, extractor=extractor)
    return store


def _events_of(store: Store, doc_id: str) -> list[dict[str, Any]]:
    return [e for e in store.events(limit=1000) if e["doc_id"] == doc_id]


def _drill_target(store: Store) -> dict[str, Any]:
    return next(item.target for item in review_queue(store, limit=1000) if item.doc_id == DRILL)


def _cli(url: str, *args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--db", url])
    assert result.exit_code == 0, result.output
    return result.stdout


def _fix_drill(store: Store) -> int:
    return record_correction(
        store,
        doc_id=DRILL,
        fact_kind="event",
        action="fix",
        target=_drill_target(store),
        value={"type": "weapons_test"},
        author="analyst",
        reason="the dispatch reports a test-fire of the launcher",
    ).id


def test_a_fix_wins_in_events_export_and_appearances(archive: Store, store_url: str) -> None:
    correction_id = _fix_drill(archive)

    (event,) = _events_of(archive, DRILL)
    assert event["type"] == "weapons_test"
    assert event["record"]["rule"] == f"correction:{correction_id}"
    assert event["record"]["confidence"] == 1.0
    assert [e["doc_id"] for e in archive.events(type="military_exercise")] == []

    listed = json.loads(_cli(store_url, "events", "--format", "json"))
    assert {e["type"] for e in listed if e["doc_id"] == DRILL} == {"weapons_test"}
    exported = json.loads(_cli(store_url, "export", "--format", "json", "--what", "events"))
    assert {e["type"] for e in exported if e["doc_id"] == DRILL} == {"weapons_test"}
    shown = json.loads(_cli(store_url, "appearances", "--format", "json"))
    assert {a["type"] for a in shown if DRILL in a["docs"]} == {"weapons_test"}
    dossier = json.loads(_cli(store_url, "dossier", "Ri Yong Gil", "--format", "json"))
    assert dossier["by_type"] == {"weapons_test": 1}


def test_a_fix_survives_reextraction_and_the_extracted_record_is_kept(archive: Store, extractor: Extractor) -> None:
    correction_id = _fix_drill(archive)
    assert extracted_record(archive, DRILL)["events"][0]["type"] == "military_exercise"  # type: ignore[index]
    with archive.write_transaction() as conn:  # as if the knowledge base had changed since
        conn.execute(extractions.update().values(kb_version="an older knowledge base"))

    summary = reextract(archive, extractor, extractor.kb_version)

    assert summary.extracted == summary.checked > 0
    (event,) = _events_of(archive, DRILL)
    assert (event["type"], event["record"]["rule"]) == ("weapons_test", f"correction:{correction_id}")
    assert get_correction(archive, correction_id).status == "applied"


def test_when_extraction_no_longer_finds_the_fact_a_fix_adds_it_and_a_reject_is_moot(
    archive: Store, extractor: Extractor
) -> None:
    fix_id = _fix_drill(archive)
    reject_id = record_correction(
        archive,
        doc_id=TOUR,
        fact_kind="person",
        action="reject",
        target={"value": "Jo Chun Ryong"},
        author="a",
        reason="misread",
    ).id
    drill, tour = archive.get_documents([DRILL, TOUR])
    without_drill, without_person = extractor(drill), extractor(tour)
    without_drill.events = []  # as if a new knowledge base no longer found them
    without_person.mentions = [m for m in without_person.mentions if m.canonical != "Jo Chun Ryong"]

    archive.put_extractions([(drill, without_drill), (tour, without_person)])

    (event,) = _events_of(archive, DRILL)
    assert (event["type"], event["record"]["rule"], str(event["start"])) == (
        "weapons_test",
        f"correction:{fix_id}",
        "2024-05-30",  # the rest of the event as it stood when it was corrected
    )
    assert [get_correction(archive, i).status for i in (fix_id, reject_id)] == ["added", "moot"]


def test_a_rejected_fact_is_gone_everywhere(archive: Store, store_url: str) -> None:
    target = _drill_target(archive)
    record_correction(
        archive, doc_id=DRILL, fact_kind="event", action="reject", target=target, author="a", reason="not his drill"
    )
    assert _events_of(archive, DRILL) == []
    shown = json.loads(_cli(store_url, "appearances", "--format", "json"))
    assert not [a for a in shown if DRILL in a["docs"]]

    assert archive.events(person="Jo Chun Ryong")
    record_correction(
        archive,
        doc_id=TOUR,
        fact_kind="person",
        action="reject",
        target={"value": "Jo Chun Ryong"},
        author="a",
        reason="misread",
    )
    (record,) = gold_records(archive, [TOUR])
    assert "Jo Chun Ryong" not in record["people"]
    assert archive.events(person="Jo Chun Ryong") == []


def test_an_added_event_is_stored_as_any_other(archive: Store) -> None:
    text = archive.get_document(DRILL).text
    start = text.index("firing drill")
    record_correction(
        archive,
        doc_id=DRILL,
        fact_kind="event",
        action="add",
        target={"span": [start, start + len("firing drill")]},
        value={"type": "speech", "start": "2024-05-30"},
        author="a",
        reason="he spoke after the drill",
    )
    (added,) = [e for e in archive.events(type="speech") if e["doc_id"] == DRILL]
    assert (str(added["start"]), added["record"]["evidence"]) == ("2024-05-30", "firing drill")
    assert added["record"]["confidence"] == 1.0


def test_a_weapon_fix_reaches_the_facets(archive: Store) -> None:
    record_correction(
        archive,
        doc_id=DRILL,
        fact_kind="weapon",
        action="fix",
        target={"value": "artillery"},
        value={"name": "srbm"},
        author="a",
        reason="the shells are missiles",
    )
    assert DRILL in [e["doc_id"] for e in archive.events(weapon="srbm")]
    assert DRILL not in [e["doc_id"] for e in archive.events(weapon="artillery")]


def test_withdrawing_brings_the_extracted_fact_back(archive: Store) -> None:
    correction_id = _fix_drill(archive)
    withdrawal = withdraw_correction(archive, correction_id, "lead", "the guidelines call it a drill")

    (event,) = _events_of(archive, DRILL)
    assert event["type"] == "military_exercise"
    assert event["record"]["rule"] != f"correction:{correction_id}"
    history = corrections_for(archive, DRILL)
    assert [(c.id, c.action, c.status) for c in history] == [
        (correction_id, "fix", "withdrawn"),
        (withdrawal.id, "withdraw", "applied"),
    ]
    assert history[0].superseded_by == withdrawal.id
    assert (history[1].author, history[1].reason) == ("lead", "the guidelines call it a drill")
    assert list(gold_records(archive)) == []
    with pytest.raises(CorrectionError):
        withdraw_correction(archive, correction_id, "lead", "twice")


def test_the_review_queue_lists_the_least_likely_first_and_skips_corrected(archive: Store) -> None:
    queue = review_queue(archive, limit=100)
    confidences = [item.confidence for item in queue]
    assert len(queue) == len(archive.events(limit=1000))
    assert confidences == sorted(confidences)  # type: ignore[type-var]
    assert review_queue(archive, limit=2, offset=1) == queue[1:3]

    _fix_drill(archive)
    assert DRILL not in [item.doc_id for item in review_queue(archive, limit=100)]


def test_bad_corrections_are_refused(archive: Store) -> None:
    target = _drill_target(archive)
    cases: list[dict[str, Any]] = [
        {"fact_kind": "event", "action": "fix", "target": target, "value": {"type": "picnic"}},
        {"fact_kind": "event", "action": "fix", "target": target, "value": {"start": "30 May"}},
        {"fact_kind": "event", "action": "fix", "target": target, "value": {"weapons": ["laser"]}},
        {"fact_kind": "weapon", "action": "add", "value": {"name": "laser"}},
        {"fact_kind": "event", "action": "fix", "target": {**target, "value": "gift"}, "value": {"type": "other"}},
        {"fact_kind": "rumour", "action": "add", "value": {"name": "x"}},
        {"fact_kind": "event", "action": "replace", "target": target, "value": {}},
    ]
    for case in cases:
        with pytest.raises(CorrectionError) as refused:
            record_correction(archive, doc_id=DRILL, author="a", reason="b", **case)
        assert refused.value.code == "E800"
    with pytest.raises(NotFoundError):
        record_correction(archive, doc_id="no-such-doc", fact_kind="person", action="add", value={"name": "X"},
                          author="a", reason="b")  # fmt: skip
    assert corrections_for(archive) == []
    with archive.snapshot() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(extractions)).scalar() == 12


def _cli_fails(url: str, *args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--db", url])
    assert result.exit_code == 2, result.output
    return " ".join(result.stderr.split())


def test_the_command_line_round_trip_from_review_to_eval(archive: Store, store_url: str, tmp_path: Path) -> None:
    queue = json.loads(_cli(store_url, "corrections", "review", "--limit", "100", "--format", "json"))
    drill = next(item for item in queue if item["doc_id"] == DRILL)
    made = json.loads(
        _cli(
            store_url,
            "corrections",
            "add",
            DRILL,
            "--kind",
            "event",
            "--action",
            "fix",
            "--event",
            str(drill["n"]),
            "--set",
            "type=weapons_test",
            "--set",
            "sites=the firing ground",
            "--author",
            "analyst",
            "--reason",
            "a test-fire",
            "--format",
            "json",
        )
    )
    assert made[0]["status"] == "applied"
    listed = json.loads(_cli(store_url, "corrections", "list", DRILL, "--format", "json"))
    assert [(c["id"], c["author"], c["reason"]) for c in listed] == [(made[0]["id"], "analyst", "a test-fire")]

    gold = tmp_path / "gold.jsonl"
    _cli(store_url, "corrections", "export", "-o", str(gold))
    (record,) = [json.loads(line) for line in gold.read_text().splitlines()]
    assert record["id"] == DRILL
    assert [(e["type"], e["sites"]) for e in record["events"]] == [("weapons_test", ["the firing ground"])]
    assert set(record) == {"id", "events", "weapons", "people", "places"}

    # eval reads it: the extractor, which knows nothing of the correction, misses the corrected type
    evaluated = CliRunner().invoke(app, ["eval", str(gold), str(EXAMPLES), "--json"])
    assert evaluated.exit_code == 0, evaluated.output
    scored = json.loads(evaluated.stdout)
    assert (scored["types"]["tp"], scored["types"]["fn"], scored["people"]["f1"]) == (0, 1, 1.0)

    _cli(store_url, "corrections", "withdraw", str(made[0]["id"]), "--author", "lead", "--reason", "a drill")
    assert {e["type"] for e in _events_of(archive, DRILL)} == {"military_exercise"}

    refused = _cli_fails(
        store_url, "corrections", "add", DRILL, "--kind", "event", "--action", "fix", "--event", "0",
        "--set", "start=May 30", "--author", "a", "--reason", "b",
    )  # fmt: skip
    assert "E800" in refused and "ISO date" in refused
