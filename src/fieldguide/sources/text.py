"""Plain text and Markdown: a title when the first line looks like one, metadata from front matter.

The date comes from front matter ("date:"/"published:") when there is any; else from the KCNA
dateline ("Pyongyang, August 5 (KCNA) --"), whose missing year is the front matter's year if any,
else the year of the file's modification time (an archive member's own time, a fetch's date).
"""

from __future__ import annotations

import re
from typing import Any

from fieldguide.model import Document, Reject
from fieldguide.sources.dateline import find_dateline
from fieldguide.sources.document import Hints, from_record

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_HEADING = re.compile(r"\A[ \t]*#{1,6}[ \t]+(.+?)[ \t#]*\Z")
_UNDERLINE = re.compile(r"\A[ \t]*(?:=+|-+)[ \t]*\Z")
_MAX_TITLE_CHARS = 200


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml  # here: the parser costs every start, and few texts have front matter

    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return {str(k): v for k, v in meta.items()}, text[match.end() :]


def split_title(text: str) -> tuple[str | None, str]:
    """The title and the body, when the first line looks like a title; else (None, text).

    A title is a Markdown heading, a Setext heading, or a short first line without final
    punctuation that is followed by a blank line or by the dateline.
    """
    stripped = text.lstrip("\r\n")
    first, newline, rest = stripped.partition("\n")
    first = first.rstrip("\r")
    if not newline or not first.strip():
        return None, text
    heading = _HEADING.match(first)
    if heading:
        return heading.group(1).strip(), rest
    second, _, after = rest.partition("\n")
    if _UNDERLINE.match(second.rstrip("\r")) and first.strip():
        return first.strip(), after
    candidate = first.strip()
    if (
        len(candidate) <= _MAX_TITLE_CHARS
        and candidate[-1] not in ".,;:"
        and find_dateline(first) is None
        and (not second.strip() or find_dateline(second) is not None)
    ):
        return candidate, rest
    return None, text


def read_text(text: str, origin: str, hints: Hints, *, markdown: bool = False) -> Document | Reject:
    meta, body = _front_matter(text)
    title_from_body, body = split_title(body)
    record: dict[str, Any] = dict(meta)
    if title_from_body and not any(str(k).lower() in ("title", "headline") for k in record):
        record["title"] = title_from_body
    # The body is the text: metadata keys that also name the text field would hide it.
    for key in ("body", "content", "story_text"):
        record.pop(key, None)
    record["text"] = body
    if markdown:
        record.setdefault("format", "markdown")
    return from_record(record, origin, hints)
