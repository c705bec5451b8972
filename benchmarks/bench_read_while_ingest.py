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


IN_PROCESS = """
import json, sys, time
from fieldguide.store import Store
def open_for_reading(url):
    try:
        return Store.open(url, access="read")
    except TypeError:  # a fieldguide from before reading commands opened the archive read-only
        return Store.open(url)
seconds = []
for word in sys.argv[2:]:
    started = time.perf_counter()
    with open_for_reading("sqlite:///" + sys.argv[1]) as store:
        store.search(word)
        store.stats()
    seconds.append(time.perf_counter() - started)
print(json.dumps(seconds))
"""


def in_process(src: Path, db: str, words: list[str]) -> subprocess.Popen[bytes]:
    """One process that opens the archive, searches and counts once per word, timing each from
    the open: what the store costs a reading command, without Python's start-up and imports."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.Popen(
        [sys.executable, "-c", IN_PROCESS, db, *words], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def read_while_ingesting(src: Path, folder: Path, n: int, rounds: int, batch: int) -> dict[str, object]:
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
    ingest = cli(src, "ingest", str(big_file), "--db", db, "--batch-size", str(batch))
    time.sleep(1.0)  # let it take the write lock with its first batch
    searches: list[dict[str, object]] = []
    stats: list[dict[str, object]] = []
    store_only = in_process(src, db, [VOCABULARY[i % len(VOCABULARY)] for i in range(20)])
    store_out, store_err = store_only.communicate(timeout=120)
    store_seconds: list[float] = json.loads(store_out) if store_only.returncode == 0 else []
    store_reads_during_ingest = ingest.poll() is None
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
        "batch_size": batch,
        "ingest_seconds": round(time.perf_counter() - started, 1),
        "ingest_exit": ingest.returncode,
        "ingest_still_running_after_the_reads": ingest_running_after,
        "idle": idle,
        "store_open_search_stats_during_ingest": {
            "runs": len(store_seconds),
            "all_during_ingest": store_reads_during_ingest,
            "p50_s": round(statistics.median(store_seconds), 3) if store_seconds else None,
            "max_s": round(max(store_seconds), 3) if store_seconds else None,
            "error": store_err.decode(errors="replace").strip().splitlines()[-1:] if store_only.returncode else [],
        },
        "search_during_ingest": summary(searches),
        "stats_during_ingest": summary(stats),
    }


def reads_while_the_write_lock_is_held(src: Path, folder: Path) -> dict[str, object]:
    """What an ingest batch does to readers at its worst: another connection holds the write lock
    (BEGIN IMMEDIATE, a row written, not committed) for as long as the reads take."""
    import sqlite3

    db = str(folder / "archive.db")
    writer = sqlite3.connect(db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO runs (started, inputs) VALUES ('2024-01-01', '[]')")
        reader = in_process(src, db, ["munitions"])
        out, err = reader.communicate(timeout=120)
        store_seconds = json.loads(out)[0] if reader.returncode == 0 else None
        return {
            "store_open_search_stats_s": round(store_seconds, 3) if store_seconds is not None else None,
            "store_error": err.decode(errors="replace").strip().splitlines()[-1:] if reader.returncode else [],
            "cli_stats": timed(src, "stats", "--db", db, "--format", "json"),
        }
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def oversized_queries(src: Path, folder: Path) -> dict[str, object]:
    db = str(folder / "archive.db")
    queries = {
        "2000_ors": " OR ".join(f"{VOCABULARY[i % len(VOCABULARY)]}{i}" for i in range(2000)),
        "300_nested_parentheses": "(" * 300 + "munitions" + ")" * 300,
        "largest_allowed_64_ors": " OR ".join(
            [*VOCABULARY[:40], *(f"{w}*" for w in VOCABULARY[40:64])]
        ),
        "199_repeated_words": " ".join(["rice"] * 199),
    }
    measured = in_process_queries(src, db, list(queries.values()))
    return {
        name: {"cli": timed(src, "search", query, "--db", db, "--format", "json"), "in_process": measured[i]}
        for i, (name, query) in enumerate(queries.items())
    }


QUERIES_IN_PROCESS = """
import json, sys, time
from fieldguide.errors import FieldguideError
from fieldguide.store import Store
out = []
with Store.open("sqlite:///" + sys.argv[1], access="read") as store:
    for query in sys.argv[2:]:
        started = time.perf_counter()
        try:
            answer = f"{len(store.search(query))} hits"
        except FieldguideError as e:
            answer = f"{e.code}: {e}"
        out.append({"ms": round((time.perf_counter() - started) * 1000, 2), "answer": answer[:100]})
print(json.dumps(out))
"""


def in_process_queries(src: Path, db: str, queries: list[str]) -> list[dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, "-c", QUERIES_IN_PROCESS, db, *queries], env=env, capture_output=True, timeout=900, check=False
    )
    if done.returncode:
        return [{"error": done.stderr.decode(errors="replace").strip().splitlines()[-1:]}] * len(queries)
    return list(json.loads(done.stdout))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=4000, help="dispatches the ingest writes")
    parser.add_argument("--rounds", type=int, default=8, help="search + stats pairs at most while it writes")
    parser.add_argument("--batch-size", type=int, default=1000, help="documents per ingest transaction")
    parser.add_argument("--src", type=Path, default=SRC, help="the src/ folder of the fieldguide to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        result = {
            "read_while_ingest": read_while_ingesting(args.src, folder, args.n, args.rounds, args.batch_size),
            "write_lock_held": reads_while_the_write_lock_is_held(args.src, folder),
            "oversized_queries": oversized_queries(args.src, folder),
            "cpu_count": os.cpu_count(),
            "load_avg_1m": round(os.getloadavg()[0], 2),
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
