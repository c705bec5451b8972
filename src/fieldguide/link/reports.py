"""Which dispatch (or dispatches) a foreign report reports on, with a score and the reasons.

Pure: a report (Document + Extraction) and candidate dispatches in, ranked links out. Finding the
candidates in the archive is link/candidates.py's job.

A report's evidence is weighed item by item: its quoted phrases found verbatim in a dispatch, the
numbers, designations, people, places and weapons both name, the words they share, and whether
the dispatch was published on the day the report says state media spoke (or the activity falls on
a day the report names). Reports that do not cite North Korean state media at all count half:
news about South Korean military claims, satellite images or trash balloons shares places and
weapons with dispatches without reporting on any of them.

A report about two dispatches (a test-fire and a base visit on the same day) is linked to both, but
a second dispatch must earn its place with evidence the first does not already explain, so that
the neighbouring dispatch on the same theme is not linked on the strength of shared context.
"""

from __future__ import annotations

import contextlib
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fieldguide.link.evidence import SHINGLE, Profile, Quote, fold, number_key, profile, quotes
from fieldguide.model import Document, Extraction

THRESHOLD = 5.0  # calibrated on the development reports; see benchmarks/bench_link.py
# A further dispatch of a report already linked needs less, but it must be its own evidence
# (quotes, facts, words, headline the first link does not explain), not shared context. 2.8: above
# the dev reports' highest false further link (a same-day meeting at the visited site, 2.74).
FURTHER_SPECIFIC = 2.8
MAX_LINKS = 3
FIRST_LINK_DAYS = 3  # a first link is published at most this many days before the report
WEEK_ROUNDUP_DAYS = 6  # further links come from the days around the first one's (a roundup of a week)
ROUNDUP_SPECIFIC = 2 * FURTHER_SPECIFIC  # what a further link beyond the first one's news cycle needs
# A dispatch of the first link's news cycle that would be a strong link on its own (twice the threshold)
# needs less of its own beyond the first's: a statement of the day before whose words the report quotes.
STRONG_ALONE = 2 * THRESHOLD
STRONG_FURTHER_SPECIFIC = 2.0
SHORTLIST = 15  # candidates scored in full, chosen by the words and facts they share with the report


# A link's score mapped to a confidence by a logistic curve: 0.5 at the threshold a first link
# needs, 0.95 at twice the threshold, rising steadily between and beyond.
_CONFIDENCE_SLOPE = math.log(19) / THRESHOLD


def link_confidence(score: float) -> float:
    """A link's score as a confidence (0-1): 1 / (1 + e^(-k (score - THRESHOLD))), k = ln 19 / THRESHOLD,
    so a score at the threshold gives 0.5 and one of twice the threshold 0.95. Monotone: a higher score
    is never less confident. A further link of a report, kept on weaker evidence, can fall below 0.5."""
    exponent = -_CONFIDENCE_SLOPE * (score - THRESHOLD)
    if exponent > 700:  # e^700 is near the float limit; the confidence is 0 to three places anyway
        return 0.0
    return 1.0 / (1.0 + math.exp(exponent))


@dataclass(frozen=True, slots=True)
class Link:
    """A dispatch that a report reports on."""

    id: str
    score: float
    reasons: tuple[str, ...]

    @property
    def confidence(self) -> float:
        return link_confidence(self.score)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": round(self.score, 2),
            "confidence": round(self.confidence, 3),
            "reasons": list(self.reasons),
        }


@dataclass(slots=True)
class _Covered:
    """Evidence already explained by the dispatches linked so far."""

    quotes: set[int] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    facts: set[tuple[str, str]] = field(default_factory=set)
    words: set[str] = field(default_factory=set)


@dataclass(slots=True)
class _Scored:
    candidate: Profile
    specific: float
    context: float
    reasons: list[str]
    quotes: set[int]
    numbers: set[str]
    facts: set[tuple[str, str]]
    words: set[str]

    @property
    def total(self) -> float:
        return self.specific + self.context


