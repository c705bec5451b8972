"""The knowledge base as loaded: places, people, and everything else as plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fieldguide.kb.romanize import fold_person, fold_place, person_key

DPRK = "KP"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str
    parent: str | None
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...]
    country: str  # ISO 3166 alpha-2; "KP" for the DPRK

    @property
    def in_dprk(self) -> bool:
        return self.country == DPRK

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class TitleSpan:
    title: str
    since: dt.date | None
    until: dt.date | None

    def held_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or day <= self.until)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    country: str
    titles: tuple[TitleSpan, ...]
    note: str | None
    hangul: str | None = None  # the name in Hangul, where the knowledge base is sure of it

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *([self.hangul] if self.hangul else []))

    def titles_on(self, day: dt.date) -> tuple[str, ...]:
        """The titles the knowledge base says this person held on ``day``."""
        return tuple(span.title for span in self.titles if span.held_on(day))


@dataclass(frozen=True)
class KnowledgeBase:
    version: str  # stable hash of every loaded YAML file: changes exactly when the data changes
    places: tuple[Place, ...]
    people: tuple[Person, ...]
    raw: dict[str, Any]  # every loaded YAML document by file stem, merged across --kb directories
    sources: tuple[str, ...] = ()  # the files read, in order
    places_by_name: dict[str, Place] = field(init=False, repr=False)
    people_by_name: dict[str, Person] = field(init=False, repr=False)
    person_index: Mapping[str, str] = field(init=False, repr=False)  # person_key -> canonical name
    _places_by_fold: dict[str, Place | None] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # The loader has checked that no name or alias belongs to two entries.
        set_ = object.__setattr__
        set_(self, "places_by_name", {n.lower(): p for p in self.places for n in p.names})
        set_(self, "people_by_name", {n.lower(): p for p in self.people for n in p.names})
        set_(self, "person_index", {person_key(n): p.name for p in self.people for n in p.names})
        by_fold: dict[str, Place | None] = {}
        for place in self.places:
            for n in place.names:
                key = fold_place(n)
                # A folded spelling shared by two places is ambiguous: it resolves to neither.
                by_fold[key] = place if by_fold.get(key, place) is place else None
        set_(self, "_places_by_fold", by_fold)

    def place(self, name: str) -> Place | None:
        """The place a name or alias denotes, in any common romanization ("Chagang Province")."""
        hit = self.places_by_name.get(" ".join(name.split()).lower())
        return hit if hit is not None else self._places_by_fold.get(fold_place(name))

    def person(self, name: str) -> Person | None:
        """The person a name or alias denotes, in any common romanization ("Kim Jong-un")."""
        hit = self.people_by_name.get(" ".join(name.split()).lower())
        if hit is not None:
            return hit
        canonical = fold_person(name, self.person_index)
        return self.people_by_name.get(canonical.lower())

    def canonical_person(self, name: str) -> str:
        """The knowledge base's name for a person, else the name in KCNA's spelling."""
        return fold_person(name, self.person_index)

    def children(self, parent: str) -> tuple[Place, ...]:
        """The places whose administrative parent is ``parent`` (a name or alias)."""
        found = self.place(parent)
        if found is None:
            return ()
        return tuple(p for p in self.places if p.parent == found.name)

    def ancestors(self, place: Place) -> tuple[Place, ...]:
        """The chain of parents, nearest first: Uiju County -> North Phyongan Province."""
        chain: list[Place] = []
        current = place
        while current.parent is not None:
            parent = self.places_by_name[current.parent.lower()]
            chain.append(parent)
            current = parent
        return tuple(chain)
