"""The initial archive schema: documents, versions, sightings, stories, LSH bands, runs,
rejects, extraction tables, and the full-text index of each back end.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

BigIntKey = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Stamp = sa.DateTime(timezone=True)

# FTS5 over documents (external content: the index stores no second copy of the text).
# unicode61 splits "Hwasongpho-19" into two tokens, which the query parser searches as a
# phrase; porter stems English; remove_diacritics 2 folds accents in transliterations.
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='seq',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
    END""",
]

# A generated column keeps the tsvector in step with every insert and update. Hyphens
# become spaces first: PostgreSQL's parser reads "Hwasong-19" as "hwasong" and the
# signed number "-19", which the phrase hwasong <-> 19 would never match.
POSTGRES_FTS = [
    """ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', translate(coalesce(title, ''), '-', ' ')), 'A') ||
        setweight(to_tsvector('english', translate(coalesce(text, ''), '-', ' ')), 'B')) STORED""",
    "CREATE INDEX ix_documents_search_vector ON documents USING gin (search_vector)",
]


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Text, primary_key=True),
        sa.Column("created_at", Stamp, nullable=False),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("started", Stamp, nullable=False),
        sa.Column("finished", Stamp),
        sa.Column("inputs", sa.JSON, nullable=False),
        sa.Column("counts", sa.JSON),
    )
    op.create_table(
        "documents",
        sa.Column("seq", BigIntKey, primary_key=True, autoincrement=True),
        sa.Column("id", sa.Text, nullable=False, unique=True),
        sa.Column("story_id", sa.Text, sa.ForeignKey("stories.id"), nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("topic", sa.Text),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("original_text", sa.Text),
        sa.Column("offsets", sa.JSON),
        sa.Column("extra", sa.JSON),
        sa.Column("content_hash", sa.String(40), nullable=False),
        sa.Column("raw_hash", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("first_seen", Stamp, nullable=False),
        sa.Column("last_seen", Stamp, nullable=False),
        sa.Column("run_id", sa.Integer),
    )
    for column in ("url", "content_hash", "story_id", "published", "source"):
        op.create_index(f"ix_documents_{column}", "documents", [column])
    op.create_table(
        "versions",
        sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(40), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("origin", sa.Text),
        sa.Column("seen_at", Stamp, nullable=False),
        sa.Column("run_id", sa.Integer),
    )
    op.create_table(
        "sightings",
        sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("alias_id", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(40), nullable=False),
        sa.Column("raw_hash", sa.String(40), nullable=False),
        sa.Column("seen_at", Stamp, nullable=False),
        sa.Column("run_id", sa.Integer),
    )
    op.create_index("ix_sightings_doc_id", "sightings", ["doc_id"])
    op.create_index("ix_sightings_alias_id", "sightings", ["alias_id"])
    op.create_table(
        "lsh_bands",
        sa.Column("band_key", BigIntKey, primary_key=True, autoincrement=False),
        sa.Column("doc_id", sa.Text, nullable=False),
    )
    op.create_table(
        "rejects",
        sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("origin", sa.Text, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
    )
    op.create_index("ix_rejects_run_id", "rejects", ["run_id"])
    op.create_table(
        "extractions",
        sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("kb_version", sa.Text, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("extracted_at", Stamp, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("actor", sa.Text),
        sa.Column("start", sa.Date),
        sa.Column("end", sa.Date),
        sa.Column("sector", sa.Text),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_doc_id", "events", ["doc_id"])
    op.create_index("ix_events_type_start", "events", ["type", "start"])
    op.create_index("ix_events_start", "events", ["start"])
    op.create_table(
        "event_facets",
        sa.Column("event_id", sa.BigInteger, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_index("ix_event_facets_kind_value", "event_facets", ["kind", "value"])
    op.create_index("ix_event_facets_event_id", "event_facets", ["event_id"])
    op.create_table(
        "mentions",
        sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_mentions_doc_id", "mentions", ["doc_id"])
    op.create_index("ix_mentions_kind_canonical", "mentions", ["kind", "canonical"])

    dialect = op.get_bind().dialect.name
    for statement in SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS if dialect == "postgresql" else []:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS documents_fts")
    for table in (
        "mentions",
        "event_facets",
        "events",
        "extractions",
        "rejects",
        "lsh_bands",
        "sightings",
        "versions",
        "documents",
        "runs",
        "stories",
    ):
        op.drop_table(table)
