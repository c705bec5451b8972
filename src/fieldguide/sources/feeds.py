"""RSS and Atom feeds with feedparser; short entries are followed to their pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fieldguide.errors import FetchStoppedError, InputError
from fieldguide.model import Document, Reject
from fieldguide.sources import limits
from fieldguide.sources.context import Context
from fieldguide.sources.dates import parse_date
from fieldguide.sources.document import Hints, build, stable_id
from fieldguide.sources.encoding import decode
from fieldguide.sources.html import extract_page, fragment_text, looks_like_html
from fieldguide.sources.web import fetch

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF|channel)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_ROOT.search(data[:4096]))


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return fragment_text(value)
    return fragment_text(entry.get("summary") or entry.get("description") or "")


def _follow(link: str, context: Context) -> tuple[str, str | None]:
    """The main text of an entry's page and the warning its decoding gave, if any; raises
    InputError saying why there is no text."""
    page = fetch(link, context.http(), context.policy)
    decoded = decode(page.content)
    text, _ = extract_page(decoded.text, page.url)
    if text is None:
        raise InputError("no main text on the page")
    return text, decoded.warning


def parse_feed(data: bytes, origin: str) -> tuple[Any, Reject | None]:
    """The parsed feed, or a Reject saying why ``data`` is no feed (an HTML page posing as one is named)."""
    import feedparser  # here: only feeds need it, and it is slow to import

    parsed = feedparser.parse(data)  # bytes: feedparser does no I/O of its own
    if not parsed.get("version") and not parsed.entries:
        try:
            text = decode(data).text
        except InputError:
            text = ""
        if looks_like_html(text):
            return parsed, Reject(origin, "not a feed: looks like an HTML page")
        problem = parsed.get("bozo_exception")
        return parsed, Reject(origin, f"not a feed ({problem})" if problem else "not a feed")
    return parsed, None


def entry_key(entry: Any) -> str | None:
    """What identifies a feed entry from one reading of the feed to the next: its id, else its link."""
    key = entry.get("id") or entry.get("link")
    return str(key) if key else None


def read_feed(data: bytes, origin: str, hints: Hints, context: Context) -> Iterator[Document | Reject]:
    parsed, problem = parse_feed(data, origin)
    if problem is not None:
        yield problem
        return
    if not parsed.entries:
        yield Reject(origin, "feed has no entries")
        return
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        yield entry_document(entry, f"{origin}#entry-{index + 1}", feed_title, hints, context)


def entry_document(
    entry: Any, origin: str, feed_title: str | None, hints: Hints, context: Context
) -> Document | Reject:
    link = entry.get("link") or None
    text = _entry_text(entry)
    extra: dict[str, Any] = {}
    if entry.get("id"):
        extra["guid"] = entry["id"]
    if len(text) < limits.SHORT_SUMMARY_CHARS and link and link.startswith(("http://", "https://")):
        try:
            text, warning = _follow(link, context)
            extra["fetched"] = link
            if warning:
                extra["warning"] = warning
        except FetchStoppedError as e:
            # A refused address, a page past the deadline or the size cap: named, not papered over
            # with the summary (the entry may be a probe of the machine the watcher runs on).
            return Reject(origin, f"page {link} not fetched: {e}")
        except InputError as e:
            extra["note"] = f"page not fetched ({e}); the document is the feed's summary only"
    if not text.strip():
        return Reject(origin, "feed entry has no text (no content, no summary, no page)")
    # The date as the feed writes it first: feedparser's parsed dates are in UTC, which moves a
    # Pyongyang morning to the day before.
    published = parse_date(entry.get("published") or entry.get("updated")) or parse_date(
        entry.get("published_parsed") or entry.get("updated_parsed")
    )
    tags = entry.get("tags") or []
    topic = tags[0].get("term") if tags else None
    source = hints.source or feed_title
    if feed_title:
        extra["feed"] = feed_title
    return build(
        text,
        origin=origin,
        # A stable id from the link: the same page read from a feed or directly gets the same id.
        id=stable_id(link, "") if link else None,
        title=entry.get("title") or None,
        published=published,
        source=source,
        url=link,
        topic=topic,
        extra=extra,
        year_hint=published.year if published else hints.year,
        not_after=hints.day,
    )
