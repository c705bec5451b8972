"""When two reported events are one real-world activity: type families, digests, place evidence.

Pure functions over what ``analyze/activities.py`` reads from the store, so that the rules
can be read (and tested) apart from the queries. Strength of a match, strongest first:

    DESIGNATION  the same weapon designation (Hwasong-19) in both
    SITE         the sites share most of their content words ("helicopter unit of the Air Force")
    PLACE        a place named in both (and no disagreeing sites)
    WORDS        two or more distinctive words shared by the evidence and titles

Sites that both sides name and that share nothing rule a match out, unless a designation
joins them: two factories visited on one day are two activities.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# The round-up titles moved to extract/digest.py (confidence reads them too); kept importable here.
from fieldguide.extract.digest import DIGEST_TITLES as DIGEST_TITLES
from fieldguide.extract.digest import is_digest as is_digest
from fieldguide.link.evidence import content_words
from fieldguide.model import EVENT_TYPES, SENT_OR_RECEIVED

# Activities in which the leader was there in person: every type but messages, letters, gifts
# and what the guidelines leave as "other".
APPEARANCE_TYPES = frozenset(EVENT_TYPES) - SENT_OR_RECEIVED - {"other"}

# Types that different reports of one activity use interchangeably.
FAMILY = {
    "inspection": "visit",
    "weapons_test": "military",
    "military_exercise": "military",
    "ceremony": "ceremony",
    "commemoration": "ceremony",
    "cultural_event": "ceremony",
    "meeting": "meeting",
    "diplomacy": "meeting",
    "speech": "speech",
}

# What a host gives the guest of his talks: a banquet, a reception (not a performance the guest goes to).
HOSTED = re.compile(r"\b(?:reception|banquet|luncheon|dinner)\b", re.IGNORECASE)
# "signed the order on July 3 to conduct the test-launch of the Hwasong-14": the order of a launch told after it
ORDER_FOR_LAUNCH = re.compile(
    r"\bsign(?:ed|s)\b[^.;]{0,60}?\border\b[^.;]{0,160}?\b(?:test-launch|test-fire|test|launch)", re.IGNORECASE
)
# A headline of the people's response to an act ("Successful Launch of Reconnaissance Satellite Evokes Great Joy"):
# never the main report of the act it responds to
REACTION_TITLE = re.compile(
    r"\b(?:evokes?|evoking|rejoic\w*|hails?|great (?:joy|response|emotion)|moves (?:koreans|people|servicepersons))\b",
    re.IGNORECASE,
)
ORDER_BEFORE_LAUNCH_DAYS = 2  # an order signed this many days before the launch it orders is part of it

DESIGNATION, SITE, PLACE, WORDS = 4, 3, 2, 1
SAME_ARTICLE = 5  # one article's appearances of one day: one activity before any other match
SITE_OVERLAP = 0.5  # shared site words over the shorter site's words
SHARED_WORDS = 2

# Verbs and nouns every report of the leader uses, and the words of his titles ("president of
# the State Affairs ... and supreme commander of the armed forces"): they tell no activity from another.
_GENERIC = frozenset(
    {"made", "paid", "gave", "sent", "visited", "accompanied", "historic", "personally"}
    | {"president", "affair", "republic", "supreme", "commander", "armed", "force"}
    # (the titles of 2012-2018: "first secretary of the WPK, first chairman of the National Defence
    # Commission ... and supreme commander of the Korean People's Army", "chairman of the State Affairs Commission")
    | {"first", "chairman", "national", "defense", "defence", "commission", "army", "kpa", "ndc", "marshal"}
)
# What every message, letter and gift says; their correspondents tell them apart.
_CORRESPONDENCE = frozenset(
    {"message", "greeting", "congratulatory", "congratulation", "letter", "received", "receive", "send", "reply"}
    | {"gift", "anniversary", "wished", "wish", "thank", "sincere", "warm", "behalf"}
)
# Named in nearly every dateline: not evidence that two reports are about one place.
_EVERYWHERE = frozenset({"pyongyang"})

# Nouns of a kind of site: two sites sharing only these ("Martyrs Cemetery") are not one place
# when their names differ ("Revolutionary ... on Mt Taesong" against "Fatherland Liberation War ...").
_FACILITY_NOUNS = frozenset(
    {"cemetery", "martyr", "monument", "tower", "statue", "palace", "museum", "square", "plaza", "park"}
    | {"factory", "farm", "plant", "mine", "mill", "work", "complex", "enterprise", "shipyard", "greenhouse"}
    | {"school", "university", "college", "academy", "institute", "hospital", "stadium", "hall", "theatre"}
    | {"unit", "base", "station", "division", "regiment", "battalion", "brigade", "corps", "company"}
    | {"site", "area", "district", "street", "house", "centre", "center", "ground", "field", "construction"}
)


def site_names(sites: Iterable[str]) -> frozenset[str]:
    """The words of the sites' own names (their capitalised words), less the kinds of site."""
    capitalised = (w for site in sites for w in site.split() if w[:1].isupper() and w not in ("The", "A", "An"))
    numbers = (w.strip(".,") for site in sites for w in site.split() if w.strip(".,").isdigit())  # "Unit 447"
    return (frozenset(content_words(" ".join(capitalised))) - _FACILITY_NOUNS) | frozenset(numbers)


