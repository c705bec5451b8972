"""Find and resolve every date expression in a dispatch.

KCNA dates its activities against the dispatch's dateline ("Pyongyang, August 5 (KCNA) --"):
"on Sunday", "the previous day", "from August 3 to 5", "on November 9 last year",
"one day in May Juche 106 (2017)". This module finds those expressions with precompiled
regular expressions (one named group per form, see ``_FORMS``), tried only where a quick
scan has seen a word that every date holds, and resolves each against the reported date.

Pure functions: no I/O, no clock, no global mutable state. Spans are character offsets into
the text given, so ``text[m.span.start:m.span.end] == m.text`` always holds.

Span conventions: the plain prepositions "on" and "in" are left out of a mention's span
("on Sunday" gives "Sunday"); the words that shape a range ("from", "between") and
qualifiers that change the meaning ("last Sunday", "early August") are kept in.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Any, Final, Literal

import ahocorasick

from fieldguide.extract.anchors import Hits
from fieldguide.model import Span

__all__ = ["DateKind", "DateMention", "anchor", "find_dateline", "find_dates"]

Precision = Literal["day", "month", "year"]
DateKind = Literal[
    "absolute",
    "weekday",
    "relative",
    "range",
    "list",
    "juche",
    "dateline",
    "month",
    "year",
    "back_reference",
    "holiday",
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression: where it is, what it says, and the dates it resolves to.

    ``start``/``end`` are None when the expression cannot be resolved (no reported date to
    resolve a weekday against, an impossible date such as February 30, a holiday name).
    ``kind`` tells the caller how to use it:

    - "absolute", "juche" (a day, month or year dated by the Juche calendar), "month", "year":
      a calendar date of the given precision;
    - "weekday": "on Sunday", the latest such weekday on or before the reported date;
    - "relative": "the previous day", "the same day", "the following day", "yesterday",
      "today", resolved against the reported date. "The following day" and "the same day"
      often count from another date written just before; re-resolve with :func:`anchor`;
    - "range" / "list": "from August 3 to 5" / "on August 11 and 12" (start = first day,
      end = last day);
    - "dateline": the dispatch's own dateline;
    - "back_reference": a date of an earlier visit recalled in the text ("during his field
      guidance to the factory on November 9 last year"), to keep apart from activity dates;
    - "holiday": a date used as a name ("the July 27 Victory", "the Feb. 8 Vinalon
      Complex"); start and end are None so the caller skips it.
    """

    span: Span
    text: str
    start: date | None
    end: date | None
    precision: Precision
    kind: DateKind


# --- the pattern -------------------------------------------------------------------------

_MONTHS: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBER: Final[dict[str, int]] = {name: i + 1 for i, name in enumerate(_MONTHS)}
_MONTH_NUMBER.update(
    {
        "Jan": 1,
        "Feb": 2,
        "Mar": 3,
        "Apr": 4,
        "Jun": 6,
        "Jul": 7,
        "Aug": 8,
        "Sep": 9,
        "Sept": 9,
        "Oct": 10,
        "Nov": 11,
        "Dec": 12,
    }
)
_WEEKDAYS: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_NUMBER: Final[dict[str, int]] = {name: i for i, name in enumerate(_WEEKDAYS)}
_NUMBER_WORDS: Final[dict[str, int]] = {
    w: i + 1 for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"))
}

_FULL_MONTH = "(?:" + "|".join(_MONTHS) + ")"
# Before a day number a month may be abbreviated ("Aug. 5", "Sept. 18").
_DAY_MONTH = r"(?:" + "|".join(_MONTHS) + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
# [0-9], not \d: the text is open Unicode and only ASCII digits write dates here.
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9])"
_GREGORIAN = r"(?:1[89][0-9][0-9]|20[0-9][0-9])(?![0-9])"
_WEEKDAY = "(?:" + "|".join(_WEEKDAYS) + ")"
_NUMBER = r"(?:[0-9]{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
_MONTH_PREP = r"(?:[Ii]n|[Oo]f|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|[Tt]hrough(?:out)?|[Bb]efore|[Aa]fter)"
# A qualifier and its space: "early August", "last June", "mid-July".
_MONTH_QUAL = r"(?:(?:[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Tt]his|[Nn]ext)\s+|[Mm]id-\s*)"


