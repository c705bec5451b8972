"""What linking reads of a document's text, stored with its extraction.

extractions.link_words (the document's content words) and extractions.link_numbers (its
number keys), written with each extraction (fingerprints/facts.py: Terms). Linking a batch of
reports reads them instead of splitting every candidate dispatch into words again. Rows
extracted before this revision have none: the linker reads those texts as before, and
``fieldguide reextract`` fills them in.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("extractions", sa.Column("link_words", sa.Text))
    op.add_column("extractions", sa.Column("link_numbers", sa.Text))


def downgrade() -> None:
    op.drop_column("extractions", "link_numbers")
    op.drop_column("extractions", "link_words")
