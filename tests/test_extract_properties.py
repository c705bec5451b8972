"""Any text in, no exception: every span lies inside the text and covers the words it claims."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract_helpers import extractor
from fieldguide.model import Document

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
