"""Corrections of the record: analysts' fixes, rejections and additions, kept apart from extraction.

- corrections: one row per correction, never rewritten but for ``status`` and ``superseded_by``.
  ``fact_kind`` is event, person, place, weapon or site; ``action`` reject, fix, add, or withdraw
  (a withdrawal is a row of its own, so that who withdrew a correction, when and why is kept like
  the correction's own who, when and why). ``target`` identifies the extracted fact (its evidence
  span in the normalized text, its original value, for an event the event as it was extracted);
  ``value`` holds the corrected fields. ``superseded_by`` is the id of the withdrawal that ended
  it. ``status`` says how it met the document's extraction when that was last stored: applied,
  added (a fix whose fact is no longer extracted, added as it was corrected), moot (a reject
  whose fact is no longer extracted), pending (no extraction yet).
- extractions.extracted: the record as extraction made it, kept only where corrections changed
  it (``record`` holds the corrected one that every reader reads), so that a correction can be
  recorded or withdrawn without extracting again.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

BigIntKey = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("fact_kind", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("target", sa.JSON),
        sa.Column("value", sa.JSON, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("superseded_by", sa.BigInteger),
        sa.Column("status", sa.Text, nullable=False, server_default="pending"),
    )
    op.create_index("ix_corrections_doc", "corrections", ["doc_id", "id"])
    op.add_column("extractions", sa.Column("extracted", sa.JSON))


def downgrade() -> None:
    op.drop_column("extractions", "extracted")
    op.drop_index("ix_corrections_doc", table_name="corrections")
    op.drop_table("corrections")
