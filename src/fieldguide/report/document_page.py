"""One document as the web app shows it: its text cut into segments, each carrying the facts
whose evidence covers it, the facts themselves, its versions with word diffs, the dispatches a
report retells (with what the press added) or the reports that retell a dispatch.

    page = document_page(store, "kcna-7055beb52e")
    page.to_json()
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from fieldguide.report.urls import web_url
from fieldguide.store import Store
from fieldguide.store import documents as stored
from fieldguide.store.diff import elide, word_diff
from fieldguide.store.types import Version

CORRECTABLE_MENTIONS = ("person", "place", "weapon")  # the document's facts a correction names
DIFF_CONTEXT = 12  # unchanged words kept around a change
RETELLING_DAYS = 14  # a report retells a dispatch published at most this many days before it


@dataclass(slots=True)
class Fact:
    """One extracted fact with the spans of its evidence."""

    n: int
    kind: str  # event, person, place, weapon, designation, site, date, addition...
    label: str
    spans: list[tuple[int, int]]
    detail: dict[str, Any] = field(default_factory=dict)
    confidence: float | None = None
    rule: str | None = None
    target: dict[str, Any] | None = None  # how a correction names this fact (None: not correctable)

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "kind": self.kind,
            "label": self.label,
            "spans": [list(s) for s in self.spans],
            "detail": self.detail,
            "confidence": self.confidence,
            "rule": self.rule,
            "target": self.target,
        }


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the text and the facts (their ``n``) whose evidence covers it."""

    text: str
    facts: tuple[int, ...]
    kinds: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "facts": list(self.facts), "kinds": list(self.kinds)}


@dataclass(slots=True)
class DocumentPage:
    document: dict[str, Any]
    facts: list[Fact]
    segments: list[Segment]
    versions: list[dict[str, Any]]
    diffs: list[dict[str, Any]]
    retells: list[dict[str, Any]]  # for a report: the dispatches it reports on
    retold_by: list[dict[str, Any]]  # for a dispatch: the archived reports that retell it
    story: list[str]
    extracted: bool
    corrections: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "extracted": self.extracted,
            "corrections": self.corrections,
            "facts": [f.to_json() for f in self.facts],
            "segments": [s.to_json() for s in self.segments],
            "versions": self.versions,
            "diffs": self.diffs,
            "retells": self.retells,
            "retold_by": self.retold_by,
            "story": self.story,
        }


def _pairs(value: Any) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for item in value or []:
        if isinstance(item, list | tuple) and len(item) == 2:
            out.append((int(item[0]), int(item[1])))
    return out


def _event_label(event: dict[str, Any]) -> str:
    when = event.get("start") or ""
    if event.get("end") and event.get("end") != event.get("start"):
        when = f"{when} to {event['end']}"
    where = ", ".join(event.get("sites") or event.get("places") or [])
    parts = [str(event.get("type", "event"))]
    if event.get("actor"):
        parts.append(f"by {event['actor']}")
    if when:
        parts.append(f"on {when}")
    if where:
        parts.append(f"at {where}")
    return " ".join(parts)


def facts_of(record: dict[str, Any] | None) -> list[Fact]:
    """The events and mentions of an extraction record, each with its evidence spans."""
    facts: list[Fact] = []
    if not record:
        return facts
    for event in record.get("events") or []:
        detail = {
            k: event.get(k)
            for k in ("type", "actor", "start", "end", "sector", "sites", "places", "weapons", "designations")
        }
        detail["people"] = [p.get("name") for p in event.get("people") or [] if isinstance(p, dict)]
        spans = _pairs(event.get("evidence_spans"))
        target = {
            "span": [min(s for s, _ in spans), max(e for _, e in spans)] if spans else None,
            "value": event.get("type"),
        }
        facts.append(
            Fact(
                len(facts),
                "event",
                _event_label(event),
                spans,
                detail,
                event.get("confidence"),
                event.get("rule"),
                target,
            )
        )
    for mention in record.get("mentions") or []:
        span = _pairs([mention.get("span")])
        attrs = mention.get("attrs") or {}
        kind = str(mention.get("kind", "mention"))
        label = f"{kind}: {mention.get('canonical') or mention.get('text')}"
        detail = {"text": mention.get("text"), "canonical": mention.get("canonical")}
        mention_target = (
            {"span": list(span[0]) if span else None, "value": mention.get("canonical") or mention.get("text")}
            if kind in CORRECTABLE_MENTIONS
            else None
        )
        confidence, rule = attrs.get("confidence"), attrs.get("rule")
        facts.append(Fact(len(facts), kind, label, span, detail, confidence, rule, mention_target))
    return facts


