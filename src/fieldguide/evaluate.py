"""Scoring extraction records against a gold set, by the rules of the evaluation guidelines.

Per field (event types, event dates, sites, weapons, people, places) micro-averaged
precision, recall and F1 over all gold documents; events of actors other than
the leader are not scored; names match after lower-casing, dropping hyphens and
place suffixes, and a name matches a longer one that holds all its words.

Sites are the place phrases of the leader's events, pooled per document as a set of
content-word sets. A predicted site matches a gold one when they share at least 60% of
the gold phrase's content words and 50% of the predicted phrase's; each matches once,
the pair with the largest overlap (Jaccard) first for each gold phrase in turn. So a
site with a trailing clause or a sub-location stops matching.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

FIELDS = ("types", "dates", "sites", "weapons", "people", "places")
_PLACE_SUFFIX = re.compile(r"\b(?:province|city|county|district|municipality|mt|mount)\b\.?")
# Words that do not identify a site: articles, prepositions, and a few empty modifiers.
_SITE_FUNCTION_WORDS = frozenset(
    "the a an of in at on to for and by under its his this that these those various new".split()
)
# The scraper's glued leader name ("toKim Jong Unthat") is split before a site's words are taken.
_GLUED_LEADER = re.compile(r"(?<=[a-z])(?=Kim Jong Un)|(?<=Kim Jong Un)(?=[A-Za-z])")
_SITE_WORD = re.compile(r"[a-z0-9]+")


@dataclass(slots=True)
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Mismatch:
    doc_id: str
    field: str
    gold: list[str]
    predicted: list[str]


@dataclass(slots=True)
class Report:
    fields: dict[str, FieldScore]
    documents: int
    documents_predicted: int
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def mean_f1(self) -> float:
        return sum(s.f1 for s in self.fields.values()) / len(self.fields)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: s.to_json() for name, s in self.fields.items()}
        out["mean_f1"] = round(self.mean_f1, 4)
        out["documents"] = self.documents
        out["documents_predicted"] = self.documents_predicted
        return out


def _is_leader(actor: str | None) -> bool:
    return "kimjongun" in re.sub(r"[^a-z]", "", (actor or "Kim Jong Un").lower())


def _name_key(name: str, place: bool) -> str:
    s = name.lower().replace("-", "").replace("’", "'")
    if place:
        s = _PLACE_SUFFIX.sub(" ", s)
    return " ".join(s.split())


def items(record: Mapping[str, Any], field_name: str) -> Counter[Any]:
    """The scored items of one field of one record."""
    events = [e for e in record.get("events") or [] if _is_leader(e.get("actor"))]
    if field_name == "types":
        return Counter(e.get("type") for e in events)
    if field_name == "dates":
        return Counter((e.get("start"), e.get("end")) for e in events)
    if field_name == "sites":
        return Counter({site_words(s) for e in events for s in e.get("sites") or []} - {frozenset()})
    if field_name == "weapons":
        return Counter(set(record.get("weapons") or []))
    names = {_name_key(x, field_name == "places") for x in record.get(field_name) or []}
    return Counter(names - {""})


def site_words(phrase: str | Mapping[str, Any]) -> frozenset[str]:
    """The content words of a site phrase (a {"text": ...} record is read for its text)."""
    if isinstance(phrase, Mapping):
        phrase = str(phrase.get("text") or "")
    phrase = _GLUED_LEADER.sub(" ", phrase)
    words = _SITE_WORD.findall(phrase.lower().replace("’", "'"))
    return frozenset(w for w in words if w not in _SITE_FUNCTION_WORDS)


def _match_sites(gold: Iterable[frozenset[str]], predicted: Iterable[frozenset[str]]) -> tuple[int, int, int]:
    """One-to-one matches by content-word overlap, the closest predicted phrase for each gold one."""
    g, p = list(gold), list(predicted)
    tp = 0
    for site in list(g):
        best: frozenset[str] | None = None
        best_overlap = 0.0
        for other in p:
            common = len(site & other)
            overlap = common / len(site | other)
            if common >= 0.6 * len(site) and common >= 0.5 * len(other) and overlap > best_overlap:
                best, best_overlap = other, overlap
        if best is not None:
            p.remove(best)
            g.remove(site)
            tp += 1
    return tp, len(p), len(g)


def _shown(field_name: str, found: Counter[Any]) -> list[str]:
    if field_name == "sites":
        return sorted(" ".join(sorted(words)) for words in found.elements())
    return sorted(map(str, found.elements()))


def _match_names(gold: Iterable[str], predicted: Iterable[str]) -> tuple[int, int, int]:
    """Exact matches first, then a name against a longer one holding all its words; one to one."""
    g, p = list(gold), list(predicted)
    tp = len(matched_names(g, p))
    return tp, len(p) - tp, len(g) - tp


def matched_names(gold: Iterable[str], predicted: Iterable[str]) -> set[int]:
    """The positions in ``predicted`` of the names that match a gold name, one to one, as ``score``
    matches them: exact matches first, then a name against a longer one holding all its words.
    Both are keys as ``items`` gives them (``name_key``)."""
    g = list(gold)
    p = list(enumerate(predicted))
    found: set[int] = set()
    for name in list(g):
        for k, (i, other) in enumerate(p):
            if other == name:
                del p[k]
                g.remove(name)
                found.add(i)
                break
    for name in list(g):
        words = set(name.split())
        for k, (i, other) in enumerate(p):
            other_words = set(other.split())
            if words <= other_words or other_words <= words:
                del p[k]
                found.add(i)
                break
    return found


def name_key(name: str, place: bool) -> str:
    """A person's or place's name as the scorer compares it."""
    return _name_key(name, place)


def score(
    gold: Mapping[str, Mapping[str, Any]],
    predicted: Mapping[str, Mapping[str, Any]],
    *,
    keep_mismatches: bool = False,
) -> Report:
    """Score predicted records against gold records (both keyed by document id)."""
    totals = {name: FieldScore() for name in FIELDS}
    mismatches: list[Mismatch] = []
    for doc_id, g in gold.items():
        p = predicted.get(doc_id, {})
        for name in FIELDS:
            gi, pi = items(g, name), items(p, name)
            if name in ("people", "places"):
                tp, fp, fn = _match_names(gi.elements(), pi.elements())
            elif name == "sites":
                tp, fp, fn = _match_sites(gi.elements(), pi.elements())
            else:
                tp, fp, fn = sum((gi & pi).values()), sum((pi - gi).values()), sum((gi - pi).values())
            total = totals[name]
            total.tp += tp
            total.fp += fp
            total.fn += fn
            if keep_mismatches and (fp or fn):
                mismatches.append(Mismatch(doc_id, name, _shown(name, gi), _shown(name, pi)))
    return Report(totals, len(gold), sum(1 for d in gold if d in predicted), mismatches)
