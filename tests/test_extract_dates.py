"""Date expressions in dispatches: found with exact spans, resolved against the dateline date.

The sentences are written for these tests in the style of KCNA dispatches.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldguide.extract.dates import (  # the fast path and its reference
    _DATE_RE,
    DateMention,
    _date_matches,
    anchor,
    find_dateline,
    find_dates,
)

MONDAY = date(2024, 8, 5)  # the dateline of most cases below
SUNDAY = date(2024, 8, 4)


def body_mentions(text: str, reported: date | None) -> list[DateMention]:
    """find_dates without the dateline, checking the span invariant on the way."""
    mentions = find_dates(text, reported)
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.text
    return [m for m in mentions if m.kind != "dateline"]


def one(text: str, reported: date | None) -> DateMention:
    mentions = body_mentions(text, reported)
    assert len(mentions) == 1, mentions
    return mentions[0]


def d(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


# (sentence, reported date, mention text, start, end, precision, kind)
CASES = [
    # absolute dates, the year from the reported date
    ("The ceremony took place on August 3.", MONDAY, "August 3", "2024-08-03", "2024-08-03", "day", "absolute"),
    ("The ceremony took place on 3 August.", MONDAY, "3 August", "2024-08-03", "2024-08-03", "day", "absolute"),
    ("He arrived on August 3, 2023.", MONDAY, "August 3, 2023", "2023-08-03", "2023-08-03", "day", "absolute"),
    ("Talks were held on Aug. 3.", MONDAY, "Aug. 3", "2024-08-03", "2024-08-03", "day", "absolute"),
    ("The forum opened on Sept. 18.", date(2024, 9, 20), "Sept. 18", "2024-09-18", "2024-09-18", "day", "absolute"),
    (
        "It was founded on the 3rd of August.",
        MONDAY,
        "the 3rd of August",
        "2024-08-03",
        "2024-08-03",
        "day",
        "absolute",
    ),
    ("A rally is to be held on October 1.", MONDAY, "October 1", "2024-10-01", "2024-10-01", "day", "absolute"),
    # more than two months after the dateline: last year's
    ("The plant was completed on November 20.", MONDAY, "November 20", "2023-11-20", "2023-11-20", "day", "absolute"),
    (
        "The banquet took place on December 28.",
        date(2024, 1, 3),
        "December 28",
        "2023-12-28",
        "2023-12-28",
        "day",
        "absolute",
    ),
    (
        "He visited the mill on November 9 last year.",
        MONDAY,
        "November 9 last year",
        "2023-11-09",
        "2023-11-09",
        "day",
        "absolute",
    ),
    (
        "Sowing began on April 20 this year.",
        MONDAY,
        "April 20 this year",
        "2024-04-20",
        "2024-04-20",
        "day",
        "absolute",
    ),
    ("It will open on March 1 next year.", MONDAY, "March 1 next year", "2025-03-01", "2025-03-01", "day", "absolute"),
    # leap years
    (
        "The dam was finished on February 29.",
        date(2024, 3, 2),
        "February 29",
        "2024-02-29",
        "2024-02-29",
        "day",
        "absolute",
    ),
    ("The dam was finished on February 29.", date(2023, 3, 2), "February 29", None, None, "day", "absolute"),
    # Juche years
    (
        "A flag-hoisting ceremony was held on January 1, Juche 113 (2024).",
        date(2024, 1, 2),
        "January 1, Juche 113 (2024)",
        "2024-01-01",
        "2024-01-01",
        "day",
        "juche",
    ),
    (
        "The school was opened on April 15, Juche 113.",
        MONDAY,
        "April 15, Juche 113",
        "2024-04-15",
        "2024-04-15",
        "day",
        "juche",
    ),
    (
        "The people greeted the new year, Juche 113 (2024).",
        date(2024, 1, 2),
        "Juche 113 (2024)",
        "2024-01-01",
        "2024-12-31",
        "year",
        "juche",
    ),
    (
        "The people greeted Juche 113 with joy.",
        date(2024, 1, 2),
        "Juche 113",
        "2024-01-01",
        "2024-12-31",
        "year",
        "juche",
    ),
    (
        "One day in May Juche 106 (2017), he visited a farm.",
        MONDAY,
        "May Juche 106 (2017)",
        "2017-05-01",
        "2017-05-31",
        "month",
        "juche",
    ),
    # weekdays: the latest such day on or before the dateline
    ("He inspected the unit on Sunday.", MONDAY, "Sunday", "2024-08-04", "2024-08-04", "day", "weekday"),
    ("He inspected the unit on Monday.", MONDAY, "Monday", "2024-08-05", "2024-08-05", "day", "weekday"),
    ("He inspected the unit on Sunday.", SUNDAY, "Sunday", "2024-08-04", "2024-08-04", "day", "weekday"),
    ("He inspected the unit on Tuesday.", MONDAY, "Tuesday", "2024-07-30", "2024-07-30", "day", "weekday"),
    (
        "The test-fire took place on Sunday afternoon.",
        MONDAY,
        "Sunday afternoon",
        "2024-08-04",
        "2024-08-04",
        "day",
        "weekday",
    ),
    (
        "Rodong Sinmun Monday says in an editorial that all must work.",
        MONDAY,
        "Monday",
        "2024-08-05",
        "2024-08-05",
        "day",
        "weekday",
    ),
    ("The delegation arrived last Sunday.", SUNDAY, "last Sunday", "2024-07-28", "2024-07-28", "day", "weekday"),
    ("The new year began on Monday.", date(2024, 1, 2), "Monday", "2024-01-01", "2024-01-01", "day", "weekday"),
    ("The new year was greeted on Sunday.", date(2024, 1, 1), "Sunday", "2023-12-31", "2023-12-31", "day", "weekday"),
    # relative days
    (
        "He watched the drill on the previous day.",
        MONDAY,
        "the previous day",
        "2024-08-04",
        "2024-08-04",
        "day",
        "relative",
    ),
    (
        "The previous day he visited a farm.",
        date(2024, 3, 1),
        "The previous day",
        "2024-02-29",
        "2024-02-29",
        "day",
        "relative",
    ),
    (
        "The previous day he visited a farm.",
        date(2023, 3, 1),
        "The previous day",
        "2023-02-28",
        "2023-02-28",
        "day",
        "relative",
    ),
    ("The delegation left here yesterday.", MONDAY, "yesterday", "2024-08-04", "2024-08-04", "day", "relative"),
    ("A meeting took place today.", MONDAY, "today", "2024-08-05", "2024-08-05", "day", "relative"),
    ("He had arrived the day before.", MONDAY, "the day before", "2024-08-04", "2024-08-04", "day", "relative"),
    (
        "On the same day, floral baskets were laid.",
        MONDAY,
        "the same day",
        "2024-08-05",
        "2024-08-05",
        "day",
        "relative",
    ),
    ("He left for home the following day.", MONDAY, "the following day", "2024-08-06", "2024-08-06", "day", "relative"),
    (
        "The day before yesterday it rained.",
        date(2024, 1, 1),
        "The day before yesterday",
        "2023-12-30",
        "2023-12-30",
        "day",
        "relative",
    ),
    (
        "The balloons were launched three days ago.",
        MONDAY,
        "three days ago",
        "2024-08-02",
        "2024-08-02",
        "day",
        "relative",
    ),
    # spans of days
    (
        "He gave field guidance to munitions factories from August 3 to 5.",
        MONDAY,
        "from August 3 to 5",
        "2024-08-03",
        "2024-08-05",
        "day",
        "range",
    ),
    (
        "The festival was held from July 30 to August 2.",
        MONDAY,
        "from July 30 to August 2",
        "2024-07-30",
        "2024-08-02",
        "day",
        "range",
    ),
    ("The exercises went on August 1-3.", MONDAY, "August 1-3", "2024-08-01", "2024-08-03", "day", "range"),
    (
        "The drills were staged between July 29 and 31.",
        MONDAY,
        "between July 29 and 31",
        "2024-07-29",
        "2024-07-31",
        "day",
        "range",
    ),
    ("The contests took place on August 1 and 2.", MONDAY, "August 1 and 2", "2024-08-01", "2024-08-02", "day", "list"),
    (
        "The games took place on August 1, 2 and 4.",
        MONDAY,
        "August 1, 2 and 4",
        "2024-08-01",
        "2024-08-04",
        "day",
        "list",
    ),
    (
        "The exhibition ran from December 30 to January 2.",
        date(2024, 1, 4),
        "from December 30 to January 2",
        "2023-12-30",
        "2024-01-02",
        "day",
        "range",
    ),
    (
        "The plenary meeting was held from Monday to Wednesday.",
        date(2024, 8, 8),
        "from Monday to Wednesday",
        "2024-08-05",
        "2024-08-07",
        "day",
        "range",
    ),
    (
        "They staged drills from January to April.",
        MONDAY,
        "from January to April",
        "2024-01-01",
        "2024-04-30",
        "month",
        "range",
    ),
    ("Sanctions were imposed from 2019 to 2023.", MONDAY, "2019 to 2023", "2019-01-01", "2023-12-31", "year", "range"),
    # months and years
    ("The harvest was gathered in July.", MONDAY, "July", "2024-07-01", "2024-07-31", "month", "month"),
    (
        "The plan was fulfilled in February.",
        date(2024, 3, 10),
        "February",
        "2024-02-01",
        "2024-02-29",
        "month",
        "month",
    ),
    ("The talks were held in December.", date(2024, 1, 10), "December", "2023-12-01", "2023-12-31", "month", "month"),
    ("He visited the farm in August 2023.", MONDAY, "August 2023", "2023-08-01", "2023-08-31", "month", "month"),
    (
        "He inspected the unit in August last year.",
        MONDAY,
        "August last year",
        "2023-08-01",
        "2023-08-31",
        "month",
        "month",
    ),
    (
        "The bridge was completed early this month.",
        MONDAY,
        "early this month",
        "2024-08-01",
        "2024-08-31",
        "month",
        "month",
    ),
    ("The summit was held last June.", MONDAY, "last June", "2024-06-01", "2024-06-30", "month", "month"),
    ("The summit was held last September.", MONDAY, "last September", "2023-09-01", "2023-09-30", "month", "month"),
    ("The works were finished by mid-July.", MONDAY, "mid-July", "2024-07-01", "2024-07-31", "month", "month"),
    ("The factory was built in 2023.", MONDAY, "2023", "2023-01-01", "2023-12-31", "year", "year"),
    ("Output grew this year.", MONDAY, "this year", "2024-01-01", "2024-12-31", "year", "year"),
    ("Output grew over the same period of last year.", MONDAY, "last year", "2023-01-01", "2023-12-31", "year", "year"),
]


@pytest.mark.parametrize(("sentence", "reported", "text", "start", "end", "precision", "kind"), CASES)
def test_date_expressions_resolve_against_the_reported_date(
    sentence: str, reported: date, text: str, start: str | None, end: str | None, precision: str, kind: str
) -> None:
    m = one(sentence, reported)
    assert (m.text, m.start, m.end, m.precision, m.kind) == (text, d(start), d(end), precision, kind)


# --- datelines --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "expected", "written"),
    [
        (
            "Pyongyang, August 5 (KCNA) -- The respected Comrade ...",
            MONDAY,
            "2024-08-05",
            "Pyongyang, August 5 (KCNA) --",
        ),
        ("Pyongyang, August 5 (KCNA)--The respected Comrade ...", MONDAY, "2024-08-05", "Pyongyang, August 5 (KCNA)--"),
        ("Pyongyang, August 4 (KCNA) – A meeting ...", MONDAY, "2024-08-04", "Pyongyang, August 4 (KCNA) –"),
        ("Beijing, August 5 (KCNA) -- A delegation ...", MONDAY, "2024-08-05", "Beijing, August 5 (KCNA) --"),
        (
            "Pyongyang, December 31 (KCNA) -- The year ...",
            date(2025, 1, 1),
            "2024-12-31",
            "Pyongyang, December 31 (KCNA) --",
        ),
        (
            "Pyongyang, January 1 (KCNA) -- The year ...",
            date(2024, 12, 31),
            "2025-01-01",
            "Pyongyang, January 1 (KCNA) --",
        ),
        (
            "Pyongyang, January 1, Juche 113 (2024) (KCNA) -- A ceremony ...",
            None,
            "2024-01-01",
            "Pyongyang, January 1, Juche 113 (2024) (KCNA) --",
        ),
        (
            "\nPyongyang, February 29 (KCNA) -- Farmers ...",
            date(2024, 3, 1),
            "2024-02-29",
            "Pyongyang, February 29 (KCNA) --",
        ),
    ],
)
def test_dateline_is_read_with_the_year_of_publication(
    text: str, published: date | None, expected: str, written: str
) -> None:
    found, span = find_dateline(text, published)
    assert found == d(expected)
    assert span is not None and span.of(text) == written


def test_without_a_dateline_the_published_date_stands() -> None:
    text = "One day in May Juche 106 (2017), the respected Comrade visited a farm."
    assert find_dateline(text, MONDAY) == (MONDAY, None)
    assert find_dateline(text, None) == (None, None)


def test_find_dates_lists_the_dateline_first_and_the_rest_in_text_order() -> None:
    text = (
        "Pyongyang, August 5 (KCNA) -- Kim Jong Un inspected a munitions factory on Sunday.\n"
        "On the previous day he had watched a test-fire. He first visited the factory on November 9 last year."
    )
    mentions = find_dates(text, MONDAY)
    assert [(m.kind, m.text, m.start) for m in mentions] == [
        ("dateline", "Pyongyang, August 5 (KCNA) --", MONDAY),
        ("weekday", "Sunday", SUNDAY),
        ("relative", "the previous day", SUNDAY),
        ("absolute", "November 9 last year", date(2023, 11, 9)),
    ]
    assert all(m.span.of(text) == m.text for m in mentions)


# --- earlier visits, holidays and numbers that are no dates -----------------------------


def test_a_date_of_an_earlier_field_guidance_is_a_back_reference() -> None:
    text = (
        "He highly praised the factory for fulfilling the task set forth during his field guidance "
        "to the factory on November 9 last year."
    )
    m = one(text, MONDAY)
    assert (m.kind, m.start) == ("back_reference", date(2023, 11, 9))
    recalled = one("The General Secretary, who visited the farm on June 2, 2019, set the tasks.", MONDAY)
    assert recalled.kind == "back_reference"


def test_the_date_of_the_visit_reported_is_no_back_reference() -> None:
    assert one("Kim Jong Un gave field guidance to the factory on August 3.", MONDAY).kind == "absolute"
    # the same visit named again in a later sentence of the dispatch
    assert one("During his visit to the factory on August 3, he met workers.", MONDAY).kind == "absolute"
    assert one("During his visit to the unit on Sunday, he met soldiers.", MONDAY).kind == "weekday"


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Workers of the February 8 Vinalon Complex overfulfilled the plan.", "February 8"),
        ("The people celebrated the July 27 Victory with joy.", "July 27"),
        ("They marked the February 16 holiday in splendour.", "February 16"),
        ("Veterans recalled the August 15 liberation.", "August 15"),
        ("Miners of the Feb. 8 Jikdong Youth Coal Mine met.", "Feb. 8"),
        ("The match took place at the May Day Stadium.", "May Day"),
    ],
)
def test_a_date_used_as_a_name_is_a_holiday_without_dates(sentence: str, text: str) -> None:
    m = one(sentence, MONDAY)
    assert (m.text, m.kind, m.start, m.end) == (text, "holiday", None, None)


def test_a_date_after_on_stays_a_date_even_before_a_name() -> None:
    m = one("On August 15 Kim Jong Un laid a wreath.", MONDAY)
    assert (m.kind, m.start) == ("absolute", date(2024, 8, 15))


@pytest.mark.parametrize(
    "sentence",
    [
        "Order No. 25 was issued to the units.",
        "The complex produced 5 000 tons of steel and 2 020 tons of cement.",
        "The band played the Revolutionary March and the Patriotic March.",
        "Some may say that the plan is too bold.",
        "Power Station No. 3 August plan",
        "The rocket flew 1 900 km in 20 minutes.",
        "A decision of the Marshal was read out. Decembrists and Mayors attended.",
        "The holiday birthday of the leader is celebrated every year.",
    ],
)
def test_numbers_and_words_that_are_no_dates_give_nothing(sentence: str) -> None:
    assert body_mentions(sentence, MONDAY) == []


# --- without a reported date, and re-anchoring ------------------------------------------


def test_without_a_reported_date_only_written_years_resolve() -> None:
    mentions = body_mentions("On Sunday, on August 3 and on August 3, 2024, the previous day.", None)
    assert [(m.text, m.start) for m in mentions] == [
        ("Sunday", None),
        ("August 3", None),
        ("August 3, 2024", date(2024, 8, 3)),
        ("the previous day", None),
    ]


def test_anchor_counts_a_following_day_from_the_date_written_before() -> None:
    text = "He arrived at the front on August 1 and inspected the units the following day."
    first, following = body_mentions(text, MONDAY)
    assert following.start == date(2024, 8, 6)  # against the dateline, as find_dates must
    assert first.start is not None
    moved = anchor(following, first.start)
    assert (moved.start, moved.end, moved.text, moved.span) == (
        date(2024, 8, 2),
        date(2024, 8, 2),
        following.text,
        following.span,
    )
    assert anchor(first, date(2020, 1, 1)) is first


def test_dates_at_the_edge_of_the_calendar_do_not_overflow() -> None:
    last = one("He left the following day.", date.max)
    assert (last.start, last.end) == (None, None)
    first = one("He came on Sunday.", date.min)
    assert first.kind == "weekday"


# --- properties -------------------------------------------------------------------------

reported_dates = st.none() | st.dates()


@settings(max_examples=300, deadline=None)
@given(text=st.text(), reported=reported_dates)
def test_any_text_gives_mentions_with_valid_spans(text: str, reported: date | None) -> None:
    check_mentions(text, reported)


WORDS = [
    "on",
    "from",
    "to",
    "and",
    "between",
    "in",
    "of",
    "the",
    "last",
    "this",
    "next",
    "early",
    "mid-",
    "year",
    "month",
    "day",
    "days",
    "ago",
    "previous",
    "same",
    "following",
    "before",
    "yesterday",
    "today",
    "Today",
    "August",
    "Aug.",
    "May",
    "March",
    "December",
    "Sept.",
    "Sunday",
    "Monday",
    "Juche",
    "113",
    "(2024)",
    "2023",
    "1",
    "5",
    "29",
    "31",
    "3rd",
    "-",
    ",",
    ".",
    "No.",
    "Day",
    "Victory",
    "holiday",
    "his",
    "field",
    "guidance",
    "visit",
    "three",
    "afternoon",
    "2019",
    "1950",
    "(KCNA)",
    "Pyongyang,",
    "\n",
    "000",
]


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.sampled_from(WORDS), max_size=25),
    separators=st.lists(st.sampled_from([" ", " ", " ", "", "  ", "\n", "\xa0"]), min_size=25, max_size=25),
    reported=reported_dates,
)
def test_date_like_text_gives_mentions_with_valid_spans(
    words: list[str], separators: list[str], reported: date | None
) -> None:
    text = "".join(w + s for w, s in zip(words, separators, strict=False))
    check_mentions(text, reported)
    # the fast search finds exactly what a scan of every word with the whole grammar finds
    assert [m.span() for m in _date_matches(text, 0)] == [m.span() for m in _DATE_RE.finditer(text)]


def check_mentions(text: str, reported: date | None) -> None:
    mentions = find_dates(text, reported)
    previous_end = 0
    for m in mentions:
        assert 0 <= m.span.start < m.span.end <= len(text)
        assert m.span.start >= previous_end  # in text order, never overlapping
        previous_end = m.span.end
        assert text[m.span.start : m.span.end] == m.text
        if m.start is not None and m.end is not None:
            assert m.start <= m.end
    _, span = find_dateline(text, reported)
    if span is not None:
        assert 0 <= span.start < span.end <= len(text)


# --- the real corpus --------------------------------------------------------------------


@pytest.mark.shared
def test_corpus_datelines_are_found_and_no_dispatch_breaks_find_dates(shared_dir: Path) -> None:
    lines = (shared_dir / "corpus" / "kcna-2024.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line.strip()]
    with_dateline = [doc for doc in docs if "(KCNA)" in doc["text"][:200]]
    found = 0
    for doc in docs:
        published = date.fromisoformat(doc["published"]) if doc.get("published") else None
        reported, span = find_dateline(doc["text"], published)
        if span is not None:
            found += 1
            # the dateline agrees with the publication date within a week
            assert reported is not None and published is not None
            assert abs((published - reported).days) <= 7, doc["id"]
        check_mentions(doc["text"], reported)
    share = found / len(docs)
    print(f"datelines found in {found} of {len(docs)} dispatches ({share:.1%})")
    # every dispatch that has a KCNA dateline at its head has it read
    assert found == len(with_dateline)
