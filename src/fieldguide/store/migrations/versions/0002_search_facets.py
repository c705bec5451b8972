"""SQLite: index each document's month and source as words of a hidden FTS5 column, so that
a date or source filter narrows a search inside the full-text index instead of checking
every match against the documents table.

``facets`` is a virtual generated column of documents, e.g. "ym2024m09 src6B636E61"
(month, and the hex of the lower-cased source, so that any source is one token).
The FTS5 table is rebuilt with it as a third column. PostgreSQL is unchanged.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FACETS = (
    "'ym' || coalesce(replace(substr(published, 1, 7), '-', 'm'), 'none') || ' src' || hex(lower(coalesce(source, '')))"
)
TOKENIZER = "porter unicode61 remove_diacritics 2"


def _fts(columns: str) -> list[str]:
    names = [c.strip() for c in columns.split(",")]
    new = ", ".join(f"new.{c}" for c in names)
    old = ", ".join(f"old.{c}" for c in names)
    return [
        f"""CREATE VIRTUAL TABLE documents_fts USING fts5({columns}, content='documents',
            content_rowid='seq', tokenize='{TOKENIZER}')""",
        f"""CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, {columns}) VALUES (new.seq, {new});
        END""",
        f"""CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, {columns}) VALUES ('delete', old.seq, {old});
        END""",
        f"""CREATE TRIGGER documents_fts_update
            AFTER UPDATE OF title, text, published, source ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, {columns}) VALUES ('delete', old.seq, {old});
            INSERT INTO documents_fts(rowid, {columns}) VALUES (new.seq, {new});
        END""",
        "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
    ]


def _drop_fts() -> None:
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
    op.execute("DROP TABLE IF EXISTS documents_fts")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_fts()
    op.execute(f"ALTER TABLE documents ADD COLUMN facets TEXT GENERATED ALWAYS AS ({FACETS}) VIRTUAL")
    for statement in _fts("title, text, facets"):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    _drop_fts()
    op.execute("ALTER TABLE documents DROP COLUMN facets")
    for statement in _fts("title, text"):
        op.execute(statement)
