"""Build a Brief from the archive: the leader's activities in a period (or in one story),
ranked and gathered, what else the archive holds for those days, and the dispatch's own words.

Activities come from ``analyze.activities``: each once, with every document that reports it,
its main dispatch first. A week's brief holds the activities first reported in that week.

    brief = build_brief(store, since=date(2024, 8, 1), until=date(2024, 8, 7))
    brief = build_story_brief(store, "ex-kcna-munitions-tour")

Order is fixed everywhere (significance, then date, then document id, then event index),
so the same archive always gives the same brief.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fieldguide.analyze.activities import WINDOW, read_activities, with_reports
from fieldguide.analyze.activities import Activity as Grouped
from fieldguide.errors import NotFoundError, QueryError
from fieldguide.extract.digest import is_digest
from fieldguide.model import LEADER, SENT_OR_RECEIVED, Document
from fieldguide.report import gist, press_context, prose, queries, quotes, ranking, state_news, wording
from fieldguide.report.brief import SECTION_TITLES, Brief, Cited, DayCount, Item, MapSite, Photo, Section, SourceDoc
from fieldguide.report.citing import Citer
from fieldguide.report.days import shifted
from fieldguide.report.queries import DocRef, EventRef, WeaponMention
from fieldguide.report.site_coordinates import locate
from fieldguide.report.urls import web_url
from fieldguide.store import Store
from fieldguide.store.headlines import dispatch_headlines
from fieldguide.store.types import Connection

WEEK = timedelta(days=6)
LOOKBACK = timedelta(days=21)  # how long before its first report an activity may have taken place
ABSENCE_LOOKBACK = timedelta(days=90)
ONE_DAY = timedelta(days=1)
MIN_ABSENCE_DAYS = 7  # a shorter gap between public appearances is not news
MAX_ITEMS = 8  # in "What you need to know"
MAX_WORDS = 60  # per item there
MESSAGE_KINDS = ("messages_received", "messages_sent")
MIN_GIST_WORDS = 12  # a quote shorter than this says nothing
LEAD_WORDS = 22  # of a dispatch's lead quoted before the sentence that states the act
OCCASION_SENTENCES = 3  # of a dispatch, searched for the occasion its headline does not name
# Kinds whose summary says only "a meeting", "a ceremony": the headline names which.
NAMED_BY_HEADLINE = frozenset({"meeting", "ceremony", "cultural_event"})  # which meeting, ceremony or show
HEADLINE_SITE_WORDS = 12  # a story headline's site: longer ones lose their trailing "of ..." parts
MAX_NOVEL = 2  # first appearances named per activity
READ_MORE_PARAGRAPHS = 8
_NAMED = re.compile(r"[A-Z0-9]")  # a weapon written with a name or a number, not a category word
_PARAGRAPH = re.compile(r"[^\n]+")
_DATELINE_HEAD = re.compile(r"^\s*[^()\n]{0,60}\(KCNA\)\s*-+\s*")
CONTEXT_DAYS = timedelta(days=3)
CONTEXT_LIMIT = 40  # items in Context; the rest are counted in the section's note
CONTEXT_LABELS = (
    "Appearances",
    "Tests and exercises",
    "Meetings",
    "Messages",
    "Other activities",
    "Foreign reports",
)
# Events of other actors worth a line in Context; the rest are only counted.
NOTABLE = frozenset({"weapons_test", "military_exercise", "meeting", "diplomacy", "message_sent", "message_received"})


@dataclass(slots=True)
class Activity:
    """One activity of the brief: the grouped reports (``analyze.activities``), the merged
    record of its main dispatch's events, that dispatch, and its rank."""

    group: Grouped
    record: dict[str, Any]
    doc: Document
    digest: bool
    rank: ranking.Rank
    novel: list[WeaponMention]
    speech_quote: tuple[Document, int, int] | None = None  # the weightiest sentence of his speech

    @property
    def site(self) -> str | None:
        """The activity's site as its reports cut it (not a place standing in for one)."""
        site = self.group.site
        return site if any(site in r.sites for r in self.group.reports) else None

    @property
    def routine(self) -> str | None:
        return ranking.routine_kind(self.record)

    @property
    def sort_key(self) -> tuple[Any, ...]:
        main = self.group.main
        test = "weapons_test" in ranking.kinds(self.record)
        return (*self.rank.key, not test, 0, self.group.day or self.group.published or date.max, main.doc_id, main.n)


def build_brief(store: Store, since: date | None = None, until: date | None = None) -> Brief:
    """The brief for [since, until]: the activities first reported in those days (an analyst's
    week is the week's dispatches); without dates, the last week of the archive."""
    with store.engine.connect() as conn:
        since, until = _period(conn, since, until)
        found = [
            a for a in _read_activities(conn, shifted(since, -LOOKBACK), until, published=(since, until))
            if not _retold_from_before(a, since)
        ]
        title = f"Briefing: {wording.period_text(since, until)}"
        return _compose(store, conn, found, since, until, title=title, story=None)


REPORTED_WITHIN = 2  # days: KCNA tells an act on the day after it, or the day after that


def _retold_from_before(a: Grouped, since: date) -> bool:
    """An activity of the days before the period that only digests of the period tell ("- He watched the
    parade of September 9", in the digest of the 11th), or that the period first tells days after KCNA would
    have reported it (a pledge article recalling "his visit on February 8" on the 12th): last week's news told
    again, not this week's."""
    if a.day is None or a.day >= since:
        return False
    if all(r.digest for r in a.reports):
        return True
    if any(r.type in SENT_OR_RECEIVED for r in a.reports):
        return False  # a message is dated by its sending, often days before KCNA tells of it
    first = min((r.published for r in a.reports if r.published is not None), default=None)
    return first is not None and (first - a.day).days > REPORTED_WITHIN



def build_story_brief(store: Store, doc_id: str) -> Brief:
    """The brief for one document's story (its near-duplicates), or for the dispatches a
    foreign report is about."""
    stored = store.get_document(doc_id)  # NotFoundError for an unknown id; resolves aliases
    with store.engine.connect() as conn:
        members = queries.story_members(conn, stored.id)
        refs = [r for r in queries.events_of(conn, [m.id for m in members]) if _by_leader(r)]
        if not refs:
            refs = _events_reported_on(conn, members)
        days = [d for r in refs for d in (r.first_day, r.last_day) if d]
        since = min(days, default=stored.published)
        until = max(days, default=stored.published)
        if since is None or until is None:
            raise NotFoundError(f"document {doc_id!r} has no date to build a brief around")
        targets = {r.doc_id for r in refs}
        found = [a for a in _read_activities(conn, since, until) if targets.intersection(a.docs)]
        title = f"Briefing: {stored.title or stored.id}"
        return _compose(store, conn, found, since, until, title=title, story=stored.id, extra_docs=[stored.id])


