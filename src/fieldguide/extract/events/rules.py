"""The event rules of events.yaml, compiled, and the anchors that say which can match where."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from fieldguide.errors import KnowledgeBaseError
from fieldguide.extract.anchors import Gate, Hits, charset_first, with_first_chars
from fieldguide.extract.events.earlier import EarlierTime
from fieldguide.extract.sites import (
    SiteRules,
)
from fieldguide.extract.text import Sentence
from fieldguide.model import EVENT_TYPES

# The titles only the leader has held since 2012, as KCNA writes them without his name
# ("The Supreme Commander of the KPA expressed satisfaction"); "vice-chairman" is someone else.
LEADER_TITLES = (
    r"(?<![\w-])(?:(?:[Tt]he )?(?:dear )?(?:respected )?)?(?:"
    r"[Ff]irst [Ss]ecretary of the (?:Workers' Party of Korea|WPK)|"
    r"[Ff]irst [Cc]hairman of the National Defen[cs]e Commission|"
    r"[Cc]hairman of the (?:Workers' Party of Korea|WPK|State Affairs Commission)|"
    r"[Pp]resident of the State Affairs|"
    r"[Ss]upreme [Cc]ommander of the (?:Korean People's Army|KPA|armed forces)|"
    r"[Ss]upreme [Ll]eader of the (?:party|Party|Workers' Party of Korea|WPK),"
    r"(?: the)? (?:state|State) and (?:the )?(?:army|Army))"
)


LEADER_EPITHET = re.compile(
    r"\b(?:the (?:dear |respected |beloved |great )*(?:General Secretary|general secretary|"
    r"Comrade General Secretary|Marshal|"
    r"head of (?:our )?state|supreme leader|Supreme Leader|supreme commander|Supreme Commander|"
    r"leader of our (?:party|state)(?: and people)?)|"
    r"(?:the )?(?:dear )?respected (?:Comrade|General Secretary|Marshal|Chairman|Supreme Commander))"
    rf"\b(?! (?:Kim|of the (?!State|WPK\b|Workers)))|{LEADER_TITLES}(?! Kim)"
    # at a summit "the two leaders had talks": he is one of them, and the talks are his
    # ("the top leaders of the DPRK and the U.S." too; "the top leaders of the party" are others)
    # ("the top leaders of the north and the south" too)
    r"|\b(?:[Tt]he (?:two|top) (?:top )?leaders|[Bb]oth leaders)\b(?! of (?!the two|both|the DPRK and|the north and))"
    # ("the leaders of the two countries watched an art performance")
    r"|\b[Tt]he leaders of the two (?:countries|parties|sides)\b"
)


# The address itself named as the one that opened or closed its occasion ("made an opening address").
OPENING_ADDRESS = re.compile(r"\bopening (?:speech|address)\b")
CLOSING_ADDRESS = re.compile(r"\b(?:concluding|closing) (?:speech|address)\b")


ANY_RULE = re.compile("")  # asks whether any rule at all can match in a sentence


SITE_STOP = re.compile(
    r",|;|\.(?:\s|$)| on (?:\w+day|the (?:morning|afternoon|evening)|[A-Z][a-z]+\.? \d)| (?:and|to) (?:learn|see|"
    r"congratulate|acquaint|guide|inspect|look|examine|watch|meet|check|mark|celebrate|express|give|make|"
    r"encourage|convey|discuss|know)\b| from [A-Z]| amid | together with | accompanied by| which | who "
)


SECTORS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "munitions",
        re.compile(
            r"munition|defen[cs]e industr|defen[cs]e scien|university of national defen|weapon|missile|shell|"
            r"ammunition|ordnance|arms",
            re.I,
        ),
    ),
    (
        "military_unit",
        re.compile(
            r"\bunit\b|\bbase\b|division|regiment|air force|navy|naval|KPA|army|battalion|command|"
            r"artillery|special operation|military academy|flying corps|frontline|detachment|brigade|\bcorps\b|"
            r"fleet|squadron|outpost|garrison|border guard|sentry",
            re.I,
        ),
    ),
    (
        "construction",
        re.compile(r"construction|under construction|building of|project|rehabilitat|recovery", re.I),
    ),
    (
        "social",
        re.compile(
            r"hospital|school|university|college|kindergarten|nursery|housing|house|lodging|flood|"
            r"dining|sanatorium|resort|theatre|library|centre|center|academy",
            re.I,
        ),
    ),
    (
        "economic",
        re.compile(r"factory|farm|mine|plant|enterprise|complex|works|mill|greenhouse|fishery|port", re.I),
    ),
)


NO_EARLIER_TIME = EarlierTime.from_words((), ())


@dataclass(frozen=True, slots=True)
class EventRules:
    """The compiled form of events.yaml."""

    triggers: tuple[tuple[str, re.Pattern[str]], ...]
    attendance: re.Pattern[str]
    venue_nouns: tuple[tuple[str, re.Pattern[str]], ...]
    commemoration_sites: re.Pattern[str]
    new_site: re.Pattern[str]
    passive: tuple[tuple[str, re.Pattern[str]], ...]
    verdicts: tuple[tuple[str, re.Pattern[str]], ...]
    tasks: re.Pattern[str]
    visit_parts: re.Pattern[str]
    sites: SiteRules
    # Diplomacy needs someone from abroad: a delegation, an envoy, a head of another state by name.
    foreign_counterpart: re.Pattern[str]
    # Activities the text recalls rather than reports: anecdotes ("One day in July 2016, ...").
    recalled: re.Pattern[str]
    # What a visit is for, right after its site, that makes it a commemoration ("to express condolences").
    mourning: re.Pattern[str]
    # A visit to one of these (an embassy) is diplomacy, not an inspection.
    diplomatic_sites: re.Pattern[str] = re.compile(r"(?!x)x")
    # A visit to one of these (a polling station) is his vote, an act of type other.
    polling_sites: re.Pattern[str] = re.compile(r"(?!x)x")
    # Clauses that tell an earlier time of what was just named: their dates are not the activity's.
    earlier: EarlierTime = NO_EARLIER_TIME
    # The nouns venue_nouns were compiled from, by type (empty: not known, first_venue searches those).
    venue_words: tuple[tuple[str, tuple[str, ...]], ...] = ()
    gate: Gate = field(init=False)
    _index: dict[int, int] = field(init=False)
    _places_in_lists: dict[int, dict[int, list[int]]] = field(init=False)
    # The venue nouns of every type in one pattern, a named group a type: see venue_type.
    _any_venue: re.Pattern[str] | None = field(init=False)
    # The same for ASCII text lower-cased: see _lowered_words_pattern.
    _ascii_venue: re.Pattern[str] | None = field(init=False)

    def __post_init__(self) -> None:
        patterns = [
            *(p for _, p in self.triggers),
            *(p for _, p in self.passive),
            *(p for _, p in self.verdicts),
            self.attendance,
            self.tasks,
            self.visit_parts,
            OCCASION,
        ]
        # Live.finditer sorts what it finds by place, so these rules can take the longer openings:
        # the inspection and diplomacy triggers are then tried only where a match can begin, not
        # over each whole sentence that holds a common word of theirs ("made", "went", "met").
        object.__setattr__(self, "gate", Gate(patterns, across_groups=True))
        object.__setattr__(self, "_index", {id(p): i for i, p in enumerate(patterns)})
        # For the lists Live.live_in is asked about: where each gate pattern stands in the list.
        places_in_lists: dict[int, dict[int, list[int]]] = {}
        for rules in (self.triggers, self.passive):
            places: dict[int, list[int]] = {}
            for j, (_, p) in enumerate(rules):
                places.setdefault(self._index[id(p)], []).append(j)
            places_in_lists[id(rules)] = places
        object.__setattr__(self, "_places_in_lists", places_in_lists)
        flags = {p.flags for _, p in self.venue_nouns}
        any_venue = None
        if len(flags) == 1:  # one search instead of one a type; they are compiled alike
            alternatives = (f"(?P<v{i}>{p.pattern})" for i, (_, p) in enumerate(self.venue_nouns))
            any_venue = re.compile("|".join(alternatives), *flags)
        object.__setattr__(self, "_any_venue", any_venue)
        object.__setattr__(self, "_ascii_venue", _lowered_words_pattern([words for _, words in self.venue_words]))

    def venue_type(self, words: str) -> str | None:
        """The type of the venue noun written first in ``words`` (the first type listed when two begin at
        the same place), or None."""
        if self._any_venue is None:
            best: tuple[int, str] | None = None
            for etype, pattern in self.venue_nouns:
                m = pattern.search(words)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), etype)
            return best[1] if best else None
        # the leftmost match, and at one place the first alternative: the type the loop above gives
        m = self._any_venue.search(words)
        if m is None:
            return None
        return next(self.venue_nouns[i][0] for i in range(len(self.venue_nouns)) if m.group(f"v{i}") is not None)

    def first_venue(self, words: str) -> tuple[int, int, str] | None:
        """The venue noun written first in ``words`` as (start, end, type), the first type listed
        when two begin at the same place; one search of all types where they compile alike."""
        if self._ascii_venue is not None and words.isascii():
            m = self._ascii_venue.search(words.lower())
            if m is None or m.lastgroup is None:
                return None
            return m.start(), m.end(), self.venue_words[int(m.lastgroup[1:])][0]  # the group is g<i>
        if self._any_venue is None:
            best: tuple[int, int, str] | None = None
            for etype, pattern in self.venue_nouns:
                m = pattern.search(words)
                if m and (best is None or m.start() < best[0]):
                    best = (m.start(), m.end(), etype)
            return best
        m = self._any_venue.search(words)
        if m is None:
            return None
        etype = next(self.venue_nouns[i][0] for i in range(len(self.venue_nouns)) if m.group(f"v{i}") is not None)
        return m.start(), m.end(), etype

    def venue_begins_at(self, words: str, pos: int) -> bool:
        """Whether a venue noun of any type begins at ``pos``."""
        if self._ascii_venue is not None and words.isascii():
            return self._ascii_venue.match(words.lower(), pos) is not None
        if self._any_venue is None:
            return any(p.match(words, pos) for _, p in self.venue_nouns)
        return self._any_venue.match(words, pos) is not None

    def live(self, lowered: str, sentences: list[Sentence], hits: Hits | None = None) -> Live:
        """Where each pattern's anchors occur, by sentence: only there can it match."""
        starts = [x.span.start for x in sentences]
        always = set(self.gate.always)
        by_sentence: dict[int, dict[int, list[int]]] = {}
        for i, positions in self.gate.positions(lowered, hits).items():
            if i in always:
                continue
            for pos in positions:
                si = bisect_right(starts, pos) - 1
                by_sentence.setdefault(si, {}).setdefault(i, []).append(pos - starts[si])
        return Live(by_sentence, self._index, always, self.gate.starts_at_anchor, self._places_in_lists)

    @classmethod
    def from_data(
        cls, data: dict[str, Any], site_data: dict[str, Any] | None = None, foreign_people: Iterable[str] = ()
    ) -> EventRules:
        """``foreign_people``: the names and aliases of the knowledge base's people from abroad."""
        def rx(pattern: str, where: str) -> re.Pattern[str]:
            try:
                return re.compile(pattern, re.IGNORECASE)
            except re.error as e:
                raise KnowledgeBaseError(f"events.yaml: {where}: bad pattern {pattern!r}: {e}") from e

        def alternation(patterns: list[str], where: str, bounded: bool = True) -> re.Pattern[str]:
            body = "|".join(f"(?:{p})" for p in patterns) or r"(?!x)x"
            return rx(rf"\b(?:{body})\b" if bounded else body, where)

        def as_written(patterns: list[str], where: str) -> re.Pattern[str]:
            body = "|".join(patterns) or r"(?!x)x"  # case counts: "south Korea", "Lao" but not "lao"
            try:
                return re.compile(rf"\b(?:{body})\b")
            except re.error as e:
                raise KnowledgeBaseError(f"events.yaml: {where}: bad pattern: {e}") from e

        triggers: list[tuple[str, re.Pattern[str]]] = []
        for etype, patterns in (data.get("triggers") or {}).items():
            if etype not in EVENT_TYPES:
                raise KnowledgeBaseError(f"events.yaml: unknown event type {etype!r}")
            triggers.append((etype, alternation(list(patterns), f"triggers.{etype}")))
        venues = []
        venue_words = []
        for etype, nouns in (data.get("venue_types") or {}).items():
            if etype not in EVENT_TYPES:
                raise KnowledgeBaseError(f"events.yaml: venue_types: unknown event type {etype!r}")
            venues.append((etype, alternation([re.escape(n) for n in nouns], f"venue_types.{etype}")))
            venue_words.append((etype, tuple(nouns)))
        passive = []
        for etype, patterns in (data.get("passive") or {}).items():
            passive.append((etype, alternation(list(patterns), f"passive.{etype}")))
        verdicts = []
        for kind, patterns in (data.get("verdicts") or {}).items():
            verdicts.append((kind, alternation(list(patterns), f"verdicts.{kind}")))
        return cls(
            triggers=tuple(triggers),
            attendance=alternation(list(data.get("attendance") or []), "attendance"),
            venue_nouns=tuple(venues),
            # (these are searched, not tried at anchors: see with_first_chars)
            commemoration_sites=with_first_chars(
                alternation([re.escape(s) for s in data.get("commemoration_sites") or []], "commemoration_sites")
            ),
            new_site=with_first_chars(alternation([re.escape(s) for s in data.get("new_site") or []], "new_site")),
            passive=tuple(passive),
            verdicts=tuple(verdicts),
            tasks=alternation(list(data.get("tasks") or []), "tasks"),
            visit_parts=alternation(list(data.get("visit_parts") or []), "visit_parts"),
            sites=SiteRules.from_data(site_data or {}),
            foreign_counterpart=with_first_chars(
                as_written(
                    [*(data.get("foreign_counterpart") or []), *sorted({re.escape(n) for n in foreign_people})],
                    "foreign_counterpart",
                )
            ),
            recalled=with_first_chars(as_written(list(data.get("recalled") or []), "recalled")),
            mourning=alternation(list(data.get("mourning_purposes") or []), "mourning_purposes"),
            diplomatic_sites=with_first_chars(
                alternation([re.escape(s) for s in data.get("diplomatic_sites") or []], "diplomatic_sites")
            ),
            polling_sites=with_first_chars(
                alternation([re.escape(s) for s in data.get("polling_sites") or []], "polling_sites")
            ),
            venue_words=tuple(venue_words),
            earlier=EarlierTime.from_words(
                (data.get("earlier_time") or {}).get("making") or (),
                (data.get("earlier_time") or {}).get("past_forms") or (),
            ),
        )


