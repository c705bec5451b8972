"""Extraction throughput on one core: dispatches/s and MB/s over the corpus, and per-document latency.

usage: python benchmarks/bench_extract.py [CORPUS.jsonl] [--repeat N]
Prints one JSON object. The corpus defaults to ../shared/corpus/kcna-2024.jsonl.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import time
from pathlib import Path

from fieldguide.extract.pipeline import Extractor
from fieldguide.kb import load
from fieldguide.sources import read

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kcna-2024.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = [d for d in read(args.corpus) if hasattr(d, "text")]
    extractor = Extractor(load())
    for d in docs[:50]:  # warm up: compile-once caches, first-call costs
        extractor(d)
    # As the CLI does (cli/common.py: settle_long_lived): what lives for the whole run is not
    # rescanned by every garbage collection.
    gc.freeze()
    chars = sum(len(d.text.encode("utf-8")) for d in docs)
    runs = []
    cpu_runs = []
    latencies: list[float] = []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            t = time.perf_counter()
            extractor(d)
            latencies.append(time.perf_counter() - t)
        runs.append(time.perf_counter() - t0)
        cpu_runs.append(time.process_time() - c0)
    best = min(runs)
    latencies.sort()
    print(
        json.dumps(
            {
                "documents": len(docs),
                "megabytes": round(chars / 1e6, 2),
                "docs_per_s": round(len(docs) / best, 1),
                # CPU time of this process: steadier than the wall clock when other work shares the cores
                "docs_per_cpu_s": round(len(docs) / min(cpu_runs), 1),
                "load_average": round(os.getloadavg()[0], 2),
                "mb_per_s": round(chars / 1e6 / best, 2),
                "latency_ms_p50": round(1000 * statistics.median(latencies), 3),
                "latency_ms_p95": round(1000 * latencies[int(0.95 * len(latencies))], 3),
                "latency_ms_max": round(1000 * latencies[-1], 3),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
