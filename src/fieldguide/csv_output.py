"""Every CSV that fieldguide writes goes through ``write_csv``.

Cells come from the sources (titles, evidence sentences, ids), and a spreadsheet runs a
cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula: ``=HYPERLINK(...)`` or a
press review's "- The respected ..." line. Such a cell, and one starting with a tab or a
carriage return, gets a leading single quote (OWASP's advice for CSV injection), which
spreadsheets show as text. Numbers are written as they are.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """``value`` as a cell no spreadsheet will evaluate; None becomes an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(out: IO[str], columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    """A header of ``columns``, then one line per row (keys not in ``columns`` are left out)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([inert(c) for c in columns])
    for row in rows:
        writer.writerow([inert(row.get(c)) for c in columns])


def flat_cell(value: Any) -> Any:
    """A list as '; '-joined text (people as 'name (role)'), a date as ISO text: how every CSV
    flattens a fact's fields."""
    if isinstance(value, list):
        return "; ".join(
            f"{v['name']} ({v['role']})" if isinstance(v, dict) and v.get("role") else _text(v) for v in value
        )
    if isinstance(value, date):
        return value.isoformat()
    return value


def _text(value: Any) -> str:
    return str(value["name"]) if isinstance(value, dict) else str(value)
