"""A killed ingest loses nothing it committed, and a re-run completes it without duplicates."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_ingest import generated, write_jsonl

TOTAL = 4000
BATCH = 100


def stored_ids(db: Path) -> list[str]:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return [row[0] for row in conn.execute("SELECT id FROM documents")]
    except sqlite3.OperationalError:  # not created yet
        return []


def run_ingest(path: str, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from fieldguide.cli import app; app()", "ingest", path, "--db", str(db)]
    return subprocess.Popen(
        [*command, "--batch-size", str(BATCH)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "COLUMNS": "120"},
    )


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_stores_every_document_once(tmp_path: Path) -> None:
    records = generated(TOTAL)
    path = write_jsonl(tmp_path / "many.jsonl", records)
    db = tmp_path / "archive.db"

    process = run_ingest(path, db)
    deadline = time.monotonic() + 120
    while len(stored_ids(db)) < 2 * BATCH and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    at_kill = stored_ids(db)
    if len(at_kill) >= TOTAL:
        pytest.skip("the ingest finished before it could be killed")
    assert len(at_kill) >= 2 * BATCH and len(at_kill) % BATCH == 0  # whole batches only
    assert process.returncode == -signal.SIGKILL

    rerun = run_ingest(path, db)
    _, stderr = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, stderr.decode()

    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == TOTAL
    assert set(ids) == {r["id"] for r in records}
    with sqlite3.connect(db) as conn:
        texts = dict(conn.execute("SELECT id, text FROM documents"))
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
        finished = conn.execute("SELECT finished FROM runs ORDER BY id").fetchall()
    assert all(texts[r["id"]] == r["text"] for r in records)
    assert finished[0][0] is None and finished[1][0] is not None  # the killed run never finished
