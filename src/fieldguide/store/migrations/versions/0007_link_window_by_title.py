"""Linking's window look-up reads dispatches in (day, title) order.

The index of 0004, (published, kind, story_id, title), made SQLite sort a window's entries by
story before it could pick one dispatch per story and title: 3 ms for a six-day window of
an archive that holds a hundred near-copies of each dispatch. Keyed (kind, published, title,
story_id) instead, the dispatches of each day come grouped by title already, and one per
title is read off in a single pass (0.7 ms); link/candidates.py then keeps one per story.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_documents_published_kind_story_title", table_name="documents")
    op.create_index("ix_documents_kind_published_title", "documents", ["kind", "published", "title", "story_id"])


def downgrade() -> None:
    op.drop_index("ix_documents_kind_published_title", table_name="documents")
    op.create_index("ix_documents_published_kind_story_title", "documents", ["published", "kind", "story_id", "title"])
