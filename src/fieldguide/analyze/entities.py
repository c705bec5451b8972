"""One entity, many spellings: people, titles, facilities and weapons as the archive names them.

- People fold onto KCNA's spelling with the knowledge base (``kb.canonical_person``):
  "Kim Jong-un", "Kim Chŏng-ŭn" and "Kim Jong Un" are one person.
- Titles are cleaned of the clause the extraction sometimes carries along ("president of
  the Russian Federation, on Wednesday") and kept per person with the first and last day
  each was seen (``title_history``).
- Facilities are the sites of events, worded differently each time. ``facility_key`` turns a
  phrase into a set of content words (lower-cased, articles dropped, plurals made singular,
  place names taken out and kept apart); two sites are one facility when their keys are
  equal or near (token Jaccard >= 0.6), in the same sector and not at two different places.
- Weapons resolve to a category (icbm, mlrs...) or a designation (Hwasong-19, 600mm MRL) by
  the knowledge base's names, labels and patterns.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldguide.kb import DPRK, KnowledgeBase
from fieldguide.model import WEAPON_CATEGORIES

NEAR = 0.6  # token Jaccard at or above which two site phrases name one facility

# --- titles -------------------------------------------------------------------------------

# What follows a title in a sentence and got caught with it: ", on Wednesday", ", the previous day".
_TITLE_TAIL = re.compile(
    r"\s*,\s*(?:on|in|at|the (?:previous|same|following) day|yesterday|today|last|this|who|which)\b.*$",
    re.IGNORECASE,
)
_DPRK_TITLE_WORDS = re.compile(
    r"\b(?:WPK|Workers' Party of Korea|KPA|Korean People's Army|DPRK|Democratic People's Republic of Korea|"
    r"State Affairs|Supreme People's Assembly|Central Military Commission|Provincial Committee|"
    r"(?:provincial|municipal|city|county) people's committee|General Staff|premier of the Cabinet)\b",
    re.IGNORECASE,
)


# A title names an office or a rank; "he stressed" or "together with the participants" after a
# name is the sentence going on, not a title.
_OFFICE_WORD = re.compile(
    r"\b(?:secretar(?:y|ies)|president|chair(?:man|woman|person)?|minister|director|members?|premier|"
    r"commander|chief|head|leader|marshal|general|colonel|major|captain|admiral|officers?|vice|deputy|"
    r"ambassador|envoy|governor|speaker|editor|spokes(?:man|woman|person)|manager|principal|rector|dean|"
    r"delegate|representative|counsel(?:l)?or|attach[ée]|consul|king|queen|emperor|prince|sultan|emir|"
    r"official|chairman|vice-chairman|department|bureau|commission|committee|chancellor|advis[eo]r|"
    r"lecturer|professor|researcher|engineer|worker|hero|veteran|lieutenant|sergeant|guard)\b",
    re.IGNORECASE,
)


# Words a title never starts with: "will advance ...", "all the members of the WPK ...".
_NOT_A_TITLE_START = frozenset(
    "all will would shall who which that and to has have had is was were are be being as such".split()
)


def clean_title(raw: str | None) -> str | None:
    """A title as it should be shown, or None when nothing title-like is left."""
    if not raw:
        return None
    title = _TITLE_TAIL.sub("", " ".join(raw.split()))
    # A title runs to the first comma, unless "and" goes on with a second office, or the comma is
    # KCNA's abbreviation of the Party's organ ("of the C.C., WPK"); what follows is the sentence
    # going on ("..., made a speech", "..., Jong Myong Do, ...").
    parts = title.split(", ")
    kept = [parts[0], *itertools.takewhile(lambda p: p.startswith("and ") or p == "WPK", parts[1:])]
    title = ", ".join(kept).strip(" ,;.")
    office = _OFFICE_WORD.search(title)
    words = title.split()
    if not office or len(title[: office.start()].split()) > 4 or (words and words[0].lower() in _NOT_A_TITLE_START):
        return None
    return title


_TITLE_SPELLINGS = (
    # "of the C.C., WPK", "of the C.C. of the WPK", "of the WPK C.C." are the Party's Central Committee
    (
        re.compile(r"\bc\.\s?c\.?,?\s+(?:of\s+)?(?:the\s+)?(?=wpk\b|workers' party of korea\b)"),
        "central committee of the ",
    ),
    (re.compile(r"\bc\.\s?c\b\.?"), "central committee"),
    (re.compile(r"\bworkers' party of korea\b"), "wpk"),
    (re.compile(r"\s*\((?:wpk|dprk|kpa|c\.c\.)\)"), ""),  # "... of the Workers' Party of Korea (WPK)"
    (re.compile(r"\bdemocratic people's republic of korea\b"), "dprk"),
    (re.compile(r"\bkorean people's army\b"), "kpa"),
    (re.compile(r"\bcentral committee of (?:the )?wpk\b"), "wpk central committee"),
    (re.compile(r"\b(?:the|of)\b"), " "),
)


# "secretary of the C.C" cut short: an office of the Party's Central Committee (a foreign party's is
# named: "the CPC Central Committee")
_CUT_SHORT_CC = re.compile(r"\b(secretary|member|director|department|chairman) central committee$")


def title_key(title: str) -> str:
    """Titles compare without case, spaces, articles or the two ways KCNA names the Party's
    organs ("secretary of the Central Committee of the WPK" = "secretary of the WPK Central
    Committee")."""
    key = title.casefold().replace("’", "'")
    for pattern, replacement in _TITLE_SPELLINGS:
        key = pattern.sub(replacement, key)
    key = " ".join(key.split())
    # "secretary of the C.C" cut short at the end of a title is the WPK's Central Committee too
    return _CUT_SHORT_CC.sub(r"\1 wpk central committee", key)


def same_office(a: str, b: str) -> bool:
    """Two wordings of one office: one's words all in the other's ("chairman of the provincial
    people's committee" and "chairman of the North Hwanghae Provincial People's Committee")."""
    words_a, words_b = set(title_key(a).split()), set(title_key(b).split())
    return words_a <= words_b or words_b <= words_a


def is_dprk_title(title: str) -> bool:
    """Whether a title names an office of the DPRK's party, state or army."""
    return bool(_DPRK_TITLE_WORDS.search(title))


def is_official(name: str, titles: Iterable[str], kb: KnowledgeBase) -> bool:
    """An official of the DPRK: the knowledge base says so, or a title seen with the name does."""
    person = kb.person(name)
    if person is not None:
        return person.country == DPRK and bool(person.titles)
    return any(is_dprk_title(t) for t in titles)


@dataclass(frozen=True, slots=True)
class TitleSeen:
    """A title one person was given, with the first and last day it was seen."""

    title: str
    first_seen: date | None
    last_seen: date | None
    times: int
    doc_id: str  # where it was first seen
    span: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "times": self.times,
            "doc_id": self.doc_id,
            "span": list(self.span) if self.span else None,
        }


