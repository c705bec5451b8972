"""The watcher's state, kept in the archive (tables of migration 0012), so that a restart, a crash
or a second ``--once`` goes on where the last one stopped.

- Feeds: the validators for a conditional GET, the last success and error, the failures in a row
  that set the backoff, and the next poll.
- Entries: what each feed's entries became, so that old entries are never fetched again.
- Cursor: the highest ``documents.seq`` the rules have seen. Alerts are decided, and the cursor
  moved past their documents, in one transaction: a crash before it leaves the documents for the
  next round, a crash after it leaves the alerts pending.
- Alerts and deliveries: one delivery row per alert and sink, pending until the sink has it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

import orjson
import sqlalchemy as sa

from fieldguide.store.archive import Store
from fieldguide.store.schema import documents, watch_alerts, watch_cursor, watch_deliveries, watch_entries, watch_feeds

CURSOR = "alerts"
MAX_ENTRY_ATTEMPTS = 3  # an entry whose page failed this often is given up (its reject is stored each time)


def utc(value: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes of what was stored in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class FeedState:
    name: str
    url: str
    etag: str | None
    last_modified: str | None
    last_polled: datetime | None
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    failures: int
    next_poll: datetime | None

    def to_json(self) -> dict[str, Any]:
        def iso(value: datetime | None) -> str | None:
            return value.isoformat(timespec="seconds") if value else None

        return {
            "name": self.name,
            "url": self.url,
            "last_success": iso(self.last_success),
            "last_error": self.last_error,
            "last_error_at": iso(self.last_error_at),
            "failures": self.failures,
            "next_poll": iso(self.next_poll),
        }


class Feed(Protocol):
    """What the state keeps of a configured feed (``watch.config.Feed``)."""

    @property
    def name(self) -> str: ...

    @property
    def url(self) -> str: ...


def sync_feeds(store: Store, feeds: Sequence[Feed]) -> None:
    """A row for each configured feed; a feed whose URL changed starts afresh (no validators)."""
    with store.transaction() as conn:
        stored = {row.name: row.url for row in conn.execute(sa.select(watch_feeds.c.name, watch_feeds.c.url))}
        for feed in feeds:
            if feed.name not in stored:
                conn.execute(watch_feeds.insert().values(name=feed.name, url=feed.url, failures=0))
            elif stored[feed.name] != feed.url:
                conn.execute(
                    watch_feeds.update()
                    .where(watch_feeds.c.name == feed.name)
                    .values(url=feed.url, etag=None, last_modified=None, failures=0, next_poll=None)
                )


def feed_states(store: Store) -> dict[str, FeedState]:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(watch_feeds).order_by(watch_feeds.c.name)).all()
    return {
        row.name: FeedState(
            row.name,
            row.url,
            row.etag,
            row.last_modified,
            utc(row.last_polled),
            utc(row.last_success),
            row.last_error,
            utc(row.last_error_at),
            row.failures,
            utc(row.next_poll),
        )
        for row in rows
    }


def record_success(
    store: Store,
    name: str,
    *,
    etag: str | None,
    last_modified: str | None,
    next_poll: datetime,
    entries: Iterable[tuple[str, str | None]] = (),
) -> None:
    """A poll that worked, with its validators and what its new entries became (a document id,
    or None for an entry that failed), in one transaction: the validators are kept only with
    the entries they cover, so that a crash between never makes a 304 hide an unread entry."""
    stamp = now()
    with store.transaction() as conn:
        mark_entries(conn, name, entries, stamp)
        conn.execute(
            watch_feeds.update()
            .where(watch_feeds.c.name == name)
            .values(
                etag=etag,
                last_modified=last_modified,
                last_polled=stamp,
                last_success=stamp,
                failures=0,
                next_poll=next_poll,
            )
        )


def record_failure(store: Store, name: str, error: str, failures: int, next_poll: datetime) -> None:
    stamp = now()
    with store.transaction() as conn:
        conn.execute(
            watch_feeds.update()
            .where(watch_feeds.c.name == name)
            .values(last_polled=stamp, last_error=error, last_error_at=stamp, failures=failures, next_poll=next_poll)
        )


def seen_entries(store: Store, feed: str) -> dict[str, tuple[str | None, int]]:
    """Each entry of ``feed`` met before: (document id or None, failed attempts)."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(watch_entries.c.entry, watch_entries.c.doc_id, watch_entries.c.attempts).where(
                watch_entries.c.feed == feed
            )
        ).all()
    return {row.entry: (row.doc_id, row.attempts) for row in rows}