def segments_of(text: str, facts: list[Fact]) -> list[Segment]:
    """``text`` cut at every start and end of a fact's span; each piece lists the facts over it."""
    cuts = {0, len(text)}
    for fact in facts:
        for start, end in fact.spans:
            if 0 <= start < end <= len(text):
                cuts.update((start, end))
    bounds = sorted(cuts)
    out: list[Segment] = []
    for start, end in itertools.pairwise(bounds):
        over = [f for f in facts if any(s <= start and end <= e for s, e in f.spans)]
        out.append(Segment(text[start:end], tuple(f.n for f in over), tuple(sorted({f.kind for f in over}))))
    return out


def _versions(history: list[Version]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    versions = [{"n": v.n, "seen_at": v.seen_at.isoformat(), "title": v.title, "origin": v.origin} for v in history]
    diffs = [
        {
            "from": old.n,
            "to": new.n,
            "runs": [{"op": op, "text": text} for op, text in elide(word_diff(old.text, new.text), DIFF_CONTEXT)],
        }
        for old, new in itertools.pairwise(history)
    ]
    return versions, diffs


def _additions(result: Any, dispatch_id: str) -> list[dict[str, Any]]:
    return [a.to_json() for a in (result.additions or {}).get(dispatch_id, [])]


def document_page(store: Store, doc_id: str) -> DocumentPage:
    """Everything the document page shows; NotFoundError when no document has this id."""
    from fieldguide.link.linker import ReportLinker  # the linker only for the page that links
    from fieldguide.store.corrections import corrections_of

    with store.snapshot() as conn:  # one connection, one state of the archive, for what is the document's own
        doc_id = stored.stored_id(conn, doc_id)
        record = stored.extraction_record(conn, doc_id)
        doc = stored.read_document(conn, doc_id)
        history = stored.history(conn, doc_id)
        story = stored.story_ids(conn, doc_id)
        corrections = corrections_of(conn, doc_id)
        nearby: list[str] = []
        if doc.kind != "report" and doc.published is not None:  # the reports that may retell it
            nearby = stored.reports_near(conn, doc.published, RETELLING_DAYS)
    facts = facts_of(record)
    retells: list[dict[str, Any]] = []
    retold_by: list[dict[str, Any]] = []
    with ReportLinker(store) as linker:
        if doc.kind == "report":
            result = linker.link(doc, record or {}, additions=True)
            with store.snapshot() as conn:
                known = stored.summaries(conn, [link.id for link in result.links])
            for link in result.links:
                summary = known.get(link.id)
                retells.append(
                    {
                        **link.to_json(),
                        "title": summary.title if summary else None,
                        "published": summary.to_json()["published"] if summary else None,
                        "additions": _additions(result, link.id),
                    }
                )
                for addition in (result.additions or {}).get(link.id, []):
                    facts.append(
                        Fact(
                            len(facts),
                            "addition",
                            f"press addition ({addition.kind}): not in {link.id}",
                            [(addition.span.start, addition.span.end)],
                            {"dispatch": link.id, "dispatch_text": addition.dispatch_text},
                        )
                    )
        elif nearby:
            for report in store.get_documents(nearby):
                result = linker.link(report, linker.stored_record(report.id) or {}, additions=True)
                for link in result.links:
                    if link.id == doc.id:
                        retold_by.append(
                            {
                                "id": report.id,
                                "title": report.title,
                                "published": report.published.isoformat() if report.published else None,
                                "source": report.source,
                                "score": round(link.score, 2),
                                "confidence": round(link.confidence, 3),
                                "reasons": list(link.reasons),
                                "additions": _additions(result, link.id),
                            }
                        )
    versions, diffs = _versions(history)
    document = {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "source": doc.source,
        "topic": doc.topic,
        "url": doc.url,
        "link": web_url(doc.url),
        "text": doc.text,
    }
    return DocumentPage(
        document=document,
        facts=facts,
        segments=segments_of(doc.text, facts),
        versions=versions,
        diffs=diffs,
        retells=retells,
        retold_by=retold_by,
        story=[i for i in story if i != doc_id],
        extracted=record is not None,
        corrections=[c.to_json() for c in corrections],
    )


__all__ = ["DocumentPage", "Fact", "Segment", "document_page", "facts_of", "segments_of"]
