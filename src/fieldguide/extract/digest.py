"""Round-ups of the day's news, whose lines tell of many activities in passing."""

from __future__ import annotations

import re

DIGEST_TITLES = ("press review", "review of rodong sinmun", "major news")


def is_digest(title: str | None) -> bool:
    """A round-up of the day's news ("Press Review", "Review of Rodong Sinmun", "Major News")."""
    return (title or "").strip().casefold().startswith(DIGEST_TITLES)


# Inside a round-up each line ("- ...") and each newspaper's heading begins another story, with its
# own places and weapons.
_DIGEST_LINE = re.compile(r"\s*[-–•]")
_NEWSPAPER_HEADINGS = frozenset({"Rodong Sinmun", "Minju Joson", "Joson Inmingun", "Chongnyon Jonwi"})


def begins_another_story(sentence: str) -> bool:
    """The sentence is a line or a newspaper's heading of a round-up: what follows is another story."""
    return bool(_DIGEST_LINE.match(sentence)) or sentence.strip() in _NEWSPAPER_HEADINGS


# "Following are major news items ... of the DPRK on Sunday:": the day of the newspapers, not of any line's act
_DIGEST_LEAD = re.compile(r"\b(?:[Ff]ollowing are|carr(?:y|ies) the following)\b[^\n]*:\s*$")


def is_digest_lead(sentence: str) -> bool:
    """The sentence opens a round-up's lines."""
    return _DIGEST_LEAD.search(sentence) is not None
