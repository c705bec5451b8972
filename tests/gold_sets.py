"""The numbered gold files of evaluation/gold ("other-years-dev-7.jsonl", "reference-briefs-oy26.jsonl"), found on
disk in the order of their numbers, so that a new set is measured and checked by adding its files alone.

Shared by tests/test_evaluation_gold.py and the benchmarks that read the gold sets.
"""

from __future__ import annotations

import re
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "evaluation" / "gold"


def numbered(prefix: str, directory: Path = GOLD) -> list[tuple[int, Path]]:
    """The files ``<prefix><n>.jsonl`` of ``directory`` by their number ``n``."""
    pattern = re.compile(rf"{re.escape(prefix)}(\d+)\.jsonl")
    found = ((pattern.fullmatch(p.name), p) for p in directory.glob(f"{prefix}*.jsonl"))
    return sorted((int(m.group(1)), p) for m, p in found if m)
