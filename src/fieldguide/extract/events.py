"""Events: who did what, reported as having happened, with dates, sites and people.

The rules are data (``kb/data/events.yaml``); this module reads a dispatch a
sentence at a time, keeps track of whom the story is about (so that "he" is
resolved), finds the trigger phrases of each activity, and groups the parts of
one visit into one event while a new site ("also went to ...") starts another.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from fieldguide.errors import KnowledgeBaseError
from fieldguide.extract.anchors import Gate, Hits, charset_first
from fieldguide.extract.dates import DateMention
from fieldguide.extract.digest import begins_another_story
from fieldguide.extract.occupied import Occupied
from fieldguide.extract.sites import (
    SiteRules,
    content_words,
    fullest,
    has_head,
    locative_sites,
    named_in_full,
    singular_head,
    site_phrase,
    split_sites,
)
from fieldguide.extract.text import Sentence, lowercase, sentence_at
from fieldguide.model import EVENT_TYPES, LEADER, Event, Mention, Participant, Span

# The titles only the leader has held since 2012, as KCNA writes them without his name
# ("The Supreme Commander of the KPA expressed satisfaction"); "vice-chairman" is someone else.
LEADER_TITLES = (
    r"(?<![\w-])(?:(?:[Tt]he )?(?:dear )?(?:respected )?)?(?:"
    r"[Ff]irst [Ss]ecretary of the (?:Workers' Party of Korea|WPK)|"
    r"[Ff]irst [Cc]hairman of the National Defen[cs]e Commission|"
    r"[Cc]hairman of the (?:Workers' Party of Korea|WPK|State Affairs Commission)|"
    r"[Pp]resident of the State Affairs|"
    r"[Ss]upreme [Cc]ommander of the (?:Korean People's Army|KPA|armed forces)|"
    r"supreme leader of the (?:party|Party), (?:state|State) and (?:army|Army))"
)
LEADER_EPITHET = re.compile(
    r"\b(?:the (?:dear |respected |beloved |great )*(?:General Secretary|Comrade General Secretary|Marshal|"
    r"head of (?:our )?state|supreme leader|leader of our (?:party|state)(?: and people)?)|"
    r"(?:the )?(?:dear )?respected (?:Comrade|General Secretary|Marshal|Chairman|Supreme Commander))"
    rf"\b(?! (?:Kim|of the (?!State)))|{LEADER_TITLES}(?! Kim)"
    # at a summit "the two leaders had talks": he is one of them, and the talks are his
    r"|\b(?:[Tt]he (?:two|top) (?:top )?leaders|[Bb]oth leaders)\b(?! of (?!the two))"
)
# A name after one of these is not the subject of its clause.
OBJECT_CONTEXT = re.compile(
    r"(?:\b(?:of|to|by|for|from|with|towards?|behind|around|about|on|upon|under|before|after|"
    r"greet(?:ed|ing)?|welcom(?:ed|ing)|receiv(?:ed|ing)|invit(?:ed|ing)|cheer(?:ed|ing)|met|"
    r"authorization of|name of|behalf of|(?:his|her) wife|(?:his|her) daughter)|'s|“|\")\s*(?:the\s+)?"
    r"(?:(?:respected|beloved|dear)\s+)*"
    r"(?:(?:Comrade|General Secretary|President|Chairman|Marshal)\s*)*$"
)
# A sentence that lists who was present: "Present there were ...", "Present on the platform were ...".
PRESENT_LIST = re.compile(r"^(?:Also )?[Pp]resent\b[^.;]{0,80}?\b(?:were|was)\b")
# a verb in a relative or a "since" clause tells of another time ("remodelled since he visited it in May")
RELATIVE_BEFORE = re.compile(r"\b(?:which|that|where|when|whom|who|as|since)\s+(?:\w+\s+){0,2}$")
MODAL_BEFORE = re.compile(r"\b(?:will|would|shall|to|plans? to|is to|are to|going to|intends? to)\s+$")
# "The message said:" — what follows is the message, not the story, until a new item ("- ...") begins.
QUOTE_START = re.compile(
    r"\b(?:message|letter|greeting|congratulatory message|reply message|telegram|speech|address|statement|"
    r"it|which|card|note)\b[^.:]{0,40}\b(?:said|says|reads?|read as follows|as follows|noted|stressed)\s*:\s*$"
)
ANY_RULE = re.compile("")  # asks whether any rule at all can match in a sentence
NEW_ITEM = re.compile(r"^[-•*]\s")
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
            r"artillery|special operation|military academy|flying corps|frontline",
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
    gate: Gate = field(init=False)
    _index: dict[int, int] = field(init=False)

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
        object.__setattr__(self, "gate", Gate(patterns))
        object.__setattr__(self, "_index", {id(p): i for i, p in enumerate(patterns)})

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
        return Live(by_sentence, self._index, always, self.gate.starts_at_anchor)

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
        for etype, nouns in (data.get("venue_types") or {}).items():
            if etype not in EVENT_TYPES:
                raise KnowledgeBaseError(f"events.yaml: venue_types: unknown event type {etype!r}")
            venues.append((etype, alternation([re.escape(n) for n in nouns], f"venue_types.{etype}")))
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
            commemoration_sites=alternation(
                [re.escape(s) for s in data.get("commemoration_sites") or []], "commemoration_sites"
            ),
            new_site=alternation([re.escape(s) for s in data.get("new_site") or []], "new_site"),
            passive=tuple(passive),
            verdicts=tuple(verdicts),
            tasks=alternation(list(data.get("tasks") or []), "tasks"),
            visit_parts=alternation(list(data.get("visit_parts") or []), "visit_parts"),
            sites=SiteRules.from_data(site_data or {}),
            foreign_counterpart=as_written(
                [*(data.get("foreign_counterpart") or []), *sorted({re.escape(n) for n in foreign_people})],
                "foreign_counterpart",
            ),
            recalled=as_written(list(data.get("recalled") or []), "recalled"),
            mourning=alternation(list(data.get("mourning_purposes") or []), "mourning_purposes"),
        )


# How far before and after its anchor a rule's match may reach.
WINDOW_BEFORE, WINDOW_AFTER = 200, 240


@dataclass(slots=True)
class Live:
    """Which rules can match in which sentence, and where their anchors are (see anchors.py)."""

    by_sentence: dict[int, dict[int, list[int]]]
    index: dict[int, int]
    always: set[int]
    starts_at: set[int]  # patterns whose matches begin exactly at an anchor: tried only there

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
        here = self.by_sentence.get(sentence.index, {})
        index, always = self.index, self.always
        return [(k, p) for k, p in patterns if index[id(p)] in here or index[id(p)] in always]

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


@dataclass(slots=True)
class _Candidate:
    type: str
    actor: str
    sentence: Sentence
    trigger: Span
    site: str | None = None
    venue: str | None = None  # the noun of an attended occasion: "meeting", "performance"
    new_site: bool = False
    counterpart: str | None = None  # the recipient, sender or guest
    visit_part: bool = False  # a part of a visit when one comes before it ("met the officials there")
    passive: bool = False  # found by a passive phrase ("a wreath in the name of Kim Jong Un")
    new_day: bool = False  # its sentence opens on a day of its own ("On February 28 the two leaders ...")


@dataclass(slots=True)
class _Agent:
    pos: int
    actor: str | None  # None: a pronoun still to resolve


def people_by_sentence(sentences: list[Sentence], people: list[Mention]) -> dict[int, list[Mention]]:
    """Person mentions grouped by the sentence they stand in (one pass, not one per sentence)."""
    starts = [s.span.start for s in sentences]
    out: dict[int, list[Mention]] = {}
    for m in people:
        out.setdefault(bisect_right(starts, m.span.start) - 1, []).append(m)
    return out


_JOINED = re.compile(r"\s+and\s+(?:his\s+wife\s+)?")


def _agents(sentence: Sentence, people: list[Mention], text: str, words: list[re.Match[str]]) -> list[_Agent]:
    """Who could be the subject of a verb in this sentence, in order.

    ``people`` are the person mentions in the sentence, ``words`` the epithets and pronouns in it."""
    s0 = sentence.span.start
    agents: list[_Agent] = []
    for person in people:
        before = text[max(s0, person.span.start - 60) : person.span.start]
        if OBJECT_CONTEXT.search(before):
            continue
        agents.append(_Agent(person.span.end - s0, person.canonical))
    for word in words:
        if word.lastgroup == "pronoun":
            agents.append(_Agent(word.end() - s0, None))
        elif not OBJECT_CONTEXT.search(text[max(s0, word.start() - 40) : word.start()]):
            agents.append(_Agent(word.end() - s0, LEADER))
    agents.sort(key=lambda a: a.pos)
    # "Kim Jong Un and Ri Sol Ju (and Moon Jae In and his wife) had a luncheon": subjects joined to
    # the leader's are his company
    kept: list[_Agent] = []
    joined = False
    for i, a in enumerate(agents):
        if i and a.actor not in (LEADER, None) and (agents[i - 1].actor == LEADER or joined) and _JOINED.fullmatch(
            text[s0 + agents[i - 1].pos : s0 + a.pos - len(a.actor)]
        ):
            joined = True
            continue
        joined = False
        kept.append(a)
    return kept


SUBJECT_WORDS = re.compile(rf"(?P<epithet>{LEADER_EPITHET.pattern})|(?P<pronoun>[Hh](?<![\w-][Hh])e\b)")
PRONOUN_ONLY = re.compile(r"(?P<pronoun>[Hh](?<![\w-][Hh])e\b)")
EPITHET_WORDS = (
    "respected", "general secretary", "marshal", "head of", "supreme leader", "leader of our",
    "first secretary", "chairman of the", "president of the state", "supreme commander", "two leaders",
    "top leaders", "both leaders",
)


def _subject_words(text: str, lowered: str, sentences: list[Sentence]) -> dict[int, list[re.Match[str]]]:
    """Leader epithets and the pronoun "he", found in one pass and grouped by sentence."""
    starts = [s.span.start for s in sentences]
    out: dict[int, list[re.Match[str]]] = {}
    found = list(PRONOUN_ONLY.finditer(text))
    # the epithet pattern only near its words: trying it at every character costs more than all the rest
    seen: set[int] = set()
    for word in EPITHET_WORDS:
        at = lowered.find(word)
        while at != -1:
            for m in SUBJECT_WORDS.finditer(text, max(0, at - 40), min(len(text), at + 50)):
                if m.lastgroup == "epithet" and m.start() not in seen:
                    seen.add(m.start())
                    found.append(m)
            at = lowered.find(word, at + 1)
    for m in found:
        out.setdefault(bisect_right(starts, m.start()) - 1, []).append(m)
    for matches in out.values():
        matches.sort(key=lambda m: m.start())
    return out


# What may stand between a visit's verb and its site: a day, and "of" after a survey or inspection
# ("made a field survey of the power station").
_BEFORE_SITE = re.compile(
    r"\s*(?:on \w+day,?\s*|on [A-Z][a-z]+\.? \d+,?\s*)?(?:(?<=survey )of |(?<=inspection )of |(?<=tour )of )?"
)


def _site_after(sentence: str, pos: int, rules: SiteRules) -> str | None:
    """The site an inspection or commemoration verb names: "inspected <the training base of ...>"."""
    # "made a field survey of the power station": the place after "of"
    rest = _BEFORE_SITE.match(sentence, pos)
    begin = rest.end() if rest else pos
    span = site_phrase(sentence, begin, len(sentence), rules)
    if span is None:
        # "learned about the production of small arms at a factory": the place is after "at"
        at = re.match(r"[^,.;]*? (?:at|in) (?=(?:an?|the|another) )", sentence[begin:])
        span = site_phrase(sentence, begin + at.end(), len(sentence), rules) if at else None
    if span is None or rules.is_part(sentence[span[0] : span[1]]):
        return None
    return sentence[span[0] : span[1]]


# Event types whose verb names the site ("inspected X", "visited X", "sent a wreath to X").
_SITE_FROM_VERB = frozenset({"inspection", "commemoration", "message_sent"})
# Event types that happen at a place; without a site from the verb, one is looked for nearby.
_LOCATED = frozenset(
    {"inspection", "commemoration", "meeting", "ceremony", "speech", "cultural_event", "weapons_test",
     "military_exercise", "diplomacy"}
)
_WREATH = re.compile(r"wreath|floral basket|bouquet", re.I)
# "the MRLS under production at defence industrial enterprises": where it is made, not where it is used
_PRODUCED_AT = re.compile(r"(?:production|produced|manufactured|made)\s+(?:at|in)\s+$")
_LEAD_SITE = re.compile(
    r"(The (?:plaza|square|site|venue|grounds?|hall|stadium) of (?:the )?[A-Z0-9][\w'’ -]{2,80}?), where\b"
)


def _umbrella(first: str, later: str) -> bool:
    """``first`` names a tour of several places ("major munitions factories") and ``later`` one of them."""
    head = singular_head(first)
    plurals = {f"{head}s", f"{head[:-1]}ies"} if head else set()
    plural = any(w.lower().strip(",.;") in plurals for w in first.split())
    # "a munitions factory", "the Kosan Fruit Farm", "Farm No. 1116": one of them
    return plural and singular_head(later) == head and (
        later.split()[0].lower() in ("a", "an", "the") or later[:1].isupper()
    )


def _located_site(group: list[_Candidate], inputs: EventInputs, rules: SiteRules) -> str | None:
    """A site for an event whose verb names none: "at the Pyongyang Indoor Stadium" in its sentences,
    else where the text reports the occasion taking place ("The talk took place at ...")."""
    text = inputs.text
    first, last = group[0].sentence.index, group[-1].sentence.index
    for sentence in inputs.sentences[first : last + 2]:
        if sentence.index > last and (begins_another_story(sentence.text) or sentence.index in inputs.acts):
            break  # the next line of a digest is another story; the next activity has its own place
        for a, b in locative_sites(text, sentence.span.start, sentence.span.end, rules):
            phrase = text[a:b]
            made_there = _PRODUCED_AT.search(text[max(0, a - 30) : a])
            if has_head(phrase, rules) and not rules.is_part(phrase) and not rules.is_target(phrase) and not made_there:
                return named_in_full(phrase, text, rules)
    if group[0].type == "weapons_test":
        # "The rocket blasted off from the Sohae Satellite Launching Ground": the launch site, told anywhere
        for sentence in inputs.sentences:
            if begins_another_story(sentence.text) and sentence.index != first:
                continue
            for m in rules.launch_locatives.finditer(sentence.text):
                span = site_phrase(sentence.text, m.end(), len(sentence.text), rules)
                # a named place, not the launcher, ship or submarine it was fired from
                if span and any(w[:1].isupper() for w in sentence.text[span[0] : span[1]].split()):
                    return sentence.text[span[0] : span[1]]
    noun = group[0].venue
    if noun:
        # "made a speech at the parade": where the sentence that first reported the parade held it,
        # even the line of a digest before
        for sentence in inputs.sentences[:first]:
            if noun in sentence.text.lower() and OCCASION.search(sentence.text):
                for a, b in locative_sites(text, sentence.span.start, sentence.span.end, rules):
                    phrase = text[a:b]
                    if has_head(phrase, rules) and not rules.is_part(phrase) and not rules.is_target(phrase):
                        return phrase
                break
    if inputs.scene_sentences is None:  # looked for once per document, not once per event
        inputs.scene_sentences = [
            s
            for s in inputs.sentences
            if not begins_another_story(s.text)
            and (", where" in s.text or "arrived at" in s.text or OCCASION.search(s.text))
        ]
    for sentence in inputs.scene_sentences:
        lead = _LEAD_SITE.match(sentence.text)
        if lead:  # "The plaza of the April 25 House of Culture, where ...": the scene set at its start
            return lead.group(1)
        if not OCCASION.search(sentence.text) and "arrived at" not in sentence.text:
            continue
        for a, b in locative_sites(text, sentence.span.start, sentence.span.end, rules):
            phrase = text[a:b]
            if has_head(phrase, rules) and not rules.is_part(phrase) and not rules.is_target(phrase):
                return phrase
    for sentence in inputs.scene_sentences:
        city = HELD_IN_CITY.search(sentence.text)
        if city:  # "The plenary meeting was held in Pyongyang": a city alone, when nothing closer is named
            return city.group(1)
    return None


HELD_IN_CITY = re.compile(r"\b(?:took place|was held|were held) in ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")


def _sector(site: str | None) -> str | None:
    if not site:
        return None
    for name, pattern in SECTORS:
        if pattern.search(site):
            return name
    return None


def _type_for_venue(rules: EventRules, words: str) -> str | None:
    best: tuple[int, str] | None = None
    for etype, pattern in rules.venue_nouns:
        m = pattern.search(words)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), etype)
    return best[1] if best else None


def _candidates(
    sentences: list[Sentence],
    people: list[Mention],
    text: str,
    rules: EventRules,
    title: str | None,
    live: Live,
    lowered: str,
    towns: dict[int, int] | None = None,
) -> list[_Candidate]:
    out: list[_Candidate] = []
    focus: str | None = None
    quoted = False
    occasion = _occasion(rules, title or "", headline=True)
    in_sentence = people_by_sentence(sentences, people)
    subject_words = _subject_words(text, lowered, sentences)
    occasion_sentences = {
        x.index
        for x in sentences
        if live(OCCASION, x) and OCCASION.search(x.text)  # anchors from the shared scan
    }
    for sentence in sentences:
        agents = _agents(sentence, in_sentence.get(sentence.index, []), text, subject_words.get(sentence.index, []))
        if PRESENT_LIST.match(sentence.text):
            # "Present there were Kang Sun Nam, ... and Pak Jong Chon": a list of those present, whose
            # names are no subjects; the story stays with whom it was about
            agents = []
        if quoted and (NEW_ITEM.match(sentence.text) or _narrative_resumes(sentence, agents)):
            quoted = False
        resolved = [a.actor if a.actor is not None else focus for a in agents]
        if sentence.index in occasion_sentences:
            occasion = _occasion(rules, sentence.text, headline=True) or occasion
        # without a subject only a passive rule ("under the guidance of Kim Jong Un") can fire
        if not quoted and live(ANY_RULE, sentence) and (agents or live.live_in(sentence, rules.passive)):
            out.extend(_sentence_candidates(sentence, agents, resolved, rules, occasion, live, towns or {}))
        if resolved:
            # "X greeted the guests, and Kim Jong Un watched the parade. ... he attended": the story
            # goes on about the leader when he is a subject of the sentence
            focus = LEADER if LEADER in resolved else resolved[0] if resolved[0] is not None else focus
        if sentence.text.endswith(":") and QUOTE_START.search(sentence.text):
            quoted = True  # what follows "The message said:" is the message, not the story
    return out


def _sentence_candidates(
    sentence: Sentence,
    agents: list[_Agent],
    resolved: list[str | None],
    rules: EventRules,
    occasion: tuple[str, str] | None,
    live: Live,
    towns: dict[int, int],
) -> list[_Candidate]:
    text = sentence.text
    found: list[_Candidate] = []
    claim = Occupied(len(text)).claim
    agent_positions = [agent.pos for agent in agents]  # sorted: _agents orders them

    def actor_before(pos: int) -> str | None:
        """The last agent at or before ``pos`` (a search: a long sentence may hold thousands)."""
        i = bisect_right(agent_positions, pos) - 1
        return resolved[i] if i >= 0 else None

    for m in live.finditer(rules.visit_parts, sentence):
        actor = actor_before(m.start())
        if actor is not None and claim(m.start(), m.end()):
            found.append(_Candidate("meeting", actor, sentence, _span(sentence, m), visit_part=True))
    for etype, pattern in live.live_in(sentence, rules.passive):
        for m in live.finditer(pattern, sentence):
            if claim(m.start(), m.end()):
                noun = m.group().split()[0].lower().rstrip(",")
                found.append(_Candidate(etype, LEADER, sentence, _span(sentence, m), venue=noun, passive=True))
    for m in live.finditer(rules.attendance, sentence):
        actor = actor_before(m.start())
        head = text[max(0, m.start() - 40) : m.start()]
        if actor is None or RELATIVE_BEFORE.search(head) or MODAL_BEFORE.search(head):
            continue
        after = text[m.end() : m.end() + 90]
        attended = _type_for_venue(rules, after.split(",")[0])
        venue = _type_noun(rules, attended, after) if attended else None
        if attended is None and occasion is not None:
            attended, venue = occasion  # "appeared on the platform": the occasion the story is about
        if attended is None:
            continue
        if claim(m.start(), m.end()):
            found.append(_Candidate(attended, actor, sentence, _span(sentence, m), venue=venue))
    for etype, pattern in live.live_in(sentence, rules.triggers):
        for m in live.finditer(pattern, sentence):
            actor = actor_before(m.start())
            if actor is None and m.start() == 0 and resolved and (
                m.group().split()[0].endswith("ing") or text[m.end() : m.end() + 1] == ","
            ):
                # "Looking round the site, he discussed ...", "At the talks, he said ...": the subject
                # comes after the opening phrase
                actor = resolved[0]
            if actor is None:
                continue
            head = text[max(0, m.start() - 40) : m.start()]
            if RELATIVE_BEFORE.search(head) or MODAL_BEFORE.search(head):
                continue
            if re.search(r"\b(?:his|her|their|its)\s+(?:[\w-]+\s+){0,2}$", head):
                continue  # a noun phrase ("his field guidance"), not an act
            if not claim(m.start(), m.end()):
                continue
            site = _site_after(text, m.end(), rules.sites) if etype in _SITE_FROM_VERB else None
            if etype == "message_sent" and site and not (_WREATH.search(m.group()) and has_head(site, rules.sites)):
                site = None
            kind = etype
            if kind == "inspection" and site and rules.commemoration_sites.search(site):
                kind = "commemoration"
            if kind == "inspection" and site and _type_for_venue(rules, _head_word(site)) == "cultural_event":
                kind = "cultural_event"  # "visited an exhibition of ...": he saw an exhibition
            if kind == "inspection" and site and _visit_purpose(text, m.end(), site, rules.mourning):
                kind = "commemoration"  # "visited the embassy to express condolences over the death"
            if kind == "inspection" and site and COUNTRY_SITE.match(site):
                if not STATE_VISIT.search(m.group()):
                    continue  # "visited Russia": the visit is told by its talks and events
                # "paid an unofficial visit to China from March 25 to 28": the summit, dated by the visit
                kind, site = "diplomacy", None
            new_site = bool(rules.new_site.search(text[max(0, m.start() - 30) : m.start()]))
            # "On June 30 he visited ...", "The next day he inspected ...": a day of a tour, a visit of its own
            first_visit_here = not any(f.type == "inspection" for f in found)
            new_site = new_site or bool(kind == "inspection" and first_visit_here and DAY_OF_TOUR.match(text))
            summit = SUMMIT_WORDS.search(m.group()) or TWO_LEADERS.search(text, 0, m.start())
            if kind == "diplomacy" and not (rules.foreign_counterpart.search(text) or summit):
                continue  # talks with someone at home are a meeting; a summit is with a foreign leader
            subjects = resolved[: bisect_right(agent_positions, m.start())]
            if kind == "diplomacy" and actor != LEADER and LEADER in subjects:
                actor = LEADER  # "Kim Jong Un ... and Moon Jae In ... signed the declaration": both did
            counterpart = None
            if kind in ("message_sent", "gift", "message_received", "diplomacy"):
                counterpart = _counterpart(text, m.end(), m.group())
            # "visited the Sinuiju Cosmetics Factory and the Sinuiju Textile Mill": two sites, two visits
            sites = split_sites(site, rules.sites) if kind == "inspection" and site else [site]
            if kind == "inspection" and site is None:
                sites = _towns_after(text, m.end(), sentence.span.start, towns) or sites
            for k, one_site in enumerate(sites):
                found.append(
                    _Candidate(
                        kind,
                        actor,
                        sentence,
                        _span(sentence, m),
                        site=one_site,
                        new_site=new_site or k > 0,
                        counterpart=counterpart,
                        venue=SIGNING if kind == "diplomacy" and m.group().lower().startswith("signed")
                        else _occasion_noun(kind, m.group()),
                        new_day=bool(DAY_OF_TOUR.match(text)),
                    )
                )
            held_at = SPEECH_AT.match(text, m.end()) if kind == "speech" else None
            venue_type = _type_for_venue(rules, held_at.group(1)) if held_at else None
            if held_at and venue_type in ("ceremony", "meeting"):
                # "made a speech at the ceremony": he was at the ceremony too (one event each)
                found.append(_Candidate(venue_type, actor, sentence, _span(sentence, m), venue=held_at.group(1)))
    found.sort(key=lambda c: c.trigger.start)
    return found


# Places named without a determiner that a visit can be to ("visited Vladivostok"); not countries.
TOWN_KINDS = frozenset({"city", "town", "county", "district", "village", "island"})


def _towns_after(text: str, pos: int, offset: int, towns: dict[int, int]) -> list[str | None]:
    """The towns a visit verb names by name alone: "visited Komsomolsk-on-Amur and Vladivostok"."""
    found: list[str | None] = []
    at = pos + len(text[pos:]) - len(text[pos:].lstrip())
    while at + offset in towns:
        end = towns[at + offset] - offset
        found.append(text[at:end])
        joint = re.match(r",? (?:and )?", text[end:])
        if not joint:
            break
        at = end + joint.end()
    return found


# A country as the "site" of a visit: "paid an unofficial visit to the People's Republic of China".
COUNTRY_SITE = re.compile(
    r"(?:the )?(?:Russian Federation|China|Russia|(?:[A-Z][\w'-]+ )*(?:Republic|Federation|Kingdom) of [A-Z])"
)
STATE_VISIT = re.compile(r"\bpaid an? (?:[\w-]+ ){0,2}?visit to$")
# "The two leaders held talks": a summit, whoever the other leader is
TWO_LEADERS = re.compile(r"\b(?:[Tt]he (?:two|top) (?:top )?leaders|[Bb]oth leaders)\b")
SUMMIT_WORDS = re.compile(r"\b(?:summit|one-on-one|expanded talks)\b", re.I)
DAY_OF_TOUR = re.compile(  # also "Earlier, ...": an activity before the one just told
    r"(?:On (?:the (?:morning|afternoon|evening|night) of )?(?:[A-Z][a-z]+\.? \d{1,2}|the (?:next|following|second|"
    r"third) day|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)|The (?:next|following) day|Next day|Earlier)\b"
)
NEXT_DAY = re.compile(r"\b(?:[Tt]he|[Oo]n the) (?:next|following) day\b|^Next day\b")
SPEECH_AT = re.compile(
    r"\s+(?:at|to) (?:the|a|an) ((?:[\w'-]+ ){0,5}?(?:ceremony|meeting|conference|session|congress|rally|parade))\b"
)


def _head_word(site: str) -> str:
    """The last word before any "of": "exhibition" in "an exhibition of the achievements of ..."."""
    words = site.split(" of ")[0].split()
    return words[-1] if words else ""


def _visit_purpose(text: str, after_verb: int, site: str, purposes: re.Pattern[str]) -> bool:
    """The words right after a visit's site say what it was for ("... on Monday to express condolences")."""
    at = text.find(site, after_verb)
    if at == -1:
        return False
    rest = text[at + len(site) : at + len(site) + 60]
    return bool(re.match(r"(?:\s+on \w+(?: \d{1,2})?)?,?\s+(?:in order )?to\s", rest)) and bool(
        purposes.match(rest, rest.find(" to ") + 4)
    )


