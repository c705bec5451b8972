"""The leader's events as rows for other tools: CSV, JSON (and STIX, in stix.py).

    rows = export_events(store, since=date(2024, 8, 1), until=date(2024, 8, 31))
    print(to_csv(rows))

One row per event, copies of a dispatch counted once (as in the brief: queries.distinct), ordered
by date, then document id, then event index. Each row carries the sentence it rests on
(character span into the stored text) and a link that opens the dispatch at that sentence.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from fieldguide.csv_output import write_csv
from fieldguide.model import LEADER, Document
from fieldguide.report import queries, wording
from fieldguide.report.citing import Citer
from fieldguide.store import Store

EARLIEST = date(1900, 1, 1)
LATEST = date(9999, 12, 1)
CHUNK = 500  # events whose texts and records are read at once

CSV_COLUMNS = (
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
    "summary",
    "evidence",
    "evidence_start",
    "evidence_end",
    "original_start",
    "original_end",
    "title",
    "published",
    "source",
    "url",
    "link",
)


def export_events(store: Store, since: date | None = None, until: date | None = None) -> list[dict[str, Any]]:
    """The leader's events in [since, until] (open-ended without dates), one dict each."""
    return list(iter_events(store, since, until))


def iter_events(store: Store, since: date | None = None, until: date | None = None) -> Iterator[dict[str, Any]]:
    """``export_events`` one row at a time: the light event rows are chosen first, then the
    texts and records are read ``CHUNK`` events at a time, so memory does not grow with the
    archive's texts."""
    with store.engine.connect() as conn:
        refs = queries.events_between(conn, since or EARLIEST, until or LATEST)
        refs = queries.distinct(r for r in refs if (r.actor or LEADER) == LEADER and r.kind == "dispatch")
    refs.sort(key=lambda r: (r.first_day or date.max, r.doc_id, r.n))
    for start in range(0, len(refs), CHUNK):
        part = refs[start : start + CHUNK]
        with store.engine.connect() as conn:
            docs = queries.load_documents(conn, {r.doc_id for r in part})
            records = queries.load_event_records(conn, [r.event_id for r in part])
        citer = Citer(docs)
        for ref in part:
            yield _row(ref, records[ref.event_id], docs[ref.doc_id], citer)


def _row(ref: queries.EventRef, record: dict[str, Any], doc: Document, citer: Citer) -> dict[str, Any]:
    cited = citer.cite(doc, wording.summary(record, doc.published, doc.source), *citer.evidence(doc, record))
    return {
        "id": f"{ref.doc_id}#{ref.n}",
        "doc_id": ref.doc_id,
        "event_index": ref.n,
        "type": record.get("type"),
        "actor": record.get("actor") or LEADER,
        "start": record.get("start"),
        "end": record.get("end"),
        "precision": record.get("precision"),
        "sector": record.get("sector"),
        "sites": list(record.get("sites") or []),
        "places": list(record.get("places") or []),
        "weapons": list(record.get("weapons") or []),
        "designations": list(record.get("designations") or []),
        "people": [
            {k: p[k] for k in ("name", "role", "title") if p.get(k)} for p in record.get("people") or []
        ],
        "summary": cited.text,
        "evidence": cited.evidence,
        "evidence_start": cited.span[0],
        "evidence_end": cited.span[1],
        # the same span in the text as it was read (before whitespace and glued names were repaired)
        "original_start": doc.offsets.to_original(cited.span[0]) if cited.span[0] is not None else None,
        "original_end": doc.offsets.to_original(cited.span[1]) if cited.span[1] is not None else None,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "source": doc.source,
        "url": doc.url,
        "link": cited.link,
    }


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One line per event; lists joined with '; ', people as 'name (role)'."""
    out = io.StringIO()
    write_csv(out, CSV_COLUMNS, (flat_row(row) for row in rows))
    return out.getvalue()


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    flat = dict(row)
    for key in ("sites", "places", "weapons", "designations"):
        flat[key] = "; ".join(row[key])
    flat["people"] = "; ".join(f"{p['name']} ({p['role']})" for p in row["people"])
    return flat
