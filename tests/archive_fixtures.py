"""Fixtures of the archive tests: a fresh store on each back end, and documents written for
these tests in the agencies' style.

The PostgreSQL store lives in a schema of its own (selected through ``search_path``) that
is dropped afterwards, so parallel and repeated runs do not see each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from fieldguide.model import Document
from fieldguide.store import Store

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def _with_search_path(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty archive: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'archive.db'}"
        return
    pg_url = request.getfixturevalue("pg_url")
    schema = f"fg_test_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        yield _with_search_path(pg_url, schema)
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'archive.db'}") as opened:
        yield opened


def doc(doc_id: str, text: str, **fields: Any) -> Document:
    fields.setdefault("title", text.split(".")[0][:60])
    fields.setdefault("published", date(2024, 9, 13))
    fields.setdefault("source", "KCNA")
    fields.setdefault("origin", f"test:{doc_id}")
    return Document(id=doc_id, text=text, **fields)


# Texts written for these tests, in the style of the agencies.
MUNITIONS = (
    "Pyongyang, September 13 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea, "
    "inspected a munitions enterprise producing the new-type 600mm multiple rocket launcher. "
    "He looked round the production lines of the enterprise and praised the workers for raising output "
    "above the plan. He said the launcher is a weapon of decisive importance for the artillery units, "
    "and set the task of expanding production capacity in the coming year. He was accompanied by Jo Chun "
    "Ryong, secretary of the Central Committee, and by officials of the munitions industry department. "
    "The workers pledged to carry out the tasks set forth by the general secretary without fail."
)
MISSILE = (
    "Pyongyang, October 31 (KCNA) -- The Missile General Bureau conducted a test-fire of the "
    "intercontinental ballistic missile Hwasongpho-19 on Thursday morning. The missile flew along its "
    "planned course and landed in the open waters of the East Sea. Kim Jong Un observed the test-fire "
    "and expressed great satisfaction with the result, saying the strategic forces had gained a reliable "
    "weapon system. The test had no negative impact on the security of the neighbouring countries."
)
FARM = (
    "Pyongyang, August 20 (KCNA) -- Farmers in South Hwanghae Province are busy harvesting early rice "
    "ahead of schedule. The co-op farms of Jaeryong County have introduced new methods of rice cultivation "
    "and secured good yields despite the summer rains. Agricultural workers and volunteers from the "
    "province are helping the farms with threshing and drying the grain."
)
REPORT = (
    "SEOUL, Sept 13 (Yonhap) -- North Korea's leader Kim Jong-un visited a weapons factory producing "
    "600mm rocket launchers, state media said, in what analysts called a signal ahead of the US election."
)