def _narrative_resumes(sentence: Sentence, agents: list[_Agent]) -> bool:
    """The story speaks of the leader again in the third person: a quotation has ended."""
    named = any(a.actor == LEADER for a in agents)
    return named or sentence.text.startswith(("He ", "The respected", "Then "))


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
        ]
    )
)


OCCASION_WORDS = ("place", "held", "given", "staged", "opened", "began", "kicked")


def _occasion(rules: EventRules, sentence: str, headline: bool = False) -> tuple[str, str] | None:
    """The type and noun of an occasion a sentence reports as taking place ("A ceremony ... took place")."""
    if not headline and not (any(w in sentence for w in OCCASION_WORDS) and OCCASION.search(sentence)):
        return None
    etype = _type_for_venue(rules, sentence)
    if etype is None:
        return None
    return etype, _type_noun(rules, etype, sentence) or etype


# The noun of an occasion a trigger names ("oversaw the test-fire", "presided over the meeting"),
# by which an undated trigger finds the sentence that dated the occasion.
OCCASION_NOUN = re.compile(
    r"(test-fir\w*|test[- ]launch\w*|launch\w*|drill|exercise|firing|meeting|plenary|session|conference|ceremony|"
    r"parade|performance|concert|banquet|reception)\W*$",
    re.I,
)


