"""A dateline gives month and day; the year is the file's, never in the future of the file."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from fieldguide.model import Document
from fieldguide.sources import read


def saved_on(path: Path, day: date) -> None:
    stamp = datetime(day.year, day.month, day.day, 12).timestamp()
    os.utime(path, (stamp, stamp))


def test_a_december_dispatch_saved_in_january_is_from_the_year_before(tmp_path: Path) -> None:
    path = tmp_path / "dispatch.txt"
    path.write_text("Pyongyang, December 30 (KCNA) -- Kim Jong Un sent a New Year card.\n", encoding="utf-8")
    saved_on(path, date(2025, 1, 2))
    (doc,) = [d for d in read(str(path)) if isinstance(d, Document)]
    assert doc.published == date(2024, 12, 30)
    assert "published_inferred" in doc.extra


def test_a_dispatch_of_the_files_own_year_keeps_it(tmp_path: Path) -> None:
    path = tmp_path / "dispatch.txt"
    path.write_text("Pyongyang, March 3 (KCNA) -- Kim Jong Un visited a farm.\n", encoding="utf-8")
    saved_on(path, date(2025, 3, 4))
    (doc,) = [d for d in read(str(path)) if isinstance(d, Document)]
    assert doc.published == date(2025, 3, 3)
