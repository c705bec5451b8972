"""Full-text search on both back ends: the query syntax analysts use, filters, snippets, errors."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

import archive_fixtures
from archive_fixtures import FARM, MISSILE, MUNITIONS, REPORT, doc
from fieldguide.errors import QueryError
from fieldguide.store import Store

MISSILE_REPORT = (
    "TOKYO, Nov 1 (Kyodo) -- Japan's defence ministry said the missile launched by North Korea flew "
    "for a record 86 minutes and that it was likely a new solid-fuel Hwasong-19."
)

# The archive fixtures (a fresh store on each back end), used by name.
store = archive_fixtures.store
store_url = archive_fixtures.store_url


@pytest.fixture
def archive(store: Store) -> Store:
    store.put_batch(
        [
            doc("munitions", MUNITIONS, published=date(2024, 9, 13), topic="Revolutionary Activities"),
            doc("missile", MISSILE, published=date(2024, 10, 31), topic="Revolutionary Activities"),
            doc("farm", FARM, published=date(2024, 8, 20), topic="Home News"),
            doc("yonhap", REPORT, published=date(2024, 9, 13), source="Yonhap", kind="report"),
            doc("kyodo", MISSILE_REPORT, published=date(2024, 11, 1), source="Kyodo", kind="report"),
        ]
    )
    return store


def ids(store: Store, query: str, **filters: object) -> set[str]:
    return {hit.id for hit in store.search(query, **filters)}  # type: ignore[arg-type]


def test_words_are_all_required(archive: Store) -> None:
    assert ids(archive, "Kim munitions") == {"munitions"}
    assert ids(archive, "Kim Jong Un") == {"munitions", "missile", "yonhap"}


def test_a_quoted_phrase_needs_its_words_in_order(archive: Store) -> None:
    assert ids(archive, '"rocket launcher"') == {"munitions", "yonhap"}
    assert ids(archive, '"multiple rocket launcher"') == {"munitions"}
    assert ids(archive, '"launcher rocket"') == set()


def test_or_and_not(archive: Store) -> None:
    assert ids(archive, "harvesting OR Hwasongpho") == {"farm", "missile"}
    assert ids(archive, "Kim -missile") == {"munitions", "yonhap"}
    assert ids(archive, "Kim NOT missile") == {"munitions", "yonhap"}
    assert ids(archive, "(rice OR missile) AND Pyongyang") == {"farm", "missile"}


def test_prefix(archive: Store) -> None:
    assert ids(archive, "harvest*") == {"farm"}
    assert ids(archive, "harv*") == {"farm"}  # as long as an indexed prefix
    assert ids(archive, "Hw*") >= {"missile", "kyodo"}
    assert ids(archive, "Hwasong*") >= {"missile", "kyodo"}


def test_hyphenated_term_is_searched_as_a_phrase(archive: Store) -> None:
    assert ids(archive, "Hwasongpho-19") == {"missile"}
    assert ids(archive, "Hwasong-19") == {"kyodo"}
    assert ids(archive, "Kim Jong-un") == {"munitions", "missile", "yonhap"}


def test_calibres_are_searchable(archive: Store) -> None:
    assert ids(archive, "600mm") == {"munitions", "yonhap"}


def test_stemming_finds_other_forms(archive: Store) -> None:
    assert ids(archive, "inspect") == {"munitions"}
    assert "farm" in ids(archive, "farm")


def test_filters(archive: Store) -> None:
    assert ids(archive, "Kim", since=date(2024, 10, 1)) == {"missile"}
    assert ids(archive, "Kim", until=date(2024, 9, 30)) == {"munitions", "yonhap"}
    assert ids(archive, "Kim", source="Yonhap") == {"yonhap"}
    assert ids(archive, "Kim", source="kcna") == {"munitions", "missile"}
    assert ids(archive, "Pyongyang", topic="Home News") == {"farm"}


def test_a_source_with_accented_capitals_is_found_by_its_name(store: Store) -> None:
    store.put_batch([doc("tass", REPORT, source="ÉCHO Korea", kind="report")])
    assert ids(store, "Kim", source="ÉCHO Korea") == {"tass"}
    assert ids(store, "Kim", source="Écho korea") == {"tass"}


def test_hits_are_ranked_with_snippets_and_metadata(archive: Store) -> None:
    hits = archive.search("munitions", limit=5)
    assert hits[0].id == "munitions"
    assert hits[0].title and hits[0].published == date(2024, 9, 13) and hits[0].source == "KCNA"
    assert "[munitions]" in hits[0].snippet.lower()
    assert all(a.score >= b.score for a, b in itertools.pairwise(hits))


def test_limit(archive: Store) -> None:
    assert len(archive.search("Kim", limit=2)) == 2


def test_a_title_match_ranks_first(store: Store) -> None:
    store.put_batch(
        [
            doc("body", "Workers met. " + "The plan was discussed at length. " * 5 + "Tractors were mentioned."),
            doc("title", "Workers met and talked.", title="Tractors Delivered to Co-op Farms"),
        ]
    )
    assert store.search("tractors")[0].id == "title"


def test_a_new_version_is_searched_by_its_new_text(store: Store) -> None:
    store.put_batch([doc("a", FARM)])
    store.put_batch([doc("a", FARM.replace("early rice", "early maize"))])
    assert ids(store, "maize") == {"a"}
    assert ids(store, '"early rice"') == set()


@pytest.mark.parametrize(
    "query, message",
    [
        ('"Kim Jong Un', "unbalanced quotes"),
        ("(missile OR rocket", "unbalanced parentheses"),
        ("missile)", "unbalanced parentheses"),
        ("missile AND", "needs a term after it"),
        ("OR missile", "needs a term before it"),
        ("-missile", "needs at least one word"),
        ("", "empty query"),
    ],
)
def test_a_malformed_query_is_one_clear_error(archive: Store, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message) as caught:
        archive.search(query)
    assert "\n" not in str(caught.value)


def test_text_that_looks_like_fts_syntax_is_just_text(archive: Store) -> None:
    # Column filters, NEAR and carets mean nothing to the user's query language.
    assert ids(archive, "title:Kim") == set()
    with pytest.raises(QueryError, match="unbalanced parentheses"):
        archive.search("NEAR(Kim")
    assert isinstance(archive.search("^Kim + rice"), list)
