"""Weapons: the DPRK's own systems by category, designation and calibre.

Terms and the words of ownership come from ``kb/data/weapons.yaml``. A mention counts only where the
sentence makes it the DPRK's: the nearest marker of ownership decides ("our",
"the DPRK", "KPA", "new-type" against "U.S.", "puppet", "enemy"). Vague words
("powerful weapons", "war deterrent") name no type and are never counted.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any

from fieldguide.errors import KnowledgeBaseError
from fieldguide.extract.anchors import Gate, Hits, charset_first
from fieldguide.extract.occupied import Occupied
from fieldguide.extract.text import lowercase
from fieldguide.model import WEAPON_CATEGORIES, Mention, Span


@dataclass(frozen=True, slots=True)
class Ownership:
    """The words of weapons.yaml's ``ownership`` that name whose a weapon is."""

    foreign: re.Pattern[str]
    dprk: re.Pattern[str]
    dprk_as_target: frozenset[str]  # DPRK words that can name a target instead ("into the DPRK")
    # a drill's enemy, no owner: "hypothetical enemy", "enemy targets", the enemy it was to intercept
    mock_before: re.Pattern[str] = re.compile(r"(?!x)x")
    target_after: tuple[str, ...] = ()
    strikes: re.Pattern[str] = re.compile(r"(?!x)x")

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Ownership:
        def markers(key: str) -> re.Pattern[str]:
            words = list(data.get(key) or [])
            try:
                # one alternation that begins with a character class: searched in every sentence naming a weapon
                return re.compile(charset_first(words)) if words else re.compile(r"(?!x)x")
            except re.error as e:
                raise KnowledgeBaseError(f"weapons.yaml: ownership.{key}: bad pattern: {e}") from e

        def words(key: str, template: str) -> re.Pattern[str]:
            alternatives = list(data.get(key) or [])
            if not alternatives:
                return re.compile(r"(?!x)x")
            try:
                return re.compile(template.format("|".join(alternatives)))
            except re.error as e:
                raise KnowledgeBaseError(f"weapons.yaml: ownership.{key}: bad pattern: {e}") from e

        return cls(
            markers("foreign"), markers("dprk"), frozenset(data.get("dprk_as_target") or ()),
            words("mock_before", r"\b(?:{})\s+$"), tuple(f" {w}" for w in data.get("target_after") or ()),
            words("strikes", r"\b(?:{})\b"),
        )


@dataclass(frozen=True, slots=True)
class Term:
    regex: re.Pattern[str]
    category: str
    designation: str | None  # the canonical name when the term is a designation ("Hwasong-19")


class WeaponMatcher:
    """The terms of weapons.yaml, each a bounded regex, found through their anchors (see anchors.py)."""

    def __init__(self, terms: list[Term], ownership: Ownership | None = None) -> None:
        self.terms = terms
        self.gate = Gate(t.regex for t in terms)
        self.ownership = ownership or Ownership.from_data({})

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> WeaponMatcher:
        terms: list[Term] = []
        for category in data.get("categories") or []:
            cid = category.get("id")
            if cid not in WEAPON_CATEGORIES:
                raise KnowledgeBaseError(f"weapons.yaml: unknown category {cid!r}", category=cid)
            for term in category.get("terms") or []:
                terms.append(Term(_compile(term), cid, None))
        for d in data.get("designations") or []:
            if d.get("category") not in WEAPON_CATEGORIES:
                raise KnowledgeBaseError(f"weapons.yaml: designation {d.get('name')!r} has an unknown category")
            terms.append(Term(_compile(d["pattern"]), d["category"], d["name"]))
        return cls(terms, Ownership.from_data(data.get("ownership") or {}))

    def matches(self, text: str, lowered: str, hits: Hits | None = None) -> list[tuple[int, int, Term]]:
        """The longest term at each place, not overlapping; designations win over category words."""
        found: list[tuple[int, int, Term]] = []
        seen: set[tuple[int, int, int]] = set()
        for i, positions in self.gate.positions(lowered, hits).items():
            term = self.terms[i]
            starts_at = i in self.gate.starts_at_anchor
            for pos in positions:
                if starts_at:  # the term begins with its anchor: one attempt, right there
                    m = term.regex.match(text, pos)
                    if m and (m.start(), m.end(), i) not in seen:
                        seen.add((m.start(), m.end(), i))
                        found.append((m.start(), m.end(), term))
                    continue
                lo, hi = max(0, pos - WINDOW), min(len(text), pos + WINDOW)
                for m in term.regex.finditer(text, lo, hi):
                    key = (m.start(), m.end(), i)
                    if key not in seen:
                        seen.add(key)
                        found.append((m.start(), m.end(), term))
        found.sort(key=lambda f: (f[2].designation is None, -(f[1] - f[0]), f[0]))
        chosen: list[tuple[int, int, Term]] = []
        taken = Occupied(len(text))
        for start, end, term in found:
            if taken.claim(start, end):
                chosen.append((start, end, term))
        chosen.sort(key=lambda f: f[0])
        return chosen