def _occasion_noun(etype: str, words: str) -> str | None:
    if etype not in _OWN_EVENT_AT_VISIT:
        return None
    m = OCCASION_NOUN.search(words)
    if m is None and etype == "ceremony":
        return "ceremony"  # "cut the tape": the ceremony the text reported, and its day
    return m.group(1).lower() if m else None


def _type_noun(rules: EventRules, etype: str, after: str) -> str | None:
    for t, pattern in rules.venue_nouns:
        if t == etype:
            m = pattern.search(after)
            if m:
                return m.group().lower()
    return None


def _counterpart(text: str, pos: int, trigger: str = "") -> str | None:
    """Whom a message, gift or talk went to or came from: "to Xi Jinping", "with Donald J. Trump",
    or the name a "met Lee Hsien Loong" trigger ends on."""
    named = _MET_NAME.match(trigger)
    if named:
        return named.group(1)
    m = _COUNTERPART.search(text, pos, pos + 120)
    return m.group(1) if m else None


_MET_NAME = re.compile(r"(?:met|meets|meeting) (?:with )?([A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*){0,3})$")
_COUNTERPART = re.compile(r"\b(?:to|from|with)\s+((?:the\s+)?[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,4})")


def _span(sentence: Sentence, m: re.Match[str]) -> Span:
    return Span(sentence.span.start + m.start(), sentence.span.start + m.end())


