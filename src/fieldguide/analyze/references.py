"""Back-references: "since his visit on November 9 last year", resolved to that earlier event.

Two sources, merged: the references the extraction recorded on an event (``references``:
``{text, date, span}``), and phrases found here in the text, "his (field guidance | visit |
inspection) (to (the) X) on DATE", where DATE is a date mention the extraction resolved.
Each is linked to an archived event of the leader on that day (an inspection first, then
any type; a site near X first), in another document. Without such an event in the
archive the reference is kept, unlinked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldguide.analyze.entities import facility_key
from fieldguide.analyze.queries import Citation, as_date, citations
from fieldguide.errors import NotFoundError
from fieldguide.kb import KnowledgeBase
from fieldguide.model import Extraction
from fieldguide.store import Store
from fieldguide.store.reference_reads import document_with_record, event_sites, leader_events_between
from fieldguide.store.types import Connection

_VISIT = re.compile(
    r"\b(?:his|the leader's|Kim Jong Un's)\s+(?:field guidance|on-site guidance|visit|inspection)"
    r"(?:\s+(?:to|of)\s+(?:the\s+)?(?P<site>[^,.;]{3,80}?))?\s+(?:on|in)\s+$",
    re.IGNORECASE,
)
LOOK_BACK = 160  # characters before a date mention in which the visit phrase must end


@dataclass(frozen=True, slots=True)
class BackReference:
    doc_id: str
    text: str  # the phrase, "his visit on November 9 last year"
    span: tuple[int, int]
    start: date
    end: date
    site: str | None  # X in "his visit to X on DATE"
    found_by: str  # "extraction" or "text"
    refers_to: Citation | None = None
    event_type: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "text": self.text,
            "span": list(self.span),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "site": self.site,
            "found_by": self.found_by,
            "event_type": self.event_type,
            "refers_to": self.refers_to.to_json() if self.refers_to else None,
        }


def find_back_references(text: str, extraction: Extraction) -> list[BackReference]:
    """The back-references in one document's text and extraction (unlinked)."""
    doc_id = extraction.doc_id
    found: dict[tuple[int, int], BackReference] = {}
    for event in extraction.events:
        for ref in event.references:
            when = as_date(ref.get("date") or ref.get("start"))
            span = ref.get("span")
            if when is None or not span:
                continue
            key = (int(span[0]), int(span[1]))
            until = as_date(ref.get("end")) or when
            found[key] = BackReference(doc_id, str(ref.get("text", "")), key, when, until, None, "extraction")
    for mention in extraction.mentions:
        if mention.kind != "date" or not mention.attrs.get("start"):
            continue
        begin, end = mention.span.start, mention.span.end
        m = _VISIT.search(text[max(0, begin - LOOK_BACK) : begin])
        if m is None:
            continue
        phrase_start = begin - (min(begin, LOOK_BACK) - m.start())
        key = (phrase_start, end)
        site = m.group("site").strip() if m.group("site") else None
        start_day = as_date(mention.attrs["start"])
        end_day = as_date(mention.attrs.get("end")) or start_day
        if start_day is None or end_day is None or any(_overlaps(key, k) for k in found):
            continue
        found[key] = BackReference(doc_id, text[phrase_start:end], key, start_day, end_day, site, "text")
    return sorted(found.values(), key=lambda r: r.span)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def back_references(store: Store, doc_id: str, kb: KnowledgeBase) -> list[BackReference]:
    """The back-references of a stored document, each linked to the earlier event it names
    when the archive holds one."""
    with store.engine.connect() as conn:
        row = document_with_record(conn, doc_id)
        if row is None:
            raise NotFoundError(f"no document {doc_id!r} in the archive")
        refs = find_back_references(row.text, Extraction.from_record(row.record)) if row.record else []
        return [_link(conn, ref, kb) for ref in refs]


def _link(conn: Connection, ref: BackReference, kb: KnowledgeBase) -> BackReference:
    candidates = leader_events_between(conn, ref.start, ref.end, not_in=ref.doc_id)
    if not candidates:
        return ref
    sites = event_sites(conn, [c.id for c in candidates]) if ref.site else {}
    wanted = facility_key(ref.site, kb) if ref.site else None

    def rank(candidate: Any) -> tuple[int, int]:
        near = wanted is not None and any(wanted.near(facility_key(s, kb)) for s in sites.get(candidate.id, []))
        return (0 if near else 1, 0 if candidate.type == "inspection" else 1)

    best = min(candidates, key=rank)  # min is stable: ties keep document order
    cited = citations(conn, [best.id]).get(best.id)
    return BackReference(ref.doc_id, ref.text, ref.span, ref.start, ref.end, ref.site, ref.found_by, cited, best.type)
