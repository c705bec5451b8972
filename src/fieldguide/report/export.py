"""The leader's events as rows for other tools: CSV, JSON (and STIX, in stix.py).

    rows = export_events(store, since=date(2024, 8, 1), until=date(2024, 8, 31))
    print(to_csv(rows))

One row per event, copies of a dispatch counted once (as in the brief: queries.distinct), ordered
by date, then document id, then event index. Each row is the event's fact (``serialize.event_fact``):
the sentence it rests on (character spans into the stored and the original text) and a link that
opens the dispatch at that sentence.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from fieldguide.csv_output import flat_cell, write_csv
from fieldguide.model import LEADER, Event
from fieldguide.report import queries
from fieldguide.report.citing import Citer
from fieldguide.serialize import EVENT_FIELDS, event_fact
from fieldguide.store import Store

EARLIEST = date(1900, 1, 1)
LATEST = date(9999, 12, 1)
CHUNK = 500  # events whose texts and records are read at once

# The event facts' fields but the extractor's own spans (the cited sentence's span is given).
CSV_COLUMNS = tuple(f for f in EVENT_FIELDS if f != "evidence_spans")


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
            yield event_fact(docs[ref.doc_id], ref.n, Event.from_json(records[ref.event_id]), citer)


def to_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: list[dict[str, Any]]) -> str:
    """One line per event; lists joined with '; ', people as 'name (role)'."""
    out = io.StringIO()
    write_csv(out, CSV_COLUMNS, (flat_row(row) for row in rows))
    return out.getvalue()


def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: flat_cell(row.get(k)) for k in CSV_COLUMNS}


def event_facts(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Stored event rows (``Store.events``) as facts (``serialize.event_fact``), cited in their
    documents as ``export`` cites them: what ``events --format json`` prints and the web shows."""
    with store.engine.connect() as conn:
        docs = queries.load_documents(conn, {r["doc_id"] for r in rows})
    citer = Citer(docs)
    return [
        event_fact(docs[r["doc_id"]], r["n"], Event.from_json(r["record"] or {"type": r["type"]}), citer) for r in rows
    ]
