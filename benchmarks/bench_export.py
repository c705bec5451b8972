"""Time and peak memory of `fieldguide export` in every format. Prints JSON.

    python benchmarks/bench_export.py -n 995          # the KCNA corpus itself
    python benchmarks/bench_export.py -n 100000       # builds /tmp/fieldguide-export-100000.db once
    python benchmarks/bench_export.py --db sqlite:///bench.db --case parquet:activities

The store is the KCNA corpus replicated to N dispatches and ingested with extraction
(``bench_analyze.build``), kept and reused. Each export runs in a fresh process, so that its
peak RSS (``ru_maxrss``) is its own; the file is written to a temporary folder and its size
reported. The target: every export of 100,000 dispatches within 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ingest

DEFAULT_CORPUS = Path("/work/shared/corpus/kcna-2024.jsonl")
CASES = (
    "csv:events",
    "json:events",
    "parquet:events",
    "geojson:activities",
    "stix:events",
    "ftm:events",
    "datasette-metadata:",
    "csv:activities",
    "parquet:activities",
    "parquet:mentions",
    "csv:mentions",
    "parquet:documents",
    "json:documents",
    "parquet:links",
)


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss over
    from the parent through fork and exec, so a child would report at least its parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def run_one(url: str, case: str, out: Path) -> dict[str, Any]:
    """One export in this process: seconds, CPU seconds and peak RSS."""
    from fieldguide.exports import BINARY, Format, write_export
    from fieldguide.kb import load
    from fieldguide.store import Store

    fmt_name, _, what = case.partition(":")
    fmt = Format(fmt_name)
    kb = load()
    started, cpu = time.perf_counter(), time.process_time()
    with (
        Store.open(url) as store,
        out.open("wb" if fmt in BINARY else "w", encoding=None if fmt in BINARY else "utf-8") as stream,
    ):
        write_export(store, url, fmt, what or None, None, None, stream, kb)
    return {
        "case": case,
        "seconds": round(time.perf_counter() - started, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "peak_rss_mb": peak_rss_mb(),
        "bytes": out.stat().st_size,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="dispatches in the replicated store")
    parser.add_argument("--db", help="store URL (default: sqlite:////tmp/fieldguide-export-N.db, built when missing)")
    parser.add_argument("--corpus", type=Path, help="the KCNA corpus JSONL to replicate")
    parser.add_argument("--case", action="append", help="format:what to run (repeatable; default: all)")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: run one case in this process
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        print(json.dumps(run_one(args.db, args.one, args.out)))
        return 0

    corpus = args.corpus or (bench_ingest.CORPUS if bench_ingest.CORPUS.exists() else DEFAULT_CORPUS)
    bench_ingest.CORPUS = corpus  # replicate() reads it from there
    path = Path(tempfile.gettempdir()) / f"fieldguide-export-{args.n}.db"
    url = args.db or f"sqlite:///{path}"
    built = None
    if not args.db and not path.exists():
        if not corpus.exists():
            print(json.dumps({"skipped": f"{corpus} is missing"}))
            return 0
        from bench_analyze import build

        built = build(url, args.n)

    from fieldguide.store import Store

    with Store.open(url) as store:  # also brings an older archive to the current schema
        stats = store.stats()
    results = []
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            [str(Path(__file__).resolve().parent.parent / "src"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.case or CASES:
            out = Path(tmp) / case.replace(":", "-")
            done = subprocess.run(
                [sys.executable, __file__, "--db", url, "--one", case, "--out", str(out)],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
            if done.returncode != 0:
                results.append({"case": case, "error": done.stderr.strip().splitlines()[-1:]})
            else:
                results.append(json.loads(done.stdout))
            out.unlink(missing_ok=True)
    print(
        json.dumps(
            {
                "db": url,
                "built": built,
                "documents": stats["documents"],
                "events": stats["events"],
                "load": os.getloadavg()[0],
                "exports": results,
                "max_peak_rss_mb": max((r.get("peak_rss_mb", 0) for r in results), default=0),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