# Event types that can stand beside an inspection of the same visit as events of their own.
_OWN_EVENT_AT_VISIT = frozenset(
    {"meeting", "speech", "ceremony", "military_exercise", "cultural_event", "weapons_test", "diplomacy"}
)


def _next_line(c: _Candidate, head: _Candidate) -> bool:
    """``c`` opens another line of a round-up than ``head``'s: another story, even when it reads on."""
    return c.sentence.index != head.sentence.index and begins_another_story(c.sentence.text)


def _other_line_other_site(c: _Candidate, head: _Candidate) -> bool:
    """Another line of a round-up naming another site: another visit ("- He inspected the training
    base ..." then "- He inspected the institute ...")."""
    return _next_line(c, head) and bool(c.site) and bool(head.site) and c.site != head.site


# "... placed before the statues by Kim Ki Nam, secretary ...": laid by someone other than the leader.
LAID_BY_ANOTHER = re.compile(
    r"\bby (?!(?:the )?(?:dear |respected )*(?:Comrade |General Secretary |Marshal )*Kim Jong Un\b)"
    r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,3}"
)


def _trigger_text(c: _Candidate) -> str:
    start = c.sentence.span.start
    return c.sentence.text[c.trigger.start - start : c.trigger.end - start]


def _laid_by_another(c: _Candidate) -> bool:
    return bool(LAID_BY_ANOTHER.search(c.sentence.text, c.trigger.end - c.sentence.span.start))