WINDOW = 90  # how far around its anchor a term may reach


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w])", re.IGNORECASE)
    except re.error as e:
        raise KnowledgeBaseError(f"weapons.yaml: bad pattern {pattern!r}: {e}") from e


# A foreign model designation just before the words: "MH-60R helicopters", "F-35A fighters", "Su-35 fighters",
# "the Kalibr cruise missile", "the Soyuz-2 carrier rocket" (what a host shows him abroad is the host's).
_FOREIGN_DESIGNATION = (
    r"(?:\b(?:[A-Z]{1,4}|Su|MiG|Tu|Il|Ka|Mi|Yak)-\d{1,3}[A-Z]{0,2}\b"
    r"|\b(?:Kalibr|Kinzhal|Soyuz(?:-\d\w?)?|Angara|Tomahawk|Patriot|THAAD)\b)"
)
FOREIGN_MODEL = re.compile(_FOREIGN_DESIGNATION + r"[\w\s-]{0,30}$")
FOREIGN_DESIGNATION = re.compile(_FOREIGN_DESIGNATION)


# The DPRK as the target of a weapon, not its owner: "drones infiltrated into the DPRK", "aimed at us".
# "the sovereignty of the DPRK", "Pyongyang, the capital city of the DPRK": what is violated or
# infiltrated, whatever verb comes before.
_TARGET_NOUN = (
    r"(?:(?:sacred|inviolable|territorial)\s+)?"
    r"(?:sky|skies|airspace|territory|capital(?:\s+city)?|sovereignty|security|border)\s+(?:of|above)\s+"
)
TARGET_BEFORE = re.compile(
    r"\b(?:against|targeting|into|over|toward|towards|at|near|around|on|upon|threatening|encircle|encircling)"
    rf"\s+(?:(?:the\s+)?{_TARGET_NOUN}){{0,2}}(?:the\s+)?$|\b{_TARGET_NOUN}(?:the\s+)?$"
)


# A weapon sent against the DPRK is not its own: "infiltrating a drone into airspace of the DPRK".
AIMED_AT_DPRK = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:into|over|against|toward|towards)\s+(?:the\s+)?"
    rf"(?:{_TARGET_NOUN})?(?:the\s+)?(?:DPRK|Pyongyang|our\s+(?:country|capital|territory|airspace))\b"
)


def _markers(sentence: str, owners: Ownership) -> tuple[list[int], list[int]]:
    """Where the sentence names a foreign owner and where a DPRK one (the DPRK as a target is neither)."""
    dprk = [
        m.start()
        for m in owners.dprk.finditer(sentence)
        if m.group() not in owners.dprk_as_target
        or not TARGET_BEFORE.search(sentence, max(0, m.start() - 60), m.start())
    ]
    # the "enemy" in quotation marks is the mock enemy of a drill, no owner of weapons
    # and so is a "hypothetical enemy" and the "enemy targets" a drill strikes
    foreign = [
        m.start() for m in owners.foreign.finditer(sentence)
        if not _quoted(sentence, m.start(), m.end())
        and not owners.mock_before.search(sentence, max(0, m.start() - 14), m.start())
        and not (owners.target_after and sentence.startswith(owners.target_after, m.end()))
    ]
    return foreign, dprk




def _quoted(sentence: str, start: int, end: int) -> bool:
    return start > 0 and sentence[start - 1] in "\"“" and sentence[end : end + 1] in ("\"", "”")


