"""The briefing as data: sections of items, each sentence a ``Cited`` that points at its source.

The renderers (markdown.py, html.py) only lay this structure out; JSON is ``Brief.to_json()``.
Nothing in a Brief depends on the clock, so the same archive gives the same brief.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote

from fieldguide.report.urls import web_url

SECTION_TITLES: dict[str, str] = {
    "need_to_know": "What you need to know",
    "details": "The details",
    "context": "Context",
    "read_more": "Read more",
}


@dataclass(frozen=True, slots=True)
class Cited:
    """One sentence of the brief and the stretch of a document it rests on.

    ``text`` is what the brief says; ``evidence`` is ``document.text[span[0]:span[1]]``,
    kept so that a reader (or a test) can check the claim without opening the archive.
    """

    text: str
    doc_id: str
    span: tuple[int, int]
    url: str | None = None
    evidence: str = ""

    @property
    def link(self) -> str | None:
        """The document's URL with a text fragment that scrolls a browser to the cited words;
        None unless the URL is an absolute http(s) one (see urls.web_url)."""
        url = web_url(self.url)
        if url is None:
            return None
        words = self.evidence.split()
        if not words:
            return url
        base = url.split("#", 1)[0]
        if len(words) <= 8:
            return f"{base}#:~:text={_fragment(' '.join(words))}"
        return f"{base}#:~:text={_fragment(' '.join(words[:4]))},{_fragment(' '.join(words[-4:]))}"

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "doc_id": self.doc_id,
            "span": list(self.span),
            "url": self.url,
            "evidence": self.evidence,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cited:
        start, end = data["span"]
        return cls(data["text"], data["doc_id"], (int(start), int(end)), data.get("url"), data.get("evidence", ""))


def _fragment(words: str) -> str:
    # Text fragments reserve '-', ',' and '&'; quote() leaves '-' alone, so encode it by hand.
    return quote(words, safe="").replace("-", "%2D")


@dataclass(slots=True)
class Item:
    """A bullet (one or more sentences), a quotation, or a subsection of details.

    Items of "What you need to know" carry their ``rank`` (1 first), the ``reasons`` for it
    and the ``docs`` of the activity (or the gathered activities), the main dispatch first.
    A ``prose`` item reads as one paragraph rather than a list of sentences.
    """

    sentences: list[Cited]
    heading: str | None = None
    label: str | None = None  # the group an item belongs to within its section (Context)
    quote: bool = False  # verbatim words of the source, shown as a quotation
    rank: int | None = None
    reasons: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    prose: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "label": self.label,
            "quote": self.quote,
            "rank": self.rank,
            "reasons": list(self.reasons),
            "docs": list(self.docs),
            "prose": self.prose,
            "sentences": [c.to_json() for c in self.sentences],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Item:
        return cls(
            [Cited.from_json(c) for c in data["sentences"]],
            data.get("heading"),
            data.get("label"),
            bool(data.get("quote", False)),
            data.get("rank"),
            list(data.get("reasons") or []),
            list(data.get("docs") or []),
            bool(data.get("prose", False)),
        )


@dataclass(slots=True)
class Section:
    key: str  # need_to_know, details, context, read_more
    title: str
    items: list[Item] = field(default_factory=list)
    note: str | None = None  # about the archive, not a claim of a source (e.g. "nothing found")

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "note": self.note, "items": [i.to_json() for i in self.items]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Section:
        return cls(data["key"], data["title"], [Item.from_json(i) for i in data["items"]], data.get("note"))


@dataclass(frozen=True, slots=True)
class SourceDoc:
    """A document the brief cites."""

    id: str
    title: str | None
    source: str | None
    published: date | None
    url: str | None
    kind: str

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "kind": self.kind,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SourceDoc:
        published = date.fromisoformat(data["published"]) if data.get("published") else None
        return cls(data["id"], data.get("title"), data.get("source"), published, data.get("url"), data["kind"])


# The kinds of activity the chart stacks, in the order of significance (ranking.TIERS, then the routine).
CHART_KINDS: dict[str, str] = {
    "military": "weapons and military",
    "diplomacy": "foreign leaders and envoys",
    "politics": "speeches and party meetings",
    "society": "economy and society",
    "routine": "messages and gifts",
}


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many of the leader's activities of one kind (a key of CHART_KINDS) took place on a day."""

    day: date
    kind: str
    count: int

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat(), "kind": self.kind, "count": self.count}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DayCount:
        return cls(date.fromisoformat(data["day"]), data["kind"], int(data["count"]))


@dataclass(frozen=True, slots=True)
class MapSite:
    """Where an activity of "The details" took place, as the knowledge base locates it.
    ``detail`` is the activity's number in that section (1 first)."""

    label: str
    lat: float
    lon: float
    detail: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "lat": self.lat, "lon": self.lon, "detail": self.detail}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MapSite:
        return cls(data["label"], float(data["lat"]), float(data["lon"]), data.get("detail"))


@dataclass(frozen=True, slots=True)
class Photo:
    """A photograph of the story's dispatch: its caption and the image's http(s) address."""

    caption: str
    src: str
    doc_id: str

    def to_json(self) -> dict[str, Any]:
        return {"caption": self.caption, "src": self.src, "doc_id": self.doc_id}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Photo:
        return cls(data["caption"], data["src"], data["doc_id"])


@dataclass(slots=True)
class Brief:
    title: str
    since: date | None
    until: date | None
    story: str | None = None
    sections: list[Section] = field(default_factory=list)
    sources: list[SourceDoc] = field(default_factory=list)
    chart: list[DayCount] = field(default_factory=list)  # the leader's activities per day and kind
    sites: list[MapSite] = field(default_factory=list)  # the week's sites the knowledge base locates
    photos: list[Photo] = field(default_factory=list)  # a story brief's photographs with their captions

    def section(self, key: str) -> Section:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)

    def citations(self) -> Iterator[Cited]:
        """Every sentence of the brief, in reading order."""
        for s in self.sections:
            for item in s.items:
                yield from item.sentences

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "story": self.story,
            "sections": [s.to_json() for s in self.sections],
            "sources": [d.to_json() for d in self.sources],
            "chart": [c.to_json() for c in self.chart],
            "map": [m.to_json() for m in self.sites],
            "photos": [p.to_json() for p in self.photos],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Brief:
        return cls(
            data["title"],
            date.fromisoformat(data["since"]) if data.get("since") else None,
            date.fromisoformat(data["until"]) if data.get("until") else None,
            data.get("story"),
            [Section.from_json(s) for s in data["sections"]],
            [SourceDoc.from_json(d) for d in data["sources"]],
            [DayCount.from_json(c) for c in data.get("chart") or []],
            [MapSite.from_json(m) for m in data.get("map") or []],
            [Photo.from_json(p) for p in data.get("photos") or []],
        )


@dataclass(frozen=True, slots=True)
class Note:
    """A numbered source note, shared by every sentence that cites the same stretch."""

    number: int
    cited: Cited


def number_citations(brief: Brief) -> tuple[dict[tuple[str, int, int], int], list[Note]]:
    """Footnote numbers in order of first citation; one number per (document, span)."""
    numbers: dict[tuple[str, int, int], int] = {}
    notes: list[Note] = []
    for cited in brief.citations():
        key = (cited.doc_id, *cited.span)
        if key not in numbers:
            numbers[key] = len(numbers) + 1
            notes.append(Note(numbers[key], cited))
    return numbers, notes
