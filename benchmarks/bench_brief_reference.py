"""How the weekly brief compares with the hand-written reference briefs. Prints JSON.

    python benchmarks/bench_brief_reference.py                  # ingests ../shared's corpus into a temp archive
    python benchmarks/bench_brief_reference.py --db corpus.db   # an archive of that corpus already made

The written weeks of other years (evaluation/gold/other-years-texts-N.jsonl with reference-briefs-oyN.jsonl)
are each briefed from a temporary archive of their own dispatches.

Per reference week: key items found (and found exactly once), pairs of found items in the
reference's relative order, routine groups gathered into one item, junk items (named by no
key activity or group), items whose main document must not be an item, items over 60 words.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from brief_reference import REFERENCE, score, weeks  # noqa: E402
from gold_sets import numbered  # noqa: E402

# Weeks written by hand: dev (rules may be written from them) and blind (held out, never tuned on).
REFERENCES = {
    "dev": REFERENCE,
    "dev2": REFERENCE.with_name("reference-briefs-dev2.jsonl"),
    "dev3": REFERENCE.with_name("reference-briefs-dev3.jsonl"),
    "dev4": REFERENCE.with_name("reference-briefs-dev4.jsonl"),
    # a second annotator's weeks, written blind to the first's (dev weeks of dev, dev2 and dev3)
    "dev5": REFERENCE.with_name("reference-briefs-dev5.jsonl"),
    "blind": REFERENCE.with_name("reference-briefs-blind.jsonl"),
}
# Weeks of other years written for the project, dispatches and reference brief together, by writers blind
# to fieldguide: each is briefed from an archive of its own dispatches (the 2024 corpus holds none of them).
WRITTEN_WEEKS = {
    f"oy{n}": (REFERENCE.with_name(f"other-years-texts-{n}.jsonl"), path)
    for n, path in numbered("reference-briefs-oy")
}


def corpus() -> Path:
    for folder in (os.environ.get("FIELDGUIDE_SHARED"), REPO.parent / "shared", "/work/shared"):
        if folder and (Path(folder) / "corpus" / "kcna-2024.jsonl").exists():
            return Path(folder) / "corpus" / "kcna-2024.jsonl"
    raise SystemExit("the shared corpus (../shared/corpus/kcna-2024.jsonl) is missing")


def main() -> None:
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.ingest import ingest
    from fieldguide.kb import load
    from fieldguide.report import build_brief
    from fieldguide.store import Store

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", help="an archive of the 2024 corpus (made when not given)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{args.db or Path(tmp) / 'corpus.db'}"
        with Store.open(url) as store:
            if not args.db:
                ingest([str(corpus())], store, extractor=Extractor(load()))
            out = []
            for split, path in REFERENCES.items():
                for week in weeks(path) if path.exists() else []:
                    since, until = date.fromisoformat(week["since"]), date.fromisoformat(week["until"])
                    result = {"split": split, **score(build_brief(store, since, until).to_json(), week)}
                    del result["gathered_detail"]
                    out.append(result)
        for split, (texts, path) in WRITTEN_WEEKS.items():
            if not (texts.exists() and path.exists()):
                continue
            with Store.open(f"sqlite:///{Path(tmp) / (split + '.db')}") as store:
                ingest([str(texts)], store, extractor=Extractor(load()))
                for week in weeks(path):
                    since, until = date.fromisoformat(week["since"]), date.fromisoformat(week["until"])
                    result = {"split": split, **score(build_brief(store, since, until).to_json(), week)}
                    del result["gathered_detail"]
                    out.append(result)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
