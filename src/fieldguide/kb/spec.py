"""The shapes of the knowledge-base YAML, typed in Python.

Each YAML file is a mapping. A file with a ``places`` list contributes places, a
file with a ``people`` list contributes people; ``defaults`` fills fields an
entry leaves out (``country: KP`` for the DPRK's own geography). events.yaml,
weapons.yaml, sites.yaml and name_words.yaml hold the rules of extraction: their shapes are
below too, and they are kept as plain data in ``KnowledgeBase.raw`` for the
stages that read them. Every file is checked against its spec when it loads.
"""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, NotRequired, TypedDict

from fieldguide.model import EVENT_TYPES, WEAPON_CATEGORIES


@dataclass(frozen=True, slots=True)
class OneOf:
    """Annotation: the text must be one of a closed set (an event type, a weapon category)."""

    what: str
    values: tuple[str, ...]

    def check(self, value: str) -> str | None:
        if value in self.values:
            return None
        return f"unknown {self.what} {value!r} (one of {', '.join(self.values)})"


@dataclass(frozen=True, slots=True)
class Compiles:
    """Annotation: the text must compile as a regular expression (the rules match case-insensitively)."""

    def check(self, value: str) -> str | None:
        try:
            re.compile(value, re.IGNORECASE)
        except re.error as e:
            return f"not a valid regular expression ({e}): {value!r}"
        return None


@dataclass(frozen=True, slots=True)
class StartsWithLiteral:
    """Annotation: the regular expression must begin with a literal character (a letter, a digit or an
    escaped character), because such lists are joined into one alternation that starts with a
    character class (see extract.anchors.charset_first)."""

    def check(self, value: str) -> str | None:
        if value[:1].isalnum() or (value[:1] == "\\" and value[1:2] and not value[1:2].isalnum()):
            return None
        return f"must begin with a letter, a digit or an escaped character: {value!r}"


@dataclass(frozen=True, slots=True)
class NotBlank:
    """Annotation: the text must hold more than white space."""

    def check(self, value: str) -> str | None:
        return None if value.strip() else "must not be empty"


@dataclass(frozen=True, slots=True)
class InRange:
    """Annotation: the number must lie between ``low`` and ``high`` (a confidence, an adjustment of one)."""

    low: float
    high: float

    def check(self, value: float) -> str | None:
        return None if self.low <= value <= self.high else f"must lie between {self.low} and {self.high}, got {value}"


Regex = Annotated[str, Compiles()]
LiteralFirstRegex = Annotated[str, Compiles(), StartsWithLiteral()]
Probability = Annotated[float, InRange(0.0, 1.0)]
Adjustment = Annotated[float, InRange(-1.0, 1.0)]
Word = Annotated[str, NotBlank()]
EventType = Annotated[str, OneOf("event type", EVENT_TYPES)]
WeaponCategory = Annotated[str, OneOf("weapon category", WEAPON_CATEGORIES)]

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
    hangul: NotRequired[str]  # the name in Hangul (조용원), looked up like an alias
    country: NotRequired[str]
    titles: NotRequired[list[TitleSpanSpec]]
    note: NotRequired[str | None]


class DefaultsSpec(TypedDict):
    country: NotRequired[str]


class FileSpec(TypedDict):
    """Top level of places.yaml, people.yaml, foreign_places.yaml and any other file of a --kb DIR."""

    defaults: NotRequired[DefaultsSpec]
    places: NotRequired[list[PlaceSpec]]
    people: NotRequired[list[PersonSpec]]


class _ReplacingSpec(TypedDict):
    # Key paths ("triggers.inspection", "verdicts") whose value in this file replaces the
    # value of the files loaded before it instead of adding to it (see loader.merge).
    replace: NotRequired[list[str]]


class VerdictsSpec(TypedDict):
    praise: NotRequired[list[Regex]]
    criticism: NotRequired[list[Regex]]


class EarlierTimeSpec(TypedDict):
    making: NotRequired[list[Word]]  # participles of the making of a place ("built", "founded")
    past_forms: NotRequired[list[Word]]  # past forms not ending in -ed ("put", "seen", "gave")


class EventsFileSpec(_ReplacingSpec):
    """events.yaml: how the text says that someone did something."""

    triggers: NotRequired[dict[EventType, list[Regex]]]
    visit_parts: NotRequired[list[Regex]]
    attendance: NotRequired[list[Regex]]
    venue_types: NotRequired[dict[EventType, list[Word]]]
    commemoration_sites: NotRequired[list[Word]]
    diplomatic_sites: NotRequired[list[Word]]  # a visit to one of these (an embassy) is diplomacy
    polling_sites: NotRequired[list[Word]]  # a visit to one of these (a polling station) is his vote
    new_site: NotRequired[list[Word]]
    passive: NotRequired[dict[EventType, list[Regex]]]
    verdicts: NotRequired[VerdictsSpec]
    tasks: NotRequired[list[Regex]]
    # matched as written (case counts), each on word boundaries:
    recalled: NotRequired[list[Regex]]  # a sentence that recalls the past, not an activity reported now
    foreign_counterpart: NotRequired[list[Regex]]  # talks are diplomacy only with someone from abroad
    mourning_purposes: NotRequired[list[Regex]]  # a visit made for one of these is a commemoration
    earlier_time: NotRequired[EarlierTimeSpec]  # a date in such a clause is not the activity's


