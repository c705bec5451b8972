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

from fieldguide.cli.common import DbOption, KbOption, db_url, load_kb, open_archive, user_errors
from fieldguide.cli.output import output_stream, write_output
from fieldguide.errors import QueryError
from fieldguide.exports import BINARY, Format, chosen_what, write_export


class BriefFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


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
    document and character span. Without dates: the archive's last week. The HTML file adds a
    chart of his activities per day and a map of the sites, drawn offline. --story tells one
    activity or tour site by site, with the dispatch's photo captions linked to their images.

    Example: fieldguide brief --since 2024-08-01 --until 2024-08-07 --format html -o brief.html
    """
    from fieldguide.report import build_brief, build_story_brief, render_html, render_markdown

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
    format: Format = typer.Option(
        Format.csv, "--format", "-f", help="csv, json, parquet, geojson, stix (STIX 2.1), ftm or datasette-metadata."
    ),
    what: str | None = typer.Option(
        None,
        "--what",
        help="events, activities, mentions, documents or links (csv, json, parquet); "
        "geojson writes activities, stix and ftm events.",
    ),
    since: datetime | None = SinceOption,
    until: datetime | None = UntilOption,
    output: Path | None = OutputOption,
    db: str | None = DbOption,
    kb: list[Path] | None = KbOption,
) -> None:
    """The archive for other tools, written as it is read (memory stays flat). Events are the
    leader's, re-publications counted once, each with the sentence it rests on, its character
    span and a link to it; activities group the reports of one activity; GeoJSON puts
    activities on the map; STIX 2.1 and FollowTheMoney (JSON lines) carry people, places and
    dispatches; datasette-metadata describes the archive's SQL views for Datasette.

    Example: fieldguide export --format parquet --what activities --since 2024-01-01 -o activities.parquet
    """
    with user_errors():
        chosen_what(format, what)
        knowledge = load_kb(kb)
        url = db_url(db)
        with open_archive(db) as store, output_stream(output, binary=format in BINARY) as out:
            write_export(store, url, format, what, _day(since), _day(until), out, knowledge)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("brief")(brief_command)
    app.command("export")(export_command)