def _read_activities(
    conn: Connection, since: date, until: date, published: tuple[date, date] | None = None
) -> list[Grouped]:
    """The activities with all their reports (the brief reads their sites, people and words): the
    stored grouping's, else grouped in memory; kept off the calendar's edges (grouping reads a
    few days around the period). ``published``: only those whose main report appeared then."""
    margin = timedelta(days=WINDOW + 1)
    return with_reports(conn, max(since, date.min + margin), min(until, date.max - margin), published)


def _period(conn: Connection, since: date | None, until: date | None) -> tuple[date, date]:
    if since is None and until is None:
        until = queries.latest_published(conn)
        if until is None:
            raise NotFoundError("the archive holds no dated documents")
    if since is None:
        assert until is not None
        since = shifted(until, -WEEK)
    if until is None:
        until = shifted(since, WEEK)
    if since > until:
        raise QueryError(f"--since {since} is after --until {until}")
    return since, until


def _by_leader(ref: EventRef) -> bool:
    return (ref.actor or LEADER) == LEADER


def _events_reported_on(conn: Connection, members: list[DocRef]) -> list[EventRef]:
    """The leader's events in the dispatches that foreign reports of this story are about."""
    docs = queries.load_documents(conn, [m.id for m in members if m.kind == "report"])
    targets = sorted({str(t) for d in docs.values() for t in d.extra.get("reports_on") or []})
    found = [m.id for t in targets for m in queries.story_members(conn, t)]
    return [r for r in queries.events_of(conn, found) if _by_leader(r)]


def _compose(
    store: Store,
    conn: Connection,
    found: list[Grouped],
    since: date,
    until: date,
    *,
    title: str,
    story: str | None,
    extra_docs: Iterable[str] = (),
) -> Brief:
    window = (shifted(since, -CONTEXT_DAYS), shifted(until, CONTEXT_DAYS))
    nearby = queries.events_between(conn, *window, actor=LEADER, types=NOTABLE)
    own = {r.event_id for a in found for r in a.reports}
    shown = {key for r in nearby if r.event_id in own for key in r.keys}
    own_docs = {d for a in found for d in a.docs}
    context_events = queries.distinct(
        r for r in nearby if r.event_id not in own and r.doc_id not in own_docs and not shown.intersection(r.keys)
    )
    context_events = _once_per_activity(context_events, _read_activities(conn, *window), own)
    shown |= {key for r in context_events for key in r.keys}
    context_docs = queries.distinct(d for d in queries.reports_between(conn, *window) if not shown.intersection(d.keys))
    unlisted = queries.count_distinct(queries.dispatch_groups(conn, *window), shown)
    # A story brief is about the leader's activity; a week's brief also holds the state's acts of the week.
    news = [] if story else state_news.find(dispatch_headlines(conn, since, until, state_news.is_news), own_docs)
    news_docs = {n.main.doc_id for n in news}
    shown_ids = own_docs | {r.doc_id for r in context_events} | {d.id for d in context_docs}
    docs = queries.load_documents(conn, shown_ids | news_docs)
    records = queries.load_event_records(conn, own | {r.event_id for r in context_events})
    citer = Citer(docs)
    # a statement that orders or decides nothing is rhetoric ("... will launch a preemptive nuclear strike")
    news = [
        n for n in news
        if not state_news.only_words(n.main.title, [x.text for x in citer.sentences(docs[n.main.doc_id])])
    ]
    # the state's report of a launch he watched ("DPRK Succeeds in Satellite Launch" beside "Kim Jong Un Watches
    # Launch of Satellite"): one act, told by his activity
    news = [n for n in news if not (n.rule.kind == "weapons_test" and _his_test_then(n.main.published, found, records))]
    listed = sorted({r.doc_id for r in context_events} | {d.id for d in context_docs})
    links = press_context.reported_on(store, [docs[d] for d in listed if docs[d].kind == "report"], own_docs)
    press = press_context.additions(conn, links, docs)
    activities = [
        a
        for a in _activities(conn, found, records, docs, citer)
        if not ranking.by_proxy(a.record, "" if a.digest else a.doc.text)  # a digest's text is all its lines'
    ]
    ranked = [a for a in activities if a.routine is None and not _recalled_in_others_story(a, citer)]
    for a in ranked:
        a.speech_quote = _speech_sentence(a, citer) or _words_at_military_site(a, citer)
    routine = {kind: [a for a in activities if a.routine == kind] for kind in ranking.ROUTINE.values()}
    details, starts = _details(ranked, docs, records, citer, by_site=story is not None)
    sections = [
        _need_to_know(ranked, news, routine, citer),
        details,
        _context(context_events, context_docs, records, docs, activities, citer, unlisted, links, press),
        _read_more(ranked, citer),
    ]
    absence = _absence(conn, ranked, since, citer)
    if absence is not None:
        sections[2].items.insert(0, absence)
        sections[2].note = sections[2].note if sections[2].items[1:] or unlisted else None
    brief = Brief(title=title, since=since, until=until, story=story, sections=sections)
    brief.chart = _chart(activities, since, until)
    brief.sites = _sites(ranked, starts)
    if story is not None and ranked:
        brief.title = _story_headline(ranked, records)
    if story is not None:  # the photographs of its dispatches, the main ones first
        story_docs = dict.fromkeys(
            [*(d for a in ranked for d in a.group.docs), *(d for a in activities for d in a.group.docs)]
        )
        brief.photos = _photos([docs[d] for d in story_docs if d in docs])
    cited = dict.fromkeys([c.doc_id for c in brief.citations()] + [d for d in extra_docs if d in docs])
    brief.sources = [_source(docs[d]) for d in cited]
    return brief


def _his_test_then(published: date, found: list[Grouped], records: dict[int, dict[str, Any]]) -> bool:
    """Whether one of his tests took place on the day a report was published or the day before."""
    for group in found:
        for r in group.reports:
            record = records.get(r.event_id) or {}
            start = record.get("start")
            if record.get("type") == "weapons_test" and start:
                if 0 <= (published - date.fromisoformat(str(start))).days <= state_news.SAME_ACT_DAYS:
                    return True
    return False


