"""Reading while an ingest writes: the latency of ``fieldguide search`` and ``fieldguide stats``
(each a fresh CLI process, as a user runs them) while ``fieldguide ingest`` of a few thousand
generated dispatches writes to the same SQLite archive; then the time of oversized queries
(2,000 ORs, 300 nested parentheses) and of the largest allowed one. Prints JSON.

    python benchmarks/bench_read_while_ingest.py                 # this checkout's CLI
    python benchmarks/bench_read_while_ingest.py --src OTHER/src # another checkout's, to compare

Target: a reading command answers within 2 s while the ingest writes (before reading commands
opened the archive read-only they waited behind each batch's write lock, up to 30 s).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
VOCABULARY = (
    "inspected munitions enterprise factory artillery launcher missile cooperative farm harvest rice "
    "workers production plan officials secretary general committee province county city hospital school "
    "construction housing power station railway bridge textile mill fishery vessel port science "
    "laboratory university delegation ambassador message greetings anniversary ceremony parade drill "
    "training unit division regiment commander soldiers navy air force tank engine tractor fertilizer"
).split()


def make_dispatches(path: Path, n: int, seed: int, first: int = 0) -> None:
    """``n`` dispatches of random sentences: distinct enough that none is a near-duplicate."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(first, first + n):
            day = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
            sentences = [
                " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(8, 16))).capitalize() + "."
                for _ in range(rng.randint(5, 9))
            ]
            text = f"Pyongyang, {day:%B} {day.day} (KCNA) -- Kim Jong Un " + " ".join(sentences)
            record = {"id": f"gen-{i}", "source": "KCNA", "title": sentences[0][:60], "published": str(day)}
            out.write(json.dumps({**record, "text": text}) + "\n")


def cli(src: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "fieldguide", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def timed(src: Path, *args: str, limit: float = 60.0) -> dict[str, object]:
    started = time.perf_counter()
    process = cli(src, *args)
    try:
        _out, err = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"seconds": None, "exit": "killed", "error": f"no answer within {limit} s"}
    seconds = round(time.perf_counter() - started, 3)
    last = err.decode(errors="replace").strip().splitlines()[-1:] if process.returncode else []
    return {"seconds": seconds, "exit": process.returncode, **({"error": last[0][:160]} if last else {})}


def summary(samples: list[dict[str, object]]) -> dict[str, object]:
    seconds = [float(s["seconds"]) for s in samples if s["exit"] == 0 and s["seconds"] is not None]  # type: ignore[arg-type]
    return {
        "runs": len(samples),
        "answered": len(seconds),
        "p50_s": round(statistics.median(seconds), 3) if seconds else None,
        "max_s": round(max(seconds), 3) if seconds else None,
        "failures": [s for s in samples if s["exit"] != 0][:3],
    }


def read_while_ingesting(src: Path, folder: Path, n: int, rounds: int) -> dict[str, object]:
    db = str(folder / "archive.db")
    seed_file, big_file = folder / "seed.jsonl", folder / "big.jsonl"
    make_dispatches(seed_file, 200, seed=1)
    make_dispatches(big_file, n, seed=2, first=200)
    subprocess.run(
        [sys.executable, "-m", "fieldguide", "ingest", str(seed_file), "--db", db],
        env={**os.environ, "PYTHONPATH": str(src)},
        check=True,
        capture_output=True,
    )
    idle = {"search": timed(src, "search", "munitions artillery", "--db", db), "stats": timed(src, "stats", "--db", db)}

    started = time.perf_counter()
    ingest = cli(src, "ingest", str(big_file), "--db", db, "--batch-size", "500")
    time.sleep(1.0)  # let it take the write lock with its first batch
    searches: list[dict[str, object]] = []
    stats: list[dict[str, object]] = []
    for i in range(rounds):
        if ingest.poll() is not None:
            break
        searches.append(timed(src, "search", random.Random(i).choice(VOCABULARY), "--db", db, "--format", "json"))
        if ingest.poll() is not None:
            break
        stats.append(timed(src, "stats", "--db", db, "--format", "json"))
    ingest_running_after = ingest.poll() is None
    ingest.communicate()
    return {
        "documents_ingested": n,
        "ingest_seconds": round(time.perf_counter() - started, 1),
        "ingest_exit": ingest.returncode,
        "ingest_still_running_after_the_reads": ingest_running_after,
        "idle": idle,
        "search_during_ingest": summary(searches),
        "stats_during_ingest": summary(stats),
    }


def oversized_queries(src: Path, folder: Path) -> dict[str, object]:
    db = str(folder / "archive.db")
    queries = {
        "2000_ors": " OR ".join(f"{VOCABULARY[i % len(VOCABULARY)]}{i}" for i in range(2000)),
        "300_nested_parentheses": "(" * 300 + "munitions" + ")" * 300,
        "largest_allowed_64_ors": " OR ".join(
            [*VOCABULARY[:40], *(f"{w}*" for w in VOCABULARY[40:64])]
        ),
        "200_repeated_words": " ".join(["munitions"] * 200),
    }
    return {name: timed(src, "search", query, "--db", db, "--format", "json") for name, query in queries.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=4000, help="dispatches the ingest writes")
    parser.add_argument("--rounds", type=int, default=8, help="search + stats pairs at most while it writes")
    parser.add_argument("--src", type=Path, default=SRC, help="the src/ folder of the fieldguide to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result = {
            "read_while_ingest": read_while_ingesting(args.src, folder, args.n, args.rounds),
            "oversized_queries": oversized_queries(args.src, folder),
            "cpu_count": os.cpu_count(),
            "load_avg_1m": round(os.getloadavg()[0], 2),
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
