"""Commands of the archive group: ingest, search, stats, history, demo.

Each command opens the store, calls one library function and prints; the work is in
``fieldguide.ingest`` and ``fieldguide.store``.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from fieldguide.cli.common import (
    DbOption,
    KbOption,
    OutputFormat,
    archive_location,
    console,
    err_console,
    load_kb,
    open_archive,
    settle_long_lived,
    user_errors,
)
from fieldguide.cli.terminal import shown
from fieldguide.csv_output import write_csv
from fieldguide.ingest import DEFAULT_BATCH
from fieldguide.visible import visible

if TYPE_CHECKING:  # the reading commands start without the readers and the extractor
    from fieldguide.ingest import IngestProgress, IngestSummary
    from fieldguide.sources import FetchPolicy

EXAMPLES_PACKAGE = "fieldguide"
EXAMPLES_FOLDER = "examples"
MAX_WARNINGS_SHOWN = 50  # a CSV file decoded with replacements warns on each of its rows


def _summary_table(summary: IngestSummary) -> Table:
    table = Table(title=f"Ingest run {summary.run_id}", show_header=True)
    table.add_column("documents")
    table.add_column("count", justify="right")
    rows = [
        ("read", summary.read),
        ("new", summary.new),
        ("  of which near-duplicates", summary.near_duplicates),
        ("unchanged", summary.unchanged),
        ("new versions", summary.versions),
        ("exact duplicates", summary.duplicates),
        ("rejected", summary.rejected),
    ]
    if summary.extracted or summary.extraction_errors:
        rows += [("extracted", summary.extracted), ("extraction errors", len(summary.extraction_errors))]
    for label, value in rows:
        table.add_row(label, f"{value:,}")
    table.caption = f"{summary.elapsed:.1f} s, {summary.rate:,.0f} documents/s"
    return table


def _print_summary(summary: IngestSummary) -> None:
    console.print(_summary_table(summary))
    problems = summary.rejects + summary.extraction_errors
    if problems:
        table = Table(title="Rejected", show_header=True, title_style="bold red")
        table.add_column("input")
        table.add_column("reason")
        for reject in problems:
            table.add_row(shown(reject.origin), shown(reject.reason))
        console.print(table)
    if summary.warnings:
        table = Table(title="Stored with a warning", show_header=True, title_style="bold yellow")
        table.add_column("input")
        table.add_column("warning")
        for warning in summary.warnings[:MAX_WARNINGS_SHOWN]:
            table.add_row(shown(warning.origin), shown(warning.message))
        if len(summary.warnings) > MAX_WARNINGS_SHOWN:
            table.caption = f"and {len(summary.warnings) - MAX_WARNINGS_SHOWN:,} more"
        console.print(table)
    closing = summary.closing_line()
    if closing:
        head, _, rest = closing.partition(":")
        console.print(f"[bold]{head}:[/bold]{shown(rest)}")


def _run_ingest(
    targets: list[str],
    db: str | None,
    batch_size: int,
    kb: list[Path] | None = None,
    extract: bool = True,
    fetch_policy: FetchPolicy | None = None,
) -> IngestSummary:
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.ingest import ingest

    # Each batch's documents are extracted before its write transaction opens, and stored with them.
    extractor = Extractor(load_kb(kb)) if extract else None
    settle_long_lived()
    with open_archive(db, "create") as store, _progress() as progress:
        task = progress.add_task("reading", total=None, rate="")

        def show(p: IngestProgress) -> None:
            progress.update(task, completed=p.read, rate=f"{p.rate:,.0f}/s, {p.stored:,} stored")

        return ingest(
            targets, store, batch_size=batch_size, extractor=extractor, on_progress=show, fetch_policy=fetch_policy
        )


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,} documents"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def ingest_command(
    paths: list[str] = typer.Argument(..., help="Files, folders, archives or http(s) URLs.", metavar="PATH_OR_URL..."),
    db: str | None = DbOption,
    allow_rejects: bool = typer.Option(False, "--allow-rejects", help="Exit 0 even when inputs were rejected."),
    batch_size: int = typer.Option(DEFAULT_BATCH, "--batch-size", min=1, help="Documents per transaction."),
    kb: list[Path] | None = KbOption,
    extract: bool = typer.Option(True, "--extract/--no-extract", help="Extract events as documents are stored."),
    allow_private_hosts: bool = typer.Option(
        False,
        "--allow-private-hosts",
        help="Fetch from private, loopback and link-local addresses (an intranet); refused by default.",
    ),
    http_deadline: float | None = typer.Option(
        None, "--http-deadline", min=0.1, help="Seconds one fetch may take, retries included (default 60)."
    ),
) -> None:
    """Read dispatches and reports into the archive; re-running adds only what is new.

    Prints a summary (new, unchanged, new versions, duplicates, near-duplicates, rejected)
    and each rejected input with its reason. Exit code 1 when something was rejected,
    unless --allow-rejects.

    Example: fieldguide ingest dispatches.jsonl reports/ --db archive.db
    """
    from fieldguide.sources import FetchPolicy

    with user_errors():
        policy = FetchPolicy.from_env(allow_private_hosts, http_deadline)
        summary = _run_ingest(paths, db, batch_size, kb, extract, policy)
    _print_summary(summary)
    if summary.rejected and not allow_rejects:
        raise typer.Exit(1)


def _json_default(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def search_command(
    query: str = typer.Argument(..., help='Words, "phrases", AND/OR/NOT, -word, prefix*, (groups).'),
    since: datetime | None = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="Published on or after."),
    until: datetime | None = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="Published on or before."),
    source: str | None = typer.Option(None, "--source", help="Only this source (e.g. KCNA)."),
    topic: str | None = typer.Option(None, "--topic", help="Only this topic."),
    limit: int = typer.Option(20, "--limit", min=1, help="At most this many hits."),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table, json or csv."),
    db: str | None = DbOption,
) -> None:
    """Full-text search of the archive, best matches first, with the matching words marked (between square brackets).

    Example: fieldguide search '"Kim Jong Un" munitions -drill' --since 2024-01-01 --format json
    """
    with user_errors(), open_archive(db) as store:
        hits = store.search(
            query,
            since=since.date() if since else None,
            until=until.date() if until else None,
            source=source,
            topic=topic,
            limit=limit,
        )
    records = [hit.to_json() for hit in hits]
    if output == OutputFormat.json:
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
    elif output == OutputFormat.csv:
        write_csv(sys.stdout, list(records[0]) if records else ["id"], records)
    elif not hits:
        console.print("No document matches.")
    else:
        table = Table(show_header=True, show_lines=True)
        for column in ("published", "id", "title", "snippet"):
            table.add_column(column)
        for hit in hits:
            published = hit.published.isoformat() if hit.published else ""
            table.add_row(published, shown(hit.id), shown(hit.title or ""), _marked(hit.snippet))
        console.print(table)


def _marked(snippet: str) -> Text:
    """The snippet with its [matches] highlighted."""
    text = Text()
    for i, part in enumerate(re.split(r"(\[[^\[\]]*\])", snippet)):
        text.append(visible(part), style="bold yellow" if i % 2 else "")
    return text


def stats_command(
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", help="table or json."),
    db: str | None = DbOption,
) -> None:
    """What the archive holds: documents, stories, versions, sightings, per source and month,
    recent runs and their rejects.

    Example: fieldguide stats --format json
    """
    with user_errors(), open_archive(db) as store:
        numbers = store.stats()
    if output != OutputFormat.table:
        sys.stdout.write(json.dumps(numbers, default=_json_default, ensure_ascii=False, indent=2) + "\n")
        return
    totals = Table(title="Archive", show_header=False)
    for key in ("documents", "stories", "versions", "sightings", "duplicates", "extractions", "events"):
        totals.add_row(key, f"{numbers[key]:,}")
    console.print(totals)
    for key, title in (("per_source", "Documents per source"), ("per_month", "Documents per month")):
        table = Table(title=title, show_header=False)
        for name, count in numbers[key].items():
            table.add_row(shown(str(name)), f"{count:,}")
        console.print(table)
    runs = Table(title=f"Recent runs (of {numbers['run_count']})")
    for column in ("run", "started", "finished", "counts"):
        runs.add_column(column)
    for run in numbers["runs"]:
        counts = run["counts"] or {}
        tally = ", ".join(f"{k} {v}" for k, v in counts.items() if v and k != "seconds")
        finished = str(run["finished"])[:19] if run["finished"] else run["status"]
        runs.add_row(str(run["id"]), str(run["started"])[:19], finished, shown(tally))
    console.print(runs)
    if numbers["rejects"]:
        rejects = Table(title=f"Rejects (latest first, {numbers['reject_count']} in all)")
        for column in ("run", "input", "reason"):
            rejects.add_column(column)
        for reject in numbers["rejects"]:
            rejects.add_row(str(reject["run_id"]), shown(reject["origin"]), shown(reject["reason"]))
        console.print(rejects)


def history_command(
    doc_id: str = typer.Argument(..., metavar="ID", help="A document id (or an id it came under)."),
    context: int = typer.Option(8, "--context", min=0, help="Unchanged words shown around a change."),
    as_json: bool = typer.Option(
        False, "--json", help="Versions and diffs as JSON (the diff marks [-removed-] {+added+})."
    ),
    db: str | None = DbOption,
) -> None:
    """Every version of a document and what changed between them, word by word
    (removed words in red, added in green).

    Example: fieldguide history kcna-7055beb52e
    """
    with user_errors(), open_archive(db) as store:
        versions = store.history(doc_id)
        diffs = store.diffs(doc_id, context=context) if len(versions) > 1 else []
    if as_json:
        record = {
            "id": versions[0].doc_id,
            "versions": [
                {
                    "n": v.n,
                    "seen_at": v.seen_at,
                    "title": v.title,
                    "origin": v.origin,
                    "content_hash": v.content_hash,
                    "text": v.text,
                }
                for v in versions
            ],
            "diffs": [{"from": old.n, "to": new.n, "diff": rendered} for old, new, rendered in diffs],
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2, default=_json_default) + "\n")
        return
    for version in versions:
        console.print(
            f"[bold]version {version.n}[/bold]  {version.seen_at:%Y-%m-%d %H:%M}  "
            f"{shown(version.title or '')}  [dim]{shown(version.origin or '')}[/dim]"
        )
    if len(versions) == 1:
        console.print("One version only: the text has not changed since it was first read.")
    for old, new, rendered in diffs:
        console.print(f"\n[bold]{old.n} → {new.n}[/bold]")
        # Without colour (NO_COLOR, or piped) the styles vanish: keep the [-removed-] {+added+} marks.
        console.print(_colour_diff(rendered) if _colour_on() else shown(rendered), highlight=False)


def _colour_on() -> bool:
    return console.color_system is not None and not console.no_color


def _colour_diff(rendered: str) -> str:
    """[-removed-] in red strike-through, {+added+} in green, the rest escaped."""
    out, i = [], 0
    while i < len(rendered):
        for opening, closing, style in (("[-", "-]", "red strike"), ("{+", "+}", "green")):
            if rendered.startswith(opening, i):
                end = rendered.find(closing, i + 2)
                if end >= 0:
                    out.append(f"[{style}]{shown(rendered[i + 2 : end])}[/{style}]")
                    i = end + 2
                    break
        else:
            out.append(shown(rendered[i]))
            i += 1
    return "".join(out)


def example_files() -> list[str]:
    """The example inputs shipped in the package (empty when the folder is missing)."""
    folder = resources.files(EXAMPLES_PACKAGE) / EXAMPLES_FOLDER
    if not folder.is_dir():
        return []
    return sorted(
        str(entry)
        for entry in folder.iterdir()
        if entry.is_file() and not entry.name.startswith((".", "_")) and entry.name != "README.md"
    )


def demo_command(db: str | None = DbOption) -> None:
    """Ingest the example dispatches and reports that ship with fieldguide, then say what to try.

    Example: fieldguide demo --db demo.db
    """
    files = example_files()
    if not files:
        err_console.print("[red]error[/red] the example set is missing: no files in fieldguide/examples/")
        raise typer.Exit(2)
    with user_errors():
        summary = _run_ingest(files, db, DEFAULT_BATCH)  # extraction on, packaged knowledge base
    _print_summary(summary)
    console.print(f"\nArchive: [bold]{shown(archive_location(db))}[/bold]")
    where = "" if db is None else f" --db {db}"
    console.print(
        "\nTry next:\n"
        f"  fieldguide search '\"Kim Jong Un\" munitions'{where}\n"
        f"  fieldguide search 'missile OR rocket -cruise' --format json{where}\n"
        f"  fieldguide events --type weapons_test{where}\n"
        f"  fieldguide history ex-kcna-munitions-tour{where}\n"
        f"  fieldguide stats{where}"
    )


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("ingest")(ingest_command)
    app.command("search")(search_command)
    app.command("stats")(stats_command)
    app.command("history")(history_command)
    app.command("demo")(demo_command)