def _once_per_activity(events: list[EventRef], grouped: list[Grouped], own: set[int]) -> list[EventRef]:
    """The context's other activities once each, by their main report ("Reply Message to Syrian
    President" and the digest's line on it are one activity), and none of the brief's own."""
    group_of = {r.event_id: n for n, g in enumerate(grouped) for r in g.reports}
    own_groups = {group_of[e] for e in own if e in group_of}
    chosen: dict[int, EventRef] = {}
    for r in events:
        n = group_of.get(r.event_id)
        if n is not None and n not in own_groups and (n not in chosen or r.doc_id == grouped[n].main.doc_id):
            chosen[n] = r  # the first of its reports, unless its main report comes later
    keep = {id(r) for r in chosen.values()}
    return [r for r in events if group_of.get(r.event_id) is None or id(r) in keep]


def _recalled_in_others_story(a: Activity, citer: Citer) -> bool:
    """An undated act of his, told in one sentence past the lead of an article whose headline is
    others' story ("WPK Members Volunteer ... With his steadfast idea ..., he inspected the flood-hit
    areas"): the article recalls it as the spring of theirs; it is no news of his week. An act the
    article tells at length (his visit, then his speech) is its news, whatever the headline."""
    if a.digest or a.record.get("start") or len(a.group.reports) > 1 or not a.doc.title:
        return False
    if not gist.frames_his_act(a.doc.title):
        return False
    return citer.evidence(a.doc, a.record)[0] >= citer.lead(a.doc)[1]


def _activities(
    conn: Connection,
    found: list[Grouped],
    records: dict[int, dict[str, Any]],
    docs: dict[str, Document],
    citer: Citer,
) -> list[Activity]:
    """The brief's view of each grouped activity: its main dispatch's events merged, its rank."""
    merged = []
    for group in found:
        main = group.main
        of_main = sorted(
            (r for r in group.reports if r.doc_id == main.doc_id),
            key=lambda r: (r.event_id != main.event_id, wording.significance(records[r.event_id]), r.n),
        )
        merged.append((group, wording.merge([records[r.event_id] for r in of_main])))
    # Only a ranked activity names weapons for the first time; routine ones need no mentions read.
    ranked_docs = [d for group, record in merged if ranking.routine_kind(record) is None for d in group.docs]
    weapons: dict[str, list[WeaponMention]] = {}
    for m in queries.weapon_mentions(conn, ranked_docs):
        if _NAMED.search(m.text):
            weapons.setdefault(m.doc_id, []).append(m)
    out = []
    for group, record in merged:
        main = group.main
        novel = _first_named(conn, group, records, docs, weapons, citer) if ranking.routine_kind(record) is None else []
        title = None if main.digest else docs[main.doc_id].title  # a digest's headline is all its lines'
        if ranking.military_headline(record, title):  # KCNA's headline says what the site is
            record = {**record, "sector": "military_unit"}
        rank = ranking.rank(record, [m.text for m in novel], len(group.docs), title)
        out.append(Activity(group, record, docs[main.doc_id], main.digest, rank, novel))
    return sorted(out, key=lambda a: a.sort_key)


def _first_named(
    conn: Connection,
    group: Grouped,
    records: dict[int, dict[str, Any]],
    docs: dict[str, Document],
    weapons: dict[str, list[WeaponMention]],
    citer: Citer,
) -> list[WeaponMention]:
    """Weapons and institutes this activity's reports name for the first time in the archive:
    a named thing (capitals or digits: "Nuclear Weapons Institute", "600mm ..."; ``weapons``
    holds only those, by document in text order) in the sentence of one of its events, named
    by no document published before its first report."""
    first = min((r.published for r in group.reports if r.published), default=None)
    if first is None:
        return []
    reports: dict[str, list[int]] = {}
    for r in group.reports:
        if r.doc_id in docs and r.doc_id in weapons:
            reports.setdefault(r.doc_id, []).append(r.event_id)
    out: dict[str, WeaponMention] = {}
    for doc_id in sorted(reports):  # the mentions in (document, text) order
        sentences = {citer.evidence(docs[doc_id], records[event_id]) for event_id in reports[doc_id]}
        for m in weapons[doc_id]:
            if m.text.casefold() in out or not any(s <= m.start < e for s, e in sentences):
                continue
            if not queries.named_before(conn, m.canonical, m.text, first):
                out[m.text.casefold()] = m
    return list(out.values())[:MAX_NOVEL]


_CHART_TIERS = ("military", "military", "diplomacy", "politics", "society")


def _chart(activities: list[Activity], since: date, until: date) -> list[DayCount]:
    """The activities per day and kind: on the day each took place, else (before the period,
    or undated) on the day it was reported."""
    counts: dict[tuple[date, str], int] = {}
    for a in activities:
        day = a.group.day if a.group.day and since <= a.group.day <= until else a.group.published
        if day is None or not since <= day <= until:
            continue
        kind = "routine" if a.routine else _CHART_TIERS[min(a.rank.tier, len(_CHART_TIERS) - 1)]
        counts[(day, kind)] = counts.get((day, kind), 0) + 1
    return [DayCount(day, kind, n) for (day, kind), n in sorted(counts.items())]


def _sites(ranked: list[Activity], starts: list[int]) -> list[MapSite]:
    """Where the activities of "The details" took place, for those whose reports name a place
    the knowledge base locates (the main report's places first); ``starts`` numbers each
    activity's first paragraph there."""
    out = []
    for number, a in zip(starts, ranked, strict=True):
        main = a.group.main
        names = [*main.places, *(p for r in a.group.reports if r is not main and not r.digest for p in r.places)]
        found = locate(names)
        if found is not None:
            out.append(MapSite(found.name, found.lat, found.lon, number))
    return out


def _story_headline(ranked: list[Activity], records: dict[int, dict[str, Any]]) -> str:
    """A headline from the story's facts: what he did first, or how many sites over how many days."""
    first = ranked[0]
    stops = sum(max(1, len(_stops(a, records))) for a in ranked)
    days = [d for a in ranked for d in (prose.start_day(a.record), prose.end_day(a.record)) if d]
    length = (max(days) - min(days)).days + 1 if days else 1
    site = prose.shortened_site(first.site, HEADLINE_SITE_WORDS) if first.site else None
    return prose.story_headline(first.record, site, first.digest, stops, length)