# Weights of each kind of evidence, and the most any kind may add (so that a long list of
# places cannot outweigh one verbatim quotation).
_FACT_WEIGHTS: dict[str, tuple[float, float]] = {
    "designation": (2.5, 5.0),
    "person": (1.5, 4.5),
    "weapon": (1.0, 2.0),
    "place": (0.75, 2.25),
}
_NUMBER_WEIGHT, _NUMBER_CAP = 1.5, 4.5
_QUOTE_CAP = 8.0
_WORDS_WEIGHT = 10.0
_LENGTH_PIVOT = 0.3  # how much a long dispatch's many words are discounted (pivoted length normalization)
_TITLE_WEIGHT = 3.0
_LATER_PENALTY = 1.0
_TYPE_WEIGHT = 0.75
_PUBLISHED_DAY_WEIGHT = 0.75
_ACTIVITY_DAY_WEIGHT = 1.0
_UNCITED_FACTOR = 0.5
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _quote_weight(q: Quote) -> float:
    return 1.0 + 0.3 * min(q.words, 10)


def _longest_run(quote: Quote, candidate: Profile) -> int:
    """The most consecutive words of ``quote`` found together in the candidate (paraphrased
    quotations), counted through the candidate's runs of SHINGLE words; 0 under SHINGLE."""
    words = quote.folded.split()
    best = streak = 0
    for i in range(len(words) - SHINGLE + 1):
        if candidate.has_phrase(" ".join(words[i : i + SHINGLE])):
            streak += 1
            best = max(best, streak)
        else:
            streak = 0
    return best + SHINGLE - 1 if best else 0


def _report_days(report: Profile) -> tuple[set[date], set[str]]:
    """The days a report names (resolved dates) and the weekday names it uses."""
    days: set[date] = set()
    weekdays: set[str] = set()
    for m in report.mentions:
        if m.get("kind") != "date":
            continue
        attrs = m.get("attrs") or {}
        text = fold(str(m.get("text", "")))
        for name in _WEEKDAYS:
            if name in text:
                weekdays.add(name)
        if attrs.get("precision") == "day" and attrs.get("start") and attrs.get("start") == attrs.get("end"):
            with contextlib.suppress(ValueError):
                days.add(date.fromisoformat(str(attrs["start"])[:10]))
    return days, weekdays


