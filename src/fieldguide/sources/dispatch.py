"""Which reader reads what: by file name first, then by sniffing the bytes.

Paths, archive members and fetched URLs all come through here, so a member of a zip is read
exactly as the same file on disk would be.
"""

from __future__ import annotations

import gzip
import io
import os
import re
import zlib
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

import orjson

from fieldguide.errors import InputError
from fieldguide.model import Document, Reject
from fieldguide.sources import limits
from fieldguide.sources.archives import read_tar, read_zip
from fieldguide.sources.context import Context
from fieldguide.sources.document import Hints, build, with_warning
from fieldguide.sources.encoding import decode, is_binary
from fieldguide.sources.feeds import looks_like_feed, read_feed
from fieldguide.sources.html import looks_like_html, read_html
from fieldguide.sources.structured import read_csv_bytes, read_json_bytes, read_jsonl_bytes, read_jsonl_stream
from fieldguide.sources.text import read_text
from fieldguide.sources.warc import read_warc
from fieldguide.sources.web import fetch

Result = Iterator[Document | Reject]

_BY_SUFFIX: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".tar.gz", "tar"),
    (".tgz", "tar"),
    (".tar.bz2", "tar"),
    (".tar.xz", "tar"),
    (".tar", "tar"),
    (".zip", "zip"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".csv", "csv"),
    (".tsv", "csv"),
    (".txt", "text"),
    (".text", "text"),
    (".md", "markdown"),
    (".markdown", "markdown"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".xml", "feed"),
    (".rss", "feed"),
    (".atom", "feed"),
    (".gz", "gzip"),
)
# Kinds that hold one document each, and so fall under the one-document size limit.
_SINGLE_DOCUMENT = frozenset({"text", "markdown", "html"})
_ARCHIVES = frozenset({"zip", "tar"})
_FEED_PATH = re.compile(r"(?i)(?:\.(?:xml|rss|atom)$|/(?:feed|rss|atom)(?:/|\.|$))")


def kind_by_name(name: str) -> str | None:
    lowered = name.lower()
    for suffix, kind in _BY_SUFFIX:
        if lowered.endswith(suffix):
            return kind
    return None


def sniff(head: bytes) -> str:
    """The kind of content from its first bytes; "binary" when it is none we read."""
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    if head[257:262] == b"ustar":
        return "tar"
    if is_binary(head):
        return "binary"
    try:
        text = decode(head).text
    except InputError:
        # The head may end inside a multi-byte character or be too short to tell: call it text.
        return "text"
    start = text.lstrip("\ufeff \t\r\n")[:1]
    if start == "{":
        first, _, rest = text.lstrip().partition("\n")
        if rest.strip():
            try:
                if isinstance(orjson.loads(first), dict):
                    return "jsonl"
            except orjson.JSONDecodeError:
                pass
        return "json"
    if start == "[":
        return "json"
    if start == "<":
        if looks_like_feed(head):
            return "feed"
        if looks_like_html(text):
            return "html"
        if text.lstrip().startswith("<?xml"):
            return "feed"
        return "html" if re.search(r"<(?:p|div|article|body)\b", text, re.IGNORECASE) else "text"
    return "text"


def _too_large(size: int, limit: int, what: str) -> str:
    return f"file of {limits.megabytes(size)} is larger than the limit of {limits.megabytes(limit)} for {what}"


def _size_reason(kind: str, size: int) -> str | None:
    if kind in _SINGLE_DOCUMENT and size > limits.MAX_DOCUMENT_BYTES:
        return _too_large(size, limits.MAX_DOCUMENT_BYTES, "one document")
    if kind in ("json", "csv", "feed") and size > limits.MAX_STRUCTURED_FILE_BYTES:
        return _too_large(size, limits.MAX_STRUCTURED_FILE_BYTES, f"a {kind} file read whole")
    return None


def read_bytes(data: bytes, name: str, origin: str, hints: Hints, context: Context) -> Result:
    """Read content held in memory (an archive member, a fetched body) as if it were the file ``name``."""
    if not data.strip():
        yield Reject(origin, "empty file" if not data else "empty file (only whitespace)")
        return
    kind = kind_by_name(name) or sniff(data[:4096])
    reason = _size_reason(kind, len(data))
    if reason:
        yield Reject(origin, reason)
        return
    if kind in _ARCHIVES or kind == "gzip":
        if context.depth >= limits.MAX_NESTING:
            yield Reject(origin, f"archive nested more than {limits.MAX_NESTING} deep; not read")
            return
        nested = context.nested()

        def member(data: bytes, member_name: str, where: str, year: int | None) -> Result:
            inner = Hints(year or hints.year, hints.source, day=None if year else hints.day)
            return read_bytes(data, member_name, where, inner, nested)

        if kind == "zip":
            yield from read_zip(io.BytesIO(data), origin, member)
        elif kind == "tar":
            yield from read_tar(io.BytesIO(data), origin, member)
        else:
            yield from _read_gzip(data, name, origin, hints, nested)
        return
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), origin, hints)
    elif kind == "jsonl":
        yield from read_jsonl_bytes(data, origin, hints)
    elif kind == "json":
        yield from read_json_bytes(data, origin, hints)
    elif kind == "csv":
        yield from read_csv_bytes(data, origin, hints)
    elif kind == "feed":
        yield from read_feed(data, origin, hints, context)
    elif kind == "binary":
        yield Reject(origin, "binary file (NUL bytes)")
    else:
        yield _read_decoded(data, kind, origin, hints)


