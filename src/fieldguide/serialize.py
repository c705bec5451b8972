"""One serializer per fact: the dict every output of an event, a mention, an activity or a link
is made from.

    fact = event_fact(doc, n, event, citer)        # `events`, `export`, STIX, FtM
    fact["evidence"], fact["evidence_start"], fact["original_start"]

``fieldguide events`` (json, csv), ``fieldguide export`` (csv, json, parquet), the STIX bundle,
the FtM entities and the GeoJSON features take their fields from these dicts; a format's layer
may rename or flatten them (CSV joins lists, STIX prefixes ``x_``), never read a stored record
itself. Dates are ISO text (or None).

An event's evidence is the sentence that shows it happened, given as one text and two spans,
each saying which text it is in:

- ``evidence_start``/``evidence_end``: characters of the stored text, normalized (whitespace
  and glued names repaired): what ``search``, ``extract`` and the brief show, and
  ``evidence == stored_text[evidence_start:evidence_end]``;
- ``original_start``/``original_end``: the same stretch in the text as it was read;
- ``evidence_spans``: the extractor's own spans (stored text), often a few words inside it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from fieldguide.model import LEADER, Document, Event

if TYPE_CHECKING:  # the activity and link types live in the packages that make them
    from fieldguide.kb.entities import Place
    from fieldguide.link.reports import Link
    from fieldguide.report.citing import Citer
    from fieldguide.store.activities import ActivityRecord

# The fields of an event fact, in the order outputs show them.
EVENT_FIELDS = (
    "id",
    "doc_id",
    "event_index",
    "type",
    "actor",
    "start",
    "end",
    "precision",
    "sector",
    "sites",
    "places",
    "weapons",
    "designations",
    "people",
    "confidence",
    "rule",
    "summary",
    "evidence",
    "evidence_start",
    "evidence_end",
    "original_start",
    "original_end",
    "evidence_spans",
    "title",
    "published",
    "source",
    "url",
    "link",
)
# What any two outputs of the same event agree on (the test of this module compares them).
CORE_EVENT_FIELDS = ("id", "doc_id", "type", "actor", "start", "end", "places", "sites", "evidence", "evidence_start")


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def event_id(doc_id: str, index: int) -> str:
    """An event's id in every output: its document and its place among the document's events."""
    return f"{doc_id}#{index}"


def event_fact(doc: Document, index: int, event: Event, citer: Citer) -> dict[str, Any]:
    """The ``index``-th event of ``doc``, with the sentence it rests on (``citer`` finds it)."""
    from fieldguide.report import wording  # here: the report package loads the whole brief on import

    record = event.to_json()
    cited = citer.cite(doc, wording.summary(record, doc.published, doc.source), *citer.evidence(doc, record))
    start, end = cited.span
    return {
        "id": event_id(doc.id, index),
        "doc_id": doc.id,
        "event_index": index,
        "type": event.type,
        "actor": event.actor or LEADER,
        "start": iso(event.start),
        "end": iso(event.end),
        "precision": event.precision,
        "sector": event.sector,
        "sites": list(event.sites),
        "places": list(event.places),
        "weapons": list(event.weapons),
        "designations": list(event.designations),
        "people": [
            {k: v for k, v in (("name", p.name), ("role", p.role), ("title", p.title)) if v} for p in event.people
        ],
        "confidence": round(event.confidence, 3),
        "rule": event.rule,
        "summary": cited.text,
        "evidence": cited.evidence,
        "evidence_start": start,
        "evidence_end": end,
        "original_start": doc.offsets.to_original(start),
        "original_end": doc.offsets.to_original(end),
        "evidence_spans": [s.to_json() for s in event.evidence],
        "title": doc.title,
        "published": iso(doc.published),
        "source": doc.source,
        "url": doc.url,
        "link": cited.link,
    }


def mention_fact(
    doc_id: str, kind: str, canonical: str, text: str, start: int, end: int, published: date | None
) -> dict[str, Any]:
    """A person, place, weapon, designation or date as a document writes it (span in the stored text)."""
    return {
        "doc_id": doc_id,
        "kind": kind,
        "canonical": canonical,
        "text": text,
        "start": start,
        "end": end,
        "published": iso(published),
    }


def activity_fact(activity: ActivityRecord, place: Place | None = None) -> dict[str, Any]:
    """One activity of the leader with every document that reports it, the main report first. Its
    evidence is the main report's as the extractor gives it (spans in the stored, normalized text);
    ``place`` is where a map puts it (the knowledge base's coordinates), None when none is known."""
    spans = [list(s) for s in activity.spans]
    first = spans[0] if spans else [None, None]
    return {
        "date": iso(activity.day),
        "published": iso(activity.published),
        "type": activity.type,
        "site": activity.site,
        "speech": activity.speech,
        "public_appearance": activity.public_appearance,
        "main_doc": activity.main_doc_id,
        "docs": list(activity.docs),
        "reports": len(activity.members),
        "confidence": activity.confidence,
        "evidence": activity.evidence,
        "evidence_start": first[0],
        "evidence_end": first[1],
        "evidence_spans": spans,
        "place": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
    }


def appearance_json(activity: ActivityRecord) -> dict[str, Any]:
    """The activity as ``fieldguide appearances --format json`` and the watcher's alerts give it:
    its fact's fields, the evidence as ``{text, spans}``."""
    fact = activity_fact(activity)
    shown = {k: fact[k] for k in ("date", "published", "type", "site", "speech", "docs")}
    return {
        **shown,
        "evidence": {"text": fact["evidence"], "spans": fact["evidence_spans"]},
        "confidence": fact["confidence"],
    }


def link_fact(report: Document, link: Link) -> dict[str, Any]:
    """A foreign report and a dispatch it reports on, with the linker's score and reasons."""
    return {
        "report_id": report.id,
        "report_title": report.title,
        "report_published": iso(report.published),
        "dispatch_id": link.id,
        "score": round(link.score, 4),
        "reasons": list(link.reasons),
    }