def _word_weights(report: Profile, candidates: Sequence[Profile]) -> dict[str, float]:
    """A report word counts fully when few candidates share it, a third when most do."""
    common = max(1, len(candidates) // 3)
    df: Counter[str] = Counter()
    for c in candidates:  # one set intersection per candidate, not one look-up per word and candidate
        df.update(report.words & c.words)
    return {word: 1.0 if df[word] <= common else 0.3 for word in report.words}


class _Scorer:
    def __init__(self, report: Profile, candidates: Sequence[Profile]) -> None:
        self.report = report
        self.quotes = quotes(report.text)
        self.cites_state_media = report.cites_state_media
        self.numbers = {number_key(n.value) for n in report.numbers}
        self.days, self.weekdays = _report_days(report)
        self.weights = _word_weights(report, candidates)
        self.word_total = sum(self.weights.values()) or 1.0
        sizes = [len(c.words) for c in candidates] or [1]
        self.average_size = max(1.0, sum(sizes) / len(sizes))
        self.place_df = {p: sum(1 for c in candidates if p in c.places) for p in report.places}
        self.many = max(2, len(candidates) // 3)

    def shortlist(self, candidates: Sequence[Profile], size: int = SHORTLIST) -> list[Profile]:
        """The candidates worth scoring in full: a quotation or a number shared implies shared words."""
        if len(candidates) <= size:
            return list(candidates)

        def cheap(c: Profile) -> float:
            words = sum(self.weights[w] for w in self.report.words & c.words)
            facts = len(self.report.designations & c.designations) + len(self.report.people & c.people)
            shared_numbers = len(self.numbers & c.number_keys) if self.numbers else 0
            return words + 3 * facts + 2 * shared_numbers

        return sorted(candidates, key=cheap, reverse=True)[:size]

    def score(self, c: Profile, covered: _Covered) -> _Scored:
        reasons: list[str] = []
        specific = 0.0
        found_quotes: set[int] = set()
        quote_points = 0.0
        for i, q in enumerate(self.quotes):
            if i in covered.quotes:
                continue
            if c.has_phrase(q.folded):
                found_quotes.add(i)
                quote_points += _quote_weight(q)
                reasons.append(f"quoted phrase: '{q.text}'")
            else:
                run = _longest_run(q, c)
                if run:
                    found_quotes.add(i)
                    quote_points += 0.5 * (1.0 + 0.3 * run)
                    reasons.append(f"quoted words ({run} in a row): '{q.text}'")
        specific += min(quote_points, _QUOTE_CAP)

        shared_numbers = (self.numbers & c.number_keys) - covered.numbers if self.numbers else set()
        if shared_numbers:
            specific += min(_NUMBER_WEIGHT * len(shared_numbers), _NUMBER_CAP)
            reasons.extend(f"number {n}" for n in sorted(shared_numbers))

        facts: set[tuple[str, str]] = set()
        for kind, mine, theirs in (
            ("designation", self.report.designations, c.designations),
            ("person", self.report.people, c.people),
            ("weapon", self.report.weapons, c.weapons),
            ("place", self.report.places, c.places),
        ):
            shared = {(kind, v) for v in mine & theirs} - covered.facts
            if kind == "place":  # a place every candidate names says little
                shared = {f for f in shared if self.place_df.get(f[1], 0) <= self.many}
            if shared:
                weight, cap = _FACT_WEIGHTS[kind]
                specific += min(weight * len(shared), cap)
                reasons.extend(f"{kind} {v}" for _, v in sorted(shared))
                facts |= shared

        shared_words = (self.report.words & c.words) - covered.words
        coverage = sum(self.weights[w] for w in shared_words) / self.word_total
        length = (1 - _LENGTH_PIVOT) + _LENGTH_PIVOT * len(c.words) / self.average_size
        specific += _WORDS_WEIGHT * coverage / length
        reasons.append(f"shared words {coverage:.2f}")
        # The dispatch's headline names what it is about; a report on it repeats most of that.
        # A second dispatch's headline counts only when it brings words the first did not explain.
        repeated = c.title_words & self.report.words
        if len(repeated) >= 3 and len(repeated - covered.words) >= 2:
            headline = len(repeated) / len(c.title_words)
            specific += _TITLE_WEIGHT * headline
            if headline >= 0.5:
                reasons.append(f"headline words {headline:.2f}")

        context = 0.0
        types = self.report.event_types & c.event_types
        if types:
            context += _TYPE_WEIGHT
            reasons.insert(0, f"same event type: {sorted(types)[0]}")
        if c.published and (c.published in self.days or _WEEKDAYS[c.published.weekday()] in self.weekdays):
            context += _PUBLISHED_DAY_WEIGHT
            reasons.insert(0, f"published {c.published.isoformat()}, the day the report names")
        activity = sorted(d for d in c.event_dates if d in self.days or _WEEKDAYS[d.weekday()] in self.weekdays)
        if activity:
            context += _ACTIVITY_DAY_WEIGHT
            reasons.insert(0, f"date {activity[0].isoformat()} matches")
        # A flash report of a launch (South Korea's military that morning) comes out the day before the
        # dispatch, on the day the dispatch dates the test (or leaves undated), naming its weapon: it cannot
        # cite state media yet.
        flash = bool(
            # the test on a day the report names, or undated in a dispatch of the next day
            (activity or not c.event_dates)
            and "weapons_test" in c.event_types
            and (self.report.designations & c.designations or self.report.weapons & c.weapons)
            and c.published
            and self.report.published
            and (c.published - self.report.published).days == 1
        )
        if (
            c.published
            and self.report.published
            and c.published > self.report.published
            and not (_WEEKDAYS[c.published.weekday()] in self.weekdays or c.published in self.days)
            and not flash
        ):  # only a report in a time zone behind Korea's carries an earlier date, and it says which day
            context -= _LATER_PENALTY
            reasons.append("published after the report")
        if flash:
            reasons.append("a flash report of the test, the day before the dispatch")
        elif not self.cites_state_media:
            specific *= _UNCITED_FACTOR
            context *= _UNCITED_FACTOR
            reasons.append("the report does not cite North Korean state media")
        return _Scored(c, specific, context, reasons, found_quotes, shared_numbers, facts, shared_words)


def rank(report: Profile, candidates: Sequence[Profile]) -> list[tuple[Profile, float, list[str]]]:
    """Every candidate with its score and reasons, best first (no threshold, nothing explained away)."""
    scorer = _Scorer(report, candidates)
    scored = [scorer.score(c, _Covered()) for c in candidates]
    scored.sort(key=lambda s: (-s.total, s.candidate.id))
    return [(s.candidate, s.total, s.reasons) for s in scored]


def link_profiles(
    report: Profile, candidates: Sequence[Profile], threshold: float = THRESHOLD, max_links: int = MAX_LINKS
) -> list[Link]:
    """Links of ``report`` to ``candidates``: the best one if it reaches ``threshold``, then each
    further one whose evidence, less what the links so far already explain, still reaches it."""
    candidates = [c for c in candidates if c.id != report.id]
    # The report's own days give the first link (and the statistics every score is made with); the
    # week before them only adds the earlier dispatches of a week's roundup.
    own = [c for c in candidates if _of_its_days(c, report)]
    scorer = _Scorer(report, own)
    earlier = scorer.shortlist([c for c in candidates if not _of_its_days(c, report)])
    covered = _Covered()
    links: list[Link] = []
    links_day: date | None = None
    remaining = scorer.shortlist(own)
    alone: dict[str, float] = {}  # each candidate's score before any link explains part of it
    while remaining and len(links) < max_links:
        scored = [scorer.score(c, covered) for c in remaining]
        if not links:
            alone = {s.candidate.id: s.total for s in scored}
        best = _next_link(scored, threshold, links_day if links else None, alone)
        if best is None:
            break
        links.append(Link(best.candidate.id, best.total, tuple(best.reasons)))
        if best.candidate.published and len(links) == 1:
            # further links come from the news cycle of the first: a day either side of it (a statement
            # the day before and a reply the day after both stay)
            links_day = best.candidate.published
            remaining = [
                c
                for c in remaining + earlier
                if c.published and abs((c.published - links_day).days) <= WEEK_ROUNDUP_DAYS
            ]
        covered.quotes |= best.quotes
        covered.numbers |= best.numbers
        covered.facts |= best.facts
        covered.words |= best.words
        if best.candidate in remaining:
            remaining.remove(best.candidate)
    return links


def _next_link(
    scored: list[_Scored], threshold: float, links_day: date | None, alone: Mapping[str, float] | None = None
) -> _Scored | None:
    """The best scored candidate, if it makes a link: a first one reaching ``threshold``; a further one
    of the first one's news cycle with ``FURTHER_SPECIFIC`` of its own, or ``STRONG_FURTHER_SPECIFIC``
    when it scored ``STRONG_ALONE`` before the first link (else no more links); an earlier dispatch of a
    week's roundup, passed over unless it has ``ROUNDUP_SPECIFIC``."""
    for s in sorted(scored, key=lambda s: (s.total, s.candidate.id), reverse=True):
        if links_day is None:
            return s if s.total >= threshold else None
        in_cycle = _in_news_cycle(s.candidate, links_day)
        strong = in_cycle and (alone or {}).get(s.candidate.id, 0.0) >= STRONG_ALONE
        needed = FURTHER_SPECIFIC if in_cycle else ROUNDUP_SPECIFIC
        if s.specific >= (STRONG_FURTHER_SPECIFIC if strong else needed):
            return s
        if in_cycle:
            return None
    return None


def _of_its_days(candidate: Profile, report: Profile) -> bool:
    """Not one of the week before the report's own days (those only add to a roundup): the report's
    days, and whatever a search by the days or words it names found."""
    if candidate.published is None or report.published is None:
        return True
    return not FIRST_LINK_DAYS < (report.published - candidate.published).days <= WEEK_ROUNDUP_DAYS


def _in_news_cycle(candidate: Profile, links_day: date) -> bool:
    """Published within a day of the first link (or undated): its news cycle, not the week around it."""
    return candidate.published is None or abs((candidate.published - links_day).days) <= 1


def link_report(
    report: Document,
    extraction: Extraction | Mapping[str, Any],
    candidates: Iterable[tuple[Document, Extraction | Mapping[str, Any]]],
    threshold: float = THRESHOLD,
) -> list[Link]:
    """The dispatches among ``candidates`` that ``report`` reports on, best first, each with a
    score and the reasons; empty when the report is about something else."""
    return link_profiles(profile(report, extraction), [profile(d, e) for d, e in candidates], threshold)
