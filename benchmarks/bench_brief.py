"""Briefing latency: build the brief for one week (Markdown, HTML and JSON) against a store of
the KCNA corpus replicated to N documents with extractions. Prints JSON.

    python benchmarks/bench_brief.py                       # builds /tmp/fieldguide-brief-100000.db once
    python benchmarks/bench_brief.py --db /tmp/other.db --weeks 20

The store is built once (replicated corpus, ingest with the extractor; several minutes for
100,000 documents) and kept for later runs. Each measured week is a different Monday-to-
Sunday period of August to October 2024, drawn with a fixed seed; the first brief is run twice to warm the
page cache, then every week is timed once: building the brief ("data"), the brief plus each
rendering (markdown, html, json), and the STIX export of the same week.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import CORPUS, ingest_replicated

# The corpus is densest from August to October 2024 (about 60 dispatches a week): the weeks
# timed are drawn from there, where a brief has the most to say.
DENSE_FROM = date(2024, 7, 29)
DENSE_WEEKS = 14


def build(n: int, path: Path) -> dict[str, float]:
    """Replicate the corpus to ``n`` documents and ingest them with extraction into ``path``."""
    partial = path.with_suffix(".partial.db")
    partial.unlink(missing_ok=True)
    summary = ingest_replicated(f"sqlite:///{partial}", n, batch_size=1000)
    partial.rename(path)
    return {"build_seconds": round(summary.elapsed, 1)}


def _p95(values: list[float]) -> float:
    """The 95th percentile (interpolated between the two slowest of a dozen weeks)."""
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="documents in the store to build")
    parser.add_argument("--db", help="SQLite path of an existing store with extractions")
    parser.add_argument("--weeks", type=int, default=12, help="weeks to time")
    args = parser.parse_args()

    path = Path(args.db or f"/tmp/fieldguide-brief-{args.n}.db")
    built: dict[str, float] = {}
    if not path.exists():
        if not CORPUS.exists():
            print(json.dumps({"skipped": f"{CORPUS} is missing"}))
            return 0
        built = build(args.n, path)

    from fieldguide.report import build_brief, render_html, render_markdown
    from fieldguide.report.export import export_events
    from fieldguide.report.stix import to_stix
    from fieldguide.store import Store

    store = Store.open(f"sqlite:///{path}")
    documents = store.stats().get("documents")
    rng = random.Random(5)
    mondays = [DENSE_FROM + timedelta(weeks=w) for w in range(DENSE_WEEKS)]
    weeks = rng.sample(mondays, min(args.weeks, len(mondays)))
    build_brief(store, since=weeks[0], until=weeks[0] + timedelta(days=6))  # warm the page cache
    timings: dict[str, list[float]] = {"data": [], "markdown": [], "html": [], "json": [], "export_stix": []}
    activities: list[int] = []
    for monday in weeks:
        sunday = monday + timedelta(days=6)
        started = time.perf_counter()
        brief = build_brief(store, since=monday, until=sunday)
        built_at = time.perf_counter()
        render_markdown(brief)
        rendered_md = time.perf_counter()
        render_html(brief)
        rendered_html = time.perf_counter()
        json.dumps(brief.to_json())
        rendered_json = time.perf_counter()
        to_stix(export_events(store, since=monday, until=sunday))
        exported = time.perf_counter()
        data = built_at - started
        timings["data"].append(data)
        timings["markdown"].append(data + rendered_md - built_at)
        timings["html"].append(data + rendered_html - rendered_md)
        timings["json"].append(data + rendered_json - rendered_html)
        timings["export_stix"].append(exported - rendered_json)
        activities.append(len(brief.section("need_to_know").items))
    store.close()
    result = {
        "documents": documents,
        "store": str(path),
        **built,
        "weeks": len(weeks),
        "activities_per_week": {"median": statistics.median(activities), "max": max(activities)},
        "seconds_per_week": {
            step: {"median": round(statistics.median(ts), 3), "p95": round(_p95(ts), 3), "max": round(max(ts), 3)}
            for step, ts in timings.items()
        },
    }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
