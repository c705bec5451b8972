"""The watcher: rounds of poll, ingest, decide, deliver; between them it sleeps until the next feed
or retry is due. A stop (SIGTERM, Ctrl-C) is honoured between steps: a feed's poll and ingest,
the decision, a sink's delivery are each finished or not begun.

    watcher = Watcher(config, store, extractor, kb, policy)
    report = watcher.run_round(once=True)

What is new is decided from the archive, not from memory: the documents past the alert cursor
(store/watch_state.py). So documents stored by a round that crashed before deciding are decided by
the next round, and alerts decided but not delivered are delivered by it.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from fieldguide.kb import KnowledgeBase
from fieldguide.model import Document, Extraction
from fieldguide.sources.context import Context
from fieldguide.sources.web import FetchPolicy
from fieldguide.store import Store
from fieldguide.watch import rules, state
from fieldguide.watch.config import Feed, WatchConfig
from fieldguide.watch.feeds import Poll, poll
from fieldguide.watch.sinks import Sinks

MAX_BACKOFF_SECONDS = 6 * 3600.0
RETRY_BASE_SECONDS = 30.0  # a failed delivery is tried again after this, doubled each time
MAX_RETRY_SECONDS = 3600.0
IDLE_SECONDS = 60.0  # the longest sleep between rounds, so that a changed clock is noticed


@dataclass(slots=True)
class RoundReport:
    polled: list[str] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    stored: int = 0  # new documents and versions
    rejected: int = 0
    decided: int = 0
    delivered: int = 0
    failed_deliveries: int = 0
    seconds: float = 0.0
    stopped: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "polled": self.polled,
            "not_modified": self.not_modified,
            "errors": self.errors,
            "stored": self.stored,
            "rejected": self.rejected,
            "decided": self.decided,
            "delivered": self.delivered,
            "failed_deliveries": self.failed_deliveries,
            "seconds": round(self.seconds, 3),
            "stopped": self.stopped,
        }


def backoff(feed: Feed, failures: int) -> float:
    """Seconds before a feed that failed ``failures`` times in a row is polled again."""
    return float(min(feed.every * 2.0 ** max(0, failures - 1), max(feed.every, MAX_BACKOFF_SECONDS)))


def retry_delay(attempts: int) -> float:
    return float(min(RETRY_BASE_SECONDS * 2.0**attempts, MAX_RETRY_SECONDS))


class Watcher:
    def __init__(
        self,
        config: WatchConfig,
        store: Store,
        extractor: Callable[[Document], Extraction] | None,
        kb: KnowledgeBase | None,
        policy: FetchPolicy,
        log: Callable[[str], None] = lambda _: None,
    ) -> None:
        self.config = config
        self.store = store
        self.extractor = extractor
        self.kb = kb
        self.log = log
        self.stop = threading.Event()
        self.context = Context(policy=policy)
        self.sinks = Sinks(config.base, config.smtp)
        state.sync_feeds(store, config.feeds)
        state.start_cursor(store)

    def close(self) -> None:
        self.context.close()
        self.sinks.close()

    # -- one round ------------------------------------------------------------------------

    def _due(self, feed: Feed, feed_state: state.FeedState | None, once: bool, at: datetime) -> bool:
        if feed_state is None or feed_state.next_poll is None:
            return True
        if once and feed_state.failures == 0:
            return True  # cron runs --once on its own schedule; only a feed backing off waits
        return feed_state.next_poll <= at

    def run_round(self, once: bool = False) -> RoundReport:
        started = time.monotonic()
        report = RoundReport()
        states = state.feed_states(self.store)
        for feed in self.config.feeds:
            if self.stop.is_set():
                break
            if self._due(feed, states.get(feed.name), once, state.now()):
                self._poll_one(feed, states.get(feed.name), report)
        if not self.stop.is_set():
            report.decided = self.decide()
        if not self.stop.is_set():
            self.deliver(report)
        report.stopped = self.stop.is_set()
        report.seconds = time.monotonic() - started
        return report

    def _poll_one(self, feed: Feed, feed_state: state.FeedState | None, report: RoundReport) -> None:
        report.polled.append(feed.name)
        seen = state.seen_entries(self.store, feed.name) if feed_state is not None else {}
        try:
            result = poll(feed, feed_state, seen, self.context)
        except Exception as e:  # a library's surprise on hostile bytes fails this feed only
            result = Poll(feed.name, error=f"could not be read ({type(e).__name__}: {e})")
        if result.error is not None:
            failures = (feed_state.failures if feed_state else 0) + 1
            delay = backoff(feed, failures)
            state.record_failure(self.store, feed.name, result.error, failures, state.now() + timedelta(seconds=delay))
            report.errors[feed.name] = result.error
            self.log(f"feed {feed.name}: {result.error} (failure {failures} in a row; next poll in {_span(delay)})")
            return
        if result.not_modified:
            report.not_modified.append(feed.name)
        entries = self._store(feed, result, report) if result.documents or result.rejects else []
        state.record_success(
            self.store,
            feed.name,
            etag=result.etag,
            last_modified=result.last_modified,
            next_poll=state.now() + timedelta(seconds=feed.every),
            entries=entries,
        )

    def _store(self, feed: Feed, result: Poll, report: RoundReport) -> list[tuple[str, str | None]]:
        run_id = self.store.start_run([feed.url])
        docs = [doc for _, doc in result.documents]
        rejected = [reject for _, reject in result.rejects]
        batch = self.store.put_batch(docs, run_id, rejected=rejected, extractor=self.extractor)
        stored = len(batch.new) + len(batch.versions)
        self.store.finish_run(
            run_id,
            {"read": len(docs), "new": len(batch.new), "versions": len(batch.versions), "rejected": len(rejected)},
        )
        report.stored += stored
        report.rejected += len(rejected)
        for reject in rejected:
            self.log(f"feed {feed.name}: rejected {reject.origin}: {reject.reason}")
        return [(key, doc.id) for key, doc in result.documents] + [(key, None) for key, _ in result.rejects]

    def decide(self) -> int:
        """Alerts for the documents past the cursor, recorded as pending with the cursor moved, at once."""
        seen_from, newest = state.cursor_span(self.store)
        if newest <= seen_from:
            return 0
        docs = rules.read_new(self.store, seen_from, newest)
        decided = rules.evaluate(self.store, self.config.rules, docs, self.kb, self.extractor)
        return len(state.commit_decisions(self.store, seen_from, newest, decided))

    def deliver(self, report: RoundReport | None = None) -> None:
        by_sink: dict[str, list[state.Pending]] = defaultdict(list)
        for pending in state.pending_deliveries(self.store):
            by_sink[pending.sink].append(pending)
        for spec, alerts in by_sink.items():
            if self.stop.is_set():
                return
            outcome = self.sinks.get(spec).deliver(alerts)
            state.mark_delivered(self.store, outcome.delivered, spec)
            attempts = {a.alert_id: a.attempts for a in alerts}
            for alert_id, reason in outcome.failed:
                delay = retry_delay(attempts.get(alert_id, 0))
                state.mark_failed(self.store, alert_id, spec, reason, state.now() + timedelta(seconds=delay))
                self.log(f"alert {alert_id} to {spec}: {reason} (retried in {_span(delay)})")
            if report is not None:
                report.delivered += len(outcome.delivered)
                report.failed_deliveries += len(outcome.failed)

    # -- the loop ---------------------------------------------------------------------------

    def seconds_to_next(self) -> float:
        """Seconds until a feed is due or a failed delivery is to be retried."""
        at = state.now()
        states = state.feed_states(self.store)
        times = [s.next_poll for s in states.values() if s.next_poll is not None and s.name in self._names()]
        times += [p for p in state.next_retries(self.store)]
        if any(feed.name not in states or states[feed.name].next_poll is None for feed in self.config.feeds):
            return 0.0
        if not times:
            return IDLE_SECONDS
        return max(0.0, min(IDLE_SECONDS, min((t - at).total_seconds() for t in times)))

    def _names(self) -> set[str]:
        return {feed.name for feed in self.config.feeds}

    def run_forever(self, on_round: Callable[[RoundReport], None] = lambda _: None) -> None:
        while not self.stop.is_set():
            on_round(self.run_round())
            self.stop.wait(self.seconds_to_next())


def _span(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
