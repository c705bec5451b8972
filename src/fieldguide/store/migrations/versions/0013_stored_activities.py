"""The leader's activities stored, so that the reading commands do not group events again.

- activities: one row per activity (analyze/activities.py), with what ``timeline`` and
  ``appearances`` show of it. ``anchor`` is the day it counts on (its own day, else its
  main report's publication day); the timeline reads the public appearances in a range of
  anchors from the index (public_appearance, anchor).
- activity_members: every event of an activity with its document and the document's rank
  (0 = the main report); indexed by event for the timeline's type, place and weapon filters.
- activity_changes: the days whose leader events were written or deleted since the
  grouping was stored (a NULL day: an event with no date at all). Ingest and reextract
  group those days again at their end and empty it.
- activity_state: one row; ``rules`` names the grouping rules the stored activities were made
  with, NULL until a grouping is stored. The stored activities are current when ``rules``
  is this fieldguide's and activity_changes is empty; otherwise readers group in memory.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BigIntKey = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date),
        sa.Column("anchor", sa.Date),
        sa.Column("published", sa.Date),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("site", sa.Text),
        sa.Column("speech", sa.Boolean, nullable=False),
        sa.Column("public_appearance", sa.Boolean, nullable=False),
        sa.Column("main_event_id", sa.BigInteger, nullable=False),
        sa.Column("main_doc_id", sa.Text, nullable=False),
        sa.Column("main_n", sa.Integer, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("spans", sa.JSON),
        sa.Column("confidence", sa.Float),
    )
    op.create_index("ix_activities_anchor", "activities", ["anchor"])
    op.create_index("ix_activities_appearance_anchor", "activities", ["public_appearance", "anchor"])
    op.create_table(
        "activity_members",
        sa.Column("activity_id", sa.BigInteger, sa.ForeignKey("activities.id"), primary_key=True),
        sa.Column("event_id", sa.BigInteger, primary_key=True),  # no key: events are replaced before regrouping
        sa.Column("doc_id", sa.Text, nullable=False),
        sa.Column("rank", sa.Integer, nullable=False),
    )
    op.create_index("ix_activity_members_event", "activity_members", ["event_id", "activity_id"])
    op.create_table("activity_changes", sa.Column("day", sa.Date))
    op.create_index("ix_activity_changes_day", "activity_changes", ["day"])
    state = op.create_table(
        "activity_state",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("rules", sa.Text),
    )
    op.bulk_insert(state, [{"id": 1, "rules": None}])


def downgrade() -> None:
    op.drop_table("activity_state")
    op.drop_index("ix_activity_changes_day", table_name="activity_changes")
    op.drop_table("activity_changes")
    op.drop_index("ix_activity_members_event", table_name="activity_members")
    op.drop_table("activity_members")
    op.drop_index("ix_activities_appearance_anchor", table_name="activities")
    op.drop_index("ix_activities_anchor", table_name="activities")
    op.drop_table("activities")
