"""Which new documents match the alert rules, and the alert each match becomes.

The new documents are those stored since the watcher's cursor (store/watch_state.py). For each rule:

- an event rule (``type``, ``weapon``, ``person``, ``place``; ``query`` too) matches new events;
  the leader's events are grouped into activities first (analyze/activities.py), and an activity
  gives one alert per rule however many documents report it, now or later;
- ``query`` alone matches new documents (search syntax, store/search.py);
- ``first_seen`` matches designations, facilities, officials and places whose first appearance
  in the archive is a new document (analyze/novelty.py); ``new_title`` an official seen with a
  new title; ``absence_days`` the leader's public appearance after at least that many days
  without one; ``linked_report`` a new foreign report linked to the dispatch it retells
  (link/linker.py). The filters of the rule then hold for the document.

Each alert has an id made of its rule and what it is about, so that deciding the same match
again (after a crash before the decision was committed) gives the same alert.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fieldguide.analyze.activities import Activity, grouped
from fieldguide.analyze.novelty import Novelty, novelties
from fieldguide.kb import KnowledgeBase
from fieldguide.link.linker import ReportLinker, ReportLinks
from fieldguide.model import LEADER, Document, Extraction, Reject
from fieldguide.store import Store, watch_reads
from fieldguide.store.watch_reads import NewDocument as NewDocument  # kept importable from here
from fieldguide.store.watch_reads import NewEvent as NewEvent
from fieldguide.store.watch_reads import leader_seen_before
from fieldguide.watch.config import Rule, When
from fieldguide.watch.state import Decided, alerted_docs

SEARCH_WINDOW = 500  # the search ranks the newest matches first; a round adds far fewer
SUMMARY_CHARS = 280
_FIRST_SEEN_KIND = {"designation": "designation", "facility": "facility", "person": "official", "place": "place"}


def read_new(store: Store, after: int, upto: int) -> list[NewDocument]:
    """The documents stored with ``after < seq <= upto``, with their events and facets."""
    return watch_reads.read_new(store.engine, after, upto)


def _has_facet(event: NewEvent, kinds: tuple[str, ...], wanted: Sequence[str]) -> bool:
    return any((kind, value.casefold()) in event.facets for kind in kinds for value in wanted)


def event_passes(event: NewEvent, when: When) -> bool:
    """The rule's event filters (each one given must hold; a list is any of its values)."""
    if when.types and event.type not in when.types:
        return False
    if when.weapons and not _has_facet(event, ("weapon", "designation"), when.weapons):
        return False
    if when.people and not _has_facet(event, ("person",), when.people):
        return False
    return not (when.places and not _has_facet(event, ("place", "site"), when.places))


def _event_filtered(when: When) -> bool:
    return bool(when.types or when.weapons or when.people or when.places)


def alert_id(rule: str, key: str) -> str:
    return "alert-" + hashlib.sha1(f"{rule}\0{key}".encode()).hexdigest()[:16]


