"""The order of "What you need to know": how significant an activity is, and why.

Tiers follow the analyst's order (issue 9): weapons tests and strategic sites, military
units and drills, talks with foreign leaders and envoys, major speeches and party meetings,
then the economy and society. Messages, greetings and gifts are routine: they are gathered
into one item per kind rather than ranked one by one. A first appearance in the archive (a
weapon or institute never named before) raises an item to the head of its tier.

Pure functions of event records (``Event.to_json()``, merged per occasion), so the same
archive ranks the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fieldguide.report.briefing_rules import Rules, rules

TIERS: tuple[str, ...] = (
    "a weapons test or a strategic site",
    "a military unit or drill",
    "talks with a foreign leader or envoy",
    "a major speech or party meeting",
    "the economy and society",
)
# Routine kinds of activity, gathered into one item each, in this order after the ranked ones.
ROUTINE: dict[str, str] = {
    "message_received": "messages_received",
    "message_sent": "messages_sent",
    "gift": "gifts_sent",
}
# A message or floral basket others deliver "in the name of" the leader, or greetings an envoy
# "conveyed": their act, not his, and no item of his week.
_BY_PROXY = re.compile(
    r"\bin the name of\b|\bconvey(?:ed|s)\b[^.]{0,60}\bof (?:[\w ]{0,40})?Kim Jong Un\b", re.IGNORECASE
)
STRATEGIC_WEAPONS = frozenset({"nuclear", "icbm", "irbm", "slbm", "hypersonic", "satellite"})


@dataclass(frozen=True, slots=True)
class Rank:
    """Where an activity stands: its tier (0 first), whether something in it is new, why."""

    tier: int
    novel: tuple[str, ...]  # what the archive names here for the first time
    documents: int  # how many documents report it
    strategic: bool = False  # it names a strategic weapon (nuclear, ICBM, ...): first among its tier's like

    @property
    def reasons(self) -> list[str]:
        out = [tier_reason(self.tier)]
        out += [f"first appearance in the archive: {name}" for name in self.novel]
        if self.documents > 1:
            out.append(f"reported in {self.documents} documents")
        return out

    @property
    def key(self) -> tuple[int, bool, bool]:
        return (self.tier, not self.novel, not self.strategic)


def kinds(record: dict[str, Any]) -> set[str]:
    """The event types of an occasion (its own and those merged under ``also``)."""
    return {record.get("type") or "other"} | {r.get("type") or "other" for r in record.get("also") or []}


def routine_kind(record: dict[str, Any]) -> str | None:
    """'messages_received', 'messages_sent', 'gifts_sent' for a routine activity, else None."""
    return ROUTINE.get(record.get("type") or "other")


# An act his office is credited with but another official performed "upon authorization of the
# President of the State Affairs" (credentials accepted in his name, received by another).
_AUTHORIZED = re.compile(
    r"\b(?:upon|under|on|by) (?:the )?authori[sz]ation (?:of|from) (?:the )?"
    r"(?:President of (?:the )?State Affairs|(?:respected )?(?:Comrade )?Kim Jong Un|General Secretary)\b",
    re.IGNORECASE,
)

_IN_PERSON = re.compile(
    r"\b(?:was|were) present\b|\b(?:attended|appeared|visited|watched|inspected|made a speech|delivered)\b", re.I
)


def by_proxy(record: dict[str, Any], text: str = "") -> bool:
    """A routine activity others carried out in his name, or any act of his dispatch (``text``)
    says another official performed upon his authorization."""
    evidence = record.get("evidence") or ""
    if routine_kind(record) is not None and _BY_PROXY.search(evidence):
        return True
    # He was there himself: another's speech "on his authorization" at the same meeting leaves it his.
    return bool(_AUTHORIZED.search(text)) and not _IN_PERSON.search(evidence)


def tier(record: dict[str, Any], title: str | None = None, found_by: Rules | None = None) -> int:
    """The tier of an occasion (an index into TIERS); a visit's headline that names a military
    site places it, whatever its site's sector reads (a naval base's building site)."""
    found = kinds(record)
    sector = record.get("sector")
    weapons = set(record.get("weapons") or [])
    visit = bool(found & {"inspection", "other"})
    headline_tier = (found_by or rules()).visit_tier(title) if visit else None
    if "weapons_test" in found or (visit and (sector == "munitions" or weapons & STRATEGIC_WEAPONS)):
        return 0
    if headline_tier is not None:
        return headline_tier
    # Arms handed over at a ceremony ("transferring ... tactical ballistic missile system") go to
    # military units: a military event, whatever speech he made there.
    ceremony = "ceremony" in found and (bool(weapons) or (found_by or rules()).military_ceremony(title))
    if "military_exercise" in found or sector == "military_unit" or ceremony:
        return 1
    if "diplomacy" in found:
        return 2
    if found & {"speech", "meeting"}:
        return 3
    return 4


def military_headline(record: dict[str, Any], title: str | None, any_sector: bool = False) -> bool:
    """A visit whose headline names a military site while its site's sector reads otherwise (a
    building site, an economic one); ``any_sector``: whatever the sector reads."""
    visit = bool(kinds(record) & {"inspection", "other"})
    if not visit or rules().visit_tier(title) is None:
        return False
    return any_sector or record.get("sector") not in ("munitions", "military_unit")


def tier_reason(tier: int) -> str:
    return f"tier {tier + 1} of {len(TIERS)}: {TIERS[tier]}"


def rank(record: dict[str, Any], novel: list[str], documents: int, title: str | None = None) -> Rank:
    strategic = bool(set(record.get("weapons") or []) & STRATEGIC_WEAPONS)
    return Rank(tier(record, title), tuple(novel), documents, strategic)
