"""Writing a command's result to standard output or to the file of --output.

A file that cannot be written (a folder, a missing parent folder, a full disk) is the
user's to fix, so it becomes a one-line OutputError rather than a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fieldguide.cli.common import err_console
from fieldguide.cli.terminal import shown
from fieldguide.errors import OutputError


def write_output(text: str, output: Path | None) -> None:
    """``text`` to standard output, or to ``output`` (replaced whole) with a note on standard error."""
    if output is None:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except OSError as e:
            raise OutputError.writing("standard output", e) from None
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise OutputError.writing(output, e) from None
    err_console.print(f"wrote {shown(str(output))}")
