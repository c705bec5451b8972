"""Report linking: precision and recall on the development reports, and reports linked per second
on the corpus and on the corpus replicated to N dispatches. Prints JSON.

    python benchmarks/bench_link.py                      # 100,000 dispatches, store cached in /tmp
    python benchmarks/bench_link.py -n 10000
    python benchmarks/bench_link.py --store /tmp/link-100k.db --rebuild

The replicated store is built once (ingest without extraction, then the extraction of each
original written for its copies, which differ from it by three inserted words) and kept at
``--store``, since building it takes minutes. Reports are extracted before the clock starts:
the figure is linking (candidate retrieval, scoring), not extraction.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "kcna-2024.jsonl"
REPORTS = SHARED / "eval" / "secondary-dev.jsonl"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _reports(extractor):  # type: ignore[no-untyped-def]
    from fieldguide.model import Document
    from fieldguide.sources import read

    return [(d, extractor(d)) for d in read(str(REPORTS)) if isinstance(d, Document)]


def _measure(store, reports, extractor, rounds: int = 3, fresh: int = 5) -> dict:  # type: ignore[no-untyped-def]
    from fieldguide.cli.common import settle_long_lived
    from fieldguide.link.linker import ReportLinker

    settle_long_lived()  # as `fieldguide link` does
    # A first pass: a new linker (empty caches, as every new batch starts) links every report
    # once. The first of them also pays what a process pays once: the connection, SQLAlchemy
    # compiling each statement, the store's pages read into SQLite's cache. It is repeated
    # ``fresh`` times with a new linker each; the median is the figure.
    tp = fp = fn = 0
    first_passes = []
    for attempt in range(fresh):
        with ReportLinker(store, extractor) as linker:
            started = time.perf_counter()
            for doc, extraction in reports:
                got = set(linker.link(doc, extraction).reports_on)
                if attempt == 0:
                    gold = set(doc.extra.get("reports_on") or [])
                    tp, fp, fn = tp + len(got & gold), fp + len(got - gold), fn + len(gold - got)
            first_passes.append(time.perf_counter() - started)
            # Later passes of the same linker: later reports of the same days in a batch find
            # the dispatches of their windows in its cache.
            started = time.perf_counter()
            for _ in range(rounds - 1):
                for doc, extraction in reports:
                    linker.link(doc, extraction)
            warm = time.perf_counter() - started
    rates = sorted(len(reports) / seconds for seconds in first_passes)
    return {
        "reports": len(reports),
        "precision": round(tp / max(tp + fp, 1), 4),
        "recall": round(tp / max(tp + fn, 1), 4),
        "pairs": {"right": tp, "wrong": fp, "missed": fn},
        # The 23 development reports are spread over a year, so they share few dispatches: a
        # first pass reads and profiles some 500 of them.
        "reports_per_s_first_pass": round(statistics.median(rates), 1),
        "reports_per_s_first_pass_range": [round(rates[0], 1), round(rates[-1], 1)],
        "reports_per_s_first_pass_fresh_process": round(len(reports) / first_passes[0], 1),
        "reports_per_s_warm": round((rounds - 1) * len(reports) / warm, 1) if rounds > 1 and warm else None,
    }


def _build_replicated(path: Path, n: int, extractor) -> None:  # type: ignore[no-untyped-def]
    from bench_ingest import replicate

    from fieldguide.ingest import ingest
    from fieldguide.model import Document
    from fieldguide.sources import read
    from fieldguide.store import Store

    path.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        replicate(n, data)
        store = Store.open(f"sqlite:///{path}")
        ingest([str(data)], store, batch_size=2000)
    originals = {d.id: extractor(d) for d in read(str(CORPUS)) if isinstance(d, Document)}
    batch = []
    for doc in store.iter_documents():
        base = doc.id.rsplit("-c", 1)[0] if doc.id.rsplit("-c", 1)[-1].isdigit() else doc.id
        if base in originals:
            batch.append((doc, dataclasses.replace(originals[base], doc_id=doc.id)))
        if len(batch) >= 2000:
            store.put_extractions(batch)
            batch = []
    if batch:
        store.put_extractions(batch)
    store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="dispatches in the replicated store")
    parser.add_argument("--store", help="SQLite path of the replicated store (default /tmp/fieldguide-link-N.db)")
    parser.add_argument("--rebuild", action="store_true", help="build the replicated store even if it exists")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the reports (the first one is cold)")
    args = parser.parse_args()
    if not CORPUS.exists() or not REPORTS.exists():
        print(json.dumps({"skipped": f"{SHARED} is missing"}))
        return 0

    from fieldguide.extract.pipeline import Extractor
    from fieldguide.ingest import ingest
    from fieldguide.kb import load
    from fieldguide.store import Store

    extractor = Extractor(load())
    reports = _reports(extractor)
    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(f"sqlite:///{Path(tmp) / 'corpus.db'}")
        ingest([str(CORPUS)], store, extractor=extractor)
        result["corpus"] = {"dispatches": 995, **_measure(store, reports, extractor, args.rounds)}
        store.close()
    if args.n:
        path = Path(args.store or f"/tmp/fieldguide-link-{args.n}.db")
        built = time.perf_counter()
        if args.rebuild or not path.exists():
            _build_replicated(path, args.n, extractor)
        build_s = time.perf_counter() - built
        store = Store.open(f"sqlite:///{path}")
        measured = _measure(store, reports, extractor, args.rounds)
        # Copies share their original's story, so the links are the same as on the corpus.
        result["replicated"] = {"dispatches": args.n, "store": str(path), "build_s": round(build_s, 1), **measured}
        store.close()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