def _sentence(text: str) -> str:
    """The first sentence of ``text``, on one line, at most SUMMARY_CHARS long."""
    flat = " ".join(text.split())
    match = re.search(r"(?<=[.!?])\s+(?=[A-Z\"“])", flat)
    first = flat[: match.start()] if match else flat
    if len(first) > SUMMARY_CHARS:
        first = first[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return first


def _where_when(doc: NewDocument) -> str:
    source = doc.source or "A document"
    return f"{source}, {doc.published.isoformat()}" if doc.published else source


@dataclass(slots=True)
class Context:
    """What one evaluation reads once and every rule shares."""

    store: Store
    docs: list[NewDocument]
    kb: KnowledgeBase | None
    extractor: Callable[[Document], Extraction] | None
    _activities: dict[int, Activity] | None = None
    _all_activities: list[Activity] | None = None
    _novelty: Novelty | None = None
    _searches: dict[str, set[str]] = field(default_factory=dict)

    @property
    def by_id(self) -> dict[str, NewDocument]:
        return {d.id: d for d in self.docs}

    def days(self) -> tuple[date, date] | None:
        days = [e.day for d in self.docs for e in d.events if e.day] + [d.published for d in self.docs if d.published]
        return (min(days), max(days)) if days else None

    def activities(self, back_days: int = 0) -> list[Activity]:
        """The leader's activities around the new documents' days (``back_days`` earlier too)."""
        span = self.days()
        if span is None:
            return []
        if self._all_activities is None or back_days:
            with self.store.engine.connect() as conn:
                found = grouped(conn, span[0] - timedelta(days=back_days), span[1])
            if back_days:
                return found
            self._all_activities = found
        return self._all_activities

    def activity_of(self, event_id: int) -> Activity | None:
        if self._activities is None:
            self._activities = {r.event_id: a for a in self.activities() for r in a.reports}
        return self._activities.get(event_id)

    def novelty(self) -> Novelty | None:
        span = self.days()
        if span is None or self.kb is None:
            return None
        if self._novelty is None:
            # A week back: an item first seen in a new document may be dated before it was published.
            self._novelty = novelties(self.store, span[0] - timedelta(days=7), self.kb)
        return self._novelty

    def matching(self, query: str) -> set[str]:
        """Ids of the new documents that ``query`` finds."""
        if query not in self._searches:
            published = [d.published for d in self.docs if d.published]
            hits = self.store.search(query, since=min(published) if published else None, limit=SEARCH_WINDOW)
            new = {d.id for d in self.docs}
            self._searches[query] = {h.id for h in hits if h.id in new}
        return self._searches[query]


def _doc_passes(ctx: Context, doc: NewDocument, when: When) -> bool:
    if when.query and doc.id not in ctx.matching(when.query):
        return False
    return not _event_filtered(when) or any(event_passes(e, when) for e in doc.events)


def _alert(
    rule: Rule, key: str, doc: NewDocument, matched: dict[str, Any], summary: str, evidence: dict[str, Any]
) -> Decided:
    ident = alert_id(rule.name, key)
    payload = {
        "id": ident,
        "rule": rule.name,
        "matched": matched,
        "doc_id": doc.id,
        "title": doc.title,
        "url": doc.url,
        "source": doc.source,
        "published": doc.published.isoformat() if doc.published else None,
        "summary": summary,
        "evidence": evidence,
    }
    return Decided(ident, rule.name, key, doc.id, payload, tuple(s.spec for s in rule.to))


def _event_json(event: NewEvent) -> dict[str, Any]:
    record = event.extracted.to_json()
    keys = ("type", "actor", "start", "end", "sites", "sector", "places", "weapons", "designations", "people")
    return {"n": event.n, **{k: record[k] for k in keys}}


def _event_alerts(ctx: Context, rule: Rule) -> list[Decided]:
    when = rule.when
    if not _event_filtered(when):  # a query alone: documents
        return [
            _alert(
                rule,
                f"doc:{doc.id}",
                doc,
                {"kind": "document", "query": when.query},
                f"{_where_when(doc)}: {_sentence(doc.title or doc.id)}",
                {"text": doc.title or "", "spans": []},
            )
            for doc in ctx.docs
            if _doc_passes(ctx, doc, when)
        ]
    out: list[Decided] = []
    taken: set[int] = set()  # activities alerted this round
    candidates = [
        (doc, e)
        for doc in ctx.docs
        for e in doc.events
        if event_passes(e, when) and (not when.query or doc.id in ctx.matching(when.query))
    ]
    activities = {e.id: ctx.activity_of(e.id) for _, e in candidates}
    # Earlier alerts of this rule on any document of these activities: the activity is told already.
    told = alerted_docs(ctx.store, rule.name, [d for a in activities.values() if a for d in a.docs])
    for doc, event in candidates:
        activity = activities[event.id]
        matched: dict[str, Any] = {"kind": "event", "event": _event_json(event)}
        if activity is not None:
            if id(activity) in taken or told.intersection(activity.docs):
                continue
            taken.add(id(activity))
            matched["activity"] = activity.to_json()
        summary = f"{_where_when(doc)}: {_sentence(event.evidence['text'] or doc.title or '')}"
        out.append(_alert(rule, f"event:{doc.id}:{event.n}", doc, matched, summary, event.evidence))
    return out


def _first_seen_alerts(ctx: Context, rule: Rule) -> list[Decided]:
    novelty = ctx.novelty()
    if novelty is None:
        return []
    kinds = {_FIRST_SEEN_KIND[k] for k in rule.when.first_seen}
    by_id = ctx.by_id
    out = []
    for item in novelty.items:
        if item.kind not in kinds or item.citation is None or item.citation.doc_id not in by_id:
            continue
        doc = by_id[item.citation.doc_id]
        if not _doc_passes(ctx, doc, rule.when):
            continue
        evidence = {"text": item.citation.evidence, "spans": [list(s) for s in item.citation.spans]}
        kind = "person" if item.kind == "official" else item.kind
        summary = (
            f"First appearance of the {kind} {item.name} ({_where_when(doc)}): {_sentence(item.citation.evidence)}"
        )
        matched = {"kind": "first_seen", "first_seen": item.to_json()}
        out.append(_alert(rule, f"first_seen:{item.kind}:{item.name.casefold()}", doc, matched, summary, evidence))
    return out


def _new_title_alerts(ctx: Context, rule: Rule) -> list[Decided]:
    novelty = ctx.novelty()
    if novelty is None:
        return []
    by_id = ctx.by_id
    out = []
    for change in novelty.title_changes:
        doc = by_id.get(change.doc_id)
        if doc is None or not _doc_passes(ctx, doc, rule.when):
            continue
        summary = f"{change.person} appears as {change.title}, before as {change.previous_title} ({_where_when(doc)})."
        key = f"new_title:{change.person.casefold()}:{change.title.casefold()}"
        matched = {"kind": "new_title", "new_title": change.to_json()}
        out.append(_alert(rule, key, doc, matched, summary, {"text": doc.title or "", "spans": []}))
    return out


def _absence_alerts(ctx: Context, rule: Rule) -> list[Decided]:
    days = rule.when.absence_days or 0
    new_events = {e.id for d in ctx.docs for e in d.events if e.actor == LEADER}
    if not new_events:
        return []
    appearances = [a for a in ctx.activities(back_days=days + 1) if a.public_appearance and a.day]
    by_id = ctx.by_id
    out = []
    for i, activity in enumerate(appearances):
        if not any(r.event_id in new_events for r in activity.reports) or activity.day is None:
            continue
        before = [a.day for a in appearances[:i] if a.day and a.day < activity.day]
        if before:
            gap = (activity.day - before[-1]).days
            previous: date | None = before[-1]
        elif _appeared_before(ctx.store, activity.day):
            gap, previous = days + 1, None  # the last one is further back than the window read
        else:
            continue  # the archive's first appearance is no return from an absence
        if gap < days:
            continue
        main = activity.main
        doc = by_id.get(main.doc_id) or next(by_id[r.doc_id] for r in activity.reports if r.doc_id in by_id)
        if not _doc_passes(ctx, doc, rule.when):
            continue
        after = f"{gap} days" if previous else f"more than {days} days"
        summary = f"Kim Jong Un appears in public again after {after} ({_where_when(doc)}): {_sentence(main.evidence)}"
        matched = {
            "kind": "absence",
            "absence": {"days": gap if previous else None, "previous": previous.isoformat() if previous else None},
            "activity": activity.to_json(),
        }
        evidence = {"text": main.evidence, "spans": [list(s) for s in main.spans]}
        out.append(_alert(rule, f"absence:{activity.day.isoformat()}", doc, matched, summary, evidence))
    return out


def _appeared_before(store: Store, day: date) -> bool:
    return leader_seen_before(store.engine, day)


def _linked_report_alerts(ctx: Context, rule: Rule) -> list[Decided]:
    reports = [d for d in ctx.docs if d.kind != "dispatch" and _doc_passes(ctx, d, rule.when)]
    if not reports:
        return []
    out = []
    with ReportLinker(ctx.store, ctx.extractor) as linker:
        for doc in reports:
            for item in linker.read([doc.id]):  # the stored report with its stored extraction
                if isinstance(item, Reject):
                    continue
                document, record = item
                out += _report_links(rule, doc, document, linker.link(document, record), ctx.store)
    return out


def _report_links(rule: Rule, doc: NewDocument, document: Document, result: ReportLinks, store: Store) -> list[Decided]:
    out = []
    for link in result.links:
        dispatch = store.get_document(link.id)
        summary = (
            f"{_where_when(doc)} reports on the dispatch {dispatch.title or link.id!s}"
            f" (score {link.score:.1f}: {'; '.join(link.reasons[:2])})."
        )
        matched = {
            "kind": "linked_report",
            "dispatch": {"id": link.id, "title": dispatch.title, "url": dispatch.url, **link.to_json()},
        }
        evidence = {"text": _sentence(document.text), "spans": []}
        out.append(_alert(rule, f"linked_report:{doc.id}:{link.id}", doc, matched, summary, evidence))
    return out


_BY_HAPPENING: dict[str, Callable[[Context, Rule], list[Decided]]] = {
    "event": _event_alerts,
    "first_seen": _first_seen_alerts,
    "new_title": _new_title_alerts,
    "absence": _absence_alerts,
    "linked_report": _linked_report_alerts,
}


def evaluate(
    store: Store,
    rules: Sequence[Rule],
    docs: list[NewDocument],
    kb: KnowledgeBase | None,
    extractor: Callable[[Document], Extraction] | None,
) -> list[Decided]:
    """The alerts that ``rules`` decide on the new documents ``docs``."""
    if not docs or not rules:
        return []
    ctx = Context(store, docs, kb, extractor)
    decided: list[Decided] = []
    for rule in rules:
        decided += _BY_HAPPENING[rule.when.happening](ctx, rule)
    return decided
