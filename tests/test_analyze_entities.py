"""Entity resolution without a store: titles, facility keys and groups, weapon names,
back-reference phrases."""

from __future__ import annotations

import functools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldguide.analyze.entities import (
    clean_title,
    facility_key,
    group_sites,
    is_official,
    jaccard,
    resolve_weapon,
    same_office,
    singular,
    title_history,
    title_key,
)
from fieldguide.analyze.references import find_back_references
from fieldguide.kb import KnowledgeBase, load
from fieldguide.model import Event, Extraction, Mention, Span


@functools.cache
def shared_kb() -> KnowledgeBase:
    return load()


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return shared_kb()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("president of the Russian Federation, on Wednesday", "president of the Russian Federation"),
        ("general secretary of the CPC, the previous day", "general secretary of the CPC"),
        (
            "chairman of the provincial people's committee, made a congratulatory speech",
            "chairman of the provincial people's committee",
        ),
        (
            "member of the Presidium, and secretary of the WPK Central Committee",
            "member of the Presidium, and secretary of the WPK Central Committee",
        ),
        ("  ", None),
        (None, None),
    ],
)
def test_titles_lose_the_sentence_that_follows_them(raw: str | None, clean: str | None) -> None:
    assert clean_title(raw) == clean


def test_the_two_ways_of_naming_the_central_committee_are_one_title() -> None:
    assert title_key("Secretary of the Central Committee of the WPK") == title_key(
        "secretary of the WPK Central Committee"
    )
    assert same_office(
        "chairman of the provincial people's committee", "chairman of the North Hwanghae Provincial People's Committee"
    )
    assert not same_office("premier of the Cabinet", "chairman of the State Affairs Commission")


def test_title_history_keeps_first_and_last_day_per_title() -> None:
    history = title_history(
        [
            ("secretary of the WPK Central Committee", date(2024, 8, 3), "b", None),
            ("department director of the WPK Central Committee", date(2023, 11, 9), "a", (10, 40)),
            ("Secretary of the Central Committee of the WPK, on Monday", date(2024, 10, 1), "c", None),
            ("department director of the WPK Central Committee", date(2024, 1, 5), "d", None),
        ]
    )
    assert [(t.first_seen, t.last_seen, t.times) for t in history] == [
        (date(2023, 11, 9), date(2024, 1, 5), 2),
        (date(2024, 8, 3), date(2024, 10, 1), 2),
    ]
    assert history[0].doc_id == "a" and history[0].span == (10, 40)


def test_officials_are_known_to_the_kb_or_hold_a_dprk_title(kb: KnowledgeBase) -> None:
    assert is_official("Jo Yong Won", [], kb)
    assert is_official("Ri Pak Il", ["chief secretary of the Jagang Provincial Committee of the WPK"], kb)
    assert not is_official("Sergei Shoigu", [], kb)
    assert not is_official("Jan Novak", ["foreign minister of the Czech Republic"], kb)


def test_singular_is_simple() -> None:
    assert [singular(w) for w in ("factories", "shops", "glass", "bus", "units", "analysis")] == [
        "factory",
        "shop",
        "glass",
        "bus",
        "unit",
        "analysis",
    ]


def test_facility_keys_ignore_articles_plurals_and_where_the_place_is_written(kb: KnowledgeBase) -> None:
    a = facility_key("the Sinpho City Offshore Farm", kb)
    b = facility_key("an offshore farm in Sinpho", kb)
    assert a == b
    assert a.place == "Sinpho" and a.words == frozenset({"offshore", "farm"})
    assert not facility_key("the offshore farm in Sinpho", kb).near(facility_key("the offshore farm in Rason", kb))


def test_sites_group_when_near_within_one_sector(kb: KnowledgeBase) -> None:
    groups = group_sites(
        [
            ("a factory producing shells for large-calibre multiple rocket launchers", "munitions", 3),
            ("the factory producing shells for large-calibre multiple rocket launchers", "munitions", 1),
            ("factories producing large-calibre shells for multiple rocket launchers", "munitions", 1),
            ("a factory producing shells for large-calibre multiple rocket launchers", "economic", 1),
            ("the Pyongyang General Hospital", "social", 2),
        ],
        kb,
    )
    sizes = sorted((g.sector, len(g.phrases)) for g in groups)
    assert sizes == [("economic", 1), ("munitions", 3), ("social", 1)]
    munitions = next(g for g in groups if g.sector == "munitions")
    assert munitions.name == "a factory producing shells for large-calibre multiple rocket launchers"


