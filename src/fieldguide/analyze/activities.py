"""The leader's activities: one real-world activity however many documents report it.

    acts = activities(store, since=date(2024, 8, 1))
    acts[0].docs              # ["kcna-2fbd6387ed", "kcna-728d00059b", ...]: main report first
    acts[0].public_appearance # he was there in person (not a message, letter or gift)
    [a.appearance_json() for a in acts if a.public_appearance]

The main dispatch, the "Press Review" digest, a second article with the speech and a later
recollection each store an event of their own. Grouping them, deterministically:

- events dated to one day join when their types and places match (``activity_rules``);
- an undated event (a digest's line, a later article) joins the nearest earlier dated
  activity it matches within ``WINDOW`` days before its document's date, else stands alone
  with no date;
- a speech of the same day and place is part of the activity (``speech``);
- the main document reports the activity itself: not a digest, with a dated event that is
  not only a speech, then the earliest published, then the longest evidence.

Only the leader's events in dispatches count, as in the timeline.

The grouping is stored (store/activities.py): ingest and reextract call ``regroup`` at their
end, which groups again only the days whose events changed (± ``WINDOW``), checked at its
edges against the stored grouping and widened where they differ. Reading commands read the
stored activities when they are current, and group in memory otherwise (an archive upgraded
but not yet ingested into or re-extracted, a killed ingest): the same answer, slower.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fieldguide.analyze import activity_rules as rules
from fieldguide.analyze.queries import as_date, spans_of
from fieldguide.errors import QueryError
from fieldguide.store import Store
from fieldguide.store import activities as stored
from fieldguide.store.activities import ActivityRecord
from fieldguide.store.activity_reads import leader_dispatch_events, selected_event_ids, stored_activity_events
from fieldguide.store.types import Connection, EventSelection

WINDOW = 3  # days before its document's date within which an undated report finds its activity
# Names the grouping rules of this module and activity_rules.py in the stored activities: change
# it with any change to what the grouping gives, and stored groupings are made again.
RULES = "activities-7"
REGROUP_TRIES = 3  # windows tried (each four times wider) before the whole archive is grouped again


@dataclass(frozen=True, slots=True)
class ReportedEvent:
    """One stored event of the leader, with what grouping compares."""

    event_id: int
    doc_id: str
    n: int
    type: str
    start: date | None
    published: date | None
    title: str | None
    digest: bool
    sites: tuple[str, ...]
    places: tuple[str, ...]
    evidence: str
    spans: tuple[tuple[int, int], ...]
    site_words: frozenset[str]
    site_names: frozenset[str]
    place_names: frozenset[str]
    designations: frozenset[str]
    people: frozenset[str]  # everyone the event names beside the leader, folded
    words: frozenset[str]
    guests: frozenset[str] = frozenset()  # those he met or received (talks), folded
    confidence: float | None = None  # None: stored before confidences existed

    @classmethod
    def of_row(cls, row: Any, compared: bool = True) -> ReportedEvent:
        """The event of a row of ``leader_dispatch_events``; without ``compared`` (an event of a
        stored activity, never grouped again) the sets grouping compares are left empty."""
        record = row.record or {}
        sites = tuple(s for s in record.get("sites") or () if isinstance(s, str))
        places = tuple(p for p in record.get("places") or () if isinstance(p, str))
        evidence = record.get("evidence") or ""
        digest = rules.is_digest(row.title)
        none: frozenset[str] = frozenset()
        return cls(
            event_id=row.id,
            doc_id=row.doc_id,
            n=row.n,
            type=row.type,
            start=as_date(row.start),
            published=as_date(row.published),
            title=row.title,
            digest=digest,
            sites=sites,
            places=places,
            evidence=evidence,
            spans=spans_of(record.get("evidence_spans")),
            site_words=rules.words(sites) if compared else none,
            site_names=rules.site_names(sites) if compared else none,
            place_names=rules.place_names(places) if compared else none,
            designations=frozenset(str(d).casefold() for d in record.get("designations") or ()) if compared else none,
            people=_people(record) if compared else none,
            guests=_people(record, ("met", "received")) if compared else none,
            # A digest's title says nothing of the line; an article's title names its activity.
            words=rules.words((evidence,) if digest else (evidence, row.title)) if compared else none,
            confidence=_confidence(record.get("confidence")),
        )


# "the bier of Jon Pyong Ho": whom a mourning visit was for (not "Kim Il Sung Square", a place named after him)
_BIER_OF = re.compile(
    r"\b(?:bier|coffin|remains|grave|tomb)\s+of\s+(?:the\s+late\s+)?([a-z][\w'-]*(?: [a-z][\w'-]*){1,3})$"
)


def _people(record: dict[str, Any], roles: tuple[str, ...] = ()) -> frozenset[str]:
    """Everyone an event names beside the leader (of these ``roles`` only, when given), folded."""
    people = record.get("people") or ()
    return frozenset(
        str(p["name"]).casefold() for p in people
        if isinstance(p, dict) and p.get("name") and (not roles or p.get("role") in roles)
    )


@dataclass(slots=True)
class Activity:
    """One real-world activity of the leader and every event that reports it."""

    day: date | None  # the day it took place; None when only undated reports tell of it
    reports: list[ReportedEvent] = field(default_factory=list)
    site_words: set[str] = field(default_factory=set)
    site_names: set[str] = field(default_factory=set)
    place_names: set[str] = field(default_factory=set)
    designations: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    words: set[str] = field(default_factory=set)
    guests: set[str] = field(default_factory=set)
    # The main event and the documents in rank order, computed once for the reports added so far.
    _ranked: tuple[ReportedEvent, list[str]] | None = field(default=None, repr=False, compare=False)

    def add(self, event: ReportedEvent) -> None:
        self.reports.append(event)
        self._ranked = None
        self.people |= event.people
        self.site_words |= event.site_words
        self.site_names |= event.site_names
        self.place_names |= event.place_names
        self.designations |= event.designations
        self.words |= event.words
        self.guests |= event.guests

    def strength(self, event: ReportedEvent) -> int:
        """How well ``event`` matches this activity (0: it does not)."""
        types = {r.type for r in self.reports}
        if not rules.is_appearance(event.type):
            if event.type not in types:
                return 0
            return rules.correspondence_strength(
                frozenset(self.people), event.people, frozenset(self.words), event.words
            )
        of_its_document = [r for r in self.reports if r.doc_id == event.doc_id]
        # (a digest's line is an article of its own: "inspected the command of Unit 1501 and watched a contest")
        same_line = any(r.evidence == event.evidence for r in of_its_document)
        same_article = same_line or any(not r.digest for r in of_its_document)
        strength = rules.place_strength(
            frozenset(self.site_words),
            event.site_words,
            frozenset(self.place_names),
            event.place_names,
            frozenset(self.designations),
            event.designations,
            frozenset(self.words),
            event.words,
        )
        if not strength and event.type == "commemoration" and "commemoration" in types and self._mourns_the_same(event):
            strength = rules.WORDS  # "visited the bier of Jon Pyong Ho" and the visit to the club where he lay
        if strength == rules.SITE and rules.named_apart(
            frozenset(self.site_names), event.site_names, frozenset(self.site_words), event.site_words
        ):
            strength = 0  # the Revolutionary Martyrs Cemetery and the Fatherland Liberation War Martyrs Cemetery
        # (an undated act of a line already here is of its day: "- He held talks with ... and made a speech at the
        # reception")
        same_day = event.start == self.day or (same_line and event.start is None)
        if event.type == "diplomacy" and "diplomacy" in types and event.guests and self.guests and not (
            event.guests & self.guests
        ):
            return 0  # talks with the premier and talks with the speaker of the assembly: two guests, two activities
        if same_article and (
            same_day or not (self.site_words and event.site_words and strength < rules.SITE)
        ):
            # One article's events of one day at one place (the visit, the speech, the conferring
            # of orders, the reception) are one appearance; its messages stay apart.
            if all(rules.is_appearance(t) for t in (*types, event.type)):
                return rules.SAME_ARTICLE if same_day else max(strength, rules.WORDS)
        if rules.HOSTED.search(event.evidence) and "diplomacy" in types and self.people & event.people:
            # the reception given for the guest of his talks ("Putin gave a reception in honour of ...")
            return max(strength, rules.WORDS)
        if strength < rules.DESIGNATION and self._told_apart(event):
            return 0
        if strength and rules.compatible(types, event.type, strength):
            return strength
        return 0

    def _mourns_the_same(self, event: ReportedEvent) -> bool:
        """One side's site names a person the other honours: "the bier of Jon Pyong Ho" beside a visit to the
        hall where the text names Jon Pyong Ho."""
        theirs = {m.group(1) for r in self.reports for s in r.sites if (m := _BIER_OF.search(s.casefold()))}
        mine = {m.group(1) for s in event.sites if (m := _BIER_OF.search(s.casefold()))}
        return any(name in self.people for name in mine) or any(name in event.people for name in theirs)

    def _told_apart(self, event: ReportedEvent) -> bool:
        """Two dispatches each telling a dated occasion of its own kind (a meeting in the stadium,
        a march-past on its plaza): two activities, however near their sites."""
        if event.digest or event.start is None or event.type == "speech":
            return False
        family = rules.FAMILY.get(event.type)
        own = [r for r in self.reports if not r.digest and r.start is not None and r.type != "speech"]
        return bool(own) and all(r.doc_id != event.doc_id and rules.FAMILY.get(r.type) != family for r in own)

    # --- what it shows -------------------------------------------------------------------

    @property
    def main(self) -> ReportedEvent:
        """The event of the main report (see the module's docstring): its first event that
        is not a speech, the lead sentence that reports the activity."""
        return self._rank()[0]

    @property
    def docs(self) -> list[str]:
        """Its documents, the main report first, then each by its best report (``_main_key``)."""
        return list(self._rank()[1])

    def _rank(self) -> tuple[ReportedEvent, list[str]]:
        if self._ranked is None:
            best: dict[str, tuple[Any, ...]] = {}
            for r in self.reports:
                key = (self._other_day(r), *_main_key(r))
                if r.doc_id not in best or key < best[r.doc_id]:
                    best[r.doc_id] = key
            docs = sorted(best, key=best.__getitem__)
            of_main = (r for r in self.reports if r.doc_id == docs[0])
            # (the order he signed the day before a launch is part of it, not what the activity is)
            main = min(of_main, key=lambda r: (self._other_day(r), r.type == "speech", r.start is None, r.n))
            self._ranked = (main, docs)
        return self._ranked

    def _other_day(self, r: ReportedEvent) -> bool:
        return self.day is not None and r.start is not None and r.start != self.day

    @property
    def published(self) -> date | None:
        return self.main.published

    @property
    def type(self) -> str:
        return self.main.type

    @property
    def confidence(self) -> float | None:
        """How likely the activity took place as reported: its most confident report's confidence
        (a weaker report of it does not make it less likely). None when no report has one."""
        known = [r.confidence for r in self.reports if r.confidence is not None]
        return max(known) if known else None

    @property
    def speech(self) -> bool:
        return any(r.type == "speech" for r in self.reports)

    @property
    def public_appearance(self) -> bool:
        return rules.is_appearance(self.type)

    @property
    def site(self) -> str | None:
        """The main report's site, else another report's, else an article's first place."""
        main = self.main
        ordered = [main, *(r for r in self.reports if r is not main)]
        for report in ordered:
            if report.sites:
                return report.sites[0]
        for report in ordered if self.public_appearance else ():  # a message's place is its dateline's
            if report.places and not report.digest:  # a digest's places come from all its lines
                return report.places[0]
        return None

    def appearance_json(self) -> dict[str, Any]:
        """The record `fieldguide appearances --format json` prints."""
        return self.record().appearance_json()

    def to_json(self) -> dict[str, Any]:
        return self.record().to_json()

    def record(self) -> ActivityRecord:
        """What the reading commands show of it, and what is stored."""
        main = self.main
        docs = self.docs
        rank = {doc_id: i for i, doc_id in enumerate(docs)}
        reports = sorted(self.reports, key=lambda r: (rank[r.doc_id], r.event_id))
        return ActivityRecord(
            day=self.day,
            published=self.published,
            type=self.type,
            site=self.site,
            speech=self.speech,
            public_appearance=self.public_appearance,
            docs=docs,
            main_event_id=main.event_id,
            main_doc_id=main.doc_id,
            main_n=main.n,
            evidence=main.evidence,
            spans=main.spans,
            members=tuple((r.event_id, r.doc_id) for r in reports),
            confidence=self.confidence,
        )


def _confidence(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _main_key(r: ReportedEvent) -> tuple[Any, ...]:
    # Not a digest; not the people's response; dated; not a speech; earliest published; longest evidence; ids.
    return (
        r.digest,
        bool(r.title and rules.REACTION_TITLE.search(r.title)),
        r.type == "cultural_event",  # the talks a reception was given for, the ceremony a show followed
        r.start is None,
        r.type == "speech",
        r.published or date.max,
        -len(r.evidence),
        r.doc_id,
        r.n,
    )


def group(reported: list[ReportedEvent]) -> list[Activity]:
    """Events grouped into activities, in the order of their day (undated ones by publication)."""
    dated: dict[date, list[Activity]] = {}
    undated: dict[date | None, list[Activity]] = {}
    found: list[Activity] = []
    order = _report_order
    for event in sorted((r for r in reported if r.start is not None), key=order):
        assert event.start is not None
        same_day = dated.setdefault(event.start, [])
        best = _best(same_day, event)
        if best is None:
            best = Activity(event.start)
            same_day.append(best)
            found.append(best)
        best.add(event)
    for event in sorted((r for r in reported if r.start is None), key=order):
        candidates: list[Activity] = []
        if event.published is not None:
            days = [event.published - timedelta(days=back) for back in range(WINDOW + 1)]  # nearest day first
            candidates += [a for day in days for a in dated.get(day, [])]
            # ("Success in Underwater Test-fire Evokes Great Joy", the day after the test's own undated report)
            candidates += [a for day in days for a in undated.get(day, [])]
        else:
            candidates += undated.get(None, [])
        best = _best(candidates, event)
        if best is None:
            best = Activity(None)
            undated.setdefault(event.published, []).append(best)
            found.append(best)
        best.add(event)
    return sorted(_orders_with_their_launch(found), key=_activity_order)


def _orders_with_their_launch(found: list[Activity]) -> list[Activity]:
    """The order he signed for a launch, told by the dispatch of the launch a day or two later, is part of that
    launch's activity ("signed the order on July 3 ... observed the test-launch on July 4"), not one of its own."""
    launches: dict[date, list[Activity]] = {}
    for b in found:
        if b.day is not None and any(r.type == "weapons_test" for r in b.reports):
            launches.setdefault(b.day, []).append(b)
    kept: list[Activity] = []
    for a in found:
        launch = _launch_ordered(a, launches) if launches else None
        if launch is None:
            kept.append(a)
            continue
        for r in a.reports:
            launch.add(r)
    return kept


def _launch_ordered(a: Activity, launches: dict[date, list[Activity]]) -> Activity | None:
    """The launch a day or two after it that an activity of orders only is for, told in one of its documents."""
    if a.day is None or not all(r.type == "other" and rules.ORDER_FOR_LAUNCH.search(r.evidence) for r in a.reports):
        return None
    docs = {r.doc_id for r in a.reports}
    for later in range(1, rules.ORDER_BEFORE_LAUNCH_DAYS + 1):
        for b in launches.get(a.day + timedelta(days=later), ()):
            if any(r.type == "weapons_test" and r.doc_id in docs for r in b.reports):
                return b
    return None


def _report_order(r: ReportedEvent) -> tuple[Any, ...]:
    """The order events are grouped in (dated ones first): the order of each activity's reports."""
    return (r.start or date.max, r.digest, r.published or date.max, r.doc_id, r.n)


def _best(candidates: list[Activity], event: ReportedEvent) -> Activity | None:
    """The strongest match; among equals the first candidate (the nearest day, then the first formed)."""
    best, best_strength = None, 0
    for activity in candidates:
        strength = activity.strength(event)
        if strength > best_strength:
            best, best_strength = activity, strength
    return best


def _activity_order(a: Activity) -> tuple[Any, ...]:
    main = a.main
    return (a.day or a.published or date.max, a.published or date.max, main.doc_id, main.n)


def read_events(conn: Connection, since: date | None, until: date | None) -> list[ReportedEvent]:
    """The leader's events in dispatches that can belong to activities between ``since`` and
    ``until`` (a window wider by ``WINDOW`` days, so that late reports find their activity)."""
    rows = leader_dispatch_events(
        conn,
        since - timedelta(days=WINDOW) if since else None,
        until + timedelta(days=WINDOW) if until else None,
    )
    return [ReportedEvent.of_row(row) for row in rows]


def activities(store: Store, since: date | None = None, until: date | None = None) -> list[ActivityRecord]:
    """The leader's activities on days from ``since`` to ``until`` (an undated one by its
    main report's publication), each with every document that reports it."""
    if since and until and since > until:
        raise QueryError(f"--since {since} is after --until {until}")
    with store.snapshot() as conn:
        return read_activities(conn, since, until, with_events=True)


def read_activities(
    conn: Connection,
    since: date | None = None,
    until: date | None = None,
    *,
    appearances_only: bool = False,
    matching: EventSelection | None = None,
    with_docs: bool = True,
    with_events: bool = False,
) -> list[ActivityRecord]:
    """``activities`` on an open connection: the stored ones when they are current, else
    grouped here. ``matching``: a select of event ids of which an activity must hold one;
    ``with_docs=False``: only the main report in ``docs``; ``with_events``: the events of
    each (always there when grouped here)."""
    if stored.is_current(conn, RULES):
        return stored.read(
            conn,
            since,
            until,
            appearances_only=appearances_only,
            matching=matching,
            with_docs=with_docs,
            with_events=with_events,
        )
    found = [a for a in grouped(conn, since, until) if a.public_appearance or not appearances_only]
    if matching is not None:
        wanted = selected_event_ids(conn, matching)
        found = [a for a in found if any(r.event_id in wanted for r in a.reports)]
    return [a.record() for a in found]


def grouped(conn: Connection, since: date | None = None, until: date | None = None) -> list[Activity]:
    """The activities counting on days from ``since`` to ``until``, grouped in memory from the
    events (those with no day at all only when neither is given)."""
    found = group(read_events(conn, since, until))

    def inside(a: Activity) -> bool:
        day = a.day or a.published
        if day is None:
            return since is None and until is None
        return (since is None or day >= since) and (until is None or day <= until)

    return [a for a in found if inside(a)]


def with_reports(
    conn: Connection, since: date, until: date, published: tuple[date, date] | None = None
) -> list[Activity]:
    """``grouped``: the activities counting on days from ``since`` to ``until`` with every
    report, from the stored grouping when it is current (the events of its activities only),
    else grouped in memory; with ``published``, only those whose main report appeared then."""
    if not stored.is_current(conn, RULES):
        found = grouped(conn, since, until)
        if published is None:
            return found
        return [a for a in found if a.published is not None and published[0] <= a.published <= published[1]]
    members: dict[int, tuple[date | None, list[ReportedEvent]]] = {}
    for activity_id, day, row in stored_activity_events(conn, since, until, published):
        members.setdefault(activity_id, (as_date(day), []))[1].append(ReportedEvent.of_row(row, False))
    found = []
    for day, reports in members.values():
        activity = Activity(day)
        for report in sorted(reports, key=_report_order):  # the order grouping added them in
            activity.add(report)
        found.append(activity)
    return sorted(found, key=_activity_order)


def appearances(
    store: Store, since: date | None = None, until: date | None = None, min_confidence: float | None = None
) -> list[ActivityRecord]:
    """The leader's public appearances: activities at which he was there in person; with
    ``min_confidence``, only those whose confidence reaches it (see ``Activity.confidence``)."""
    if since and until and since > until:
        raise QueryError(f"--since {since} is after --until {until}")
    with store.snapshot() as conn:
        found = read_activities(conn, since, until, appearances_only=True)
    if min_confidence is None:
        return found
    return [a for a in found if (a.confidence or 0.0) >= min_confidence]


# --- keeping the stored grouping -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Regrouped:
    """What ``regroup`` did: nothing, the days between ``since`` and ``until``, or everything."""

    scope: str  # "none", "days", "all"
    activities: int = 0
    since: date | None = None
    until: date | None = None


def regroup(store: Store) -> Regrouped:
    """Bring the stored activities up to date with the stored events, in one write transaction."""
    with store.write_transaction() as conn:
        return regroup_on(conn)


def regroup_on(conn: Connection) -> Regrouped:
    """``regroup`` inside the caller's write transaction."""
    changed = stored.changed_days(conn) if stored.stored_rules(conn) == RULES else {None}
    if not changed:
        return Regrouped("none")
    if None not in changed:
        days = sorted(d for d in changed if d is not None)
        margin = WINDOW
        for _ in range(REGROUP_TRIES):
            # A changed undated report may join an activity up to WINDOW days before it.
            since, until = days[0] - timedelta(days=WINDOW + margin), days[-1] + timedelta(days=margin)
            found = _window(conn, since, until)
            if found is not None:
                stored.replace(conn, found, RULES, between=(since, until))
                return Regrouped("days", len(found), since, until)
            margin *= 4
    found = [a.record() for a in group(read_events(conn, None, None))]
    stored.replace(conn, found, RULES)
    return Regrouped("all", len(found))


def _window(conn: Connection, since: date, until: date) -> list[ActivityRecord] | None:
    """The activities counting on days ``since`` to ``until``, grouped from the events around
    them; None when the grouping near either end differs from the stored one (a change that
    reaches beyond the window)."""
    context = group(read_events(conn, since - timedelta(days=WINDOW), until + timedelta(days=WINDOW)))
    edges = (
        (since - timedelta(days=WINDOW), since + timedelta(days=WINDOW - 1)),
        (until - timedelta(days=WINDOW - 1), until + timedelta(days=WINDOW)),
    )
    for low, high in edges:
        here = {frozenset(r.event_id for r in a.reports) for a in context if _counts_between(a, low, high)}
        if here != set(stored.memberships(conn, low, high)):
            return None
    return [a.record() for a in context if _counts_between(a, since, until)]


def _counts_between(a: Activity, low: date, high: date) -> bool:
    day = a.day or a.published
    return day is not None and low <= day <= high
