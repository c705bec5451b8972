"""WARC files (.warc, .warc.gz) with warcio: each HTML or text response is a document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from fieldguide.errors import InputError
from fieldguide.model import Document, Reject
from fieldguide.sources import limits
from fieldguide.sources.document import Hints, build
from fieldguide.sources.encoding import decode
from fieldguide.sources.html import looks_like_html, read_html

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(stream: IO[bytes], origin: str, hints: Hints) -> Iterator[Document | Reject]:
    """Responses with an HTML or text payload; other records (requests, images, scripts) are no documents."""
    found = False
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or None
            where = f"{origin}!{url}" if url else f"{origin}!{record.rec_headers.get_header('WARC-Record-ID')}"
            http = record.http_headers
            content_type = (http.get_header("Content-Type") if http else "") or ""
            if content_type and not content_type.lower().startswith(_TEXT_TYPES):
                continue
            found = True
            status = http.get_statuscode() if http else None
            if status and not status.startswith("2"):
                yield Reject(where, f"archived response is HTTP {status}, not a page")
                continue
            payload = record.content_stream().read(limits.MAX_DOCUMENT_BYTES + 1)
            if len(payload) > limits.MAX_DOCUMENT_BYTES:
                yield Reject(where, f"payload larger than the limit of {limits.megabytes(limits.MAX_DOCUMENT_BYTES)}")
                continue
            yield _payload_document(payload, content_type, where, url, hints)
    except ArchiveLoadFailed as e:
        detail = str(e).splitlines()[0][:80] if str(e) else "load failed"
        yield Reject(origin, f"not a readable WARC ({detail})")
        return
    if not found:
        yield Reject(origin, "WARC holds no HTML or text response")


def _payload_document(
    payload: bytes, content_type: str, origin: str, url: str | None, hints: Hints
) -> Document | Reject:
    if not payload.strip():
        return Reject(origin, "empty response payload")
    try:
        text, _ = decode(payload)
    except InputError as e:
        return Reject(origin, str(e))
    if "html" in content_type.lower() or looks_like_html(text):
        return read_html(text, origin, hints, url=url)
    return build(text, origin=origin, url=url, source=hints.source, year_hint=hints.year)
