"""Hostile input: how long each case takes, and that it ends as it should.

usage: python benchmarks/bench_hostile_input.py [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]

Prints one JSON object, seconds for each case:
- a folder holding a link to /etc and two link loops, ingested (nothing outside the folder stored);
- a JSONL file with NUL in a title, a text and an id, ingested on SQLite and on PostgreSQL
  (the NUL id one reject, the others stored clean);
- 1 MB dense texts extracted ("Kim Jong " repeated, "Pyongyang ", "missile ", "on September 13, ",
  random words), as extraction runs (read up to its limit) and with no limit (the linear cost);
- a 1 MB name-dense dispatch ingested with extraction, and how long the write lock was held.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from fieldguide.extract import pipeline
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.link import dedupe
from fieldguide.model import Document
from fieldguide.store import Store, batch

MB = 1_000_000
WORDS = (
    "the of and Kim Jong Un missile Pyongyang on September 13 inspected factory Ri Pyong Chol said He visited ."
).split()


def dense_texts() -> dict[str, str]:
    rng = random.Random(7)
    return {
        "kim_jong": ("Kim Jong " * (MB // 9)).strip(),
        "pyongyang": ("Pyongyang " * (MB // 10)).strip(),
        "missile": ("missile " * (MB // 8)).strip(),
        "on_september_13": ("on September 13, " * (MB // 17)).strip(),
        "random_words": " ".join(rng.choice(WORDS) for _ in range(MB // 6)),
    }


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return round(time.perf_counter() - start, 3), result


def symlink_folder(root: Path) -> dict[str, Any]:
    folder = root / "saved"
    (folder / "sub").mkdir(parents=True)
    (folder / "note.txt").write_text("Pyongyang, May 2 (KCNA) -- A real note.\n")
    (folder / "etc").symlink_to("/etc")
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "again").symlink_to(".")
    with Store.open(f"sqlite:///{root / 'links.db'}") as store:
        seconds, summary = timed(lambda: ingest([str(folder)], store))
        with store.engine.connect() as conn:
            origins = [row[0] for row in conn.execute(sa.text("SELECT origin FROM documents"))]
    return {
        "seconds": seconds,
        "stored": len(origins),
        "stored_outside_folder": sum(1 for o in origins if not o.startswith(str(folder))),
        "rejects": [f"{r.origin}: {r.reason}" for r in summary.rejects],
    }


def nul_records(path: Path) -> str:
    records = [
        {"id": "good", "source": "KCNA", "text": "Pyongyang, May 2 (KCNA) -- A good note."},
        {"id": "nul-text", "title": "Bad\u0000 title", "text": "Pyongyang, May 3 (KCNA) -- A \u0000 NUL in the text."},
        {"id": "nul\u0000id", "text": "Pyongyang, May 4 (KCNA) -- An id cut short."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return str(path)


@contextmanager
def pg_schema(url: str) -> Iterator[str]:
    schema = f"fg_bench_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def nul_ingest(url: str, jsonl: str, extractor: Extractor) -> dict[str, Any]:
    with Store.open(url) as store:
        seconds, summary = timed(lambda: ingest([jsonl], store, extractor=extractor))
        again = ingest([jsonl], store, extractor=extractor)
    return {
        "seconds": seconds,
        "new": summary.new,
        "rejected": [r.reason for r in summary.rejects],
        "rerun_new": again.new,
        "rerun_rejected": again.rejected,
    }


def extraction(extractor: Extractor) -> dict[str, Any]:
    out: dict[str, Any] = {}
    limit = pipeline.MAX_TEXT_CHARS
    for name, text in dense_texts().items():
        doc = Document(id=name, text=text)
        capped, x = timed(lambda doc=doc: extractor(doc))
        pipeline.MAX_TEXT_CHARS = len(text) + 1
        try:
            whole, _ = timed(lambda doc=doc: extractor(doc))
        finally:
            pipeline.MAX_TEXT_CHARS = limit
        out[name] = {"chars": len(text), "seconds": capped, "seconds_without_limit": whole, "problems": x.problems}
    return out


def lock_held(root: Path, extractor: Extractor) -> dict[str, Any]:
    """Ingest one 1 MB name-dense dispatch with extraction; time the write transaction apart."""
    path = root / "dense.jsonl"
    text = "Pyongyang, May 2 (KCNA) -- " + "Kim Jong " * (MB // 9)
    path.write_text(json.dumps({"id": "dense", "source": "KCNA", "text": text}) + "\n")
    held: list[float] = []
    original = batch.write_batch
    dedupe.signature("warm up")  # its tables are built on first use, once per process

    def write_batch(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            held.append(time.perf_counter() - start)

    batch.write_batch = write_batch  # type: ignore[assignment]
    try:
        with Store.open(f"sqlite:///{root / 'dense.db'}") as store:
            seconds, summary = timed(lambda: ingest([str(path)], store, extractor=extractor))
    finally:
        batch.write_batch = original  # type: ignore[assignment]
    return {"seconds": seconds, "write_transaction_seconds": round(sum(held), 3), "extracted": summary.extracted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pg",
        default=os.environ.get("FIELDGUIDE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
        help="PostgreSQL server for the NUL case ('' to skip)",
    )
    args = parser.parse_args()
    extractor = Extractor(load())
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        results["folder_with_links"] = symlink_folder(root)
        jsonl = nul_records(root / "nul.jsonl")
        results["nul_records_sqlite"] = nul_ingest(f"sqlite:///{root / 'nul.db'}", jsonl, extractor)
        if args.pg:
            with pg_schema(args.pg) as url:
                results["nul_records_postgresql"] = nul_ingest(url, jsonl, extractor)
        results["extract_1mb"] = extraction(extractor)
        results["ingest_1mb_name_dense"] = lock_held(root, extractor)
    results["load"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