def _year_tail(p: str) -> str:
    """An optional year after a month or day: ", 2024", ", Juche 113 (2024)", "last year"."""
    return (
        rf"(?:,?\s*Juche\s*(?P<{p}_jy>[0-9]{{1,3}})(?![0-9])(?:\s*\(\s*(?P<{p}_jg>{_GREGORIAN})\s*\))?"
        rf"|,?\s+(?P<{p}_y>{_GREGORIAN})(?!\s?[0-9]{{3}})"
        rf"|,?\s+(?:of\s+)?(?P<{p}_ry>last|this|next)\s+year\b)"
    )


_FORMS: Final[dict[str, str]] = {
    # from August 3 to 5 / between June 6 and 8 / August 3-5 / on August 11 and 12 / July 29 to August 2
    "RANGE": (
        rf"(?P<RANGE>(?P<rg_from>(?:[Ff]rom|[Bb]etween)\s+)?(?P<rg_m1>{_DAY_MONTH})\s*(?P<rg_d1>{_DAY})"
        rf"(?P<rg_more>(?:\s*,\s*{_DAY}(?!\s*,?\s*[0-9]{{4}}))*)"
        rf"\s*(?P<rg_to>to|till|until|through|and|-|–|—)\s*(?:(?P<rg_m2>{_DAY_MONTH})\s*)?(?P<rg_d2>{_DAY})"
        rf"{_year_tail('rg')}?)"
    ),
    # from Monday to Wednesday / on Wednesday and Thursday
    "WRANGE": (
        rf"(?P<WRANGE>(?:(?:[Ff]rom|[Bb]etween)\s+|(?<=[Oo]n\s))(?P<wr_w1>{_WEEKDAY})\s+(?:to|till|until|through|and)\s+"
        rf"(?P<wr_w2>{_WEEKDAY})\b)"
    ),
    # from January to April 2024
    "MRANGE": (
        rf"(?P<MRANGE>(?:[Ff]rom|[Bb]etween)\s+(?P<mr_m1>{_FULL_MONTH})\s+(?:to|till|until|through|and)\s+"
        rf"(?P<mr_m2>{_FULL_MONTH})\b(?!\s*[0-9]{{1,2}}(?![0-9])){_year_tail('mr')}?)"
    ),
    # August 5 / Aug. 5, 2024 / January 1, Juche 113 (2024) / November 9 last year
    "ABS": (rf"(?P<ABS>(?P<ab_m>{_DAY_MONTH})\s*(?P<ab_d>{_DAY}){_year_tail('ab')}?)"),
    # 5 August / the 5th of August 2024
    "DFIRST": (
        rf"(?P<DFIRST>(?<!No\.\s)(?:the\s+)?(?P<df_d>{_DAY})\s+(?:of\s+)?(?P<df_m>{_FULL_MONTH})\b(?!\s+Day\b)"
        rf"{_year_tail('df')}?)"
    ),
    # May Day: a holiday name, not a date to resolve
    "MAYDAY": (r"(?P<MAYDAY>May\s+Day\b)"),
    # on New Year's Day: January 1
    "NEWYEAR": (r"(?P<NEWYEAR>New\s+Year['’]s\s+Day\b)"),
    # on the Day of the Sun: April 15 (the DPRK's days named for what they mark; see _NAMED_DAYS)
    "HOLIDAY": (
        r"(?P<HOLIDAY>(?<=[Oo]n\s)(?:the\s+)?Day\s+of\s+(?P<hd>the\s+Sun|the\s+Shining\s+Star|Songun|"
        r"(?:the\s+)?(?:Great\s+)?Victory|the\s+Foundation\s+of\s+the\s+(?:DPRK|Republic))\b)"
    ),
    # in August / early August / last March / in May Juche 106 (2017) / August 2023
    "MONTH": (
        rf"(?P<MONTH>(?:(?P<mo_p>{_MONTH_PREP})\s+(?P<mo_q>{_MONTH_QUAL})?|(?P<mo_q2>{_MONTH_QUAL}))"
        rf"(?P<mo_m>{_FULL_MONTH})\b(?!\s*[0-9]{{1,2}}(?![0-9]))(?!\s+Day\b){_year_tail('mo')}?"
        rf"|(?P<mo_m2>{_FULL_MONTH}){_year_tail('mb')})"
    ),
    # early this month / last month
    "RMONTH": (r"(?P<RMONTH>(?:(?:[Ee]arly|[Ll]ate|[Mm]id)\s+|[Mm]id-\s*)?(?P<rm>[Tt]his|[Ll]ast|[Nn]ext)\s+month\b)"),
    # in 2023 / since 2019 / from 2019 to 2023
    "YEAR": (
        rf"(?P<YEAR>(?P<yr_p>[Ii]n|[Ss]ince|[Oo]f|[Bb]y|[Uu]ntil|[Tt]ill|[Dd]uring|[Bb]efore|[Aa]fter|[Ff]rom|"
        rf"[Tt]hrough)\s+(?:the\s+year\s+)?(?P<yr_y>{_GREGORIAN})(?![\w%])(?!\s?[0-9]{{3}})"
        rf"(?:\s*(?:to|till|until|through|-|–)\s*(?P<yr_y2>{_GREGORIAN})(?![\w%]))?)"
    ),
    # Juche 113 (2024) / Juche 113
    "JUCHE": (rf"(?P<JUCHE>Juche\s*(?P<ju_y>[0-9]{{1,3}})(?![0-9])(?:\s*\(\s*(?P<ju_g>{_GREGORIAN})\s*\))?)"),
    # this year / last year / next year
    "RYEAR": (r"(?P<RYEAR>(?<!the\s)(?P<ry>[Ll]ast|[Tt]his|[Nn]ext)\s+year\b(?!['’]s))"),
    # on Sunday / last Sunday / Sunday afternoon
    "WEEKDAY": (
        rf"(?P<WEEKDAY>(?:(?P<wd_mod>[Ll]ast|[Tt]his|[Nn]ext|[Pp]revious)\s+)?(?P<wd_w>{_WEEKDAY})\b"
        r"(?:\s+(?:morning|afternoon|evening|night)\b)?)"
    ),
    # the previous day / yesterday / the same day / three days ago
    "REL": (
        r"(?P<REL>(?P<rel_w>[Tt]he\s+(?:previous|following|next|same)\s+day|[Tt]he\s+day\s+before\s+yesterday"
        r"|[Tt]he\s+day\s+(?:before|after)|[Yy]esterday|[Tt]oday)\b(?!['’]s)"
        rf"|(?P<rel_n>{_NUMBER})\s+days\s+(?P<rel_dir>ago|earlier|before|later)\b)"
    ),
}
# The whole grammar in one pattern: what find_dates finds, written as a scan of every word.
_DATE_RE: Final = re.compile(r"\b(?:" + "|".join(_FORMS.values()) + ")")
# The same forms grouped by the word that every one of them contains; see _date_matches.
_FORMS_BY_TRIGGER: Final[dict[str, tuple[str, ...]]] = {
    "month": ("RANGE", "MRANGE", "ABS", "DFIRST", "MAYDAY", "MONTH"),
    "day": ("WRANGE", "WEEKDAY", "REL"),
    "year": ("RYEAR", "YEAR"),
    "month_word": ("RMONTH",),
    "juche": ("JUCHE",),
    "number": ("YEAR",),
    "new_year": ("NEWYEAR",),
    "holiday": ("HOLIDAY",),
}
# The month and day of each named day (the last word of its name), fixed by law since the Kim Jong Un era began.
_NAMED_DAYS: Final[dict[str, tuple[int, int]]] = {
    "Sun": (4, 15), "Star": (2, 16), "Songun": (8, 25), "Victory": (7, 27), "DPRK": (9, 9), "Republic": (9, 9),
}
_PATTERN_BY_TRIGGER: Final[dict[str, re.Pattern[str]]] = {
    trigger: re.compile(r"\b(?:" + "|".join(_FORMS[form] for form in forms) + ")")
    for trigger, forms in _FORMS_BY_TRIGGER.items()
}

