"""``fieldguide export``: the archive for other tools, written as a stream.

    with Store.open(url) as store, open("activities.parquet", "wb") as out:
        write_export(store, url, Format.parquet, "activities", since, until, out, kb=load())

Formats and what each writes (``--what``, default first):

- csv, json, parquet: events, activities, mentions, documents or links (``rows``, ``tables``);
- geojson: activities with a located place (``geojson``);
- stix: events, with people, places and dispatches (``report.stix``);
- ftm: events, with people, organisations, dispatches and their mentions (``ftm``);
- datasette-metadata: facets and descriptions of the archive's SQL views (``datasette``).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterator
from datetime import date
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

from fieldguide.errors import QueryError

if TYPE_CHECKING:  # the rows and writers are imported by the export that uses them, not by every command
    from fieldguide.kb import KnowledgeBase
    from fieldguide.store import Store

Rows = Callable[["Store", date | None, date | None, "KnowledgeBase"], Iterator[dict[str, Any]]]


class Format(StrEnum):
    csv = "csv"
    json = "json"
    parquet = "parquet"
    geojson = "geojson"
    stix = "stix"
    ftm = "ftm"
    datasette_metadata = "datasette-metadata"


WHATS = ("events", "activities", "mentions", "documents", "links")
# What each format can write, its default first.
ALLOWED: dict[Format, tuple[str, ...]] = {
    Format.csv: tuple(WHATS),
    Format.json: tuple(WHATS),
    Format.parquet: tuple(WHATS),
    Format.geojson: ("activities",),
    Format.stix: ("events",),
    Format.ftm: ("events",),
    Format.datasette_metadata: (),
}
BINARY = {Format.parquet}


def chosen_what(fmt: Format, what: str | None) -> str | None:
    """``what`` checked against what ``fmt`` can write; the format's default when None."""
    allowed = ALLOWED[fmt]
    if what is None:
        return allowed[0] if allowed else None
    if what not in WHATS:
        raise QueryError(f"--what {what!r}: choose one of {', '.join(WHATS)}")
    if what not in allowed:
        can = f"only --what {', '.join(allowed)}" if allowed else "no --what"
        raise QueryError(f"--format {fmt.value} writes {can}")
    return what


def _rows(what: str) -> Rows:
    """The reader of ``what``'s rows (one of WHATS)."""
    from fieldguide.exports import rows

    readers: dict[str, Rows] = {
        "events": rows.event_rows,
        "activities": rows.activity_rows,
        "mentions": rows.mention_rows,
        "documents": rows.document_rows,
        "links": rows.link_rows,
    }
    return readers[what]


def write_export(
    store: Store,
    url: str,
    fmt: Format,
    what: str | None,
    since: date | None,
    until: date | None,
    out: IO[Any],
    kb: KnowledgeBase,
) -> None:
    """Write the export to ``out`` (a binary stream for parquet, a text stream otherwise)."""
    if since and until and since > until:
        raise QueryError(f"--since {since} is after --until {until}")
    chosen = chosen_what(fmt, what)
    if fmt is Format.datasette_metadata:
        from fieldguide.exports.datasette import datasette_metadata

        out.write(json.dumps(datasette_metadata(url), ensure_ascii=False, indent=2) + "\n")
        return
    assert chosen is not None
    stream = _rows(chosen)(store, since, until, kb)
    if fmt is Format.parquet:
        from fieldguide.exports.tables import SCHEMAS, write_parquet

        write_parquet(stream, SCHEMAS[chosen], out)
    elif fmt is Format.csv:
        from fieldguide.exports.tables import SCHEMAS, write_csv_rows

        write_csv_rows(stream, SCHEMAS[chosen], out)
    elif fmt is Format.json:
        from fieldguide.exports.tables import json_chunks

        for chunk in json_chunks(stream):
            out.write(chunk)
    elif fmt is Format.geojson:
        from fieldguide.exports.geojson import write_geojson

        write_geojson(stream, out)
    elif fmt is Format.stix:
        from fieldguide.report.stix import write_stix

        write_stix(stream, out, kb)
    else:
        from fieldguide.exports.ftm import write_ftm

        write_ftm(stream, out, store, kb)


def export_text(
    store: Store, url: str, fmt: Format, what: str | None, since: date | None, until: date | None, kb: KnowledgeBase
) -> str:
    """The export of a text format as one string (for tests and small archives)."""
    out = io.StringIO()
    write_export(store, url, fmt, what, since, until, out, kb)
    return out.getvalue()
