"""The shapes of the knowledge-base YAML, typed in Python.

Each YAML file is a mapping. A file with a ``places`` list contributes places, a
file with a ``people`` list contributes people; ``defaults`` fills fields an
entry leaves out (``country: KP`` for the DPRK's own geography). Any other
top-level keys (weapons.yaml, events.yaml) are kept as plain data in
``KnowledgeBase.raw`` for the stages that read them.
"""

import datetime as dt
from typing import NotRequired, TypedDict

PLACE_KINDS: frozenset[str] = frozenset(
    {
        "country",
        "region",  # a foreign state, province or territory that is not a country
        "province",
        "special_city",
        "municipal_city",
        "city",
        "county",
        "district",
        "town",  # towns (-up) and workers' districts (-rodongjagu)
        "village",  # -ri and -dong
        "mountain",
        "river",
        "lake",
        "sea",
        "bay",
        "island",
        "peninsula",
        "area",
    }
)

# The DPRK's extent with a small margin: a KP place outside it is a typo in the data.
DPRK_LAT = (37.5, 43.1)
DPRK_LON = (124.1, 130.7)


class PlaceSpec(TypedDict):
    name: str
    kind: str
    parent: NotRequired[str | None]
    lat: NotRequired[float | None]
    lon: NotRequired[float | None]
    aliases: NotRequired[list[str]]
    country: NotRequired[str]


class TitleSpanSpec(TypedDict):
    title: str
    # A YAML date (2024-01-01), a month ("2024-10": from its first / until its last day) or a
    # bare year (2021: from January 1 / until December 31), as precise as the record is.
    since: NotRequired[dt.date | int | str | None]
    until: NotRequired[dt.date | int | str | None]


class PersonSpec(TypedDict):
    name: str
    aliases: NotRequired[list[str]]
    country: NotRequired[str]
    titles: NotRequired[list[TitleSpanSpec]]
    note: NotRequired[str | None]


class DefaultsSpec(TypedDict):
    country: NotRequired[str]


class FileSpec(TypedDict):
    """Top level of a knowledge-base YAML file; keys other than these are kept as raw data."""

    defaults: NotRequired[DefaultsSpec]
    places: NotRequired[list[PlaceSpec]]
    people: NotRequired[list[PersonSpec]]