words = st.lists(st.sampled_from("farm factory shell tractor hospital unit base plant school".split()), max_size=6)


@given(words, words)
def test_jaccard_is_symmetric_and_bounded(a: list[str], b: list[str]) -> None:
    x, y = frozenset(a), frozenset(b)
    assert jaccard(x, y) == jaccard(y, x)
    assert 0.0 <= jaccard(x, y) <= 1.0
    assert jaccard(x, x) == 1.0


@given(st.lists(st.tuples(words, st.sampled_from(["munitions", "social", None])), max_size=12))
def test_grouping_is_a_partition_that_keeps_sectors_apart(rows: list[tuple[list[str], str | None]]) -> None:
    sites = sorted({(" ".join(w) or "site", sector) for w, sector in rows}, key=str)
    groups = group_sites([(phrase, sector, 1) for phrase, sector in sites], shared_kb())
    seen = [(phrase, g.sector) for g in groups for phrase in g.phrases]
    assert sorted(seen, key=str) == sites


@pytest.mark.parametrize(
    ("name", "kind", "resolved"),
    [
        ("Hwasongpho-19", "designation", "Hwasong-19"),
        ("hwasong 19", "designation", "Hwasong-19"),
        ("600mm multiple rocket launcher", "designation", "600mm MRL"),
        ("ICBM", "weapon", "icbm"),
        ("intercontinental ballistic missiles", "weapon", "icbm"),
        ("cruise missile", "weapon", "cruise_missile"),
    ],
)
def test_weapon_names_resolve(kb: KnowledgeBase, name: str, kind: str, resolved: str) -> None:
    found = resolve_weapon(name, kb)
    assert found is not None and (found.kind, found.name) == (kind, resolved)


def test_a_word_that_is_no_weapon_does_not_resolve(kb: KnowledgeBase) -> None:
    assert resolve_weapon("tractor", kb) is None


def test_back_reference_phrases_are_found_in_text_with_the_resolved_date() -> None:
    text = "He said the plant had grown since his field guidance to the Ryongsong Machine Complex on May 4 last year."
    begin = text.index("May 4 last year")
    said = Mention(
        "date",
        Span(begin, begin + len("May 4 last year")),
        "May 4 last year",
        "2023-05-04",
        {"kind": "back_reference", "start": "2023-05-04", "end": "2023-05-04"},
    )
    (ref,) = find_back_references(text, Extraction("d1", mentions=[said]))
    assert ref.start == date(2023, 5, 4) and ref.site == "Ryongsong Machine Complex"
    assert text[ref.span[0] : ref.span[1]] == ref.text and ref.text.startswith("his field guidance")


def test_a_date_without_a_visit_phrase_is_no_back_reference() -> None:
    text = "The meeting was held on May 4 last year."
    begin = text.index("May 4")
    said = Mention("date", Span(begin, len(text) - 1), text[begin:-1], "2023-05-04", {"start": "2023-05-04"})
    assert find_back_references(text, Extraction("d1", mentions=[said])) == []


def test_references_recorded_by_the_extraction_are_kept() -> None:
    event = Event("inspection", references=[{"text": "his visit in May", "date": "2023-05-01", "span": [5, 21]}])
    (ref,) = find_back_references("x" * 40, Extraction("d1", events=[event]))
    assert (ref.found_by, ref.start, ref.span) == ("extraction", date(2023, 5, 1), (5, 21))


def test_a_title_is_an_office_not_the_sentence_going_on() -> None:
    from fieldguide.analyze.entities import clean_title

    assert clean_title("he stressed") is None
    assert clean_title("together with the participants") is None
    assert clean_title("first vice department director of the C.C., WPK") == (
        "first vice department director of the C.C., WPK"
    )


def test_abbreviations_of_the_central_committee_are_one_title() -> None:
    from fieldguide.analyze.entities import title_key

    full = title_key("secretary of the Central Committee of the Workers' Party of Korea")
    assert title_key("secretary of the C.C., WPK") == full
    assert title_key("secretary of the C.C") == full
    assert title_key("secretary of the WPK Central Committee") == full


def test_a_foreign_partys_central_committee_is_not_the_wpks() -> None:
    from fieldguide.analyze.entities import title_key

    assert "wpk" not in title_key("member of the Political Bureau of the CPC Central Committee")
