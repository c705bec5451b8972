"""The command line: thin commands that call the library and turn its errors into one-line messages.

One module per group of commands (archive, extraction, linking, analysis, briefing, watch,
corrections, web), so that each stays short; this module only assembles them into the ``fieldguide`` app.

``fieldguide CMD`` (``main``) imports only the module of CMD when that module holds the command
among others: the other seven modules cost every start about 40 ms of CPU, as much as a hundred
dispatches' extraction. ``app`` is the whole command line, built on first use.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    app: typer.Typer

# In the order --help lists them.
MODULES = ("archive", "extraction", "linking", "analysis", "briefing", "watch", "corrections", "web")
# The module that registers each command (tests/test_cli_startup.py checks it against the modules).
COMMAND_MODULES = {
    **dict.fromkeys(("ingest", "search", "stats", "history", "demo"), "archive"),
    **dict.fromkeys(("extract", "eval", "events", "reextract"), "extraction"),
    "link": "linking",
    **dict.fromkeys(("timeline", "appearances", "dossier", "novel", "refs"), "analysis"),
    **dict.fromkeys(("brief", "export"), "briefing"),
    "watch": "watch",
    "corrections": "corrections",
    "serve": "web",
}


def build_app(modules: Sequence[str] = MODULES) -> typer.Typer:
    """The ``fieldguide`` app with the commands of ``modules``."""
    built = typer.Typer(
        name="fieldguide",
        help="Evidence-linked records of who did what, where, when, with which weapons, from KCNA dispatches.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    for name in modules:
        import_module(f"fieldguide.cli.{name}").register(built)
    _flow_help(built)
    return built


def __getattr__(name: str) -> Any:
    if name == "app":
        whole = build_app()
        globals()["app"] = whole  # built once
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The ``fieldguide`` script and ``python -m fieldguide``."""
    module = COMMAND_MODULES.get(sys.argv[1]) if len(sys.argv) > 1 else None
    # A module of one command would make an app of that command alone, which reads the command's
    # name as its first argument: such a command runs in the whole app.
    alone = module is not None and list(COMMAND_MODULES.values()).count(module) > 1
    build_app((module,) if module is not None and alone else MODULES)(prog_name="fieldguide")


def _flowing(doc: str) -> str:
    """A docstring as help that Rich wraps to the terminal: the line breaks inside a paragraph joined
    (Typer keeps them, so an 80-column terminal would show ragged half-lines)."""
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    # a paragraph of indented lines (a list of examples) keeps its lines
    return "\n\n".join(p if "\n " in p else " ".join(p.split("\n")) for p in paragraphs)


def _flow_help(typer_app: typer.Typer) -> None:
    for command in typer_app.registered_commands:
        doc = command.help or (command.callback.__doc__ if command.callback else None)
        if doc:
            command.help = _flowing(doc)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _flow_help(group.typer_instance)
