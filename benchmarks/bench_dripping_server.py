"""Hostile inputs, measured: how long a server that drips one byte at a time holds a fetch, and the
peak memory of rejecting a JSONL file made of one 200 MB line. Prints JSON.

    python benchmarks/bench_dripping_server.py                    # default deadline (60 s) and 5 s
    python benchmarks/bench_dripping_server.py --skip-default     # the short deadline only
    python benchmarks/bench_dripping_server.py --src /tmp/old/src # the line's RSS with other code

The server runs in this process on 127.0.0.1 and sends one byte every 0.5 s of a 100 kB page (it
would take 14 hours); the fetch runs with private hosts allowed, as a test or an intranet would.
The 200 MB line is written to a temporary folder, ingested by `fieldguide ingest` in a child
process (whose peak RSS is ru_maxrss of the children), and deleted.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

# The worktree's code, not an installed one.
from fieldguide.sources import FetchPolicy, limits, read  # noqa: E402
from fieldguide.sources.web import make_client  # noqa: E402

DRIP_SECONDS = 0.5
PAGE_BYTES = 100_000


class Dripping(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(PAGE_BYTES))
        self.end_headers()
        try:
            for _ in range(PAGE_BYTES):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(DRIP_SECONDS)
        except OSError:
            pass  # the client gave up

    def log_message(self, *args: object) -> None:
        pass


def time_to_give_up(url: str, deadline: float | None) -> dict[str, object]:
    policy = FetchPolicy(allow_private_hosts=True, deadline_seconds=deadline)
    with make_client() as client:  # made before the clock starts: its TLS set-up is no part of a fetch
        started = time.monotonic()
        (item,) = read(url, client=client, policy=policy)
    return {
        "deadline_s": deadline if deadline is not None else limits.HTTP_DEADLINE_SECONDS,
        "given_up_after_s": round(time.monotonic() - started, 2),
        "reason": getattr(item, "reason", "not rejected"),
    }


def _ingest(src: Path, path: Path, db: Path) -> subprocess.CompletedProcess[str]:
    cli = "import sys; from fieldguide.cli import app; sys.argv[0] = 'fieldguide'; app()"
    command = [sys.executable, "-c", cli, "ingest", str(path), "--db", str(db), "--no-extract", "--allow-rejects"]
    return subprocess.run(command, env={**os.environ, "PYTHONPATH": str(src)}, capture_output=True, text=True)


def long_line_rss(src: Path, megabytes: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "one-line.jsonl"
        small = Path(folder) / "small.jsonl"
        small.write_bytes(b'{"id": "small-1", "text": "Pyongyang, May 1 (KCNA) -- A dispatch."}\n')
        _ingest(src, small, Path(folder) / "baseline.db")  # the children's peak so far: imports and a store
        baseline_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with path.open("wb") as out:
            out.write(b'{"id": "short-1", "text": "Pyongyang, May 2 (KCNA) -- A short dispatch."}\n')
            out.write(b'{"id": "huge", "text": "')
            block = b"word " * (1 << 18)  # 1.25 MB
            for _ in range(megabytes * (1 << 20) // len(block)):
                out.write(block)
            out.write(b'"}\n{"id": "short-2", "text": "Pyongyang, May 3 (KCNA) -- Another one."}\n')
        size = path.stat().st_size
        started = time.monotonic()
        done = _ingest(src, path, Path(folder) / "a.db")
        seconds = time.monotonic() - started
        with sqlite3.connect(Path(folder) / "a.db") as db:
            stored = db.execute("select count(*) from documents").fetchone()[0]
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "file_mb": round(size / (1 << 20), 1),
        "exit_code": done.returncode,
        "rejected_line_2": "one-line.jsonl:2" in done.stdout and "line longer than" in done.stdout,
        "documents_stored": stored,
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "peak_rss_mb_of_a_one_line_file": round(baseline_kb / 1024, 1),
        "seconds": round(seconds, 2),
        "code": str(src),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--short", type=float, default=5.0, help="The short deadline in seconds.")
    parser.add_argument("--skip-default", action="store_true", help="Do not wait for the default deadline.")
    parser.add_argument("--line-mb", type=int, default=200, help="Size of the single JSONL line.")
    parser.add_argument("--src", type=Path, default=REPO / "src", help="The code whose ingest reads the line.")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Dripping)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/slow.html"
    dripping = [time_to_give_up(url, args.short)]
    if not args.skip_default:
        dripping.append(time_to_give_up(url, None))
    server.shutdown()
    result = {
        "dripping_server": {"drip_every_s": DRIP_SECONDS, "runs": dripping},
        "single_line_jsonl": long_line_rss(args.src, args.line_mb),
        "load": os.getloadavg()[0],
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
