"""Speed of the analyses on a large archive: timeline, dossier (and novelty, once). Prints JSON.

    python benchmarks/bench_analyze.py                       # builds /tmp/fieldguide-analyze-100k.db once
    python benchmarks/bench_analyze.py --db sqlite:///bench.db --repeat 20
    python benchmarks/bench_analyze.py --db postgresql://postgres@127.0.0.1/bench  # built if empty

The store is the KCNA corpus replicated to N documents (benchmarks/bench_ingest.py) and
ingested with extraction; building 100,000 takes several minutes, so the SQLite file is
kept and reused. Each command runs once to warm the caches, then ``--repeat`` times per
name or filter; p50 and p95 are in milliseconds, measured in-process (the library call,
opening the store excluded, as a long-running server would see it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import CORPUS, replicate

DEFAULT_DB = Path(tempfile.gettempdir()) / "fieldguide-analyze-100k.db"
DOSSIER_NAMES = ("Kim Jong Un", "Jo Yong-won", "Choe Son Hui", "Hwasong-19", "ICBM", "Pyongyang", "Sinuiju")
TIMELINE_CASES: tuple[dict[str, Any], ...] = (
    {"by": "month"},
    {"by": "week"},
    {"by": "day"},
    {"by": "month", "type": "inspection"},
    {"by": "week", "since": date(2024, 6, 1)},
    {"by": "month", "weapon": "icbm"},
    {"by": "month", "place": "Pyongyang"},
)


def build(url: str, n: int) -> dict[str, Any]:
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.ingest import ingest
    from fieldguide.kb import load
    from fieldguide.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        replicate(n, data)
        with Store.open(url) as store:
            summary = ingest([str(data)], store, extractor=Extractor(load()))
    return {"documents": n, "build_seconds": round(summary.elapsed, 1), "extracted": summary.extracted}


def measure(call: Callable[[], Any], repeat: int) -> list[float]:
    call()  # warm the page cache and the knowledge base
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def summarize(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": round(statistics.median(ordered), 1), "p95_ms": round(p95, 1), "max_ms": round(ordered[-1], 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help=f"store URL (default: sqlite:///{DEFAULT_DB}, built when missing)")
    parser.add_argument("-n", type=int, default=100_000, help="documents when building the store")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per case")
    args = parser.parse_args()

    from fieldguide.analyze import Filters, dossier, novelties, timeline
    from fieldguide.kb import load
    from fieldguide.store import Store

    url = args.db or f"sqlite:///{DEFAULT_DB}"
    built = None
    if args.db:
        with Store.open(url) as store:
            empty = store.stats()["documents"] == 0
    else:
        empty = not DEFAULT_DB.exists()
    if empty:  # the default file, or an empty store at --db: build it
        if not CORPUS.exists():
            print(json.dumps({"skipped": f"{CORPUS} is missing"}))
            return 0
        built = build(url, args.n)
    kb = load()
    result: dict[str, Any] = {"db": url, "built": built, "repeat": args.repeat}
    with Store.open(url) as store:
        result["documents"] = store.stats()["documents"]
        result["events"] = store.stats()["events"]
        timeline_times: list[float] = []
        cases = []
        for case in TIMELINE_CASES:
            by = case.get("by", "month")
            filters = Filters(**{k: v for k, v in case.items() if k != "by"})
            times = measure(lambda by=by, filters=filters: timeline(store, by=by, filters=filters), args.repeat)
            timeline_times += times
            label = " ".join(f"{k}={v}" for k, v in case.items())
            cases.append({"case": label, **summarize(times)})
        result["timeline"] = {**summarize(timeline_times), "cases": cases}
        dossier_times: list[float] = []
        cases = []
        for name in DOSSIER_NAMES:
            times = measure(lambda name=name: dossier(store, name, kb), args.repeat)
            dossier_times += times
            cases.append({"name": name, **summarize(times)})
        result["dossier"] = {**summarize(dossier_times), "cases": cases}
        started = time.perf_counter()
        novelties(store, date(2024, 10, 1), kb)
        result["novel_once_ms"] = round((time.perf_counter() - started) * 1000, 1)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