def _group(cands: list[_Candidate]) -> list[list[_Candidate]]:
    """Parts of one activity go together; a new site, a new recipient or a new type starts another."""
    groups: list[list[_Candidate]] = []
    for c in cands:
        target = None
        if c.visit_part:
            visits = [g for g in groups if g[0].actor == c.actor]
            if visits and not _next_line(c, visits[-1][0]):
                visits[-1].append(c)
                continue
        if c.passive and c.type == "message_sent" and not _laid_by_another(c):
            # a wreath laid in his name during his own visit is part of the commemoration; one that
            # someone else laid in his name ("... on Mansu Hill by Kim Ki Nam") is a message of its own
            visits = [g for g in groups if g[0].actor == c.actor and g[0].type == "commemoration"]
            if visits:
                visits[-1].append(c)
                continue
        for g in reversed(groups):
            head = g[0]
            if head.actor != c.actor:
                continue
            if head.type == c.type:
                if c.type == "inspection" and (c.new_site or _other_line_other_site(c, head)):
                    if not _visit_told_again(c, g):
                        break
                if c.type == "cultural_event" and c.sentence.index != head.sentence.index and (
                    g is not groups[-1] or THEN_SAME_DAY.match(c.sentence.text)
                ):
                    # a banquet, a visit, then a luncheon; a banquet, "After that" a performance: other occasions
                    break
                if c.new_day and c.sentence.index != head.sentence.index and not (
                    c.type == "inspection" and _visit_told_again(c, g)
                ):
                    break  # the same kind of activity on another day of a visit: talks on two days
                if c.type == "diplomacy" and (c.venue == SIGNING) != (head.venue == SIGNING):
                    break  # a signing and talks: one event when on the same day (see _signed_at_the_talks)
                if c.type in ("message_sent", "message_received", "gift", "diplomacy"):
                    if c.counterpart and head.counterpart and _differ(c.counterpart, head.counterpart):
                        continue
                if (
                    c.type == "message_sent" and c.passive and not head.passive and c.venue
                    and c.venue not in _trigger_text(head) and c.sentence.index != head.sentence.index
                ):
                    break  # the message he sent, and a wreath laid in his name later: two acts
                target = g
                break
            if c.type == "inspection" and head.type in ("commemoration",) and (not c.new_site or not c.site):
                # "looked round" at a cemetery, "He then visited the halls where they lie in state":
                # parts of the commemoration, unless he went on to a place named as another site
                target = g
                break
            own_event = head.type in _OWN_EVENT_AT_VISIT and not _next_line(c, head)
            if c.type == "inspection" and own_event and not c.new_site:
                # "inspected the drill" after an exercise is the exercise itself; "looked round the
                # factory" after its completion ceremony is part of the ceremony
                if head.type in ("military_exercise", "weapons_test", "ceremony"):
                    target = g
                    break
            if c.type == "inspection" and head.type == "ceremony" and c.new_site and not c.site:
                target = g  # "He then went round the funfair" after the opening ceremony: no site of its own
                break
        if target is None:
            groups.append([c])
        else:
            target.append(c)
    return groups


def _visit_told_again(c: _Candidate, g: list[_Candidate]) -> bool:
    """A visit whose site the group's lead already named, told again ("inspected A and B. ... Then he
    visited B")."""
    head = g[0]
    if not (c.site and head.site):
        return False
    mine, theirs = content_words(c.site), content_words(head.site)
    return len(mine) > 1 and (mine <= theirs or theirs <= mine)


def _differ(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()) - {"the"}, set(b.lower().split()) - {"the"}
    return not (wa & wb)


@dataclass(slots=True)
class EventInputs:
    text: str
    sentences: list[Sentence]
    people: list[Mention]
    places: list[Mention]
    weapons: list[Mention]
    dates: list[DateMention]
    reported: date | None
    titles: dict[int, str] = field(default_factory=dict)  # person mention start -> title
    title: str | None = None  # the document's headline
    lowered: str = ""  # the text lower-cased
    hits: Hits | None = None  # the event rules' share of the extractor's shared scan
    scene_sentences: list[Sentence] | None = None  # those that can say where an occasion took place
    acts: frozenset[int] = frozenset()  # the sentences that tell an activity (hold a trigger)


def find_events(inputs: EventInputs, rules: EventRules) -> list[Event]:
    live = rules.live(inputs.lowered or lowercase(inputs.text), inputs.sentences, inputs.hits)
    lowered = inputs.lowered or lowercase(inputs.text)
    # towns and cities by where their names begin: "visited Komsomolsk-on-Amur and Vladivostok"
    towns = {m.span.start: m.span.end for m in inputs.places if m.attrs.get("kind") in TOWN_KINDS}
    cands = _candidates(inputs.sentences, inputs.people, inputs.text, rules, inputs.title, live, lowered, towns)
    inputs.acts = frozenset(c.sentence.index for c in cands)
    groups = _occasion_speeches(_group(cands), inputs.text)
    events: list[Event] = []
    signings: list[Event] = []
    recalling = False  # once the text recalls the past, undated activities after it belong to that past
    for g in groups:
        if any(_recalled(rules, c) for c in g[:1]):
            recalling = True
            continue  # an anecdote of years ago, recalled: not an activity reported now
        event = _build(g, inputs, rules, events, live, cands)
        if event.start is None and not events:
            _date_from_next_sentence(event, g, cands, inputs)
        if event.start is None and not events and event.type in _OWN_EVENT_AT_VISIT:
            _date_from_scene(event, g, inputs)
        if inputs.reported and event.start and (inputs.reported - event.start).days > RECALLED_AFTER_DAYS:
            recalling = True
            continue
        if recalling and event.start is None:
            continue
        events.append(event)
        if g[0].venue == SIGNING:
            signings.append(event)
    events = _signed_at_the_talks(_without_tour_summaries(events), signings)
    _same_occasion_same_day(events)
    _attach_people(events, inputs)
    _no_city_beside_a_place_in_it(events)
    _fullest_sites(events)
    return events


def _recalled(rules: EventRules, c: _Candidate) -> bool:
    """The candidate's sentence recalls the past: "One day in 2016, he visited ...", "Upon hearing
    the news that he had visited ...". News heard after the act is why he acted ("sent a message of
    condolences upon hearing the sad news"), not a recollection."""
    text = c.sentence.text
    trigger_at = c.trigger.start - c.sentence.span.start
    return any(
        not ("hear" in m.group().lower() and m.start() > trigger_at) for m in rules.recalled.finditer(text)
    )


