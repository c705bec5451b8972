"""The archive's change counter (migration 0015): every write transaction adds one to it, so a
reader that kept something it computed tells with one read whether the archive changed since."""

from __future__ import annotations

import sqlalchemy as sa

from fieldguide.store.schema import archive_generation

_ROW = archive_generation.c.id == 1


def bump(conn: sa.Connection) -> None:
    """Count this write transaction (in it: rolled back with it)."""
    conn.execute(archive_generation.update().where(_ROW).values(n=archive_generation.c.n + 1))


def read(conn: sa.Connection) -> int:
    """The number of write transactions committed so far."""
    return int(conn.execute(sa.select(archive_generation.c.n).where(_ROW)).scalar_one())
