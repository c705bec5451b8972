"""Plain, neutral English for events, dates and weapons: the brief's fixed templates.

Everything here is a pure function of an event record (``Event.to_json()``), so the same
record always reads the same way.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fieldguide.model import LEADER

# Most significant first; the brief's bullets follow this order, then date, document, index.
SIGNIFICANCE: tuple[str, ...] = (
    "weapons_test",
    "military_exercise",
    "inspection:munitions",
    "meeting",
    "diplomacy",
    "inspection:military_unit",
    "inspection",
    "speech",
    "ceremony",
    "commemoration",
    "message_sent",
    "message_received",
    "gift",
    "cultural_event",
    "other",
)

TYPE_NOUNS: dict[str, str] = {
    "inspection": "Inspection",
    "weapons_test": "Weapons test",
    "military_exercise": "Military exercise",
    "ceremony": "Ceremony",
    "commemoration": "Commemoration",
    "meeting": "Meeting",
    "speech": "Speech",
    "diplomacy": "Diplomatic meeting",
    "message_sent": "Message sent",
    "message_received": "Message received",
    "gift": "Gifts",
    "cultural_event": "Cultural event",
    "other": "Other activity",
}

WEAPON_WORDS: dict[str, str] = {
    "icbm": "intercontinental ballistic missiles",
    "irbm": "intermediate-range ballistic missiles",
    "srbm": "short-range ballistic missiles",
    "slbm": "submarine-launched ballistic missiles",
    "hypersonic": "hypersonic missiles",
    "cruise_missile": "cruise missiles",
    "mlrs": "multiple rocket launchers",
    "artillery": "artillery",
    "air_defense": "air defence systems",
    "uav": "drones",
    "small_arms": "small arms",
    "armored_vehicle": "armoured vehicles",
    "naval_vessel": "naval vessels",
    "aircraft": "aircraft",
    "nuclear": "nuclear weapons",
    "satellite": "satellites",
    "torpedo": "torpedoes",
    "missile": "missiles",
}

SECTOR_SITES: dict[str, str] = {
    "munitions": "a munitions site",
    "military_unit": "a military unit",
    "economic": "an economic site",
    "construction": "a construction site",
    "social": "a public facility",
}

ROLE_PHRASES: dict[str, str] = {
    "accompanied": "Accompanied by",
    "received": "Received",
    "met": "Met",
    "reported_to": "Reported to him",
    "present": "Also present",
    "sender": "Sent by",
    "recipient": "Addressed to",
}

MISSILES = frozenset({"icbm", "irbm", "srbm", "slbm", "hypersonic", "cruise_missile"})
_NEEDS_ARTICLE = re.compile(r"\b(?:Sea|River|Strait|Peninsula|Gulf|Bay) of\b|^(?:East|West) Sea\b")

MONTHS = ("January February March April May June July August September October November December").split()

# A site the extractor gives as a noun phrase ("a factory producing shells"), fit for a sentence.
_NOUN_PHRASE = re.compile(r"^(?:a|an|the|major|several|two|three|four|[A-Z0-9])\b|^[A-Z]")


def merge(records: list[dict[str, Any]]) -> dict[str, Any]:
    """One record for the events of one occasion, most significant first: its type, dates
    and evidence; the union of what the others add; their types kept under ``also``."""
    first, rest = records[0], records[1:]
    merged = dict(first)
    for key in ("sites", "places", "weapons", "designations"):
        merged[key] = list(dict.fromkeys(v for r in records for v in r.get(key) or []))
    for key in ("people", "verdicts", "tasks", "references"):
        seen: dict[str, dict[str, Any]] = {}
        for r in records:
            for value in r.get(key) or []:
                seen.setdefault(repr(sorted(value.items())), value)
        merged[key] = list(seen.values())
    merged["sector"] = next((r["sector"] for r in records if r.get("sector")), None)
    merged["also"] = [r for r in rest if r.get("type") != first.get("type")]
    return merged


def nouns(record: dict[str, Any]) -> str:
    """'Ceremony and speech': the kinds of event of an occasion."""
    kinds = [record.get("type") or "other"] + [r.get("type") or "other" for r in record.get("also") or []]
    words = list(dict.fromkeys(TYPE_NOUNS.get(k, "Activity") for k in kinds))
    return listing([words[0]] + [w.lower() for w in words[1:]])


def significance(record: dict[str, Any]) -> int:
    """Rank of an event in SIGNIFICANCE (lower comes first)."""
    kind = record.get("type") or "other"
    sector = record.get("sector")
    for key in (f"{kind}:{sector}", kind):
        if key in SIGNIFICANCE:
            return SIGNIFICANCE.index(key)
    return len(SIGNIFICANCE)


def day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period_text(start: date | None, end: date | None, precision: str | None = "day") -> str | None:
    """'5 August 2024', '3–5 August 2024', '30 July – 2 August 2024', 'August 2024'."""
    if start is None:
        return None
    end = end or start
    if precision == "month":
        return f"{MONTHS[start.month - 1]} {start.year}"
    if precision == "year":
        return str(start.year)
    if start == end:
        return day_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {day_text(end)}"
    return f"{day_text(start)} – {day_text(end)}"


def event_dates(record: dict[str, Any], published: date | None) -> str:
    """When an event took place, or when it was reported if the dispatch gives no date."""
    start = _date(record.get("start"))
    text = period_text(start, _date(record.get("end")), record.get("precision") or "day")
    if text:
        return text
    return f"date not given; reported {day_text(published)}" if published else "date not given"


def listing(words: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = [w for w in words if w]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def weapon_words(record: dict[str, Any]) -> list[str]:
    """Designations first (Hwasong-19), then categories in words, without repeats; the
    generic "missiles" only when no kind of missile is named."""
    categories = list(dict.fromkeys(record.get("weapons") or []))
    if "missile" in categories and any(c in MISSILES for c in categories):
        categories.remove("missile")
    out = list(dict.fromkeys(record.get("designations") or []))
    out += [WEAPON_WORDS.get(w, w.replace("_", " ")) for w in categories]
    return out


def summary_weapons(record: dict[str, Any]) -> list[str]:
    """The weapons the one-line summary names (tests and exercises only): designations, else
    up to three categories."""
    if record.get("type") not in ("weapons_test", "military_exercise"):
        return []
    designations = list(dict.fromkeys(record.get("designations") or []))
    return designations or weapon_words(record)[:3]


def place_words(places: list[str]) -> str:
    """Places as a sentence names them: 'Nampho', 'the East Sea of Korea'."""
    return listing([f"the {p}" if _NEEDS_ARTICLE.search(p) else p for p in dict.fromkeys(places)])


def sentence_sites(record: dict[str, Any]) -> list[str]:
    """Sites that read as noun phrases, at most two, for the one-line summary."""
    return [s for s in record.get("sites") or [] if _NOUN_PHRASE.match(s)][:2]


def people_with(record: dict[str, Any], *roles: str) -> list[str]:
    return [p["name"] for p in record.get("people") or [] if p.get("role") in roles and not _is_actor(p["name"])]


def _is_actor(name: str) -> bool:
    # The extractor sometimes keeps a fragment of the leader's own name as a participant.
    return name in LEADER


def is_thin(record: dict[str, Any]) -> bool:
    """True when the summary names no site, place, person or weapon: only a kind of event."""
    records = [record, *(record.get("also") or [])]
    return not (
        record.get("places")
        or any(sentence_sites(r) or summary_weapons(r) for r in records)
        or any(people_with(r, "met", "received", "recipient", "sender") for r in records)
    )


def summary(record: dict[str, Any], published: date | None, source: str | None) -> str:
    """One sentence: who did what, where, when, according to whom."""
    actor = record.get("actor") or LEADER
    places = place_words((record.get("places") or [])[:3])  # the details list them all
    where = f" in {places}" if places else ""
    when = event_dates(record, published)
    according = f", according to {source}" if source else ""
    actions = list(dict.fromkeys(_action(r) for r in [record, *(record.get("also") or [])]))
    return f"{actor} {listing(actions)}{where} ({when}){according}."


def satellite_launch(arms: str) -> str:
    """A launch of a satellite, by what carried it ("the Unha-3"); not "involving satellites": the category word
    alone says nothing more."""
    carried = arms if arms and not re.fullmatch(r"(?:an? )?satellites?", arms) else ""
    return f"watched a satellite launch involving {carried}" if carried else "watched a satellite launch"


def _action(record: dict[str, Any]) -> str:
    kind = record.get("type") or "other"
    sites = listing(sentence_sites(record))
    named = summary_weapons(record)
    arms = listing([f"the {w}" if w in (record.get("designations") or []) else w for w in named])
    if kind == "inspection":
        if sites:
            return f"inspected {sites}"
        sector = SECTOR_SITES.get(record.get("sector") or "")
        return f"inspected {sector}" if sector else "gave field guidance"
    if kind == "weapons_test" and "satellite" in (record.get("weapons") or []):
        return satellite_launch(arms)
    if kind == "weapons_test":
        return f"oversaw a test of {arms}" if arms else "oversaw a weapons test"
    if kind == "military_exercise":
        return f"observed a military exercise involving {arms}" if arms else "observed a military exercise"
    if kind in ("ceremony", "commemoration", "cultural_event"):
        noun = {"ceremony": "a ceremony", "commemoration": "a commemoration", "cultural_event": "a cultural event"}
        return f"attended {noun[kind]}" + (f" at {sites}" if sites else "")
    if kind == "meeting":
        return "took part in a meeting"
    if kind == "speech":
        return "made a speech"
    if kind == "diplomacy":
        met = listing(people_with(record, "met", "received"))
        return f"met {met}" if met else "held a diplomatic meeting"
    if kind == "message_sent":
        to = listing(people_with(record, "recipient"))
        return "sent a message" + (f" to {to}" if to else "")
    if kind == "message_received":
        sender = listing(people_with(record, "sender"))
        return "received a message" + (f" from {sender}" if sender else "")
    if kind == "gift":
        return "sent gifts"
    return "took part in an activity"


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
