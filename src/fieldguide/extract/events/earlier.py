"""Clauses that tell an earlier time of what was just named: a date in one is not the activity's.

"visited the detachment, which shelled the island in November 2010"; "the fish farm, built in 2019";
"KPA Unit 851, which Kim Jong Il visited in 1996"; "as he did in 2015". The grammar of such clauses is
here; their words (the participles of making a place, the past forms not ending in -ed) are data, in
events.yaml's ``earlier_time``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EarlierTime:
    # A clause of an earlier time ("which had waged", "where President Kim Il Sung gave", "as he did").
    clause: re.Pattern[str]
    # A participle of the making of a place right before a date ("built in", "founded on", "since").
    made_then: re.Pattern[str]

    @classmethod
    def from_words(cls, making: Iterable[str], past_forms: Iterable[str]) -> EarlierTime:
        made = _words(making)
        past = _words(past_forms)
        return cls(
            clause=re.compile(
                rf"\b(?:which|who|where|that) (?:had |has |have |was |were )?(?:been |already )?(?:\w+ed|{past})\b"
                # "the barracks, which he had seen in 2015": what he did there before
                rf"|\b(?:which|where|that|whom) (?:he|she|they|we) (?:had |has |have )(?:\w+ed|{past})\b"
                # "as he did in 2015": a like act of another time
                r"|\bas (?:he|she|they|it) (?:had )?(?:did|done|had|was|were)\b"
                # another's act told in a clause of the place: "KPA Unit 851, which Kim Jong Il visited in
                # 1996", "where President Kim Il Sung gave field guidance in 1960"
                r"|\b(?:which|where|whom|when) (?:(?:the |leader |President |Chairman |General )?[A-Z][\w'-]*\s+){1,4}"
                rf"(?:had |has )?(?:\w+ed|{past})\b"
                # "the hall where the Armistice Agreement was signed in July 1953": a passive clause of its own subject
                # ("the day when the People's Revolutionary Army was founded in 1932")
                r"|\b(?:where|in which|when) (?:[\w'-]+ ){1,6}?(?:was|were|had been) \w+(?:ed|en)\b"
            ),
            made_then=re.compile(
                rf"\b(?:{made})\s+(?:(?:in|on|at the (?:end|beginning) of|early|late|by)\s+)?(?:the\s+)?$|\bsince\s+$"
            ),
        )


def _words(words: Iterable[str]) -> str:
    # longest first, so "put into operation" is tried before "put"
    unique = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in unique) or r"(?!x)x"


# How far before a date a clause of an earlier time ("which shelled ...") may open and still hold it.
CLAUSE_REACH = 120
# How far before a date a participle of making may stand ("the fish farm, built in 2019").
MADE_REACH = 50
