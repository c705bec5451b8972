"""What the store returns: search hits, versions, the outcome of a batch; the handles it lends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeAlias

import sqlalchemy as sa

from fieldguide.model import Reject

# An open transaction on the archive. Code outside store/ only holds it and hands it back to
# store's read functions, so that one snapshot serves several reads.
Connection: TypeAlias = sa.Connection
# A selection of event ids (built by store's read modules) that another read narrows by.
EventSelection: TypeAlias = sa.Select[Any]


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    published: date | None
    source: str | None
    topic: str | None
    url: str | None
    score: float  # higher is better on both back ends
    snippet: str  # matches marked [like this]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "topic": self.topic,
            "url": self.url,
            "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass(frozen=True, slots=True)
class Version:
    doc_id: str
    n: int
    text: str
    content_hash: str
    title: str | None
    seen_at: datetime
    origin: str | None = None


@dataclass(slots=True)
class BatchResult:
    """What one batch did. ``new`` includes the near-duplicates (new documents that
    joined an existing story); ``duplicates`` are (incoming id, stored id) pairs."""

    new: list[str] = field(default_factory=list)
    unchanged: int = 0
    versions: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    near_duplicates: list[tuple[str, str]] = field(default_factory=list)  # (new id, story id)
    extracted: int = 0
    extraction_errors: list[Reject] = field(default_factory=list)
    refused: list[Reject] = field(default_factory=list)  # documents with characters no back end stores
