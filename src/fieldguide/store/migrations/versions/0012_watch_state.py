"""The watcher's state (fieldguide watch): feeds polled, entries seen, alerts decided and delivered.

watch_feeds       one row per configured feed: the validators of its last answer (ETag,
                  Last-Modified) for a conditional GET, its last success and error, the failures
                  in a row that set its backoff, and when it is polled next.
watch_entries     each feed entry (or listing link) already stored, so that a changed feed's old
                  entries are not fetched again; ``attempts`` counts entries that failed.
watch_cursor      the highest documents.seq whose documents the alert rules have seen.
watch_alerts      each alert decided, with its JSON; (rule, key) unique so that one match is
                  never decided twice.
watch_deliveries  one row per alert and sink: pending until the sink has it, then delivered.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watch_feeds",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("last_polled", sa.DateTime(timezone=True)),
        sa.Column("last_success", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", sa.DateTime(timezone=True)),
        sa.Column("failures", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_poll", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "watch_entries",
        sa.Column("feed", sa.Text, primary_key=True),
        sa.Column("entry", sa.Text, primary_key=True),
        sa.Column("doc_id", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "watch_cursor",
        sa.Column("name", sa.Text, primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "watch_alerts",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("doc_id", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("rule", "key", name="uq_watch_alerts_rule_key"),
    )
    op.create_index("ix_watch_alerts_rule_doc", "watch_alerts", ["rule", "doc_id"])
    op.create_table(
        "watch_deliveries",
        sa.Column("alert_id", sa.Text, sa.ForeignKey("watch_alerts.id"), primary_key=True),
        sa.Column("sink", sa.Text, primary_key=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_error", sa.Text),
        sa.Column("next_attempt", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_watch_deliveries_pending", "watch_deliveries", ["delivered_at"])


def downgrade() -> None:
    op.drop_table("watch_deliveries")
    op.drop_table("watch_alerts")
    op.drop_table("watch_cursor")
    op.drop_table("watch_entries")
    op.drop_table("watch_feeds")
