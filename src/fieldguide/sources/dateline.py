"""The KCNA dateline: "Pyongyang, August 5 (KCNA) --" opens nearly every dispatch.

Pure functions, no I/O: they read text and give a date or a match.
"""

from __future__ import annotations

import re
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
