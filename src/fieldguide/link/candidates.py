"""The dispatches a report might report on, found in the archive fast enough for 100,000 of them.

A dated report looks only at dispatches published from six days before to two days after it
(state media speak a day after the activity; a report in another time zone may carry the
next day's date; the week before it only for the earlier dispatches of a roundup, see
link/reports.py), and at nothing when the archive holds none of those days. A report without a
date of its own (or whose year was guessed from a dateline without one) looks around the days
it names, and, when the archive holds none of them, asks the full-text index for its quoted
phrases and named facts.

Near-duplicate re-publications of one dispatch (a story, see fingerprints/minhash.py) are looked at once,
through the first of them: a report links to the dispatch, not to each of its copies.

Profiles of the dispatches read are kept in a bounded cache, since the reports of one day ask for
the same dispatches.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import orjson

from fieldguide.link.evidence import Facts, Profile, Terms, profile, quotes
from fieldguide.model import LEADER, Document
from fieldguide.store import Store
from fieldguide.store.link_reads import (
    dispatches_in_windows,
    one_per_dispatch,
    profile_rows,
    publication_days,
    searched_dispatches,
)
from fieldguide.store.types import Connection

BEFORE, AFTER = timedelta(days=6), timedelta(days=2)
AROUND_NAMED_DAY = timedelta(days=2)
MAX_NAMED_DAYS = 4
SEARCH_LIMIT = 30
PER_TERM = 8
CACHE_SIZE = 4096


def windows(report: Profile) -> list[tuple[date, date]]:
    """Publication windows to search: around the report's date, else around the days it names."""
    if report.published:
        return [(report.published - BEFORE, report.published + AFTER)]
    named: set[date] = set()
    for m in report.mentions:
        attrs = m.get("attrs") or {}
        if m.get("kind") == "date" and attrs.get("precision") == "day" and attrs.get("start"):
            try:
                named.add(date.fromisoformat(str(attrs["start"])[:10]))
            except ValueError:
                continue
    latest = sorted(named, reverse=True)[:MAX_NAMED_DAYS]  # the latest days are the news
    return [(d - AROUND_NAMED_DAY, d + AROUND_NAMED_DAY) for d in latest]


def search_terms(report: Profile) -> list[str]:
    """Phrases for the full-text index, the most telling first: the report's quotations (longest
    first), then the designations and people it names, then places and weapons."""
    ranked: list[tuple[int, str]] = [(0, q.folded) for q in quotes(report.text) if q.words >= 3]
    ranked.sort(key=lambda item: -len(item[1]))
    for m in report.mentions:
        attrs = m.get("attrs") or {}
        if m.get("canonical") == LEADER or attrs.get("foreign") or attrs.get("generic"):
            continue
        if attrs.get("designation") or m.get("kind") == "person":
            ranked.append((1, str(attrs.get("designation") or m.get("text", ""))))
        elif m.get("kind") in ("place", "weapon"):
            ranked.append((2, str(m.get("text", ""))))
    cleaned: list[str] = []
    for _, term in sorted(ranked, key=lambda item: item[0]):
        words = " ".join("".join(ch if ch.isalnum() else " " for ch in term).split())
        if words and words.lower() not in {t.lower() for t in cleaned}:
            cleaned.append(words)
    return cleaned[:12]


WINDOW_CACHE = 256  # date windows remembered per batch


class CandidateFinder:
    """Finds and profiles candidate dispatches in one store; reuse it for a batch of reports."""

    def __init__(self, store: Store, cache_size: int = CACHE_SIZE) -> None:
        self.store = store
        self.cache: OrderedDict[int, Profile] = OrderedDict()
        self.cache_size = cache_size
        self.conn: Connection | None = None
        # Reports come in bunches about the same days (ten outlets retell one dispatch): the
        # dispatches of a window are looked up once per batch.
        self.windows: OrderedDict[tuple[tuple[date, date], ...], list[int]] = OrderedDict()

    def __call__(self, report: Profile) -> list[Profile]:
        conn = self._connection()
        try:
            seqs = self._in_windows(conn, windows(report))
            # A dated report whose days the archive does not hold is about something else (a 2022
            # launch, not the 2024 one with the same words); only a report without a date of its
            # own (or with a guessed year) asks the index which days it is about.
            if not seqs and (report.published is None or report.year_inferred):
                # The search finds the days; the dispatches of those days compete as for a dated report.
                found = self._searched(conn, report)
                days = self._days_of(conn, found)
                spans = [(d - AROUND_NAMED_DAY, d + AROUND_NAMED_DAY) for d in days]
                seqs = list(dict.fromkeys([*found, *self._in_windows(conn, spans)]))
            # In archive order, so that candidates tie the same way on either back end.
            return self._profiles(conn, sorted({s for s in seqs if s is not None}))
        finally:
            conn.rollback()  # end the read transaction: the next report sees what was written since

    def _days_of(self, conn: Connection, seqs: list[int], most: int = 2) -> list[date]:
        """The days most of ``seqs`` were published on."""
        return publication_days(conn, seqs, most)

    def _connection(self) -> Connection:
        # One connection for the batch: opening one per report costs more than linking it.
        if self.conn is None or self.conn.closed:
            self.conn = self.store.engine.connect()
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _in_windows(self, conn: Connection, spans: list[tuple[date, date]]) -> list[int]:
        if not spans:
            return []
        key = tuple(spans)
        if key in self.windows:
            self.windows.move_to_end(key)
            return self.windows[key]
        found = self._look_up_windows(conn, spans)
        self.windows[key] = found
        if len(self.windows) > WINDOW_CACHE:
            self.windows.popitem(last=False)
        return found

    def _look_up_windows(self, conn: Connection, spans: list[tuple[date, date]]) -> list[int]:
        return dispatches_in_windows(conn, spans)

    def _one_per_dispatch(self, conn: Connection, condition: Any) -> list[int]:
        """The first document of each story among those matching ``condition`` (a store
        condition on documents); and of the stories with one title on one day, the first."""
        return one_per_dispatch(conn, condition)

    def _searched(self, conn: Connection, report: Profile) -> list[int]:
        return searched_dispatches(conn, search_terms(report), PER_TERM, SEARCH_LIMIT)

    def _profiles(self, conn: Connection, seqs: list[int]) -> list[Profile]:
        missing = [s for s in seqs if s not in self.cache]
        for row in self._rows(conn, missing):
            self._remember(row.seq, _profile_of(row))
        out = []
        for s in seqs:
            if s in self.cache:
                self.cache.move_to_end(s)
                out.append(self.cache[s])
        return out

    def _rows(self, conn: Connection, seqs: list[int]) -> Iterator[Any]:
        # The whole record (parsed with orjson) only where its facts were not stored.
        return profile_rows(conn, seqs)

    def _remember(self, seq: int, item: Profile) -> None:
        self.cache[seq] = item
        if len(self.cache) > self.cache_size:
            self.cache.popitem(last=False)


def _profile_of(row: Any) -> Profile:
    published = row.published
    if published is not None and not isinstance(published, date):
        published = date.fromisoformat(str(published)[:10])
    record: dict[str, Any] = {}
    if row.record is not None:
        record = row.record if isinstance(row.record, dict) else orjson.loads(row.record)
    doc = Document(id=row.id, text=row.text, title=row.title, published=published)
    terms = Terms(row.link_words, row.link_numbers or "") if row.link_words is not None else None
    facts = Facts.from_json(row.link_facts) if row.link_facts is not None else None
    return profile(doc, record, terms, facts)
