"""The leader's activities stored by ingest and reextract: the reading commands read them, and
they are what grouping the events in memory gives, on SQLite and PostgreSQL; a stale or
missing grouping is grouped in memory instead, and a failed regrouping leaves the old one.

Over the shipped examples plus tests/fixtures/analyze/activities.jsonl (as test_activities.py).
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import archive_fixtures
from fieldguide.analyze import Filters, timeline
from fieldguide.analyze import activities as analyze_activities
from fieldguide.analyze.activities import activities, appearances, grouped, regroup
from fieldguide.cli import app
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.reextract import reextract
from fieldguide.report import build_brief, build_story_brief
from fieldguide.store import Store
from fieldguide.store import activities as stored
from fieldguide.store.activities import ActivityRecord
from fieldguide.store.schema import activity_state

FIXTURE = Path(__file__).parent / "fixtures" / "analyze" / "activities.jsonl"
EXAMPLES = resources.files("fieldguide") / "examples" / "dispatches.jsonl"
WINDOWS = [
    (None, None),
    (date(2024, 9, 1), date(2024, 9, 30)),
    (date(2024, 9, 5), date(2024, 9, 13)),
    (date(2024, 9, 20), None),
    (None, date(2024, 9, 6)),
]

store = archive_fixtures.store
store_url = archive_fixtures.store_url


@pytest.fixture
def archive(store: Store) -> Store:
    summary = ingest([str(EXAMPLES), str(FIXTURE)], store, extractor=Extractor(load()))
    assert summary.rejected == 0
    return store


def _in_memory(store: Store, since: date | None = None, until: date | None = None) -> list[ActivityRecord]:
    with store.snapshot() as conn:
        return [a.record() for a in grouped(conn, since, until)]


def _stored(store: Store, since: date | None = None, until: date | None = None) -> list[ActivityRecord]:
    with store.snapshot() as conn:
        assert stored.is_current(conn, analyze_activities.RULES)
        return stored.read(conn, since, until, with_events=True)


def _make_stale(store: Store) -> None:
    with store.write_transaction() as conn:
        stored.mark_changed(conn, [date(2024, 9, 4)])


def _timelines(store: Store) -> list[dict[str, Any]]:
    cases = [
        ("month", Filters()),
        ("week", Filters(since=date(2024, 9, 1), until=date(2024, 9, 30))),
        ("day", Filters(type="inspection")),
        ("month", Filters(place="Pyongyang")),
    ]
    return [timeline(store, by=by, filters=filters, top_gaps=100).to_json() for by, filters in cases]


def test_the_stored_activities_are_those_grouped_in_memory(archive: Store) -> None:
    assert _stored(archive)  # ingest stored them
    for since, until in WINDOWS:
        assert _stored(archive, since, until) == _in_memory(archive, since, until), (since, until)
    assert activities(archive) == _in_memory(archive)


def test_timeline_and_appearances_from_the_stored_activities_equal_those_grouped_in_memory(archive: Store) -> None:
    with archive.snapshot() as conn:
        assert stored.is_current(conn, analyze_activities.RULES)
    from_table = (_timelines(archive), [[a.appearance_json() for a in appearances(archive, *w)] for w in WINDOWS])
    _make_stale(archive)
    with archive.snapshot() as conn:
        assert not stored.is_current(conn, analyze_activities.RULES)
    in_memory = (_timelines(archive), [[a.appearance_json() for a in appearances(archive, *w)] for w in WINDOWS])
    assert from_table == in_memory


BRIEF_WEEKS = [
    (date(2024, 9, 2), date(2024, 9, 8)),
    (date(2024, 9, 9), date(2024, 9, 15)),
    (date(2024, 9, 16), date(2024, 9, 22)),
    (date(2024, 7, 29), date(2024, 8, 4)),
    (date(2024, 8, 5), date(2024, 8, 11)),
]
BRIEF_STORIES = ["act-main-visit", "act-greenhouse", "ex-kcna-munitions-tour"]


def _briefs(store: Store) -> list[dict[str, Any]]:
    weeks = [build_brief(store, since, until).to_json() for since, until in BRIEF_WEEKS]
    return weeks + [build_story_brief(store, doc_id).to_json() for doc_id in BRIEF_STORIES]


def test_the_brief_from_the_stored_activities_equals_the_brief_grouped_in_memory(
    archive: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patched:  # a current grouping is read, never grouped again
        patched.setattr(analyze_activities, "grouped", lambda *_a, **_k: pytest.fail("grouped in memory"))
        from_table = _briefs(archive)
    assert any(item for brief in from_table for section in brief["sections"] for item in section["items"])
    _make_stale(archive)
    assert _briefs(archive) == from_table


def test_an_ingest_in_two_parts_regroups_the_new_days_and_gives_the_same_grouping(store: Store, tmp_path: Path) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[::2]) + "\n", encoding="utf-8")
    second.write_text("\n".join(lines[1::2]) + "\n", encoding="utf-8")
    extractor = Extractor(load())
    ingest([str(EXAMPLES), str(first)], store, extractor=extractor)
    ingest([str(second)], store, extractor=extractor)
    assert _stored(store) == _in_memory(store)


def test_changed_events_are_regrouped_by_their_days_only(archive: Store) -> None:
    [doc] = archive.get_documents(["act-press-review"])
    archive.put_extractions([(doc, Extractor(load())(doc))])  # new event ids, the same facts
    with archive.snapshot() as conn:
        assert not stored.is_current(conn, analyze_activities.RULES)
    done = regroup(archive)
    assert done.scope == "days" and done.since is not None and done.until is not None
    assert (done.until - done.since).days < 60  # a window around the changed day, not the archive
    assert _stored(archive) == _in_memory(archive)


def test_a_stale_grouping_is_grouped_in_memory_and_says_nothing(archive: Store, store_url: str) -> None:
    [doc] = archive.get_documents(["act-greenhouse"])
    archive.put_extractions([(doc, dataclasses.replace(Extractor(load())(doc), events=[]))])  # its visit is gone
    runner = CliRunner()
    result = runner.invoke(app, ["appearances", "--db", store_url, "--format", "json"])
    assert result.exit_code == 0
    shown = json.loads(result.output)  # nothing but the answer
    docs = {d for a in shown for d in a["docs"]}
    assert "act-greenhouse" not in docs and "act-main-visit" in docs
    assert [a.docs for a in appearances(archive)] == [a.docs for a in _in_memory(archive) if a.public_appearance]


def test_a_regrouping_that_fails_leaves_the_old_grouping(archive: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _stored(archive)
    _make_stale(archive)
    real_replace = stored.replace

    def replace_then_fail(*args: Any, **kwargs: Any) -> None:
        real_replace(*args, **kwargs)
        raise KeyboardInterrupt  # killed after writing the new grouping, before the commit

    monkeypatch.setattr(stored, "replace", replace_then_fail)
    with pytest.raises(KeyboardInterrupt):
        regroup(archive)
    monkeypatch.undo()
    with archive.snapshot() as conn:
        assert not stored.is_current(conn, analyze_activities.RULES)
        assert stored.read(conn, with_events=True) == before
    assert regroup(archive).scope == "days"
    assert _stored(archive) == before


def test_an_archive_without_a_stored_grouping_gets_one_from_reextract(archive: Store) -> None:
    with archive.write_transaction() as conn:  # as migration 0011 leaves an older archive
        conn.execute(activity_state.update().values(rules=None))
    assert activities(archive) == _in_memory(archive)  # read in memory meanwhile
    kb = load()
    summary = reextract(archive, Extractor(kb), kb.version)
    assert summary.extracted == 0
    assert _stored(archive) == _in_memory(archive)
