"""Building documents and running the extractor in tests (dispatches written for the tests)."""

from __future__ import annotations

from datetime import date
from functools import cache

from fieldguide.extract.pipeline import Extractor
from fieldguide.kb import load
from fieldguide.model import Document, Extraction
from fieldguide.sources.normalize import normalize


@cache
def extractor() -> Extractor:
    return Extractor(load())


def dispatch(text: str, published: str = "2024-08-06", title: str | None = None, doc_id: str = "t-1") -> Document:
    normalized, offsets = normalize(text)
    return Document(
        id=doc_id,
        text=normalized,
        title=title,
        published=date.fromisoformat(published),
        source="KCNA",
        original_text=text if normalized != text else None,
        offsets=offsets,
    )


def run(text: str, published: str = "2024-08-06", title: str | None = None) -> Extraction:
    return extractor()(dispatch(text, published, title))


def leader_events(extraction: Extraction) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.type, e.start.isoformat() if e.start else None, e.end.isoformat() if e.end else None)
        for e in extraction.events
        if e.actor == "Kim Jong Un"
    ]


def people_named(extraction: Extraction) -> set[str]:
    """Everyone the text names as a person, by canonical name."""
    return {m.canonical for m in extraction.mentions if m.kind == "person"}
