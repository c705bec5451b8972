"""Covering indexes for the analyses (timeline, dossier, novelty), so that their counts are
answered from indexes without reading the wide rows of documents (the text) and events
(the JSON record).

- events (actor, start, type, sector, doc_id): the leader's events per day, type and sector.
- documents (kind, id, published): the date of an event's document (the analyses name the
  kinds, so that the join is answered from this index).
- event_facets (kind, value, event_id) and (event_id, kind, value): the events of a name,
  and the other names of those events (who was there with whom).
- mentions (kind, canonical, doc_id, start): the documents that mention a name.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_events_actor_start_type_sector": ("events", ["actor", "start", "type", "sector", "doc_id"]),
    "ix_documents_kind_id_published": ("documents", ["kind", "id", "published"]),
    "ix_event_facets_kind_value_event": ("event_facets", ["kind", "value", "event_id"]),
    "ix_event_facets_event_kind_value": ("event_facets", ["event_id", "kind", "value"]),
    "ix_mentions_kind_canonical_doc": ("mentions", ["kind", "canonical", "doc_id", "start"]),
}


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)


def downgrade() -> None:
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table_name=table)
