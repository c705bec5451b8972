"""Ingest from files through sources into the archive: counts, idempotency, rejects, extraction."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

import archive_fixtures
from archive_fixtures import FARM, MISSILE, MUNITIONS
from fieldguide.ingest import IngestProgress, ingest, stored_unchanged
from fieldguide.model import Document, Event, Extraction, Mention, Span
from fieldguide.store import Store

VOCABULARY = (
    "workers factory plan output province co-op farm leader guidance machine rice steel power station "
    "railway bridge school hospital youth army unit artillery drill meeting delegation message congress "
    "construction flats harvest fishery port cement fertilizer tractor season campaign innovation"
).split()

# The archive fixtures (a fresh store on each back end), used by name.
store = archive_fixtures.store
store_url = archive_fixtures.store_url


def generated(n: int, seed: int = 3) -> list[dict]:
    """``n`` distinct dispatches in the agency's style, generated for the tests."""
    rng = random.Random(seed)
    records = []
    for i in range(n):
        body = " ".join(rng.choice(VOCABULARY) for _ in range(60))
        records.append(
            {
                "id": f"gen-{i:05d}",
                "source": "KCNA",
                "url": f"http://kcna.example/{i}",
                "title": f"Report {i}",
                "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "topic": "Home News",
                "text": f"Pyongyang, May {1 + i % 28} (KCNA) -- Item {i}: {body}.",
            }
        )
    return records


