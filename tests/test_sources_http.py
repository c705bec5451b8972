"""URLs: pages, feeds whose short entries are followed to their pages, errors, unreachable hosts.

A local HTTP server on 127.0.0.1, started by the test, stands in for the web.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from fieldguide.model import Document, Reject
from fieldguide.sources import limits, read, read_many

FIXTURES = Path(__file__).parent / "fixtures" / "sources"

ARTICLE = """<html><head><title>Farm Completed</title>
<meta property="article:published_time" content="2024-08-07"></head><body>
<nav><a href="/">Home</a> <a href="/about">About us</a></nav>
<article><h1>Farm Completed</h1>
<p>Pyongyang, August 7 (KCNA) -- A greenhouse farm was completed in the eastern region, and a ceremony was held
there on Wednesday with builders, farmers and officials of the province taking part in large numbers.</p>
<p>Speakers said that the farm would supply fresh vegetables to the people of the region all the year round,
and called on the farmers to manage the greenhouses well so that they bring in a rich harvest every season.</p>
</article><footer>Contact the webmaster</footer></body></html>"""


def short_feed(base: str) -> str:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Short Digest</title>
<item><title>Farm Completed</title><link>{base}/article/farm</link>
<pubDate>Wed, 07 Aug 2024 08:00:00 +0900</pubDate><description>A farm was completed.</description></item>
<item><title>Missing Page</title><link>{base}/article/missing</link>
<pubDate>Thu, 08 Aug 2024 08:00:00 +0900</pubDate><description>A page that is gone.</description></item>
</channel></rss>"""


class Site:
    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.user_agents: list[str] = []
        self.base = ""


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setattr(limits, "HTTP_BACKOFF_SECONDS", 0.0)
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.user_agents.append(self.headers.get("User-Agent", ""))
            status, ctype, body = state.routes.get(
                self.path, (404, "text/html", b"<html><body>Not found</body></html>")
            )
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"


def test_a_page_url_becomes_a_document(site: Site):
    site.routes["/news/farm.html"] = (200, "text/html; charset=utf-8", ARTICLE.encode())
    (doc,) = read(f"{site.base}/news/farm.html")
    assert isinstance(doc, Document)
    assert doc.url == f"{site.base}/news/farm.html" and doc.origin == doc.url
    assert doc.title == "Farm Completed" and doc.published == date(2024, 8, 7)
    assert "Contact the webmaster" not in doc.text
    assert site.user_agents == [limits.USER_AGENT]


def test_a_full_feed_url_is_read_without_following_links(site: Site):
    site.routes["/feed.rss"] = (200, "application/rss+xml", (FIXTURES / "feed.rss").read_bytes())
    docs = list(read(f"{site.base}/feed.rss"))
    assert [d.title for d in docs] == ["Kim Jong Un Inspects Greenhouse Farm", "Delegation Leaves for Moscow"]
    assert len(site.user_agents) == 1


def test_short_entries_are_followed_to_their_pages(site: Site):
    site.routes["/short.xml"] = (200, "application/rss+xml", short_feed(site.base).encode())
    site.routes["/article/farm"] = (200, "text/html", ARTICLE.encode())
    with httpx.Client(headers={"User-Agent": limits.USER_AGENT}) as client:
        farm, missing = read(f"{site.base}/short.xml", client=client)
    assert isinstance(farm, Document) and isinstance(missing, Document)
    assert farm.text.startswith("Pyongyang, August 7 (KCNA) -- A greenhouse farm was completed")
    assert farm.extra["fetched"] == f"{site.base}/article/farm"
    assert farm.published == date(2024, 8, 7)
    # The page is gone: the summary stands in, with a note that says so.
    assert missing.text == "A page that is gone."
    assert "HTTP 404" in missing.extra["note"] and "summary only" in missing.extra["note"]


def test_a_feed_url_serving_an_html_error_page_is_rejected(site: Site):
    site.routes["/feed.xml"] = (200, "text/html", (FIXTURES / "error-page.xml").read_bytes())
    (reject,) = read(f"{site.base}/feed.xml")
    assert reject == Reject(f"{site.base}/feed.xml", "not a feed: looks like an HTML page")


def test_http_errors_and_retries(site: Site):
    site.routes["/busy"] = (503, "text/plain", b"busy")
    (missing,) = read(f"{site.base}/nothing-here")
    assert isinstance(missing, Reject) and missing.reason == "HTTP 404 Not Found"
    (busy,) = read(f"{site.base}/busy")
    assert isinstance(busy, Reject) and busy.reason == "HTTP 503 Service Unavailable after 3 attempts"
    assert len(site.user_agents) == 1 + 3


def test_an_unreachable_url_is_rejected_and_the_batch_goes_on(site: Site):
    site.routes["/records.jsonl"] = (200, "application/x-ndjson", (FIXTURES / "records.jsonl").read_bytes())
    url = closed_port_url()
    items = list(read_many([url, f"{site.base}/records.jsonl"]))
    assert isinstance(items[0], Reject) and items[0].origin == url
    assert items[0].reason.startswith("unreachable (ConnectError")
    assert [i.id for i in items[1:] if isinstance(i, Document)] == ["jl-1", "jl-2", "jl-4"]
