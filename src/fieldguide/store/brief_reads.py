"""Reads of the brief that are not in report/queries.py: the stored extraction records of a
few documents (what a foreign report added to a dispatch is computed from both records)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
import sqlalchemy as sa

from fieldguide.store.schema import extractions

CHUNK = 500


def extraction_records(conn: sa.Connection, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The stored extraction record of each of these documents that has one."""
    wanted = sorted(set(doc_ids))
    column = sa.type_coerce(extractions.c.record, sa.Text)  # parsed here, faster than the JSON type
    out: dict[str, dict[str, Any]] = {}
    for start in range(0, len(wanted), CHUNK):
        query = sa.select(extractions.c.doc_id, column).where(extractions.c.doc_id.in_(wanted[start : start + CHUNK]))
        for doc_id, value in conn.execute(query):
            record = value if isinstance(value, dict) else orjson.loads(value)
            if isinstance(record, dict):
                out[str(doc_id)] = record
    return out
