"""Speed of the analyses on a large archive: timeline, appearances, dossier (and novelty, once),
and the cost of keeping the stored grouping of activities. Prints JSON.

    python benchmarks/bench_analyze.py                       # builds /tmp/fieldguide-analyze-100k.db once
    python benchmarks/bench_analyze.py --db sqlite:///bench.db --repeat 20
    python benchmarks/bench_analyze.py --db postgresql://postgres@127.0.0.1/bench  # built if empty

The store is the KCNA corpus replicated to N documents (benchmarks/bench_ingest.py) and
ingested with extraction; building 100,000 takes several minutes, so the SQLite file is
kept and reused. Each command runs once to warm the caches, then ``--repeat`` times per
name or filter; p50 and p95 are in milliseconds, measured in-process (the library call,
opening the store excluded, as a long-running server would see it).

``regroup`` times what ingest and reextract add at their end (analyze/activities.py): the
whole grouping made again (an archive upgraded to migration 0011), and the days of a few
re-extracted dispatches; ``timeline_in_memory_ms`` is one timeline while the stored grouping
is stale (what reading commands do until then). The store is left with a current grouping.
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

from bench_ingest import CORPUS, ingest_replicated

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

APPEARANCE_CASES: tuple[dict[str, Any], ...] = (
    {},
    {"since": date(2024, 6, 1)},
    {"since": date(2024, 9, 1), "until": date(2024, 9, 30)},
)
REEXTRACTED = 20  # dispatches of the leader re-extracted for the incremental regrouping


def build(url: str, n: int) -> dict[str, Any]:
    summary = ingest_replicated(url, n)
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


def measure_regroup(store: Any) -> dict[str, Any]:
    """Seconds of a whole regrouping and of one after re-extracting a few dispatches of one week."""
    import sqlalchemy as sa

    from fieldguide.analyze import timeline
    from fieldguide.analyze.activities import regroup
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.kb import load
    from fieldguide.model import LEADER
    from fieldguide.store.schema import activity_state, documents, events

    with store.write_transaction() as conn:  # as an archive just upgraded to migration 0011
        conn.execute(activity_state.update().values(rules=None))
    started = time.perf_counter()
    timeline(store, by="month")
    in_memory_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    whole = regroup(store)
    whole_s = time.perf_counter() - started
    with store.engine.connect() as conn:
        ids = list(
            conn.execute(
                sa.select(events.c.doc_id, events.c.day)
                .join(documents, documents.c.id == events.c.doc_id)
                .where(events.c.actor == LEADER, documents.c.kind == "dispatch", events.c.day >= date(2024, 9, 1))
                .order_by(events.c.day, events.c.doc_id)
                .distinct()
                .limit(REEXTRACTED)
            ).scalars()
        )
        ids = list(dict.fromkeys(ids))
    extractor = Extractor(load())
    docs = store.get_documents(ids)
    store.put_extractions([(doc, extractor(doc)) for doc in docs])
    started = time.perf_counter()
    some = regroup(store)
    some_s = time.perf_counter() - started
    return {
        "timeline_in_memory_ms": round(in_memory_ms, 1),
        "whole_s": round(whole_s, 2),
        "whole_activities": whole.activities,
        "reextracted_docs": len(docs),
        "days_s": round(some_s, 3),
        "days_scope": some.scope,
        "days_activities": some.activities,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help=f"store URL (default: sqlite:///{DEFAULT_DB}, built when missing)")
    parser.add_argument("-n", type=int, default=100_000, help="documents when building the store")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per case")
    args = parser.parse_args()

    from fieldguide.analyze import Filters, dossier, novelties, timeline
    from fieldguide.analyze.activities import appearances
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
        result["regroup"] = measure_regroup(store)  # first: it leaves the stored grouping current
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
        appearance_times: list[float] = []
        cases = []
        for window in APPEARANCE_CASES:
            times = measure(lambda window=window: appearances(store, **window), args.repeat)
            appearance_times += times
            label = " ".join(f"{k}={v}" for k, v in window.items()) or "all"
            cases.append({"case": label, "count": len(appearances(store, **window)), **summarize(times)})
        result["appearances"] = {**summarize(appearance_times), "cases": cases}
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
