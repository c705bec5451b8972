"""WARC files (.warc, .warc.gz) with warcio: each HTML or text response is a document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, TYPE_CHECKING

from fieldguide.errors import InputError
from fieldguide.model import Document, Reject
from fieldguide.sources import limits
from fieldguide.sources.document import Hints, build, with_warning
from fieldguide.sources.encoding import decode
from fieldguide.sources.html import looks_like_html, read_html

if TYPE_CHECKING:  # warcio is imported when a WARC is read
    from warcio.recordloader import ArcWarcRecord

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(stream: IO[bytes], origin: str, hints: Hints) -> Iterator[Document | Reject]:
    """Responses with an HTML or text payload; other records (requests, images, scripts) are no documents.

    A record the file ends inside (a crawl stopped mid-write, a partial download) is a reject, never a
    document with half its text; so is a compressed record cut before its headers could be read.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = False
    records = ArchiveIterator(stream)
    read_to = 0  # where the last record read ends
    count = 0
    try:
        for record in records:
            count += 1
            item = _record_item(record, origin, hints)
            records.read_to_end()
            read_to = records.get_record_offset() + records.get_record_length()
            if record.raw_stream.limit > 0:
                length = record.length or 0
                yield Reject(
                    _where(record, origin),
                    f"truncated WARC record: the file holds {length - record.raw_stream.limit:,} of its "
                    f"{length:,} bytes",
                )
                found = found or item is not None
                continue
            if item is not None:
                found = True
                yield item
    except ArchiveLoadFailed as e:
        detail = str(e).splitlines()[0][:80] if str(e) else "load failed"
        yield Reject(origin, f"not a readable WARC ({detail})")
        return
    if _has_more(stream, read_to):
        yield Reject(
            f"{origin}!record {count + 1} at byte {read_to:,}",
            "truncated WARC record: the file ends before the record could be read",
        )
    elif not found:
        yield Reject(origin, "WARC holds no HTML or text response")


def _where(record: ArcWarcRecord, origin: str) -> str:
    url = record.rec_headers.get_header("WARC-Target-URI")
    return f"{origin}!{url}" if url else f"{origin}!{record.rec_headers.get_header('WARC-Record-ID')}"


def _record_item(record: ArcWarcRecord, origin: str, hints: Hints) -> Document | Reject | None:
    """The document a record holds, a reject saying why it holds none, or None for records that are no pages."""
    if record.rec_type != "response":
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    where = _where(record, origin)
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http else "") or ""
    if content_type and not content_type.lower().startswith(_TEXT_TYPES):
        return None
    status = http.get_statuscode() if http else None
    if status and not status.startswith("2"):
        return Reject(where, f"archived response is HTTP {status}, not a page")
    payload = record.content_stream().read(limits.MAX_DOCUMENT_BYTES + 1)
    if len(payload) > limits.MAX_DOCUMENT_BYTES:
        return Reject(where, f"payload larger than the limit of {limits.megabytes(limits.MAX_DOCUMENT_BYTES)}")
    return _payload_document(payload, content_type, where, url, hints)


def _has_more(stream: IO[bytes], position: int) -> bool:
    """Whether bytes other than blank lines follow ``position``: the start of a record not read."""
    try:
        stream.seek(position)
        rest = stream.read(4096)
    except (OSError, ValueError):
        return False  # a stream that cannot seek back: its records were checked one by one
    return bool(rest.strip())


def _payload_document(
    payload: bytes, content_type: str, origin: str, url: str | None, hints: Hints
) -> Document | Reject:
    if not payload.strip():
        return Reject(origin, "empty response payload")
    try:
        decoded = decode(payload)
    except InputError as e:
        return Reject(origin, str(e))
    text = decoded.text
    if "html" in content_type.lower() or looks_like_html(text):
        item = read_html(text, origin, hints, url=url)
    else:
        item = build(text, origin=origin, url=url, source=hints.source, year_hint=hints.year)
    return with_warning(item, decoded.warning)