# The weapon's own words, then "of (the)" and its owner.
_OF_ITS_OWNER = re.compile(r"[\w'-]*(?:\s+[A-Z][\w'-]*){0,4}\s+of\s+(?:the\s+)?")


def _owner_is_dprk(sentence: str, pos: int, markers: tuple[list[int], list[int]], owners: Ownership) -> bool:
    """The ownership marker nearest to the weapon decides, leaving out those of a later clause when
    its own clause or one before names an owner ("If the ROK flies a drone into our airspace again,
    the DPRK will ..."); DPRK wins ties."""
    if FOREIGN_MODEL.search(sentence, max(0, pos - 45), pos):
        return False
    foreign, dprk = markers
    if not foreign:
        return True
    after = foreign[bisect_right(foreign, pos) :][:3]
    if any(_OF_ITS_OWNER.fullmatch(sentence, pos, p) for p in after):
        return False  # "the frigate Marshal Shaposhnikov of the Russian Pacific Fleet": whose it is
    # an owner named after the weapon and after a verb of striking is the target's ("anti-aircraft units
    # to intercept and shoot down cruise missiles of the enemy"), not the weapon's
    foreign = [p for p in foreign if p < pos or not owners.strikes.search(sentence, pos, p)]
    if not foreign:
        return True
    # (a clause of what he said ends where the next begins: "... equipped with nuclear attack capability and
    # that the U.S. mainland is within range")
    ends = [i for i in (sentence.find(",", pos), sentence.find(";", pos), sentence.find(" and that ", pos)) if i != -1]
    end = min(ends) if ends else len(sentence)
    if (foreign and foreign[0] < end) or (dprk and dprk[0] < end):
        foreign, dprk = [p for p in foreign if p < end], [p for p in dprk if p < end]
        if not foreign:
            return True
    return bool(dprk) and _distance(dprk, pos) <= _distance(foreign, pos)


def _owned_before(
    text: str,
    bounds: list[tuple[int, int]],
    si: int,
    markers: dict[int, tuple[list[int], list[int]]],
    owners: Ownership,
) -> bool:
    """A sentence that names no owner at all goes on about the owner of the nearest sentence before
    that names one, when that one names only a foreign owner ("... the U.S. and the ROK started the
    drill. The drill with 40-odd warships ...")."""
    if markers[si][0] or markers[si][1]:
        return False
    for before in range(si - 1, max(-1, si - 1 - OWNER_LOOKBACK), -1):  # the nearest that names one
        if before not in markers:
            a, b = bounds[before]
            markers[before] = _markers(text[a:b], owners)
        foreign, dprk = markers[before]
        a, _ = bounds[before]
        # the enemy a drill was to strike there ("to intercept cruise missiles of the enemy") owns nothing told next
        foreign = [p for p in foreign if not owners.strikes.search(text, max(a, a + p - 60), a + p)]
        if foreign or dprk:
            return bool(foreign) and not dprk
    return False


OWNER_LOOKBACK = 2  # sentences


def _distance(positions: list[int], pos: int) -> int:
    """How far the nearest of the sorted ``positions`` is from ``pos`` (a search, not a scan:
    a long sentence may hold thousands of markers)."""
    i = bisect_left(positions, pos)
    return min(abs(positions[j] - pos) for j in (i - 1, i) if 0 <= j < len(positions))


def _inside(starts: list[int], stretches: list[tuple[int, int]], pos: int) -> bool:
    """``pos`` lies in one of the sorted, non-overlapping ``stretches`` (sentences)."""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < stretches[i][1]


CALIBRE = re.compile(r"(\d{2,3}) ?mm", re.I)


