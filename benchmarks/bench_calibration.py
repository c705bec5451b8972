"""Whether a fact's confidence means what it says: per kind of fact and band of confidence, how many
facts extract gives and the share of them the gold record confirms. Prints JSON.

    python benchmarks/bench_calibration.py                      # needs ../shared for the corpus texts
    python benchmarks/bench_calibration.py --shared /work/shared

Right means, per kind:
- person, place: the gold record lists it, by the scorer's name matching (evaluate.matched_names);
- weapon: the gold record lists the category;
- event (the leader's; others are not annotated): the gold record has an event of that type and
  the same start and end dates (both undated counts), each gold event confirming one event.

Sets as in bench_accuracy.py: shared-dev and dev (the confidences were set from these) per band,
and blind, which no confidence was set from (evaluation/README.md): totals per band only, never a
document. ``above_0.9`` is the share right of the facts of 0.9 or more, all kinds together.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "evaluation" / "gold"
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.0))
KINDS = ("event", "person", "place", "weapon")


def _records(path: Path) -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["id"]: r for r in rows}


def _band(confidence: float) -> str:
    for low, high in BANDS:
        if confidence < high or high == 1.0:
            return f"{low}-{high}"
    raise AssertionError(confidence)


def judged(record: Mapping[str, Any], gold: Mapping[str, Any]) -> Iterable[tuple[str, float, bool]]:
    """(kind, confidence, right) for each fact of one extraction record."""
    from fieldguide.evaluate import items, matched_names, name_key

    facts = record.get("fact_confidence") or {}
    for kind, field, place in (("person", "people", False), ("place", "places", True)):
        names = list((facts.get(field) or {}).items())
        keys = [name_key(n, place) for n, _ in names]
        right = matched_names(items(gold, field).elements(), keys)
        for i, (_, confidence) in enumerate(names):
            yield kind, confidence, i in right
    gold_weapons = set(gold.get("weapons") or [])
    for category, confidence in (facts.get("weapons") or {}).items():
        yield "weapon", confidence, category in gold_weapons
    unused = Counter((e.get("type"), e.get("start"), e.get("end")) for e in gold.get("events") or [])
    for e in record.get("events") or []:
        if e.get("actor") != "Kim Jong Un":
            continue
        key = (e.get("type"), e.get("start"), e.get("end"))
        right = unused[key] > 0
        unused[key] -= right
        yield "event", float(e.get("confidence") or 0.0), right


def table(gold: Mapping[str, Mapping[str, Any]], predicted: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """Per kind and band: facts and the share right; and the facts of 0.9 or more, all kinds."""
    counts: dict[tuple[str, str], list[int]] = {}
    for doc_id, g in gold.items():
        for kind, confidence, right in judged(predicted.get(doc_id, {}), g):
            tally = counts.setdefault((kind, _band(confidence)), [0, 0])
            tally[0] += 1
            tally[1] += right
    out: dict[str, Any] = {}
    for kind in KINDS:
        out[kind] = {}
        for low, high in BANDS:
            n, right = counts.get((kind, f"{low}-{high}"), [0, 0])
            out[kind][f"{low}-{high}"] = {"facts": n, "right": round(right / n, 3) if n else None}
    top = [counts.get((kind, "0.9-1.0"), [0, 0]) for kind in KINDS]
    n, right = sum(t[0] for t in top), sum(t[1] for t in top)
    out["above_0.9"] = {"facts": n, "right": round(right / n, 3) if n else None}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared evaluation data")
    parser.add_argument(
        "--sets",
        default="shared-dev,dev,blind,other-years-blind,other-years-blind-2",
        help="which gold sets, comma-separated",
    )
    args = parser.parse_args()
    corpus = args.shared / "corpus" / "kcna-2024.jsonl"
    if not corpus.exists():
        sys.exit(f"the corpus is missing ({corpus}): this script needs ../shared (or --shared DIR)")
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.kb import load
    from fieldguide.model import Document
    from fieldguide.sources import read

    extractor = Extractor(load())
    # the 2024 corpus, and the dispatches of other years written for the project
    texts = [corpus, *sorted(GOLD.glob("other-years-texts*.jsonl"))]
    predicted = {
        doc.id: extractor(doc).to_record() for path in texts for doc in read(str(path)) if isinstance(doc, Document)
    }
    sets = {
        "shared-dev": args.shared / "eval" / "dev-gold.jsonl",
        "dev": GOLD / "dispatches-dev.jsonl",
        "blind": GOLD / "dispatches-blind.jsonl",
        "other-years-blind": GOLD / "other-years-blind.jsonl",
        "other-years-blind-2": GOLD / "other-years-blind-2.jsonl",
    }
    wanted = [name for name in args.sets.split(",") if name in sets]
    figures = {name: table(_records(sets[name]), predicted) if sets[name].exists() else {"missing": str(sets[name])}
               for name in wanted}
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
