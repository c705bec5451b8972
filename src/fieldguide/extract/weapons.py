"""Weapons: the DPRK's own systems by category, designation and calibre.

Terms come from ``kb/data/weapons.yaml``. A mention counts only where the
sentence makes it the DPRK's: the nearest marker of ownership decides ("our",
"the DPRK", "KPA", "new-type" against "U.S.", "puppet", "enemy"). Vague words
("powerful weapons", "war deterrent") name no type and are never counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fieldguide.errors import KnowledgeBaseError
from fieldguide.model import WEAPON_CATEGORIES, Mention, Span

FOREIGN_MARKERS = re.compile(
    r"\b(?:U\.S\.|US|USA|American|Americans|Washington|Pentagon|Japan|Japanese|Tokyo|ROK|Seoul|south Korea|"
    r"south Korean|puppet|puppets|NATO|Ukraine|Ukrainian|Kiev|Kyiv|Israel|Israeli|Britain|British|UK|"
    r"Australia|Australian|Germany|German|France|French|enemy|enemies|hostile forces|imperialists?|"
    r"Yoon|Biden|Zelenskiy|Zelensky|Taiwan|Philippines|aggressors?|warmongers?|west|Western|allies|"
    r"Anglo-Saxon|AUKUS|Pentagon|F-35A?|F-22|B-52H?|B-1B|Columbia-class|Aegis|THAAD|ATACMS|HIMARS|"
    r"Patriot|Tomahawk|carrier strike group|aircraft carrier|strategic assets)\b"
)
DPRK_MARKERS = re.compile(
    r"\b(?:our|we|us|DPRK|DPRK's|Korean People's Army|KPA|Juche|Juche-based|new-type|new type|"
    r"Hwasong\w*|Missile Administration|Kim Jong Un|he|He|his|the Party|WPK|national defence|munitions|"
    r"defence industr\w+|Academy of Defence Science|test-fire|test-fired|test-firing|serial production|"
    r"modern\w*|the army|our army|the republic|own)\b"
)


# Every weapon term holds one of these words; the full patterns are only tried near them,
# which keeps a hundred alternatives from being tried at every character of the text.
KEYWORDS = re.compile(
    r"missile|rocket|launch|MRL|drone|UAV|unmanned|gun|howitzer|artiller|shell|ammunition|tank|armou?red|"
    r"submarine|destroyer|frigate|warship|vessel|boat|ship|naval|aircraft|fighter|bomber|helicopter|plane|"
    r"jet|rifle|pistol|small arms|sniper|nuclear|warhead|enrichment|satellite|torpedo|Haeil|hypersonic|"
    r"air defen|anti-air|AA |ICBM|IRBM|SRBM|SLBM|Hwasong|Pulhwasal|Hwasal|Padasuri|Pyoljji|Malligyong|"
    r"Chollima|Saetbyol|Choe Hyon|Kim Kun Ok|weapon",
    re.IGNORECASE,
)
_WORD_START = re.compile(r"(?<![\w-])[\w]")
LOOKBACK = 70


@dataclass(frozen=True, slots=True)
class WeaponMatcher:
    regex: re.Pattern[str]
    categories: tuple[str, ...]  # per named group index
    designations: tuple[tuple[str, str], ...]  # (name, category) per designation group
    vague: re.Pattern[str] | None

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> WeaponMatcher:
        alternatives: list[tuple[int, str, str]] = []  # (priority, pattern, label)
        designations: list[tuple[str, str]] = []
        for category in data.get("categories") or []:
            cid = category.get("id")
            if cid not in WEAPON_CATEGORIES:
                raise KnowledgeBaseError(f"weapons.yaml: unknown category {cid!r}", category=cid)
            for term in category.get("terms") or []:
                alternatives.append((len(term), term, f"c:{cid}"))
        for d in data.get("designations") or []:
            if d.get("category") not in WEAPON_CATEGORIES:
                raise KnowledgeBaseError(f"weapons.yaml: designation {d.get('name')!r} has an unknown category")
            designations.append((d["name"], d["category"]))
            alternatives.append((1000 + len(d["pattern"]), d["pattern"], f"d:{len(designations) - 1}"))
        # Longer, more specific patterns first: the alternation takes the first that matches at a position.
        alternatives.sort(key=lambda a: -a[0])
        groups = []
        labels = []
        for i, (_, pattern, label) in enumerate(alternatives):
            try:
                re.compile(pattern)
            except re.error as e:
                raise KnowledgeBaseError(f"weapons.yaml: bad pattern {pattern!r}: {e}") from e
            if not KEYWORDS.search(pattern.replace("\\", "")):
                raise KnowledgeBaseError(
                    f"weapons.yaml: pattern {pattern!r} holds none of the weapon keywords, so it could never be found"
                )
            groups.append(f"(?P<g{i}>{pattern})")
            labels.append(label)
        regex = re.compile(r"(?<![\w-])(?:" + "|".join(groups) + r")(?![\w])", re.IGNORECASE)
        vague_terms = data.get("vague") or []
        vague = (
            re.compile(r"\b(?:" + "|".join(re.escape(v) for v in vague_terms) + r")\b", re.I) if vague_terms else None
        )
        return cls(regex, tuple(labels), tuple(designations), vague)


def _owner_is_dprk(sentence: str, pos: int) -> bool:
    """The ownership marker nearest to the weapon, within its sentence, decides; DPRK wins ties."""
    foreign = [abs(m.start() - pos) for m in FOREIGN_MARKERS.finditer(sentence)]
    if not foreign:
        return True
    dprk = [abs(m.start() - pos) for m in DPRK_MARKERS.finditer(sentence)]
    return bool(dprk) and min(dprk) <= min(foreign)


CALIBRE = re.compile(r"(\d{2,3}) ?mm", re.I)


def find_weapons(
    text: str, matcher: WeaponMatcher, sentence_bounds: list[tuple[int, int]], history: list[tuple[int, int]]
) -> list[Mention]:
    """Weapon mentions with category, designation and calibre; foreign systems and history are marked.

    ``sentence_bounds`` are the (start, end) of each sentence; ``history`` the stretches of
    text that recall the past (the 1950s war), where weapons are not present-day forces.
    """
    found: list[Mention] = []
    si = 0
    for m in _matches(text, matcher.regex):
        group = m.lastgroup
        if group is None:
            continue
        label = matcher.categories[int(group[1:])]
        start, end = m.start(), m.end()
        while si < len(sentence_bounds) - 1 and sentence_bounds[si][1] <= start:
            si += 1
        s_start, s_end = sentence_bounds[si] if sentence_bounds else (0, len(text))
        sentence = text[s_start:s_end]
        attrs: dict[str, Any] = {}
        if label.startswith("d:"):
            name, category = matcher.designations[int(label[2:])]
            attrs["designation"] = name
        else:
            category = label[2:]
        calibre = CALIBRE.search(m.group())
        if calibre:
            attrs["calibre_mm"] = int(calibre.group(1))
        if not _owner_is_dprk(sentence, start - s_start):
            attrs["foreign"] = True
        if any(a <= start < b for a, b in history):
            attrs["history"] = True
        if _in_unit_name(text, m):
            continue  # "Missile Administration", "Guards 105th Tank Division": names, not weapons
        found.append(Mention("weapon", Span(start, end), m.group(), category, attrs))
    return found


UNIT_WORDS = re.compile(
    r"\s+(?:[A-Z][\w']*\s+){0,2}?(?:Administration|Bureau|Regiment|Division|Brigade|Battalion|Group|Corps|"
    r"Command|Academy|Institute|University|College|School|Department|Unit|Flotilla|Squadron|Fleet|Force|Forces)\b"
)


def _in_unit_name(text: str, m: re.Match[str]) -> bool:
    """The words stand inside the capitalized name of a unit or office, which is not a weapon."""
    if not m.group()[:1].isupper() or not m.group().split()[-1][:1].isupper():
        return False
    return bool(UNIT_WORDS.match(text, m.end()))


def apply_generic(found: list[Mention], generic: dict[str, list[str]]) -> None:
    """A generic category gives way where the document names a specific one (see weapons.yaml)."""
    present = {m.canonical for m in found if m.counts}
    for m in found:
        specific = generic.get(m.canonical)
        if specific and present.intersection(specific):
            m.attrs["generic"] = True


def _matches(text: str, regex: re.Pattern[str]) -> list[re.Match[str]]:
    """Longest matches that cover a keyword, found by trying the word starts just before it."""
    out: list[re.Match[str]] = []
    covered = 0
    for hit in KEYWORDS.finditer(text):
        if hit.start() < covered:
            continue
        for start in _WORD_START.finditer(text, max(covered, hit.start() - LOOKBACK), hit.start() + 1):
            m = regex.match(text, start.start())
            if m and m.end() > hit.start():
                out.append(m)
                covered = m.end()
                break
    return out
