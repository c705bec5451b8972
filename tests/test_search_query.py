"""The query language: parsing to an AST, rendering for FTS5 and tsquery, and its errors."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldguide.errors import QueryError
from fieldguide.store.query import And, Not, Or, Phrase, Term, parse, to_fts5, to_tsquery


def test_words_phrases_and_operators_parse_to_a_tree() -> None:
    assert parse('"Kim Jong Un" munitions') == And((Phrase(("kim", "jong", "un")), Term(("munitions",))))
    assert parse("missile OR rocket") == Or((Term(("missile",)), Term(("rocket",))))
    assert parse("missile -cruise") == And((Term(("missile",)), Not(Term(("cruise",)))))
    assert parse("missile NOT cruise") == parse("missile -cruise")
    assert parse("missile AND rocket") == parse("missile rocket")
    assert parse("missi*") == Term(("missi",), prefix=True)
    assert parse("Hwasongpho-19") == Term(("hwasongpho", "19"))


def test_and_binds_tighter_than_or_and_parentheses_group() -> None:
    assert parse("a b OR c") == Or((And((Term(("a",)), Term(("b",)))), Term(("c",))))
    assert parse("a (b OR c)") == And((Term(("a",)), Or((Term(("b",)), Term(("c",))))))


def test_lower_case_operators_are_words() -> None:
    assert parse("bread and butter") == And((Term(("bread",)), Term(("and",)), Term(("butter",))))


def test_rendering_for_fts5() -> None:
    assert to_fts5(parse('"Kim Jong Un" munitions')) == '("kim jong un" AND "munitions")'
    assert to_fts5(parse("missile -cruise -drill")) == '(("missile") NOT ("cruise" OR "drill"))'
    assert to_fts5(parse("Hwasongpho-19")) == '"hwasongpho 19"'
    assert to_fts5(parse("missi*")) == '"missi"*'


def test_rendering_for_postgresql() -> None:
    assert to_tsquery(parse('"Kim Jong Un"')) == "('kim' <-> 'jong' <-> 'un')"
    assert to_tsquery(parse("missi* -cruise")) == "(('missi':*) & !('cruise'))"
    assert to_tsquery(parse("a OR b")) == "(('a') | ('b'))"


@pytest.mark.parametrize(
    "query, message",
    [
        ('"Kim Jong Un', "unbalanced quotes: the quote at position 1 is never closed"),
        ("(a OR b", "unbalanced parentheses: '(' at position 1 is never closed"),
        ("a OR b)", "unbalanced parentheses: ')' at position 7 has no '('"),
        ("a AND", "'AND' at position 3 needs a term after it"),
        ("a OR", "'OR' at position 3 needs a term after it"),
        ("AND a", "'AND' at position 1 needs a term before it"),
        ("a (OR b)", "'OR' at position 4 needs a term before it"),
        ("()", "empty parentheses at position 1"),
        ("NOT", "'NOT' at position 1 needs a term after it"),
        ("-a", "the query needs at least one word to find"),
        ("a OR -b", "each side of OR needs a word to find"),
        ("a - b", "'-' at position 3 needs a term right after it"),
        ("", "empty query"),
        ("+ &", "empty query"),
        ('""', "the phrase at position 1 has no letters or digits"),
        ("a -+", "the query ends where a term was expected"),
    ],
)
def test_malformed_queries_say_what_is_wrong(query: str, message: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert message in str(caught.value)


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES ('Kim Jong Un inspected the Hwasongpho-19 and 600mm launchers')")
    return conn


QUERY_ALPHABET = st.sampled_from(
    ['"', "(", ")", "-", "*", " ", " ", "AND", "OR", "NOT", "kim", "Hwasong-19", "600mm", "^", ":", "+", "é", "x"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(QUERY_ALPHABET, max_size=12).map("".join))
def test_any_query_parses_or_raises_query_error_and_fts5_accepts_it(fts: sqlite3.Connection, query: str) -> None:
    try:
        node = parse(query)
    except QueryError as e:
        assert "\n" not in str(e)
        return
    fts.execute("SELECT rowid FROM t WHERE t MATCH ?", (to_fts5(node),)).fetchall()
    assert to_tsquery(node)