def write_jsonl(path: Path, records: list[dict], extra_lines: tuple[str, ...] = ()) -> str:
    lines = [json.dumps(r) for r in records] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_ingest_counts_new_documents_then_nothing_new(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", generated(120))
    first = ingest([path], store, batch_size=50)
    assert (first.read, first.new, first.unchanged, first.rejected) == (120, 120, 0, 0)
    second = ingest([path], store, batch_size=50)
    assert second.nothing_new
    assert (second.read, second.new, second.unchanged) == (120, 0, 120)
    assert store.stats()["documents"] == 120
    runs = store.stats()["runs"]
    assert [r["counts"]["new"] for r in runs] == [0, 120] and all(r["finished"] for r in runs)


def test_a_stored_jsonl_file_is_skipped_without_reading_it_through_sources(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", generated(30))
    assert stored_unchanged(path, store) is None
    ingest([path], store)
    assert stored_unchanged(path, store) == 30

    def read_many(targets: list[str], **_: object) -> Iterator[Document]:
        assert not targets, "sources should not be asked to read a stored file"
        return iter(())

    monkeypatch.setattr("fieldguide.sources.read_many", read_many)  # ingest imports sources when it reads
    assert ingest([path], store).unchanged == 30


def test_changed_records_become_versions_and_new_ones_are_added(store: Store, tmp_path: Path) -> None:
    records = generated(40)
    ingest([write_jsonl(tmp_path / "v1.jsonl", records)], store)
    records[5] = {**records[5], "text": records[5]["text"] + " A correction was issued."}
    records.append(generated(41)[40] | {"id": "gen-extra"})
    summary = ingest([write_jsonl(tmp_path / "v2.jsonl", records)], store)
    assert (summary.versions, summary.new, summary.unchanged) == (1, 1, 39)
    assert [v.n for v in store.history("gen-00005")] == [1, 2]


def test_duplicates_and_near_duplicates_are_counted(store: Store, tmp_path: Path) -> None:
    records = [
        {"id": "kcna-1", "source": "KCNA", "text": MUNITIONS},
        {"id": "mirror-1", "source": "Mirror", "text": MUNITIONS},
        {"id": "kcna-2", "source": "KCNA", "text": MUNITIONS.replace("in the coming year", "next year")},
        {"id": "kcna-3", "source": "KCNA", "text": FARM},
    ]
    summary = ingest([write_jsonl(tmp_path / "d.jsonl", records)], store)
    assert (summary.new, summary.duplicates, summary.near_duplicates) == (3, 1, 1)
    assert store.story("kcna-2") == ["kcna-1", "kcna-2"]


def test_rejects_are_named_stored_and_do_not_stop_the_run(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "bad.jsonl",
        generated(10),
        extra_lines=('{"id": "broken", "text": "unterminated', '{"id": "empty", "title": "no text here"}'),
    )
    summary = ingest([path, str(tmp_path / "missing.jsonl")], store)
    assert summary.new == 10
    origins = {r.origin for r in summary.rejects}
    assert origins == {f"{path}:11", f"{path}:12", str(tmp_path / "missing.jsonl")}
    assert all(r.reason for r in summary.rejects)
    stored = store.stats()["rejects"]
    assert {r["origin"] for r in stored} == origins
    assert {r["run_id"] for r in stored} == {summary.run_id}
    # A re-run reports the same rejects again, and stores nothing new.
    again = ingest([path], store)
    assert again.nothing_new and again.rejected == 2


def test_nul_and_control_characters_are_removed_or_the_record_rejected(store: Store, tmp_path: Path) -> None:
    records = [
        {"id": "good", "source": "KCNA", "text": MUNITIONS},
        {
            "id": "nul-text",
            "title": "Missile\u0000 Test",
            "source": "KC\u0000NA",
            "note": {"k\u0000ey": ["va\u0001lue"]},
            "text": MISSILE.replace("The missile", "The\u0000 missile\u001b", 1),
        },
        {"id": "nul\u0000id", "source": "KCNA", "text": FARM},
        {"id": "nul-url", "url": "http://kcna.example/\u0000", "text": FARM + " Another."},
    ]
    path = write_jsonl(tmp_path / "nul.jsonl", records)
    summary = ingest([path], store, extractor=fake_extractor)
    assert (summary.new, summary.rejected) == (2, 2)
    assert {r.origin for r in summary.rejects} == {f"{path}:3", f"{path}:4"}
    assert all("U+0000 (NUL)" in r.reason for r in summary.rejects)
    stored = store.get_document("nul-text")
    assert stored.title == "Missile Test" and stored.source == "KCNA"
    assert "\x00" not in stored.text and stored.text.startswith(MISSILE.split("The missile")[0] + "The missile")
    assert stored.extra["note"] == {"key": ["value"]}  # (and "published_inferred": the year of its dateline)
    # Offsets still point at the same words in the text as read.
    start = stored.text.index("flew")
    assert stored.original_text is not None
    assert stored.original_text[stored.offsets.to_original(start) :].startswith("flew")
    # A re-run stores nothing and fails nothing.
    again = ingest([path], store, extractor=fake_extractor)
    assert again.nothing_new and again.rejected == 2


def test_the_store_refuses_a_document_it_cannot_store_and_keeps_the_batch(store: Store) -> None:
    good = Document(id="good", text=MUNITIONS)
    bad = Document(id="bad", text="A text with a \x00 NUL and a lone \ud800 surrogate.", origin="api")
    result = store.put_batch([good, bad])
    assert result.new == ["good"]
    assert [r.origin for r in result.refused] == ["api"]
    assert "cannot store" in result.refused[0].reason


def fake_extractor(doc: Document) -> Extraction:
    start = doc.text.find("Kim Jong Un")
    mentions = []
    if start >= 0:
        mentions.append(Mention("person", Span(start, start + 11), "Kim Jong Un", "Kim Jong Un"))
    events = [
        Event("inspection", start=doc.published, weapons=["mlrs"], designations=["600mm MRL"], places=["Pyongyang"])
    ]
    return Extraction(doc.id, events=events, mentions=mentions, kb_version="test-1")


def test_the_extractor_runs_on_new_and_changed_documents_only(store: Store, tmp_path: Path) -> None:
    seen: list[str] = []

    def extractor(doc: Document) -> Extraction:
        seen.append(doc.id)
        return fake_extractor(doc)

    records = [
        {"id": "a", "text": MUNITIONS, "published": "2024-09-13"},
        {"id": "b", "text": MISSILE, "published": "2024-10-31"},
    ]
    summary = ingest([write_jsonl(tmp_path / "x.jsonl", records)], store, extractor=extractor)
    assert summary.extracted == 2 and sorted(seen) == ["a", "b"]
    records[1]["text"] = MISSILE + " The test was a success."
    ingest([write_jsonl(tmp_path / "y.jsonl", records)], store, extractor=extractor)
    assert sorted(seen) == ["a", "b", "b"]
    assert store.stats()["extractions"] == 2
    assert store.stats()["events"] == 2  # b's old event was replaced, not added to
    events = store.events(weapon="MLRS", since=date(2024, 10, 1))
    assert [e["doc_id"] for e in events] == ["b"]
    assert store.events(weapon="600mm mrl", place="pyongyang", type="inspection")
    assert store.events(person="Kim Jong Un")  # the actor
    assert store.events(type="weapons_test") == []


def test_an_extractor_that_fails_on_one_document_is_reported(store: Store, tmp_path: Path) -> None:
    def extractor(doc: Document) -> Extraction:
        if doc.id == "b":
            raise ValueError("cannot read this one")
        return fake_extractor(doc)

    records = [{"id": "a", "text": MUNITIONS}, {"id": "b", "text": MISSILE}]
    summary = ingest([write_jsonl(tmp_path / "x.jsonl", records)], store, extractor=extractor)
    assert summary.new == 2 and summary.extracted == 1
    assert len(summary.extraction_errors) == 1
    assert "extraction failed for b: ValueError: cannot read this one" in summary.extraction_errors[0].reason


def write_lock_is_free(store_url: str) -> bool:
    """Whether another writer could start now, asked without waiting for it."""
    if store_url.startswith("sqlite"):
        probe = sqlite3.connect(store_url.removeprefix("sqlite:///"), timeout=0)
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.rollback()
            return True
        except sqlite3.OperationalError:
            return False
        finally:
            probe.close()
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            key = "hashtext('fieldguide.store:' || current_schema())"  # the archive's own write lock
            got = conn.execute(sa.text(f"SELECT pg_try_advisory_lock({key})")).scalar()
            if got:
                conn.execute(sa.text(f"SELECT pg_advisory_unlock({key})"))
            return bool(got)
    finally:
        engine.dispose()


def test_extraction_runs_before_the_write_transaction_opens(store: Store, store_url: str, tmp_path: Path) -> None:
    lock_free: list[bool] = []

    def extractor(doc: Document) -> Extraction:
        lock_free.append(write_lock_is_free(store_url))
        return fake_extractor(doc)

    records = [{"id": "a", "text": MUNITIONS}, {"id": "b", "text": MISSILE}]
    summary = ingest([write_jsonl(tmp_path / "x.jsonl", records)], store, extractor=extractor)
    assert summary.extracted == 2 and store.stats()["extractions"] == 2
    assert lock_free == [True, True]  # a slow document never holds other writers up


def test_put_extractions_replaces_a_documents_rows(store: Store) -> None:
    doc = Document(id="a", text=MUNITIONS, published=date(2024, 9, 13))
    store.put_batch([doc])
    store.put_extractions([(doc, fake_extractor(doc))])
    store.put_extractions([(doc, Extraction("a", events=[Event("meeting")], kb_version="test-2"))])
    assert [e["type"] for e in store.events()] == ["meeting"]
    assert store.events(weapon="mlrs") == []
    assert store.stats()["extractions"] == 1


def test_progress_is_reported(store: Store, tmp_path: Path) -> None:
    seen: list[IngestProgress] = []
    ingest([write_jsonl(tmp_path / "p.jsonl", generated(30))], store, batch_size=10, on_progress=seen.append)
    assert [p.read for p in seen][-1] == 30
    assert [p.read for p in seen] == sorted(p.read for p in seen)


def test_progress_counts_documents_as_they_are_read_within_one_batch(store: Store, tmp_path: Path) -> None:
    # A run smaller than one batch must not read "0 documents" until it ends.
    seen: list[IngestProgress] = []
    ingest([write_jsonl(tmp_path / "p.jsonl", generated(30))], store, batch_size=2000, on_progress=seen.append)
    before_writing = [p.read for p in seen if p.stored == 0]
    assert before_writing and before_writing[0] >= 1
    assert seen[-1].read == 30


def test_a_bulk_load_leaves_postgresql_with_planner_statistics(store: Store, tmp_path: Path) -> None:
    import sqlalchemy as sa

    first = write_jsonl(tmp_path / "a.jsonl", generated(40))
    ingest([first], store)
    if store.backend != "postgresql":
        assert not store.refresh_statistics(40)  # SQLite's queries name their indexes
        return
    with store.engine.connect() as conn:  # -1 until the table was first analyzed
        tuples = conn.execute(sa.text("SELECT reltuples FROM pg_class WHERE oid = to_regclass('documents')")).scalar()
    assert tuples == 40
    assert not store.refresh_statistics(2)  # a few more documents in forty: autovacuum's business


def test_an_overlong_jsonl_line_is_rejected_by_number_without_being_read_whole(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tracemalloc

    from fieldguide.sources import limits

    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 64 * 1024)
    records = generated(3)
    huge = json.dumps({"id": "huge", "text": "word " * 4_000_000})  # 20 MB on one line
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join([json.dumps(records[0]), huge, json.dumps(records[1])]) + "\n", encoding="utf-8")
    tracemalloc.start()
    try:
        summary = ingest([str(path)], store)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.new == 2 and [r.origin for r in summary.rejects] == [f"{path}:2"]
    assert "line longer than the limit" in summary.rejects[0].reason
    assert peak < 8 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB: the long line was read whole"


def test_the_closing_line_says_what_happened(store: Store, tmp_path: Path) -> None:
    missing = ingest([str(tmp_path / "missing.jsonl")], store)
    assert missing.closing_line() == "Nothing stored: every input was rejected (1 reject; the reasons are above)."
    path = write_jsonl(tmp_path / "some.jsonl", generated(4), extra_lines=("{not json",))
    first = ingest([path], store)
    assert first.new == 4 and first.closing_line() is None
    again = ingest([path], store)
    assert again.closing_line() == "Nothing new: the 4 documents read are already in the archive, and 1 reject."
    clean = ingest([write_jsonl(tmp_path / "clean.jsonl", generated(4))], store)
    assert clean.closing_line() == "Nothing new: every document read is already in the archive."


def test_a_killed_run_is_shown_as_interrupted_and_a_live_one_as_running(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket
    import subprocess
    import sys

    from fieldguide.store import archive as store_archive
    from fieldguide.store import processes

    ingest([write_jsonl(tmp_path / "a.jsonl", generated(3))], store)
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = {"host": socket.gethostname(), "pid": int(gone.stdout), "start_ticks": None}
    monkeypatch.setattr(store_archive, "this_process", lambda: dead)
    killed = store.start_run(["killed.jsonl"])  # its process ended without finishing the run
    reused = dict(processes.this_process(), start_ticks=1)  # our pid, but not our process
    monkeypatch.setattr(store_archive, "this_process", lambda: reused)
    recycled = store.start_run(["recycled.jsonl"])
    monkeypatch.undo()
    live = store.start_run(["live.jsonl"])  # this process: still going
    status = {r["id"]: r["status"] for r in store.stats()["runs"]}
    assert status[killed] == "interrupted" and status[live] == "running"
    assert status[recycled] == ("interrupted" if processes.this_process()["start_ticks"] is not None else "running")
    assert [s for i, s in status.items() if i not in (killed, live, recycled)] == ["finished"]
    # A run of another host cannot be asked: interrupted once a later run started, else unfinished.
    from fieldguide.store.stats import run_status

    elsewhere = {"process": {"host": "elsewhere.invalid", "pid": 1}}
    assert processes.is_alive(elsewhere["process"]) is None
    assert run_status(None, elsewhere, later_runs=True) == "interrupted"
    assert run_status(None, elsewhere, later_runs=False) == "unfinished"
