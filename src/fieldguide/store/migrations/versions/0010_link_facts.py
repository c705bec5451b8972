"""The named facts linking compares, stored with each extraction.

extractions.link_facts: the designations, weapons, people, places, sites, event types and
activity days of the extraction record, folded as linking compares them (fingerprints/facts.py:
Facts), as a small JSON object. Linking a batch of reports reads these instead of parsing
every candidate's whole record. Rows extracted before this revision have none: the linker
reads their records as before, and ``fieldguide reextract`` fills them in.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("extractions", sa.Column("link_facts", sa.Text))


def downgrade() -> None:
    op.drop_column("extractions", "link_facts")
