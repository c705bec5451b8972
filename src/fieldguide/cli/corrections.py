"""The corrections commands: record, list, withdraw and review analysts' corrections, export them as gold.

The work is in ``fieldguide.store.corrections``; these commands read options, call it and print.
"""

from __future__ import annotations

import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from fieldguide.cli.common import DbOption, console, err_console, open_archive, user_errors
from fieldguide.cli.terminal import shown
from fieldguide.errors import CorrectionError

corrections_app = typer.Typer(
    help="Corrections of the record: mark an extracted fact wrong, fix it, add a missing one; they win over "
    "extraction everywhere and survive reextract.",
    no_args_is_help=True,
)


class ListFormat(StrEnum):
    table = "table"
    json = "json"


AuthorOption = typer.Option(
    None, "--author", help="Who makes the correction (default: $FIELDGUIDE_AUTHOR, else $USER)."
)
ReasonOption = typer.Option(..., "--reason", help="Why: kept with the correction.")
FormatOption = typer.Option(ListFormat.table, "--format", help="table or json.")


def _author(option: str | None) -> str:
    author = option or os.environ.get("FIELDGUIDE_AUTHOR") or os.environ.get("USER") or ""
    if not author.strip():
        raise CorrectionError("say who makes the correction: --author NAME (or set $FIELDGUIDE_AUTHOR)")
    return author


def _fields(assignments: list[str]) -> dict[str, Any]:
    """--set field=value pairs as a value; lists (sites, people...) are separated by ';'."""
    fields: dict[str, Any] = {}
    for assignment in assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name.strip():
            raise CorrectionError(f"--set {assignment!r}: expected FIELD=VALUE")
        fields[name.strip()] = value.strip()
    return fields


def _target(raw: str | None, span: str | None, was: str | None) -> dict[str, Any]:
    target: dict[str, Any] = {}
    if raw:
        try:
            loaded = json.loads(raw)
        except json.JSONDecodeError:
            raise CorrectionError(f"--target {raw!r} is not a JSON object") from None
        if not isinstance(loaded, dict):
            raise CorrectionError(f"--target {raw!r} is not a JSON object")
        target.update(loaded)
    if span is not None:
        target["span"] = span
    if was is not None:
        target["value"] = was
    return target


def _print(corrections: list[Any], output_format: ListFormat) -> None:
    if output_format is ListFormat.json:
        typer.echo(json.dumps([c.to_json() for c in corrections], indent=2, ensure_ascii=False))
        return
    table = Table("id", "document", "kind", "action", "target", "value", "status", "author", "when", "reason")
    for c in corrections:
        target = c.target.get("value") or c.target.get("correction") or ""
        span = c.target.get("span")
        table.add_row(
            str(c.id),
            shown(c.doc_id),
            c.fact_kind,
            c.action,
            shown(f"{target}{f' @{span[0]}-{span[1]}' if span else ''}"),
            shown(json.dumps(c.value, ensure_ascii=False) if c.value else ""),
            c.status,
            shown(c.author),
            c.created_at.strftime("%Y-%m-%d %H:%M"),
            shown(c.reason),
        )
    console.print(table)


