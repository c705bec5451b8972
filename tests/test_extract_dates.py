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

from fieldguide.extract.dates import (
    _DATE_RE,  # the whole grammar scanned over every word: the reference for the fast search
    DateMention,
    _date_matches,  # the fast search
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


def case(
    sentence: str,
    text: str,
    start: str | None,
    end: str | None = "",
    *,
    reported: date = MONDAY,
    precision: str = "day",
    kind: str = "absolute",
) -> tuple[str, date, str, date | None, date | None, str, str]:
    """One row: the sentence, the mention expected in it and its dates (end defaults to start)."""
    return (sentence, reported, text, d(start), d(start if end == "" else end), precision, kind)


CASES = [
    # absolute dates: the year of the reported date, or the one before when more than two months ahead
    case("The ceremony took place on August 3.", "August 3", "2024-08-03"),
    case("The ceremony took place on 3 August.", "3 August", "2024-08-03"),
    case("He arrived on August 3, 2023.", "August 3, 2023", "2023-08-03"),
    case("Talks were held on Aug. 3.", "Aug. 3", "2024-08-03"),
    case("The forum opened on Sept. 18.", "Sept. 18", "2024-09-18", reported=date(2024, 9, 20)),
    case("It was founded on the 3rd of August.", "the 3rd of August", "2024-08-03"),
    case("A rally is to be held on October 1.", "October 1", "2024-10-01"),
    case("The plant was completed on November 20.", "November 20", "2023-11-20"),
    case("The banquet took place on December 28.", "December 28", "2023-12-28", reported=date(2024, 1, 3)),
    case("He visited the mill on November 9 last year.", "November 9 last year", "2023-11-09"),
    case("Sowing began on April 20 this year.", "April 20 this year", "2024-04-20"),
    case("It will open on March 1 next year.", "March 1 next year", "2025-03-01"),
    # leap years
    case("The dam was finished on February 29.", "February 29", "2024-02-29", reported=date(2024, 3, 2)),
    case("The dam was finished on February 29.", "February 29", None, reported=date(2023, 3, 2)),
    # Juche years
    case(
        "A flag-hoisting ceremony was held on January 1, Juche 113 (2024).",
        "January 1, Juche 113 (2024)",
        "2024-01-01",
        reported=date(2024, 1, 2),
        kind="juche",
    ),
    case("The school was opened on April 15, Juche 113.", "April 15, Juche 113", "2024-04-15", kind="juche"),
    case(
        "The people greeted the new year, Juche 113 (2024).",
        "Juche 113 (2024)",
        "2024-01-01",
        "2024-12-31",
        reported=date(2024, 1, 2),
        precision="year",
        kind="juche",
    ),
    case(
        "The people greeted Juche 113 with joy.",
        "Juche 113",
        "2024-01-01",
        "2024-12-31",
        reported=date(2024, 1, 2),
        precision="year",
        kind="juche",
    ),
    case(
        "One day in May Juche 106 (2017), he visited a farm.",
        "May Juche 106 (2017)",
        "2017-05-01",
        "2017-05-31",
        precision="month",
        kind="juche",
    ),
    # weekdays: the latest such day on or before the dateline (a dispatch reports the days just past)
    case("He inspected the unit on Sunday.", "Sunday", "2024-08-04", kind="weekday"),
    case("He inspected the unit on Monday.", "Monday", "2024-08-05", kind="weekday"),
    case("He inspected the unit on Sunday.", "Sunday", "2024-08-04", reported=SUNDAY, kind="weekday"),
    case("He inspected the unit on Tuesday.", "Tuesday", "2024-07-30", kind="weekday"),
    case("The test-fire took place on Sunday afternoon.", "Sunday afternoon", "2024-08-04", kind="weekday"),
    case("Rodong Sinmun Monday says in an editorial that all must work.", "Monday", "2024-08-05", kind="weekday"),
    case("The delegation arrived last Sunday.", "last Sunday", "2024-07-28", reported=SUNDAY, kind="weekday"),
    case("The new year began on Monday.", "Monday", "2024-01-01", reported=date(2024, 1, 2), kind="weekday"),
    case("The new year was greeted on Sunday.", "Sunday", "2023-12-31", reported=date(2024, 1, 1), kind="weekday"),
    # relative days
    case("He watched the drill on the previous day.", "the previous day", "2024-08-04", kind="relative"),
    case(
        "The previous day he visited a farm.",
        "The previous day",
        "2024-02-29",
        reported=date(2024, 3, 1),
        kind="relative",
    ),
    case(
        "The previous day he visited a farm.",
        "The previous day",
        "2023-02-28",
        reported=date(2023, 3, 1),
        kind="relative",
    ),
    case("The delegation left here yesterday.", "yesterday", "2024-08-04", kind="relative"),
    case("A meeting took place today.", "today", "2024-08-05", kind="relative"),
    case("He had arrived the day before.", "the day before", "2024-08-04", kind="relative"),
    case("On the same day, floral baskets were laid.", "the same day", "2024-08-05", kind="relative"),
    case("He left for home the following day.", "the following day", "2024-08-06", kind="relative"),
    case(
        "The day before yesterday it rained.",
        "The day before yesterday",
        "2023-12-30",
        reported=date(2024, 1, 1),
        kind="relative",
    ),
    case("The balloons were launched three days ago.", "three days ago", "2024-08-02", kind="relative"),
    # spans of days
    case(
        "He gave field guidance to munitions factories from August 3 to 5.",
        "from August 3 to 5",
        "2024-08-03",
        "2024-08-05",
        kind="range",
    ),
    case(
        "The festival was held from July 30 to August 2.",
        "from July 30 to August 2",
        "2024-07-30",
        "2024-08-02",
        kind="range",
    ),
    case("The exercises went on August 1-3.", "August 1-3", "2024-08-01", "2024-08-03", kind="range"),
    case(
        "The drills were staged between July 29 and 31.",
        "between July 29 and 31",
        "2024-07-29",
        "2024-07-31",
        kind="range",
    ),
    case("The contests took place on August 1 and 2.", "August 1 and 2", "2024-08-01", "2024-08-02", kind="list"),
    case("The games took place on August 1, 2 and 4.", "August 1, 2 and 4", "2024-08-01", "2024-08-04", kind="list"),
    case(
        "The exhibition ran from December 30 to January 2.",
        "from December 30 to January 2",
        "2023-12-30",
        "2024-01-02",
        reported=date(2024, 1, 4),
        kind="range",
    ),
    case(
        "The plenary meeting was held from Monday to Wednesday.",
        "from Monday to Wednesday",
        "2024-08-05",
        "2024-08-07",
        reported=date(2024, 8, 8),
        kind="range",
    ),
    case(
        "The congress sat from April 10 to 12, Juche 113 (2024).",
        "from April 10 to 12, Juche 113 (2024)",
        "2024-04-10",
        "2024-04-12",
        kind="range",
    ),
    case(
        "They staged drills from January to April.",
        "from January to April",
        "2024-01-01",
        "2024-04-30",
        precision="month",
        kind="range",
    ),
    case(
        "Sanctions were imposed from 2019 to 2023.",
        "2019 to 2023",
        "2019-01-01",
        "2023-12-31",
        precision="year",
        kind="range",
    ),
    # months and years
    case("The harvest was gathered in July.", "July", "2024-07-01", "2024-07-31", precision="month", kind="month"),
    case(
        "The plan was fulfilled in February.",
        "February",
        "2024-02-01",
        "2024-02-29",
        reported=date(2024, 3, 10),
        precision="month",
        kind="month",
    ),
    case(
        "The talks were held in December.",
        "December",
        "2023-12-01",
        "2023-12-31",
        reported=date(2024, 1, 10),
        precision="month",
        kind="month",
    ),
    case(
        "He visited the farm in August 2023.",
        "August 2023",
        "2023-08-01",
        "2023-08-31",
        precision="month",
        kind="month",
    ),
    case(
        "He inspected the unit in August last year.",
        "August last year",
        "2023-08-01",
        "2023-08-31",
        precision="month",
        kind="month",
    ),
    case(
        "The bridge was completed early this month.",
        "early this month",
        "2024-08-01",
        "2024-08-31",
        precision="month",
        kind="month",
    ),
    case("The summit was held last June.", "last June", "2024-06-01", "2024-06-30", precision="month", kind="month"),
    case(
        "The summit was held last September.",
        "last September",
        "2023-09-01",
        "2023-09-30",
        precision="month",
        kind="month",
    ),
    case(
        "The works were finished by mid-July.", "mid-July", "2024-07-01", "2024-07-31", precision="month", kind="month"
    ),
    case("The factory was built in 2023.", "2023", "2023-01-01", "2023-12-31", precision="year", kind="year"),
    # the DPRK's named days, told with "on": their day of the year reported
    case("He visited the palace on the Day of the Sun.", "the Day of the Sun", "2024-04-15"),
    case("On the Day of Songun he inspected a unit.", "the Day of Songun", "2024-08-25"),
    case("Veterans met on the Day of Victory.", "the Day of Victory", "2024-07-27"),
    case("The ceremony took place on May Day.", "May Day", "2024-05-01"),
    case("Output grew this year.", "this year", "2024-01-01", "2024-12-31", precision="year", kind="year"),
    case(
        "Output grew over the same period of last year.",
        "last year",
        "2023-01-01",
        "2023-12-31",
        precision="year",
        kind="year",
    ),
]


@pytest.mark.parametrize(("sentence", "reported", "text", "start", "end", "precision", "kind"), CASES)
def test_date_expressions_resolve_against_the_reported_date(
    sentence: str, reported: date, text: str, start: date | None, end: date | None, precision: str, kind: str
) -> None:
    m = one(sentence, reported)
    assert (m.text, m.start, m.end, m.precision, m.kind) == (text, start, end, precision, kind)


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
        # a message sent for the day, not on it; the day's name in a title
        "Messages were sent on the occasion of the Day of the Sun.",
        "The Day of Songun Festival opened.",
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


def test_new_years_day_is_january_first_of_the_year_reported() -> None:
    text = "Pyongyang, January 3 (KCNA) -- Youths danced in the square on New Year's Day."
    found = [m for m in find_dates(text, date(2025, 1, 3)) if m.kind != "dateline"]
    assert [(m.text, m.start, m.end, m.kind) for m in found] == [
        ("New Year's Day", date(2025, 1, 1), date(2025, 1, 1), "absolute")
    ]


def test_may_day_in_a_name_stays_a_name() -> None:
    assert [(m.kind, m.start) for m in body_mentions("The game was played on May Day Stadium.", MONDAY)] == [
        ("holiday", None)
    ]
