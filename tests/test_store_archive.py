"""The archive on both back ends: what a batch stores, versions, duplicates, stories, reading back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

import archive_fixtures
import fieldguide.store
from archive_fixtures import FARM, MISSILE, MUNITIONS, REPORT, doc
from fieldguide.errors import NotFoundError, StoreError
from fieldguide.model import OffsetMap
from fieldguide.store import Store
from fieldguide.store.diff import render_word_diff

# The archive fixtures (a fresh store on each back end), used by name.
sqlite_store = archive_fixtures.sqlite_store
store = archive_fixtures.store
store_url = archive_fixtures.store_url


def test_new_documents_are_stored_and_read_back(store: Store) -> None:
    original = doc(
        "kcna-1",
        MUNITIONS,
        url="http://kcna.example/1",
        topic="Revolutionary Activities",
        original_text=MUNITIONS.replace(". ", ".  "),
        offsets=OffsetMap((0, 10), (0, 11)),
        extra={"lang": "en"},
    )
    result = store.put_batch([original, doc("kcna-2", MISSILE)])
    assert sorted(result.new) == ["kcna-1", "kcna-2"]
    back = store.get_document("kcna-1")
    assert back.text == MUNITIONS
    assert back.original_text == original.original_text
    assert back.offsets == original.offsets
    assert back.published == date(2024, 9, 13)
    assert (back.url, back.topic, back.extra) == ("http://kcna.example/1", "Revolutionary Activities", {"lang": "en"})


def test_the_same_batch_twice_changes_nothing(store: Store) -> None:
    docs = [doc("kcna-1", MUNITIONS), doc("kcna-2", MISSILE), doc("kcna-3", FARM)]
    store.put_batch(docs)
    before = store.stats()
    again = store.put_batch(docs)
    assert again.unchanged == 3
    assert (again.new, again.versions, again.duplicates) == ([], [], [])
    after = store.stats()
    assert {k: after[k] for k in ("documents", "versions", "sightings", "stories")} == {
        k: before[k] for k in ("documents", "versions", "sightings", "stories")
    }


def test_a_changed_text_becomes_a_new_version_beside_the_old(store: Store) -> None:
    store.put_batch([doc("kcna-1", MUNITIONS)])
    changed = MUNITIONS.replace("inspected a munitions enterprise", "gave field guidance at a munitions enterprise")
    result = store.put_batch([doc("kcna-1", changed)])
    assert result.versions == ["kcna-1"]
    assert store.get_document("kcna-1").text == changed
    history = store.history("kcna-1")
    assert [v.n for v in history] == [1, 2]
    assert [v.text for v in history] == [MUNITIONS, changed]
    (_, _, diff), *_ = store.diffs("kcna-1")
    assert "[-inspected-] {+gave field guidance at+}" in diff
    assert store.stats()["versions"] == 2
    # A third version keeps both earlier ones.
    third = changed + " The visit ended with a photo session."
    store.put_batch([doc("kcna-1", third)])
    assert [v.text for v in store.history("kcna-1")] == [MUNITIONS, changed, third]


def test_an_earlier_text_read_again_is_not_a_new_version(store: Store) -> None:
    changed = MUNITIONS + " Updated."
    store.put_batch([doc("kcna-1", MUNITIONS), doc("kcna-1", changed)])
    # Re-reading the original and then the edit (as re-running the same ingest does) changes nothing.
    again = store.put_batch([doc("kcna-1", MUNITIONS), doc("kcna-1", changed)])
    assert (again.versions, again.unchanged) == ([], 2)
    assert [v.n for v in store.history("kcna-1")] == [1, 2]
    assert store.get_document("kcna-1").text == changed


def test_the_same_url_under_another_id_is_the_same_document(store: Store) -> None:
    store.put_batch([doc("kcna-1", MUNITIONS, url="http://kcna.example/a")])
    same = store.put_batch([doc("renamed", MUNITIONS, url="http://kcna.example/a")])
    assert same.unchanged == 1
    changed = store.put_batch([doc("renamed", MUNITIONS + " Updated.", url="http://kcna.example/a")])
    assert changed.versions == ["kcna-1"]
    assert store.stats()["documents"] == 1


def test_a_version_and_its_original_in_one_batch(store: Store) -> None:
    result = store.put_batch([doc("kcna-1", MISSILE), doc("kcna-1", MISSILE + " More follows.")])
    assert result.new == ["kcna-1"] and result.versions == ["kcna-1"]
    assert [v.n for v in store.history("kcna-1")] == [1, 2]


def test_an_exact_duplicate_is_stored_once_with_every_sighting(store: Store) -> None:
    store.put_batch([doc("kcna-1", MUNITIONS, url="http://kcna.kp/1", source="KCNA")])
    result = store.put_batch(
        [
            doc("mirror-1", MUNITIONS, url="http://mirror.example/1", source="Mirror"),
            doc("rodong-9", MUNITIONS, url="http://rodong.example/9", source="Rodong Sinmun"),
        ]
    )
    assert result.duplicates == [("mirror-1", "kcna-1"), ("rodong-9", "kcna-1")]
    stats = store.stats()
    assert stats["documents"] == 1
    assert stats["sightings"] == 3 and stats["duplicates"] == 2
    sightings = store.sightings("kcna-1")
    assert [s["alias_id"] for s in sightings] == ["kcna-1", "mirror-1", "rodong-9"]
    assert {s["source"] for s in sightings} == {"KCNA", "Mirror", "Rodong Sinmun"}
    assert store.get_document("mirror-1").id == "kcna-1"  # an alias finds the document
    # Seeing the duplicates again adds no sighting.
    again = store.put_batch([doc("mirror-1", MUNITIONS, url="http://mirror.example/1")])
    assert again.unchanged == 1 and store.stats()["sightings"] == 3


def test_near_duplicates_share_a_story_and_unrelated_documents_do_not(store: Store) -> None:
    variant = MUNITIONS.replace("in the coming year", "next year")
    store.put_batch([doc("kcna-1", MUNITIONS), doc("kcna-2", FARM)])
    result = store.put_batch([doc("copy-1", variant), doc("kcna-3", MISSILE)])
    assert result.near_duplicates == [("copy-1", "kcna-1")]
    assert store.story("copy-1") == ["kcna-1", "copy-1"]
    assert store.story("kcna-3") == ["kcna-3"]
    assert store.story("kcna-2") == ["kcna-2"]
    assert store.stats()["stories"] == 3


def test_near_duplicates_in_one_batch_share_a_story(store: Store) -> None:
    variant = MISSILE.replace("on Thursday morning", "on Thursday")
    result = store.put_batch([doc("a", MISSILE), doc("b", variant), doc("c", REPORT)])
    assert result.near_duplicates == [("b", "a")]
    assert store.story("a") == ["a", "b"]


def test_a_report_citing_a_dispatch_is_not_its_near_duplicate(store: Store) -> None:
    store.put_batch([doc("kcna-1", MUNITIONS), doc("yonhap-1", REPORT, kind="report", source="Yonhap")])
    assert store.story("yonhap-1") == ["yonhap-1"]


def test_iter_documents_filters_by_date_and_kind(store: Store) -> None:
    store.put_batch(
        [
            doc("a", MUNITIONS, published=date(2024, 9, 13)),
            doc("b", FARM, published=date(2024, 8, 20)),
            doc("c", REPORT, published=date(2024, 9, 14), kind="report"),
        ]
    )
    assert [d.id for d in store.iter_documents()] == ["a", "b", "c"]
    assert [d.id for d in store.iter_documents(since=date(2024, 9, 1))] == ["a", "c"]
    assert [d.id for d in store.iter_documents(until=date(2024, 8, 31))] == ["b"]
    assert [d.id for d in store.iter_documents(kind="report")] == ["c"]


def test_stats_count_sources_months_runs_and_rejects(store: Store) -> None:
    from fieldguide.model import Reject

    first = store.start_run(["a.jsonl"])
    store.put_batch([doc("a", MUNITIONS), doc("b", FARM, published=date(2024, 8, 20))], first)
    store.finish_run(first, {"new": 2})
    second = store.start_run(["b.jsonl"])
    store.put_batch([doc("c", REPORT, source="Yonhap")], second, rejected=[Reject("b.jsonl:4", "not JSON")])
    store.finish_run(second, {"new": 1, "rejected": 1})
    stats = store.stats()
    assert stats["documents"] == 3
    assert stats["per_source"] == {"KCNA": 2, "Yonhap": 1}
    assert stats["per_month"] == {"2024-08": 1, "2024-09": 2}
    assert [r["id"] for r in stats["runs"]] == [second, first]
    assert stats["runs"][0]["counts"] == {"new": 1, "rejected": 1}
    assert stats["rejects"] == [{"run_id": second, "origin": "b.jsonl:4", "reason": "not JSON"}]


def test_a_missing_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no document 'nope'"):
        store.get_document("nope")
    with pytest.raises(NotFoundError):
        store.history("nope")


def test_opening_twice_keeps_the_data(store_url: str) -> None:
    with Store.open(store_url) as first:
        first.put_batch([doc("a", MUNITIONS)])
    with Store.open(store_url) as second:
        assert second.stats()["documents"] == 1


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_store: Store) -> None:
    with sqlite_store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_word_diff_marks_removed_and_added_words() -> None:
    assert render_word_diff("a b c d", "a x c d e") == "a [-b-] {+x+} c d {+e+}"
    long_old = " ".join(f"w{i}" for i in range(50))
    long_new = long_old.replace("w25", "changed")
    assert render_word_diff(long_old, long_new, context=2) == "… w23 w24 [-w25-] {+changed+} w26 w27 …"


@pytest.mark.parametrize(
    "url, message",
    [
        ("sqlite:////nonexistent-folder/x/archive.db", "cannot open the archive"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot open the archive"),
        ("mysql://x/y", "unsupported database"),
        ("not a url", "not a database URL"),
    ],
)
def test_an_unusable_database_is_one_clear_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        Store.open(url)
    assert "\n" not in str(caught.value)


def test_postgresql_urls_are_rewritten_to_psycopg() -> None:
    from fieldguide.store.engine import normalize_url

    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("sqlite:///x.db") == "sqlite:///x.db"


def test_the_schema_is_at_the_newest_migration(store: Store) -> None:
    from importlib import resources

    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(resources.files("fieldguide.store") / "migrations"))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"the migrations must keep one head, not {heads}"
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == heads[0]


def _archive_at(url: str, revision: str, *statements: str) -> None:
    """An archive at an older ``revision`` holding one dispatch, plus rows written by ``statements``."""
    from alembic import command
    from alembic.config import Config

    from fieldguide.store.batch import write_batch
    from fieldguide.store.engine import create_engine

    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(Path(fieldguide.store.__file__).parent / "migrations"))
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        write_batch(connection, [doc("a", MUNITIONS, published=date(2024, 9, 13))], None)
        for statement in statements:
            connection.execute(sa.text(statement))
        connection.commit()
    engine.dispose()


def test_an_archive_made_by_the_first_migration_is_upgraded_and_still_searchable(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    _archive_at(url, "0001")
    with Store.open(url) as store:  # upgraded to head: the full-text index was rebuilt
        assert [h.id for h in store.search("munitions", since=date(2024, 9, 1), source="kcna")] == ["a"]
        assert store.search("munitions", until=date(2024, 8, 31)) == []
        store.put_batch([doc("b", FARM, published=date(2024, 8, 20))])
        assert [h.id for h in store.search("rice", until=date(2024, 8, 31))] == ["b"]
        assert [h.id for h in store.search("munit*")] == ["a"]  # through the prefix index of 0006


@pytest.mark.parametrize("store_url", archive_fixtures.BACKENDS, indirect=True)
def test_an_archive_extracted_before_stored_days_gets_them_on_upgrade(store_url: str) -> None:
    # Rows as revision 0004 wrote them: no stored day, no mention date.
    _archive_at(
        store_url,
        "0004",
        "INSERT INTO events (doc_id, n, type, actor, start, sector, record) VALUES "
        "('a', 0, 'inspection', 'Kim Jong Un', NULL, 'munitions', '{}'), "
        "('a', 1, 'meeting', 'Kim Jong Un', '2024-09-12', NULL, '{}')",
        'INSERT INTO mentions (doc_id, kind, canonical, text, start, "end") '
        "VALUES ('a', 'person', 'Jo Chun Ryong', 'Jo Chun Ryong', 10, 23)",
    )
    with Store.open(store_url) as store, store.engine.connect() as conn:
        days = conn.execute(sa.text("SELECT n, day FROM events ORDER BY n")).all()
        assert [(n, str(day)[:10]) for n, day in days] == [(0, "2024-09-13"), (1, "2024-09-12")]
        published = conn.execute(sa.text("SELECT published FROM mentions")).scalar()
        assert str(published)[:10] == "2024-09-13"


def test_metadata_beyond_what_fast_json_takes_is_kept_exactly(store: Store) -> None:
    store.put_batch([doc("big", MUNITIONS, extra={"counter": 2**70, "ratio": 0.1})])
    assert store.get_document("big").extra == {"counter": 2**70, "ratio": 0.1}


def test_a_new_version_stored_without_extraction_drops_the_facts_of_its_old_text(store: Store) -> None:
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.kb import load
    from fieldguide.reextract import reextract
    from fieldguide.store.schema import extractions, mentions

    extractor = Extractor(load())
    store.put_batch([doc("kcna-1", MUNITIONS, published=date(2024, 9, 13))], extractor=extractor)
    edited = MUNITIONS.replace("munitions enterprise", "machine plant")
    store.put_batch([doc("kcna-1", edited, published=date(2024, 9, 14), title="Machine plant")])  # --no-extract
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(extractions)).scalar() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(mentions)).scalar() == 0
    assert reextract(store, extractor, extractor.kb_version).extracted == 1  # found again
    with store.engine.connect() as conn:
        published = {str(p)[:10] for p in conn.execute(sa.select(mentions.c.published)).scalars()}
        words = conn.execute(sa.select(extractions.c.link_words)).scalar()
    assert published == {"2024-09-14"}
    assert "machine" in words.split()  # read from the new text


@pytest.mark.postgres
def test_two_archives_in_one_postgresql_database_do_not_wait_for_each_other(pg_url: str) -> None:
    """Each archive's writers queue on a lock of its own schema, not on one lock for the database."""
    import uuid

    import sqlalchemy as sa

    from archive_fixtures import _with_search_path

    schemas = [f"fg_test_{uuid.uuid4().hex[:12]}" for _ in range(2)]
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        for schema in schemas:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        first = Store.open(_with_search_path(pg_url, schemas[0]))
        # a lock wait of the second ends in an error after 5 s instead of hanging the suite
        second = Store.open(_with_search_path(pg_url, schemas[1]) + "%20-clock_timeout%3D5000")
        with first, second, first.write_transaction(), second.write_transaction():
            pass  # the second would wait behind the first if they shared a lock
    finally:
        with engine.begin() as conn:
            for schema in schemas:
                conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
