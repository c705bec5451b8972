"""Ingest: read inputs through ``fieldguide.sources``, store them in batches, say what changed.

    summary = ingest(["dispatches.jsonl", "reports/"], Store.open("sqlite:///fieldguide.db"))
    summary.new, summary.unchanged, summary.rejects

- Idempotent: reading the same input again stores nothing and ``summary.nothing_new`` says so.
- Crash-safe: each batch is one transaction, so a killed ingest keeps every committed batch
  and a re-run skips what is stored.
- Fast on re-runs: a local JSONL file whose every record is already stored with the same raw
  text (same id, same hash of the text as read) is counted as unchanged without being
  normalized; any other file goes through ``sources``, where the store still skips stored
  documents by a batched hash comparison.
- The stored grouping of the leader's activities (analyze/activities.py) is brought up to
  date at the end, in one transaction; until then readers group the changed days in memory.
- Bad input never stops a run: each reject is kept (in the store and in the summary) with
  its reason, and the batch goes on.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from fieldguide.characters import has_unstorable
from fieldguide.model import Document, Extraction, Reject, text_hash

if TYPE_CHECKING:  # the readers and the store are imported when an ingest runs: the CLI imports this module
    # for every command, and extract, eval and --help need neither
    from fieldguide import sources
    from fieldguide.store import BatchResult, Store

JSONL_SUFFIXES = (".jsonl", ".ndjson")
# The record fields sources reads id and text from (sources/document.py), in its order.
ID_FIELDS = ("id",)
TEXT_FIELDS = ("text", "body", "content", "story_text")
PRECHECK_CHUNK = 2000
# Documents per transaction: larger batches amortize commits and index look-ups (100,000 docs:
# 579 docs/s at 500, 775 at 2,000) while peak memory stays near 260 MB.
DEFAULT_BATCH = 2000
# Progress is reported every this many documents read, not only per batch: a run smaller than
# one batch would otherwise show "0 documents" until it ends.
PROGRESS_EVERY = 100


@dataclass(slots=True)
class IngestProgress:
    read: int  # documents and rejects read so far
    stored: int  # new documents, versions and duplicates written so far
    rejected: int
    elapsed: float  # seconds

    @property
    def rate(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0


@dataclass(frozen=True, slots=True)
class IngestWarning:
    """A document that was stored, with something its reader should know (a few bytes replaced...)."""

    origin: str
    message: str


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did. ``new`` includes ``near_duplicates`` (new documents that
    joined an existing story)."""

    run_id: int
    read: int = 0
    new: int = 0
    unchanged: int = 0
    versions: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    extracted: int = 0
    rejects: list[Reject] = field(default_factory=list)
    extraction_errors: list[Reject] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def rejected(self) -> int:
        return len(self.rejects)

    @property
    def nothing_new(self) -> bool:
        return self.new == 0 and self.versions == 0 and self.duplicates == 0

    def closing_line(self) -> str | None:
        """What the run came to when it stored nothing (the counts say the rest), told as it was."""
        if not self.nothing_new:
            return None
        rejects = f"{self.rejected:,} reject{'s' if self.rejected != 1 else ''}"
        if not self.read:
            if self.rejected:
                return f"Nothing stored: every input was rejected ({rejects}; the reasons are above)."
            return "Nothing stored: the inputs hold no documents."
        if self.rejected:
            return f"Nothing new: the {self.read:,} documents read are already in the archive, and {rejects}."
        return "Nothing new: every document read is already in the archive."

    @property
    def rate(self) -> float:
        return self.read / self.elapsed if self.elapsed > 0 else 0.0

    def counts(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "new": self.new,
            "unchanged": self.unchanged,
            "versions": self.versions,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "rejected": self.rejected,
            "extracted": self.extracted,
            "extraction_errors": len(self.extraction_errors),
            "warnings": len(self.warnings),
            "seconds": round(self.elapsed, 3),
        }

    def add(self, result: BatchResult, rejected: Sequence[Reject]) -> None:
        self.new += len(result.new)
        self.unchanged += result.unchanged
        self.versions += len(result.versions)
        self.duplicates += len(result.duplicates)
        self.near_duplicates += len(result.near_duplicates)
        self.extracted += result.extracted
        self.extraction_errors.extend(result.extraction_errors)
        self.rejects.extend(rejected)
        # Documents the store refused were counted as read; they are rejects instead.
        self.read -= len(result.refused)
        self.rejects.extend(result.refused)


def _record_key(line: bytes) -> tuple[str, str] | None:
    """(id, hash of the raw text) of a JSONL record that names its id, else None."""
    try:
        record = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(record, dict):
        return None
    doc_id = next((record[k] for k in ID_FIELDS if record.get(k) not in (None, "")), None)
    text = next((record[k] for k in TEXT_FIELDS if record.get(k) not in (None, "")), None)
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int) or not isinstance(text, str):
        return None
    doc_id = doc_id.strip() if isinstance(doc_id, str) else str(doc_id)
    # An id no back end stores cannot be looked up either: sources rejects that record.
    return (doc_id, text_hash(text)) if doc_id and not has_unstorable(doc_id) else None


