"""The shipped knowledge base: its YAML loads, and its invariants hold.

These checks read the YAML files themselves as well as the loaded result, so a
loader bug cannot hide a data bug.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from importlib import resources
from typing import Any

import pytest
import yaml

from fieldguide.kb import DPRK, KnowledgeBase, load
from fieldguide.kb.spec import DPRK_LAT, DPRK_LON, PLACE_KINDS


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load()


@functools.cache
def _shipped(stem: str) -> dict[str, Any]:
    text = resources.files("fieldguide.kb").joinpath("data", f"{stem}.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _place_entries() -> list[dict[str, Any]]:
    return _shipped("places")["places"] + _shipped("foreign_places")["places"]


def test_every_shipped_file_has_a_header_saying_how_to_extend_it() -> None:
    for stem in ("places", "foreign_places", "people"):
        text = resources.files("fieldguide.kb").joinpath("data", f"{stem}.yaml").read_text(encoding="utf-8")
        header = text.split("\n\n", 1)[0]
        assert header.startswith(f"# {stem}.yaml"), stem
        assert "--kb DIR" in text, f"{stem}.yaml should say how a user adds entries"


def test_place_names_are_unique() -> None:
    counts = Counter(entry["name"].lower() for entry in _place_entries())
    assert [name for name, n in counts.items() if n > 1] == []


def test_no_alias_is_claimed_by_two_places() -> None:
    owners: dict[str, set[str]] = {}
    for entry in _place_entries():
        for name in {entry["name"], *entry.get("aliases", [])}:
            owners.setdefault(name.lower(), set()).add(entry["name"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_no_alias_is_claimed_by_two_people() -> None:
    owners: dict[str, set[str]] = {}
    for entry in _shipped("people")["people"]:
        for name in {entry["name"], *entry.get("aliases", [])}:
            owners.setdefault(name.lower(), set()).add(entry["name"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_every_parent_exists() -> None:
    names = {entry["name"] for entry in _place_entries()}
    missing = {e["name"]: e["parent"] for e in _place_entries() if e.get("parent") and e["parent"] not in names}
    assert missing == {}


def test_dprk_coordinates_lie_inside_the_dprk(kb: KnowledgeBase) -> None:
    outside = [
        (p.name, p.lat, p.lon)
        for p in kb.places
        if p.in_dprk
        and p.lat is not None
        and p.lon is not None
        and not (DPRK_LAT[0] <= p.lat <= DPRK_LAT[1] and DPRK_LON[0] <= p.lon <= DPRK_LON[1])
    ]
    assert outside == []


def test_places_yaml_is_the_dprk_and_foreign_places_yaml_is_not() -> None:
    assert _shipped("places")["defaults"]["country"] == DPRK
    assert all(e.get("country", DPRK) == DPRK for e in _shipped("places")["places"])
    assert all(e["country"] != DPRK for e in _shipped("foreign_places")["places"])


def test_the_rok_is_not_the_dprk(kb: KnowledgeBase) -> None:
    for name in ("Seoul", "Busan", "Yeonpyeong Island", "Jeju", "Inchon", "South Korea"):
        place = kb.place(name)
        assert place is not None, name
        assert not place.in_dprk, name


def test_kinds_are_known_and_the_dprk_has_enough_places(kb: KnowledgeBase) -> None:
    assert {p.kind for p in kb.places} <= PLACE_KINDS
    dprk = [p for p in kb.places if p.in_dprk]
    assert len(dprk) >= 300
    provinces = {p.name for p in dprk if p.kind == "province"}
    assert len(provinces) == 9


def test_every_dprk_county_and_city_reaches_a_province_or_special_city(kb: KnowledgeBase) -> None:
    top_kinds = {"province", "special_city", "municipal_city"}
    for place in kb.places:
        if place.in_dprk and place.kind in {"county", "city", "district", "village", "town"}:
            chain = kb.ancestors(place)
            assert chain and chain[-1].kind in top_kinds, place.name


def test_suffix_in_the_name_matches_the_kind(kb: KnowledgeBase) -> None:
    expected = {" Province": "province", " County": "county", " District": "district", " River": "river"}
    for place in kb.places:
        for suffix, kind in expected.items():
            if place.in_dprk and place.name.endswith(suffix) and not place.name.endswith("Workers' District"):
                assert place.kind == kind, place.name


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Chagang Province", "Jagang Province"),
        ("Yanggang Province", "Ryanggang Province"),
        ("North Pyongan Province", "North Phyongan Province"),
        ("South P'yŏngan Province", "South Phyongan Province"),
        ("South Hamkyong Province", "South Hamgyong Province"),
        ("Sinŭiju", "Sinuiju"),
        ("Sinuiju City", "Sinuiju"),
        ("Nampo", "Nampho"),
        ("Rajin-Sonbong", "Rason"),
        ("Yalu River", "Amnok River"),
        ("Tumen River", "Tuman River"),
        ("Mount Paektu", "Mt Paektu"),
        ("Paektusan", "Mt Paektu"),
        ("Gaeseong", "Kaesong"),
        ("uiju county", "Uiju County"),
        ("East Sea", "East Sea of Korea"),
    ],
)
def test_places_resolve_from_the_spellings_analysts_meet(kb: KnowledgeBase, written: str, canonical: str) -> None:
    place = kb.place(written)
    assert place is not None, written
    assert place.name == canonical


def test_people_have_a_country_and_ordered_title_spans(kb: KnowledgeBase) -> None:
    assert len(kb.people) >= 60
    for person in kb.people:
        assert len(person.country) == 2
        for span in person.titles:
            assert span.since is None or span.until is None or span.since <= span.until, person.name


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Kim Jong-un", "Kim Jong Un"),
        ("Kim Jong Eun", "Kim Jong Un"),
        ("KIM Jong Un", "Kim Jong Un"),
        ("Kim Cho'ng-u'n", "Kim Jong Un"),
        ("Kim Yo-jong", "Kim Yo Jong"),
        ("Vladimir Vladimirovich Putin", "Vladimir Putin"),
        ("Zelensky", "Volodymyr Zelenskiy"),
        ("Sergey Shoigu", "Sergei Shoigu"),
        ("Yoon Suk-yeol", "Yoon Suk Yeol"),
    ],
)
def test_people_resolve_from_the_spellings_analysts_meet(kb: KnowledgeBase, written: str, canonical: str) -> None:
    person = kb.person(written)
    assert person is not None, written
    assert person.name == canonical


def test_titles_follow_the_calendar(kb: KnowledgeBase) -> None:
    minister = "minister of National Defence of the DPRK"
    assert minister in kb.person("Kang Sun Nam").titles_on(dt.date(2024, 8, 1))  # type: ignore[union-attr]
    assert minister not in kb.person("Kang Sun Nam").titles_on(dt.date(2024, 11, 1))  # type: ignore[union-attr]
    assert minister in kb.person("No Kwang Chol").titles_on(dt.date(2024, 11, 1))  # type: ignore[union-attr]


def test_weapons_and_events_files_are_kept_as_raw_data(kb: KnowledgeBase) -> None:
    for stem in ("places", "people", "foreign_places"):
        assert stem in kb.raw
    for stem in ("weapons", "events"):
        if resources.files("fieldguide.kb").joinpath("data", f"{stem}.yaml").is_file():
            assert isinstance(kb.raw[stem], dict)


def test_weapon_designations_have_unique_names_and_patterns_the_gate_can_find() -> None:
    from fieldguide.extract.anchors import anchors, leading

    designations = _shipped("weapons")["designations"]
    counts = Counter(d["name"].lower() for d in designations)
    assert [name for name, n in counts.items() if n > 1] == []
    # a pattern with no literal anchor is only tried near the start of a text, so it would miss most mentions
    unanchored = [d["name"] for d in designations if leading(d["pattern"]) is None and anchors(d["pattern"]) is None]
    assert unanchored == []


def test_person_names_are_unique() -> None:
    counts = Counter(entry["name"].lower() for entry in _shipped("people")["people"])
    assert [name for name, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Jang Song-thaek", "Jang Song Thaek"),
        ("Hwang Pyong-so", "Hwang Pyong So"),
        ("Moon Jae-in", "Moon Jae In"),
        ("Sergei Shoygu", "Sergei Shoigu"),
        ("Michael Pompeo", "Mike Pompeo"),
    ],
)
def test_people_of_2012_to_2021_resolve(kb: KnowledgeBase, written: str, canonical: str) -> None:
    person = kb.person(written)
    assert person is not None, written
    assert person.name == canonical


def test_titles_of_the_earlier_years_follow_the_calendar(kb: KnowledgeBase) -> None:
    leader = kb.person("Kim Jong Un")
    assert leader is not None
    assert "First Chairman of the National Defence Commission of the DPRK" in leader.titles_on(dt.date(2014, 1, 1))
    assert "First Chairman of the National Defence Commission of the DPRK" not in leader.titles_on(dt.date(2018, 1, 1))
    premier = "premier of the Cabinet"
    assert premier in kb.person("Pak Pong Ju").titles_on(dt.date(2016, 1, 1))  # type: ignore[union-attr]
    assert premier not in kb.person("Pak Pong Ju").titles_on(dt.date(2021, 1, 1))  # type: ignore[union-attr]


def test_jungphyong_is_the_farm_village_of_north_hamgyong_not_jongphyong_county(kb: KnowledgeBase) -> None:
    place = kb.place("Jungphyong")
    assert place is not None
    assert place.name == "Jungphyong-ri"
    assert place.parent == "Kyongsong County"