def _lowered_words_pattern(groups: Sequence[Sequence[str]]) -> re.Pattern[str] | None:
    """For lists of words each compiled as ``\\b(?:w1|w2|...)\\b`` with IGNORECASE, one pattern with
    a group ``g<i>`` a list that finds in an ASCII text lower-cased the same matches, in the same
    order of preference, as those patterns joined into one (``(?P<v0>...)|(?P<v1>...)``) find in the
    text itself.

    It begins with a character class, which the regex engine skips to; case-insensitive patterns
    and ones that open on a word boundary are tried at every character, five times slower over a
    sentence. None when a word does not begin and end with an ASCII letter or digit (there a word
    boundary is not the same as "no word character beside it")."""
    words = [w for group in groups for w in group]
    if not words or not all(w.isascii() and w[0].isalnum() and w[-1].isalnum() for w in words):
        return None
    initials = "".join(sorted({w[0].lower() for w in words}))
    alternatives = []
    for i, group in enumerate(groups):
        # each word's first letter is taken by the class; the lookbehind says which it was
        rest = "|".join(f"(?<={re.escape(w[0].lower())}){re.escape(w[1:].lower())}" for w in group) or r"(?!x)x"
        alternatives.append(f"(?P<g{i}>(?:{rest})(?!\\w))")
    return re.compile(f"[{initials}](?<!\\w[{initials}])(?:{'|'.join(alternatives)})")


