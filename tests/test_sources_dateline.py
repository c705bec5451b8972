"""The KCNA dateline gives a dispatch its date when metadata does not."""

from __future__ import annotations

from datetime import date

import pytest

from fieldguide.sources.dateline import has_dateline, parse_dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pyongyang, August 5 (KCNA) -- Kim Jong Un visited a farm.", date(2024, 8, 5)),
        ("Pyongyang, August 5 (KCNA)-- Kim Jong Un visited a farm.", date(2024, 8, 5)),
        ("Pyongyang, Aug. 5 (KCNA) – A meeting was held.", date(2024, 8, 5)),
        ("Moscow, December 31 (KCNA) -- A delegation arrived.", date(2024, 12, 31)),
        ("Title line\n\nVientiane, March 2 (KCNA) -- Talks were held.", date(2024, 3, 2)),
    ],
)
def test_datelines_give_the_date(text: str, expected: date):
    assert parse_dateline(text, 2024) == expected


def test_no_year_no_date():
    assert parse_dateline("Pyongyang, August 5 (KCNA) -- Text.", None) is None


def test_impossible_day_is_no_date():
    assert parse_dateline("Pyongyang, February 30 (KCNA) -- Text.", 2024) is None


def test_a_report_quoting_kcna_has_no_dateline():
    text = "Seoul, Aug 5 -- The Korean Central News Agency (KCNA) said on Monday that a test was held."
    assert not has_dateline(text)
    assert parse_dateline(text, 2024) is None


def test_dateline_deep_in_the_text_does_not_count():
    text = "A long report. " * 40 + "\nPyongyang, August 5 (KCNA) -- quoted dispatch."
    assert parse_dateline(text, 2024) is None
