"""Commands of the linking group: link.

The work is in ``fieldguide.link.linker``; this module reads the options and prints.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import orjson
import typer
from rich.table import Table

from fieldguide.cli.common import (
    DbOption,
    KbOption,
    console,
    err_console,
    load_kb,
    open_archive,
    settle_long_lived,
    user_errors,
)
from fieldguide.cli.terminal import shown
from fieldguide.model import Reject

if TYPE_CHECKING:  # the linker and the extractor are imported when link runs, not by every command
    from fieldguide.link.linker import ReportLinks


class LinkFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


def _table(results: list[ReportLinks], additions: bool) -> Table:
    table = Table(title="Reports and the dispatches they report on", show_header=True, show_lines=True)
    table.add_column("report (origin, id)")
    table.add_column("reports on")
    table.add_column("score", justify="right")
    table.add_column("confidence", justify="right")
    table.add_column("reasons")
    if additions:
        table.add_column("what the press added")
    for result in results:
        # the id alone is a hash for most reports; the file, line or URL says which one it is
        report = shown(result.id) if result.origin in ("", result.id) else f"{shown(result.origin)}\n{shown(result.id)}"
        if not result.links:
            table.add_row(report, "[dim]none[/dim]", "", "", "", *([""] if additions else []))
        for link in result.links:
            row = [
                report,
                shown(link.id),
                f"{link.score:.1f}",
                f"{link.confidence:.2f}",
                shown("; ".join(link.reasons)),
            ]
            if additions:
                items = (result.additions or {}).get(link.id, [])
                row.append(
                    shown(
                        "\n".join(
                            f"{a.kind}: {a.text!r} (dispatch: {a.dispatch_text!r})"
                            if a.dispatch_text
                            else f"{a.kind}: {a.text!r} (dispatch: nothing close)"
                            for a in items
                        )
                    )
                )
            table.add_row(*row)
    return table


def link_command(
    reports: list[str] = typer.Argument(
        ..., help="Report files (any input ingest reads) or ids of reports in the archive.", metavar="REPORT..."
    ),
    db: str | None = DbOption,
    output: LinkFormat = typer.Option(LinkFormat.jsonl, "--format", help="jsonl (one object a report) or table."),
    additions: bool = typer.Option(
        False, "--additions", help="Also list the claims of each report that its dispatch does not support."
    ),
    kb: list[Path] | None = KbOption,
    min_confidence: float | None = typer.Option(
        None, "--min-confidence", min=0.0, max=1.0, help="Only links whose confidence (0-1) reaches this."
    ),
) -> None:
    """Link foreign reports to the archived dispatches they report on, with a score and the reasons.

    Prints one JSON object per report with its "id", "origin" (file, file:line or URL), "reports_on"
    (the ids of the dispatches it reports on) and "links" (each with "id", "score", "confidence" and
    "reasons"), plus "additions" with --additions. A report about something else gets no link. The
    confidence is the score on a 0-1 scale: 0.5 at the score a first link needs (5), 0.95 at twice
    that (link/reports.py: link_confidence).
    Exit code 1 when a report could not be read or found.

    Example: fieldguide link reuters-icbm.json sec-024 --db archive.db --additions
    """
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.link.linker import ReportLinker

    rejected: list[Reject] = []
    results: list[ReportLinks] = []
    with user_errors(), open_archive(db) as store, ReportLinker(store, Extractor(load_kb(kb))) as linker:
        settle_long_lived()
        for item in linker.read(reports):
            if isinstance(item, Reject):
                rejected.append(item)
                continue
            result = linker.link(*item, additions=additions)
            if min_confidence is not None:
                result = result.at_least(min_confidence)
            if output is LinkFormat.jsonl:
                console.file.write(orjson.dumps(result.to_json()).decode() + "\n")
            else:
                results.append(result)
    if output is LinkFormat.table:
        console.print(_table(results, additions))
    for reject in rejected:
        err_console.print(f"[red]rejected[/red] {shown(reject.origin)}: {shown(reject.reason)}")
    if rejected:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("link")(link_command)
