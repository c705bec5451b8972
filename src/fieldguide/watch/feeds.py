"""One poll of one feed: a conditional GET, then only the entries not stored before.

A feed answered 304 (its ETag or Last-Modified unchanged) costs one request and nothing else. A
changed feed is parsed and its entries already stored are skipped without a request; only the
new ones are followed to their pages. A listing page (an HTML page whose links are the entries,
``kind: listing``, or any HTML page at a URL that does not look like a feed) is read the same way:
its links on the same host (or those ``follow`` matches) are the entries.

An HTML page where a feed was expected (an error page served with status 200) is an error of
the poll, named as such, not a listing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urldefrag, urljoin, urlparse

from selectolax.lexbor import LexborHTMLParser as HTMLParser

from fieldguide.errors import InputError
from fieldguide.model import Document, Reject
from fieldguide.sources.context import Context
from fieldguide.sources.document import Hints
from fieldguide.sources.encoding import decode
from fieldguide.sources.feeds import entry_document, entry_key, looks_like_feed, parse_feed
from fieldguide.sources.html import looks_like_html, read_html
from fieldguide.sources.web import Fetched, fetch
from fieldguide.watch.config import Feed
from fieldguide.watch.state import MAX_ENTRY_ATTEMPTS, FeedState

_FEED_PATH = re.compile(r"(?:\.xml|\.rss|\.atom|/rss|/atom|/feed)/?$", re.IGNORECASE)
_FEED_TYPES = ("rss", "atom", "xml")


@dataclass(slots=True)
class Poll:
    """What one poll found: an error, nothing changed (304), or entries read."""

    feed: str
    error: str | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    entries: int = 0  # entries (or links) the feed lists
    documents: list[tuple[str, Document]] = field(default_factory=list)  # (entry key, document)
    rejects: list[tuple[str, Reject]] = field(default_factory=list)


def _validators(state: FeedState | None) -> dict[str, str]:
    headers: dict[str, str] = {}
    if state is not None and state.etag:
        headers["If-None-Match"] = state.etag
    if state is not None and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _wanted(key: str, seen: dict[str, tuple[str | None, int]]) -> bool:
    """An entry not stored yet, and not given up after failing too often."""
    if key not in seen:
        return True
    doc_id, attempts = seen[key]
    return doc_id is None and attempts < MAX_ENTRY_ATTEMPTS


def _expects_feed(feed: Feed, fetched: Fetched) -> bool:
    if feed.kind != "auto":
        return feed.kind == "feed"
    content_type = fetched.content_type.lower()
    return bool(_FEED_PATH.search(urlparse(feed.url).path)) or any(t in content_type for t in _FEED_TYPES)


def poll(feed: Feed, state: FeedState | None, seen: dict[str, tuple[str | None, int]], context: Context) -> Poll:
    """Poll ``feed`` once; never raises for what the network or the server does."""
    result = Poll(feed.name)
    try:
        fetched = fetch(feed.url, context.http(), context.policy, _validators(state))
    except InputError as e:
        result.error = str(e)
        return result
    result.etag, result.last_modified = fetched.etag, fetched.last_modified
    if fetched.not_modified:
        result.not_modified = True
        return result
    data = fetched.content
    if not data.strip():
        result.error = "empty response"
        return result
    hints = Hints(year=date.today().year, source=feed.source, url=fetched.url)
    if feed.kind == "listing" or not (_expects_feed(feed, fetched) or looks_like_feed(data)):
        _read_listing(feed, fetched, seen, context, result)
    else:
        _read_feed(feed, data, hints, seen, context, result)
    return result


def _read_feed(
    feed: Feed, data: bytes, hints: Hints, seen: dict[str, tuple[str | None, int]], context: Context, result: Poll
) -> None:
    parsed, problem = parse_feed(data, feed.url)
    if problem is not None:
        result.error = problem.reason
        return
    feed_title = parsed.feed.get("title") or None
    result.entries = len(parsed.entries)
    for index, entry in enumerate(parsed.entries):
        key = entry_key(entry) or _fallback_key(entry)
        if not _wanted(key, seen):
            continue
        item = entry_document(entry, f"{feed.url}#entry-{index + 1}", feed_title, hints, context)
        if isinstance(item, Reject):
            result.rejects.append((key, item))
        else:
            result.documents.append((key, item))


def _fallback_key(entry: Any) -> str:
    """An entry with neither id nor link: its title and summary identify it."""
    basis = f"{entry.get('title') or ''}\n{entry.get('summary') or ''}"
    return "sha1:" + hashlib.sha1(basis.encode("utf-8")).hexdigest()


def listing_links(html: str, page_url: str, follow: re.Pattern[str] | None) -> list[str]:
    """The links of a listing page that are its entries: absolute http(s) URLs, without fragments,
    on the page's host (or matching ``follow``), the page itself left out, in page order."""
    host = urlparse(page_url).netloc
    found: dict[str, None] = {}
    for node in HTMLParser(html).css("a[href]"):
        href = (node.attributes.get("href") or "").strip()
        if not href:
            continue
        url = urldefrag(urljoin(page_url, href))[0]
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or url.rstrip("/") == page_url.rstrip("/"):
            continue
        if follow is not None:
            if follow.search(url):
                found[url] = None
        elif parsed.netloc == host and parsed.path not in ("", "/"):
            found[url] = None
    return list(found)


def _read_listing(
    feed: Feed, fetched: Fetched, seen: dict[str, tuple[str | None, int]], context: Context, result: Poll
) -> None:
    try:
        html = decode(fetched.content).text
    except InputError as e:
        result.error = f"not a feed, nor a listing page ({e})"
        return
    if not looks_like_html(html):
        result.error = "not a feed, nor a listing page (neither RSS/Atom nor HTML)"
        return
    if _expects_feed(feed, fetched) and feed.kind != "listing":
        result.error = "not a feed: looks like an HTML page"
        return
    links = listing_links(html, fetched.url, feed.follow)
    if not links:
        result.error = "listing page has no links to follow"
        return
    result.entries = len(links)
    for link in links:
        if not _wanted(link, seen):
            continue
        item = _read_page(link, feed, context)
        if isinstance(item, Reject):
            result.rejects.append((link, item))
        else:
            result.documents.append((link, item))


def _read_page(link: str, feed: Feed, context: Context) -> Document | Reject:
    try:
        page = fetch(link, context.http(), context.policy)
        decoded = decode(page.content)
    except InputError as e:
        return Reject(link, f"page not fetched: {e}")
    hints = Hints(year=date.today().year, source=feed.source, url=page.url)
    item = read_html(decoded.text, link, hints, page.url)
    if isinstance(item, Document) and decoded.warning:
        item.extra["warning"] = decoded.warning
    return item