def title_history(
    observations: Iterable[tuple[str | None, date | None, str, tuple[int, int] | None]],
) -> list[TitleSeen]:
    """(raw title, day, doc id, span) observations of one person -> each distinct title with
    its first and last day, ordered by first appearance (undated last)."""
    grouped: dict[str, list[tuple[date | None, str, tuple[int, int] | None, str]]] = defaultdict(list)
    for raw, day, doc_id, span in observations:
        title = clean_title(raw)
        if title:
            grouped[title_key(title)].append((day, doc_id, span, title))
    history = []
    for seen in grouped.values():
        dated = sorted((s for s in seen if s[0] is not None), key=lambda s: (s[0], s[1]))
        first = dated[0] if dated else min(seen, key=lambda s: s[1])
        shown = Counter(s[3] for s in seen).most_common(1)[0][0]
        history.append(
            TitleSeen(
                title=shown,
                first_seen=first[0],
                last_seen=dated[-1][0] if dated else None,
                times=len(seen),
                doc_id=first[1],
                span=first[2],
            )
        )
    history.sort(key=lambda t: (t.first_seen is None, t.first_seen or date.min, t.title))
    return history


# --- facilities ---------------------------------------------------------------------------

_STOPWORDS = frozenset(
    "a an the its his their this that these those of for and in at on to with by from another other".split()
)
_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")


