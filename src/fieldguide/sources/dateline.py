"""The KCNA dateline: "Pyongyang, August 5 (KCNA) --" opens nearly every dispatch; and the press
dateline of a foreign report: "SEOUL, Aug. 27 (Yonhap) --", "SEOUL, August 3, 2024 --",
"SEOUL, South Korea (AP) —", which gives a report its date and its outlet.

Pure functions, no I/O: they read text and give a date, an outlet or a match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# City (one to four capitalized words, "Pyongyang", "Moscow", "Beijing", "Vientiane"), month, day,
# "(KCNA)" and a dash of some kind, with or without the space before it. Only the start of a line
# counts, so a report quoting "(KCNA)" in a sentence is no dateline.
DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<city>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3}),[ \t]+"
    r"(?P<month>[A-Za-z]{3,9})\.?[ \t]+(?P<day>\d{1,2})[ \t]*\(KCNA\)[ \t]*(?:--|[-–—])"
)

# A dateline is looked for near the top only: after a title and a blank line at most.
_HEAD_CHARS = 400


def find_dateline(text: str) -> re.Match[str] | None:
    """The dateline's match near the top of ``text``, or None."""
    match = DATELINE_RE.search(text, 0, _HEAD_CHARS)
    if match and match.group("month").lower() in _MONTHS:
        return match
    return None


def has_dateline(text: str) -> bool:
    return find_dateline(text) is not None


def parse_dateline(text: str, year_hint: int | None) -> date | None:
    """The date of a KCNA dateline near the top of ``text``.

    A dateline has no year, so ``year_hint`` supplies it; without one the date is unknown (None).
    An impossible day ("February 30") gives None too.
    """
    match = find_dateline(text)
    if match is None or year_hint is None:
        return None
    month = _MONTHS[match.group("month").lower()]
    try:
        return date(year_hint, month, int(match.group("day")))
    except ValueError:
        return None


# --- the press dateline of a foreign report ---------------------------------------------------

# City in capitals or capitalised words ("SEOUL", "Washington"), an optional region ("South Korea"),
# an optional date with or without its year, an optional outlet in parentheses, then a dash, or the
# end of the line for a dateline on a line of its own. A date or an outlet must be there: "SEOUL --"
# says nothing this module can use.
_PRESS_DATELINE_RE = re.compile(
    r"(?m)^[ \t]*(?P<city>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,3})"
    r"(?:,[ \t]+(?P<region>[A-Z][\w'’.-]*(?:[ -][A-Z][\w'’.-]*){0,2}))??"
    r"(?:,[ \t]+(?P<month>[A-Za-z]{3,9})\.?[ \t]+(?P<day>\d{1,2})(?:,[ \t]*(?P<year>\d{4}))?)?"
    r"(?:[ \t]*\((?P<outlet>[A-Za-z][A-Za-z&.' -]{0,28})\))?"
    r"[ \t]*(?:--|[-–—]|$)"
)


@dataclass(frozen=True, slots=True)
class PressDateline:
    outlet: str | None  # "Yonhap", "AP", "Reuters"
    month: int | None
    day: int | None
    year: int | None  # None when the dateline gives none ("SEOUL, Aug. 27 (Yonhap) --")

    def on(self, year_hint: int | None) -> date | None:
        """The dateline's day, in its own year or else in ``year_hint``; None without either."""
        year = self.year or year_hint
        if self.month is None or self.day is None or year is None:
            return None
        try:
            return date(year, self.month, self.day)
        except ValueError:
            return None


def find_press_dateline(text: str) -> PressDateline | None:
    """The press dateline near the top of a report, or None (a KCNA dateline is not one)."""
    for match in _PRESS_DATELINE_RE.finditer(text, 0, _HEAD_CHARS):
        month_name = match.group("month")
        month = _MONTHS.get(month_name.lower()) if month_name else None
        outlet = match.group("outlet")
        outlet = outlet.strip() if outlet else None
        if month_name and month is None:
            continue
        if month is None and outlet is None:
            continue
        if outlet is not None and outlet.upper() == "KCNA":
            return None
        return PressDateline(outlet, month, int(match.group("day")) if month else None, _year(match))
    return None


def _year(match: re.Match[str]) -> int | None:
    return int(match.group("year")) if match.group("year") else None
