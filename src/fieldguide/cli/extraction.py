"""Commands of the extraction group: extract, eval, events, reextract.

The work is in ``fieldguide.extract`` (pure), ``fieldguide.evaluate`` and the store;
these commands read inputs, call them and print.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from fieldguide.cli.common import (
    DbOption,
    KbOption,
    OutputFormat,
    console,
    err_console,
    load_kb,
    open_archive,
    settle_long_lived,
    user_errors,
)
from fieldguide.cli.terminal import shown
from fieldguide.csv_output import flat_cell, write_csv
from fieldguide.errors import InputError
from fieldguide.evaluate import FIELDS, Report, score
from fieldguide.model import EVENT_TYPES, Document, Extraction, Reject
from fieldguide.visible import visible


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


MinConfidenceOption = typer.Option(
    None,
    "--min-confidence",
    min=0.0,
    max=1.0,
    help="Leave out facts whose confidence (0-1, how likely they are right) is below this.",
)


def _read(inputs: list[str]) -> tuple[list[Document], list[Reject]]:
    from fieldguide import sources

    docs: list[Document] = []
    rejects: list[Reject] = []
    for item in sources.read_many(inputs):
        (docs if isinstance(item, Document) else rejects).append(item)  # type: ignore[arg-type]
    return docs, rejects


def _write_bytes(data: bytes) -> None:
    """UTF-8 lines to standard output, past the text layer where there is one beneath it."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stand-in for stdout
        sys.stdout.write(data.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(data)
    buffer.flush()


def _print_rejects(rejects: list[Reject]) -> None:
    for r in rejects:
        err_console.print(f"[red]rejected[/red] {shown(r.origin)}: {shown(r.reason)}")


def extract_command(
    inputs: list[str] = typer.Argument(
        ..., help="Files, folders, archives or URLs, as for ingest.", metavar="INPUT..."
    ),
    output: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", help="jsonl, json or table."),
    kb: list[Path] | None = KbOption,
    allow_rejects: bool = typer.Option(False, "--allow-rejects", help="Exit 0 even when inputs were rejected."),
    min_confidence: float | None = MinConfidenceOption,
) -> None:
    """Extract events, people, places, weapons and dates from documents, each with its evidence span.

    The JSONL record (one per document) is the extraction contract, read directly by the
    evaluation scorer. Every event and every person, place and weapon mention carries a
    confidence (0-1) and the rule it came from; --min-confidence drops the facts below it.
    Nothing is stored: use `ingest` for that.

    Example: fieldguide extract dispatches.jsonl --format table
    """
    from fieldguide.extract.pipeline import Extractor  # here, not above: other commands start without it

    with user_errors():
        extractor = Extractor(load_kb(kb))
        settle_long_lived()
        docs, rejects = _read(inputs)
        settle_long_lived()  # the documents too live to the end
        found = (extractor(doc) for doc in docs)
        if min_confidence is not None:
            found = (extraction.at_least(min_confidence) for extraction in found)
        lines: list[bytes] = []
        kept: list[Extraction] = []
        if output == ExtractFormat.jsonl:
            # Each record is kept as its encoded line, not as objects: bytes are nothing for the
            # garbage collector to rescan, and thousands of kept records made its rounds cost more
            # than writing them. Nothing is written before every document is extracted, as before.
            # orjson: UTF-8 as json.dumps(ensure_ascii=False) gives it, in a sixth of the time.
            lines = [orjson.dumps(extraction.to_record(), option=orjson.OPT_APPEND_NEWLINE) for extraction in found]
        else:
            kept = list(found)
    if output == ExtractFormat.jsonl:
        _write_bytes(b"".join(lines))
    elif output == ExtractFormat.json:
        sys.stdout.write(json.dumps([x.to_record() for x in kept], ensure_ascii=False, indent=2) + "\n")
    else:
        console.print(_events_table(kept))
    _print_rejects(rejects)
    if rejects and not allow_rejects:
        raise typer.Exit(1)


def _events_table(found: list[Extraction]) -> Table:
    table = Table(show_header=True, show_lines=True)
    table.add_column("document", overflow="fold")
    table.add_column("event", no_wrap=True)
    table.add_column("actor")
    table.add_column("when", no_wrap=True)
    table.add_column("where / what", overflow="fold")
    table.add_column("weapons")
    table.add_column("people")
    for extraction in found:
        if not extraction.events:
            weapons = ", ".join(extraction.names("weapon"))
            table.add_row(shown(extraction.doc_id), "—", "", "", "", shown(weapons), "")
        for event in extraction.events:
            when = event.start.isoformat() if event.start else "undated"
            if event.end and event.end != event.start:
                when += f" – {event.end.isoformat()}"
            where = "; ".join(event.sites[:2] + event.places[:3])
            weapons = ", ".join(event.weapons + event.designations)
            people = ", ".join(p.name for p in event.people[:4])
            table.add_row(
                shown(extraction.doc_id),
                event.type,
                shown(event.actor or ""),
                when,
                shown(where),
                shown(weapons),
                shown(people),
            )
    return table


def _load_records(path: Path) -> dict[str, dict[str, Any]]:
    records: dict[str, dict[str, Any]] = {}
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as e:
                        raise InputError(f"{path}:{n}: not JSON ({e.msg})") from None
                    if not isinstance(record, dict) or "id" not in record:
                        raise InputError(f"{path}:{n}: a record needs an id")
                    records[str(record["id"])] = record
    except OSError as e:
        raise InputError(f"{path}: {e.strerror}") from None
    return records


def _looks_predicted(path: Path) -> bool:
    """A JSONL of extraction records (with events), rather than documents to extract."""
    if path.suffix.lower() not in (".jsonl", ".ndjson", ".json") or not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as f:
        first = f.readline()
    try:
        record = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(record, dict) and "events" in record and "text" not in record


def _print_report(report: Report) -> None:
    table = Table(show_header=True)
    for column, justify in (("field", "left"), ("P", "right"), ("R", "right"), ("F1", "right")):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for name in FIELDS:
        s = report.fields[name]
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}")
    table.add_row("mean F1", "", "", f"{report.mean_f1:.3f}")
    table.caption = f"{report.documents_predicted}/{report.documents} documents predicted"
    console.print(table)


