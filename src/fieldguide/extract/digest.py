"""Round-ups of the day's news, whose lines tell of many activities in passing."""

from __future__ import annotations

DIGEST_TITLES = ("press review", "review of rodong sinmun", "major news")


def is_digest(title: str | None) -> bool:
    """A round-up of the day's news ("Press Review", "Review of Rodong Sinmun", "Major News")."""
    return (title or "").strip().casefold().startswith(DIGEST_TITLES)
