"""The serve command: the web app and JSON API over the archive (fieldguide.web)."""

from __future__ import annotations

import typer

from fieldguide.cli.common import DbOption, db_url, user_errors


def serve_command(
    db: str | None = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless --token)."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="FIELDGUIDE_TOKEN",
        help="Secret that writes need; on a non-loopback host every request needs it (Authorization: Bearer).",
    ),
    workers: int = typer.Option(
        1, "--workers", min=1, max=32, help="Processes serving requests (each with its own connections and kept pages)."
    ),
    cache_mb: int = typer.Option(
        64,
        "--cache-mb",
        min=0,
        help="Memory per process for pages kept until the archive changes (0: make every page anew).",
    ),
) -> None:
    """Browse the archive in a web browser, and read it as JSON: every page also at its path
    plus .json, described at /openapi.json. Reading is open on loopback; a --host other
    machines reach refuses to start without --token.

    A page is kept once made, until the archive changes (an ingest, a correction: seen within
    a second); --workers N serves from N processes.

    Example: fieldguide serve --db archive.db --port 8000 --workers 2
    """
    from fieldguide.web.server import serve  # FastAPI and uvicorn only for this command

    with user_errors():
        serve(db_url(db), host, port, token, announce=typer.echo, workers=workers, cache_mb=cache_mb)


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("serve")(serve_command)
