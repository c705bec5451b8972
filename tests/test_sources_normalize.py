"""Normalization: whitespace, stray line breaks, glued names, and offsets that lead back to the original."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldguide.characters import has_unstorable
from fieldguide.sources.normalize import normalize, normalize_line


def assert_offsets_hold(original: str, normalized: str, offsets) -> None:
    """Every normalized character that is not whitespace is found where the map says.

    NFC may compose characters ("e" + combining accent -> "é"); such a character maps to the start
    of what it was composed from, so it is compared by its first decomposed character, and combining
    marks by membership in that cluster.
    """
    for i, ch in enumerate(normalized):
        if ch.isspace():
            continue
        o = offsets.to_original(i)
        assert 0 <= o < len(original), (i, o)
        if original[o] == ch:
            continue
        assert unicodedata.normalize("NFD", ch)[0] == unicodedata.normalize("NFD", original[o])[
            0
        ] or unicodedata.combining(ch), (i, ch, o, original[o])


def test_glued_leader_names_get_their_spaces_back():
    text, offsets = normalize("He said toKim Jong Unthat the work ofKim Jong Un, and ComradeKim Jong Unvisited.")
    assert text == "He said to Kim Jong Un that the work of Kim Jong Un, and Comrade Kim Jong Un visited."
    assert_offsets_hold(
        "He said toKim Jong Unthat the work ofKim Jong Un, and ComradeKim Jong Unvisited.", text, offsets
    )


def test_other_glued_names_and_names_glued_to_each_other():
    text, _ = normalize("statues of PresidentKim Il Sungand ChairmanKim Jong Ilon Mansu Hill")
    assert text == "statues of President Kim Il Sung and Chairman Kim Jong Il on Mansu Hill"


def test_names_set_is_a_parameter():
    assert normalize("toKim Yo Jongthat", names=("Kim Yo Jong",))[0] == "to Kim Yo Jong that"
    assert normalize("toKim Jong Unthat", names=())[0] == "toKim Jong Unthat"


def test_words_built_on_a_name_are_left_alone():
    assert normalize("the Kim Il Sungia flower show")[0] == "the Kim Il Sungia flower show"


def test_stray_line_break_before_a_name_or_lowercase_is_joined():
    raw = "the fatherly Marshal\nKim Jong Unput forward tasks\nfor the workers.\nThe next paragraph."
    text, offsets = normalize(raw)
    assert text == "the fatherly Marshal Kim Jong Un put forward tasks for the workers.\nThe next paragraph."
    assert_offsets_hold(raw, text, offsets)


def test_paragraph_breaks_are_kept():
    raw = "He visited the plant.\nHe praised the workers.\n\nA new section\nstarts here"
    assert normalize(raw)[0] == "He visited the plant.\nHe praised the workers.\n\nA new section starts here"
    # A paragraph that lacks its final period (common in the corpus) stays a paragraph.
    assert normalize("targeting Russia\nBut it discarded")[0] == "targeting Russia\nBut it discarded"


def test_whitespace_is_unified():
    raw = "  Pyongyang,\tAugust 5  (KCNA) --\r\nA\xa0meeting   was held.  \r\n\r\n\r\n\r\nEnd.  "
    text, offsets = normalize(raw)
    assert text == "Pyongyang, August 5 (KCNA) --\nA meeting was held.\n\nEnd."
    assert_offsets_hold(raw, text, offsets)


def test_clean_text_is_returned_unchanged_with_an_identity_map():
    raw = "Pyongyang, August 5 (KCNA) -- A meeting was held.\nIt ended.\n\nCurly “quotes” stay."
    text, offsets = normalize(raw)
    assert text == raw
    assert offsets.norm == ()


def test_nfc_composes_and_maps_to_the_cluster():
    raw = "Cafe\u0301 visit"
    text, offsets = normalize(raw)
    assert text == "Café visit"
    assert offsets.to_original(text.index("visit")) == raw.index("visit")


def test_normalize_line_for_titles():
    assert (
        normalize_line("  Respected ComradeKim Jong Un\n Visits  Farm ") == "Respected Comrade Kim Jong Un Visits Farm"
    )
    assert normalize_line("   ") is None
    assert normalize_line(None) is None


kcna_like = st.lists(
    st.sampled_from(
        [
            "toKim Jong Unthat",
            "ofKim Il Sung",
            "Kim Jong Ilvisited",
            "Marshal\nKim Jong Un",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n\n",
            "\r\n",
            "\xa0",
            "word",
            "Word.",
            "e\u0301",
            "’",
            "Pyongyang, August 5 (KCNA) --",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=300)
@given(st.one_of(st.text(), kcna_like))
def test_any_text_normalizes_and_offsets_hold(raw: str):
    text, offsets = normalize(raw)
    assert text == text.strip(" \t\n\r\f\v\xa0\u3000")
    assert unicodedata.is_normalized("NFC", text)
    assert "  " not in text and "\n\n\n" not in text and "\r" not in text
    assert_offsets_hold(raw, text, offsets)
    # The map never goes backwards.
    mapped = [offsets.to_original(i) for i in range(len(text))]
    assert mapped == sorted(mapped)


@settings(max_examples=200)
@given(kcna_like)
def test_normalizing_twice_changes_nothing_more(raw: str):
    once, _ = normalize(raw)
    twice, offsets = normalize(once)
    assert twice == once
    assert offsets.norm == ()


HOSTILE_CHARS = st.sampled_from(["\x00", "\x01", "\x08", "\x1b", "\x1f", "\x7f", "\ud800", "\udfff", "\t", "\x0c"])
with_controls = st.lists(st.one_of(kcna_like, HOSTILE_CHARS, st.text(max_size=5)), max_size=30).map("".join)


@settings(max_examples=300)
@given(with_controls)
def test_text_with_control_characters_loses_them_and_offsets_hold(raw: str):
    text, offsets = normalize(raw)
    assert not has_unstorable(text)
    text.encode("utf-8")  # what both back ends need
    assert_offsets_hold(raw, text, offsets)
    mapped = [offsets.to_original(i) for i in range(len(text))]
    assert mapped == sorted(mapped)


def test_nul_in_a_word_is_removed_and_the_map_skips_it():
    raw = "Kim Jong\x00 Un visited\x01\x02 the plant."
    text, offsets = normalize(raw)
    assert text == "Kim Jong Un visited the plant."
    assert raw[offsets.to_original(text.index("the")) :].startswith("the")
    assert normalize_line("Missile\x00 Test\x1b") == "Missile Test"


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Kim", "Jong", "Un", "Il Sung", " ", "  ", "\n", "\t", "\r\n", "x", "\x1c", "\xa0", "\n\n\n"]),
        max_size=10,
    ).map("".join)
)
def test_a_line_normalized_by_the_short_way_is_normalized_as_the_text_is(raw: str) -> None:
    text, _ = normalize(raw)
    assert normalize_line(raw) == (" ".join(text.split()) or None)
