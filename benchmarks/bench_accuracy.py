"""Extraction and linking accuracy on every gold set, dev and blind side by side. Prints JSON.

    python benchmarks/bench_accuracy.py                  # needs ../shared for the corpus texts
    python benchmarks/bench_accuracy.py --errors blind    # NOT for rule writing: see evaluation/README.md

Gold sets (see evaluation/README.md):
- shared-dev: ../shared/eval/dev-gold.jsonl, the 67 documents the first rules were written from;
- dev: evaluation/gold/dispatches-dev.jsonl, the project's dev split (rules may be written from it);
- blind: evaluation/gold/dispatches-blind.jsonl, never read while writing or tuning a rule.
Reports: ../shared/eval/secondary-dev.jsonl and evaluation/gold/reports-{dev,blind}.jsonl, linked
against the corpus ingested (with extraction) into a temporary SQLite archive.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from gold_sets import numbered  # noqa: E402

SHARED = REPO.parent / "shared"
GOLD = REPO / "evaluation" / "gold"
DISPATCH_SETS = {
    "shared-dev": SHARED / "eval" / "dev-gold.jsonl",
    "dev": GOLD / "dispatches-dev.jsonl",
    "dev-3": GOLD / "dispatches-dev-3.jsonl",
    "dev-4": GOLD / "dispatches-dev-4.jsonl",
    "blind": GOLD / "dispatches-blind.jsonl",
    "other-years-dev": GOLD / "other-years-dev.jsonl",
    # the written sets, by their number (other-years-texts-6.jsonl is the texts of other-years-blind-2)
    **{f"other-years-dev-{n}": path for n, path in numbered("other-years-dev-")},
    "other-years-blind": GOLD / "other-years-blind.jsonl",
    "other-years-blind-2": GOLD / "other-years-blind-2.jsonl",
}
# Dispatches of 2012-2025 written for the project in KCNA's style (the corpus holds only 2024).
OTHER_YEARS_TEXTS = (GOLD / "other-years-texts.jsonl", *(path for _, path in numbered("other-years-texts-")))
# Hand-made calendars of the leader's public appearances, named appearances-YYYY-MM-MM.jsonl by the months
# they cover: Aug-Sep 2024 is dev (appearance rules may be written from it), Oct-Nov 2024 is blind.
CALENDARS = {"dev": GOLD / "appearances-2024-08-09.jsonl", "blind": GOLD / "appearances-2024-10-11.jsonl"}
REPORT_SETS = {
    "shared-dev": SHARED / "eval" / "secondary-dev.jsonl",
    "dev": GOLD / "reports-dev.jsonl",
    "dev-2": GOLD / "reports-dev-2.jsonl",
    "dev-4": GOLD / "reports-dev-4.jsonl",
    "blind": GOLD / "reports-blind.jsonl",
}
# Reports on the other years' dispatches (OTHER_YEARS_TEXTS), linked against an archive that holds
# those dispatches beside the 2024 corpus, as a watcher's archive of 2012 to now would.
# The other years' texts the report writers had: later sets tell some of the same real events again
# (another writer's dispatch of the same launch), which a report would rightly link but its gold cannot name.
REPORTED_TEXTS = OTHER_YEARS_TEXTS[:7]
OTHER_YEARS_REPORTS = {
    "other-years-dev": GOLD / "reports-other-years.jsonl",
    # reports on 2024 dispatches and on the other years' beside each other, as a watcher's archive holds them
    "dev-3": GOLD / "reports-dev-3.jsonl",
}


def _records(path: Path) -> dict[str, dict[str, Any]]:
    rows = (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["id"]: r for r in rows}


def extraction_scores(corpus: Path, show_errors: str | None) -> dict[str, Any]:
    from fieldguide.evaluate import score
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.kb import load
    from fieldguide.model import Document
    from fieldguide.sources import read

    extractor = Extractor(load())
    predicted = {}
    for source in (corpus, *OTHER_YEARS_TEXTS):
        for doc in read(str(source)) if source.exists() else ():
            if isinstance(doc, Document):
                predicted[doc.id] = extractor(doc).to_record()
    out: dict[str, Any] = {}
    for name, path in DISPATCH_SETS.items():
        if not path.exists():
            out[name] = {"missing": str(path)}
            continue
        report = score(_records(path), predicted, keep_mismatches=name == show_errors)
        out[name] = {f: s.f1 for f, s in report.fields.items()} | {"mean_f1": round(report.mean_f1, 4),
                                                                  "documents": report.documents}
        out[name] = {k: round(v, 4) if isinstance(v, float) else v for k, v in out[name].items()}
        if name == show_errors:
            for m in report.mismatches:
                print(f"{m.doc_id} {m.field}: gold={m.gold} predicted={m.predicted}", file=sys.stderr)
    return out


def linking_scores(corpus: Path) -> dict[str, Any]:
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.ingest import ingest
    from fieldguide.kb import load
    from fieldguide.store import Store

    extractor = Extractor(load())
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{tmp}/corpus.db") as store:
        ingest([str(corpus)], store, extractor=extractor)
        for name, path in REPORT_SETS.items():
            out[name] = _linked(store, extractor, path)
        for split, calendar in CALENDARS.items():
            if calendar.exists():
                out[f"appearances-{split}"] = appearance_scores(store, calendar)
        if any(path.exists() for path in OTHER_YEARS_REPORTS.values()):
            ingest([str(p) for p in REPORTED_TEXTS if p.exists()], store, extractor=extractor)
            for name, path in OTHER_YEARS_REPORTS.items():
                out[f"reports-{name}"] = _linked(store, extractor, path)
    return out


def _linked(store: Any, extractor: Any, path: Path) -> dict[str, Any]:
    """Precision and recall of the links the linker finds for the reports of one gold file."""
    from fieldguide.link.linker import ReportLinker
    from fieldguide.model import Document
    from fieldguide.sources import read

    if not path.exists():
        return {"missing": str(path)}
    tp = fp = fn = 0
    wrong: list[str] = []
    with ReportLinker(store, extractor) as linker:
        for doc in read(str(path)):
            if not isinstance(doc, Document):
                continue
            got = set(linker.link(doc, extractor(doc)).reports_on)
            gold = set(doc.extra.get("reports_on") or [])
            tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
            if got != gold:
                wrong.append(str(doc.extra.get("source_id") or doc.id))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "pairs": tp + fn, "reports_wrong": len(wrong)}


def calendar_period(calendar: Path) -> tuple[date, date]:
    """The months a calendar covers, from its name: appearances-2024-10-11.jsonl is 1 Oct to 30 Nov 2024."""
    year, first, last = (int(part) for part in calendar.stem.split("-")[1:4])
    after_last = date(year + (last == 12), last % 12 + 1, 1)
    return date(year, first, 1), after_last - timedelta(days=1)


def appearance_scores(store: Any, calendar: Path) -> dict[str, Any]:
    """The leader's appearances against a hand-made calendar: a row is found when an appearance
    of the same day (or both undated) is reported by one of the row's documents."""
    from fieldguide.analyze.activities import appearances

    gold = [json.loads(line) for line in calendar.read_text(encoding="utf-8").splitlines() if line.strip()]
    predicted = [a.appearance_json() for a in appearances(store, *calendar_period(calendar))]
    unused = list(range(len(predicted)))
    found = 0
    for row in gold:
        for k in unused:
            if predicted[k]["date"] == row["date"] and set(predicted[k]["docs"]) & set(row["docs"]):
                unused.remove(k)
                found += 1
                break
    return {"calendar_rows": len(gold), "predicted": len(predicted),
            "precision": round(found / len(predicted), 4) if predicted else 1.0,
            "recall": round(found / len(gold), 4) if gold else 1.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "kcna-2024.jsonl")
    parser.add_argument("--errors", choices=sorted(DISPATCH_SETS), help="print one set's mismatches to stderr")
    parser.add_argument("--no-linking", action="store_true")
    args = parser.parse_args()
    if not args.corpus.exists():
        sys.exit(f"the corpus is missing ({args.corpus}): this script needs ../shared")
    started = time.perf_counter()
    figures: dict[str, Any] = {"extraction": extraction_scores(args.corpus, args.errors)}
    if not args.no_linking:
        figures["linking"] = linking_scores(args.corpus)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
