"""URLs: pages, feeds whose short entries are followed to their pages, errors, unreachable hosts,
the deadline and size cap of a fetch, and the refusal of private addresses.

A local HTTP server on 127.0.0.1, started by the test, stands in for the web; the tests that use it
as the web allow private hosts (FIELDGUIDE_ALLOW_PRIVATE_HOSTS), as an intranet would.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from fieldguide.errors import FetchStoppedError
from fieldguide.model import Document, Reject
from fieldguide.sources import FetchPolicy, hosts, limits, read, read_many

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
        self.redirects: dict[str, str] = {}  # path -> Location
        self.drips: dict[str, bytes] = {}  # path -> body sent one byte every DRIP_SECONDS
        self.user_agents: list[str] = []
        self.paths: list[str] = []
        self.base = ""
        self.port = 0


DRIP_SECONDS = 0.5


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setattr(limits, "HTTP_BACKOFF_SECONDS", 0.0)
    monkeypatch.setenv("FIELDGUIDE_ALLOW_PRIVATE_HOSTS", "1")
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.user_agents.append(self.headers.get("User-Agent", ""))
            state.paths.append(self.path)
            if self.path in state.redirects:
                self.send_response(302)
                self.send_header("Location", state.redirects[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path in state.drips:
                self._drip(state.drips[self.path])
                return
            status, ctype, body = state.routes.get(
                self.path, (404, "text/html", b"<html><body>Not found</body></html>")
            )
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _drip(self, body: bytes) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for byte in body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(DRIP_SECONDS)
            except OSError:
                pass  # the client gave up, as it should

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    state.base = f"http://127.0.0.1:{state.port}"
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


# -- the deadline and the size cap ------------------------------------------------------------


def test_a_dripping_server_is_given_up_at_the_deadline(site: Site):
    site.drips["/slow.html"] = ARTICLE.encode()
    (reject,) = read(f"{site.base}/slow.html", policy=FetchPolicy(allow_private_hosts=True, deadline_seconds=1.5))
    assert isinstance(reject, Reject) and reject.origin == f"{site.base}/slow.html"
    assert reject.reason == "gave up after the deadline of 1.5 s for one fetch"


def test_the_deadline_comes_from_the_environment(site: Site, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("FIELDGUIDE_HTTP_DEADLINE", "1")
    site.drips["/slow.html"] = ARTICLE.encode()
    (reject,) = read(f"{site.base}/slow.html")
    assert isinstance(reject, Reject) and "deadline of 1 s" in reject.reason


def test_a_feed_entry_whose_page_drips_or_is_too_large_is_a_named_reject(site: Site, monkeypatch: pytest.MonkeyPatch):
    site.routes["/short.xml"] = (200, "application/rss+xml", short_feed(site.base).encode())
    site.drips["/article/farm"] = ARTICLE.encode()
    site.routes["/article/missing"] = (200, "text/html", ARTICLE.encode() * 40)
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 8 * 1024)
    policy = FetchPolicy(allow_private_hosts=True, deadline_seconds=1.0)
    slow, large = read(f"{site.base}/short.xml", policy=policy)
    assert slow == Reject(
        f"{site.base}/short.xml#entry-1",
        f"page {site.base}/article/farm not fetched: gave up after the deadline of 1 s for one fetch",
    )
    assert isinstance(large, Reject) and large.origin == f"{site.base}/short.xml#entry-2"
    assert "larger than the limit of 8192 bytes for one fetch" in large.reason


# -- private addresses --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "0.0.0.0",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "::1",
        "::",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
    ],
)
def test_private_loopback_and_link_local_addresses_are_refused(address: str):
    with pytest.raises(FetchStoppedError, match="refused"):
        hosts.public_address(address, 80)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_addresses_pass(address: str):
    assert hosts.public_address(address, 80) == address  # a literal: nothing is looked up


def test_a_public_looking_name_that_resolves_to_loopback_is_refused(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(hosts, "resolve", lambda host, port: ["93.184.216.34", "127.0.0.1"])
    with pytest.raises(FetchStoppedError, match=r"news\.example\.com \(resolves to 127\.0\.0\.1\)"):
        hosts.public_address("news.example.com", 80)
    with pytest.raises(FetchStoppedError, match="localhost"):
        monkeypatch.undo()
        hosts.public_address("localhost", 80)


def test_a_url_on_a_private_host_is_refused_by_default(site: Site, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("FIELDGUIDE_ALLOW_PRIVATE_HOSTS")
    site.routes["/news/farm.html"] = (200, "text/html", ARTICLE.encode())
    for url in (f"{site.base}/news/farm.html", f"http://localhost:{site.port}/news/farm.html"):
        (reject,) = read(url)
        assert isinstance(reject, Reject) and reject.reason.startswith("refused: ")
    assert site.paths == []  # nothing was asked of the server
    (doc,) = read(f"{site.base}/news/farm.html", policy=FetchPolicy(allow_private_hosts=True))
    assert isinstance(doc, Document)


def _loopback_stands_for_the_web(monkeypatch: pytest.MonkeyPatch) -> None:
    """127.0.0.1 plays a public server; every other private address stays refused."""
    real = hosts.is_public
    monkeypatch.setattr(hosts, "is_public", lambda a: a == ipaddress.ip_address("127.0.0.1") or real(a))
    monkeypatch.delenv("FIELDGUIDE_ALLOW_PRIVATE_HOSTS")


def test_a_redirect_to_a_private_address_is_refused_hop_by_hop(site: Site, monkeypatch: pytest.MonkeyPatch):
    _loopback_stands_for_the_web(monkeypatch)
    site.routes["/news/farm.html"] = (200, "text/html", ARTICLE.encode())
    site.redirects["/moved"] = "/news/farm.html"
    site.redirects["/sneaky"] = f"http://127.0.0.2:{site.port}/admin"
    site.redirects["/metadata"] = "http://[::ffff:169.254.169.254]/latest/meta-data/"
    (doc,) = read(f"{site.base}/moved")
    assert isinstance(doc, Document) and doc.url == f"{site.base}/news/farm.html"
    for path in ("/sneaky", "/metadata"):
        (reject,) = read(f"{site.base}{path}")
        assert isinstance(reject, Reject) and reject.reason.startswith("refused: ")
    assert "/admin" not in site.paths


def test_too_many_redirects_are_a_reject(site: Site):
    site.redirects["/loop"] = "/loop"
    (reject,) = read(f"{site.base}/loop")
    assert reject == Reject(f"{site.base}/loop", f"more than {limits.HTTP_MAX_REDIRECTS} redirects")


def test_a_feed_entry_pointing_inside_is_a_named_reject_and_not_fetched(site: Site, monkeypatch: pytest.MonkeyPatch):
    _loopback_stands_for_the_web(monkeypatch)
    feed = short_feed(site.base).replace(f"{site.base}/article/missing", f"http://127.0.0.2:{site.port}/admin")
    site.routes["/short.xml"] = (200, "application/rss+xml", feed.encode())
    site.routes["/article/farm"] = (200, "text/html", ARTICLE.encode())
    farm, inside = read(f"{site.base}/short.xml")
    assert isinstance(farm, Document) and farm.extra["fetched"] == f"{site.base}/article/farm"
    assert isinstance(inside, Reject) and inside.origin == f"{site.base}/short.xml#entry-2"
    assert inside.reason.startswith(f"page http://127.0.0.2:{site.port}/admin not fetched: refused: 127.0.0.2")
    assert "/admin" not in site.paths


def test_ingest_refuses_a_local_url_unless_allow_private_hosts(
    site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
):
    from typer.testing import CliRunner

    from fieldguide.cli import app

    monkeypatch.delenv("FIELDGUIDE_ALLOW_PRIVATE_HOSTS")
    site.routes["/news/farm.html"] = (200, "text/html", ARTICLE.encode())
    db = str(tmp_path / "archive.db")
    url = f"{site.base}/news/farm.html"
    runner = CliRunner()
    refused = runner.invoke(app, ["ingest", url, "--db", db, "--no-extract"], env={"COLUMNS": "250"})
    assert refused.exit_code == 1 and "refused: 127.0.0.1" in refused.output
    allowed = runner.invoke(app, ["ingest", url, "--db", db, "--no-extract", "--allow-private-hosts"])
    assert allowed.exit_code == 0, allowed.output
    assert site.paths == ["/news/farm.html"]
