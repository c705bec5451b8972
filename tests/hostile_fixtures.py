"""An archive of hostile documents: ids with backticks and formula starts, titles with HTML,
Rich markup and terminal escapes, javascript: and ')' URLs, lines starting = @ - + and tab."""

from __future__ import annotations

from pathlib import Path

from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.store import Store

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile" / "dispatches.jsonl"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def make_hostile_db(path: Path) -> str:
    """A SQLite archive of the hostile documents, extracted; returns its path."""
    with Store.open(f"sqlite:///{path}") as store:
        ingest([str(HOSTILE)], store, extractor=Extractor(load()))
    return str(path)
