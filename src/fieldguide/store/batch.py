"""Writing one batch of documents: classify each against the archive, then write, in one
transaction.

Each incoming document is, in this order:
1. **unchanged**: its id (or an alias id it came under before) is stored with the same
   raw or normalized text, or with this text as one of its earlier versions (an old file
   read again is not a revision). Found by one batched id lookup; nothing is written.
2. **a new version**: its id, or failing that its URL, is stored with another text. The
   old text is kept in ``versions`` and the document's current text becomes the new one.
3. **an exact duplicate**: a new id whose normalized text equals a stored document's.
   Stored once; a sighting (source, url, origin, alias id) is added to that document.
4. **new**: stored, then grouped: if an LSH candidate's estimated Jaccard similarity is
   at least 0.9 it joins that candidate's story (a near-duplicate), else it founds one.

Documents of the same batch see each other: a batch may hold a document and its next
version, or two copies of one text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from fieldguide import characters
from fieldguide.model import Document, Extraction, Reject, text_hash
from fieldguide.store import extractions as extraction_rows
from fieldguide.store.schema import documents, lsh_bands, rejects, sightings, stories, versions
from fieldguide.store.types import BatchResult

T = TypeVar("T")
CHUNK = 900  # bound parameters per IN (...) lookup, below every back end's limit


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def raw_hash(doc: Document) -> str:
    """Hash of the text as it was read: equal raw text means nothing to do, whatever the
    normalizer does now."""
    return text_hash(doc.original_text if doc.original_text is not None else doc.text)


@dataclass(slots=True)
class _Stored:
    """What classification needs to know about a stored (or just-added) document."""

    id: str
    raw_hash: str
    content_hash: str
    version: int
    story_id: str
    title: str | None
    origin: str | None
    seen_at: datetime
    text: str | None = None  # known when the document came in this batch
    # Content hashes of its earlier versions: an old text read again (re-reading the files of
    # an edit in their order) is not a new revision, or every re-run would add two.
    earlier: set[str] = dataclasses.field(default_factory=set)


_STORED_COLUMNS = (
    documents.c.id,
    documents.c.raw_hash,
    documents.c.content_hash,
    documents.c.version,
    documents.c.story_id,
    documents.c.title,
    documents.c.origin,
    documents.c.first_seen,
    documents.c.url,
)


def _stored(row: Any) -> _Stored:
    return _Stored(
        row.id,
        row.raw_hash,
        row.content_hash,
        row.version,
        row.story_id,
        row.title,
        row.origin,
        row.first_seen,
    )


def _select_in(conn: sa.Connection, columns: Iterable[Any], column: Any, values: Sequence[Any]) -> list[Any]:
    rows: list[Any] = []
    for part in chunks(values):
        rows.extend(conn.execute(sa.select(*columns).where(column.in_(part))).all())
    return rows


def _document_row(
    doc: Document, raw: str, story_id: str, sig: bytes, now: datetime, run_id: int | None
) -> dict[str, Any]:
    return {
        "id": doc.id,
        "story_id": story_id,
        "kind": doc.kind,
        "title": doc.title,
        "published": doc.published,
        "source": doc.source,
        "url": doc.url,
        "topic": doc.topic,
        "origin": doc.origin,
        "text": doc.text,
        "original_text": doc.original_text,
        "offsets": doc.offsets.to_json() or None,
        "extra": doc.extra or None,
        "content_hash": doc.content_hash,
        "raw_hash": raw,
        "version": 1,
        "minhash": sig,
        "first_seen": now,
        "last_seen": now,
        "run_id": run_id,
    }


def _sighting_row(doc: Document, doc_id: str, raw: str, now: datetime, run_id: int | None) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "alias_id": doc.id,
        "source": doc.source,
        "url": doc.url,
        "origin": doc.origin,
        "content_hash": doc.content_hash,
        "raw_hash": raw,
        "seen_at": now,
        "run_id": run_id,
    }


def reject_rows(run_id: int, items: Iterable[Reject]) -> list[dict[str, Any]]:
    """Rows of the rejects table; a reason may quote the input, so characters no back end
    stores are replaced (characters.py)."""

    def shown(value: str) -> str:
        return characters.without_unstorable(value, characters.REPLACEMENT)

    return [{"run_id": run_id, "origin": shown(r.origin), "reason": shown(r.reason)} for r in items]


def insert_ignoring_conflicts(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(), rows)


class _BatchWriter:
    def __init__(self, conn: sa.Connection, run_id: int | None) -> None:
        self.conn = conn
        self.run_id = run_id
        self.now = datetime.now(UTC)
        self.result = BatchResult()
        self.by_id: dict[str, _Stored] = {}
        self.by_url: dict[str, str] = {}
        self.by_hash: dict[str, str] = {}
        self.aliases: dict[str, tuple[str, str]] = {}  # alias id -> (raw hash, content hash)
        self.new_rows: list[dict[str, Any]] = []
        self.new_stories: list[dict[str, Any]] = []
        self.sighting_rows: list[dict[str, Any]] = []
        self.version_rows: list[dict[str, Any]] = []
        self.updates: list[dict[str, Any]] = []
        self.band_rows: dict[int, str] = {}
        self.to_extract: dict[str, Document] = {}

    # -- classification -------------------------------------------------------------------

    def load(self, docs: Sequence[Document], raws: Sequence[str]) -> None:
        """Fetch what the archive holds under the batch's ids, then (for the rest) aliases,
        URLs and texts, each in one batched lookup."""
        ids = list(dict.fromkeys(doc.id for doc in docs))
        for row in _select_in(self.conn, _STORED_COLUMNS, documents.c.id, ids):
            self.by_id[row.id] = _stored(row)
        revised = [doc_id for doc_id, stored in self.by_id.items() if stored.version > 1]
        for row in _select_in(self.conn, (versions.c.doc_id, versions.c.content_hash), versions.c.doc_id, revised):
            self.by_id[row.doc_id].earlier.add(row.content_hash)
        missing = [doc for doc, raw in zip(docs, raws, strict=True) if doc.id not in self.by_id]
        if not missing:
            return
        alias_columns = (sightings.c.alias_id, sightings.c.raw_hash, sightings.c.content_hash)
        for row in _select_in(self.conn, alias_columns, sightings.c.alias_id, [d.id for d in missing]):
            self.aliases[row.alias_id] = (row.raw_hash, row.content_hash)
        urls = list({d.url for d in missing if d.url})
        if urls:
            for row in _select_in(self.conn, _STORED_COLUMNS, documents.c.url, urls):
                self.by_id.setdefault(row.id, _stored(row))
                self.by_url[row.url] = row.id
        hashes = list({d.content_hash for d in missing})
        for row in _select_in(self.conn, _STORED_COLUMNS, documents.c.content_hash, hashes):
            self.by_id.setdefault(row.id, _stored(row))
            self.by_hash.setdefault(row.content_hash, row.id)

    def classify(self, docs: Sequence[Document], raws: Sequence[str], *, group: bool = True) -> None:
        """Sort each document into unchanged, version, duplicate or new; ``group=False`` only
        tells which need extracting, without the stories new documents join."""
        new: list[tuple[Document, str]] = []
        for doc, raw in zip(docs, raws, strict=True):
            target = self.by_id.get(doc.id)
            alias = self.aliases.get(doc.id) if target is None else None
            if alias is not None and (raw == alias[0] or doc.content_hash == alias[1]):
                self.result.unchanged += 1
                continue
            if target is None and doc.url and doc.url in self.by_url:
                target = self.by_id[self.by_url[doc.url]]
            if target is not None:
                if raw == target.raw_hash or doc.content_hash in (target.earlier | {target.content_hash}):
                    self.result.unchanged += 1
                else:
                    self.add_version(target, doc, raw)
                continue
            existing = self.by_hash.get(doc.content_hash)
            if existing is not None:
                self.sighting_rows.append(_sighting_row(doc, existing, raw, self.now, self.run_id))
                self.aliases[doc.id] = (raw, doc.content_hash)
                self.result.duplicates.append((doc.id, existing))
                continue
            # New: reserve its id, URL and text now so that later documents of the batch see it.
            self.by_id[doc.id] = _Stored(
                doc.id, raw, doc.content_hash, 1, "", doc.title, doc.origin, self.now, doc.text
            )
            self.by_hash[doc.content_hash] = doc.id
            if doc.url:
                self.by_url.setdefault(doc.url, doc.id)
            new.append((doc, raw))
        if group:
            self.add_new(new)
        else:
            self.to_extract.update((doc.id, doc) for doc, _ in new)

    def add_version(self, target: _Stored, doc: Document, raw: str) -> None:
        if target.version == 1:  # the first version lives only in documents until now
            old_text = target.text
            if old_text is None:
                old_text = self.conn.execute(
                    sa.select(documents.c.text).where(documents.c.id == target.id)
                ).scalar_one()
            self.version_rows.append(
                {
                    "doc_id": target.id,
                    "n": 1,
                    "text": old_text,
                    "content_hash": target.content_hash,
                    "title": target.title,
                    "origin": target.origin,
                    "seen_at": target.seen_at,
                    "run_id": None,
                }
            )
        n = target.version + 1
        self.version_rows.append(
            {
                "doc_id": target.id,
                "n": n,
                "text": doc.text,
                "content_hash": doc.content_hash,
                "title": doc.title,
                "origin": doc.origin,
                "seen_at": self.now,
                "run_id": self.run_id,
            }
        )
        from fieldguide.fingerprints import (
            minhash as dedupe,  # numpy: imported by the commands that write, not by the readers
        )

        sig = dedupe.signature(doc.text)
        self.updates.append(
            {
                "b_id": target.id,
                "title": doc.title,
                "published": doc.published,
                "topic": doc.topic,
                "origin": doc.origin,
                "text": doc.text,
                "original_text": doc.original_text,
                "offsets": doc.offsets.to_json() or None,
                "content_hash": doc.content_hash,
                "raw_hash": raw,
                "version": n,
                "minhash": sig,
                "last_seen": self.now,
                "run_id": self.run_id,
            }
        )
        for key in dedupe.band_keys(sig):
            self.band_rows.setdefault(key, target.id)
        target.earlier.add(target.content_hash)
        target.version, target.raw_hash, target.content_hash = n, raw, doc.content_hash
        target.title, target.origin, target.text, target.seen_at = doc.title, doc.origin, doc.text, self.now
        self.by_hash[doc.content_hash] = target.id
        self.result.versions.append(target.id)
        # The extractor sees the document under its stored id.
        self.to_extract[target.id] = doc if doc.id == target.id else dataclasses.replace(doc, id=target.id)

    def add_new(self, new: list[tuple[Document, str]]) -> None:
        if not new:
            return
        from fieldguide.fingerprints import minhash as dedupe

        sigs = [dedupe.signature(doc.text) for doc, _ in new]
        keys = [dedupe.band_keys(sig) for sig in sigs]
        # Candidates already in the archive: one indexed lookup for all band keys.
        all_keys = list({k for ks in keys for k in ks})
        key_owner: dict[int, str] = {}
        for row in _select_in(self.conn, (lsh_bands.c.band_key, lsh_bands.c.doc_id), lsh_bands.c.band_key, all_keys):
            key_owner[row.band_key] = row.doc_id
        owners = list(set(key_owner.values()))
        known: dict[str, tuple[bytes, str]] = {}
        columns = (documents.c.id, documents.c.minhash, documents.c.story_id)
        for row in _select_in(self.conn, columns, documents.c.id, owners):
            known[row.id] = (row.minhash, row.story_id)
        for (doc, raw), sig, doc_keys in zip(new, sigs, keys, strict=True):
            candidates = {key_owner[k] for k in doc_keys if k in key_owner}
            match = dedupe.best_match(sig, [(c, known[c][0]) for c in candidates if c in known])
            if match is None:
                story_id = doc.id
                self.new_stories.append({"id": story_id, "created_at": self.now})
            else:
                story_id = known[match[0]][1]
                self.result.near_duplicates.append((doc.id, story_id))
            self.by_id[doc.id].story_id = story_id
            known[doc.id] = (sig, story_id)
            for k in doc_keys:
                if k not in key_owner:
                    key_owner[k] = doc.id
                    self.band_rows[k] = doc.id
            self.new_rows.append(_document_row(doc, raw, story_id, sig, self.now, self.run_id))
            self.sighting_rows.append(_sighting_row(doc, doc.id, raw, self.now, self.run_id))
            self.result.new.append(doc.id)
            self.to_extract[doc.id] = doc

    # -- writing --------------------------------------------------------------------------

    def extract(
        self, extractor: Callable[[Document], Extraction] | None, ready: Mapping[ExtractionKey, Outcome]
    ) -> list[tuple[Document, Extraction]]:
        """The extraction of every new or changed document: taken from ``ready`` (made before
        the transaction), or made now for a document the archive changed under in between."""
        if extractor is None:
            return []
        done: list[tuple[Document, Extraction]] = []
        for doc_id, doc in self.to_extract.items():
            outcome = ready.get((doc_id, doc.content_hash))
            if outcome is None:
                outcome = extract_one(doc_id, doc, extractor)
            if isinstance(outcome, Reject):
                self.result.extraction_errors.append(outcome)
                continue
            outcome.doc_id = doc_id
            done.append((doc, outcome))
        self.result.extracted = len(done)
        return done

    def write(self, rejected: Sequence[Reject], extracted: list[tuple[Document, Extraction]]) -> None:
        conn = self.conn
        if self.new_stories:
            conn.execute(stories.insert(), self.new_stories)
        if self.new_rows:
            conn.execute(documents.insert(), self.new_rows)
        if self.sighting_rows:
            conn.execute(sightings.insert(), self.sighting_rows)
        if self.version_rows:
            conn.execute(versions.insert(), self.version_rows)
        for update in self.updates:  # rare, and order matters (two versions in one batch)
            values = {k: v for k, v in update.items() if k != "b_id"}
            conn.execute(documents.update().where(documents.c.id == update["b_id"]).values(**values))
        insert_ignoring_conflicts(conn, lsh_bands, [{"band_key": k, "doc_id": d} for k, d in self.band_rows.items()])
        every_reject = [*rejected, *self.result.extraction_errors]
        if every_reject and self.run_id is not None:
            conn.execute(
                rejects.insert(),
                reject_rows(self.run_id, every_reject),
            )
        if extracted:
            extraction_rows.write(conn, extracted, self.now)
        # A new version not extracted again (no extractor, or it failed) loses the facts read
        # from its old text, whose spans and dates no longer hold; `fieldguide reextract`
        # finds it by its missing extraction.
        fresh = {extraction.doc_id for _, extraction in extracted}
        stale = [doc_id for doc_id in self.result.versions if doc_id not in fresh]
        if stale:
            extraction_rows.forget(conn, stale)


# An extraction made ahead is found by the stored id and the text it was made from.
ExtractionKey = tuple[str, str]
Outcome = Extraction | Reject  # a Reject when the extractor failed on the document


def extract_one(doc_id: str, doc: Document, extractor: Callable[[Document], Extraction]) -> Outcome:
    try:
        return extractor(doc)
    except Exception as e:  # one bad document must not stop the batch; the summary names it
        reason = f"extraction failed for {doc_id}: {type(e).__name__}: {e}".splitlines()[0]
        return Reject(doc.origin or doc_id, reason)


def to_extract(conn: sa.Connection, docs: Sequence[Document]) -> dict[str, Document]:
    """The documents of a batch that are new or changed, as the archive stands on ``conn``, by the
    id they will be stored under; nothing is written."""
    storable = [doc for doc in docs if characters.unstorable_reason(doc) is None]
    if not storable:
        return {}
    writer = _BatchWriter(conn, None)
    raws = [raw_hash(doc) for doc in storable]
    writer.load(storable, raws)
    writer.classify(storable, raws, group=False)
    return writer.to_extract


def extract_ahead(
    pending: Mapping[str, Document], extractor: Callable[[Document], Extraction]
) -> dict[ExtractionKey, Outcome]:
    """Each pending document's extraction (or failure), made outside any transaction."""
    return {(doc_id, doc.content_hash): extract_one(doc_id, doc, extractor) for doc_id, doc in pending.items()}


def write_batch(
    conn: sa.Connection,
    docs: Sequence[Document],
    run_id: int | None,
    rejected: Sequence[Reject] = (),
    extractor: Callable[[Document], Extraction] | None = None,
    ready: Mapping[ExtractionKey, Outcome] | None = None,
) -> BatchResult:
    """Classify and write ``docs`` (and ``rejected``) on ``conn``, inside its transaction.

    A document holding characters no back end stores (characters.py) is not written but
    rejected, so that it cannot fail the batch; documents read through ``sources`` are
    cleaned before they come here."""
    writer = _BatchWriter(conn, run_id)
    unstorable = [(doc, characters.unstorable_reason(doc)) for doc in docs]
    if any(reason for _, reason in unstorable):
        docs = [doc for doc, reason in unstorable if reason is None]
        refused = [Reject(doc.origin or doc.id, reason) for doc, reason in unstorable if reason]
        writer.result.refused.extend(refused)
        rejected = [*rejected, *refused]
    raws = [raw_hash(doc) for doc in docs]
    if docs:
        writer.load(docs, raws)
        writer.classify(docs, raws)
    writer.write(rejected, writer.extract(extractor, ready or {}))
    return writer.result
