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

import ahocorasick

from fieldguide.model import Mention, Span

# Suffixes that make a capitalized word a place even when the gazetteer lacks it.
ADMIN_SUFFIX = (
    r"(?:Province|County|City|District|Municipality|Workers' District|Island|Islet|Islands|Bay|River|"
    r"Peninsula|Mountain|Pass|Lake|Reservoir|Plain|Harbour)"
)
_NAME = r"(?:[A-Z][a-z]+(?:-[a-z]+)?)"
SUFFIXED_PLACE = re.compile(rf"\b((?:North |South |East |West )?{_NAME}(?: {_NAME})?) {ADMIN_SUFFIX}\b")
MOUNTAIN = re.compile(rf"\b(?:Mt\.?|Mount) ({_NAME})\b")
KOREAN_VILLAGE = re.compile(r"\b([A-Z][a-z]+-(?:ri|dong|gu|up|rodongjagu))\b")
DIRECTIONAL_SEA = re.compile(r"\b(?:the )?((?:East|West) Sea(?: of Korea)?)\b")

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

    def matches(self, text: str) -> list[tuple[int, int, PlaceEntry]]:
        """Longest whole-word matches, left to right, not overlapping."""
        if not self.entries:
            return []
        lowered = text.lower()
        raw: list[tuple[int, int, str]] = []
        for end_index, (length, key) in self.automaton.iter(lowered):
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


def _extend_with_suffix(text: str, start: int, end: int) -> int:
    """Take in a suffix the text writes after a listed name ("Uiju" + " County")."""
    m = re.match(rf" {ADMIN_SUFFIX}\b", text[end : end + 24])
    return end + m.end() if m else end


def find_places(text: str, gazetteer: Gazetteer, dateline: Span | None = None) -> list[Mention]:
    """Every place mention in order; DPRK places have no ``foreign`` attribute."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    skip_until = dateline.end if dateline else 0

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(s: int, e: int, canonical: str, attrs: dict[str, object]) -> None:
        taken.append((s, e))
        if s < skip_until:
            return
        found.append(Mention("place", Span(s, e), text[s:e], canonical, attrs))

    for start, end, entry in gazetteer.matches(text):
        # "South Phyongan Province" outranks the "Phyongan" inside it; prefixes like "North " are in the aliases
        end = _extend_with_suffix(text, start, end)
        attrs: dict[str, object] = {"kind": entry.kind}
        if entry.lat is not None:
            attrs["lat"], attrs["lon"] = entry.lat, entry.lon
        if entry.parent:
            attrs["parent"] = entry.parent
        if entry.country != "KP":
            attrs["foreign"] = True
        add(start, end, entry.name, attrs)
    for regex in (SUFFIXED_PLACE, MOUNTAIN, KOREAN_VILLAGE, DIRECTIONAL_SEA):
        for m in regex.finditer(text):
            s, e = m.start(), m.end()
            if regex is DIRECTIONAL_SEA:
                s, e = m.start(1), m.end(1)
            if not free(s, e) or m.group(0) in NOT_PLACES or m.group(1) in NOT_PLACES:
                continue
            window = text[max(0, s - 60) : s]
            attrs = {"kind": "unlisted", "found_by": "suffix"}
            if FOREIGN_CONTEXT.search(window):
                attrs["foreign"] = True
            add(s, e, text[s:e], attrs)
    found.sort(key=lambda mention: mention.span.start)
    return found
