"""The command line: thin commands that call the library and turn its errors into one-line messages.

One module per group of commands (archive, extraction, linking, analysis, briefing, watch,
corrections, web), so that each
stays short; this module only assembles them into the ``fieldguide`` app.
"""

from __future__ import annotations

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