def mark_entries(conn: sa.Connection, feed: str, entries: Iterable[tuple[str, str | None]], stamp: datetime) -> None:
    items = dict(entries)
    if not items:
        return
    existing = {
        row.entry: row.attempts
        for row in conn.execute(
            sa.select(watch_entries.c.entry, watch_entries.c.attempts).where(
                watch_entries.c.feed == feed, watch_entries.c.entry.in_(list(items))
            )
        )
    }
    for entry, doc_id in items.items():
        attempts = 0 if doc_id else existing.get(entry, 0) + 1
        if entry in existing:
            conn.execute(
                watch_entries.update()
                .where(watch_entries.c.feed == feed, watch_entries.c.entry == entry)
                .values(doc_id=doc_id, attempts=attempts, seen_at=stamp)
            )
        else:
            conn.execute(
                watch_entries.insert().values(feed=feed, entry=entry, doc_id=doc_id, attempts=attempts, seen_at=stamp)
            )


# -- the cursor and the alerts --------------------------------------------------------------


def _max_seq(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.coalesce(sa.func.max(documents.c.seq), 0))).scalar_one())


def start_cursor(store: Store) -> int:
    """The cursor; on the first watch of an archive, its newest document (what was there before
    the watcher is history, not news)."""
    with store.transaction() as conn:
        found = conn.execute(sa.select(watch_cursor.c.seq).where(watch_cursor.c.name == CURSOR)).scalar()
        if found is not None:
            return int(found)
        seq = _max_seq(conn)
        conn.execute(watch_cursor.insert().values(name=CURSOR, seq=seq))
        return seq


def cursor_span(store: Store) -> tuple[int, int]:
    """(cursor, newest seq): the documents the rules have not seen are those between."""
    with store.engine.connect() as conn:
        found = conn.execute(sa.select(watch_cursor.c.seq).where(watch_cursor.c.name == CURSOR)).scalar()
        return int(found or 0), _max_seq(conn)


@dataclass(frozen=True, slots=True)
class Decided:
    """An alert a rule decided: its id, rule, the key that makes it one, its document and JSON."""

    id: str
    rule: str
    key: str
    doc_id: str
    payload: dict[str, Any]
    sinks: tuple[str, ...]


def alerted_docs(store: Store, rule: str, doc_ids: Iterable[str]) -> set[str]:
    """Which of ``doc_ids`` already have an alert of ``rule`` (one alert per activity)."""
    ids = list(dict.fromkeys(doc_ids))
    if not ids:
        return set()
    with store.engine.connect() as conn:
        return set(
            conn.execute(
                sa.select(watch_alerts.c.doc_id).where(watch_alerts.c.rule == rule, watch_alerts.c.doc_id.in_(ids))
            ).scalars()
        )