# How far before and after its anchor a rule's match may reach.
WINDOW_BEFORE, WINDOW_AFTER = 200, 240


@dataclass(slots=True)
class Live:
    """Which rules can match in which sentence, and where their anchors are (see anchors.py)."""

    by_sentence: dict[int, dict[int, list[int]]]
    index: dict[int, int]
    always: set[int]
    starts_at: set[int]  # patterns whose matches begin exactly at an anchor: tried only there
    # by id of a list of rules: where each of its patterns (by gate index) stands in it
    places_in_lists: dict[int, dict[int, list[int]]] = field(default_factory=dict)

    def __call__(self, pattern: re.Pattern[str], sentence: Sentence) -> bool:
        here = self.by_sentence.get(sentence.index)
        if pattern is ANY_RULE:
            return bool(here) or bool(self.always)
        i = self.index[id(pattern)]
        return i in self.always or (here is not None and i in here)

    def live_in(
        self, sentence: Sentence, patterns: Sequence[tuple[str, re.Pattern[str]]]
    ) -> list[tuple[str, re.Pattern[str]]]:
        """Those of ``patterns`` whose anchors occur in the sentence."""
        here = self.by_sentence.get(sentence.index)
        always = self.always
        if here is None and not always:
            return []  # no anchor of any rule in the sentence
        here = here or {}
        places = self.places_in_lists.get(id(patterns))
        if places is not None and not always:
            # from the few rules live here, not through the whole list
            found = sorted(j for i in here if i in places for j in places[i])
            return [patterns[j] for j in found]
        index = self.index
        return [(k, p) for k, p in patterns if (i := index[id(p)]) in here or i in always]

    def search(self, pattern: re.Pattern[str], sentence: Sentence) -> re.Match[str] | None:
        """``pattern.search(sentence.text)``; a pattern whose matches begin at its anchors is tried
        only there, from the first on."""
        i = self.index[id(pattern)]
        if i not in self.starts_at:
            return pattern.search(sentence.text)
        for pos in sorted(set(self.by_sentence.get(sentence.index, {}).get(i, ()))):
            m = pattern.match(sentence.text, pos)
            if m:
                return m
        return None

    def finditer(self, pattern: re.Pattern[str], sentence: Sentence) -> list[re.Match[str]]:
        """The pattern's matches in the sentence, searched only around its anchors."""
        i = self.index[id(pattern)]
        text = sentence.text
        if i in self.always:
            return list(pattern.finditer(text))
        positions = self.by_sentence.get(sentence.index, {}).get(i)
        if not positions:
            return []
        if i in self.starts_at:
            out = []
            end = 0
            for pos in sorted(set(positions)):
                if pos < end:
                    continue
                m = pattern.match(text, pos)
                if m:
                    out.append(m)
                    end = m.end()
            return out
        if len(text) <= WINDOW_BEFORE + WINDOW_AFTER:
            return list(pattern.finditer(text))
        found: dict[int, re.Match[str]] = {}
        end = -1
        for pos in positions:
            lo, hi = max(0, pos - WINDOW_BEFORE), min(len(text), pos + WINDOW_AFTER)
            if hi <= end:
                continue
            for m in pattern.finditer(text, max(lo, end), hi):
                found.setdefault(m.start(), m)
            end = hi
        return [found[k] for k in sorted(found)]


OCCASION = re.compile(
    charset_first(
        [
            "took place",
            "was held",
            "were held",
            "was given",
            "was staged",
            "was opened",
            "opened",
            "began",
            "kicked off",
            # "The first ground jet test ... was successfully conducted at the launching ground"
            "was conducted",
            "were conducted",
            "was successfully conducted",
            # "A new-type destroyer was launched at the Nampho Shipyard": where its launching ceremony was
            "was launched at",
            "was inaugurated",
        ]
    )
)


OCCASION_WORDS = ("place", "held", "given", "staged", "opened", "began", "kicked", "conducted")


# Event types that can stand beside an inspection of the same visit as events of their own.
OWN_EVENT_AT_VISIT = frozenset(
    {"meeting", "speech", "ceremony", "military_exercise", "cultural_event", "weapons_test", "diplomacy"}
)


SIGNING = "signing"
# the venue of a state visit to a country ("paid an official goodwill visit to Viet Nam"): a trip its talks tell
STATE_VISIT_VENUE = "state visit"