_DATELINE_RE: Final = re.compile(
    rf"^[ \t\"'“]*(?P<city>[A-Z][\w.'’ -]{{0,40}}?),\s*"
    rf"(?:(?P<m>{_DAY_MONTH})\s*(?P<d>{_DAY})|(?P<d2>{_DAY})\s+(?P<m2>{_FULL_MONTH}))"
    rf"(?:,?\s*Juche\s*(?P<jy>[0-9]{{1,3}})(?![0-9]))?(?:,?\s*\(?(?P<y>{_GREGORIAN})\)?)?"
    r"\s*\(\s*(?P<agency>KCNA|[A-Z][A-Za-z]{1,11})\s*\)[ \t]*(?:[-–—]+|:)?",
    re.MULTILINE,
)
# A dateline sits on the first line or so; titles or stray blank lines may come before it.
_DATELINE_WINDOW: Final = 400

# The clause before a date that marks it as an earlier visit recalled in the text.
_BACK_REFERENCE_RE: Final = re.compile(
    r"\b(?:(?:his|her|[Tt]he\s+(?:General\s+Secretary|leader|Chairman|President)['’]s)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:(?:field|on-the-spot|on-site)\s+guidance|visits?|inspections?|trip|tour)\b"
    r"|\b(?:when|where|after|who|which)\s+(?:he\s+|she\s+)?(?:had\s+)?"
    r"(?:visited|inspected|gave|provided|looked\s+round)\b)"
)
_CLAUSE_MARKS: Final = (".", ";", "!", "?", "\n")
_BACK_REFERENCE_LOOKBACK: Final = 200
# A recalled visit lies further back than the activity being reported.
_RECENT: Final = timedelta(days=7)