@corrections_app.command("add")
def add_command(
    doc_id: str = typer.Argument(..., help="The document's id."),
    kind: str = typer.Option(..., "--kind", help="event, person, place, weapon or site."),
    action: str = typer.Option(..., "--action", help="reject, fix or add."),
    event: int | None = typer.Option(
        None, "--event", help="The document's stored event number N (0 first) as the target (as `events` lists it)."
    ),
    span: str | None = typer.Option(None, "--span", help="The fact's evidence span START-END in the text."),
    was: str | None = typer.Option(
        None, "--was", help="The fact's original value: an event's type, a name, a weapon category, a site."
    ),
    target: str | None = typer.Option(None, "--target", help='The target as JSON: {"span": [s, e], "value": ...}.'),
    assignments: list[str] = typer.Option(
        [],
        "--set",
        help="A corrected field, FIELD=VALUE (repeatable). Events: type, start, end, sites, places, weapons, "
        "designations, people, actor, sector (lists separated by ';'); other kinds: name.",
    ),
    author: str | None = AuthorOption,
    reason: str = ReasonOption,
    output_format: ListFormat = FormatOption,
    db: str | None = DbOption,
) -> None:
    """Record a correction of a document's facts; it wins over extraction in every page, command and export.

    Examples:
      fieldguide corrections add kcna-1 --kind event --action fix --event 0 --set type=weapons_test --reason "test"
      fieldguide corrections add kcna-1 --kind person --action reject --was "Jo Chun Ryong" --reason "not named"
      fieldguide corrections add kcna-1 --kind weapon --action add --set name=srbm --reason "missed"
    """
    from fieldguide.review import correct
    from fieldguide.store.corrections import stored_event_target

    with user_errors(), open_archive(db, "write") as store:
        named = _target(target, span, was)
        if event is not None:
            named = {**stored_event_target(store, doc_id, event), **named}
        made = correct(
            store,
            doc_id=doc_id,
            fact_kind=kind,
            action=action,
            target=named,
            value=_fields(assignments),
            author=_author(author),
            reason=reason,
        )
    _print([made], output_format)


@corrections_app.command("list")
def list_command(
    doc_id: str | None = typer.Argument(None, help="Only this document's corrections."),
    output_format: ListFormat = FormatOption,
    db: str | None = DbOption,
) -> None:
    """The corrections recorded, withdrawals included, oldest first, with who, when, why and their status."""
    from fieldguide.store.corrections import corrections_for

    with user_errors(), open_archive(db) as store:
        found = corrections_for(store, doc_id)
    _print(found, output_format)


@corrections_app.command("withdraw")
def withdraw_command(
    correction_id: int = typer.Argument(..., help="The correction's id (see `corrections list`)."),
    author: str | None = AuthorOption,
    reason: str = ReasonOption,
    output_format: ListFormat = FormatOption,
    db: str | None = DbOption,
) -> None:
    """Withdraw a correction: the fact goes back to what extraction gives; the withdrawal is kept."""
    from fieldguide.review import withdraw

    with user_errors(), open_archive(db, "write") as store:
        made = withdraw(store, correction_id, _author(author), reason)
    _print([made], output_format)


@corrections_app.command("review")
def review_command(
    limit: int = typer.Option(20, "--limit", min=1, help="How many facts to list."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many (the next page)."),
    output_format: ListFormat = FormatOption,
    db: str | None = DbOption,
) -> None:
    """The review queue: extracted events least likely right first, those already corrected left out."""
    from fieldguide.store.corrections import review_queue

    with user_errors(), open_archive(db) as store:
        items = review_queue(store, limit=limit, offset=offset)
    if output_format is ListFormat.json:
        typer.echo(json.dumps([i.to_json() for i in items], indent=2, ensure_ascii=False))
        return
    table = Table("confidence", "document", "event", "type", "date", "sites", "evidence")
    for item in items:
        table.add_row(
            f"{item.confidence:.2f}" if item.confidence is not None else "-",
            shown(item.doc_id),
            str(item.n),
            item.type,
            item.start.isoformat() if item.start else "",
            shown("; ".join(item.sites)),
            shown(item.evidence[:120]),
        )
    console.print(table)
    err_console.print("correct one with: fieldguide corrections add DOC_ID --kind event --action fix --event N ...")


@corrections_app.command("export")
def export_command(
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output."),
    doc_ids: list[str] | None = typer.Argument(None, help="Only these documents (default: every corrected one)."),
    db: str | None = DbOption,
) -> None:
    """Write the corrected documents as gold records (JSON lines, the annotation guidelines' schema), each
    with its full corrected fact set, for `fieldguide eval GOLD TEXTS` to score extraction against.

    Example: fieldguide corrections export -o corrected-gold.jsonl
    """
    from fieldguide.cli.output import output_stream
    from fieldguide.store.corrections import gold_records

    with user_errors(), open_archive(db) as store, output_stream(output) as stream:
        count = 0
        for record in gold_records(store, doc_ids or None):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    err_console.print(f"{count} corrected document{'s' if count != 1 else ''}")


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.add_typer(corrections_app, name="corrections")
