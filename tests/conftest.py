"""Fixtures shared by the test files: the project's evaluation data and the PostgreSQL server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# ../shared beside the checkout, else the project machine's /work/shared (a worktree's parent has none).
SHARED = Path(
    os.environ.get("FIELDGUIDE_SHARED")
    or next((p for p in (REPO.parent / "shared", Path("/work/shared")) if p.is_dir()), REPO.parent / "shared")
)
PG_URL = os.environ.get("FIELDGUIDE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder of evaluation data; tests that need it skip where a checkout has none."""
    if not (SHARED / "corpus" / "kcna-2024.jsonl").exists():
        pytest.skip(f"../shared is missing ({SHARED}): evaluation data is not part of a user's checkout")
    return SHARED


def postgres_available(url: str = PG_URL) -> str | None:
    """None when the server answers, else the reason it does not."""
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(url)
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
        return None
    except Exception as e:  # any failure to connect means: skip, and say why
        return f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of the real PostgreSQL server; skips with the reason when none answers."""
    reason = postgres_available()
    if reason:
        pytest.skip(f"no PostgreSQL server at {PG_URL}: {reason}")
    return PG_URL
