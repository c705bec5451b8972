"""Ingest throughput: replicate the KCNA corpus to N documents, ingest them into a fresh
store, then ingest the same file again. Prints JSON.

    python benchmarks/bench_ingest.py                 # 100,000 documents, temp SQLite
    python benchmarks/bench_ingest.py -n 10000 --keep /tmp/bench.db
    python benchmarks/bench_ingest.py --db postgresql://postgres@127.0.0.1/bench

Each copy gets its own id and URL, and a few words of its text are changed, so copies
are not exact duplicates (most become near-duplicates of their original, the
archive's hardest case for story grouping). Peak RSS is sampled from /proc during each
phase (ru_maxrss covers the whole process, including the corpus replication).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import orjson

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "kcna-2024.jsonl"
MARKERS = ("reportedly", "meanwhile", "also", "further", "again", "indeed", "notably", "besides")


def replicate(n: int, out: Path, seed: int = 7) -> int:
    """Write ``n`` records to ``out``: the corpus, then perturbed copies of it."""
    originals = [orjson.loads(line) for line in CORPUS.read_bytes().splitlines() if line.strip()]
    rng = random.Random(seed)
    written = 0
    with out.open("wb") as stream:
        while written < n:
            copy = written // len(originals)
            for record in originals:
                if written >= n:
                    break
                if copy:
                    words = record["text"].split(" ")
                    for _ in range(3):  # insert marker words at random places
                        words.insert(rng.randrange(len(words)), rng.choice(MARKERS))
                    record = {
                        **record,
                        "id": f"{record['id']}-c{copy}",
                        "url": f"{record['url']}?copy={copy}",
                        "text": " ".join(words),
                    }
                stream.write(orjson.dumps(record) + b"\n")
                written += 1
    return written


class PeakRss:
    """Samples the resident set size of this process every 50 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes())
            self._stop.wait(0.05)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())


def ingest_replicated(url: str, n: int, batch_size: int | None = None) -> Any:
    """Replicate the corpus to ``n`` documents and ingest them, with extraction, into the store at
    ``url``; the ingest's summary. The archive the web, analysis and brief benchmarks read."""
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.ingest import ingest
    from fieldguide.kb import load
    from fieldguide.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        replicate(n, data)
        options = {"batch_size": batch_size} if batch_size else {}
        with Store.open(url) as store:
            return ingest([str(data)], store, extractor=Extractor(load()), **options)


def rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100_000, help="documents to ingest")
    parser.add_argument("--db", help="store URL (default: a fresh SQLite file in a temp folder)")
    parser.add_argument("--keep", help="SQLite path to keep the store at (for bench_search.py)")
    parser.add_argument("--batch-size", type=int, default=2000)  # as fieldguide.ingest.DEFAULT_BATCH
    parser.add_argument(
        "--extract", action="store_true", help="extract every new document, as `fieldguide ingest` does"
    )
    args = parser.parse_args()
    if not CORPUS.exists():
        print(json.dumps({"skipped": f"{CORPUS} is missing"}))
        return 0

    from fieldguide.cli.common import settle_long_lived
    from fieldguide.ingest import ingest
    from fieldguide.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "corpus.jsonl"
        count = replicate(args.n, data)
        if args.keep:
            Path(args.keep).unlink(missing_ok=True)
        url = args.db or f"sqlite:///{args.keep or Path(tmp) / 'bench.db'}"
        store = Store.open(url)
        extractor = None
        if args.extract:
            from fieldguide.extract.pipeline import Extractor
            from fieldguide.kb import load

            extractor = Extractor(load())
        settle_long_lived()  # as `fieldguide ingest` does before it reads
        base_rss = rss_bytes()
        cpu = time.process_time()
        with PeakRss() as first_rss:
            first = ingest([str(data)], store, batch_size=args.batch_size, extractor=extractor)
        first_cpu, cpu = time.process_time() - cpu, time.process_time()
        with PeakRss() as second_rss:
            second = ingest([str(data)], store, batch_size=args.batch_size, extractor=extractor)
        second_cpu = time.process_time() - cpu
        stats = store.stats()
        store.close()
        db_file = Path(url.removeprefix("sqlite:///"))
        db_size = (
            sum(f.stat().st_size for f in db_file.parent.glob(db_file.name + "*")) if url.startswith("sqlite") else None
        )
        result = {
            "documents": count,
            "input_mb": round(data.stat().st_size / 1e6, 1),
            "backend": url.split(":")[0],
            "first": {
                "docs_per_s": round(first.rate),
                "seconds": round(first.elapsed, 1),
                # CPU time of this process (both threads): the rate an idle machine would see
                "cpu_seconds": round(first_cpu, 1),
                "docs_per_cpu_s": round(count / first_cpu),
                "peak_rss_mb": round(first_rss.peak / 1e6, 1),
                **{k: v for k, v in first.counts().items() if k != "seconds"},
            },
            "second": {
                "docs_per_s": round(second.rate),
                "seconds": round(second.elapsed, 2),
                "docs_per_cpu_s": round(count / second_cpu),
                "peak_rss_mb": round(second_rss.peak / 1e6, 1),
                "nothing_new": second.nothing_new,
                "unchanged": second.unchanged,
            },
            "rss_before_ingest_mb": round(base_rss / 1e6, 1),
            "load_average": os.getloadavg()[0],
            "stories": stats["stories"],
            "db_mb": round(db_size / 1e6, 1) if db_size else None,
        }
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