def named_apart(
    a_names: frozenset[str], b_names: frozenset[str], a_sites: frozenset[str], b_sites: frozenset[str]
) -> bool:
    """Both sides' sites carry names of their own that differ, and their words meet only in the
    kind of site ("Martyrs Cemetery"), or their numbers differ ("KPA Unit 447", "KPA Unit 1501"): two places."""
    a_numbers, b_numbers = {w for w in a_names if w.isdigit()}, {w for w in b_names if w.isdigit()}
    if a_numbers and b_numbers and not a_numbers & b_numbers:
        return True
    return bool(a_names and b_names) and not (a_names & b_names) and not (a_sites & b_sites) - _FACILITY_NOUNS


def is_appearance(type_: str) -> bool:
    return type_ in APPEARANCE_TYPES


def words(texts: Iterable[str | None]) -> frozenset[str]:
    """The distinctive words of some texts (content words less the reporting vocabulary)."""
    found: set[str] = set()
    for text in texts:
        if text:
            found |= content_words(text)
    return frozenset(found - _GENERIC)


def correspondence_words(found: frozenset[str]) -> frozenset[str]:
    """Of an event's words, those that can tell one message or gift from another."""
    return found - _CORRESPONDENCE


def place_names(places: Iterable[str]) -> frozenset[str]:
    """Places as compared across reports (folded; the capital of every dateline left out)."""
    return frozenset(p.casefold() for p in places) - _EVERYWHERE


def correspondence_strength(
    a_people: frozenset[str], b_people: frozenset[str], a_words: frozenset[str], b_words: frozenset[str]
) -> int:
    """How strongly two messages or gifts are one: the same correspondent, else (when one side
    names nobody, as a digest's line often does) shared distinctive words."""
    if a_people & b_people:
        return SITE
    if a_people and b_people:
        return 0
    if len(correspondence_words(a_words) & correspondence_words(b_words)) >= SHARED_WORDS:
        return WORDS
    return 0


def compatible(types: Iterable[str], type_: str, strength: int) -> bool:
    """May an event of ``type_`` join an activity of ``types``, given how strongly the places match?
    A speech joins any appearance; other appearances of another family need the same site or
    designation; messages, gifts and ``other`` join only their own type."""
    types = set(types)
    if type_ in types:
        return True
    if not is_appearance(type_) or not all(is_appearance(t) for t in types):
        return False
    if type_ == "speech" or types == {"speech"}:
        return True
    if any(FAMILY[t] == FAMILY[type_] for t in types):
        return True
    return strength >= SITE


def place_strength(
    a_sites: frozenset[str],
    b_sites: frozenset[str],
    a_places: frozenset[str],
    b_places: frozenset[str],
    a_designations: frozenset[str],
    b_designations: frozenset[str],
    a_words: frozenset[str],
    b_words: frozenset[str],
) -> int:
    """How strongly two sides name the same place (0: not at all, or sites that disagree)."""
    if a_designations & b_designations:
        return DESIGNATION
    if a_sites and b_sites:
        shared = len(a_sites & b_sites)
        if shared / min(len(a_sites), len(b_sites)) >= SITE_OVERLAP:
            return SITE
        return 0
    if a_places & b_places:
        return PLACE
    if len(a_words & b_words) >= SHARED_WORDS:
        return WORDS
    return 0

