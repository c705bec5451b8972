"""Romanization folding: the spellings of one Korean name come to one KCNA spelling."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from fieldguide.kb import load
from fieldguide.kb.romanize import fold_person, fold_place, mr_to_kcna, person_key, place_variants, strip_marks

NO_ALIASES: dict[str, str] = {}


@pytest.mark.parametrize(
    "written",
    ["Kim Jong-un", "Kim Jong Un", "KIM Jong Un", "Kim Jong-Un", "Kim Cho'ng-u'n", "Kim Chŏng-ŭn", "kim jong un"],
)
def test_the_leaders_name_folds_by_rule(written: str) -> None:
    assert fold_person(written, NO_ALIASES) == "Kim Jong Un"


def test_known_aliases_win_over_rules() -> None:
    assert fold_person("Kim Jong Eun", {person_key("Kim Jong Eun"): "Kim Jong Un"}) == "Kim Jong Un"
    assert fold_person("Kim Jong Eun", NO_ALIASES) == "Kim Jong Eun"


def test_fold_person_uses_the_packaged_people_by_default() -> None:
    assert fold_person("Kim Jong Eun") == "Kim Jong Un"
    assert fold_person("Zelensky") == "Volodymyr Zelenskiy"


@pytest.mark.parametrize(
    ("written", "kcna"),
    [
        ("Choe Ryong-hae", "Choe Ryong Hae"),
        ("Ch'oe Ryong-hae", "Choe Ryong Hae"),
        ("Pak T'ae-sŏng", "Pak Thae Song"),
        ("Jo Yong-won", "Jo Yong Won"),
        ("Yoon Suk-yeol", "Yoon Suk Yeol"),
        ("Vladimir Putin", "Vladimir Putin"),  # not Korean: left alone
        ("Ho Chi Minh", "Ho Chi Minh"),
    ],
)
def test_korean_given_names_become_capitalised_syllables(written: str, kcna: str) -> None:
    assert fold_person(written, NO_ALIASES) == kcna


def test_mcCune_reischauer_marks_become_kcna_letters() -> None:
    assert mr_to_kcna("P'yŏngyang") == "Phyongyang"
    assert mr_to_kcna("Chagang") == "Chagang"  # no MR marks: not MR, left alone
    assert mr_to_kcna("Ch'ŏngjin") == "Chongjin"
    assert strip_marks("  P'yŏngan   Province ") == "Pyongan Province"


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        ("North Phyongan Province", "North Pyongan Province"),
        ("North Phyongan Province", "North P'yŏngan Province"),
        ("Jagang Province", "Chagang Province"),
        ("Ryanggang Province", "Yanggang Province"),
        ("South Hamgyong Province", "South Hamkyong Province"),
        ("Kangwon Province", "Gangwon Province"),
        ("Kaesong", "Gaeseong"),
        ("Sinuiju", "Sinŭiju"),
        ("Rason", "Rajin-Sonbong"),
        ("Nampho", "Nampo"),
        ("Amnok River", "Yalu River"),
        ("Tuman River", "Tumen River"),
        ("Uiju County", "Uiju-gun"),
        ("Uiju County", "Uiju"),
        ("Sinmi-ri", "Sinmiri"),
        ("Mt Paektu", "Mount Paektu"),
        ("Mt Paektu", "Paektusan"),
        ("Mt Paektu", "Paektu Mountain"),
    ],
)
def test_place_variants_cover_the_common_spellings(name: str, variant: str) -> None:
    assert variant in place_variants(name)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("P'yŏngan", "Phyongan"),
        ("Pyeongan", "Phyongan"),
        ("Chagang", "Jagang"),
        ("Gangwon", "Kangwon"),
        ("Yanggang", "Ryanggang"),
        ("Gaeseong", "Kaesong"),
        ("Hamkyong", "Hamgyong"),
        ("Cheongjin", "Chongjin"),
        ("Najin", "Rajin"),
        ("Yongbyon", "Nyongbyon"),
    ],
)
def test_fold_place_makes_romanizations_coincide(a: str, b: str) -> None:
    assert fold_place(a) == fold_place(b)


def test_fold_place_keeps_different_places_apart() -> None:
    assert fold_place("Hwasong District") != fold_place("Hwasong County")
    assert fold_place("Sinuiju") != fold_place("Sinpho")


# KCNA-style syllables: an initial, a vowel, a final.
_SYLLABLES = st.builds(
    lambda i, v, f: i + v + f,
    st.sampled_from(["", "k", "kh", "n", "t", "th", "r", "m", "p", "ph", "s", "j", "ch", "h", "ry", "ny"]),
    st.sampled_from(["a", "o", "u", "i", "ae", "e", "yo", "ya", "yu", "wo", "ui", "oe"]),
    st.sampled_from(["", "n", "ng", "k", "l", "m", "p"]),
)
_SUFFIXES = st.sampled_from(["Province", "County", "District", "River"])
_IRREGULAR_BASES = ("amnok", "amrok", "tuman", "yalu", "rason", "paektu", "changbai")


@given(st.lists(_SYLLABLES, min_size=2, max_size=3), _SUFFIXES)
def test_every_rule_variant_folds_back_to_the_same_key(syllables: list[str], suffix: str) -> None:
    base = "".join(syllables).capitalize()
    assume(not any(word in base.lower() for word in _IRREGULAR_BASES))
    name = f"{base} {suffix}"
    for variant in place_variants(name):
        if variant.endswith(" " + suffix):
            assert fold_place(variant) == fold_place(name), variant


@given(st.lists(_SYLLABLES, min_size=2, max_size=3))
def test_place_variants_always_include_the_name_itself(syllables: list[str]) -> None:
    name = "".join(syllables).capitalize() + " County"
    variants = place_variants(name)
    assert name in variants
    assert all(v.strip() == v and v for v in variants)


_SURNAMES = st.sampled_from(["Kim", "Ri", "Pak", "Choe", "Jo", "Jong", "Kang", "O", "Hyon", "Jang"])


@given(_SURNAMES, st.lists(_SYLLABLES, min_size=1, max_size=2), st.sampled_from(["-", " "]), st.booleans())
def test_fold_person_is_idempotent_and_ignores_hyphens_and_case(
    surname: str, given_name: list[str], joiner: str, shout: bool
) -> None:
    written = f"{surname.upper() if shout else surname} {joiner.join(given_name)}"
    folded = fold_person(written, NO_ALIASES)
    assert fold_person(folded, NO_ALIASES) == folded
    assert folded == " ".join([surname, *(s.capitalize() for s in given_name)])


@pytest.mark.parametrize(
    ("hangul", "name"),
    [
        ("김정은", "Kim Jong Un"),
        ("조용원", "Jo Yong Won"),
        ("김여정", "Kim Yo Jong"),
        ("최선희", "Choe Son Hui"),
        ("박정천", "Pak Jong Chon"),
        ("리병철", "Ri Pyong Chol"),
        ("김덕훈", "Kim Tok Hun"),
        ("박태성", "Pak Thae Song"),
    ],
)
def test_a_name_in_hangul_is_the_officials_name(hangul: str, name: str) -> None:
    kb = load()
    assert kb.canonical_person(hangul) == name
    person = kb.person(unicodedata.normalize("NFD", hangul))  # as some terminals type it
    assert person is not None and person.name == name and person.hangul == hangul


def test_a_name_in_hangul_the_knowledge_base_lacks_stays_itself() -> None:
    # once every Hangul name had the empty key, and the first one in the index answered for all
    assert load().canonical_person("홍길동") == "홍길동"