def commit_decisions(store: Store, seen_from: int, seen_to: int, decided: Sequence[Decided]) -> list[Decided]:
    """Record ``decided`` alerts as pending for their sinks and move the cursor from ``seen_from`` to
    ``seen_to``, in one transaction. An alert whose (rule, key) is recorded already is left out;
    nothing is written when another watcher moved the cursor meanwhile. Returns what was recorded."""
    stamp = now()
    recorded: list[Decided] = []
    with store.transaction() as conn:
        current = conn.execute(sa.select(watch_cursor.c.seq).where(watch_cursor.c.name == CURSOR)).scalar()
        if current is not None and int(current) != seen_from:
            return []
        for alert in decided:
            exists = conn.execute(
                sa.select(watch_alerts.c.id).where(watch_alerts.c.rule == alert.rule, watch_alerts.c.key == alert.key)
            ).scalar()
            if exists is not None:
                continue
            conn.execute(
                watch_alerts.insert().values(
                    id=alert.id,
                    rule=alert.rule,
                    key=alert.key,
                    doc_id=alert.doc_id,
                    payload=alert.payload,
                    decided_at=stamp,
                )
            )
            for sink in alert.sinks:
                conn.execute(watch_deliveries.insert().values(alert_id=alert.id, sink=sink, attempts=0))
            recorded.append(alert)
        if current is None:
            conn.execute(watch_cursor.insert().values(name=CURSOR, seq=seen_to))
        else:
            conn.execute(watch_cursor.update().where(watch_cursor.c.name == CURSOR).values(seq=seen_to))
    return recorded


@dataclass(frozen=True, slots=True)
class Pending:
    alert_id: str
    sink: str
    attempts: int
    payload: dict[str, Any]


def pending_deliveries(store: Store, due: datetime | None = None) -> list[Pending]:
    """Deliveries not yet made whose next attempt is due, oldest alert first."""
    due = due or now()
    query = (
        sa.select(
            watch_deliveries.c.alert_id,
            watch_deliveries.c.sink,
            watch_deliveries.c.attempts,
            watch_deliveries.c.next_attempt,
            sa.type_coerce(watch_alerts.c.payload, sa.Text).label("payload"),
        )
        .join(watch_alerts, watch_alerts.c.id == watch_deliveries.c.alert_id)
        .where(watch_deliveries.c.delivered_at.is_(None))
        .order_by(watch_alerts.c.decided_at, watch_alerts.c.id)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    out = []
    for row in rows:
        next_attempt = utc(row.next_attempt)
        if next_attempt is not None and next_attempt > due:
            continue
        payload = row.payload if isinstance(row.payload, dict) else orjson.loads(row.payload)
        out.append(Pending(row.alert_id, row.sink, row.attempts, payload))
    return out


def mark_delivered(store: Store, alert_ids: Sequence[str], sink: str) -> None:
    if not alert_ids:
        return
    with store.transaction() as conn:
        conn.execute(
            watch_deliveries.update()
            .where(watch_deliveries.c.alert_id.in_(list(alert_ids)), watch_deliveries.c.sink == sink)
            .values(delivered_at=now(), last_error=None)
        )


def mark_failed(store: Store, alert_id: str, sink: str, error: str, next_attempt: datetime) -> None:
    with store.transaction() as conn:
        conn.execute(
            watch_deliveries.update()
            .where(watch_deliveries.c.alert_id == alert_id, watch_deliveries.c.sink == sink)
            .values(attempts=watch_deliveries.c.attempts + 1, last_error=error, next_attempt=next_attempt)
        )


def delivery_counts(store: Store) -> dict[str, int]:
    """Alerts decided, deliveries made, deliveries pending (for --status)."""
    with store.engine.connect() as conn:
        alerts = conn.execute(sa.select(sa.func.count()).select_from(watch_alerts)).scalar_one()
        delivered = conn.execute(
            sa.select(sa.func.count()).select_from(watch_deliveries).where(watch_deliveries.c.delivered_at.is_not(None))
        ).scalar_one()
        pending = conn.execute(
            sa.select(sa.func.count()).select_from(watch_deliveries).where(watch_deliveries.c.delivered_at.is_(None))
        ).scalar_one()
    return {"alerts": int(alerts), "delivered": int(delivered), "pending": int(pending)}


def next_retries(store: Store) -> list[datetime]:
    """When each failed delivery is to be tried again."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            sa.select(watch_deliveries.c.next_attempt).where(
                watch_deliveries.c.delivered_at.is_(None), watch_deliveries.c.next_attempt.is_not(None)
            )
        ).scalars()
        return [t for t in (utc(r) for r in rows) if t is not None]
