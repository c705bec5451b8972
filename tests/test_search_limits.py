"""What a search may cost: the query's size is bounded, repeated words are searched once, and
any query string gives results or a clean fieldguide error, on both back ends."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_fixtures import FARM, MISSILE, MUNITIONS, doc
from fieldguide.errors import FieldguideError, QueryError, QueryTooLargeError
from fieldguide.store import Store
from fieldguide.store.query import MAX_DEPTH, MAX_LENGTH, MAX_OPERATORS, MAX_TERMS, And, Or, Term, parse, to_fts5

DOCS = [doc("kcna-1", MUNITIONS), doc("kcna-2", MISSILE), doc("kcna-3", FARM)]


@pytest.mark.parametrize(
    "query, message",
    [
        ("(" * 300 + "kim" + ")" * 300, f"nested more than {MAX_DEPTH} deep"),
        ("(" * 300, f"nested more than {MAX_DEPTH} deep"),
        (" OR ".join(f"w{i}" for i in range(2000)), f"at most {MAX_LENGTH} characters"),
        (" OR ".join(f"w{i}" for i in range(MAX_TERMS + 1)), f"at most {MAX_TERMS} terms"),
        ("kim " + "-x " * 200, f"at most {MAX_OPERATORS} operators"),
    ],
)
def test_an_oversized_query_is_a_clean_error(query: str, message: str) -> None:
    with pytest.raises(QueryTooLargeError, match=message) as caught:
        parse(query)
    assert caught.value.code == "E201" and isinstance(caught.value, QueryError)


def test_limits_leave_room_for_real_questions() -> None:
    query = " OR ".join(f"w{i}" for i in range(MAX_TERMS))
    assert len(parse(query).items) == MAX_TERMS  # type: ignore[union-attr]
    nested = "(" * MAX_DEPTH + "kim" + ")" * MAX_DEPTH
    assert parse(nested) == Term(("kim",))


def test_repeated_words_are_searched_once() -> None:
    assert parse("kim " * 200) == Term(("kim",))
    assert parse("kim OR kim OR rocket") == Or((Term(("kim",)), Term(("rocket",))))
    assert parse("(a OR b) (a OR b) c") == And((Or((Term(("a",)), Term(("b",)))), Term(("c",))))


def test_many_exclusions_render_flat_for_fts5() -> None:
    query = "kim " + " ".join(f"-w{i}" for i in range(60))
    rendered = to_fts5(parse(query))
    assert rendered.startswith('(("kim") NOT ("w0" OR "w1" OR') and rendered.count("(") == 3


@pytest.fixture(scope="module")
def sqlite_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("limits") / "archive.db"
    with Store.open(f"sqlite:///{path}") as store:
        store.put_batch(DOCS)
    with Store.open(f"sqlite:///{path}", access="read") as reading:
        yield reading


@pytest.fixture(scope="module")
def pg_archive(pg_url: str) -> Iterator[Store]:
    schema = f"fg_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_url)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{pg_url}{'&' if '?' in pg_url else '?'}options=-csearch_path%3D{schema}"
    try:
        with Store.open(url) as store:
            store.put_batch(DOCS)
        with Store.open(url, access="read") as reading:
            yield reading
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kim " * 200, ["kcna-1", "kcna-2"]),
        ("rice " + " ".join(f"-w{i}" for i in range(60)), ["kcna-3"]),
        ("(" * MAX_DEPTH + "rice" + ")" * MAX_DEPTH, ["kcna-3"]),
        (" OR ".join(["rice", *(f"w{i}" for i in range(MAX_TERMS - 1))]), ["kcna-3"]),
    ],
)
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_queries_at_the_limits_answer_on_both_back_ends(
    request: pytest.FixtureRequest, backend: str, query: str, expected: list[str]
) -> None:
    store: Store = request.getfixturevalue(f"{'sqlite' if backend == 'sqlite' else 'pg'}_archive")
    assert sorted(hit.id for hit in store.search(query)) == expected


QUERY_PIECES = st.sampled_from(
    ['"', "(", ")", "-", "*", " ", " ", "AND", "OR", "NOT", "kim", "rice", "Hwasong-19", "^", ":", "+", "é", "\x00"]
)
QUERIES = st.one_of(
    st.lists(QUERY_PIECES, max_size=40).map("".join),
    st.text(max_size=60),
    st.integers(min_value=0, max_value=400).map(lambda n: "(" * n + "kim" + ")" * n),
    st.lists(st.sampled_from(["kim", "rice", "x", "y*", '"a b"']), max_size=300).map(" OR ".join),
)


def _answers_or_fails_cleanly(store: Store, query: str) -> None:
    try:
        hits = store.search(query)
    except FieldguideError as e:
        assert e.code.startswith("E") and "\n" not in str(e)
        return
    assert isinstance(hits, list)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
def test_any_query_string_gives_results_or_a_fieldguide_error_on_sqlite(sqlite_archive: Store, query: str) -> None:
    _answers_or_fails_cleanly(sqlite_archive, query)


@pytest.mark.postgres
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(QUERIES)
def test_any_query_string_gives_results_or_a_fieldguide_error_on_postgresql(pg_archive: Store, query: str) -> None:
    _answers_or_fails_cleanly(pg_archive, query)
