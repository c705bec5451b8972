"""The rules of briefing.yaml, compiled once: what state news is, which sentence states an act,
which words give a speech's gist, how a headline names an occasion."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from fieldguide.kb.loader import load_rule_file


@dataclass(frozen=True, slots=True)
class StateNewsRule:
    kind: str
    tier: int
    what: str
    headlines: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class Rules:
    kinds: tuple[StateNewsRule, ...]
    not_headlines: tuple[re.Pattern[str], ...]
    act_cues: tuple[re.Pattern[str], ...] = ()  # strongest first, one pattern per level
    act_steps: tuple[re.Pattern[str], ...] = ()  # openings of a sentence that spells out the act's step
    gist_terms: tuple[re.Pattern[str], ...] = ()
    occasion: re.Pattern[str] | None = None
    tribute: re.Pattern[str] | None = None
    visit_tiers: tuple[tuple[int, re.Pattern[str]], ...] = ()  # a visit's tier by its headline's words
    meeting_outcomes: tuple[re.Pattern[str], ...] = ()  # what a meeting did, strongest first
    military_ceremonies: tuple[re.Pattern[str], ...] = ()  # a ceremony of the armed forces, by its headline

    def visit_tier(self, title: str | None) -> int | None:
        """The tier a visit's headline places it in (the highest that matches), or None."""
        return next((tier for tier, p in self.visit_tiers if title and p.search(title)), None)

    def military_ceremony(self, title: str | None) -> bool:
        """The headline names a ceremony of the armed forces (a parade, a march-past)."""
        return bool(title) and any(p.search(title or "") for p in self.military_ceremonies)

    def kind_of(self, title: str) -> StateNewsRule | None:
        """The kind of state news a headline announces, or None."""
        if any(p.search(title) for p in self.not_headlines):
            return None
        return next((k for k in self.kinds if any(p.search(title) for p in k.headlines)), None)


@functools.cache
def rules() -> Rules:
    """The packaged rules of briefing.yaml (checked against their spec when read)."""
    data = load_rule_file("briefing")
    flags = re.IGNORECASE
    kinds = tuple(
        StateNewsRule(k["kind"], int(k["tier"]), k["what"], tuple(re.compile(p, flags) for p in k["headlines"]))
        for k in data.get("state_news") or []
    )
    not_headlines = tuple(re.compile(p, flags) for p in data.get("not_headlines") or [])
    cues = tuple(re.compile("|".join(level), flags) for level in data.get("act_cues") or [] if level)
    steps = tuple(re.compile(p, flags) for p in data.get("act_steps") or [])
    gist = tuple(re.compile(p, flags) for p in data.get("gist_terms") or [])
    occasion = re.compile(data["occasion"], flags) if data.get("occasion") else None
    tribute = re.compile(data["tribute"], flags) if data.get("tribute") else None
    visits = tuple(
        (int(v["tier"]), re.compile("|".join(v["headlines"]), flags))
        for v in sorted(data.get("visit_tiers") or [], key=lambda v: int(v["tier"]))
    )
    outcomes = tuple(re.compile("|".join(level), flags) for level in data.get("meeting_outcome_cues") or [] if level)
    ceremonies = tuple(re.compile(p, flags) for p in data.get("military_ceremonies") or [])
    return Rules(kinds, not_headlines, cues, steps, gist, occasion, tribute, visits, outcomes, ceremonies)
