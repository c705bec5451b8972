"""Anchors: the literals a rule's match must begin with, read from the parsed pattern."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract_helpers import extractor
from fieldguide.extract.anchors import leading


def test_openings_are_read_past_a_prefix_the_parser_factored_out() -> None:
    # the parser turns "met|meets|meeting" into "me" + "t|ets|eting": too short an anchor alone
    assert leading(r"\b(?:met|meets|meeting) (?:with )?[A-Z]\w+") is None
    assert leading(r"\b(?:met|meets|meeting) (?:with )?[A-Z]\w+", across_groups=True) == {
        "met ",
        "meets ",
        "meeting ",
    }


def test_openings_go_through_groups_and_stop_at_what_is_not_literal() -> None:
    heads = leading(r"\b(?:(?:at|during) (?:the|his) (?:field )?visit|inspected)\b", across_groups=True)
    assert heads == {"at the ", "at his ", "during the ", "during his ", "inspected"}


def test_a_one_letter_class_and_an_optional_group_give_openings_where_nothing_else_does() -> None:
    heads = leading(r"\b(?:[Uu]nder the guidance|(?:relief )?materials sent)\b", across_groups=True)
    assert heads == {"under the guidance", "relief materials sent", "materials sent"}
    # not read past where the literals alone give openings already
    assert leading(r"\b(?:at|during) (?:the )?visit", across_groups=True) == {"at ", "during "}


def test_one_alternative_without_an_opening_leaves_the_pattern_without_one() -> None:
    assert leading(r"\b(?:inspected|[a-z]+ visited)\b", across_groups=True) is None
    assert leading(r"\b(?:inspected|at)\b", across_groups=True) is None  # "at" is too short an anchor


RULE_WORDS = st.sampled_from(
    [
        "Kim Jong Un", "he", "He", "met", "meets", "meeting", "with", "Putin", "had", "held", "talks", "a talk",
        "At", "at", "the", "his", "visit", "visited", "to", "during", "inspected", "gave", "field", "guidance",
        "made", "an", "unofficial", "received", "delegation", "signed", "declaration", "went", "round", "looking",
        "factory", "summit", ",", ".", "who",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(RULE_WORDS, min_size=1, max_size=30).map(" ".join))
def test_every_match_of_an_event_rule_begins_at_one_of_its_openings(text: str) -> None:
    """What Live.finditer relies on: a rule with openings is only tried where one begins."""
    gate = extractor().rules.gate
    lowered = text.lower()
    for i in gate.starts_at_anchor:
        heads = leading(gate.patterns[i].pattern, across_groups=True)
        assert heads is not None
        for m in gate.patterns[i].finditer(text):
            assert any(lowered.startswith(h, m.start()) for h in heads), (gate.patterns[i].pattern[:60], m.group())


def test_the_inspection_and_talks_rules_have_openings() -> None:
    gate = extractor().rules.gate
    for words in ("inspected the factory", "held talks with"):
        found = [i for i, p in enumerate(gate.patterns) if re.search(p, words)]
        assert found and all(i in gate.starts_at_anchor for i in found), words


@settings(max_examples=100, deadline=None)
@given(st.lists(RULE_WORDS, min_size=1, max_size=30).map(" ".join))
def test_a_look_ahead_for_the_first_characters_changes_no_match(text: str) -> None:
    from fieldguide.extract.anchors import with_first_chars
    from fieldguide.extract.events.subjects import SUBJECT_WORDS

    for pattern in (
        re.compile(r"\b(?:[Tt]he (?:two|top) leaders|(?:dear )?respected \w+)\b|(?P<he>[Hh]e\b)"),
        SUBJECT_WORDS,
    ):
        faster = with_first_chars(pattern)
        assert [(m.span(), m.lastgroup) for m in faster.finditer(text)] == [
            (m.span(), m.lastgroup) for m in pattern.finditer(text)
        ]


def test_a_pattern_that_opens_on_a_literal_or_a_class_is_left_as_it_is() -> None:
    from fieldguide.extract.anchors import with_first_chars

    for written in (r", (?:the )?members\b", r"[Hh](?<![\w-][Hh])e\b", r"(?m)^\w+"):
        pattern = re.compile(written)
        assert with_first_chars(pattern) is pattern


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["he", "He", "HE", "hE", "the", "she", "-he", "he's", "İhe", "ſhe", "."]), max_size=20))
def test_the_pronoun_found_from_the_lower_cased_text_is_the_pattern_s(words: list[str]) -> None:
    from fieldguide.extract.events.subjects import PRONOUN_ONLY, _pronouns
    from fieldguide.extract.text import lowercase

    text = " ".join(words)
    assert [m.span() for m in _pronouns(text, lowercase(text))] == [m.span() for m in PRONOUN_ONLY.finditer(text)]
