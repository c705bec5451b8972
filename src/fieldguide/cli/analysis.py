"""Commands of the analysis group: timeline, appearances, dossier, novel, refs.

Each command opens the store, calls one function of ``fieldguide.analyze`` and formats
what it returns: a Rich table, JSON (the dataclass's ``to_json()``) or CSV.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.measure import Measurement
from rich.table import Table

from fieldguide.cli.common import DbOption, KbOption, OutputFormat, console, load_kb, open_archive, user_errors
from fieldguide.cli.terminal import shown
from fieldguide.csv_output import write_csv

if TYPE_CHECKING:  # each command imports its part of fieldguide.analyze: the others start without it
    from fieldguide.analyze import Dossier, Novelty, Timeline

FormatOption = typer.Option(OutputFormat.table, "--format", help="table, json or csv.")


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def _write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _write_csv(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    flat = ({k: json.dumps(v) if isinstance(v, dict | list) else v for k, v in row.items()} for row in rows)
    write_csv(sys.stdout, columns, flat)


# --- timeline ------------------------------------------------------------------------------


def timeline_command(
    by: str = typer.Option("month", "--by", help="day, week or month."),
    type: str | None = typer.Option(None, "--type", help="Only this event type (inspection, weapons_test...)."),
    since: datetime | None = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="On or after this day."),
    until: datetime | None = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="On or before this day."),
    place: str | None = typer.Option(None, "--place", help="Only events at this place or site."),
    weapon: str | None = typer.Option(None, "--weapon", help="Only events with this weapon category or designation."),
    chart: Path | None = typer.Option(None, "--chart", help="Also draw the timeline into this .png or .svg file."),
    output: OutputFormat = FormatOption,
    db: str | None = DbOption,
) -> None:
    """Kim Jong Un's reported activity per day, week or month, by event type and sector, his
    public appearances (one per activity, however many reports), and his absences: days since
    the last reported activity and the longest gaps between public appearances.

    An event counts on its own date, else on its dispatch's publication date (the output
    says how many of each); days since the last appearance count to the newest document.

    Example: fieldguide timeline --by week --type inspection --since 2024-01-01 --chart visits.png
    """
    from fieldguide.analyze.timeline import Filters, timeline

    filters = Filters(type=type, since=_day(since), until=_day(until), place=place, weapon=weapon)
    with user_errors(), open_archive(db) as store:
        result = timeline(store, by=by, filters=filters)
        if chart is not None:
            from fieldguide.analyze.chart import write_chart  # matplotlib only when a chart is asked for

            write_chart(result, chart)
    if output == OutputFormat.json:
        _write_json(result.to_json())
    elif output == OutputFormat.csv:
        rows = [{**b.to_json(), **{f"type:{k}": v for k, v in b.by_type.items()}} for b in result.buckets]
        _write_csv(rows, ["period", "start", "events", "days", "appearances", *(f"type:{t}" for t in result.by_type)])
    else:
        _print_timeline(result)
    if chart is not None and output == OutputFormat.table:
        console.print(f"Chart written to {shown(str(chart))}")


def _print_timeline(tl: Timeline) -> None:
    if not tl.events:
        console.print("No reported activity of Kim Jong Un matches.")
        return
    table = _timeline_table(tl, wide=True)
    unbounded = console.options.update_width(10_000)  # the width the table asks for, not what it gets
    if Measurement.get(console, unbounded, table).maximum > console.width:
        # A column per event type does not fit (at 80 columns the headers shrank to "e…"):
        # one column lists each period's types instead.
        table = _timeline_table(tl, wide=False)
    table.caption = (
        f"{tl.events} events on {tl.appearance_days} days, {tl.appearances} public appearances; "
        f"dated by the event {tl.dated_by['event']}, "
        f"by the dispatch's date {tl.dated_by['published']}. Sectors: "
        + ", ".join(f"{k} {v}" for k, v in tl.by_sector.items())
    )
    console.print(table)
    if tl.last_day:
        since = f"{tl.days_since_last} days before the newest document ({tl.latest_document})"
        cited = f" [dim]{shown(tl.last_seen.doc_id)}[/dim]" if tl.last_seen else ""
        console.print(f"Last reported activity: {tl.last_day}, {shown(since)}.{cited}")
    if tl.gaps:
        gaps = Table(title="Longest absences", show_header=True)
        for column in ("from", "to", "days absent"):
            gaps.add_column(column, no_wrap=True)
        for column in ("last seen in", "seen again in"):
            gaps.add_column(column, overflow="fold")  # a cut id could not be looked up
        for g in tl.gaps:
            gaps.add_row(
                str(g.after),
                str(g.before),
                str(g.absent),
                shown(g.last_seen.doc_id if g.last_seen else ""),
                shown(g.seen_again.doc_id if g.seen_again else ""),
            )
        console.print(gaps)


def _timeline_table(tl: Timeline, *, wide: bool) -> Table:
    """One row per period; ``wide``: a column per event type, else the types listed in one column."""
    types = list(tl.by_type)
    table = Table(title=f"Kim Jong Un: reported activity per {tl.by}", show_header=True)
    table.add_column("period", no_wrap=True, min_width=8)
    for column in ("events", "days", "appearances"):
        table.add_column(column, justify="right", no_wrap=True)
    if wide:
        for column in types:
            table.add_column(column, justify="right")
    else:
        table.add_column("by type", ratio=1)
    for b in tl.buckets:
        row = (str(b.events), str(b.days), str(b.appearances))
        if wide:
            table.add_row(b.period, *row, *(str(b.by_type.get(t, "")) for t in types))
        else:
            table.add_row(b.period, *row, ", ".join(f"{t} {n}" for t, n in b.by_type.items()))
    return table


# --- appearances ---------------------------------------------------------------------------

APPEARANCE_CSV_COLUMNS = ("date", "published", "type", "site", "speech", "docs", "evidence", "spans", "confidence")


def appearances_command(
    since: datetime | None = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="On or after this day."),
    until: datetime | None = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="On or before this day."),
    min_confidence: float | None = typer.Option(
        None,
        "--min-confidence",
        min=0.0,
        max=1.0,
        help="Only appearances whose most confident report reaches this confidence (0-1).",
    ),
    output: OutputFormat = FormatOption,
    db: str | None = DbOption,
) -> None:
    """Kim Jong Un's public appearances (visits, tests, drills, ceremonies, meetings, talks,
    performances, commemorations; not messages, letters or gifts): one per activity at one
    place on one day, with every document that reports it, the main report first.

    An appearance only undated reports tell of (a digest's line) has no date; it is listed
    by its main report's publication day.

    Example: fieldguide appearances --since 2024-08-01 --format json
    """
    from fieldguide.analyze.activities import appearances

    with user_errors(), open_archive(db) as store:
        found = [a.appearance_json() for a in appearances(store, _day(since), _day(until), min_confidence)]
    if output == OutputFormat.json:
        _write_json(found)
    elif output == OutputFormat.csv:
        rows = [
            {**a, "docs": " ".join(a["docs"]), "evidence": a["evidence"]["text"], "spans": a["evidence"]["spans"]}
            for a in found
        ]
        _write_csv(rows, APPEARANCE_CSV_COLUMNS)
    elif not found:
        console.print("No public appearance of Kim Jong Un matches.")
    else:
        table = Table(title=f"Kim Jong Un: {len(found)} public appearances", show_header=True, show_lines=True)
        table.add_column("date", no_wrap=True)
        table.add_column("type", no_wrap=True)
        table.add_column("site")
        table.add_column("documents", no_wrap=True)
        for a in found:
            day = a["date"] or f"({a['published']})"
            kind = a["type"] + (" +speech" if a["speech"] else "")
            table.add_row(day, kind, shown(a["site"] or ""), shown("\n".join(a["docs"])))
        table.caption = "A date in brackets is the publication day of an undated report."
        console.print(table)


# --- dossier -------------------------------------------------------------------------------

APPEARANCE_COLUMNS = ("day", "dated_by", "event_type", "actor", "doc_id", "title", "evidence", "spans", "docs")


def dossier_command(
    name: str = typer.Argument(..., help="A person, weapon category or designation, place or facility."),
    limit: int = typer.Option(50, "--limit", min=1, help="List at most this many appearances (all are counted)."),
    output: OutputFormat = FormatOption,
    kb: list[Path] | None = KbOption,
    db: str | None = DbOption,
) -> None:
    """Everything the archive holds on one name: every appearance with date, event and
    evidence, first and last seen; for a person also whom they accompany, with whom, how
    often per month, and their titles over time. Any common romanization works.

    CSV lists the appearances; JSON holds everything.

    Example: fieldguide dossier "Jo Yong-won" --format json
    """
    from fieldguide.analyze.dossier import dossier

    with user_errors(), open_archive(db) as store:
        result = dossier(store, name, load_kb(kb), limit=limit)
    if output == OutputFormat.json:
        _write_json(result.to_json())
    elif output == OutputFormat.csv:
        _write_csv([a.to_json() for a in result.appearances], APPEARANCE_COLUMNS)
    else:
        _print_dossier(result)


def _print_dossier(d: Dossier) -> None:
    console.print(f"[bold]{shown(d.name)}[/bold] ({shown(d.kind)})  matched: {shown(', '.join(d.matched))}")
    console.print(
        f"{d.events} events in {d.documents} documents ({d.mentioned_only} mention it without an event); "
        f"first seen {d.first_seen or '-'}, last seen {d.last_seen or '-'}"
    )
    if d.by_type:
        console.print("By type: " + ", ".join(f"{k} {v}" for k, v in d.by_type.items()))
    for title, tallies in (("Accompanies", d.accompanies), ("Together with", d.companions)):
        if tallies:
            table = Table(title=title, show_header=True)
            for column in ("name", "events", "first", "last"):
                table.add_column(column)
            for tally in tallies:
                table.add_row(shown(tally.name), str(tally.events), str(tally.first or ""), str(tally.last or ""))
            console.print(table)
    if d.titles:
        table = Table(title="Titles over time", show_header=True)
        for column in ("title", "first seen", "last seen", "times", "first in"):
            table.add_column(column)
        for t in d.titles:
            table.add_row(
                shown(t.title), str(t.first_seen or ""), str(t.last_seen or ""), str(t.times), shown(t.doc_id)
            )
        console.print(table)
    if d.kind == "person" and d.per_month:
        console.print("Events per month: " + ", ".join(f"{k} {v}" for k, v in d.per_month.items()))
    table = Table(title=f"Appearances (latest {len(d.appearances)})", show_header=True, show_lines=True)
    for column in ("day", "event", "document", "evidence"):
        table.add_column(column)
    for a in d.appearances:
        day = f"{a.day or ''}" + ("" if a.dated_by == "event" else " (published)")
        document = f"{shown(a.citation.doc_id)}\n[dim]{shown(a.citation.title or '')}[/dim]"
        others = [d for d in a.docs if d != a.citation.doc_id]
        if others:  # one activity, listed once: the other documents that report it
            document += f"\n[dim]also in {len(others)}: {shown(', '.join(others))}[/dim]"
        table.add_row(day, shown(a.event_type or "mention"), document, shown(a.citation.evidence))
    console.print(table)


# --- novelty -------------------------------------------------------------------------------


def novel_command(
    since: datetime = typer.Option(..., "--since", formats=["%Y-%m-%d"], help="First seen on or after this day."),
    output: OutputFormat = FormatOption,
    kb: list[Path] | None = KbOption,
    db: str | None = DbOption,
) -> None:
    """What is new since a day: the first appearance of a weapon designation, a facility, an
    official or a place; an official's new title; an event type unusual for the season.

    First seen means first in the whole archive. CSV lists the new items.

    Example: fieldguide novel --since 2024-10-01 --format json
    """
    from fieldguide.analyze.novelty import novelties

    with user_errors(), open_archive(db) as store:
        result = novelties(store, since.date(), load_kb(kb))
    if output == OutputFormat.json:
        _write_json(result.to_json())
    elif output == OutputFormat.csv:
        rows = [{**i.to_json(), "doc_id": i.citation.doc_id if i.citation else None} for i in result.items]
        _write_csv(rows, ["kind", "name", "first_seen", "detail", "doc_id"])
    else:
        _print_novelty(result)


def _print_novelty(n: Novelty) -> None:
    if not (n.items or n.title_changes or n.unusual):
        console.print(f"Nothing new since {n.since}.")
        return
    if n.items:
        table = Table(title=f"First seen since {n.since}", show_header=True, show_lines=True)
        for column in ("first seen", "kind", "name", "detail", "evidence"):
            table.add_column(column)
        for i in n.items:
            evidence = f"{i.citation.doc_id}: {i.citation.evidence}" if i.citation else ""
            table.add_row(str(i.first_seen or ""), shown(i.kind), shown(i.name), shown(i.detail), shown(evidence))
        console.print(table)
    if n.title_changes:
        table = Table(title="New titles", show_header=True)
        for column in ("first seen", "person", "title", "before", "document"):
            table.add_column(column)
        for c in n.title_changes:
            table.add_row(
                str(c.first_seen or ""), shown(c.person), shown(c.title), shown(c.previous_title), shown(c.doc_id)
            )
        console.print(table)
    for u in n.unusual:
        console.print(f"[bold]Unusual:[/bold] {shown(u.explanation)} [dim]{shown(', '.join(u.doc_ids))}[/dim]")


# --- back-references -----------------------------------------------------------------------


def refs_command(
    doc_id: str = typer.Argument(..., metavar="ID", help="A document id."),
    output: OutputFormat = FormatOption,
    kb: list[Path] | None = KbOption,
    db: str | None = DbOption,
) -> None:
    """The earlier visits a dispatch refers back to ("since his visit on November 9 last
    year"), each linked to the archived event of that day when there is one.

    Example: fieldguide refs ex-kcna-munitions-tour
    """
    from fieldguide.analyze.references import back_references

    with user_errors(), open_archive(db) as store:
        refs = back_references(store, doc_id, load_kb(kb))
    records = [r.to_json() for r in refs]
    if output == OutputFormat.json:
        _write_json(records)
    elif output == OutputFormat.csv:
        rows = [{**r, "refers_to": r["refers_to"]["doc_id"] if r["refers_to"] else None} for r in records]
        _write_csv(rows, ["doc_id", "text", "span", "start", "end", "site", "found_by", "event_type", "refers_to"])
    elif not refs:
        console.print("No reference to an earlier visit.")
    else:
        table = Table(show_header=True)
        for column in ("phrase", "date", "refers to", "evidence"):
            table.add_column(column)
        for r in refs:
            target = r.refers_to
            table.add_row(
                shown(r.text),
                str(r.start) if r.start == r.end else f"{r.start} to {r.end}",
                shown(f"{target.doc_id} ({r.event_type})" if target else "not in the archive"),
                shown(target.evidence if target else ""),
            )
        console.print(table)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("timeline")(timeline_command)
    app.command("appearances")(appearances_command)
    app.command("dossier")(dossier_command)
    app.command("novel")(novel_command)
    app.command("refs")(refs_command)
