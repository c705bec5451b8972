"""Places: DPRK geography from the gazetteer, and unlisted names by their suffixes.

A place is reported as the text writes it, with its suffix where the text has
one ("North Phyongan Province", "Uiju County", "Mt Taesong"). Foreign places are
told apart (they carry ``attrs["foreign"]``), and the dateline's city is not a
place of the story.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from fieldguide.extract.anchors import Hits, matches_at
from fieldguide.extract.occupied import Occupied
from fieldguide.extract.people import SURNAMES, korean_word
from fieldguide.extract.text import lowercase
from fieldguide.model import Mention, Span

# Suffixes that make a capitalized word a place even when the gazetteer lacks it.
ADMIN_SUFFIX = (
    r"(?:Province|County|City|District|Municipality|Workers' District|Island|Islet|Islands|Bay|River|"
    r"Peninsula|Mountain|Pass|Lake|Reservoir|Plain|Harbour|Peak|Ravine|Valley|Falls)"
)
_NAME = r"(?:[A-Z][a-z]+(?:-[a-z]+)?)"
# Each starts with a capital letter and then looks behind, which lets the regex engine skip
# ahead to capitals instead of trying every character.
# Unlisted places are found from their suffix backwards: the suffix words are rare, the capitalized
# words before them common, and a regex that starts with a character class is fast to scan.
_SUFFIXES = ADMIN_SUFFIX[3:-1].split("|")
_SUFFIX_INITIALS = "".join(sorted({w[0] for w in _SUFFIXES}))
SUFFIX = re.compile(
    rf"[{_SUFFIX_INITIALS}](?<= [{_SUFFIX_INITIALS}])(?:"
    + "|".join(f"(?<={w[0]}){re.escape(w[1:])}" for w in sorted(_SUFFIXES, key=len, reverse=True))
    + r")\b"
)
SUFFIX_AFTER = re.compile(rf" {ADMIN_SUFFIX}\b")
VILLAGE_NAME = re.compile(r"(?<![\w-])[A-Z][a-z]+$")
NAME_BEFORE = re.compile(rf"(?<![\w-])((?:{_NAME} ){{1,3}})$")
MOUNTAIN = re.compile(rf"M(?<![\w-]M)(?:t\.?|ount) ({_NAME})\b")
KOREAN_VILLAGE = re.compile(r"-(?<=[a-z]-)(?:ri|dong|gu|up|rodongjagu)\b")
# English words that read as romanized Korean and name what a farm or mine yields, not where it is.
_WHAT_IS_FARMED = frozenset(
    "Iron Coal Gold Model Ginseng Salmon Potato Pilot Goat Union Main Mining Tea Fruit Pig Duck Chicken Fish "
    "Stock State Seed Tree Sheep Cattle Silk Salt Rice Maize Apple Pear Peach Mushroom Poultry Dairy Tile".split()
)
# Found by the kind of facility first (a character class Python's engine skips to), then the name before it.
FACILITY_NAMED_AFTER_PLACE = re.compile(r"[FM](?<= [FM])(?:arms?|ine|ishery|isheries Station)\b")
NAME_OF_FACILITY = re.compile(
    r"(?<![\w-])([A-Z][a-z]{2,}(?:-[a-z]+)?) (?:Co-operative |Cooperative |Vegetable |Fruit |Stock |Livestock |"
    r"Fish |Chicken |Duck |Pig |Tree |Seed |State |Coal )?$"
)
# "Kundong and Nongpho vegetable farms", "Songsin and Songhwa areas": names listed before a plural place
# noun, found from the noun (str.find) backwards.
PLURAL_PLACE_NOUNS = (" farms", " areas", " villages", " mines")
LIST_NAME = re.compile(r"[A-Z][a-z]{2,}(?:-[a-z]+)?")
SITE_NAMED_AFTER_PLACE = re.compile(r"(?:Revolutionary (?:Battle )?Site|(?:Temporary )?Secret (?:Camp|Base))\b")
DIRECTIONAL_SEA = re.compile(r"((?:E(?<![\w-]E)ast|W(?<![\w-]W)est) Sea(?: of Korea)?)\b")

# Proper nouns that take place suffixes but are not DPRK places, or are too generic.
NOT_PLACES = frozenset(
    (
        "Korean Peninsula",
        "Central District",
        "Special City",
        "Capital City",
        "Local City",
        "New District",
        "Industrial District",
        "Development Area",
        "Tourist Area",
        "Economic Development Area",
        "Workers' Party",
        "Party Area",
        "Frontline Area",
        "Border Area",
        "Rear Area",
        "Flood District",
        "Ri",
        "Dong",
        "Town",
    )
)
LEADING_WORD = re.compile(r"(?:(?:The|In|At|On|Of|For|From|To|And|A|An|Its|Our|This|That|With|By|Near|Across) )+")
FOREIGN_CONTEXT = re.compile(r"\b(?:south Korea|south Korean|ROK|puppet|Seoul)\b")


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    name: str
    kind: str
    country: str
    parent: str | None
    lat: float | None
    lon: float | None


class Gazetteer:
    """An Aho-Corasick automaton over every place name and alias (lower-cased)."""

    def __init__(self, entries: Iterable[tuple[PlaceEntry, Iterable[str]]]) -> None:
        self.automaton = ahocorasick.Automaton()
        self.entries: dict[str, PlaceEntry] = {}
        for entry, aliases in entries:
            for alias in {entry.name, *aliases}:
                key = alias.lower()
                if key and key not in self.entries:
                    self.entries[key] = entry
                    self.automaton.add_word(key, (len(key), key))
        if self.entries:
            self.automaton.make_automaton()

    def matches(
        self, text: str, lowered: str | None = None, hits: Hits | None = None
    ) -> list[tuple[int, int, PlaceEntry]]:
        """Longest whole-word matches, left to right, not overlapping."""
        if not self.entries:
            return []
        lowered = lowered if lowered is not None else lowercase(text)
        raw: list[tuple[int, int, str]] = []
        for end_index, (length, key) in hits if hits is not None else self.automaton.iter(lowered):
            start = end_index - length + 1
            end = end_index + 1
            if start > 0 and (lowered[start - 1].isalnum()):
                continue
            if end < len(lowered) and (lowered[end].isalnum()):
                continue
            if not text[start].isupper():
                continue  # place names are capitalized; "sea", "bay" in running text are not
            raw.append((start, end, key))
        raw.sort(key=lambda r: (r[0], -(r[1] - r[0])))
        out: list[tuple[int, int, PlaceEntry]] = []
        last_end = -1
        for start, end, key in raw:
            if start >= last_end:
                out.append((start, end, self.entries[key]))
                last_end = end
        return out


# What SUFFIX and FACILITY_NAMED_AFTER_PLACE begin with, after the space they look behind for.
_SUFFIX_WORDS = tuple(f" {w}" for w in _SUFFIXES)
_FACILITY_WORDS = (" Farm", " Mine", " Fisher")
# The words whose presence _unlisted and find_places ask about before a pattern is tried.
PLACE_WORDS = (
    "Mt", "Mount", " Sea", *PLURAL_PLACE_NOUNS, *_FACILITY_WORDS, " Revolutionary ", " Secret ",
    " Temporary ", " provinces", " counties", " cities", " districts", *_SUFFIX_WORDS,
)


@cache
def place_word_automaton() -> Any:
    """PLACE_WORDS lower-cased, for the extractor's shared scan (each word is its own value)."""
    automaton = ahocorasick.Automaton()
    for word in PLACE_WORDS:
        automaton.add_word(word.lower(), word.lower())
    automaton.make_automaton()
    return automaton