def _without_tour_summaries(events: list[Event]) -> list[Event]:
    """"inspected various units in the province on June 30 and July 1", then each visit day by day: the
    summary of a tour of several days is told again by its visits, and is not one more visit."""
    def within(event: Event, tour: Event) -> bool:
        return (
            event is not tour
            and event.type == "inspection"
            and event.actor == tour.actor
            and event.start is not None
            and event.end is not None
            and tour.start <= event.start  # type: ignore[operator]
            and event.end <= tour.end  # type: ignore[operator]
        )

    def one_of(event: Event, tour: Event) -> bool:  # "farms in Kangwon Province", then "Farm No. 1116"
        return (
            event is not tour and event.type == "inspection" and event.actor == tour.actor
            and bool(event.sites) and _umbrella(tour.sites[0], event.sites[0])
        )

    summaries = [
        e for e in events
        if e.type == "inspection" and (
            (e.start and e.end and e.start < e.end and sum(within(o, e) for o in events) >= 2)
            # an undated lead naming a tour of several places, then told place by place
            or (e.start is None and e.sites and sum(one_of(o, e) for o in events) >= 2)
        )
    ]
    return [e for e in events if e not in summaries]


SIGNING = "signing"


def _signed_at_the_talks(events: list[Event], signings: list[Event]) -> list[Event]:
    """A declaration signed on the day of the talks belongs to the talks; one signed on a day of its own
    ("held talks on September 18 and 19 ... signed the declaration on September 19") is another event."""
    def same_day_talks(signing: Event) -> bool:
        return any(
            o is not signing and o not in signings and o.type == "diplomacy" and o.actor == signing.actor
            and (signing.start is None or (o.start, o.end) == (signing.start, signing.end))
            for o in events
        )

    return [e for e in events if not (e in signings and same_day_talks(e))]


# "In his speech, the General Secretary said ...": a speech told only by what it said.
SPEECH_BY_CONTENT = re.compile(r"In (?:his|a) ")


def _occasion_speeches(groups: list[list[_Candidate]], text: str) -> list[list[_Candidate]]:
    """A speech told only by "In his speech, ..." is his own event when the text has reported an
    occasion he attended (a ceremony, a meeting) before it; else it may be a speech recalled."""
    kept: list[list[_Candidate]] = []
    for g in groups:
        retold = g[0].type == "speech" and all(
            SPEECH_BY_CONTENT.match(text, c.trigger.start) for c in g
        )
        if retold and not any(k[0].actor == g[0].actor and k[0].type in ("ceremony", "meeting") for k in kept):
            continue
        kept.append(g)
    return kept


def _same_occasion_same_day(events: list[Event]) -> None:
    """'made a speech at the parade' is two events told by one phrase: the speech has the parade's day
    and the parade's place."""
    for event in events:
        if not event.evidence:
            continue
        for other in events:
            if other.type == event.type or other.actor != event.actor or event.evidence[0] not in other.evidence:
                continue
            if event.start is None and other.start is not None:
                event.start, event.end, event.precision = other.start, other.end, other.precision
            if event.type == "speech" and other.sites:
                event.sites[:] = other.sites
            break



def _date_from_next_sentence(
    event: Event, group: list[_Candidate], cands: list[_Candidate], inputs: EventInputs
) -> None:
    """The lead tells the activity and the next sentence its day ("... accepted the credentials of
    the ambassador. ... received the credentials at the hall on Thursday"): a sentence with no
    activity of its own, right after the first one, dates it when its date lies in the days just
    before the report."""
    following = group[0].sentence.index + 1
    if following >= len(inputs.sentences) or inputs.reported is None:
        return
    if any(c.sentence.index == following for c in cands):
        return
    sentence = inputs.sentences[following]
    if begins_another_story(sentence.text):
        return  # the next line of a digest is another story
    d = _date_in(sentence, inputs.dates, sentence.span, inputs.text, inputs.reported, occasion=True)
    if d is None or d.start is None or d.precision != "day":
        return
    # The report's own day there is the day papers say something of it, not the day it was done.
    if not 0 < (inputs.reported - d.start).days <= LEAD_DATE_DAYS:
        return
    event.start, event.end, event.precision = d.start, d.end, d.precision


LEAD_DATE_DAYS = 7  # a dispatch reports what was done in the week before it


def _date_from_scene(event: Event, group: list[_Candidate], inputs: EventInputs) -> None:
    """"The 8th Congress of the WPK opened on January 5. Kim Jong Un made an opening speech.": the
    sentence just before that sets the scene (an occasion taking place) dates his part in it."""
    first = group[0].sentence.index
    for sentence in reversed(inputs.sentences[max(0, first - 2) : first]):
        if begins_another_story(sentence.text) or not OCCASION.search(sentence.text):
            continue
        d = _date_in(sentence, inputs.dates, sentence.span, inputs.text, inputs.reported, occasion=True)
        if d is not None and d.start is not None and d.precision == "day":
            event.start, event.end, event.precision = d.start, d.end, d.precision
            return


def _no_city_beside_a_place_in_it(events: list[Event]) -> None:
    """A city alone is a site only when the text names no closer place: "took place in Hanoi" is not the
    site of the second day's talks when the first day's were "at the Metropole Hotel in Hanoi"."""
    named = [s for e in events for s in e.sites]
    for event in events:
        event.sites = [
            s for s in event.sites
            if not (CITY_ALONE.fullmatch(s) and any(o != s and re.search(rf"\b{re.escape(s)}\b", o) for o in named))
        ]


