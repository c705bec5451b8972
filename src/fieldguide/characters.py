"""Characters the archive never stores, and the one rule for them.

PostgreSQL refuses NUL in text and JSON, and neither back end can encode a lone surrogate to
UTF-8; SQLite stores a NUL but every C reader of the value (the ``sqlite3`` shell) stops there.
So one record carrying ``\\u0000`` used to abort a whole PostgreSQL batch. The rule:

- in text, titles, sources, topics and the extra fields kept as JSON, these characters are
  removed (in the document's text by the normalizer, which keeps the offset map exact, and in
  the original text kept beside it each is replaced by U+FFFD, so its offsets still hold);
- in an id or a URL they cannot be removed without making another id, so the record is
  rejected with the reason.

The characters: the C0 controls other than tab, line feed, vertical tab, form feed and carriage
return (which the normalizer turns into spaces and line breaks), DEL, and lone surrogates.
"""

from __future__ import annotations

import re
from typing import Any

from fieldguide.model import Document

UNSTORABLE = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]")
REPLACEMENT = "\ufffd"


# The same characters as bytes of UTF-8: a C0 control or DEL is one byte there (every byte of a
# longer character is 0x80 or more), and a lone surrogate cannot be encoded at all.
_UNSTORABLE_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])


def has_unstorable(value: str) -> bool:
    # Encoding and deleting bytes runs in C at memory speed, five times faster than the regular
    # expression; every document's text is asked several times while it is read.
    try:
        data = value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return len(data.translate(None, _UNSTORABLE_BYTES)) != len(data)


def without_unstorable(value: str, replacement: str = "") -> str:
    return UNSTORABLE.sub(replacement, value) if has_unstorable(value) else value


def unstorable_spans(text: str) -> list[tuple[int, int]]:
    """Where the characters are, as (start, end) runs, for the normalizer to delete."""
    return [m.span() for m in re.finditer(f"(?:{UNSTORABLE.pattern})+", text)] if has_unstorable(text) else []


def clean_value(value: Any) -> Any:
    """A JSON-like value (the extra fields of a record) with the characters removed from every
    string in it, keys included."""
    if isinstance(value, str):
        return without_unstorable(value)
    if isinstance(value, dict):
        return {clean_value(k): clean_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [clean_value(v) for v in value]
    return value


def name(value: str) -> str:
    """The first such character, named for a reject's reason: "U+0000 (NUL)"."""
    found = UNSTORABLE.search(value)
    if found is None:
        return "none"
    char = found.group()
    label = "NUL" if char == "\x00" else "a lone surrogate" if "\ud800" <= char <= "\udfff" else "a control character"
    return f"U+{ord(char):04X} ({label})"


def _first_name(value: Any) -> str:
    if isinstance(value, str):
        return name(value)
    items = [*value.keys(), *value.values()] if isinstance(value, dict) else list(value)
    return next((_first_name(v) for v in items if _holds(v)), "none")


def _holds(value: Any) -> bool:
    if isinstance(value, str):
        return has_unstorable(value)
    if isinstance(value, dict):
        return any(_holds(k) or _holds(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds(v) for v in value)
    return False


def unstorable_reason(doc: Document, cleaned: bool = False) -> str | None:
    """Why ``doc`` cannot be stored as it is, or None. Documents read through ``sources`` are
    cleaned already and fail only on an id or URL; the store asks again for documents made
    by other callers, so that no batch ever fails on one.

    ``cleaned``: the reader has removed the characters from every field it could (the text, title,
    source, topic, original text and extra fields), so only the id, the URL and the origin are
    asked about: the answer is the same, without reading the text again."""
    for field_name in ("id", "url"):
        value = getattr(doc, field_name)
        if value and has_unstorable(value):
            return f"the record's {field_name} holds {name(value)}, which the archive cannot store; record not read"
    if cleaned:
        if doc.origin and has_unstorable(doc.origin):
            return f"the document's origin holds {name(doc.origin)}, which the archive cannot store"
        return None
    fields = {
        "text": doc.text,
        "title": doc.title,
        "source": doc.source,
        "topic": doc.topic,
        "origin": doc.origin,
        "original text": doc.original_text,
        "extra fields": doc.extra,
    }
    for field_name, field_value in fields.items():
        if field_value and _holds(field_value):
            return f"the document's {field_name} holds {_first_name(field_value)}, which the archive cannot store"
    return None