class WeaponCategorySpec(TypedDict):
    id: WeaponCategory
    label: str
    terms: NotRequired[list[Regex]]


class DesignationSpec(TypedDict):
    name: Word
    category: WeaponCategory
    pattern: Regex


class OwnershipSpec(TypedDict):
    """Words that name whose a weapon is, matched as written (case counts) on word boundaries."""

    foreign: NotRequired[list[LiteralFirstRegex]]
    dprk: NotRequired[list[LiteralFirstRegex]]
    dprk_as_target: NotRequired[list[Word]]  # DPRK words that can also name a target ("into the DPRK")
    mock_before: NotRequired[list[Word]]  # "hypothetical enemy": a drill's enemy, no owner
    target_after: NotRequired[list[Word]]  # "enemy targets": what a drill strikes, no owner
    strikes: NotRequired[list[Regex]]  # "to intercept ... cruise missiles of the enemy": the enemy is struck


class WeaponsFileSpec(_ReplacingSpec):
    """weapons.yaml: the closed categories, the words that name each, and named systems."""

    ownership: NotRequired[OwnershipSpec]
    categories: NotRequired[list[WeaponCategorySpec]]
    generic: NotRequired[dict[WeaponCategory, list[WeaponCategory]]]
    designations: NotRequired[list[DesignationSpec]]


class SitesFileSpec(_ReplacingSpec):
    """sites.yaml: how the place where an activity took place is named."""

    heads: NotRequired[list[Word]]
    parts: NotRequired[list[Word]]
    targets: NotRequired[list[Word]]
    verbs: NotRequired[list[Word]]
    locatives: NotRequired[list[Regex]]
    launch_locatives: NotRequired[list[Regex]]
    whose_word: NotRequired[list[Word]]
    stands_on: NotRequired[list[Word]]
    participles: NotRequired[list[Word]]
    where_it_stands: NotRequired[list[Word]]


class NameWordsFileSpec(_ReplacingSpec):
    """name_words.yaml: words that decide what is a person's name."""

    not_name_words: NotRequired[list[Word]]


class PeopleConfidenceSpec(TypedDict):
    leader: NotRequired[Probability]
    knowledge_base: NotRequired[Probability]
    pattern: NotRequired[Probability]
    title: NotRequired[Probability]
    single_word: NotRequired[Adjustment]


class PlacesConfidenceSpec(TypedDict):
    gazetteer: NotRequired[Probability]
    gazetteer_foreign: NotRequired[Probability]
    suffix: NotRequired[Probability]


class WeaponsConfidenceSpec(TypedDict):
    designation: NotRequired[Probability]
    term: NotRequired[Probability]
    term_categories: NotRequired[dict[WeaponCategory, Probability]]
    generic: NotRequired[Adjustment]
    foreign: NotRequired[Adjustment]
    history: NotRequired[Adjustment]


class TriggerConfidenceSpec(TypedDict):
    rule: Word
    pattern: Regex
    confidence: Probability


class EventAdjustmentsSpec(TypedDict):
    pronoun_actor: NotRequired[Adjustment]
    no_named_actor: NotRequired[Adjustment]
    undated: NotRequired[Adjustment]
    digest: NotRequired[Adjustment]
    several_triggers: NotRequired[Adjustment]
    several_days: NotRequired[Adjustment]


class EventsConfidenceSpec(TypedDict):
    types: NotRequired[dict[EventType, Probability]]
    triggers: NotRequired[list[TriggerConfidenceSpec]]
    adjustments: NotRequired[EventAdjustmentsSpec]


class ConfidenceFileSpec(_ReplacingSpec):
    """confidence.yaml: how likely a fact is right, by the rule that found it."""

    # Singular keys: "people" and "places" at the top of a file are entries of the knowledge base.
    person: NotRequired[PeopleConfidenceSpec]
    place: NotRequired[PlacesConfidenceSpec]
    weapon: NotRequired[WeaponsConfidenceSpec]
    event: NotRequired[EventsConfidenceSpec]


class StateNewsSpec(TypedDict):
    kind: Word
    tier: Annotated[int, InRange(0, 4)]
    what: Annotated[str, NotBlank()]
    headlines: list[Regex]


class VisitTierSpec(TypedDict):
    tier: Annotated[int, InRange(0, 4)]
    headlines: list[Regex]


class BriefingFileSpec(_ReplacingSpec):
    """briefing.yaml: the state's acts a week's brief ranks beside the leader's own, by their headlines."""

    state_news: NotRequired[list[StateNewsSpec]]
    not_headlines: NotRequired[list[Regex]]
    act_cues: NotRequired[list[list[Regex]]]
    act_steps: NotRequired[list[Regex]]
    meeting_outcome_cues: NotRequired[list[list[Regex]]]
    gist_terms: NotRequired[list[Regex]]
    tribute: NotRequired[Regex]
    occasion: NotRequired[Regex]
    visit_tiers: NotRequired[list[VisitTierSpec]]
    military_ceremonies: NotRequired[list[Regex]]


# The spec of each file of rules, by file stem; any other file is a FileSpec.
RULE_FILE_SPECS: dict[str, type] = {
    "events": EventsFileSpec,
    "weapons": WeaponsFileSpec,
    "sites": SitesFileSpec,
    "name_words": NameWordsFileSpec,
    "confidence": ConfidenceFileSpec,
    "briefing": BriefingFileSpec,
}