_HOLIDAY_WORD_RE: Final = re.compile(r"[ \t]+(?:[A-Z][a-z]|holiday|liberation|victory|festival)")
_ON_THE_DAY: Final = re.compile(r"\b[Oo]n\s+$")
_TEMPORAL_PREP_RE: Final = re.compile(
    r"(?:on|\b(?:from|since|until|till|by|to|between|and|before|after|in|at|during|through|of))\s*$", re.I
)
# A month written without a year lies at most this far after the reported date; further
# means last year's ("December 28" in a January dispatch).
_FUTURE_SLACK: Final = timedelta(days=62)


# --- resolution helpers -----------------------------------------------------------------


def _day_number(raw: str) -> int:
    return int(raw.rstrip("stndrh"))


def _month_number(raw: str) -> int:
    return _MONTH_NUMBER[raw.rstrip(".")]


def _safe_date(year: int | None, month: int, day: int) -> date | None:
    if year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # February 30, February 29 of a common year, year out of range
        return None


def _shift(d: date | None, days: int) -> date | None:
    if d is None:
        return None
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return None


def _month_bounds(year: int | None, month: int) -> tuple[date | None, date | None]:
    if year is None or not 1 <= year <= 9999:
        return None, None
    return date(year, month, 1), date(year, month, monthrange(year, month)[1])


def _year_bounds(year: int | None) -> tuple[date | None, date | None]:
    if year is None or not 1 <= year <= 9999:
        return None, None
    return date(year, 1, 1), date(year, 12, 31)


def _juche_to_gregorian(juche: str, gregorian: str | None) -> int | None:
    """The Gregorian year of 'Juche 113 (2024)'; the year in brackets wins where they disagree."""
    if gregorian:
        return int(gregorian)
    year = int(juche)
    return year + 1911 if year >= 1 else None


def _relative_year(word: str, reported: date | None) -> int | None:
    if reported is None:
        return None
    return reported.year + {"last": -1, "this": 0, "next": 1}[word.lower()]


def _infer_year(month: int, day: int, reported: date | None) -> int | None:
    """The year of a month and day written without one: the reported year, or the one before it
    when the date would otherwise lie more than about two months after the reported date."""
    if reported is None:
        return None
    candidate = _safe_date(reported.year, month, day)
    if candidate is None and month == 2 and day == 29:
        candidate = date(reported.year, 3, 1)  # decide the year as for the day after
    if candidate is not None and candidate - reported > _FUTURE_SLACK:
        return reported.year - 1
    return reported.year


