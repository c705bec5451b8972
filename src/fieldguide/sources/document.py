"""From fields as read (a JSON record, a page's metadata) to a Document, or a Reject.

Every reader ends here, so ids, dates, kinds and normalization are decided once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldguide import characters
from fieldguide.model import Document, DocumentKind, Reject
from fieldguide.sources import limits
from fieldguide.sources.dateline import find_press_dateline, has_dateline, parse_dateline
from fieldguide.sources.dates import parse_date
from fieldguide.sources.normalize import normalize, normalize_line

# The usual names of each field, in order of preference (matched without regard to case).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "story_text"),
    "published": ("published", "date", "date_str", "pubdate", "published_at", "datetime"),
    "url": ("url", "link"),
    "source": ("source", "outlet"),
    "topic": ("topic", "category", "section"),
}
# Fields that fill a modelled field yet stay in ``extra`` too, because they say more than it does.
_ALSO_EXTRA = frozenset({"outlet"})


@dataclass(frozen=True, slots=True)
class Hints:
    """What the container knows about a document: a year for datelines, a source, a URL."""

    year: int | None = None  # the file's (or member's, or fetch's) year, for datelines
    source: str | None = None
    url: str | None = None
    day: date | None = None  # the file's (or fetch's) day: a dateline's date is never after it


def _pick(record: Mapping[str, Any], lowered: dict[str, str], field: str) -> tuple[Any, str | None]:
    for name in FIELD_NAMES[field]:
        key = lowered.get(name)
        if key is not None and record[key] not in (None, ""):
            return record[key], key
    return None, None


def _as_str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Mapping):  # {"name": "KCNA"}, {"href": "..."}
        for key in ("name", "href", "value", "title"):
            if isinstance(value.get(key), str):
                return value[key].strip() or None
    return None


def stable_id(url: str | None, text: str) -> str:
    """The id of a document that brings none: from its URL when it has one, else from its text."""
    basis = url if url else text
    return "doc-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def is_kcna(source: str | None) -> bool:
    if not source:
        return False
    lowered = source.lower()
    return "kcna" in lowered or "korean central news agency" in lowered


def document_kind(source: str | None, text: str) -> DocumentKind:
    """A KCNA dispatch when the source says KCNA or the text opens with a KCNA dateline."""
    return "dispatch" if is_kcna(source) or has_dateline(text) else "report"


def from_record(record: Mapping[str, Any], origin: str, hints: Hints = Hints()) -> Document | Reject:
    """A Document from a record with the usual field names; a Reject when it has no usable text."""
    lowered: dict[str, str] = {}
    for key in record:
        if isinstance(key, str):
            lowered.setdefault(key.lower(), key)
    used: set[str] = set()
    values: dict[str, Any] = {}
    for field, names in FIELD_NAMES.items():
        value, picked = _pick(record, lowered, field)
        values[field] = value
        if picked is not None:
            used.add(picked)
        # Empty fields say nothing: they stay out of ``extra`` too.
        used.update(lowered[n] for n in names if n in lowered and record[lowered[n]] in (None, ""))

    raw_text = values["text"]
    if not isinstance(raw_text, str):
        if raw_text is None:
            return Reject(origin, "record has no text (looked for: " + ", ".join(FIELD_NAMES["text"]) + ")")
        return Reject(origin, f"record's text is not a string but {type(raw_text).__name__}")
    extra = {k: v for k, v in record.items() if k not in used or k in _ALSO_EXTRA}
    published = parse_date(values["published"])
    if published is None and values["published"] is not None:
        extra["published_raw"] = values["published"]
    return build(
        raw_text,
        origin=origin,
        id=_as_str(values["id"]),
        title=_as_str(values["title"]),
        published=published,
        source=_as_str(values["source"]) or hints.source,
        url=_as_str(values["url"]) or hints.url,
        topic=_as_str(values["topic"]),
        extra=extra,
        year_hint=published.year if published else hints.year,
        not_after=hints.day,
    )


def with_warning(item: Document | Reject, warning: str | None) -> Document | Reject:
    """The document with ``warning`` kept in its ``extra`` (and so shown by ingest and stored)."""
    if warning and isinstance(item, Document):
        item.extra["warning"] = warning
    return item


def build(
    raw_text: str,
    *,
    origin: str,
    id: str | None = None,
    title: str | None = None,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    topic: str | None = None,
    extra: dict[str, Any] | None = None,
    year_hint: int | None = None,
    not_after: date | None = None,
) -> Document | Reject:
    """Normalize the text, fill what the fields leave open (id, date from the dateline, kind)."""
    if len(raw_text) > limits.MAX_DOCUMENT_BYTES:
        return Reject(
            origin,
            f"document of {len(raw_text):,} characters is larger than the limit of "
            f"{limits.megabytes(limits.MAX_DOCUMENT_BYTES)} for one document",
        )
    text, offsets = normalize(raw_text)
    if not text:
        return Reject(origin, "no text (the text field is empty or only whitespace)")
    inferred = published is None
    if published is None:
        published = parse_dateline(text, year_hint)
        if published is not None and not_after is not None and published > not_after:
            # "Pyongyang, December 30 (KCNA)" in a file saved on January 2: last year's December
            published = parse_dateline(text, year_hint - 1) if year_hint else None
    press = None if has_dateline(text) or (published and source) else find_press_dateline(text)
    if press is not None:
        # a report read from a file has only its dateline to say when and by whom: "SEOUL, Aug. 27 (Yonhap) --"
        source = source or press.outlet
        if published is None:
            published = press.on(year_hint)
            if published is not None and press.year is None and not_after is not None and published > not_after:
                published = press.on(year_hint - 1) if year_hint else None
            inferred = press.year is None
    # Characters no back end stores (characters.py) leave the other fields too; the original
    # text keeps its length, so that the offset map still points into it.
    source = _cleaned(source)
    doc = Document(
        id=id or stable_id(url, text),
        text=text,
        title=normalize_line(title),
        published=published,
        source=source,
        url=url,
        topic=_cleaned(topic),
        kind=document_kind(source, text),
        origin=origin,
        original_text=characters.without_unstorable(raw_text, characters.REPLACEMENT) if text != raw_text else None,
        offsets=offsets,
        extra=characters.clean_value(extra) if extra else {},
    )
    if inferred and published is not None:
        # the dateline gives month and day; the year is the file's (or the fetch's), so say so
        doc.extra["published_inferred"] = "year taken from the file's date"
    reason = characters.unstorable_reason(doc, cleaned=True)  # every other field was cleaned above
    return Reject(origin, reason) if reason else doc


def _cleaned(value: str | None) -> str | None:
    return (characters.without_unstorable(value).strip() or None) if value else value
