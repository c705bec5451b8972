"""A counter of the archive's changes, so that a reader can tell cheaply whether anything changed.

- archive_generation: one row; ``n`` grows by one in every write transaction (ingest batches,
  extractions, groupings, corrections, the watcher's state). The web app keys the pages it keeps
  on it (fieldguide/web/cache.py): one indexed read of one row tells it whether any may be stale.
  The ids of other tables cannot tell it: SQLite gives a deleted row's id to the next one.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    generation = op.create_table(
        "archive_generation",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.bulk_insert(generation, [{"id": 1, "n": 0}])


def downgrade() -> None:
    op.drop_table("archive_generation")
