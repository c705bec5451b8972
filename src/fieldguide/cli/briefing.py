"""Commands of the briefing group: brief, export.

Each command opens the store, calls ``fieldguide.report`` and writes the result to
standard output or to --output; the work is in the library.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

import typer

from fieldguide.cli.common import DbOption, open_archive, user_errors
from fieldguide.cli.output import write_output
from fieldguide.errors import QueryError
from fieldguide.report import build_brief, build_story_brief, render_html, render_markdown
from fieldguide.report.export import export_events, to_csv, to_json
from fieldguide.report.stix import to_stix


class BriefFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    stix = "stix"


SinceOption = typer.Option(None, "--since", formats=["%Y-%m-%d"], help="First day (YYYY-MM-DD).")
UntilOption = typer.Option(None, "--until", formats=["%Y-%m-%d"], help="Last day (YYYY-MM-DD).")
OutputOption = typer.Option(None, "--output", "-o", help="Write to this file instead of standard output.")


def _day(value: datetime | None) -> date | None:
    return value.date() if value else None


def brief_command(
    since: datetime | None = SinceOption,
    until: datetime | None = UntilOption,
    story: str | None = typer.Option(None, "--story", help="A document id: the brief for its story."),
    format: BriefFormat = typer.Option(BriefFormat.md, "--format", "-f", help="md, html or json."),
    output: Path | None = OutputOption,
    db: str | None = DbOption,
) -> None:
    """A briefing on the leader's activities: what you need to know, the details, the
    context of those days, and the dispatches' own words; every sentence cites its
    document and character span. Without dates: the archive's last week.

    Example: fieldguide brief --since 2024-08-01 --until 2024-08-07 --format html -o brief.html
    """
    with user_errors():
        if story and (since or until):
            raise QueryError("give either --story or --since/--until, not both")
        with open_archive(db) as store:
            brief = build_story_brief(store, story) if story else build_brief(store, _day(since), _day(until))
    if format is BriefFormat.html:
        text = render_html(brief)
    elif format is BriefFormat.json:
        text = json.dumps(brief.to_json(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = render_markdown(brief)
    with user_errors():
        write_output(text, output)


def export_command(
    format: ExportFormat = typer.Option(ExportFormat.csv, "--format", "-f", help="csv, json or stix (STIX 2.1)."),
    since: datetime | None = SinceOption,
    until: datetime | None = UntilOption,
    output: Path | None = OutputOption,
    db: str | None = DbOption,
) -> None:
    """The leader's events for other tools, one per activity (re-publications counted
    once), each with the sentence it rests on, its character span and a link to it.

    Example: fieldguide export --format stix --since 2024-01-01 -o events.stix.json
    """
    with user_errors(), open_archive(db) as store:
        rows = export_events(store, _day(since), _day(until))
    if format is ExportFormat.csv:
        text = to_csv(rows)
    elif format is ExportFormat.json:
        text = to_json(rows)
    else:
        text = json.dumps(to_stix(rows), ensure_ascii=False, indent=2) + "\n"
    with user_errors():
        write_output(text, output)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("brief")(brief_command)
    app.command("export")(export_command)