class _LineTooLong(Exception):
    """A line past the one-document limit: the file goes through sources, which rejects it by number."""


def _chunks_of_lines(path: Path) -> Iterator[list[bytes]]:
    from fieldguide.sources import limits
    from fieldguide.sources.structured import iter_lines

    chunk: list[bytes] = []
    with path.open("rb") as stream:
        # Lines read under the limit: a 1 GB line must not be held whole to learn that it is too long.
        for _, line in iter_lines(stream, limits.MAX_DOCUMENT_BYTES):
            if line is None:
                raise _LineTooLong
            if line.strip():
                chunk.append(line)
                if len(chunk) >= PRECHECK_CHUNK:
                    yield chunk
                    chunk = []
    if chunk:
        yield chunk


def stored_unchanged(target: str, store: Store) -> int | None:
    """How many records a local JSONL file holds when every one of them is stored with the
    same raw text (so the file can be skipped without normalizing it); None otherwise."""
    path = Path(target)
    if not path.name.lower().endswith(JSONL_SUFFIXES) or not path.is_file():
        return None
    count = 0
    try:
        for chunk in _chunks_of_lines(path):
            found = [_record_key(line) for line in chunk]
            keys = [key for key in found if key is not None]
            if len(keys) < len(found):
                return None
            stored = store.raw_hashes([doc_id for doc_id, _ in keys])
            if any(raw not in stored.get(doc_id, ()) for doc_id, raw in keys):
                return None
            count += len(keys)
    except (OSError, _LineTooLong):
        return None  # let sources read it and report why it cannot
    return count


_END = object()


@contextmanager
def _read_ahead(
    targets: Sequence[str], depth: int, policy: sources.FetchPolicy | None
) -> Iterator[Iterator[Document | Reject]]:
    """``sources.read_many(targets)`` run in a thread, ``depth`` items ahead: reading and
    normalizing (Python) then overlaps with SQLite indexing, which releases the GIL."""
    from fieldguide import sources

    items: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in sources.read_many(targets, policy=policy):
                while not stop.is_set():
                    try:
                        items.put(item, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            items.put(_END)
        except BaseException as e:  # handed to the consumer, which raises it
            items.put(e)

    def consume() -> Iterator[Document | Reject]:
        while (item := items.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item

    reader = threading.Thread(target=produce, name="fieldguide-read", daemon=True)
    reader.start()
    try:
        yield consume()
    finally:
        stop.set()
        reader.join(timeout=5)


def ingest(
    targets: Sequence[str],
    store: Store,
    *,
    batch_size: int = DEFAULT_BATCH,
    extractor: Callable[[Document], Extraction] | None = None,
    on_progress: Callable[[IngestProgress], None] | None = None,
    fetch_policy: sources.FetchPolicy | None = None,
) -> IngestSummary:
    """Read ``targets`` (files, folders, archives, URLs) into ``store``, one transaction per
    ``batch_size`` documents, running ``extractor`` on every new or changed document.
    ``fetch_policy`` says what fetching URLs may do (the environment's policy when None)."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    started = time.monotonic()
    summary = IngestSummary(run_id=store.start_run([str(t) for t in targets]))
    docs: list[Document] = []
    rejected: list[Reject] = []

    def report() -> None:
        summary.elapsed = time.monotonic() - started
        if on_progress is not None:
            stored = summary.new + summary.versions + summary.duplicates
            on_progress(IngestProgress(summary.read + summary.rejected, stored, summary.rejected, summary.elapsed))

    def flush() -> None:
        result = store.put_batch(docs, summary.run_id, rejected=rejected, extractor=extractor)
        summary.add(result, rejected)
        docs.clear()
        rejected.clear()
        report()

    to_read = []
    for target in targets:
        unchanged = stored_unchanged(str(target), store)
        if unchanged is None:
            to_read.append(str(target))
        else:
            summary.read += unchanged
            summary.unchanged += unchanged
            report()
    with _read_ahead(to_read, 2 * batch_size, fetch_policy) as items:
        for item in items:
            if isinstance(item, Reject):
                rejected.append(item)
            else:
                docs.append(item)
                summary.read += 1
                if summary.read % PROGRESS_EVERY == 1:
                    report()
                if item.extra.get("warning"):
                    summary.warnings.append(IngestWarning(item.origin, str(item.extra["warning"])))
            if len(docs) >= batch_size or len(rejected) >= batch_size:
                flush()
    if docs or rejected:
        flush()
    from fieldguide.analyze.activities import regroup  # here: reading commands import this module

    regroup(store)  # the leader's activities of the days this run changed, in one transaction
    store.finish_run(summary.run_id, summary.counts())
    store.refresh_statistics(summary.new + summary.versions)
    summary.elapsed = time.monotonic() - started
    report()
    return summary
