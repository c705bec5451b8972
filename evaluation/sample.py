"""Draw the project's annotation sample from the shared KCNA corpus, deterministically.

usage: python3 evaluation/sample.py ../shared/corpus/kcna-2024.jsonl ../shared/eval/dev-gold.jsonl

The sample leaves out the shared dev-gold documents and is drawn by a hash of each id (no text is read
but the words "Kim Jong Un", so the draw cannot follow what the extractor finds): two thirds mention the
leader, one third does not, spread over the months in proportion. Each drawn document goes to the
`dev` split (rules may be written from it) or the `blind` split (never read while writing rules), and
to one of three annotators; a third of the sample gets a second annotator for the agreement figure.
A supplement follows: the corpus has few reports of the leader's own activities outside the shared dev
set, so every one left undrawn (found by its title or topic alone) joins the blind split, annotated by a
fourth annotator. Writes evaluation/split.json.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

SAMPLE_SIZE = 300
BLIND_SHARE = 0.4  # 120 of 300
LEADER_SHARE = 2 / 3
ANNOTATORS = ("a", "b", "c")
SUPPLEMENT_ANNOTATOR = "d"
LEADER_ACTIVITY_TITLE = re.compile(
    r"Kim Jong Un (?:Inspects|Visits|Oversees|Guides|Watches|Gives|Attends|Observes|Receives|Meets|Holds|Makes|"
    r"Enjoys|Looks|Pays|Congratulates|Convenes|Presides|Sees|Appreciates|Tours)",
    re.IGNORECASE,
)


def rank(doc_id: str, salt: str) -> str:
    return hashlib.sha256(f"{salt}:{doc_id}".encode()).hexdigest()


def main(corpus_path: str, dev_gold_path: str) -> None:
    dev = {json.loads(line)["id"] for line in Path(dev_gold_path).read_text().splitlines() if line.strip()}
    strata: dict[tuple[str, bool], list[str]] = defaultdict(list)
    activities: list[str] = []
    for line in Path(corpus_path).read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["id"] in dev:
            continue
        strata[(doc["published"][:7], "Kim Jong Un" in doc["text"])].append(doc["id"])
        if LEADER_ACTIVITY_TITLE.search(doc["title"]) or "Revolutionary Activities" in (doc.get("topic") or ""):
            activities.append(doc["id"])
    leader_total = sum(len(v) for (_, leader), v in strata.items() if leader)
    other_total = sum(len(v) for (_, leader), v in strata.items() if not leader)
    chosen: list[str] = []
    for (_month, leader), ids in sorted(strata.items()):
        share = LEADER_SHARE * SAMPLE_SIZE / leader_total if leader else (1 - LEADER_SHARE) * SAMPLE_SIZE / other_total
        take = max(1, round(len(ids) * share))
        chosen += sorted(ids, key=lambda i: rank(i, "sample"))[:take]
    chosen = sorted(chosen, key=lambda i: rank(i, "sample"))[:SAMPLE_SIZE]
    ordered = sorted(chosen, key=lambda i: rank(i, "split"))
    blind = set(ordered[: round(SAMPLE_SIZE * BLIND_SHARE)])
    assignment = {}
    for n, doc_id in enumerate(sorted(chosen, key=lambda i: rank(i, "annotator"))):
        first = ANNOTATORS[n % 3]
        second = ANNOTATORS[(n + 1) % 3] if n % 9 < 3 else None  # a third of the documents
        assignment[doc_id] = {"split": "blind" if doc_id in blind else "dev", "first": first, "second": second}
    for doc_id in activities:
        if doc_id not in assignment:
            assignment[doc_id] = {"split": "blind", "first": SUPPLEMENT_ANNOTATOR, "second": None}
            blind.add(doc_id)
    out = Path(__file__).with_name("split.json")
    out.write_text(json.dumps(dict(sorted(assignment.items())), indent=1) + "\n")
    print(f"{len(assignment)} documents ({len(assignment) - SAMPLE_SIZE} in the supplement), {len(blind)} blind, "
          f"{sum(1 for a in assignment.values() if a['second'])} doubly annotated -> {out}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
