"""Writing a command's result to standard output or to the file of --output.

A file that cannot be written (a folder, a missing parent folder, a full disk) is the
user's to fix, so it becomes a one-line OutputError rather than a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

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


@contextmanager
def output_stream(output: Path | None, *, binary: bool = False) -> Iterator[IO[Any]]:
    """A stream to write a long result to as it is made: standard output, or ``output``."""
    if output is None:
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        try:
            yield stream
            stream.flush()
        except OSError as e:
            raise OutputError.writing("standard output", e) from None
        return
    try:
        handle = output.open("wb") if binary else output.open("w", encoding="utf-8", newline="")
    except OSError as e:
        raise OutputError.writing(output, e) from None
    try:
        with handle:
            yield handle
    except OSError as e:
        raise OutputError.writing(output, e) from None
    err_console.print(f"wrote {shown(str(output))}")