CITY_ALONE = re.compile(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?")


def _fullest_sites(events: list[Event]) -> None:
    """A site named more than once is given by its fullest mention in every event of the document;
    a lead that names two sites at once ("the detachment on Jangjae Islet and the detachment on Mu
    Islet") keeps for its own event the one no later visit names."""
    every = fullest([s for e in events for s in e.sites])
    for event in events:
        fuller = []
        for site in event.sites:
            words = content_words(site)
            best = site
            if len(words) > 1:
                # the fullest mention of this one site, not a list that holds it with another
                best = next(
                    (f for f in every if words <= content_words(f) and (_COORDINATED in f) <= (_COORDINATED in site)),
                    site,
                )
            if best not in fuller:
                fuller.append(best)
        event.sites = fuller
    for event in events:
        for i, site in enumerate(event.sites):
            if _COORDINATED not in site:
                continue
            parts = site.split(_COORDINATED)
            parts = [parts[0]] + ["the " + p for p in parts[1:]]
            elsewhere = [content_words(s) for e in events if e is not event for s in e.sites]
            own = [p for p in parts if not any(w and w <= content_words(p) for w in elsewhere)]
            if own and len(own) < len(parts):
                event.sites[i] = own[0]


_COORDINATED = " and the "


# Anything dated long before the dispatch is recalled, not reported (see also events.yaml's `recalled`).
RECALLED_AFTER_DAYS = 200

_DATE_KINDS = frozenset({"absolute", "weekday", "relative", "range", "list", "juche", "month", "year"})


# A date right after one of these nouns dates that occasion, not the act of the sentence:
# "received a message from the participants in the memorial meeting on July 7".
OTHER_OCCASION_BEFORE = re.compile(
    r"\b(?:meeting|seminar|conference|ceremony|session|congress|rally|event|festival|celebrations?|"
    r"symposium|forum|talks|summit|election|elections|anniversary|birthday|day|war|founding|visit)\s+"
    r"(?:held\s+|which took place\s+)?(?:on|in)\s+$"
)
# The verb of a clause that tells the senders' own occasion or journey ("held in Moscow", "who arrived").
OCCASION_CLAUSE = re.compile(
    r"\b(?:held|staged|hosted|organized|organised|convened|took place|opened|arrived|sponsored|co-sponsored)\b"
)
# A clause of another act of his between the trigger and a date: "before returning home", "after leaving".
ANOTHER_ACT_CLAUSE = re.compile(r"\b(?:before|after|while) [a-z]+ing\b")
# How far after its trigger a date may stand and still date the act.
DATE_REACH = 260


def _date_in(
    sentence: Sentence,
    dates: list[DateMention],
    trigger: Span,
    text: str,
    reported: date | None,
    occasion: bool = False,
    given_on_the_day: bool = False,
    message: bool = False,
) -> DateMention | None:
    """The date of the activity in its sentence: the nearest one to the trigger that can date it.

    Back-references, holidays, dates of other occasions and dates after the report are skipped.
    With ``occasion`` the sentence is the one that reported the occasion, and any date in it counts.
    With ``given_on_the_day`` (a gift or message "on his 80th birthday on October 2") the birthday or
    anniversary is the day it was given. With ``message``, a date after the clause of an occasion of its
    senders ("a message from the participants in the seminar held in Berlin ... on July 8") dates that
    occasion, not the message.
    """
    best: tuple[int, DateMention] | None = None
    for d in dates:
        if d.kind not in _DATE_KINDS or d.start is None:
            continue
        if not (sentence.span.start <= d.span.start < sentence.span.end):
            continue
        if reported is not None and d.start > reported:
            continue  # an activity reported as done cannot lie in the future of its report
        if not occasion:
            if d.span.start > trigger.end + DATE_REACH:
                continue
            if d.span.start >= trigger.end and PAST_CLAUSE.search(text, trigger.end, d.span.start):
                continue  # "visited the detachment, which had waged an artillery duel in November 2010"
            other = OTHER_OCCASION_BEFORE.search(text[max(trigger.end, d.span.start - 40) : d.span.start])
            if d.span.start >= trigger.end and other and not (given_on_the_day and _DAY_OF_GIVING.match(other.group())):
                continue
            if message and d.span.start >= trigger.end and OCCASION_CLAUSE.search(text, trigger.end, d.span.start):
                continue
            if d.span.start >= trigger.end and ANOTHER_ACT_CLAUSE.search(text, trigger.end, d.span.start):
                continue  # "visited Vladivostok before returning home on September 17": the day of the return
        if d.precision == "year" and (
            NEW_YEAR_BEFORE.search(text[max(0, d.span.start - 30) : d.span.start])
            or (reported is not None and d.start.year == reported.year)
        ):
            # "the production of shells this year", "the New Year Juche 113 (2024)": the year of the
            # report names a period the text speaks of, not the day of an activity (an earlier year
            # still dates one, as recalled)
            continue
        distance = d.span.start - trigger.end if d.span.start >= trigger.end else 2 * (trigger.start - d.span.start)
        if best is None or distance < best[0]:
            best = (distance, d)
    return best[1] if best else None


# A clause that tells an earlier time of what was just named: its dates are not the activity's.
PAST_CLAUSE = re.compile(r"\b(?:which|who|where|that) (?:had|has|have) (?:been |already )?\w+ed\b")
_DAY_OF_GIVING = re.compile(r"(?:birthday|anniversary|day)\b")
NEW_YEAR_BEFORE = re.compile(r"New Year(?:'s)?\s+(?:Day\s+)?(?:of\s+)?$")
# A sentence that goes on from the activity just told, on its day.
THEN_SAME_DAY = re.compile(
    r"^(?:Then|Later(?: in the day| that day| on)?|In the (?:evening|afternoon)|That (?:evening|afternoon|night)"
    r"|After that|Afterwards)\b"
)
SAME_DAY = re.compile(r"\b(?:same day|that (?:day|morning|afternoon|evening|night))\b", re.I)
HANDED_OVER = re.compile(r"\b(?:handed|laid|conveyed|delivered|presented|placed|passed)\b", re.I)


def _date_of_delivery(group: list[_Candidate], inputs: EventInputs) -> DateMention | None:
    """A wreath or basket sent in his name is dated by the day it was laid or handed over."""
    last = group[-1].sentence.index
    if group[0].passive:
        # "A floral basket in his name was laid at the statues": the occasion of the laying, told just before
        for sentence in reversed(inputs.sentences[max(0, last - 3) : last]):
            d = _date_in(sentence, inputs.dates, sentence.span, inputs.text, inputs.reported, occasion=True)
            if d:
                return d
    for sentence in inputs.sentences[last + 1 : last + 4]:
        m = HANDED_OVER.search(sentence.text)
        if m:
            at = Span(sentence.span.start + m.start(), sentence.span.start + m.end())
            d = _date_in(sentence, inputs.dates, at, inputs.text, inputs.reported, occasion=True)
            if d:
                return d
    return None


def _build(
    group: list[_Candidate],
    inputs: EventInputs,
    rules: EventRules,
    earlier: list[Event],
    live: Live,
    cands: Sequence[_Candidate] = (),
) -> Event:
    head = group[0]
    event = Event(type=head.type, actor=head.actor)
    # a ceremony is where it took place, not the buildings he went round after it
    ceremony_site = _located_site(group, inputs, rules.sites) if head.type == "ceremony" and not head.site else None
    if ceremony_site:
        event.sites.append(ceremony_site)
    for c in group:
        event.evidence.append(c.trigger)
        # one site to a visit: later verbs of the same visit re-describe it or name its parts,
        # except that a tour "to major munitions factories" is told by the factory it "first visited"
        if c.site and not ceremony_site and (not event.sites or _umbrella(event.sites[0], c.site)):
            event.sites[:] = [named_in_full(c.site, inputs.text, rules.sites)]
    if not event.sites and head.type in _LOCATED:
        found_site = _located_site(group, inputs, rules.sites)
        if found_site:
            event.sites.append(found_site)
    event.evidence_text = head.sentence.text
    event.sector = _sector(event.sites[0] if event.sites else None) if head.type == "inspection" else None
    # Dates: the trigger's own sentence first, then the sentence that first reported the occasion,
    # then the visit this is part of ("on the spot").
    when = None
    for c in group:
        giving = head.type in ("gift", "message_sent")
        when = _date_in(
            c.sentence, inputs.dates, c.trigger, inputs.text, inputs.reported, given_on_the_day=giving,
            message=head.type in ("message_received", "message_sent"),
        )
        if when and when.span.start < c.trigger.start and _follows_another_act(when, c, group, cands):
            when = None  # "signed the order on February 6 and observed the launch": the day of the signing
        if when:
            break
    occasion_start: int | None = None
    if when is None and head.venue:
        found = _date_of_occasion(head, inputs)
        if found:
            when, occasion_start = found
    if when is None and head.type in ("message_sent", "message_received"):
        when = _date_of_delivery(group, inputs)
    if (
        when is None
        and earlier
        and earlier[-1].actor == event.actor
        and NEXT_DAY.search(head.sentence.text)
        and not _told_in(earlier[-1], head.sentence)  # the second site of "The next day he visited A and B"
    ):
        previous = earlier[-1]
        last_day = previous.end or previous.start
        if last_day and previous.precision == "day":
            event.start = event.end = last_day + timedelta(days=1)
            event.precision = "day"
    if when is None and event.start is None and earlier and head.type in _OWN_EVENT_AT_VISIT | {"inspection"}:
        previous = earlier[-1]
        # "He then visited ...": another site of the same day, when the visit before had one day
        # ("He later visited ...": some day after, which the text does not say)
        later = bool(LATER_BEFORE.search(head.sentence.text, 0, head.trigger.start - head.sentence.span.start))
        new_visit = head.type == "inspection" and head.new_site and (previous.start != previous.end or later)
        # an undated act after one of several days ("from March 25 to 28") fell on one of them: which, unknown
        one_day = previous.start == previous.end
        if previous.actor == event.actor and (previous.start or previous.end) and not new_visit and one_day:
            event.start, event.end, event.precision = previous.start, previous.end, previous.precision
    if when is None and event.start is None and earlier and THEN_SAME_DAY.match(head.sentence.text):
        previous = earlier[-1]  # "Then he looked round ...", "In the evening he hosted ...": that day
        if previous.actor == event.actor and previous.precision == "day" and previous.start == previous.end:
            event.start, event.end, event.precision = previous.start, previous.end, previous.precision
    same_day = when is not None and SAME_DAY.search(when.text)
    told_before = _day_told_before(when, inputs) if same_day and not (earlier and earlier[-1].start) else None
    if same_day and earlier and earlier[-1].start:
        previous = earlier[-1]  # "the same day", "that evening": the day of the activity just reported
        event.start, event.end, event.precision = previous.start, previous.end, previous.precision
    elif told_before is not None:
        # "arrived in Beijing on January 8 ... had talks in the afternoon of the same day": the day last told
        event.start, event.end, event.precision = told_before.start, told_before.end, told_before.precision
    elif when is not None:
        event.start, event.end, event.precision = when.start, when.end, when.precision
    stretch = _stretch(group, inputs)
    if occasion_start is not None:
        stretch = (min(stretch[0], occasion_start), stretch[1])
    for m in inputs.places:
        if stretch[0] <= m.span.start < stretch[1] and not m.attrs.get("foreign"):
            if m.canonical not in event.places:
                event.places.append(m.canonical)
    for m in inputs.weapons:
        if stretch[0] <= m.span.start < stretch[1] and m.counts:
            if m.canonical not in event.weapons:
                event.weapons.append(m.canonical)
            designation = m.attrs.get("designation")
            if designation and designation not in event.designations:
                event.designations.append(str(designation))
    _verdicts_and_tasks(event, group, inputs, rules, live)
    for d in inputs.dates:
        # "a task set forth during his field guidance to the factory on November 9 last year"
        if d.kind == "back_reference" and stretch[0] <= d.span.start < stretch[1]:
            sentence = sentence_at(inputs.sentences, d.span.start)
            event.references.append(
                {
                    "text": d.text,
                    "date": d.start.isoformat() if d.start else None,
                    "span": d.span.to_json(),
                    "sentence": sentence.text if sentence else None,
                }
            )
    return event


def _day_told_before(when: DateMention | None, inputs: EventInputs) -> DateMention | None:
    """The last day the text named before ``when`` ("the same day"), in the sentences just before it."""
    if when is None:
        return None
    told = [
        d for d in inputs.dates
        if d.kind in ("absolute", "weekday") and d.precision == "day" and d.start is not None
        and d.start == d.end and when.span.start - 400 <= d.span.start < when.span.start
    ]
    return told[-1] if told else None


LATER_BEFORE = re.compile(r"\b(?:[Ll]ater|[Aa]fterwards)\b")


def _told_in(event: Event, sentence: Sentence) -> bool:
    return any(sentence.span.start <= s.start < sentence.span.end for s in event.evidence)


def _follows_another_act(
    when: DateMention, c: _Candidate, group: list[_Candidate], cands: Sequence[_Candidate]
) -> bool:
    """A date before the trigger that stands after another activity's trigger in the sentence dates that one."""
    return any(
        o.sentence.index == c.sentence.index and o.trigger.end <= when.span.start and o not in group
        for o in cands
    )


def _date_of_occasion(head: _Candidate, inputs: EventInputs) -> tuple[DateMention, int] | None:
    """'was present at the meeting': the date is where the text first reported the meeting.

    Returns the date and where that sentence starts (its words describe the occasion too)."""
    noun = head.venue or ""
    # "the launching ceremony" first reported as "the ceremony for launching ...": its head noun
    for words in dict.fromkeys([noun, noun.split()[-1] if noun else ""]):
        for sentence in inputs.sentences[: head.sentence.index + 1]:
            if words and words in sentence.text.lower():
                d = _date_in(sentence, inputs.dates, sentence.span, inputs.text, inputs.reported, occasion=True)
                if d:
                    return d, sentence.span.start
    # "The exhibition opened at ... on Monday. He attended the opening ceremony": the lead's occasion
    lead = inputs.sentences[0] if inputs.sentences else None
    if noun and lead is not None and lead.index < head.sentence.index and OCCASION.search(lead.text):
        d = _date_in(lead, inputs.dates, lead.span, inputs.text, inputs.reported, occasion=True)
        if d:
            return d, lead.span.start
    return None


def _stretch(group: list[_Candidate], inputs: EventInputs) -> tuple[int, int]:
    """The text that speaks of this event: from its first trigger sentence to the next event's."""
    start = group[0].sentence.span.start
    last = group[-1].sentence
    end = last.span.end
    # take in the following sentences of the same paragraph run (details of the visit), but not
    # the next line of a digest ("- ..."), which is another story with its own places and weapons
    for sentence in inputs.sentences[last.index + 1 : last.index + 6]:
        if begins_another_story(sentence.text):
            break
        end = sentence.span.end
    return start, end


def _verdicts_and_tasks(
    event: Event,
    group: list[_Candidate],
    inputs: EventInputs,
    rules: EventRules,
    live: Live,
) -> None:
    first = group[0].sentence.index
    last = group[-1].sentence.index
    for sentence in inputs.sentences[first : last + 4]:
        for kind, pattern in rules.verdicts:
            m = pattern.search(sentence.text) if live(pattern, sentence) else None
            if m:
                span = Span(sentence.span.start + m.start(), sentence.span.end)
                event.verdicts.append(Mention("verdict", span, inputs.text[span.start : span.end], kind))
                break
        m = rules.tasks.search(sentence.text) if live(rules.tasks, sentence) else None
        if m:
            span = Span(sentence.span.start + m.start(), sentence.span.end)
            event.tasks.append(Mention("task", span, inputs.text[span.start : span.end], "task"))


ACCOMPANIED = re.compile(
    r"\b(?:was|were) accompanied by\b|\baccompanying him\b|\baccompanied him\b"
    r"|^(?:Also )?(?:present|on hand)\s+(?:there|at (?:the|this) [\w-]+(?: [\w-]+)?|on the spot)?\s*(?:was|were)\b",
    re.I,
)
GREETED = re.compile(r"\b(?:was )?(?:greeted|welcomed|received) (?:at [\w\s]+ )?by\b", re.I)


def _attach_people(events: list[Event], inputs: EventInputs) -> None:
    """Accompanying officials go with the leader's events; other names with the event they stand in."""
    leader_events = [e for e in events if e.actor == LEADER]
    if not events:
        return
    in_sentence = people_by_sentence(inputs.sentences, inputs.people)
    # Each event under the sentences its evidence stands in, and the names each already holds:
    # looked up, not searched, for every sentence (a long text holds thousands of both).
    by_sentence: dict[int, list[Event]] = {}
    for event in events:
        for s in event.evidence:
            holder = sentence_at(inputs.sentences, s.start)
            if holder is not None:
                listed = by_sentence.setdefault(holder.index, [])
                if not listed or listed[-1] is not event:  # in the order of events, each once
                    listed.append(event)
    named: dict[int, set[str]] = {id(event): {p.name for p in event.people} for event in events}

    def attach(event: Event, m: Mention, role: str) -> None:
        if m.canonical not in named[id(event)]:
            named[id(event)].add(m.canonical)
            event.people.append(Participant(m.canonical, role, inputs.titles.get(m.span.start), m.span))

    for sentence in inputs.sentences:
        names = [m for m in in_sentence.get(sentence.index, []) if m.canonical != LEADER]
        if not names:
            continue
        role = None
        if ACCOMPANIED.search(sentence.text):
            role = "accompanied"
        elif GREETED.search(sentence.text):
            role = "received"
        if role:
            for event in leader_events:
                for m in names:
                    attach(event, m, role)
            continue
        for event in by_sentence.get(sentence.index, ()):
            for m in names:
                attach(event, m, _role_for(event.type))


def _role_for(event_type: str) -> str:
    return {
        "message_sent": "recipient",
        "gift": "recipient",
        "message_received": "sender",
        "diplomacy": "met",
    }.get(event_type, "present")
