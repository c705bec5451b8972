"""A foreign report read from a file takes its date and outlet from its press dateline."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest

from fieldguide.model import Document
from fieldguide.sources import read
from fieldguide.sources.dateline import find_press_dateline


def _read_one(path: Path, text: str, saved: date = date(2024, 9, 1)) -> Document:
    path.write_text(text, encoding="utf-8")
    stamp = datetime(saved.year, saved.month, saved.day, 12).timestamp()
    os.utime(path, (stamp, stamp))
    (doc,) = [d for d in read(str(path)) if isinstance(d, Document)]
    return doc


def test_a_yonhap_dateline_gives_the_outlet_and_the_day(tmp_path: Path) -> None:
    doc = _read_one(
        tmp_path / "yonhap.txt",
        "N. Korea's Kim inspects flood areas\n\n"
        "SEOUL, Aug. 27 (Yonhap) -- North Korean leader Kim Jong Un inspected flooded areas.\n",
    )
    assert doc.kind == "report" and doc.source == "Yonhap"
    assert doc.published == date(2024, 8, 27) and "published_inferred" in doc.extra


def test_a_dateline_with_its_year_gives_the_day_in_that_year(tmp_path: Path) -> None:
    doc = _read_one(
        tmp_path / "report.txt",
        "SEOUL, August 3, 2024 -- North Korea fired two ballistic missiles into the East Sea.\n",
        saved=date(2026, 1, 5),
    )
    assert doc.published == date(2024, 8, 3) and "published_inferred" not in doc.extra


def test_an_ap_dateline_without_a_date_gives_the_outlet(tmp_path: Path) -> None:
    doc = _read_one(tmp_path / "ap.txt", "SEOUL, South Korea (AP) — North Korea launched a missile.\n")
    assert doc.source == "AP"


def test_the_metadata_wins_over_the_dateline(tmp_path: Path) -> None:
    doc = _read_one(
        tmp_path / "report.md",
        "---\nsource: NK News\npublished: 2024-08-28\n---\nSEOUL, Aug. 27 (Yonhap) -- Text of the report.\n",
    )
    assert doc.source == "NK News" and doc.published == date(2024, 8, 28)


@pytest.mark.parametrize(
    "text",
    [
        "Pyongyang, August 5 (KCNA) -- Kim Jong Un visited a farm.",
        "North Korea fires missile - report says",
        "SEOUL -- North Korea fired a missile.",
    ],
)
def test_what_is_no_press_dateline(text: str) -> None:
    assert find_press_dateline(text) is None
