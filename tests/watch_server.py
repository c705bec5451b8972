"""A web for the watch tests and benchmark, on 127.0.0.1: feeds that answer conditional GETs
(ETag, Last-Modified, 304), entry pages, error pages, and a webhook receiver that records what
it is sent. Every request is counted by path, so that a test can tell what was fetched again."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

EXAMPLES = Path(__file__).resolve().parent.parent / "src" / "fieldguide" / "examples"
LAST_MODIFIED = format_datetime(datetime(2024, 9, 1, tzinfo=UTC), usegmt=True)


@dataclass(slots=True)
class Entry:
    guid: str
    title: str
    link: str
    published: str  # YYYY-MM-DD
    text: str  # the whole text in the feed; "" sends a short summary, and the page has the text
    source: str = "KCNA"


def example_entries(base: str) -> list[Entry]:
    """The packaged example dispatches as feed entries (invented texts, marked as such)."""
    entries = []
    for line in (EXAMPLES / "dispatches.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        entries.append(
            Entry(record["id"], record["title"], f"{base}/article/{record['id']}", record["published"], record["text"])
        )
    return entries


def rss(entries: list[Entry], title: str = "KCNA Watch Test") -> bytes:
    items = []
    for e in entries:
        when = format_datetime(datetime.fromisoformat(e.published).replace(hour=8, tzinfo=UTC), usegmt=True)
        body = e.text or f"{e.title}."
        items.append(
            f"<item><title>{escape(e.title)}</title><link>{escape(e.link)}</link>"
            f"<guid>{escape(e.guid)}</guid><pubDate>{when}</pubDate>"
            f"<description>{escape(body)}</description></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n") if p.strip())
    return (
        f"<html><head><title>{escape(title)}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{escape(title)}</h1>{paragraphs}</article></body></html>"
    ).encode()


@dataclass
class Web:
    """What the server serves; change it between rounds."""

    feeds: dict[str, list[Entry]] = field(default_factory=dict)  # path -> entries
    pages: dict[str, bytes] = field(default_factory=dict)  # path -> HTML
    raw: dict[str, tuple[int, str, bytes]] = field(default_factory=dict)  # path -> status, type, body
    conditional: bool = True  # answer If-None-Match / If-Modified-Since with 304
    requests: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)
    hook_bodies: list[dict[str, Any]] = field(default_factory=list)
    hook_failures: int = 0  # the next this many webhook calls answer 500
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    web: Web

    def log_message(self, *_args: object) -> None:
        pass

    def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        web = self.web
        path = self.path
        with web.lock:
            web.requests[path] += 1
        if path in web.raw:
            self._send(*web.raw[path])
        elif path in web.feeds:
            body = rss(web.feeds[path])
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if web.conditional and self.headers.get("If-None-Match") == etag:
                with web.lock:
                    web.not_modified[path] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            headers = {"ETag": etag, "Last-Modified": LAST_MODIFIED} if web.conditional else {}
            self._send(200, "application/rss+xml", body, headers)
        elif path in web.pages:
            self._send(200, "text/html; charset=utf-8", web.pages[path])
        else:
            self._send(404, "text/html", b"<html><body>Not found</body></html>")

    def do_POST(self) -> None:
        web = self.web
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        with web.lock:
            web.requests[self.path] += 1
            fail = web.hook_failures > 0
            if fail:
                web.hook_failures -= 1
            else:
                web.hook_bodies.append(json.loads(body))
        self._send(500 if fail else 204, "text/plain", b"")


class Server:
    """``with Server() as server: server.base, server.web``"""

    def __init__(self) -> None:
        self.web = Web()
        handler = type("Handler", (_Handler,), {"web": self.web})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def variant_entries(base: str, count: int, start: int = 0) -> list[Entry]:
    """``count`` distinct entries made from the examples (each its own document: its number is in
    its title and its last line)."""
    examples = example_entries(base)
    out = []
    for i in range(start, start + count):
        e = examples[i % len(examples)]
        out.append(
            Entry(
                f"{e.guid}-{i}",
                f"{e.title} ({i})",
                f"{base}/article/{e.guid}-{i}",
                e.published,
                f"{e.text}\nThis is copy number {i} of the example dispatch.",
            )
        )
    return out
