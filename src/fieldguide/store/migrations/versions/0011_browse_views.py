"""Plain SQL views for browsing the archive (Datasette, a SQL shell, a BI tool).

view_activities  the leader's events in dispatches: one row per report of an activity, with
                 its day, type, site, places, evidence, and its document's title, date and URL
view_events      every event (any actor, any kind of document), the same columns
view_people      every mention of a person: name as written and canonical, document, date, and
view_places      the text around it as evidence (about 120 characters either side)
view_weapons     (the same for places, and for weapon categories and designations)

The views read the tables only; nothing is stored. The JSON of an event's record is read with
SQLite's json_extract/json_each or PostgreSQL's ->>/json_array_elements_text.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

CONTEXT = 120  # characters of text either side of a mention shown as its evidence


def _sql(dialect: str) -> dict[str, str]:
    if dialect == "postgresql":

        def field(name: str) -> str:
            return f"e.record->>'{name}'"

        def joined(name: str) -> str:
            return f"(SELECT string_agg(value, '; ') FROM json_array_elements_text(e.record->'{name}'))"

        first_site = "e.record->'sites'->>0"
        start = f"greatest(1, m.start - {CONTEXT - 1})"
    else:

        def field(name: str) -> str:
            return f"json_extract(e.record, '$.{name}')"

        def joined(name: str) -> str:
            return f"(SELECT group_concat(value, '; ') FROM json_each(e.record, '$.{name}'))"

        first_site = "json_extract(e.record, '$.sites[0]')"
        start = f"max(1, m.start - {CONTEXT - 1})"

    event_columns = f"""
        e.id AS event_id, e.doc_id, e.n AS event_index, e.day, e.start, e."end", e.type, e.actor, e.sector,
        {first_site} AS site, {joined('sites')} AS sites, {joined('places')} AS places,
        {joined('weapons')} AS weapons, {joined('designations')} AS designations,
        {field('evidence')} AS evidence,
        d.kind AS document_kind, d.title, d.published, d.source, d.url
        FROM events e JOIN documents d ON d.id = e.doc_id"""
    views = {
        "view_events": f"SELECT {event_columns}",
        "view_activities": f"SELECT {event_columns} WHERE e.actor = 'Kim Jong Un' AND d.kind = 'dispatch'",
    }
    mention_columns = f"""
        m.canonical AS name, m.text AS written, m.kind, m.doc_id, m.published, m.start, m."end",
        substr(d.text, {start}, m."end" - m.start + {2 * CONTEXT}) AS evidence,
        d.kind AS document_kind, d.title, d.source, d.url
        FROM mentions m JOIN documents d ON d.id = m.doc_id"""
    views["view_people"] = f"SELECT {mention_columns} WHERE m.kind = 'person'"
    views["view_places"] = f"SELECT {mention_columns} WHERE m.kind = 'place'"
    views["view_weapons"] = f"SELECT {mention_columns} WHERE m.kind IN ('weapon', 'designation')"
    return views


def upgrade() -> None:
    for name, select in _sql(op.get_bind().dialect.name).items():
        op.execute(f"CREATE VIEW {name} AS {select}")


def downgrade() -> None:
    for name in _sql(op.get_bind().dialect.name):
        op.execute(f"DROP VIEW IF EXISTS {name}")