def eval_command(
    gold: Path = typer.Argument(..., help="Gold records, one JSON object per line.", metavar="GOLD"),
    predicted: list[str] = typer.Argument(
        ..., help="Predicted records (JSONL), or documents to extract first.", metavar="INPUT_OR_PREDICTED..."
    ),
    errors: bool = typer.Option(False, "--errors", help="List every mismatched field."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    kb: list[Path] | None = KbOption,
) -> None:
    """Score extraction against a gold set: precision, recall and F1 per field, and their mean.

    The second argument is either a JSONL of extraction records (as `extract` writes them)
    or documents, which are extracted first.

    Example: fieldguide eval dev-gold.jsonl kcna-2024.jsonl --errors
    """
    with user_errors():
        gold_records = _load_records(gold)
        if len(predicted) == 1 and _looks_predicted(Path(predicted[0])):
            predicted_records = _load_records(Path(predicted[0]))
        else:
            from fieldguide.extract.pipeline import Extractor

            extractor = Extractor(load_kb(kb))
            docs, rejects = _read(predicted)
            _print_rejects(rejects)
            wanted = [d for d in docs if d.id in gold_records]
            predicted_records = {d.id: extractor(d).to_record() for d in wanted}
        report = score(gold_records, predicted_records, keep_mismatches=errors)
    if as_json:
        sys.stdout.write(json.dumps(report.to_json(), indent=2) + "\n")
    else:
        _print_report(report)
    for m in report.mismatches:
        console.print(visible(f"{m.doc_id} {m.field}: gold={m.gold} predicted={m.predicted}"), markup=False)


# The event facts' fields (``serialize.event_fact``) the CSV gives, the first ones as they always were.
EVENT_CSV_COLUMNS = (
    "doc_id",
    "type",
    "actor",
    "start",
    "end",
    "sector",
    "sites",
    "places",
    "weapons",
    "people",
    "evidence",
    "title",
    "confidence",
    "rule",
    "id",
    "event_index",
    "precision",
    "designations",
    "evidence_start",
    "evidence_end",
    "original_start",
    "original_end",
    "published",
    "source",
    "url",
)


def events_command(
    type: str | None = typer.Option(None, "--type", help=f"One of: {', '.join(EVENT_TYPES)}."),
    weapon: str | None = typer.Option(None, "--weapon", help="A weapon category (icbm, mlrs...) or designation."),
    person: str | None = typer.Option(None, "--person", help="Someone who took part (any romanization)."),
    place: str | None = typer.Option(None, "--place", help="A place or site."),
    since: datetime | None = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="On or after this day."),
    until: datetime | None = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="On or before this day."),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many events."),
    min_confidence: float | None = MinConfidenceOption,
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
    db: str | None = DbOption,
) -> None:
    """The events in the archive, latest first, filtered by type, weapon, person, place and date.

    Example: fieldguide events --type weapons_test --weapon mlrs --since 2024-08-01 --format json
    """
    if type and type not in EVENT_TYPES:
        err_console.print(f"[red]error[/red]: unknown event type {shown(repr(type))}; one of {', '.join(EVENT_TYPES)}")
        raise typer.Exit(2)
    with user_errors(), open_archive(db) as store:
        if person:
            person = load_kb(None).canonical_person(person)
        rows = store.events(
            type=type,
            weapon=weapon,
            person=person,
            place=place,
            since=since.date() if since else None,
            until=until.date() if until else None,
            limit=limit,
            min_confidence=min_confidence,
        )
        from fieldguide.report.export import event_facts

        records = event_facts(store, rows)
    if output == OutputFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif output == OutputFormat.csv:
        write_csv(sys.stdout, EVENT_CSV_COLUMNS, ({k: flat_cell(r[k]) for k in EVENT_CSV_COLUMNS} for r in records))
    else:
        table = Table(show_header=True)
        table.add_column("when", no_wrap=True)
        table.add_column("event", no_wrap=True)
        table.add_column("actor")
        table.add_column("sites / places", overflow="fold")
        table.add_column("weapons")
        table.add_column("document", overflow="fold")
        for r in records:
            table.add_row(
                r["start"] or "undated",
                r["type"],
                shown(r["actor"] or ""),
                shown("; ".join(r["sites"][:2] + r["places"][:3])),
                shown(", ".join(r["weapons"] + r["designations"])),
                shown(r["doc_id"]),
            )
        console.print(table)


def reextract_command(
    db: str | None = DbOption,
    kb: list[Path] | None = KbOption,
) -> None:
    """Extract again every stored document that was extracted with another knowledge base, or not at all.

    Run it after editing the knowledge base (or with --kb), after ingesting with --no-extract, and
    once after upgrading fieldguide from a version that did not store linking's words (that is the
    whole archive once). Each batch is one transaction: the old events stay visible until the new
    ones are committed.

    Example: fieldguide reextract --kb my-kb/
    """
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.reextract import reextract

    with user_errors(), open_archive(db, "write") as store:
        knowledge = load_kb(kb)
        extractor = Extractor(knowledge)
        with Progress(
            TextColumn("re-extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err_console
        ) as progress:
            task = progress.add_task("re-extracting", total=None)
            summary = reextract(store, extractor, knowledge.version, on_batch=lambda n: progress.advance(task, n))
    console.print(f"knowledge base {summary.kb_version}: {summary.extracted:,} documents extracted again")
    for doc_id, problem in summary.problems:
        err_console.print(f"[yellow]problem[/yellow] {shown(doc_id)}: {shown(problem)}")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("extract")(extract_command)
    app.command("eval")(eval_command)
    app.command("events")(events_command)
    app.command("reextract")(reextract_command)
