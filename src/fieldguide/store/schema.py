"""The archive's tables, as SQLAlchemy Core metadata: one schema for SQLite and PostgreSQL.

The tables are created and changed only by the Alembic migrations in
``store/migrations/versions``; this module describes them for the queries.

documents   one row per distinct document. ``seq`` is an integer key that the full-text
            index points at (SQLite's FTS5 external content needs a stable integer rowid;
            PostgreSQL keeps a generated ``search_vector`` tsvector column with a GIN index
            instead). ``id`` is the document's stable id; ``content_hash`` the SHA-1 of the
            normalized text, ``raw_hash`` the SHA-1 of the text as read, compared first so
            that a re-ingest skips unchanged input cheaply. ``version`` is the current
            version number, ``story_id`` the near-duplicate group, ``minhash`` the MinHash
            signature (fingerprints/minhash.py). ``first_seen`` is when the document was first
            stored, ``last_seen`` when its content or sightings last changed (an unchanged
            re-read writes nothing, so that re-ingest stays fast).
versions    the texts of a document's versions, never overwritten. Written when a second
            version appears: the text being replaced is copied in (n = its number) beside
            the new one, in one transaction. A document with one version has it only in
            ``documents``; ``Store.history`` hides that difference.
sightings   every (source, url, origin, alias id) under which a document's text came:
            its own first reading and each exact duplicate that arrived under another id.
stories     near-duplicate groups; ``id`` is the id of the document that founded it.
lsh_bands   LSH band key -> id of the first document that had it (fingerprints/minhash.py).
            Near-duplicate candidates are found by an indexed lookup of a new document's
            16 band keys. Keeping one document per key bounds the candidates (at most 16
            per document, however large a story grows); the members of a story share most
            band keys with its earlier members, so a newcomer still meets the story.
runs        one row per ingest: inputs, start, finish (NULL while it runs or if it was killed), counts
            (until it finishes: the host and process running it, so that stats can tell which).
rejects     inputs that could not be read, per run, with the reason.
extractions one row per document: the extraction record (Extraction.to_record()) as JSON,
            and the words, numbers and facts linking compares (fingerprints/facts.py: Terms, Facts).
events      the extraction's events, one row each, with the columns queries filter on;
            ``day`` is the day an event counts on (its start, else its document's date).
event_facets  (event, kind, value) for weapons, designations, people and places, indexed
            so that ``Store.events(weapon=..., person=..., place=...)`` is a join.
mentions    every mention with its canonical name, character span and document date.
activities  the leader's activities as analyze/activities.py groups his events (0013), with
            activity_members (event, document, the document's rank), activity_changes (days
            whose leader events changed since) and activity_state (the rules they were made
            with): see store/activities.py.
corrections analysts' corrections of extracted facts, with who, when and why (0014; see
            store/corrections.py). ``extractions.record`` is the corrected record, which every
            reader reads; ``extractions.extracted`` the record as extracted, kept where
            corrections changed it.
archive_generation  one row whose ``n`` every write transaction adds one to (0015): a reader
            tells from it whether anything changed (the web app's kept pages, web/cache.py).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# SQLite makes a column a rowid alias only when it is declared exactly INTEGER PRIMARY KEY.
BigIntKey = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

stories = sa.Table(
    "stories",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
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
    sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
    sa.Column("run_id", sa.Integer),
)

versions = sa.Table(
    "versions",
    metadata,
    sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("n", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(40), nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("origin", sa.Text),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("run_id", sa.Integer),
)

sightings = sa.Table(
    "sightings",
    metadata,
    sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("alias_id", sa.Text, nullable=False),
    sa.Column("source", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(40), nullable=False),
    sa.Column("raw_hash", sa.String(40), nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("run_id", sa.Integer),
)

lsh_bands = sa.Table(
    "lsh_bands",
    metadata,
    sa.Column("band_key", BigIntKey, primary_key=True, autoincrement=False),
    sa.Column("doc_id", sa.Text, nullable=False),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("started", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished", sa.DateTime(timezone=True)),
    sa.Column("inputs", sa.JSON, nullable=False),
    sa.Column("counts", sa.JSON),
)

rejects = sa.Table(
    "rejects",
    metadata,
    sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
    sa.Column("origin", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
)

extractions = sa.Table(
    "extractions",
    metadata,
    sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("kb_version", sa.Text, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("link_words", sa.Text),  # what linking reads of the text (fingerprints/facts.py: Terms; 0008)
    sa.Column("link_numbers", sa.Text),
    sa.Column("link_facts", sa.Text),  # the record's facts as linking compares them (Facts; 0010)
    sa.Column("extracted", sa.JSON),  # the record as extracted, where corrections changed it (0014)
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("actor", sa.Text),
    sa.Column("start", sa.Date),
    sa.Column("end", sa.Date),
    sa.Column("sector", sa.Text),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("day", sa.Date),  # start, else the document's published date (migration 0005)
)

event_facets = sa.Table(
    "event_facets",
    metadata,
    sa.Column("event_id", sa.BigInteger, sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),  # weapon, designation, person, place, site
    sa.Column("value", sa.Text, nullable=False),  # lower-cased for matching
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("canonical", sa.Text, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("published", sa.Date),  # the document's, so a name's dates need no join (0005)
)

# The watcher's state (fieldguide watch; migration 0012 says what each table holds).
watch_feeds = sa.Table(
    "watch_feeds",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_polled", sa.DateTime(timezone=True)),
    sa.Column("last_success", sa.DateTime(timezone=True)),
    sa.Column("last_error", sa.Text),
    sa.Column("last_error_at", sa.DateTime(timezone=True)),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("next_poll", sa.DateTime(timezone=True)),
)

watch_entries = sa.Table(
    "watch_entries",
    metadata,
    sa.Column("feed", sa.Text, primary_key=True),
    sa.Column("entry", sa.Text, primary_key=True),
    sa.Column("doc_id", sa.Text),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)

watch_cursor = sa.Table(
    "watch_cursor",
    metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("seq", sa.BigInteger, nullable=False),
)

watch_alerts = sa.Table(
    "watch_alerts",
    metadata,
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("rule", sa.Text, nullable=False),
    sa.Column("key", sa.Text, nullable=False),
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
)

watch_deliveries = sa.Table(
    "watch_deliveries",
    metadata,
    sa.Column("alert_id", sa.Text, primary_key=True),
    sa.Column("sink", sa.Text, primary_key=True),
    sa.Column("delivered_at", sa.DateTime(timezone=True)),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("last_error", sa.Text),
    sa.Column("next_attempt", sa.DateTime(timezone=True)),
)

activities = sa.Table(
    "activities",
    metadata,
    sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
    sa.Column("day", sa.Date),  # the day it took place; NULL when only undated reports tell of it
    sa.Column("anchor", sa.Date),  # the day it counts on: day, else the main report's published date
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
    sa.Column("confidence", sa.Float),  # its most confident report's; NULL before confidences
)

activity_members = sa.Table(
    "activity_members",
    metadata,
    sa.Column("activity_id", sa.BigInteger, sa.ForeignKey("activities.id"), primary_key=True),
    sa.Column("event_id", sa.BigInteger, primary_key=True),
    sa.Column("doc_id", sa.Text, nullable=False),
    sa.Column("rank", sa.Integer, nullable=False),  # the document's place among the activity's (0: main)
)

activity_changes = sa.Table("activity_changes", metadata, sa.Column("day", sa.Date))

activity_state = sa.Table(
    "activity_state",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("rules", sa.Text),
)

corrections = sa.Table(
    "corrections",
    metadata,
    sa.Column("id", BigIntKey, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.Text, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("fact_kind", sa.Text, nullable=False),  # event, person, place, weapon, site
    sa.Column("action", sa.Text, nullable=False),  # reject, fix, add, withdraw
    sa.Column("target", sa.JSON),  # the extracted fact: its span, original value (and the event as it was)
    sa.Column("value", sa.JSON, nullable=False),  # the corrected fields
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("superseded_by", sa.BigInteger),  # the withdrawal that ended it
    sa.Column("status", sa.Text, nullable=False),  # applied, added, moot, pending, withdrawn
)

archive_generation = sa.Table(
    "archive_generation",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("n", sa.BigInteger, nullable=False),
)