def find_weapons(
    text: str,
    matcher: WeaponMatcher,
    sentence_bounds: list[tuple[int, int]],
    history: list[tuple[int, int]],
    lowered: str | None = None,
    hits: Hits | None = None,
) -> list[Mention]:
    """Weapon mentions with category, designation and calibre; foreign systems and history are marked.

    ``sentence_bounds`` are the (start, end) of each sentence; ``history`` the stretches of
    text that recall the past (the 1950s war), where weapons are not present-day forces.
    """
    found: list[Mention] = []
    markers: dict[int, tuple[list[int], list[int]]] = {}
    history = sorted(history)
    history_starts = [a for a, _ in history]
    si = 0
    for start, end, term in matcher.matches(text, lowered if lowered is not None else lowercase(text), hits):
        while si < len(sentence_bounds) - 1 and sentence_bounds[si][1] <= start:
            si += 1
        s_start, s_end = sentence_bounds[si] if sentence_bounds else (0, len(text))
        sentence = text[s_start:s_end]
        attrs: dict[str, Any] = {}
        category = term.category
        if term.designation:
            attrs["designation"] = term.designation
        words = text[start:end]
        calibre = CALIBRE.search(words)
        if calibre:
            attrs["calibre_mm"] = int(calibre.group(1))
        if si not in markers:  # sentences with several weapons are scanned once
            markers[si] = _markers(sentence, matcher.ownership)
        owned = _owner_is_dprk(sentence, start - s_start, markers[si], matcher.ownership) and not AIMED_AT_DPRK.match(
            text, end
        )
        if not owned or _owned_before(text, sentence_bounds, si, markers, matcher.ownership):
            attrs["foreign"] = True
        if _inside(history_starts, history, start) and not term.designation:
            attrs["history"] = True  # (a system's designation, "Hwasong-12", names no weapon of the 1950s war)
        if _in_unit_name(text, start, end):
            continue  # "Missile Administration", "Guards 105th Tank Division": names, not weapons
        found.append(Mention("weapon", Span(start, end), words, category, attrs))
    _heads_refer_back(found)
    return found


def _heads_refer_back(found: list[Mention]) -> None:
    """A bare head word ("the drone") after a fuller term ending in it ("the nuclear underwater attack
    drone") names the same weapon: it takes that term's category, not the head word's own."""
    last_by_head: dict[str, str] = {}
    for m in found:
        words = m.text.lower().split()
        head = words[-1].removesuffix("s") if words else ""
        if len(words) > 1:
            last_by_head[head] = m.canonical
        elif head in last_by_head and "designation" not in m.attrs:
            m.canonical = last_by_head[head]


UNIT_WORDS = re.compile(
    r"\s+(?:[A-Z][\w']*\s+){0,2}?(?:Administration|Bureau|Regiment|Division|Brigade|Battalion|Group|Corps|"
    r"Command|Academy|Institute|University|College|School|Department|Unit|Flotilla|Squadron|Fleet|Force|Forces|"
    r"Ground|Station)\b"
)


def _in_unit_name(text: str, start: int, end: int) -> bool:
    """The words stand inside the capitalized name of a unit or office, which is not a weapon; or they
    say what a unit flies ("a helicopter unit of the Air Force")."""
    words = text[start:end]
    if words.lower() in _UNIT_OF and _UNIT_AFTER.match(text, end):
        return True
    if words.lower() == "aircraft" and _MAKER_AFTER.match(text, end):
        return True  # "the United Aircraft Corporation", "an aircraft plant": a maker, not a weapon
    if _OFFICE_BEFORE.search(text, max(0, start - 40), start):
        return True  # "Pak Jong Chon, commander of the artillery of the KPA": an office, not a weapon
    if not words[:1].isupper() or not words.split()[-1][:1].isupper():
        return False
    return bool(UNIT_WORDS.match(text, end))


_OFFICE_BEFORE = re.compile(r"\b(?:commander|director|chief|head)(?: general)? of (?:the )?$", re.I)
_MAKER_AFTER = re.compile(r"\s+(?:corporation|company|plant|factory|works)\b", re.I)
_UNIT_OF = frozenset({"helicopter", "helicopters", "fighter", "bomber", "transport plane"})
_UNIT_AFTER = re.compile(r" (?:unit|units|regiment|division|squadron|wing|group)\b")


def apply_generic(found: list[Mention], generic: dict[str, list[str]]) -> None:
    """A generic category gives way where the document names a specific one (see weapons.yaml)."""
    present = {m.canonical for m in found if m.counts}
    for m in found:
        specific = generic.get(m.canonical)
        if specific and present.intersection(specific):
            m.attrs["generic"] = True
