"""The leader's reported activity over time, and his absences from public view.

    tl = timeline(store, by="month", filters=Filters(type="inspection", since=date(2024, 1, 1)))
    tl.buckets[0].by_type      # {"inspection": 4}
    tl.gaps[0]                 # the longest run of days without a reported activity
    tl.to_json()

Only events whose actor is the leader, in dispatches (foreign reports retell them), count.
Beside the events, each period counts his public appearances: activities he was at in
person, once however many reports tell of them (``analyze/activities.py``); the absences
are the gaps between appearances, so a message received does not end one.
An event counts on its start date when the extraction found one, else on its dispatch's
published date; ``dated_by`` says how many of each. Days since the last appearance are
counted to the newest document in the archive, never to the clock, so that the same
archive always gives the same answer. Counting is done in SQL per day; rolling days up
into weeks and months is done here (portable across SQLite and PostgreSQL).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Literal

from fieldguide.analyze.activities import read_activities
from fieldguide.analyze.queries import Citation, citations, latest_document_date
from fieldguide.errors import QueryError
from fieldguide.model import EVENT_TYPES, LEADER
from fieldguide.store import Store
from fieldguide.store.activities import ActivityRecord
from fieldguide.store.timeline_reads import Filters as Filters  # kept importable from here
from fieldguide.store.timeline_reads import dispatches_per_day, first_leader_events_on, leader_counts_per_day
from fieldguide.store.timeline_reads import leader_events as leader_events
from fieldguide.store.types import Connection

Period = Literal["day", "week", "month"]
PERIODS: tuple[str, ...] = ("day", "week", "month")
NO_SECTOR = "none"


@dataclass(slots=True)
class Bucket:
    """One day, week (ISO, starting Monday) or month of activity."""

    period: str  # 2024-08-05, 2024-W32, 2024-08
    start: date
    events: int = 0
    days: int = 0  # distinct days with a reported activity
    appearances: int = 0  # public appearances: activities he was at, however many reports each has
    by_type: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "start": self.start.isoformat(),
            "events": self.events,
            "days": self.days,
            "appearances": self.appearances,
            "by_type": dict(self.by_type),
            "by_sector": dict(self.by_sector),
        }


@dataclass(frozen=True, slots=True)
class Gap:
    """Days between two consecutive public appearances; ``absent`` days had none (messages,
    letters and gifts in his name do not end an absence)."""

    after: date
    before: date
    last_seen: Citation | None = None  # the activity that ends the appearance before the gap
    seen_again: Citation | None = None

    @property
    def days(self) -> int:
        return (self.before - self.after).days

    @property
    def absent(self) -> int:
        return self.days - 1

    def to_json(self) -> dict[str, Any]:
        return {
            "after": self.after.isoformat(),
            "before": self.before.isoformat(),
            "days": self.days,
            "absent_days": self.absent,
            "last_seen": self.last_seen.to_json() if self.last_seen else None,
            "seen_again": self.seen_again.to_json() if self.seen_again else None,
        }


@dataclass(slots=True)
class Timeline:
    by: str
    filters: Filters
    buckets: list[Bucket]
    events: int
    appearance_days: int
    appearances: int  # public appearances, one per activity (analyze/activities.py)
    first_day: date | None
    last_day: date | None
    latest_document: date | None  # "today" for days_since_last
    days_since_last: int | None
    gaps: list[Gap]  # longest first
    dated_by: dict[str, int]  # {"event": n, "published": m}: where each event's day came from
    by_type: dict[str, int] = field(default_factory=dict)
    by_sector: dict[str, int] = field(default_factory=dict)
    last_seen: Citation | None = None
    # Dispatches published per period (since/until apply, the other filters do not): a period
    # with none is a gap in the archive, not an absence of the leader.
    documents: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "actor": LEADER,
            "by": self.by,
            "filters": self.filters.to_json(),
            "events": self.events,
            "appearance_days": self.appearance_days,
            "appearances": self.appearances,
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "last_day": self.last_day.isoformat() if self.last_day else None,
            "latest_document": self.latest_document.isoformat() if self.latest_document else None,
            "days_since_last": self.days_since_last,
            "last_seen": self.last_seen.to_json() if self.last_seen else None,
            "dated_by": dict(self.dated_by),
            "by_type": dict(self.by_type),
            "by_sector": dict(self.by_sector),
            "buckets": [b.to_json() for b in self.buckets],
            "gaps": [g.to_json() for g in self.gaps],
        }


def period_of(day: date, by: str) -> tuple[str, date]:
    """The label and first day of the period ``day`` falls in."""
    if by == "day":
        return day.isoformat(), day
    if by == "week":
        year, week, weekday = day.isocalendar()
        return f"{year}-W{week:02d}", day - timedelta(days=weekday - 1)
    return f"{day.year}-{day.month:02d}", day.replace(day=1)


def check_filters(by: str, filters: Filters) -> None:
    if by not in PERIODS:
        raise QueryError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
    if filters.type and filters.type not in EVENT_TYPES:
        raise QueryError(f"unknown event type {filters.type!r}: use one of {', '.join(EVENT_TYPES)}")
    if filters.since and filters.until and filters.since > filters.until:
        raise QueryError(f"--since {filters.since} is after --until {filters.until}")


def timeline(
    store: Store, by: str = "month", filters: Filters | None = None, top_gaps: int = 10, *, lean: bool = False
) -> Timeline:
    """The leader's reported activity per ``by`` period, by event type and sector, with his
    public-appearance gaps (longest first, at most ``top_gaps``). ``lean``: without the
    dispatches per period and the citation of the last activity (``documents`` empty,
    ``last_seen`` None), two reads of a year's documents and events the /appearances page
    does not show."""
    filters = filters or Filters()
    check_filters(by, filters)
    with store.snapshot() as conn:
        rows = leader_counts_per_day(conn, filters)
        latest = latest_document_date(conn)
        documents_per_day = [] if lean else dispatches_per_day(conn, filters)
        days = sorted({day for day, *_ in rows if day is not None})
        boundary = {} if lean else _first_events_on(conn, filters, set(days[-1:]))
        seen = _appearances(conn, filters)
        seen_days = sorted(seen)
        gaps = sorted(
            (Gap(a, b) for a, b in itertools.pairwise(seen_days) if (b - a).days > 1),
            key=lambda g: (-g.days, g.after),
        )[:top_gaps]
        ends = citations(conn, [a.main_event_id for g in gaps for a in (seen[g.after][-1], seen[g.before][0])])
    gaps = [
        Gap(g.after, g.before, ends.get(seen[g.after][-1].main_event_id), ends.get(seen[g.before][0].main_event_id))
        for g in gaps
    ]
    buckets: dict[str, Bucket] = {}
    days_in: dict[str, set[date]] = defaultdict(set)
    by_type: Counter[str] = Counter()
    by_sector: Counter[str] = Counter()
    dated_by: Counter[str] = Counter()
    for day, type_, sector, by_published, count in rows:
        dated_by["published" if by_published else "event"] += count
        by_type[type_] += count
        by_sector[sector or NO_SECTOR] += count
        if day is None:
            continue
        label, start = period_of(day, by)
        bucket = buckets.setdefault(label, Bucket(label, start))
        bucket.events += count
        bucket.by_type[type_] = bucket.by_type.get(type_, 0) + count
        bucket.by_sector[sector or NO_SECTOR] = bucket.by_sector.get(sector or NO_SECTOR, 0) + count
        days_in[label].add(day)
    for day, on_day in seen.items():
        label, start = period_of(day, by)
        buckets.setdefault(label, Bucket(label, start)).appearances += len(on_day)
    for label, bucket in buckets.items():
        bucket.days = len(days_in[label])
        bucket.by_type = dict(sorted(bucket.by_type.items()))
        bucket.by_sector = dict(sorted(bucket.by_sector.items()))
    last_day = days[-1] if days else None
    documents_per_period: Counter[str] = Counter()
    for day, count in documents_per_day:
        documents_per_period[period_of(day, by)[0]] += count
    return Timeline(
        by=by,
        filters=filters,
        buckets=sorted(buckets.values(), key=lambda b: b.start),
        events=sum(count for *_, count in rows),
        appearance_days=len(days),
        appearances=sum(len(on_day) for on_day in seen.values()),
        first_day=days[0] if days else None,
        last_day=last_day,
        latest_document=latest,
        days_since_last=(latest - last_day).days if latest and last_day else None,
        gaps=gaps,
        dated_by={"event": dated_by["event"], "published": dated_by["published"]},
        by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_sector=dict(sorted(by_sector.items(), key=lambda kv: (-kv[1], kv[0]))),
        last_seen=boundary.get(last_day) if last_day else None,
        documents=dict(documents_per_period),
    )


@dataclass(frozen=True, slots=True)
class ChartPeriod:
    """One period of the chart: every period from the first activity to the newest document
    is one, empty or not, so that a long absence shows as a run of empty periods."""

    period: str
    start: date
    events: int
    days: int
    by_type: dict[str, int]
    documents: int  # dispatches published in the period

    @property
    def archive_gap(self) -> bool:
        """No documents at all: the archive is silent, so nothing is known of the leader."""
        return self.documents == 0


def chart_periods(tl: Timeline) -> list[ChartPeriod]:
    """The periods the chart draws: the timeline's buckets with the empty periods between
    them (and after them, up to the newest document) filled in."""
    if not tl.buckets:
        return []
    by_label = {b.period: b for b in tl.buckets}
    last = tl.buckets[-1].start
    if tl.latest_document is not None:
        last = max(last, period_of(tl.latest_document, tl.by)[1])
    periods, start = [], tl.buckets[0].start
    while start <= last:
        label = period_of(start, tl.by)[0]
        bucket = by_label.get(label)
        periods.append(
            ChartPeriod(
                label,
                start,
                bucket.events if bucket else 0,
                bucket.days if bucket else 0,
                dict(bucket.by_type) if bucket else {},
                tl.documents.get(label, 0),
            )
        )
        start = _next_start(start, tl.by)
    return periods


def _next_start(start: date, by: str) -> date:
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def _appearances(conn: Connection, filters: Filters) -> dict[date, list[ActivityRecord]]:
    """The leader's public appearances narrowed by ``filters``, by the day they count on (their
    own, else their main report's publication day). An appearance matches a type, place or
    weapon filter when one of its reports does."""
    narrowed = filters.type or filters.place or filters.weapon
    found = read_activities(
        conn,
        filters.since,
        filters.until,
        appearances_only=True,
        matching=leader_events(filters) if narrowed else None,
        with_docs=False,
    )
    by_day: dict[date, list[ActivityRecord]] = defaultdict(list)
    for activity in found:
        if activity.anchor is not None:
            by_day[activity.anchor].append(activity)
    return dict(sorted(by_day.items()))


def _first_events_on(conn: Connection, filters: Filters, days: set[date]) -> dict[date, Citation]:
    """For each day, the citation of one counted event on it (the first by document id),
    so that each end of a gap points at its evidence."""
    first = first_leader_events_on(conn, filters, days)
    if not first:
        return {}
    cited = citations(conn, list(first.values()))
    return {when: cited[event_id] for when, event_id in first.items() if event_id in cited}
