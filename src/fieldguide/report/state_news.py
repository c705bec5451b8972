"""The state's acts that a week's brief ranks beside the leader's own activities.

An analyst's week holds news the leader was not reported at: the Academy of Defence Sciences
test-fires a rocket launcher, the KPA General Staff reports that the border is sealed, the Supreme
People's Assembly amends the constitution. They are found by their headlines (kb/data/briefing.yaml),
never in a digest, a commentary or a document that one of his activities already holds; the
articles of one act published within a day of each other are one item, the first one its main.

Pure functions of headlines, so the same archive gives the same items.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from fieldguide.report.briefing_rules import Rules, StateNewsRule, rules
from fieldguide.report.ranking import tier_reason
from fieldguide.store.headlines import Headline

SAME_ACT_DAYS = 1  # articles of one kind this close together tell of one act


@dataclass(slots=True)
class StateNews:
    """One act of the state: its kind, tier and the dispatches that report it (main first)."""

    rule: StateNewsRule
    headlines: list[Headline] = field(default_factory=list)

    @property
    def main(self) -> Headline:
        """The fullest article of the first day it was reported."""
        first = self.headlines[0].published
        return max((h for h in self.headlines if h.published == first), key=lambda h: (h.length, h.doc_id))

    @property
    def docs(self) -> list[str]:
        main = self.main
        return [main.doc_id] + [h.doc_id for h in self.headlines if h is not main]

    @property
    def reasons(self) -> list[str]:
        out = [tier_reason(self.rule.tier), f"{self.rule.what}, reported without the leader"]
        out.append(f"headline: {self.main.title}")
        if len(self.headlines) > 1:
            out.append(f"reported in {len(self.headlines)} documents")
        return out


ANNOUNCES = re.compile(r":\s*$|\bas follows\b|\bthe following\b", re.IGNORECASE)
READ_SENTENCES = 12  # the act is stated early in a dispatch; past this it is background


def act_sentence(sentences: list[str], found_by: Rules | None = None) -> int | None:
    """The index of the sentence that states the act (the first holding the strongest cue found),
    or None when no early sentence does."""
    found_by = found_by or rules()
    early = [(i, s) for i, s in enumerate(sentences[:READ_SENTENCES]) if not ANNOUNCES.search(s)]
    for cue in found_by.act_cues:
        hit = next((i for i, s in early if cue.search(s)), None)
        if hit is not None:
            return hit
    return None


_STATEMENT = re.compile(r"^(?:Press )?Statement\b|\bStatement of\b|\bPress Statement\b", re.IGNORECASE)


def only_words(title: str, sentences: list[str], found_by: Rules | None = None) -> bool:
    """A statement that announces no step of its own (no order, decision or proclamation among its early
    sentences: "... will launch a preemptive nuclear strike"): rhetoric, not an act of the state."""
    if not _STATEMENT.search(title):
        return False
    found_by = found_by or rules()
    if not found_by.act_cues:
        return False
    early = [s for s in sentences[:READ_SENTENCES] if not ANNOUNCES.search(s)]
    return not any(found_by.act_cues[0].search(s) for s in early)


def step_sentence(sentences: list[str], act: int, found_by: Rules | None = None) -> int | None:
    """The index of the sentence right after the act's when it spells out the act's concrete
    step ("To this end, a project will be launched ..."), else None."""
    found_by = found_by or rules()
    following = sentences[act + 1] if act + 1 < len(sentences) else ""
    return act + 1 if any(p.search(following) for p in found_by.act_steps) else None


def is_news(title: str) -> bool:
    """Whether a headline announces an act of the state (the packaged rules): what a brief
    reads the headlines of a week for."""
    return _packaged_kind(title) is not None


@functools.lru_cache(maxsize=4096)
def _packaged_kind(title: str) -> StateNewsRule | None:
    return rules().kind_of(title)  # copies of one dispatch share a headline: each is matched once


def find(headlines: Iterable[Headline], held: set[str], found_by: Rules | None = None) -> list[StateNews]:
    """The state's acts announced by ``headlines``, leaving out the documents in ``held`` (those
    the leader's activities already hold) and the copies of one story."""
    kind_of = found_by.kind_of if found_by else _packaged_kind
    out: list[StateNews] = []
    seen_stories: set[str] = set()
    for h in sorted(headlines, key=lambda h: (h.published, -h.length, h.doc_id)):  # of copies, the fullest
        if h.doc_id in held or h.story_id in seen_stories:
            continue
        rule = kind_of(h.title)
        if rule is None:
            continue
        seen_stories.add(h.story_id)
        close = (n for n in out if n.rule.kind == rule.kind and _days_apart(n.headlines[-1], h) <= SAME_ACT_DAYS)
        same = next(close, None)
        if same is None:
            out.append(StateNews(rule, [h]))
        else:
            same.headlines.append(h)
    return out


def _days_apart(a: Headline, b: Headline) -> int:
    return abs((b.published - a.published).days)
