"""Extraction throughput on one core: dispatches/s and MB/s over the corpus, and per-document latency.

usage: python benchmarks/bench_extract.py [CORPUS.jsonl] [--repeat N] [--end-to-end [--copies K]]
Prints one JSON object. The corpus defaults to ../shared/corpus/kcna-2024.jsonl.

--end-to-end times the command as a user runs it instead of the extractor's inner loop:
`python -m fieldguide extract FILE --format jsonl` over the corpus repeated K times (10 by default),
start-up, reading and writing included, in a child process whose CPU time (user + sys) is taken
from the operating system. A reference pass over the same file in the same run (read each line,
lower-case it, split it into words) gives a yardstick for the machine's speed that day.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from fieldguide.extract.pipeline import Extractor
from fieldguide.kb import load
from fieldguide.sources import read

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "kcna-2024.jsonl"


# The yardstick: read each line, lower-case it, split it into words; the same in every run.
REFERENCE_PASS = """
import sys
words = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        words += len(line.lower().split())
print(words)
"""


def _child(cmd: list[str], stdout_path: str) -> tuple[float, float]:
    """CPU seconds (user + sys) and wall seconds of one child process run to its end."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(stdout_path, "wb") as out:
        subprocess.run(cmd, stdout=out, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def end_to_end(corpus: str, copies: int, repeat: int) -> dict[str, object]:
    """`fieldguide extract FILE --format jsonl` over the corpus ×copies, and the reference pass."""
    lines = [line for line in Path(corpus).read_text(encoding="utf-8").split("\n") if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, f"corpus-x{copies}.jsonl")
        with open(big, "w", encoding="utf-8") as f:
            for _ in range(copies):
                f.write("\n".join(lines) + "\n")
        size_mb = os.path.getsize(big) / 1e6
        out = os.path.join(tmp, "out.jsonl")
        extract_cmd = [sys.executable, "-m", "fieldguide", "extract", big, "--format", "jsonl"]
        reference_cmd = [sys.executable, "-c", REFERENCE_PASS, big]
        runs: list[tuple[float, float]] = []
        references: list[tuple[float, float]] = []
        for _ in range(repeat):  # in turn, so both see the same load
            references.append(_child(reference_cmd, os.devnull))
            runs.append(_child(extract_cmd, out))
        with open(out, encoding="utf-8") as f:
            dispatches = sum(1 for _ in f)
    cpu = statistics.median(c for c, _ in runs)
    wall = statistics.median(w for _, w in runs)
    ref_cpu = statistics.median(c for c, _ in references)
    ref_wall = statistics.median(w for _, w in references)
    return {
        "mode": "end to end: python -m fieldguide extract FILE --format jsonl > file",
        "dispatches": dispatches,
        "megabytes": round(size_mb, 2),
        "runs": repeat,
        "cpu_s_median": round(cpu, 2),
        "cpu_s_runs": [round(c, 2) for c, _ in runs],
        "wall_s_median": round(wall, 2),
        "dispatches_per_cpu_s": round(dispatches / cpu, 1),
        "dispatches_per_wall_s": round(dispatches / wall, 1),
        "mb_per_cpu_s": round(size_mb / cpu, 2),
        "reference_pass_cpu_s": round(ref_cpu, 3),
        "reference_pass_wall_s": round(ref_wall, 3),
        "reference_mb_per_cpu_s": round(size_mb / ref_cpu, 1),
        # how many times the reference pass's CPU time extraction takes, steadier across days
        "ratio_to_reference": round(cpu / ref_cpu, 1),
        "load_average": round(os.getloadavg()[0], 2),
        "peak_child_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--end-to-end", action="store_true", help="time the CLI as a user runs it")
    ap.add_argument("--copies", type=int, default=10, help="with --end-to-end: the corpus repeated this often")
    args = ap.parse_args()
    if args.end_to_end:
        print(json.dumps(end_to_end(args.corpus, args.copies, args.repeat), indent=2))
        return
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