def singular(word: str) -> str:
    """A simple singular: factories -> factory, shops -> shop; 'glass', 'bus' stay."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(frozen=True, slots=True)
class FacilityKey:
    """A site phrase reduced to its content words, and the place it names (if any)."""

    words: frozenset[str]
    place: str | None

    def near(self, other: FacilityKey, threshold: float = NEAR) -> bool:
        if self.place and other.place and self.place != other.place:
            return False
        return jaccard(self.words, other.words) >= threshold

    def __str__(self) -> str:
        words = " ".join(sorted(self.words))
        return f"{words} @ {self.place}" if self.place else words


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _strip_places(phrase: str, kb: KnowledgeBase) -> tuple[str, str | None]:
    """The phrase without the place names in it, and the first place found (canonical)."""
    found: str | None = None
    for run in reversed(list(_CAPITALISED_RUN.finditer(phrase))):
        words = run.group(0).split()
        # The longest stretch of the run that is a place: "Sinpho City Offshore Farm" -> "Sinpho City".
        for size in range(len(words), 0, -1):
            for begin in range(len(words) - size + 1):
                place = kb.place(" ".join(words[begin : begin + size]))
                if place is not None:
                    kept = words[:begin] + words[begin + size :]
                    phrase = phrase[: run.start()] + " ".join(kept) + phrase[run.end() :]
                    found = place.name
                    break
            else:
                continue
            break
    return phrase, found


def facility_key(phrase: str, kb: KnowledgeBase) -> FacilityKey:
    """The matching key of a site phrase: "the Sinpho City Offshore Farms" and "offshore farm
    in Sinpho" both give {farm, offshore} @ Sinpho."""
    stripped, place = _strip_places(phrase, kb)
    words = frozenset(singular(w) for w in _WORD.findall(stripped.lower()) if w not in _STOPWORDS)
    return FacilityKey(words, place)


@dataclass(frozen=True, slots=True)
class SiteGroup:
    """Site phrases that name one facility."""

    name: str  # the phrase most often used
    sector: str | None
    phrases: tuple[str, ...]
    key: FacilityKey


def group_sites(
    sites: Sequence[tuple[str, str | None, int]], kb: KnowledgeBase, threshold: float = NEAR
) -> list[SiteGroup]:
    """Group (phrase, sector, event count) rows into facilities: keys equal or near, same
    sector. Candidate pairs come from a prefix filter over rare words, so the work stays
    close to linear in the number of phrases."""
    keys = [facility_key(phrase, kb) for phrase, _, _ in sites]
    parent = list(range(len(sites)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    frequency = Counter(w for key in keys for w in key.words)
    index: dict[tuple[str | None, str], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        sector = sites[i][1]
        ordered = sorted(key.words, key=lambda w: (frequency[w], w))
        # Two sets with Jaccard >= t share a word among the first |s| - ceil(t * |s|) + 1 rarest.
        prefix = ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1] if ordered else []
        candidates = {j for word in prefix for j in index[(sector, word)]}
        for j in sorted(candidates):
            if keys[j].near(key, threshold):
                parent[root(i)] = root(j)
        for word in prefix:
            index[(sector, word)].append(i)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(sites)):
        members[root(i)].append(i)
    groups = []
    for indices in members.values():
        best = max(indices, key=lambda i: (sites[i][2], -len(sites[i][0]), sites[i][0]))
        groups.append(
            SiteGroup(
                name=sites[best][0],
                sector=sites[best][1],
                phrases=tuple(sorted({sites[i][0] for i in indices})),
                key=keys[best],
            )
        )
    groups.sort(key=lambda g: g.name)
    return groups


# --- weapons ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WeaponName:
    kind: str  # "weapon" (a category) or "designation"
    name: str  # category id, or the designation's canonical spelling


_WEAPON_NAMES: dict[str, list[tuple[re.Pattern[str], WeaponName]]] = {}


def _weapon_patterns(kb: KnowledgeBase) -> list[tuple[re.Pattern[str], WeaponName]]:
    """Every name of a designation or category as one compiled pattern each, designations
    first; compiled once per knowledge-base version."""
    if kb.version not in _WEAPON_NAMES:
        weapons = kb.raw.get("weapons", {})
        patterns = []
        for item in weapons.get("designations", []):
            named = WeaponName("designation", str(item["name"]))
            patterns.append((re.compile(re.escape(named.name) + "|" + item["pattern"], re.IGNORECASE), named))
        for category in weapons.get("categories", []):
            named = WeaponName("weapon", str(category["id"]))
            names = [re.escape(str(category.get("label", category["id"]))), *category.get("terms", [])]
            patterns.append((re.compile("|".join(f"(?:{n})" for n in names), re.IGNORECASE), named))
        _WEAPON_NAMES[kb.version] = patterns
    return _WEAPON_NAMES[kb.version]


def resolve_weapon(name: str, kb: KnowledgeBase) -> WeaponName | None:
    """The category or designation a name denotes: "ICBM", "intercontinental ballistic
    missiles", "Hwasongpho-19", "600mm multiple rocket launcher"."""
    text = " ".join(name.split())
    patterns = _weapon_patterns(kb)
    for pattern, named in patterns:
        if named.kind == "designation" and pattern.fullmatch(text):
            return named
    folded = text.casefold().replace(" ", "_")
    if folded in WEAPON_CATEGORIES:
        return WeaponName("weapon", folded)
    for pattern, named in patterns:
        if named.kind == "weapon" and pattern.fullmatch(text):
            return named
    return None
