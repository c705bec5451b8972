"""A covering index for linking reports to dispatches (link/candidates.py): the dispatches
published in a few days' window, one per story and per title, answered from the index
without reading the wide rows of documents (the text).

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_published_kind_story_title", "documents", ["published", "kind", "story_id", "title"])


def downgrade() -> None:
    op.drop_index("ix_documents_published_kind_story_title", table_name="documents")
