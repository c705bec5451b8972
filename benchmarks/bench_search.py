"""Search latency: 200 mixed queries (words, phrases, OR, NOT, prefixes, filters) against a
store, p50/p95/p99 in milliseconds. Prints JSON.

    python benchmarks/bench_ingest.py -n 100000 --keep /tmp/bench.db
    python benchmarks/bench_search.py --db /tmp/bench.db

Queries are drawn (with a fixed seed) from the words and word pairs of documents in the
store, so that most of them match, from rare names to words in every other dispatch.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import statistics
import sys
import time
from datetime import date, timedelta

WORD = re.compile(r"[A-Za-z][A-Za-z\-]{3,}")


def make_queries(texts: list[str], n: int, seed: int = 11) -> list[tuple[str, dict]]:
    rng = random.Random(seed)
    words = [w for text in texts for w in WORD.findall(text)]
    pairs = []
    for text in texts:
        tokens = WORD.findall(text)
        pairs += [f"{a} {b}" for a, b in itertools.pairwise(tokens)]
    fixed = ['"Kim Jong Un"', "600mm", "Hwasongpho-19", "missile -cruise", "munitions OR artillery"]
    kinds = ["word", "two words", "phrase", "or", "not", "prefix", "filtered"]
    queries: list[tuple[str, dict]] = [(q, {}) for q in fixed]
    while len(queries) < n:
        kind = kinds[len(queries) % len(kinds)]
        if kind == "word":
            queries.append((rng.choice(words), {}))
        elif kind == "two words":
            queries.append((f"{rng.choice(words)} {rng.choice(words)}", {}))
        elif kind == "phrase":
            queries.append((f'"{rng.choice(pairs)}"', {}))
        elif kind == "or":
            queries.append((f"{rng.choice(words)} OR {rng.choice(words)}", {}))
        elif kind == "not":
            queries.append((f"{rng.choice(words)} -{rng.choice(words)}", {}))
        elif kind == "prefix":
            queries.append((rng.choice(words)[:4] + "*", {}))
        else:
            since = date(2024, 1, 1) + timedelta(days=rng.randrange(300))
            filters = {"since": since, "until": since + timedelta(days=30)}
            if rng.random() < 0.5:
                filters["source"] = "KCNA"
            queries.append((rng.choice(words), filters))
    return queries[:n]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="store URL or SQLite path (see bench_ingest.py --keep)")
    parser.add_argument("-n", type=int, default=200, help="queries")
    parser.add_argument("--limit", type=int, default=20)
    args = parser.parse_args()

    from fieldguide.store import Store

    url = args.db if "://" in args.db else f"sqlite:///{args.db}"
    store = Store.open(url)
    sample = [doc.text for _, doc in zip(range(200), store.iter_documents(), strict=False)]
    queries = make_queries(sample, args.n)
    for query, filters in queries[:10]:  # warm the page cache
        store.search(query, limit=args.limit, **filters)
    timings, cpu, hits = [], [], []
    for query, filters in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        found = store.search(query, limit=args.limit, **filters)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
        hits.append(len(found))
    slowest = sorted(zip(timings, queries, strict=True), key=lambda t: -t[0])[:5]
    print(
        json.dumps(
            {
                "documents": store.stats()["documents"],
                "backend": store.backend,
                "queries": len(queries),
                "p50_ms": round(percentile(timings, 50), 2),
                "p95_ms": round(percentile(timings, 95), 2),
                "p99_ms": round(percentile(timings, 99), 2),
                "mean_ms": round(statistics.mean(timings), 2),
                # CPU time of this process: what the figures would be on an otherwise idle machine
                "cpu_p50_ms": round(percentile(cpu, 50), 2),
                "cpu_p95_ms": round(percentile(cpu, 95), 2),
                "cpu_p99_ms": round(percentile(cpu, 99), 2),
                "load_average": os.getloadavg()[0],
                "queries_with_hits": sum(1 for h in hits if h),
                "slowest": [{"ms": round(ms, 1), "query": q, "filters": str(f)} for ms, (q, f) in slowest],
            },
            indent=2,
        )
    )
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
