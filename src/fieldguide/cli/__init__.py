"""The command line: thin commands that call the library and turn its errors into one-line messages.

One module per group of commands (archive, extraction, linking, analysis, briefing, watch,
corrections, web), so that each stays short; this module only assembles them into the ``fieldguide`` app.
"""

from __future__ import annotations

import inspect

import typer

from fieldguide.cli import analysis, archive, briefing, corrections, extraction, linking, watch, web

app = typer.Typer(
    name="fieldguide",
    help="Evidence-linked records of who did what, where, when, with which weapons, from KCNA dispatches.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for module in (archive, extraction, linking, analysis, briefing, watch, corrections, web):
    module.register(app)


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


_flow_help(app)