def _photos(story_docs: list[Document]) -> list[Photo]:
    """The photographs (caption and http(s) address) its documents kept at ingest, main dispatch first."""
    out: dict[str, Photo] = {}
    for doc in story_docs:
        for photo in doc.extra.get("photos") or []:
            if not isinstance(photo, dict):
                continue
            src, caption = photo.get("src"), photo.get("caption")
            if isinstance(src, str) and isinstance(caption, str) and web_url(src) and src not in out:
                out[src] = Photo(caption, src, doc.id)
    return list(out.values())


def _source(doc: Document) -> SourceDoc:
    return SourceDoc(doc.id, doc.title, doc.source, doc.published, doc.url, doc.kind)


# -- sections ------------------------------------------------------------------------------


def _need_to_know(
    ranked: list[Activity], news: list[state_news.StateNews], routine: dict[str, list[Activity]], citer: Citer
) -> Section:
    section = Section("need_to_know", SECTION_TITLES["need_to_know"])
    gathered = [[(kind, acts)] for kind, acts in routine.items() if acts]
    # Messages received and sent are one item: the week's correspondence.
    messages = [g for g in gathered if g[0][0] in MESSAGE_KINDS]
    if len(messages) == 2:
        gathered = [[*messages[0], *messages[1]]] + [g for g in gathered if g not in messages]
    # The state's acts stand among his activities by tier (tests first in a tier), after his own.
    keyed: list[tuple[tuple[Any, ...], Activity | state_news.StateNews]] = [(a.sort_key, a) for a in ranked]
    for n in news:
        test = n.rule.kind == "weapons_test"
        keyed.append(((n.rule.tier, True, True, not test, 1, n.main.published, n.main.doc_id, 0), n))
    keyed.sort(key=lambda pair: pair[0])
    if len(gathered) > 1 and len(keyed) > MAX_ITEMS - len(gathered):
        # A full week: the routine kinds share one item, leaving the slots to what ranks.
        gathered = [[pair for group in gathered for pair in group]]
    room = max(MAX_ITEMS - len(gathered), MAX_ITEMS // 2)
    items = [_ranked_item(x, citer) if isinstance(x, Activity) else _state_news_item(x, citer) for _, x in keyed[:room]]
    items += [_gathered_item(group, citer) for group in gathered]
    for number, item in enumerate(items[:MAX_ITEMS], start=1):
        item.rank = number
        section.items.append(item)
    if not section.items:
        section.note = f"The archive holds no reported activities of {LEADER} for this period."
    return section


def _ranked_item(a: Activity, citer: Citer) -> Item:
    evidence = citer.evidence(a.doc, a.record)
    site = a.site if a.digest else gist.headline_site(a.site, a.doc.title) or a.site
    title = None if a.digest else a.doc.title
    sentences = [citer.cite(a.doc, prose.summary(a.record, site, a.digest, a.doc.published, title), *evidence)]
    if _words(sentences) > MAX_WORDS:  # a long site phrase: say what he did without it
        sentences = [citer.cite(a.doc, prose.summary(a.record, None, a.digest, a.doc.published, title), *evidence)]
    # what his talks produced comes right after what they were ("He signed the Pyongyang Joint Declaration ...")
    signed = _document_signed(a, citer, sentences[0].text, MAX_WORDS - _words(sentences))
    if signed is not None:
        sentences.append(signed)
    extra = [citer.cite(citer.docs[m.doc_id], prose.first_appearance(m.text), m.start, m.end) for m in a.novel]
    # The occasion of the most specific headline among the activity's articles (not its digest lines).
    articles = [citer.docs[d] for d in a.group.docs if d in citer.docs and not is_digest(citer.docs[d].title)]
    occasion = gist.most_specific_occasion([doc.title for doc in articles], sentences[0].text)
    # The headline says what the summary cannot: the kind of event, the story his act is part of, or
    # which meeting or ceremony it was ("Meeting with Victorious Wartime Generation Takes Place").
    quoted = bool(a.doc.title) and not a.digest and (
        wording.is_thin(a.record) or gist.frames_his_act(a.doc.title or "") or a.record.get("type") in NAMED_BY_HEADLINE
    ) and not _headline_of_another_act(a)
    parade = _parade_watched(a, citer, sentences[0].text)
    if parade is not None:
        extra.append(parade)  # the parade he watched at the celebrations: the news of the occasion
    if quoted:
        extra.append(citer.cite(a.doc, prose.headline(a.doc.title or ""), *evidence))
    if occasion and not (quoted and articles[occasion[0]] is a.doc):
        named_by = articles[occasion[0]]
        extra.append(citer.cite(named_by, prose.occasion(occasion[1]), *citer.lead(named_by)))
    elif not occasion and not a.digest:
        extra += _text_occasion(a, citer, sentences[0].text)
    # his words get the room the other sentences leave, or at least the shortest of them (the occasion
    # it marked), when that is room enough for a quote
    room = MAX_WORDS - _words(sentences) - 6
    reserves = (_words(extra), min((_words([e]) for e in extra), default=0), 0)
    said = next((q for r in reserves if (q := _speech_gist(a, citer, room - r)) is not None), None)
    if said is not None:
        extra.insert(0, said)
    for sentence in extra:
        if _words([*sentences, sentence]) <= MAX_WORDS:
            sentences.append(sentence)
    honoured = _tribute(a, citer, MAX_WORDS - _words(sentences) - 6)  # "In the dispatch's words, he" and "…"
    if honoured is not None:
        sentences.append(honoured)
    outcome = _meeting_outcome(a, citer, MAX_WORDS - _words(sentences) - 4)  # "The dispatch reports:" and "…"
    if outcome is not None:
        sentences.append(outcome)
    told = " ".join(c.text for c in sentences)
    exactly = _digest_naming_more(a, citer, told, MAX_WORDS - _words(sentences) - 8)  # "KCNA's ... has:", "…"
    if exactly is not None:
        sentences.append(exactly)
    return Item(sentences, reasons=a.rank.reasons, docs=a.group.docs)


# What a headline names, by the kind of activity: a meeting's item quotes a headline of a meeting, not the
# "Gives Field Guidance at Construction Site" of the visit the same dispatch told first.
_HEADLINE_OF_KIND = {
    "meeting": re.compile(r"\b(?:meeting|conference|session|plenary|plenum|congress|consultation|politburo)\b", re.I),
    "cultural_event": re.compile(
        r"\b(?:performance|concert|show|game|match|film|banquet|reception|gymnastics)\b", re.I
    ),
}


def _headline_of_another_act(a: Activity) -> bool:
    named = _HEADLINE_OF_KIND.get(str(a.record.get("type")))
    return named is not None and not named.search(a.doc.title or "")


_DIGEST_LINE_HEAD = re.compile(r"^\s*[-–•]\s*")
_PHOTOS = re.compile(r"\s*\(photos? accompanied\)\s*$", re.IGNORECASE)


def _text_occasion(a: Activity, citer: Citer, already: str) -> list[Cited]:
    """The numbered occasion the dispatch's first sentences name ("to mark the 71st anniversary of
    ..."), when no headline does: an analyst dates a ceremony by its anniversary."""
    for sentence in citer.sentences(a.doc)[:OCCASION_SENTENCES]:
        found = gist.occasion(sentence.text, already)
        if found and gist.numbered(found):
            return [citer.cite(a.doc, prose.occasion(found), sentence.span.start, sentence.span.end)]
    return []


_SIGNED = re.compile(
    r"\bsigned (the (?:[A-Z][\w'-]*|of|on|and) (?:(?:[A-Z][\w'-]*|of|on|and) ){0,8}?"
    r"(?:Declaration|Agreement|Treaty|Communique|Statement)(?: of [A-Z][a-z]+(?: \d{4})?)?)"
)


_HIS_SIGNING = re.compile(r"Kim Jong Un|^\W*(?:He|The (?:two|top) leaders)\b|\b(?:he|the (?:two|top) leaders) $")


def _document_signed(a: Activity, citer: Citer, told: str, room: int) -> Cited | None:
    """The declaration or treaty signed at his talks, named by any of its reports ("signed the Pyongyang Joint
    Declaration of September 2018"): what the talks produced, which the summary of a meeting does not say."""
    if "diplomacy" not in ranking.kinds(a.record) or room < 8:
        return None
    for doc, text, start, end in _told_signing(a, citer):
        found = _SIGNED.search(text)
        # (not "the defence ministers signed the agreement ...": his signature only)
        if found is None or not _HIS_SIGNING.search(text[: found.start()]) or found.group(1) in told:
            continue
        if len(found.group(1).split()) + 3 <= room:
            return citer.cite(doc, f"He signed {found.group(1)}.", start, end)
    return None


def _told_signing(a: Activity, citer: Citer) -> Iterable[tuple[Document, str, int, int]]:
    """The sentences that may tell what he signed: the main dispatch's own ("After the talks they signed ..."),
    then each report's evidence."""
    if not a.digest:
        for sentence in citer.sentences(a.doc):
            yield a.doc, sentence.text, sentence.span.start, sentence.span.end
    for r in a.group.reports:
        if r.doc_id in citer.docs and _SIGNED.search(r.evidence):
            doc = citer.docs[r.doc_id]
            start, end = citer.evidence(doc, {"evidence": r.evidence, "evidence_spans": [list(s) for s in r.spans]})
            yield doc, r.evidence, start, end


def _digest_naming_more(a: Activity, citer: Citer, told: str, room: int) -> Cited | None:
    """A news digest's line on the activity that names a place the item does not ("visited the
    flood-hit area in Uiju County of North Phyongan Province again"): where exactly he was, when
    the main report names only the province (itself a digest's line, it says as much as another)."""
    if room < MIN_GIST_WORDS or a.digest:
        return None
    told = told.casefold()
    for r in a.group.reports:
        untold = [p.casefold() for p in r.places if p.casefold() not in told]
        if not untold or not r.digest or r.doc_id == a.doc.id or r.doc_id not in citer.docs:
            continue
        doc = citer.docs[r.doc_id]
        start, end = citer.evidence(doc, {"evidence": r.evidence, "evidence_spans": [list(s) for s in r.spans]})
        line = doc.text[start:end]
        # A digest's places come from all its lines: only those its line on the activity names count.
        if any(p in line.casefold() for p in untold):
            said = prose.trim_quote(_PHOTOS.sub("", _DIGEST_LINE_HEAD.sub("", line)), room)
            return citer.cite(doc, prose.digest_line(said, r.published), start, end)
    return None


_WATCHED_PARADE = re.compile(r"\b(?:watched|reviewed|saw|observed)\b[^.;]{0,60}?\bparade\b[^;]*")


def _parade_watched(a: Activity, citer: Citer, told: str) -> Cited | None:
    """"He watched the grand military parade held at the Tiananmen Square": the parade of a celebration
    he attended, told in a sentence after the one that says he attended it, when nothing said so far names it."""
    if "ceremony" not in ranking.kinds(a.record) or a.digest or "parade" in told.casefold():
        return None
    if "parade" in (a.doc.title or "").casefold():
        return None
    for sentence in citer.sentences(a.doc)[:OCCASION_SENTENCES + 4]:
        m = _WATCHED_PARADE.search(sentence.text)
        if m is not None:
            start = sentence.span.start + m.start()
            return citer.cite(a.doc, prose.said(prose.trim_quote(m.group(0), 16), True), start, sentence.span.end)
    return None


def _tribute(a: Activity, citer: Citer, room: int) -> Cited | None:
    """Whom a commemoration honoured, in its dispatch's words from the verb on ("paid high tribute
    to the fallen fighters ..."): the summary says where he went, not to whom."""
    if "commemoration" not in ranking.kinds(a.record) or a.digest or room < MIN_GIST_WORDS:
        return None
    sents = citer.sentences(a.doc)
    found = gist.tribute([s.text for s in sents])
    if found is None:
        return None
    start, end = sents[found[0]].span.start + found[1], sents[found[0]].span.end
    return citer.cite(a.doc, prose.said(prose.trim_quote(a.doc.text[start:end], room), True), start, end)


def _meeting_outcome(a: Activity, citer: Citer, room: int) -> Cited | None:
    """What a meeting added, decided or discussed, in its dispatch's words: the summary says only
    that he took part, the headline only what it was called."""
    if "meeting" not in ranking.kinds(a.record) or a.digest or a.speech_quote is not None or room < MIN_GIST_WORDS:
        return None
    sents = citer.sentences(a.doc)
    start = citer.evidence(a.doc, a.record)[0]
    reported = next((i for i, s in enumerate(sents) if s.span.end > start), 0)
    found = gist.meeting_outcome([s.text for s in sents], reported)
    if found is None:
        return None
    span = sents[found].span
    return citer.cite(a.doc, prose.said(prose.trim_quote(sents[found].text, room), False), span.start, span.end)


def _speech_sentence(a: Activity, citer: Citer) -> tuple[Document, int, int] | None:
    """The weightiest sentence of his speech, from the first of the activity's articles that
    carries the speech and holds such a sentence."""
    for doc in (citer.docs[d] for d in a.group.docs if d in citer.docs):
        if not gist.is_speech_title(doc.title):
            continue
        # His words, not the article's account of him ("Kim Jong Un made an important speech ...").
        sents = [s for s in citer.sentences(doc) if not _DATELINE_HEAD.match(s.text) and LEADER not in s.text]
        best = gist.weightiest([s.text for s in sents])
        if best is not None:
            return doc, sents[best].span.start, sents[best].span.end
    return None


def _words_at_military_site(a: Activity, citer: Citer) -> tuple[Document, int, int] | None:
    """At a site KCNA's headline calls military, what he said of most strategic weight (the ships
    a naval base is for): the summary names the site, not why it matters."""
    if a.digest or not ranking.military_headline(a.record, a.doc.title, any_sector=True):
        return None
    sents = citer.sentences(a.doc)
    best = gist.his_words([s.text for s in sents])
    return (a.doc, sents[best].span.start, sents[best].span.end) if best is not None else None


def _speech_gist(a: Activity, citer: Citer, room: int) -> Cited | None:
    if a.speech_quote is None or room < MIN_GIST_WORDS:
        return None
    doc, start, end = a.speech_quote
    said = prose.trim_quote(doc.text[start:end], room)
    if not gist.is_speech_title(doc.title):
        text = prose.words_reported(said)
    else:  # "In the speech" only where the item has said he made one
        text = prose.speech_gist(said, told="speech" in ranking.kinds(a.record))
    return citer.cite(doc, text, start, end)


def _state_news_item(news: state_news.StateNews, citer: Citer) -> Item:
    """The act in the dispatch's words: its lead, then the sentence that states the act when that
    is another one (the lead of a statement sets the scene; the order comes later)."""
    doc = citer.docs[news.main.doc_id]
    sents = citer.sentences(doc)
    lead = _lead_paragraph(doc, citer)
    texts = [sent.text for sent in sents]
    act = state_news.act_sentence(texts)
    act_span = (sents[act].span.start, sents[act].span.end) if act is not None else lead
    lead_text = _DATELINE_HEAD.sub("", doc.text[lead[0] : lead[1]], count=1)
    step = state_news.step_sentence(texts, act) if act is not None else None
    # The lead states the act, or only announces it, or the act's step follows it: the act's own words.
    if act_span[0] < lead[1] or state_news.ANNOUNCES.search(lead_text) or step is not None:
        said = _DATELINE_HEAD.sub("", doc.text[act_span[0] : act_span[1]], count=1)
        if step is None:
            cited = citer.cite(doc, prose.state_news(prose.trim_quote(said), news.main.published), *act_span)
            return Item([cited], reasons=news.reasons, docs=news.docs)
        # The act declared, then its concrete step ("To this end, ... to cut off roads and railways").
        first = citer.cite(doc, prose.state_news(prose.trim_quote(said, LEAD_WORDS), news.main.published), *act_span)
        step_span = (sents[step].span.start, sents[step].span.end)
        room = MAX_WORDS - _words([first]) - 4  # "It added:" and a closing ellipsis
        second = citer.cite(doc, prose.added(prose.trim_quote(sents[step].text, room)), *step_span)
        return Item([first, second], reasons=news.reasons, docs=news.docs)
    first = citer.cite(doc, prose.state_news(prose.trim_quote(lead_text, LEAD_WORDS), news.main.published), *lead)
    room = MAX_WORDS - _words([first]) - 4  # "It added:" and a closing ellipsis
    second = citer.cite(doc, prose.added(prose.trim_quote(doc.text[act_span[0] : act_span[1]], room)), *act_span)
    return Item([first, second], reasons=news.reasons, docs=news.docs)


def _lead_paragraph(doc: Document, citer: Citer) -> tuple[int, int]:
    """The dispatch's first sentence after its dateline, and the next when the first only
    announces it ("... issued the following report:")."""
    sents = citer.sentences(doc)
    if not sents:
        return (0, len(doc.text))
    end = sents[0].span.end
    if sents[0].text.rstrip().endswith(":") and len(sents) > 1:
        end = sents[1].span.end
    return (sents[0].span.start, end)


def _gathered_item(group: list[tuple[str, list[Activity]]], citer: Citer) -> Item:
    """One item for routine activities: a sentence per kind (messages received, then sent)."""
    sentences: list[Cited] = []
    reasons: list[str] = []
    docs: list[str] = []
    for kind, acts in group:
        # The clearest report first: an article before a digest's line, one that names its correspondent.
        acts = sorted(acts, key=lambda a: (a.digest, not _correspondents(a), a.doc.published or date.max, a.doc.id))
        first = acts[0]
        text = prose.gathered(kind, [a.record for a in acts], again=bool(sentences))
        span = citer.evidence(first.doc, first.record)
        sentences.append(citer.cite(first.doc, text, *span))
        if len(acts) == 1 and not _correspondents(first) and first.doc.title and not first.digest:
            # "He received a message." says nothing: its headline says from whom ("... from Military Attaches Corps")
            sentences.append(citer.cite(first.doc, prose.headline(first.doc.title), *span))
        docs += [d for a in acts for d in a.group.docs]
        n = len(acts)
        reasons.append(f"routine: {kind.replace('_', ' ')}, {n} {'activity' if n == 1 else 'activities'} gathered")
    return Item(sentences, reasons=reasons, docs=list(dict.fromkeys(docs)))


def _correspondents(a: Activity) -> list[str]:
    return prose.names(a.record, "sender", "recipient", "met", "received")


def _words(sentences: list[Cited]) -> int:
    return sum(len(c.text.split()) for c in sentences)


def _details(
    ranked: list[Activity],
    docs: dict[str, Document],
    records: dict[int, dict[str, Any]],
    citer: Citer,
    by_site: bool = False,
) -> tuple[Section, list[int]]:
    """A paragraph per activity, and the number of each activity's first paragraph in the
    section (1 first). With ``by_site`` (a story brief), the activities one dispatch reports
    are told as a tour, a paragraph per site in the dispatch's order."""
    section = Section("details", SECTION_TITLES["details"])
    starts: dict[int, int] = {}
    tours: dict[str, list[Activity]] = {}
    for a in ranked:
        tours.setdefault(a.doc.id if by_site else f"{id(a)}", []).append(a)
    for acts in tours.values():
        stops = sorted((stop for a in acts for stop in _stops(a, records)), key=lambda stop: stop.n) if by_site else []
        if len(stops) > 1:
            for stop in stops:
                starts.setdefault(id(stop.activity), len(section.items) + 1 + stops.index(stop))
            section.items += _tour_items(stops, citer)
        for a in acts:
            if id(a) not in starts:
                starts[id(a)] = len(section.items) + 1
                section.items.append(_detail_item(a, docs, records, citer))
    return section, [starts[id(a)] for a in ranked]


def _detail_item(a: Activity, docs: dict[str, Document], records: dict[int, dict[str, Any]], citer: Citer) -> Item:
    record, doc = a.record, a.doc
    evidence = citer.evidence(doc, record)
    # where and when; when the dispatch says neither, what he did ("He published a discourse ...")
    told = prose.where_and_when(record, a.site, doc.published) if a.site or prose.when(record) else None
    lead = told or prose.summary(record, a.site, a.digest, doc.published)
    sentences = [citer.cite(doc, lead, *evidence)]
    sentences += _people(record, doc, citer)
    # what he stressed; else, of a meeting told by his speech, the gist of the speech
    quote = _quote(a, citer) or _speech_gist(a, citer, prose.MAX_QUOTE_WORDS)
    if quote is not None:
        sentences.append(quote)
    arms = prose.weapons(record)
    if arms:
        sentences.append(citer.cite(doc, arms, *evidence))
    for m in a.novel:
        sentences.append(citer.cite(docs[m.doc_id], prose.first_appearance(m.text), m.start, m.end))
    for earlier in record.get("references") or []:
        if earlier.get("span") and earlier.get("text"):
            # (cited to its sentence, which the text quotes)
            sentences.append(citer.cite(doc, prose.recalled(earlier), *(int(x) for x in earlier["span"])))
    # Copies of the main dispatch (a republication under its title) add nothing to cite.
    others = [d for d in a.group.docs[1:] if docs[d].title != doc.title or docs[d].kind != doc.kind]
    if others:
        other = docs[others[0]]
        report = next(r for r in a.group.reports if r.doc_id == other.id)
        text = prose.other_reports(len(others), other.title, other.published)
        sentences.append(citer.cite(other, text, *citer.evidence(other, records[report.event_id])))
    # (a digest's headline, "Press Review", names all its lines, not this one)
    named_by = "KCNA's news digest" if a.digest else doc.title or doc.id
    heading = f"{wording.nouns(record)}, {wording.event_dates(record, doc.published)}: {named_by}"
    return Item(sentences, heading=heading, prose=True, docs=a.group.docs)


@dataclass(frozen=True, slots=True)
class Stop:
    """One site of a tour: the event of the main dispatch that names it."""

    activity: Activity
    n: int  # the event's index in the dispatch: the order of the tour
    record: dict[str, Any]
    site: str


def _stops(a: Activity, records: dict[int, dict[str, Any]]) -> list[Stop]:
    """The sites the activity's main dispatch names, one stop each, in the dispatch's order."""
    out: list[Stop] = []
    seen: set[str] = set()
    for r in sorted((r for r in a.group.reports if r.doc_id == a.doc.id), key=lambda r: r.n):
        record = records.get(r.event_id)
        if record is None or not r.sites or r.sites[0].casefold() in seen:
            continue
        seen.add(r.sites[0].casefold())
        out.append(Stop(a, r.n, record, r.sites[0]))
    return out


def _tour_items(stops: list[Stop], citer: Citer) -> list[Item]:
    """A tour's stops, a paragraph each: where and when, who came along (at the first), what he
    stressed there, the weapons its sentence names."""
    items = []
    for number, stop in enumerate(stops):
        a, record, doc = stop.activity, stop.record, stop.activity.doc
        evidence = citer.evidence(doc, record)
        first = number == 0
        opening = (
            prose.where_and_when(record, stop.site, doc.published) if first else prose.next_stop(record, stop.site)
        )
        sentences = [citer.cite(doc, opening, *evidence)]
        if first:
            sentences += _people(a.record, doc, citer)
        quote = _quote(a, citer, record)
        if quote is not None:
            sentences.append(quote)
        arms = prose.weapons(record)
        if arms:
            sentences.append(citer.cite(doc, arms, *evidence))
        when = wording.event_dates(record, doc.published) if record.get("start") else None
        heading = stop.site[0].upper() + stop.site[1:] + (f", {when}" if when else "")
        items.append(Item(sentences, heading=heading, prose=True, docs=a.group.docs))
    return items


def _people(record: dict[str, Any], doc: Document, citer: Citer) -> list[Cited]:
    out = []
    for sentence, roles in ((prose.companions(record), ("accompanied",)), (prose.met(record), ("met", "received"))):
        spans = [p["span"] for p in record.get("people") or [] if p.get("role") in roles and p.get("span")]
        if sentence and spans:
            out.append(citer.cite(doc, sentence, min(s[0] for s in spans), max(s[1] for s in spans)))
    return out


def _quote(a: Activity, citer: Citer, record: dict[str, Any] | None = None) -> Cited | None:
    """What he stressed or ordered (at the activity, or at one stop of it: ``record``): a task,
    else a verdict, else (outside digests) a sentence reporting his words; trimmed to its core,
    cited at the words quoted."""
    record = a.record if record is None else record
    marked = [m for m in (record.get("tasks") or []) + (record.get("verdicts") or []) if m.get("span")]
    if marked:
        return citer.exact(a.doc, prose.said(marked[0]["text"], True), marked[0])
    if a.digest:
        return None
    spans = quotes.candidates(a.doc, [record], citer)
    lead = citer.lead(a.doc)
    spans = [s for s in spans if s != lead]
    if not spans:
        return None
    start, end = spans[0]
    return Cited(prose.said(a.doc.text[start:end], False), a.doc.id, (start, end), a.doc.url, a.doc.text[start:end])


def _absence(conn: Connection, ranked: list[Activity], since: date, citer: Citer) -> Item | None:
    """'His first public appearance reported in 12 days', when the week's first follows a gap."""
    dated = sorted(
        (a for a in ranked if a.group.public_appearance and a.group.day), key=lambda a: (a.group.day, a.doc.id)
    )
    if not dated:
        return None
    first = dated[0]
    assert first.group.day is not None
    # Only the days of his appearances before: the stored grouping gives them without grouping 90 days again.
    lookback = (shifted(first.group.day, -ABSENCE_LOOKBACK), shifted(first.group.day, -ONE_DAY))
    before = [
        a.day
        for a in read_activities(conn, *lookback, appearances_only=True, with_docs=False)
        if a.day is not None and a.day < first.group.day
    ]
    if not before:
        return None
    gap = (first.group.day - max(before)).days
    if gap < MIN_ABSENCE_DAYS:
        return None
    text = prose.absence(gap, max(before))
    return Item([citer.cite(first.doc, text, *citer.evidence(first.doc, first.record))], label="Appearances")


def _context(
    events: list[EventRef],
    reports: list[DocRef],
    records: dict[int, dict[str, Any]],
    docs: dict[str, Document],
    activities: list[Activity],
    citer: Citer,
    unlisted: int,
    links: dict[str, list[str]],
    press: list[press_context.PressAdditions],
) -> Section:
    section = Section("context", SECTION_TITLES["context"])
    added: dict[str, list[Cited]] = {}
    for found in press:
        added.setdefault(found.report.id, []).extend(press_context.sentences(found, citer))
    titles = {a.doc.id: a.doc.title or a.doc.id for a in activities}
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for r in events:
        by_doc.setdefault(r.doc_id, []).append(records[r.event_id])
    entries: list[tuple[int, date, str, Item]] = []
    for doc_id in sorted(set(by_doc) | {d.id for d in reports}):
        doc = docs[doc_id]
        doc_events = sorted(by_doc.get(doc_id, []), key=wording.significance)
        if doc.kind != "report" and _COMMENTARY.search(doc.title or ""):
            # a commentary tells what others did abroad ("Japan's military moves"): no activity of these days
            doc_events = [e for e in doc_events if (e.get("actor") or LEADER) == LEADER]
            if not doc_events:
                unlisted += 1
                continue
        label = _label(doc, doc_events)
        day = wording.day_text(doc.published) if doc.published else "undated"
        where = f"{doc.source}, {day}" if doc.source else day
        span = citer.evidence(doc, doc_events[0]) if doc_events else citer.lead(doc)
        text = f"“{doc.title or doc.id}” ({where})"
        if doc.kind == "report":
            about = [titles[t] for t in links.get(doc_id) or doc.extra.get("reports_on") or [] if t in titles]
            text += f": a foreign report on “{about[0]}”." if about else ": a foreign report."
        elif doc_events and is_digest(doc.title):
            # "Press Review" names none of its lines: the line that tells the activity
            text = f"“{prose.digest_quote(doc.text[span[0] : span[1]])}” ({doc.source or 'KCNA'}'s news digest, {day})."
        elif doc_events:
            text += f": {wording.listing(list(dict.fromkeys(_what(e) for e in doc_events)))}."
        else:
            text += "."
        item = Item([citer.cite(doc, text, *span), *added.get(doc_id, [])], label=label)
        entries.append((CONTEXT_LABELS.index(label), doc.published or date.max, doc_id, item))
    entries.sort(key=lambda e: e[:3])
    section.items = [e[3] for e in entries[:CONTEXT_LIMIT]]
    unlisted += max(0, len(entries) - CONTEXT_LIMIT)
    if unlisted:
        section.note = f"{unlisted} more {'document' if unlisted == 1 else 'documents'} of these days not listed."
    elif not entries:
        section.note = "The archive holds nothing else for these days."
    return section


_COMMENTARY = re.compile(r"\bcommentary\b", re.IGNORECASE)


def _what(record: dict[str, Any]) -> str:
    """'weapons test', 'speech by Kim Tok Hun'."""
    noun = wording.TYPE_NOUNS.get(record.get("type") or "other", "activity").lower()
    actor = record.get("actor") or LEADER
    return noun if actor == LEADER else f"{noun} by {actor}"


def _label(doc: Document, doc_events: list[dict[str, Any]]) -> str:
    if doc.kind == "report" or not doc_events:
        return "Foreign reports"
    kind = doc_events[0].get("type")
    if kind in ("weapons_test", "military_exercise"):
        return "Tests and exercises"
    if kind == "meeting":
        return "Meetings"
    if kind in ("message_sent", "message_received"):
        return "Messages"
    return "Other activities"


def _read_more(ranked: list[Activity], citer: Citer) -> Section:
    """The key paragraphs of the main dispatch of the first-ranked activity that has one
    (not a digest), quoted with the scraper's missing spaces restored, in text order."""
    section = Section("read_more", SECTION_TITLES["read_more"])
    main = next((a for a in ranked if not a.digest), None)
    if main is None:
        section.note = (
            "The week's activities are reported only in news digests."
            if ranked
            else "No dispatch of these days reports an activity of his beyond messages and gifts."
        )
        return section
    doc = main.doc
    for start, end in _key_paragraphs(doc, main.record, citer):
        words = prose.repair(doc.text[start:end])
        cited = Cited(f"“{words}”", doc.id, (start, end), doc.url, doc.text[start:end])
        section.items.append(Item([cited], quote=True))
    when = f", {wording.day_text(doc.published)}" if doc.published else ""
    section.note = f"From {doc.source or 'the dispatch'}{when}: “{doc.title or doc.id}”."
    return section


def _key_paragraphs(doc: Document, record: dict[str, Any], citer: Citer) -> list[tuple[int, int]]:
    """The lead paragraph, then those holding his words (or his events' verdicts and tasks)."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(doc.text)]
    if not paragraphs:
        return []
    wanted = quotes.candidates(doc, [record], citer)
    speaking = [p for p in paragraphs[1:] if any(p[0] <= s < p[1] for s, _ in wanted)]
    rest = [p for p in paragraphs[1:] if p not in speaking]
    chosen = [paragraphs[0], *speaking, *rest][:READ_MORE_PARAGRAPHS]
    return sorted(chosen)
