"""The leader's events as a STIX 2.1 bundle, written with the standard library.

Each event is an ``x-fieldguide-event`` custom object (STIX 2.1 keeps custom objects valid:
common properties plus ``x_`` properties); each dispatch is a ``report`` whose
``object_refs`` are its events. Ids are UUIDv5 of stable keys and timestamps come from the
documents' dates, never the clock, so the same archive gives the same bundle.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from fieldguide.report.urls import web_url

EVENT_TYPE = "x-fieldguide-event"
# Fixed namespace: changing it would change every exported id.
NAMESPACE = uuid.UUID("5f0c3b1e-6a52-5d1c-9a8e-2f7b4c1d0e93")
EPOCH = "1970-01-01T00:00:00.000Z"


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


def timestamp(day: str | date | None) -> str:
    """A STIX timestamp (UTC, millisecond precision) for a day, midnight."""
    if day is None:
        return EPOCH
    text = day.isoformat() if isinstance(day, date) else str(day)[:10]
    return f"{text}T00:00:00.000Z"


def to_stix(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A bundle of the rows of ``export.export_events``: events, then one report per dispatch."""
    objects: list[dict[str, Any]] = []
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_doc.setdefault(row["doc_id"], []).append(row)
        objects.append(_event(row))
    for doc_id in sorted(by_doc):
        objects.append(_report(doc_id, by_doc[doc_id]))
    bundle_key = "\n".join(o["id"] for o in objects)
    return {"type": "bundle", "id": stix_id("bundle", bundle_key), "objects": objects}


def _reference(row: dict[str, Any], cited: bool) -> dict[str, Any]:
    """The document as an external reference. STIX requires ``url`` to be a valid URL: a source
    URL that is no absolute http(s) one is kept as words in the description instead."""
    ref: dict[str, Any] = {"source_name": row.get("source") or "fieldguide", "external_id": row["doc_id"]}
    notes = [f"characters {row['evidence_start']}-{row['evidence_end']} of the stored text"] if cited else []
    given = row.get("link") if cited else row.get("url")
    url = web_url(given) or (web_url(row.get("url")) if cited else None)
    if url:
        ref["url"] = url
    elif row.get("url"):
        notes.append(f"source URL, not an http(s) address: {row['url']}")
    if notes:
        ref["description"] = "; ".join(notes)
    return ref


def _event(row: dict[str, Any]) -> dict[str, Any]:
    stamp = timestamp(row.get("published") or row.get("start"))
    obj: dict[str, Any] = {
        "type": EVENT_TYPE,
        "spec_version": "2.1",
        "id": stix_id(EVENT_TYPE, row["id"]),
        "created": stamp,
        "modified": stamp,
        "name": row["summary"],
        "description": row["evidence"],
        "x_event_type": row["type"],
        "x_actor": row["actor"],
        "x_start": row.get("start"),
        "x_end": row.get("end"),
        "x_precision": row.get("precision"),
        "x_sector": row.get("sector"),
        "x_sites": row.get("sites"),
        "x_places": row.get("places"),
        "x_weapons": row.get("weapons"),
        "x_designations": row.get("designations"),
        "x_people": row.get("people"),
        "x_evidence": {"doc_id": row["doc_id"], "start": row["evidence_start"], "end": row["evidence_end"]},
        "external_references": [_reference(row, cited=True)],
    }
    # STIX forbids null values and empty lists: leave such properties out.
    return {k: v for k, v in obj.items() if v not in (None, [], "")}


def _report(doc_id: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    first = rows[0]
    stamp = timestamp(first.get("published") or first.get("start"))
    return {
        "type": "report",
        "spec_version": "2.1",
        "id": stix_id("report", doc_id),
        "created": stamp,
        "modified": stamp,
        "name": first.get("title") or doc_id,
        "published": stamp,
        "object_refs": [stix_id(EVENT_TYPE, r["id"]) for r in rows],
        "external_references": [_reference(first, cited=False)],
    }
