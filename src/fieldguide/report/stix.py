"""The leader's events as a STIX 2.1 bundle, written with the standard library.

What the OASIS validator (``stix2-validator``) accepts with no warning, and OpenCTI imports:

- each event is an ``x-fieldguide-event`` object, a new SDO declared by the bundle's
  ``extension-definition`` (created by the ``identity`` of fieldguide) and naming it in its
  ``extensions``;
- each person named in an event is an ``identity`` (individual), each place a ``location``
  (with the knowledge base's coordinates where it has them);
- each dispatch is a ``report`` whose ``object_refs`` are its events, people and places.

Ids are UUIDv5 of stable keys and timestamps come from the documents' dates, never the clock,
so the same archive gives the same bundle. ``stix_objects`` yields the objects one at a
time; only the ids of each dispatch's objects are kept until its report is written.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from fieldguide.kb import KnowledgeBase
from fieldguide.report.urls import web_url

EVENT_TYPE = "x-fieldguide-event"
# Fixed namespace: changing it would change every exported id.
NAMESPACE = uuid.UUID("5f0c3b1e-6a52-5d1c-9a8e-2f7b4c1d0e93")
EPOCH = "1970-01-01T00:00:00.000Z"
EXTENSION_VERSION = "1.1.0"  # 1.1.0: x_confidence, x_rule, x_evidence.original_start/end
EVENT_SCHEMA = (
    "An activity reported by a dispatch, as fieldguide extracts it: x_event_type (closed set of the "
    "evaluation guidelines), x_actor, x_start/x_end (ISO dates) with x_precision, x_sector, x_sites, "
    "x_places, x_weapons, x_designations, x_people [{name, role, title}], x_confidence (0-1) with x_rule, "
    "x_evidence {doc_id, start, end (character span of the stored, normalized text), original_start, "
    "original_end (the same stretch in the text as it was read)}, x_people_refs (identity ids), "
    "x_location_refs (location ids)."
)


def stix_id(kind: str, key: str) -> str:
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


FIELDGUIDE_ID = stix_id("identity", "fieldguide")
EXTENSION_ID = stix_id("extension-definition", f"{EVENT_TYPE}:{EXTENSION_VERSION}")


def timestamp(day: str | date | None) -> str:
    """A STIX timestamp (UTC, millisecond precision) for a day, midnight."""
    if day is None:
        return EPOCH
    text = day.isoformat() if isinstance(day, date) else str(day)[:10]
    return f"{text}T00:00:00.000Z"


def preamble() -> list[dict[str, Any]]:
    """fieldguide's identity and the extension definition of its event object."""
    identity = {
        "type": "identity",
        "spec_version": "2.1",
        "id": FIELDGUIDE_ID,
        "created": EPOCH,
        "modified": EPOCH,
        "name": "fieldguide",
        "identity_class": "system",
        "description": "Evidence-linked records of the DPRK leader's activities, extracted from KCNA dispatches.",
    }
    extension = {
        "type": "extension-definition",
        "spec_version": "2.1",
        "id": EXTENSION_ID,
        "created_by_ref": FIELDGUIDE_ID,
        "created": EPOCH,
        "modified": EPOCH,
        "name": "fieldguide event",
        "description": "An activity of the DPRK leader (or another actor) as a dispatch reports it.",
        "schema": EVENT_SCHEMA,
        "version": EXTENSION_VERSION,
        "extension_types": ["new-sdo"],
    }
    return [identity, extension]


REPORT_FIELDS = ("doc_id", "title", "published", "start", "source", "url")


@dataclass(slots=True)
class _Dispatch:
    """What a dispatch's report needs, kept while its events stream by."""

    first: dict[str, Any]
    refs: list[str] = field(default_factory=list)

    def add(self, *refs: str) -> None:
        self.refs.extend(r for r in refs if r not in self.refs)


