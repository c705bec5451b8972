"""``python -m fieldguide``: the command line, as the ``fieldguide`` script runs it."""

from fieldguide.cli import app

app(prog_name="fieldguide")
