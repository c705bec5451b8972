"""Records: JSON (an object or an array of objects), JSONL (streamed line by line) and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

import orjson

from fieldguide.errors import InputError
from fieldguide.model import Document, Reject
from fieldguide.sources import limits
from fieldguide.sources.document import Hints, from_record, with_warning
from fieldguide.sources.encoding import decode

# A JSON object without a text field may hold its documents in one of these lists.
_CONTAINER_KEYS = ("documents", "items", "records", "articles", "data", "entries")


def _json_error(error: Exception) -> str:
    return str(error).splitlines()[0] if str(error) else type(error).__name__


def _loads(line: bytes) -> tuple[Any, str | None]:
    """The JSON value, and the warning its decoding gave (None when it was clean UTF-8)."""
    try:
        return orjson.loads(line), None
    except orjson.JSONDecodeError:
        # orjson reads UTF-8 only: give other encodings their chance before calling it "not JSON".
        decoded = decode(line)
        return orjson.loads(decoded.text), decoded.warning


def read_jsonl_lines(
    lines: Iterable[tuple[int, bytes | None]], origin: str, hints: Hints
) -> Iterator[Document | Reject]:
    """Records from (line number, line) pairs; a None line was too long to read."""
    for lineno, line in lines:
        where = f"{origin}:{lineno}"
        if line is None:
            yield Reject(
                where,
                f"line longer than the limit of {limits.megabytes(limits.MAX_DOCUMENT_BYTES)} for one document",
            )
            continue
        if not line.strip():
            continue
        try:
            record, warning = _loads(line)
        except (orjson.JSONDecodeError, InputError) as e:
            yield Reject(where, f"not JSON ({_json_error(e)})")
            continue
        if not isinstance(record, dict):
            yield Reject(where, f"not a JSON object but a JSON {type(record).__name__}")
            continue
        yield with_warning(from_record(record, where, hints), warning)


def iter_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a binary stream; a line longer than ``limit`` is skipped and given as None.

    Memory stays at one line, however large the file.
    """
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield lineno, None
        else:
            yield lineno, line


def read_jsonl_stream(stream: IO[bytes], origin: str, hints: Hints) -> Iterator[Document | Reject]:
    yield from read_jsonl_lines(iter_lines(stream, limits.MAX_DOCUMENT_BYTES), origin, hints)


def read_jsonl_bytes(data: bytes, origin: str, hints: Hints) -> Iterator[Document | Reject]:
    yield from read_jsonl_stream(io.BytesIO(data), origin, hints)


def _looks_like_jsonl(data: bytes) -> bool:
    first, _, rest = data.lstrip().partition(b"\n")
    if not rest.strip():
        return False
    try:
        return isinstance(orjson.loads(first), dict)
    except orjson.JSONDecodeError:
        return False


def read_json_bytes(data: bytes, origin: str, hints: Hints) -> Iterator[Document | Reject]:
    """A JSON object (one document, or a container of them) or an array of objects."""
    try:
        value, warning = _loads(data)
    except InputError as e:
        yield Reject(origin, str(e))
        return
    except orjson.JSONDecodeError as e:
        if _looks_like_jsonl(data):  # JSONL saved under a .json name
            yield from read_jsonl_bytes(data, origin, hints)
            return
        yield Reject(origin, f"not JSON, truncated or malformed ({_json_error(e)})")
        return
    for item in read_json_value(value, origin, hints):
        yield with_warning(item, warning)


def read_json_value(value: Any, origin: str, hints: Hints) -> Iterator[Document | Reject]:
    if isinstance(value, dict):
        for key in _CONTAINER_KEYS:
            inner = value.get(key)
            if isinstance(inner, list) and not any(k in value for k in ("text", "body", "content")):
                yield from read_json_value(inner, origin, hints)
                return
        yield from_record(value, origin, hints)
    elif isinstance(value, list):
        if not value:
            yield Reject(origin, "empty JSON array: no documents")
        for index, item in enumerate(value):
            where = f"{origin}[{index}]"
            if isinstance(item, dict):
                yield from_record(item, where, hints)
            else:
                yield Reject(where, f"not a JSON object but a JSON {type(item).__name__}")
    else:
        yield Reject(origin, f"JSON holds a {type(value).__name__}, not an object or an array of objects")


def read_csv_bytes(data: bytes, origin: str, hints: Hints) -> Iterator[Document | Reject]:
    """CSV with a header row; each row a record, its origin ``file.csv:LINE``."""
    try:
        decoded = decode(data)
    except InputError as e:
        yield Reject(origin, str(e))
        return
    text = decoded.text
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    # Fields hold whole articles; the csv module's default cap (128 KB) is too small for some.
    csv.field_size_limit(limits.MAX_DOCUMENT_BYTES)
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames:
        yield Reject(origin, "CSV without a header row")
        return
    line = reader.line_num + 1
    rows = 0
    try:
        for row in reader:
            rows += 1
            record: dict[str, Any] = {k: v for k, v in row.items() if k is not None}
            if None in row:  # a row with more cells than the header has names
                record["_extra_columns"] = row[None]
            yield with_warning(from_record(record, f"{origin}:{line}", hints), decoded.warning)
            line = reader.line_num + 1
    except csv.Error as e:
        yield Reject(f"{origin}:{line}", f"malformed CSV ({e})")
        return
    if not rows:
        yield Reject(origin, "CSV has a header row but no records")
