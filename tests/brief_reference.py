"""Scoring a brief against the hand-written reference briefs (evaluation/gold/reference-briefs.jsonl).

Shared by tests/test_brief_reference.py and benchmarks/bench_brief_reference.py. An item of
"What you need to know" names a key activity when it shares a document with it and every key
term appears in its sentences or in the source text they cite.
"""

from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path
from typing import Any

REFERENCE = Path(__file__).resolve().parent.parent / "evaluation" / "gold" / "reference-briefs.jsonl"
MAX_ITEMS, MAX_WORDS = 8, 60


def weeks(path: Path = REFERENCE) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fold(text: str) -> str:
    text = re.sub(r"[-‐‑–]", " ", text.casefold().replace("’", "'"))
    return re.sub(r"(\d)\s+mm\b", r"\1mm", " ".join(text.split()))


def items(brief: dict[str, Any]) -> list[dict[str, Any]]:
    section = next(s for s in brief["sections"] if s["key"] == "need_to_know")
    return section["items"]


def words(item: dict[str, Any]) -> int:
    return sum(len(c["text"].split()) for c in item["sentences"])


def names(item: dict[str, Any], key: dict[str, Any]) -> bool:
    if not set(item["docs"]) & set(key["docs"]):
        return False
    said = fold(" ".join(c["text"] + " " + c["evidence"] for c in item["sentences"]))
    return all(fold(term) in said for term in key["key_terms"])


def gathers(item: dict[str, Any], group: dict[str, Any]) -> bool:
    """The item holds most of the group's documents."""
    return 2 * len(set(item["docs"]) & set(group["docs"])) >= len(group["docs"])


def score(brief: dict[str, Any], week: dict[str, Any]) -> dict[str, Any]:
    found = items(brief)
    keys = week["need_to_know"]
    matches = [[i for i, item in enumerate(found) if names(item, key)] for key in keys]
    firsts = [(k, m[0]) for k, m in enumerate(matches) if m]
    pairs = list(combinations(firsts, 2))
    in_order = sum(1 for (_, a), (_, b) in pairs if a < b)
    key_docs = {d for key in keys for d in key["docs"]}
    named = {i for m in matches for i in m}
    gathered = []
    for group in week["gathered"]:
        overlap = {i: len(set(item["docs"]) & set(group["docs"])) for i, item in enumerate(found) if i not in named}
        best = max(overlap.values(), default=0)
        holders = [i for i, n in overlap.items() if n == best and gathers(found[i], group)]
        strays = [
            i
            for i, item in enumerate(found)
            if i not in holders and item["docs"] and item["docs"][0] in set(group["docs"]) - key_docs
        ]
        ok = len(holders) == 1 and not strays
        gathered.append({"kind": group["kind"], "items": holders, "split_into": strays, "ok": ok})
    used = named | {i for g in gathered for i in g["items"]}
    not_items = {n["doc"] for n in week["not_items"]}
    return {
        "since": week["since"],
        "until": week["until"],
        "items": len(found),
        "key_items": len(keys),
        "key_found": sum(1 for m in matches if m),
        "key_found_once": sum(1 for m in matches if len(m) == 1),
        "key_matches": [len(m) for m in matches],
        "pairs_in_order": in_order,
        "pairs": len(pairs),
        "gathered": len(gathered),
        "gathered_found": sum(1 for g in gathered if g["ok"]),
        "gathered_detail": gathered,
        "junk_items": sorted(set(range(len(found))) - used),
        "not_item_mains": [i for i, item in enumerate(found) if item["docs"] and item["docs"][0] in not_items],
        "too_long": [i for i, item in enumerate(found) if words(item) > MAX_WORDS],
    }