Seen = dict[str, list[int]]  # each lower-cased PLACE_WORD the shared scan found, and where it begins


def _may_hold(word: str, seen: Seen | None) -> bool:
    """False when the shared scan saw ``word`` in no case at all (``seen``, None when there was no scan):
    most texts hold few of them, and then the text need not be searched."""
    return seen is None or word.lower() in seen


def _holds(text: str, word: str, seen: Seen | None) -> bool:
    return _may_hold(word, seen) and word in text


def _found_after(pattern: re.Pattern[str], text: str, words: tuple[str, ...], seen: Seen | None) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern whose matches begin right after one of ``words``' leading
    space: with the shared scan, tried only there."""
    if seen is None:
        return list(pattern.finditer(text))
    return matches_at(pattern, text, (at + 1 for word in words for at in seen.get(word.lower(), ())))


def _unlisted(text: str, seen: Seen | None = None) -> list[tuple[int, int]]:
    """Spans of names that their suffix, a "Mt", a "-ri" or a directional sea makes places.

    ``seen``: the PLACE_WORDS the shared scan found in the text (None: look for each)."""
    out: list[tuple[int, int]] = []
    for m in _found_after(SUFFIX, text, _SUFFIX_WORDS, seen):
        before = NAME_BEFORE.search(text, max(0, m.start() - 60), m.start())
        # "the Pothong Riverside Terraced Residential District": English words alone name no place
        if before and any(korean_word(w) for w in before.group(1).split()):
            out.append((before.start(1), m.end()))
    if _holds(text, "Mt", seen) or _holds(text, "Mount", seen):
        out += [(m.start(), m.end()) for m in MOUNTAIN.finditer(text)]
    if "-" in text:
        for m in KOREAN_VILLAGE.finditer(text):
            word = VILLAGE_NAME.search(text, max(0, m.start() - 20), m.start())
            if word:
                out.append((word.start(), m.end()))
    if _holds(text, " Sea", seen):
        out += [(m.start(1), m.end(1)) for m in DIRECTIONAL_SEA.finditer(text)]
    # "at Kuthan and Yaksan farms in Songhwa County": each farm (mine, village, area) of a list is named
    # after its place
    for noun in PLURAL_PLACE_NOUNS:
        at = text.find(noun) if _may_hold(noun, seen) else -1
        while at != -1:
            for a, b in _names_listed_before(text, at):
                listed = text[a:b]
                if korean_word(listed) and listed not in SURNAMES and listed not in _WHAT_IS_FARMED:
                    out.append((a, b))
            at = text.find(noun, at + 1)
    # a farm, mine or fishery is named after its place: "the Taechong Co-operative Farm" gives Taechong
    if any(_holds(text, word, seen) for word in _FACILITY_WORDS):
        for kind in _found_after(FACILITY_NAMED_AFTER_PLACE, text, _FACILITY_WORDS, seen):
            named = NAME_OF_FACILITY.search(text, max(0, kind.start() - 45), kind.start())
            name = named.group(1) if named else ""
            if named and korean_word(name) and name not in SURNAMES and name not in _WHAT_IS_FARMED:
                out.append((named.start(1), named.end(1)))
    # "the Kuksabong Revolutionary Battle Site", "the Ponghwajae Temporary Secret Base": named after the place
    for literal in (" Revolutionary ", " Secret ", " Temporary "):  # a string search first, the pattern there
        at = text.find(literal) if _may_hold(literal, seen) else -1
        while at != -1:
            site = SITE_NAMED_AFTER_PLACE.match(text, at + 1)
            at = text.find(literal, at + 1)
            if site is None:
                continue
            named = VILLAGE_NAME.search(text, max(0, site.start() - 20), site.start() - 1)
            name = named.group() if named else ""
            if named and korean_word(name) and name not in SURNAMES:
                out.append(named.span())
    return out


def _word_before(text: str, end: int) -> tuple[int, str]:
    """The word that ends at ``end`` and where it starts."""
    start = max(text.rfind(" ", 0, end), text.rfind("\n", 0, end)) + 1
    return start, text[start:end]


def _names_listed_before(text: str, at: int) -> list[tuple[int, int]]:
    """The spans of "Kundong and Nongpho (vegetable)" or "Sodok, Unpha and Kwangmyong" ending at ``at``,
    read backwards word by word (most "areas" are "flood-hit areas": one look and done)."""
    start, word = _word_before(text, at)
    if word in _FARM_KINDS:
        start, word = _word_before(text, start - 1)
    if not LIST_NAME.fullmatch(word):
        return []
    names = [(start, start + len(word))]
    start, word = _word_before(text, start - 1)
    if word != "and":
        return []
    while len(names) < 8:
        start, word = _word_before(text, start - 1)
        name = word.rstrip(",")
        if not LIST_NAME.fullmatch(name):
            break
        names.append((start, start + len(name)))
        if not _word_before(text, start - 1)[1].endswith(","):
            break
    return names if len(names) >= 2 else []


_FARM_KINDS = frozenset({"co-operative", "cooperative", "vegetable", "fruit", "stock", "livestock", "state", "coal"})


def _extend_with_suffix(text: str, start: int, end: int) -> int:
    """Take in a suffix the text writes after a listed name ("Uiju" + " County")."""
    m = SUFFIX_AFTER.match(text, end)
    return m.end() if m else end


_INSIDE_DPRK_NAME = re.compile(r"(?:Democratic\s+People['’]s|People['’]s)\s+$")


# The plural suffix is found first (a character class the engine skips to), the list before it then.
SHARED_SUFFIX = re.compile(r"[pcd](?<= [pcd])(?:rovinces|ounties|ities|istricts)\b")
SHARED_SUFFIX_LIST = re.compile(
    r"(?<![\w-])(?:[A-Z][\w'-]+ ){0,2}?[A-Z][\w'-]+(?:(?:, |,? and )(?:[A-Z][\w'-]+ ){0,2}?[A-Z][\w'-]+)*,? and "
    r"(?:[A-Z][\w'-]+ ){0,2}?[A-Z][\w'-]+ (?P<suffix>provinces|counties|cities|districts)\b$"
)
BOTH_HALVES = re.compile(r"\b(North|South) and (?:North|South) ([A-Z][\w'-]+)")
LISTED_NAME = re.compile(r"(?:[A-Z][\w'-]+ ){0,2}?[A-Z][\w'-]+(?=,| and| (?:provinces|counties|cities|districts)\b)")


def _listed_attrs(entry: PlaceEntry) -> dict[str, object]:
    """What a mention of a known place carries: its kind, coordinates, parent, and whether it is foreign."""
    attrs: dict[str, object] = {"kind": entry.kind}
    if entry.lat is not None:
        attrs["lat"], attrs["lon"] = entry.lat, entry.lon
    if entry.parent:
        attrs["parent"] = entry.parent
    if entry.country != "KP":
        attrs["foreign"] = True
    return attrs


def find_places(
    text: str,
    gazetteer: Gazetteer,
    dateline: Span | None = None,
    lowered: str | None = None,
    hits: Hits | None = None,
    word_hits: Hits | None = None,
) -> list[Mention]:
    """Every place mention in order; DPRK places have no ``foreign`` attribute.

    ``hits`` and ``word_hits``: the shared scan's shares for the gazetteer and ``place_word_automaton``."""
    seen: Seen | None = None
    if word_hits is not None:
        seen = {}
        for end, word in word_hits:
            seen.setdefault(word, []).append(end - len(word) + 1)
    found: list[Mention] = []
    taken = Occupied(len(text))
    free = taken.free
    skip_until = dateline.end if dateline else 0

    def add(s: int, e: int, canonical: str, attrs: dict[str, object]) -> None:
        taken.take(s, e)
        if s < skip_until:
            return
        found.append(Mention("place", Span(s, e), text[s:e], canonical, attrs))

    for start, end, entry in gazetteer.matches(text, lowered, hits):
        if _INSIDE_DPRK_NAME.search(text, max(0, start - 24), start):
            continue  # the "Republic of Korea" inside "Democratic People's Republic of Korea" is not the ROK
        # "South Phyongan Province" outranks the "Phyongan" inside it; prefixes like "North " are in the aliases
        end = _extend_with_suffix(text, start, end)
        add(start, end, entry.name, _listed_attrs(entry))
    if any(_holds(text, plural, seen) for plural in (" provinces", " counties", " cities", " districts")):
        # "South Phyongan, North Hwanghae and Kangwon provinces": each name takes the shared suffix
        for plural in SHARED_SUFFIX.finditer(text):
            m = SHARED_SUFFIX_LIST.search(text, max(0, plural.start() - 160), plural.end())
            if m is None:
                continue
            suffix = m.group("suffix")[:-3] + "y" if m.group("suffix").endswith("ies") else m.group("suffix")[:-1]
            for listed_name in LISTED_NAME.finditer(text, m.start(), m.end()):
                listed = gazetteer.entries.get(f"{listed_name.group().lower()} {suffix.lower()}")
                if listed is not None and listed.country == "KP" and free(*listed_name.span()):
                    add(*listed_name.span(), listed.name, _listed_attrs(listed))
            # "North and South Phyongan ... provinces": the first half names North Phyongan
            for pair in BOTH_HALVES.finditer(text, m.start(), m.end()):
                listed = gazetteer.entries.get(f"{pair.group(1).lower()} {pair.group(2).lower()} {suffix.lower()}")
                if listed is not None and listed.country == "KP" and free(*pair.span(1)):
                    # written "North" there: the record names it "North Phyongan"
                    add(*pair.span(1), listed.name, _listed_attrs(listed) | {"display": f"{pair[1]} {pair[2]}"})
    for s, e in _unlisted(text, seen):
        lead = LEADING_WORD.match(text, s, e)
        if lead:  # "In Hochon County" -> "Hochon County"
            s = lead.end()
        name = text[s:e]
        if not free(s, e) or name in NOT_PLACES or name.rsplit(" ", 1)[0] in NOT_PLACES:
            continue
        window = text[max(0, s - 60) : s]
        attrs: dict[str, object] = {"kind": "unlisted", "found_by": "suffix"}
        if FOREIGN_CONTEXT.search(window):
            attrs["foreign"] = True
        add(s, e, text[s:e], attrs)
    found.sort(key=lambda mention: mention.span.start)
    return found
