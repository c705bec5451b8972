"""Any text in, no exception: every span lies inside the text and covers the words it claims."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract_helpers import extractor
from fieldguide.characters import unstorable_reason
from fieldguide.model import Document, Reject
from fieldguide.sources.document import build

KCNA_WORDS = st.sampled_from(
    [
        "Kim Jong Un",
        "inspected",
        "visited",
        "the",
        "factory",
        "on Sunday",
        "Pyongyang, August 5 (KCNA) --",
        "He",
        "was accompanied by",
        "Jo Yong Won,",
        "secretary",
        "600mm",
        "multiple rocket launcher",
        "Hwasongpho-19",
        "North Phyongan Province",
        "sent a message to",
        "Xi Jinping",
        ".",
        "\n",
        "from August 3 to 5",
        "the previous day",
        "oversaw",
        "test-fire",
        "U.S.",
        "ceremony",
        "attended",
        "made a speech",
        "Ri",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(KCNA_WORDS, max_size=60).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, published=st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))))
def test_any_text_gives_spans_inside_the_text_that_cover_their_words(text: str, published: date | None) -> None:
    doc = Document(id="h", text=text, published=published)
    x = extractor()(doc)
    assert x.problems == []
    for m in x.mentions:
        assert 0 <= m.span.start <= m.span.end <= len(text)
        assert text[m.span.start : m.span.end] == m.text
    for event in x.events:
        for span in event.evidence:
            assert 0 <= span.start < span.end <= len(text)
        for person in event.people:
            if person.span is not None:
                assert 0 <= person.span.start < person.span.end <= len(text)
        if event.start and event.end:
            assert event.start <= event.end
    x.to_record()  # the record always serializes


CONTROL_TEXTS = st.lists(
    st.one_of(KCNA_WORDS, st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\ud800", "\t", "\r\n", "\x0b"])),
    max_size=60,
).map(" ".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.one_of(CONTROL_TEXTS, st.text(max_size=300)))
def test_text_with_control_characters_is_read_and_extracted_without_a_crash(raw: str) -> None:
    built = build(raw, origin="prop", source="KCNA")
    if isinstance(built, Reject):
        assert built.reason.startswith("no text")  # only a text of nothing but blanks and controls
        return
    assert unstorable_reason(built) is None
    x = extractor()(built)
    for m in x.mentions:
        assert 0 <= m.span.start <= m.span.end <= len(built.text)
        assert built.text[m.span.start : m.span.end] == m.text
    for event in x.events:
        for span in event.evidence:
            assert 0 <= span.start < span.end <= len(built.text)


def test_a_text_beyond_the_limit_is_read_up_to_it_and_the_problem_named(monkeypatch) -> None:
    from fieldguide.extract import pipeline

    monkeypatch.setattr(pipeline, "MAX_TEXT_CHARS", 2000)
    text = "Kim Jong Un inspected the munitions factory. " + "Kim Jong " * 1000
    x = extractor()(Document(id="long", text=text, published=date(2024, 9, 13)))
    (problem,) = x.problems
    assert "more than the 2,000 read for extraction" in problem
    assert x.mentions and all(m.span.end <= 2000 for m in x.mentions)
    assert [e.type for e in x.events] == ["inspection"]  # what lies inside the limit is still read
    spans = sorted((m.span.start, m.span.end) for m in x.mentions if m.kind == "person")
    assert all(a[1] <= b[0] for a, b in pairwise(spans))  # no two names overlap