class _Bundler:
    def __init__(self, kb: KnowledgeBase | None) -> None:
        self.kb = kb
        self.seen: set[str] = set()
        self.dispatches: dict[str, _Dispatch] = {}

    def objects(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        yield from preamble()
        for row in rows:
            people = [self._person(p["name"], row) for p in row.get("people") or () if p.get("name")]
            places = [self._place(name, row) for name in row.get("places") or ()]
            for obj in (*people, *places):
                if obj is not None and obj["id"] not in self.seen:
                    self.seen.add(obj["id"])
                    yield obj
            people_refs = [p["id"] for p in people]
            location_refs = [p["id"] for p in places if p is not None]
            event = _event(row, people_refs, location_refs)
            yield event
            dispatch = self.dispatches.setdefault(
                row["doc_id"], _Dispatch({k: row.get(k) for k in REPORT_FIELDS})
            )
            dispatch.add(event["id"], *people_refs, *location_refs)
        for doc_id in sorted(self.dispatches):
            yield _report(doc_id, self.dispatches[doc_id])

    def _person(self, name: str, row: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "identity",
            "spec_version": "2.1",
            "id": stix_id("identity", f"person:{name}"),
            "created": EPOCH,
            "modified": EPOCH,
            "name": name,
            "identity_class": "individual",
        }

    def _place(self, name: str, row: dict[str, Any]) -> dict[str, Any] | None:
        """A location for a place the knowledge base knows (STIX needs a country or coordinates)."""
        place = self.kb.place(name) if self.kb is not None else None
        if place is None:
            return None
        obj: dict[str, Any] = {
            "type": "location",
            "spec_version": "2.1",
            "id": stix_id("location", f"place:{place.name}"),
            "created": EPOCH,
            "modified": EPOCH,
            "name": place.name,
            "country": place.country,
        }
        if place.lat is not None and place.lon is not None:
            obj["latitude"], obj["longitude"] = place.lat, place.lon
        return obj


def stix_objects(rows: Iterable[dict[str, Any]], kb: KnowledgeBase | None = None) -> Iterator[dict[str, Any]]:
    """The bundle's objects for the event facts of ``export.iter_events`` (``serialize.event_fact``):
    fieldguide's identity and extension definition, then people, places and events as they come,
    then one report per dispatch."""
    return _Bundler(kb).objects(rows)


def to_stix(rows: Iterable[dict[str, Any]], kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """The whole bundle as one dict (``write_stix`` streams it)."""
    objects = list(stix_objects(rows, kb))
    return {"type": "bundle", "id": _bundle_id(o["id"] for o in objects), "objects": objects}


def write_stix(rows: Iterable[dict[str, Any]], out: IO[str], kb: KnowledgeBase | None = None) -> int:
    """The bundle written object by object; its id (a digest of every object id) comes last."""
    digest = hashlib.sha256()
    out.write('{\n  "type": "bundle",\n  "objects": [')
    count = 0
    for obj in stix_objects(rows, kb):
        out.write(("," if count else "") + "\n    " + json.dumps(obj, ensure_ascii=False))
        digest.update(obj["id"].encode() + b"\n")
        count += 1
    out.write(f'\n  ],\n  "id": "{_bundle_id_of(digest)}"\n}}\n')
    return count


def _bundle_id(ids: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for obj_id in ids:
        digest.update(obj_id.encode() + b"\n")
    return _bundle_id_of(digest)


def _bundle_id_of(digest: Any) -> str:
    return stix_id("bundle", digest.hexdigest())


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


def _event(row: dict[str, Any], people_refs: list[str], location_refs: list[str]) -> dict[str, Any]:
    stamp = timestamp(row.get("published") or row.get("start"))
    obj: dict[str, Any] = {
        "type": EVENT_TYPE,
        "spec_version": "2.1",
        "id": stix_id(EVENT_TYPE, row["id"]),
        "created_by_ref": FIELDGUIDE_ID,
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
        "x_confidence": row.get("confidence"),
        "x_rule": row.get("rule"),
        "x_people_refs": people_refs,
        "x_location_refs": location_refs,
        "x_evidence": {
            "doc_id": row["doc_id"],
            "start": row["evidence_start"],
            "end": row["evidence_end"],
            "original_start": row.get("original_start"),
            "original_end": row.get("original_end"),
        },
        "external_references": [_reference(row, cited=True)],
        "extensions": {EXTENSION_ID: {"extension_type": "new-sdo"}},
    }
    # STIX forbids null values and empty lists: leave such properties out.
    return {k: v for k, v in obj.items() if v not in (None, [], "")}


def _report(doc_id: str, dispatch: _Dispatch) -> dict[str, Any]:
    first = dispatch.first
    stamp = timestamp(first.get("published") or first.get("start"))
    return {
        "type": "report",
        "spec_version": "2.1",
        "id": stix_id("report", doc_id),
        "created_by_ref": FIELDGUIDE_ID,
        "created": stamp,
        "modified": stamp,
        "name": first.get("title") or doc_id,
        "report_types": ["threat-actor"],
        "published": stamp,
        "object_refs": dispatch.refs,
        "external_references": [_reference(first, cited=False)],
    }