def _latest_weekday(weekday: int, on_or_before: date | None, *, strictly: bool = False) -> date | None:
    if on_or_before is None:
        return None
    back = (on_or_before.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return _shift(on_or_before, -back)


def _next_weekday(weekday: int, after: date | None) -> date | None:
    if after is None:
        return None
    ahead = (weekday - after.weekday()) % 7 or 7
    return _shift(after, ahead)


class _Year:
    """The explicit year of one match, read from its year-tail groups (prefix p)."""

    __slots__ = ("juche", "value")

    def __init__(self, m: re.Match[str], p: str, reported: date | None) -> None:
        self.value: int | None = None
        self.juche = False
        if m.group(p + "_jy") is not None:
            self.juche = True
            self.value = _juche_to_gregorian(m.group(p + "_jy"), m.group(p + "_jg"))
        elif m.group(p + "_y") is not None:
            self.value = int(m.group(p + "_y"))
        elif m.group(p + "_ry") is not None:
            self.value = _relative_year(m.group(p + "_ry"), reported)

    @property
    def given(self) -> bool:
        return self.value is not None or self.juche


# --- one resolver per alternative -------------------------------------------------------

_Resolved = tuple[date | None, date | None, Precision, DateKind]


def _resolve_absolute(m: re.Match[str], reported: date | None, p: str, mg: str, dg: str) -> _Resolved:
    month, day = _month_number(m.group(mg)), _day_number(m.group(dg))
    year = _Year(m, p, reported)
    value = year.value if year.given else _infer_year(month, day, reported)
    d = _safe_date(value, month, day)
    return d, d, "day", "juche" if year.juche else "absolute"


def _resolve_range(m: re.Match[str], reported: date | None) -> _Resolved:
    m1 = _month_number(m.group("rg_m1"))
    m2 = _month_number(m.group("rg_m2")) if m.group("rg_m2") else m1
    d1, d2 = _day_number(m.group("rg_d1")), _day_number(m.group("rg_d2"))
    year = _Year(m, "rg", reported)
    end_year = year.value if year.given else _infer_year(m2, d2, reported)
    end = _safe_date(end_year, m2, d2)
    start = _safe_date(end_year, m1, d1)
    if start is not None and end is not None and start > end:
        start = _safe_date(end_year - 1 if end_year else None, m1, d1)  # December 30 to January 2
    if start is None or end is None or start > end:
        start = end = None
    joined = m.group("rg_to") == "and" and not (m.group("rg_from") or "").lower().startswith("between")
    return start, end, "day", "list" if joined else "range"


def _resolve_month_range(m: re.Match[str], reported: date | None) -> _Resolved:
    m1, m2 = _month_number(m.group("mr_m1")), _month_number(m.group("mr_m2"))
    year = _Year(m, "mr", reported)
    end_year = year.value if year.given else _infer_year(m2, 1, reported)
    start_year = end_year - 1 if end_year is not None and m1 > m2 else end_year
    start, _ = _month_bounds(start_year, m1)
    _, end = _month_bounds(end_year, m2)
    return start, end, "month", "range"


def _resolve_month(m: re.Match[str], reported: date | None) -> _Resolved:
    if m.group("mo_m2") is not None:  # "August 2023": the year is always written
        month = _month_number(m.group("mo_m2"))
        year = _Year(m, "mb", reported)
        start, end = _month_bounds(year.value, month)
        return start, end, "month", "juche" if year.juche else "month"
    month = _month_number(m.group("mo_m"))
    year = _Year(m, "mo", reported)
    qualifier = (m.group("mo_q") or m.group("mo_q2") or "").strip().rstrip("-").lower()
    if year.given:
        value = year.value
    elif reported is None:
        value = None
    elif qualifier == "last":  # the latest such month before the reported one
        value = reported.year if month < reported.month else reported.year - 1
    elif qualifier == "next":
        value = reported.year if month > reported.month else reported.year + 1
    elif qualifier == "this":
        value = reported.year
    else:
        value = _infer_year(month, 1, reported)
    start, end = _month_bounds(value, month)
    return start, end, "month", "juche" if year.juche else "month"


def _resolve_relative_month(m: re.Match[str], reported: date | None) -> _Resolved:
    if reported is None:
        return None, None, "month", "month"
    index = reported.year * 12 + reported.month - 1 + {"last": -1, "this": 0, "next": 1}[m.group("rm").lower()]
    start, end = _month_bounds(index // 12, index % 12 + 1)
    return start, end, "month", "month"


def _resolve_year(m: re.Match[str]) -> _Resolved:
    start, end = _year_bounds(int(m.group("yr_y")))
    if m.group("yr_y2") is not None:
        _, end = _year_bounds(int(m.group("yr_y2")))
        if start is not None and end is not None and start > end:
            start = end = None
        return start, end, "year", "range"
    return start, end, "year", "year"


def _resolve_weekday(m: re.Match[str], reported: date | None) -> _Resolved:
    weekday = _WEEKDAY_NUMBER[m.group("wd_w")]
    modifier = (m.group("wd_mod") or "").lower()
    if modifier in ("last", "previous"):
        d = _latest_weekday(weekday, reported, strictly=True)
    elif modifier == "next":
        d = _next_weekday(weekday, reported)
    else:  # KCNA reports the days just past: "on Sunday" in a Monday dispatch is the day before
        d = _latest_weekday(weekday, reported)
    return d, d, "day", "weekday"


def _resolve_weekday_range(m: re.Match[str], reported: date | None) -> _Resolved:
    end = _latest_weekday(_WEEKDAY_NUMBER[m.group("wr_w2")], reported)
    start = _latest_weekday(_WEEKDAY_NUMBER[m.group("wr_w1")], end)
    if start is None or end is None:
        return None, None, "day", "range"
    return start, end, "day", "range"


_RELATIVE_OFFSETS: Final[dict[str, int]] = {
    "the previous day": -1,
    "the day before": -1,
    "yesterday": -1,
    "the day before yesterday": -2,
    "today": 0,
    "the same day": 0,
    "the following day": 1,
    "the next day": 1,
    "the day after": 1,
}


def _relative_offset(m: re.Match[str]) -> int:
    if m.group("rel_n") is not None:
        raw = m.group("rel_n").lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        return n if m.group("rel_dir") == "later" else -n
    return _RELATIVE_OFFSETS[" ".join(m.group("rel_w").lower().split())]


def _resolve_relative(m: re.Match[str], reported: date | None) -> _Resolved:
    d = _shift(reported, _relative_offset(m))
    return d, d, "day", "relative"


def _resolve(m: re.Match[str], reported: date | None) -> _Resolved:
    form = m.lastgroup
    if form == "ABS":
        return _resolve_absolute(m, reported, "ab", "ab_m", "ab_d")
    if form == "WEEKDAY":
        return _resolve_weekday(m, reported)
    if form == "RANGE":
        return _resolve_range(m, reported)
    if form == "DFIRST":
        return _resolve_absolute(m, reported, "df", "df_m", "df_d")
    if form == "MONTH":
        return _resolve_month(m, reported)
    if form == "REL":
        return _resolve_relative(m, reported)
    if form == "RYEAR":
        start, end = _year_bounds(_relative_year(m.group("ry"), reported))
        return start, end, "year", "year"
    if form == "JUCHE":
        start, end = _year_bounds(_juche_to_gregorian(m.group("ju_y"), m.group("ju_g")))
        return start, end, "year", "juche"
    if form == "YEAR":
        return _resolve_year(m)
    if form == "WRANGE":
        return _resolve_weekday_range(m, reported)
    if form == "MRANGE":
        return _resolve_month_range(m, reported)
    if form == "RMONTH":
        return _resolve_relative_month(m, reported)
    if form == "NEWYEAR":
        d = _safe_date(_infer_year(1, 1, reported), 1, 1)
        return d, d, "day", "absolute"
    if form == "HOLIDAY":
        month, day = _NAMED_DAYS[m.group("hd").split()[-1]]
        d = _safe_date(_infer_year(month, day, reported), month, day)
        return d, d, "day", "absolute"
    return None, None, "day", "holiday"  # MAYDAY


# Where a mention's span begins: after a leading preposition that only says "at that time".
_SPAN_START_GROUP: Final[dict[str, str]] = {"MONTH": "mo_p", "YEAR": "yr_p"}


def _span_start(m: re.Match[str]) -> int:
    group = _SPAN_START_GROUP.get(m.lastgroup or "")
    if group is None or m.group(group) is None:
        return m.start()
    start = m.end(group)
    while m.string[start].isspace():
        start += 1
    return start


# A name that ends on its month: "the Pyongyang Joint Declaration of September", "the Theses of April"
_NAMED_FOR_ITS_MONTH: Final = re.compile(
    r"\b[A-Z][\w'-]*\s+of\s+(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?:,?\s+(?:19|20)\d\d)?$"  # ("the Pyongyang Joint Declaration of September 2018")
)


def _is_holiday_name(text: str, m: re.Match[str]) -> bool:
    """'the July 27 Victory', 'the Feb. 8 Vinalon Complex': a month and day used as a name.

    Such a date is followed by a capitalized word (or holiday, liberation, victory) and not
    led by a preposition of time ("on August 15 Kim Jong Un ...").
    """
    if not _HOLIDAY_WORD_RE.match(text, m.end()):
        return False
    before = text[max(0, m.start() - 12) : m.start()]
    return _TEMPORAL_PREP_RE.search(before) is None


def _is_back_reference(text: str, start: int, resolved: date | None, reported: date | None) -> bool:
    """A date recalled from an earlier visit: 'during his field guidance to the factory on ...'.

    ``resolved`` is the last day the date stands for: a month or year reaching up to the days
    reported is no recollection, nor is "during his visit on August 3" in a dispatch about it.
    """
    if resolved is not None and reported is not None and reported - resolved <= _RECENT:
        return False
    floor = max(0, start - _BACK_REFERENCE_LOOKBACK)
    clause_start = max(text.rfind(mark, floor, start) for mark in _CLAUSE_MARKS) + 1
    return _BACK_REFERENCE_RE.search(text, max(floor, clause_start), start) is not None


# --- where to look ----------------------------------------------------------------------
# Trying the whole pattern at every word costs about a millisecond a dispatch (each attempt
# a few microseconds). Instead a plain alternation of literals, which the regex engine scans
# for quickly, finds the words that every date expression contains (a month, "day", "year",
# "month", "Juche", a year number); only the forms holding that word are tried, there and at
# the few leading words before it ("from", "in", "the previous", "last", "the 5th of" ...).
# _DATE_RE.finditer finds the same matches, slowly; the tests hold the two to that.

_TRIGGER_KIND: Final[dict[str, str]] = {
    **dict.fromkeys(("Jan", "Feb", "Mar", "May", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), "month"),
    "Juche": "juche",
    **dict.fromkeys(("18", "19", "20"), "number"),
    # found inside longer words too: Monday, yesterday, today, days
    "day": "day",
    "year": "year",
    "month": "month_word",
    "New Year": "new_year",
    "Day": "holiday",
}
_INFIX_TRIGGERS: Final = frozenset(("day", "year", "month"))
_TRIGGER_RE: Final = re.compile(
    r"Jan|Feb|Ma[ry]|Apr|Ju(?:[nl]|che)|Aug|Sep|Oct|Nov|Dec|1[89]|20|day|Day|year|month|New Year"
)
_LEADING_WORDS: Final = frozenset(
    (
        *("from", "between", "in", "of", "since", "until", "till", "by", "during", "through", "throughout"),
        *("before", "after", "early", "late", "mid", "last", "this", "next", "previous", "following"),
        *("same", "the", "year", *_NUMBER_WORDS),
    )
)
_ORDINAL_RE: Final = re.compile(r"[0-9]{1,2}(?:st|nd|rd|th)?")


@cache
def trigger_automaton() -> Any:
    """The trigger words lower-cased, for the extractor's shared scan (each word is its own value)."""
    automaton = ahocorasick.Automaton()
    for word in _TRIGGER_KIND:
        automaton.add_word(word.lower(), word.lower())
    automaton.make_automaton()
    return automaton


def _trigger_words(text: str, hits: Hits | None) -> Iterator[tuple[int, str]]:
    """(start, word) of each match of _TRIGGER_RE.finditer(text). From the shared scan's ``hits``
    (of ``trigger_automaton``): the words written in the case the pattern asks for, taken left to
    right without overlapping, as finditer takes them (at most one trigger begins at a place)."""
    if hits is None:
        yield from ((m.start(), m.group()) for m in _TRIGGER_RE.finditer(text))
        return
    written = []
    for last, lowered in hits:
        start = last - len(lowered) + 1
        word = text[start : last + 1]
        if word in _TRIGGER_KIND:
            written.append((start, word))
    end = 0
    for start, word in sorted(written):
        if start >= end:
            yield start, word
            end = start + len(word)


def _triggers(text: str, hits: Hits | None = None) -> list[tuple[int, str]]:
    """(start of the word holding a trigger, the trigger's kind), in text order.

    ``hits``: the shared scan's share for ``trigger_automaton``, instead of a pass of the pattern."""
    found: list[tuple[int, str]] = []
    for start, word in _trigger_words(text, hits):
        if word in _INFIX_TRIGGERS:
            while start > 0 and text[start - 1].isalpha():
                start -= 1
        elif start > 0 and text[start - 1].isalnum():
            continue  # "120", "Summary": not the start of a word
        found.append((start, _TRIGGER_KIND[word]))
    found.sort()  # an infix's word may begin before the trigger found just ahead of it
    return found


def _candidate_starts(text: str, word_start: int, floor: int) -> list[int]:
    """Where a date expression holding the word at ``word_start`` may begin, earliest first."""
    starts = [word_start]
    pos = word_start
    while True:
        gap = pos
        while gap > floor and (text[gap - 1].isspace() or text[gap - 1] == "-"):
            gap -= 1
        if gap == pos:
            break
        begin = gap
        while begin > floor and text[begin - 1].isalnum():
            begin -= 1
        word = text[begin:gap]
        if not word or not (word.lower() in _LEADING_WORDS or _ORDINAL_RE.fullmatch(word)):
            break
        starts.append(begin)
        pos = begin
    starts.reverse()
    return starts


def _date_matches(text: str, pos: int, hits: Hits | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``_DATE_RE.finditer(text, pos)``, found by looking only near triggers."""
    last_end = pos
    tried = (-1, "")
    for word_start, trigger in _triggers(text, hits):
        if word_start < last_end or (word_start, trigger) == tried:
            continue
        tried = (word_start, trigger)
        pattern = _PATTERN_BY_TRIGGER[trigger]
        for start in _candidate_starts(text, word_start, last_end):
            m = pattern.match(text, start)
            if m is not None and m.end() > word_start:
                yield m
                last_end = m.end()
                break


# --- public API -------------------------------------------------------------------------


# The last text's dateline match: find_dateline and find_dates both read it, one after the other,
# and the search costs more than the rest of find_dateline. Kept with the text itself, whose
# identity says it is the same (a text held here cannot be freed and its id given to another).
_last_dateline: tuple[str, re.Match[str] | None] = ("", None)


def _dateline_match(text: str) -> re.Match[str] | None:
    global _last_dateline
    kept_text, kept = _last_dateline
    if kept_text is text:
        return kept
    m = _DATELINE_RE.search(text, 0, _DATELINE_WINDOW)
    _last_dateline = (text, m)
    return m


def _dateline_date(m: re.Match[str], published: date | None) -> date | None:
    month = _month_number(m.group("m") or m.group("m2"))
    day = _day_number(m.group("d") or m.group("d2"))
    if m.group("y") is not None:
        return _safe_date(int(m.group("y")), month, day)
    if m.group("jy") is not None:
        return _safe_date(_juche_to_gregorian(m.group("jy"), None), month, day)
    if published is None:
        return None
    year = published.year
    # A dispatch dated late December may be published in January, and the reverse.
    if month == 12 and published.month == 1:
        year -= 1
    elif month == 1 and published.month == 12:
        year += 1
    return _safe_date(year, month, day)


def find_dateline(text: str, published: date | None) -> tuple[date | None, Span | None]:
    """The dispatch's dateline date and where it is written.

    Reads 'Pyongyang, August 5 (KCNA) --' (also '(KCNA)--', other cities and agencies,
    'Pyongyang, January 1, Juche 113 (2024) (KCNA)'). Without a year in the dateline the year
    comes from ``published``; a late-December dateline with a January ``published`` (or the
    reverse) takes the neighbouring year. With no readable dateline, returns
    ``(published, None)``.
    """
    m = _dateline_match(text)
    if m is not None:
        found = _dateline_date(m, published)
        if found is not None:
            return found, Span(m.start("city"), m.end())
    return published, None


def find_dates(text: str, reported: date | None, hits: Hits | None = None) -> list[DateMention]:
    """Every date expression in ``text``, in text order, resolved against ``reported``.

    ``reported`` is the dispatch's date (from :func:`find_dateline`). Weekdays resolve to the
    latest such day on or before it; relative days ("the previous day", "the following day")
    count from it; months and days without a year take its year, or the year before when
    they would lie more than about two months after it. The dateline itself comes first,
    with kind "dateline".
    """
    mentions: list[DateMention] = []
    pos = 0
    dateline = _dateline_match(text)
    if dateline is not None:
        d = _dateline_date(dateline, reported)
        start = dateline.start("city")
        mentions.append(DateMention(Span(start, dateline.end()), text[start : dateline.end()], d, d, "day", "dateline"))
        pos = dateline.end()
    for m in _date_matches(text, pos, hits):
        start_date, end_date, precision, kind = _resolve(m, reported)
        if (
            m.lastgroup == "MAYDAY" and _ON_THE_DAY.search(text, max(0, m.start() - 4), m.start())
            and not _HOLIDAY_WORD_RE.match(text, m.end())
        ):
            # "took place on May Day": May 1 ("the May Day Stadium" stays a name)
            start_date = end_date = _safe_date(_infer_year(5, 1, reported), 5, 1)
            kind = "absolute"
        if kind in ("absolute", "juche") and m.lastgroup in ("ABS", "DFIRST") and _is_holiday_name(text, m):
            start_date = end_date = None
            kind = "holiday"
        if kind == "month" and _NAMED_FOR_ITS_MONTH.search(text, max(0, m.start() - 40), m.end()):
            start_date = end_date = None
            kind = "holiday"  # "the Pyongyang Joint Declaration of September": a name, not a date
        begin = _span_start(m)
        if kind not in ("holiday", "relative", "weekday") and _is_back_reference(text, begin, end_date, reported):
            kind = "back_reference"
        mentions.append(DateMention(Span(begin, m.end()), text[begin : m.end()], start_date, end_date, precision, kind))
    return mentions


_RELATIVE_RE: Final = re.compile(r"(?:" + _FORMS["REL"] + r")\Z")


def anchor(mention: DateMention, to: date) -> DateMention:
    """Re-resolve a relative mention against another date than the reported one.

    'The following day' after 'on August 3' means August 4 whatever the dateline says; the
    caller, who knows which date was written before, passes it here. Other mentions come back
    unchanged.
    """
    if mention.kind != "relative":
        return mention
    m = _RELATIVE_RE.match(mention.text)
    if m is None:
        return mention
    d = _shift(to, _relative_offset(m))
    return replace(mention, start=d, end=d)