def _read_decoded(data: bytes, kind: str, origin: str, hints: Hints) -> Document | Reject:
    try:
        decoded = decode(data)
    except InputError as e:
        return Reject(origin, str(e))
    text = decoded.text
    if kind == "html":
        item = read_html(text, origin, hints)
    elif kind in ("text", "markdown"):
        item = read_text(text, origin, hints, markdown=kind == "markdown")
    else:
        item = build(text, origin=origin, source=hints.source, url=hints.url, year_hint=hints.year, not_after=hints.day)
    return with_warning(item, decoded.warning)


def _read_gzip(data: bytes, name: str, origin: str, hints: Hints, context: Context) -> Result:
    """A gzipped file ("corpus.jsonl.gz"): unpacked in memory under the member limit, then read."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            inner = stream.read(limits.MAX_MEMBER_BYTES + 1)
    except (OSError, EOFError, zlib.error) as e:
        yield Reject(origin, f"not a readable gzip file ({e})")
        return
    if len(inner) > limits.MAX_MEMBER_BYTES:
        yield Reject(
            origin,
            f"unpacks to more than the limit of {limits.megabytes(limits.MAX_MEMBER_BYTES)} "
            "(possible decompression bomb)",
        )
        return
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    yield from read_bytes(inner, inner_name, origin, hints, context)


def _mtime_day(path: Path) -> date | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime).date()
    except (OSError, ValueError, OverflowError):
        return None


def read_path(path: Path, context: Context) -> Result:
    """One file on disk. Large JSONL and WARC files are streamed; the rest is read whole, within limits."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size == 0:
            yield Reject(origin, "empty file")
            return
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError as e:
        yield Reject(origin, f"cannot be read ({e.strerror or e})")
        return
    saved = _mtime_day(path)
    hints = Hints(year=saved.year if saved else None, day=saved)
    kind = kind_by_name(path.name) or sniff(head)
    reason = _size_reason(kind, size)
    if reason:
        yield Reject(origin, reason)
        return
    try:
        if kind == "jsonl":
            with path.open("rb") as stream:
                yield from read_jsonl_stream(stream, origin, hints)
        elif kind == "warc":
            with path.open("rb") as stream:
                yield from read_warc(stream, origin, hints)
        elif kind in _ARCHIVES:
            nested = context.nested()

            def member(data: bytes, name: str, where: str, year: int | None) -> Result:
                return read_bytes(data, name, where, Hints(year or hints.year, day=None if year else hints.day), nested)

            reader = read_zip if kind == "zip" else read_tar
            yield from reader(origin, origin, member)
        else:
            data = path.read_bytes()
            yield from read_bytes(data, path.name, origin, hints, context)
    except OSError as e:
        yield Reject(origin, f"cannot be read ({e.strerror or e})")


def walk(folder: Path) -> Iterator[Path | Reject]:
    """Files under ``folder``, recursively, sorted, hidden files and folders skipped.

    Symbolic links are never followed: one could lead out of the folder (to /etc) or round in a
    loop (a link to "."), so each is a Reject that names it. Pipes and devices are refused too
    (reading one could block), and a folder met a second time (a bind mount) is not read again.
    """
    seen: set[tuple[int, int]] = set()

    def visit(current: Path) -> Iterator[Path | Reject]:
        try:
            identity = current.stat()
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError:
            return
        if (identity.st_dev, identity.st_ino) in seen:
            yield Reject(str(current), "folder already read (a loop in the folder tree); not read again")
            return
        seen.add((identity.st_dev, identity.st_ino))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = current / entry.name
            try:
                if entry.is_symlink():
                    target = os.readlink(path)
                    yield Reject(str(path), f"symbolic link (to {target}); links are not followed")
                elif entry.is_dir(follow_symlinks=False):
                    yield from visit(path)
                elif entry.is_file(follow_symlinks=False):
                    yield path
                else:
                    yield Reject(str(path), "not a regular file (pipe, socket or device); not read")
            except OSError as e:
                yield Reject(str(path), f"cannot be read ({e.strerror or e})")

    yield from visit(folder)


def read_url(url: str, context: Context) -> Result:
    try:
        fetched = fetch(url, context.http(), context.policy)
    except InputError as e:
        yield Reject(url, str(e))
        return
    data = fetched.content
    if not data.strip():
        yield Reject(url, "empty response")
        return
    content_type = fetched.content_type.lower()
    path = urlparse(fetched.url).path
    expects_feed = bool(_FEED_PATH.search(urlparse(url).path)) or any(t in content_type for t in ("rss", "atom"))
    kind = kind_by_name(path) or sniff(data[:4096])
    if kind in ("text", "html") and any(t in content_type for t in ("xml", "rss", "atom")):
        kind = sniff(data[:4096])
    hints = Hints(year=date.today().year, url=fetched.url, day=date.today())
    if expects_feed or kind == "feed":
        yield from read_feed(data, url, hints, context)
        return
    name = os.path.basename(path) or "index.html"
    if kind == "html" or "html" in content_type:
        yield _read_decoded(data, "html", url, hints)
        return
    yield from read_bytes(data, name if kind_by_name(name) else f"{name}.{kind}", url, hints, context)
