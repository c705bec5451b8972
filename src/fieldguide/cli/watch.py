"""The watch command: poll feeds, ingest what is new, deliver alerts; --status tells how the feeds fare.

The work is in ``fieldguide.watch``; this module reads the options, installs the signal handlers
and prints.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:  # the watcher is imported when watch runs, not by every command
    from fieldguide.watch.runner import RoundReport


def _status(db: str | None, as_json: bool) -> None:
    from fieldguide.watch import state

    with user_errors(), open_archive(db) as store:
        feeds = [s.to_json() for s in state.feed_states(store).values()]
        counts = state.delivery_counts(store)
    if as_json:
        sys.stdout.write(json.dumps({"feeds": feeds, "alerts": counts}, indent=2) + "\n")
        return
    table = Table(title="Feeds", show_header=True)
    for column in ("feed", "last success", "last error", "next poll"):
        table.add_column(column)
    for feed in feeds:
        error = f"{feed['last_error_at']}: {feed['last_error']}" if feed["last_error"] else ""
        if feed["failures"]:
            error += f" ({feed['failures']} in a row)"
        table.add_row(shown(feed["name"]), feed["last_success"] or "never", shown(error), feed["next_poll"] or "now")
    console.print(table)
    console.print(
        f"Alerts: {counts['alerts']:,} decided, {counts['delivered']:,} deliveries made, {counts['pending']:,} pending."
    )


def _log(line: str) -> None:
    err_console.print(shown(line), highlight=False)


def _print_round(report: RoundReport) -> None:
    err_console.print(
        f"round: {len(report.polled)} polled ({len(report.not_modified)} unchanged, {len(report.errors)} failed), "
        f"{report.stored} stored, {report.decided} alerts, {report.delivered} delivered "
        f"in {report.seconds:.2f} s"
    )


def watch_command(
    config: Path | None = typer.Argument(None, help="The watch configuration (YAML).", metavar="CONFIG.yaml"),
    once: bool = typer.Option(False, "--once", help="One round, then exit (for cron and tests)."),
    status: bool = typer.Option(False, "--status", help="Each feed's last success, last error and next poll."),
    as_json: bool = typer.Option(False, "--json", help="With --status or --once: JSON on stdout."),
    db: str | None = DbOption,
    kb: list[Path] | None = KbOption,
    allow_private_hosts: bool = typer.Option(
        False, "--allow-private-hosts", help="Fetch from private, loopback and link-local addresses (an intranet)."
    ),
    http_deadline: float | None = typer.Option(
        None, "--http-deadline", min=0.1, help="Seconds one fetch may take, retries included (default 60)."
    ),
) -> None:
    """Poll the configured feeds, ingest what is new (extraction included), and deliver the alerts
    whose rules match, each once. Runs until SIGTERM or Ctrl-C (stopping between steps), or one
    round with --once. A malformed configuration is refused with the key path and the reason.

    Example: fieldguide watch watch.yaml --once --db archive.db
    """
    if status:
        _status(db, as_json)
        return
    if config is None:
        err_console.print("[red]error[/red] give the watch configuration: fieldguide watch CONFIG.yaml")
        raise typer.Exit(2)
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.sources import FetchPolicy
    from fieldguide.watch.config import load_config
    from fieldguide.watch.runner import Watcher

    with user_errors():
        settings = load_config(config)
        policy = FetchPolicy.from_env(allow_private_hosts, http_deadline)
        knowledge = load_kb(kb)
        extractor = Extractor(knowledge)
    settle_long_lived()
    with user_errors(), open_archive(db, "create") as store:
        watcher = Watcher(settings, store, extractor, knowledge, policy, log=_log)

        def stop(signum: int, _frame: FrameType | None) -> None:
            watcher.stop.set()

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            if once:
                report = watcher.run_round(once=True)
                _print_round(report)
                if as_json:
                    sys.stdout.write(json.dumps(report.to_json()) + "\n")
            else:
                watcher.run_forever(_print_round)
                err_console.print("stopped")
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            watcher.close()


def register(app: typer.Typer) -> None:
    """Add this group's commands to the app."""
    app.command("watch")(watch_command)

