"""The day each event counts on, and each mention's document date, stored beside them.

The analyses date an event by its own start, else by its document's published date; a
mention by its document's date. Looking the document up per row was the cost of the
dossiers of names seen everywhere (the leader, the capital: tens of thousands of rows).

- events.day = coalesce(start, the document's published date), written with the event.
- mentions.published = the document's published date, written with the mention; the
  mentions index becomes (kind, canonical, published, doc_id, start), so a name's first and
  latest documents are read from the ends of its index range.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("day", sa.Date))
    op.add_column("mentions", sa.Column("published", sa.Date))
    op.execute(
        "UPDATE events SET day = coalesce(start, (SELECT published FROM documents WHERE documents.id = events.doc_id))"
    )
    op.execute("UPDATE mentions SET published = (SELECT published FROM documents WHERE documents.id = mentions.doc_id)")
    op.drop_index("ix_mentions_kind_canonical_doc", table_name="mentions")
    op.create_index(
        "ix_mentions_kind_canonical_published", "mentions", ["kind", "canonical", "published", "doc_id", "start"]
    )


def downgrade() -> None:
    op.drop_index("ix_mentions_kind_canonical_published", table_name="mentions")
    op.create_index("ix_mentions_kind_canonical_doc", "mentions", ["kind", "canonical", "doc_id", "start"])
    op.drop_column("mentions", "published")
    op.drop_column("events", "day")
