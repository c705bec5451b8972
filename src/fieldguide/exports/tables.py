"""Rows as tables: one typed column list per ``--what``, written as CSV, JSON or Parquet.

The Parquet schema is the one typed description of each table: dates are ``date32``,
counts and offsets ``int64``, flags ``bool``, lists ``list<string>``; CSV takes its header
from it. Writers take a stream of rows and write as they go (Parquet in row groups of
``BATCH`` rows), so memory stays flat however many rows there are.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from itertools import islice
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from fieldguide.csv_output import flat_cell, write_csv

BATCH = 2000  # rows per Parquet row group: a batch of documents with their texts stays a few MB

STRINGS = pa.list_(pa.string())
PEOPLE = pa.list_(pa.struct([("name", pa.string()), ("role", pa.string()), ("title", pa.string())]))

SCHEMAS: dict[str, pa.Schema] = {
    "events": pa.schema(
        [
            ("id", pa.string()),
            ("doc_id", pa.string()),
            ("event_index", pa.int64()),
            ("type", pa.string()),
            ("actor", pa.string()),
            ("start", pa.date32()),
            ("end", pa.date32()),
            ("precision", pa.string()),
            ("sector", pa.string()),
            ("sites", STRINGS),
            ("places", STRINGS),
            ("weapons", STRINGS),
            ("designations", STRINGS),
            ("people", PEOPLE),
            ("confidence", pa.float64()),
            ("rule", pa.string()),
            ("summary", pa.string()),
            ("evidence", pa.string()),
            ("evidence_start", pa.int64()),
            ("evidence_end", pa.int64()),
            ("original_start", pa.int64()),
            ("original_end", pa.int64()),
            ("title", pa.string()),
            ("published", pa.date32()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("link", pa.string()),
        ]
    ),
    "activities": pa.schema(
        [
            ("date", pa.date32()),
            ("published", pa.date32()),
            ("type", pa.string()),
            ("site", pa.string()),
            ("speech", pa.bool_()),
            ("public_appearance", pa.bool_()),
            ("main_doc", pa.string()),
            ("docs", STRINGS),
            ("reports", pa.int64()),
            ("confidence", pa.float64()),
            ("evidence", pa.string()),
            ("evidence_start", pa.int64()),
            ("evidence_end", pa.int64()),
            ("place", pa.string()),
            ("lat", pa.float64()),
            ("lon", pa.float64()),
        ]
    ),
    "mentions": pa.schema(
        [
            ("doc_id", pa.string()),
            ("kind", pa.string()),
            ("canonical", pa.string()),
            ("text", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("published", pa.date32()),
        ]
    ),
    "documents": pa.schema(
        [
            ("id", pa.string()),
            ("kind", pa.string()),
            ("story_id", pa.string()),
            ("version", pa.int64()),
            ("title", pa.string()),
            ("published", pa.date32()),
            ("source", pa.string()),
            ("url", pa.string()),
            ("topic", pa.string()),
            ("text", pa.string()),
        ]
    ),
    "links": pa.schema(
        [
            ("report_id", pa.string()),
            ("report_title", pa.string()),
            ("report_published", pa.date32()),
            ("dispatch_id", pa.string()),
            ("score", pa.float64()),
            ("reasons", STRINGS),
        ]
    ),
}


def parse_day(value: Any) -> date | None:
    """A day from a date or an ISO text; a month ("2024-08") or a year counts from its first day."""
    if value is None or isinstance(value, date):
        return value
    text = str(value)[:10]
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def typed(row: Mapping[str, Any], schema: pa.Schema) -> dict[str, Any]:
    """``row`` with its dates as dates (the event records keep them as text)."""
    out = {}
    for name, kind in zip(schema.names, schema.types, strict=True):
        value = row.get(name)
        out[name] = parse_day(value) if kind == pa.date32() else value
    return out


def write_parquet(rows: Iterable[Mapping[str, Any]], schema: pa.Schema, out: str | IO[bytes]) -> int:
    """The rows as one Parquet file, ``BATCH`` rows per row group; returns how many."""
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        iterator = iter(rows)
        while batch := [typed(r, schema) for r in islice(iterator, BATCH)]:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def write_csv_rows(rows: Iterable[Mapping[str, Any]], schema: pa.Schema, out: IO[str]) -> None:
    """A header of the schema's columns and one line per row, every cell made inert (``csv_output``)."""
    write_csv(out, schema.names, ({k: flat_cell(v) for k, v in row.items()} for row in rows))


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def json_chunks(rows: Iterable[Mapping[str, Any]]) -> Iterator[str]:
    """A JSON array of the rows, written one row at a time."""
    yield "["
    for n, row in enumerate(rows):
        yield ("," if n else "") + "\n  " + json.dumps(row, ensure_ascii=False, default=_json_default)
    yield "\n]\n"
