"""Timeline, dossiers, novelty and back-references over an archive of the shipped examples
plus two fixture dispatches written for these tests, on SQLite and on PostgreSQL.

The archive is read-only for these tests, so one store per back end serves the module;
the PostgreSQL one lives in a schema of its own that is dropped afterwards.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa

from fieldguide.analyze import Filters, back_references, dossier, novelties, timeline
from fieldguide.analyze.timeline import chart_periods
from fieldguide.errors import NotFoundError, QueryError
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import KnowledgeBase, load
from fieldguide.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "analyze"
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def example_inputs() -> list[str]:
    folder = resources.files("fieldguide") / "examples"
    shipped = [str(folder / name) for name in ("dispatches.jsonl", "reports.jsonl")]
    return [*shipped, str(FIXTURES / "dispatches.jsonl")]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


@contextlib.contextmanager
def _empty_store(backend: str, request: pytest.FixtureRequest, folder: Path) -> Iterator[Store]:
    """An empty archive: a SQLite file in ``folder``, or a PostgreSQL schema dropped afterwards."""
    if backend == "sqlite":
        with Store.open(f"sqlite:///{folder / 'archive.db'}") as store:
            yield store
        return
    pg_url = request.getfixturevalue("pg_url")
    schema = f"fg_analyze_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        with Store.open(f"{pg_url}{'&' if '?' in pg_url else '?'}options=-csearch_path%3D{schema}") as store:
            yield store
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture(scope="module", params=BACKENDS)
def archive(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, kb: KnowledgeBase
) -> Iterator[Store]:
    with _empty_store(request.param, request, tmp_path_factory.mktemp("analyze")) as store:
        summary = ingest(example_inputs(), store, extractor=Extractor(kb))
        assert summary.rejected == 0 and summary.extracted > 0
        yield store


# --- timeline ------------------------------------------------------------------------------


def test_timeline_counts_the_leaders_events_per_month_by_type(archive: Store) -> None:
    tl = timeline(archive, by="month")
    months = {b.period: b for b in tl.buckets}
    # the munitions tour: the shell factory, the launcher factory and, on August 5, "another factory"
    assert months["2024-08"].by_type.get("inspection") == 3
    assert months["2023-11"].by_type == {"inspection": 1}
    assert months["2023-11"].by_sector == {"munitions": 1}
    assert tl.events == sum(b.events for b in tl.buckets) + 0
    assert tl.dated_by["event"] + tl.dated_by["published"] == tl.events
    assert [b.start for b in tl.buckets] == sorted(b.start for b in tl.buckets)


def test_chart_periods_keep_empty_periods_and_mark_gaps_in_the_archive(archive: Store) -> None:
    tl = timeline(archive, by="month", filters=Filters(type="inspection"))
    periods = {p.period: p for p in chart_periods(tl)}
    # Every month from the first inspection (November 2023) to the newest document, none dropped.
    assert list(periods) == [f"2023-{m}" for m in (11, 12)] + [f"2024-{m:02d}" for m in range(1, 12)]
    assert periods["2023-11"].by_type == {"inspection": 1} and not periods["2023-11"].archive_gap
    # December to February: no document at all, so the archive is silent, not the leader.
    assert all(periods[m].archive_gap and periods[m].events == 0 for m in ("2023-12", "2024-01", "2024-02"))
    # March: a dispatch (the Political Bureau meeting) but no inspection: an absence, shown empty.
    assert periods["2024-03"].events == 0 and periods["2024-03"].documents >= 1
    assert not periods["2024-03"].archive_gap


def test_timeline_filters_by_type_weapon_and_dates(archive: Store) -> None:
    tests = timeline(archive, filters=Filters(type="weapons_test"))
    assert set(tests.by_type) == {"weapons_test"}
    assert {b.period for b in tests.buckets} >= {"2024-10"}
    icbm = timeline(archive, by="day", filters=Filters(weapon="Hwasong-19"))
    assert icbm.events >= 1 and all(b.by_type == {"weapons_test": 1} for b in icbm.buckets)
    late = timeline(archive, filters=Filters(since=date(2024, 9, 1)))
    assert all(b.start >= date(2024, 9, 1) for b in late.buckets)
    assert late.first_day is not None and late.first_day >= date(2024, 9, 1)


def test_gaps_are_longest_first_and_cite_both_ends(archive: Store) -> None:
    tl = timeline(archive, by="week")
    assert tl.gaps, "the examples span months with quiet stretches"
    assert [g.days for g in tl.gaps] == sorted((g.days for g in tl.gaps), reverse=True)
    longest = tl.gaps[0]
    # The fixture's November 2023 visit and the next reported activity frame the longest absence.
    assert longest.after == date(2023, 11, 9)
    assert longest.last_seen is not None and longest.last_seen.doc_id == "fx-shell-factory-2023"
    assert longest.seen_again is not None and longest.seen_again.evidence
    assert longest.absent == longest.days - 1


def test_a_lean_timeline_shows_the_same_periods_gaps_and_days_since_last(archive: Store) -> None:
    """The /appearances page reads the lean timeline: it must tell what the full one tells."""
    full, lean = timeline(archive, by="week"), timeline(archive, by="week", lean=True)
    assert [b.to_json() for b in lean.buckets] == [b.to_json() for b in full.buckets]
    assert [g.to_json() for g in lean.gaps] == [g.to_json() for g in full.gaps]
    assert (lean.days_since_last, lean.appearances) == (full.days_since_last, full.appearances)
    assert lean.documents == {} and lean.last_seen is None  # what it leaves out


def test_days_since_last_count_to_the_newest_document_not_the_clock(archive: Store) -> None:
    tl = timeline(archive)
    assert tl.latest_document == date(2024, 11, 1)  # the newest example dispatch
    assert tl.last_day is not None and tl.days_since_last == (tl.latest_document - tl.last_day).days


def test_weeks_are_iso_weeks_starting_monday(archive: Store) -> None:
    tl = timeline(archive, by="week")
    assert all(b.start.weekday() == 0 and b.period.startswith(str(b.start.isocalendar()[0])) for b in tl.buckets)


def test_timeline_rejects_an_unknown_type_or_period(archive: Store) -> None:
    with pytest.raises(QueryError):
        timeline(archive, filters=Filters(type="picnic"))
    with pytest.raises(QueryError):
        timeline(archive, by="year")


def test_timeline_json_is_plain_and_deterministic(archive: Store) -> None:
    first = json.dumps(timeline(archive, by="week").to_json(), sort_keys=True)
    assert first == json.dumps(timeline(archive, by="week").to_json(), sort_keys=True)


# --- dossiers ------------------------------------------------------------------------------


def test_a_person_dossier_folds_romanizations(archive: Store, kb: KnowledgeBase) -> None:
    for spelling in ("Jo Chun Ryong", "Jo Chun-ryong", "Cho Chun-ryong"):
        d = dossier(archive, spelling, kb)
        assert (d.kind, d.name) == ("person", "Jo Chun Ryong")
    assert d.first_seen == date(2023, 11, 9) and d.last_seen is not None and d.last_seen >= date(2024, 8, 3)
    assert d.events >= 2


def test_a_person_dossier_lists_companions_accompaniment_and_titles(archive: Store, kb: KnowledgeBase) -> None:
    d = dossier(archive, "Jo Chun Ryong", kb)
    assert d.accompanies[0].name == "Kim Jong Un"
    companions = {t.name: t for t in d.companions}
    assert companions["Kim Jong Sik"].events >= 2  # with him in 2023 and again in 2024
    assert companions["Kim Jong Sik"].first == date(2023, 11, 9)
    assert d.roles.get("accompanied", 0) >= 2
    titles = [t.title for t in d.titles]
    assert titles[0] == "department director of the WPK Central Committee"  # the older title first
    assert "secretary of the Central Committee of the WPK" in titles
    assert d.titles[0].doc_id == "fx-shell-factory-2023"
    assert "2023-11" in d.per_month


def test_every_appearance_is_cited_latest_first(archive: Store, kb: KnowledgeBase) -> None:
    d = dossier(archive, "Jang Chang Ha", kb)
    days = [a.day for a in d.appearances if a.day]
    assert days == sorted(days, reverse=True)
    for a in d.appearances:
        assert a.citation.doc_id and a.citation.evidence
        assert a.dated_by in ("event", "published")
    text = archive.get_document(d.appearances[-1].citation.doc_id).text
    for start, end in d.appearances[-1].citation.spans:
        assert 0 <= start < end <= len(text)


def test_mentions_without_an_event_are_appearances_with_their_sentence(archive: Store, kb: KnowledgeBase) -> None:
    # Choe Son Hui, "present at the talk", is now one of the talk's people; Jo Chun Ryong is named
    # in the example's foreign report without an event of his own there
    d = dossier(archive, "Jo Chun Ryong", kb)
    mentions = [a for a in d.appearances if a.event_type is None]
    assert d.mentioned_only == len(mentions) > 0
    for a in mentions:
        text = archive.get_document(a.citation.doc_id).text
        ((start, end),) = a.citation.spans
        assert text[start:end] == a.citation.evidence and "Jo Chun" in a.citation.evidence  # "Jo Chun-ryong"
    assert dossier(archive, "Choe Son Hui", kb).mentioned_only == 0


def test_weapon_dossiers_by_designation_and_category(archive: Store, kb: KnowledgeBase) -> None:
    by_designation = dossier(archive, "Hwasongpho-19", kb)
    assert (by_designation.kind, by_designation.name) == ("designation", "Hwasong-19")
    assert by_designation.by_type == {"weapons_test": 1}
    tested = [a for a in by_designation.appearances if a.event_type == "weapons_test"]
    assert [a.citation.doc_id for a in tested] == ["ex-kcna-icbm-test"]
    # the foreign report that names it is in the dossier too, as a mention
    assert "ex-report-icbm-test" in {a.citation.doc_id for a in by_designation.appearances}
    category = dossier(archive, "cruise missiles", kb)
    assert (category.kind, category.name) == ("weapon", "cruise_missile")
    assert any(a.citation.doc_id == "fx-hwasal-test-2024" for a in category.appearances)


def test_place_dossier_in_another_romanization(archive: Store, kb: KnowledgeBase) -> None:
    d = dossier(archive, "Sinŭiju", kb)
    assert (d.kind, d.name) == ("place", "Sinuiju")
    assert any(a.citation.doc_id == "ex-kcna-flood-inspection" for a in d.appearances)


def test_facility_dossier_groups_differently_worded_sites(archive: Store, kb: KnowledgeBase) -> None:
    d = dossier(archive, "factories producing shells for multiple rocket launchers", kb)
    assert d.kind == "facility"
    docs = {a.citation.doc_id for a in d.appearances}
    assert {"fx-shell-factory-2023", "ex-kcna-munitions-tour"} <= docs
    assert d.first_seen == date(2023, 11, 9)


def test_limit_bounds_the_list_but_not_the_counts(archive: Store, kb: KnowledgeBase) -> None:
    full = dossier(archive, "Kim Jong Un", kb)
    short = dossier(archive, "Kim Jong Un", kb, limit=2)
    assert len(short.appearances) == 2 and short.events == full.events and short.documents == full.documents
    assert short.appearances == full.appearances[:2]


def test_an_unknown_name_is_not_found(archive: Store, kb: KnowledgeBase) -> None:
    with pytest.raises(NotFoundError):
        dossier(archive, "Nobody Of Note", kb)
    with pytest.raises(QueryError):
        dossier(archive, "   ", kb)


# --- novelty -------------------------------------------------------------------------------


def test_first_appearances_since_a_date(archive: Store, kb: KnowledgeBase) -> None:
    n = novelties(archive, date(2024, 10, 1), kb)
    designations = {i.name: i for i in n.items if i.kind == "designation"}
    assert set(designations) == {"Hwasal-2", "Hwasong-19"}
    assert designations["Hwasal-2"].detail == "cruise_missile"
    assert designations["Hwasal-2"].citation is not None
    assert designations["Hwasal-2"].citation.doc_id == "fx-hwasal-test-2024"
    assert all(i.first_seen is not None and i.first_seen >= date(2024, 10, 1) for i in n.items)
    # Jang Chang Ha appeared in August: not new in October.
    assert not any(i.kind == "official" and i.name == "Jang Chang Ha" for i in n.items)


def test_items_seen_before_since_are_not_new(archive: Store, kb: KnowledgeBase) -> None:
    n = novelties(archive, date(2024, 5, 1), kb)
    names = {(i.kind, i.name) for i in n.items}
    assert ("designation", "600mm MRL") in names
    assert ("official", "Jo Chun Ryong") not in names  # first seen in November 2023
    assert not any(i.kind == "facility" and "shells" in i.name for i in n.items)


def test_an_officials_new_title_is_reported(archive: Store, kb: KnowledgeBase) -> None:
    n = novelties(archive, date(2024, 1, 1), kb)
    change = next(c for c in n.title_changes if c.person == "Jo Chun Ryong")
    assert change.title == "secretary of the Central Committee of the WPK"
    assert change.previous_title == "department director of the WPK Central Committee"
    assert change.previous_last_seen == date(2023, 11, 9)


def test_novelty_json_is_deterministic(archive: Store, kb: KnowledgeBase) -> None:
    a = json.dumps(novelties(archive, date(2024, 1, 1), kb).to_json(), sort_keys=True)
    assert a == json.dumps(novelties(archive, date(2024, 1, 1), kb).to_json(), sort_keys=True)


# --- back-references -----------------------------------------------------------------------


def test_a_back_reference_links_to_the_archived_visit(archive: Store, kb: KnowledgeBase) -> None:
    refs = back_references(archive, "ex-kcna-munitions-tour", kb)
    ref = next(r for r in refs if r.start == date(2023, 11, 9))
    assert "November 9 last year" in ref.text
    assert ref.refers_to is not None and ref.refers_to.doc_id == "fx-shell-factory-2023"
    assert ref.event_type == "inspection"
    text = archive.get_document("ex-kcna-munitions-tour").text
    assert text[ref.span[0] : ref.span[1]] == ref.text


def test_back_references_of_an_unknown_document(archive: Store, kb: KnowledgeBase) -> None:
    with pytest.raises(NotFoundError):
        back_references(archive, "no-such-id", kb)


def test_titles_of_a_name_seen_everywhere_are_read_from_its_first_and_last_documents(
    archive: Store, kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    dossier_module = importlib.import_module("fieldguide.analyze.dossier")

    whole = dossier(archive, "Jo Chun Ryong", kb)
    assert not whole.titles_sampled
    monkeypatch.setattr(dossier_module, "TITLE_DOCUMENTS", 1)
    sampled = dossier(archive, "Jo Chun Ryong", kb)
    assert sampled.titles_sampled
    # Sampling touches only the titles read from mentions: counts and dates are the same.
    assert (sampled.documents, sampled.first_seen, sampled.last_seen) == (
        whole.documents,
        whole.first_seen,
        whole.last_seen,
    )
    assert sampled.titles[0].title == whole.titles[0].title  # the earliest title is still first


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_latest_appearances_are_dated_ones_on_either_back_end(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path, kb: KnowledgeBase
) -> None:
    from datetime import timedelta

    from fieldguide.model import Document

    with _empty_store(backend, request, tmp_path) as store:
        words = ["light", "heavy", "steady", "cold", "warm"]
        docs = [
            Document(
                id=f"rain-{i}",
                text=f"{word.title()} rain fell in Sinuiju City on Tuesday, the weather service said ({i}).",
                published=date(2024, 7, 1) + timedelta(days=i) if i < 2 else None,
            )
            for i, word in enumerate(words)
        ]
        extractor = Extractor(kb)
        store.put_batch(docs, extractor=extractor)
        d = dossier(store, "Sinuiju", kb, limit=2)
        assert d.mentioned_only == 5
        assert [a.citation.doc_id for a in d.appearances] == ["rain-1", "rain-0"]
