"""Load on the web app: 16 clients on loopback for a bounded time and number of requests, over
the search, document and appearances pages. Prints JSON: p50/p95/p99 per page (ms), errors,
requests per second and the server's peak RSS.

    python benchmarks/bench_web.py                          # 100,000 dispatches, built once into /tmp
    python benchmarks/bench_web.py --documents 10000 --seconds 30
    python benchmarks/bench_web.py --db postgresql://postgres@127.0.0.1/bench   # built if empty

The archive is the KCNA corpus replicated to N documents (benchmarks/bench_ingest.py),
ingested with extraction; a SQLite file is kept and reused. The server runs in its own
process (``fieldguide serve``), so its RSS is the server's alone (with ``--workers``, the sum of its
processes'); the clients share this one. ``--cache-mb 0`` measures every page made anew.
Targets (issue 10): search p95 <= 150 ms, document <= 100 ms, /appearances <= 200 ms, no
errors, peak RSS <= 500 MB.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_ingest

if not bench_ingest.CORPUS.exists():  # a worktree's parent has no shared/: the machine's, or $FIELDGUIDE_SHARED
    bench_ingest.CORPUS = Path(os.environ.get("FIELDGUIDE_SHARED", "/work/shared")) / "corpus" / "kcna-2024.jsonl"

SRC = Path(__file__).resolve().parent.parent / "src"
QUERIES = (
    "munitions",
    '"Kim Jong Un" factory',
    "missile OR rocket",
    "Pyongyang hospital",
    "Hwasong*",
    "greenhouse farm",
    "artillery drill",
    "party plenary meeting",
    "Russia",
    "construction -Pyongyang",
)
APPEARANCE_RANGES = ((None, None), ("2024-06-01", "2024-08-31"), ("2024-01-01", "2024-12-31"))
DOCUMENT_SAMPLE = 300


def _documents(url: str) -> int:
    """The dispatches the archive was built from: those kept and those dropped as duplicates
    (the replicated corpus holds one), so that a built archive is not ingested again."""
    from fieldguide.store import Store

    try:
        with Store.open(url, "read") as store:
            stats = store.stats()
    except Exception:  # no archive yet
        return 0
    return int(stats["documents"]) + int(stats["duplicates"])


def build(url: str, n: int) -> dict[str, Any]:
    summary = bench_ingest.ingest_replicated(url, n)
    return {"built": n, "build_seconds": round(summary.elapsed, 1)}


def sample_ids(url: str, k: int) -> list[str]:
    from fieldguide.store import Store

    with Store.open(url, "read") as store:
        ids = [d.id for d in itertools.islice(store.iter_documents(), 0, 20_000)]
    return random.Random(3).sample(ids, min(k, len(ids)))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in found]


def _tree_rss_kb(pid: int) -> int:
    """The RSS of a process and of its children (uvicorn's worker processes with --workers)."""
    return _rss_kb(pid) + sum(_tree_rss_kb(child) for child in _children(pid))


def start_server(url: str, port: int, options: list[str]) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [sys.executable, "-m", "fieldguide", "serve", "--db", url, "--port", str(port), *options],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
            return process
        except httpx.HTTPError as e:
            if process.poll() is not None:
                said = process.stderr.read().decode() if process.stderr else ""
                raise SystemExit(f"the server stopped: {said}") from e
            time.sleep(0.25)
    process.kill()
    raise SystemExit("the server did not answer within 2 minutes")


def requests_for(ids: list[str]) -> dict[str, list[str]]:
    return {
        "search": [f"/search?q={quote(q)}" for q in QUERIES],
        "document": [f"/documents/{quote(i, safe='')}" for i in ids],
        "appearances": [
            "/appearances" + (f"?since={a}&until={b}" if a else "") for a, b in APPEARANCE_RANGES
        ],
    }


def load(base: str, paths: dict[str, list[str]], clients: int, seconds: float, max_requests: int) -> dict[str, Any]:
    latencies: dict[str, list[float]] = {kind: [] for kind in paths}
    errors: dict[str, int] = {kind: 0 for kind in paths}
    budget = itertools.count()
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds
    kinds = list(paths)

    def client(n: int) -> None:
        rng = random.Random(n)
        with httpx.Client(base_url=base, timeout=30) as http:
            while time.perf_counter() < stop_at and next(budget) < max_requests:
                kind = kinds[rng.randrange(len(kinds))]
                path = rng.choice(paths[kind])
                started = time.perf_counter()
                try:
                    ok = http.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies[kind].append(elapsed)
                    if not ok:
                        errors[kind] += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    pages: dict[str, Any] = {}
    for kind, times in latencies.items():
        if not times:
            continue
        q = statistics.quantiles(times, n=100) if len(times) > 1 else [times[0]] * 99
        pages[kind] = {
            "requests": len(times),
            "errors": errors[kind],
            "p50_ms": round(q[49], 1),
            "p95_ms": round(q[94], 1),
            "p99_ms": round(q[98], 1),
        }
    total = sum(len(t) for t in latencies.values())
    return {"seconds": round(wall, 1), "requests": total, "per_second": round(total / wall, 1), "pages": pages}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000, help="dispatches in the archive (built if fewer)")
    parser.add_argument("--db", help="store URL (default: a SQLite file in the temp folder, kept)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=1, help="the server's processes (serve --workers)")
    parser.add_argument("--cache-mb", type=int, help="the server's kept pages (serve --cache-mb; 0: none)")
    args = parser.parse_args()
    sys.path.insert(0, str(SRC))
    url = args.db or f"sqlite:///{Path(tempfile.gettempdir()) / f'fieldguide-web-{args.documents}.db'}"
    report: dict[str, Any] = {
        "store": url.split("://")[0],
        "documents": args.documents,
        "clients": args.clients,
        "workers": args.workers,
        "cache_mb": args.cache_mb,
    }
    options = ["--workers", str(args.workers)] + ([] if args.cache_mb is None else ["--cache-mb", str(args.cache_mb)])
    if _documents(url) < args.documents:
        report.update(build(url, args.documents))
    paths = requests_for(sample_ids(url, DOCUMENT_SAMPLE))
    port = _free_port()
    server = start_server(url, port, options)
    peak = [0]
    done = threading.Event()

    def watch_rss() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(server.pid))
            time.sleep(0.1)

    watcher = threading.Thread(target=watch_rss, daemon=True)
    watcher.start()
    try:
        base = f"http://127.0.0.1:{port}"
        for kind_paths in paths.values():  # one request per page first: the server's caches warm
            for path in kind_paths[:3]:
                httpx.get(base + path, timeout=60)
        report.update(load(base, paths, args.clients, args.seconds, args.max_requests))
    finally:
        done.set()
        watcher.join()
        server.terminate()
        server.wait(timeout=30)
    report["server_peak_rss_mb"] = round(peak[0] / 1024, 1)
    report["cpus"] = os.cpu_count()
    report["load_average"] = [round(x, 1) for x in os.getloadavg()]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
