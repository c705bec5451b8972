"""fieldguide watch, measured on loopback: a round over 20 feeds with nothing new, a round that
brings 200 new entries to delivered alerts, and the watcher killed with SIGKILL at random moments
(20 times by default) with no alert lost and none delivered twice to the JSONL sink. Prints JSON.

    python benchmarks/bench_watch.py               # all three
    python benchmarks/bench_watch.py --kills 5     # fewer kills

The feeds, entry pages and webhook are served in this process on 127.0.0.1 (tests/watch_server.py);
the watcher runs in this process for the rounds and as `fieldguide watch --once` children for the kills.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "tests"))

import sqlalchemy as sa  # noqa: E402

from fieldguide.extract.pipeline import Extractor  # noqa: E402
from fieldguide.kb import load  # noqa: E402
from fieldguide.sources import FetchPolicy  # noqa: E402
from fieldguide.store import Store  # noqa: E402
from fieldguide.watch.config import load_config  # noqa: E402
from fieldguide.watch.runner import Watcher  # noqa: E402
from watch_server import Server, variant_entries  # noqa: E402

FEEDS = 20
PER_FEED = 10


def config_text(base: str, feeds: int) -> str:
    lines = ["feeds:"]
    lines += [f"  - {{name: feed{i}, url: '{base}/feed{i}.xml', every: 1m}}" for i in range(feeds)]
    lines += [
        "alerts:",
        "  - name: every dispatch",
        '    when: {query: "Kim"}',
        f"    to: [jsonl:alerts.jsonl, 'webhook:{base}/hook']",
        "  - name: weapons tests",
        "    when: {type: weapons_test}",
        "    to: [jsonl:alerts.jsonl]",
    ]
    return "\n".join(lines) + "\n"


def fill(server: Server, feeds: int, per_feed: int, start: int) -> None:
    """Each feed lists ``per_feed`` entries numbered from ``start`` (feed i has its own range)."""
    for i in range(feeds):
        server.web.feeds[f"/feed{i}.xml"] = variant_entries(server.base, per_feed, start + i * 1000)


def jsonl_ids(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def rounds(folder: Path) -> dict[str, object]:
    kb = load()
    extractor = Extractor(kb)
    out: dict[str, object] = {}
    with Server() as server:
        fill(server, FEEDS, PER_FEED, 0)
        config_path = folder / "rounds.yaml"
        config_path.write_text(config_text(server.base, FEEDS), encoding="utf-8")
        config = load_config(config_path)
        with Store.open(f"sqlite:///{folder / 'rounds.db'}") as store:
            watcher = Watcher(config, store, extractor, kb, FetchPolicy(allow_private_hosts=True))
            first = watcher.run_round(once=True)  # the first 200 entries
            fill(server, FEEDS, PER_FEED, PER_FEED)  # 200 new entries
            hook_before = len(server.web.hook_bodies)
            started = time.perf_counter()
            new = watcher.run_round(once=True)
            new_seconds = time.perf_counter() - started
            out["first_round"] = {"stored": first.stored, "seconds": round(first.seconds, 3)}
            out["new_200"] = {
                "stored": new.stored,
                "decided": new.decided,
                "delivered": new.delivered,
                "webhook_received": len(server.web.hook_bodies) - hook_before,
                "seconds_new_to_delivered": round(new_seconds, 3),
            }
            for conditional in (True, False):
                server.web.conditional = conditional
                if not conditional:
                    with store.transaction() as conn:  # validators forgotten: every feed comes in full
                        conn.execute(sa.text("UPDATE watch_feeds SET etag = NULL, last_modified = NULL"))
                requests = sum(server.web.requests.values())
                seq_before = _max_seq(store)
                started = time.perf_counter()
                idle = watcher.run_round(once=True)
                seconds = time.perf_counter() - started
                out["nothing_new_304" if conditional else "nothing_new_full_feeds"] = {
                    "feeds": len(idle.polled),
                    "not_modified": len(idle.not_modified),
                    "requests": sum(server.web.requests.values()) - requests,
                    "documents_stored": _max_seq(store) - seq_before,
                    "seconds": round(seconds, 3),
                }
            watcher.close()
    return out


def _max_seq(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT coalesce(max(seq), 0) FROM documents")).scalar_one())


def kills(folder: Path, count: int, seed: int) -> dict[str, object]:
    chance = random.Random(seed)
    db = folder / "kills.db"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "FIELDGUIDE_ALLOW_PRIVATE_HOSTS": "1"}
    with Server() as server:
        config = folder / "kills.yaml"
        config.write_text(config_text(server.base, 4), encoding="utf-8")
        command = [sys.executable, "-m", "fieldguide", "watch", str(config), "--once", "--db", str(db)]
        # A first round, not killed: the archive and the JSONL file exist before the kills begin.
        server.web.feeds.update({f"/feed{i}.xml": variant_entries(server.base, 1, 90_000 + i) for i in range(4)})
        subprocess.run(command, env=env, check=True, capture_output=True)
        offered = 0
        lines_after: list[int] = []
        delays: list[float] = []
        for kill in range(count):
            offered = 15 * (kill + 1)  # each feed lists more entries as the kills go on
            fill(server, 4, offered, 0)
            child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            delay = chance.uniform(2.0, 7.0)  # the child needs about 2.5 s to start
            delays.append(round(delay, 2))
            time.sleep(delay)
            child.send_signal(signal.SIGKILL)
            child.wait()
            lines_after.append(len(jsonl_ids(folder / "alerts.jsonl")))
        final = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900)
        ids = jsonl_ids(folder / "alerts.jsonl")
        with Store.open(f"sqlite:///{db}", "read") as store, store.engine.connect() as conn:
            decided = set(conn.execute(sa.text("SELECT id FROM watch_alerts")).scalars())
            pending = conn.execute(sa.text("SELECT count(*) FROM watch_deliveries WHERE delivered_at IS NULL")).scalar()
        records = [json.loads(line) for line in (folder / "alerts.jsonl").read_text().splitlines()]
        offered_entries = [e for i in range(4) for e in variant_entries(server.base, offered, i * 1000)]
        offered_entries += [e for i in range(4) for e in variant_entries(server.base, 1, 90_000 + i)]  # the first round
        expected = sum(1 for e in offered_entries if "Kim" in e.title or "Kim" in e.text)
        return {
            "kills": count,
            "kill_delays_s": delays,
            "jsonl_lines_after_each_kill": lines_after,
            "final_exit": final.returncode,
            "alerts_decided": len(decided),
            "jsonl_lines": len(ids),
            "duplicates_in_jsonl": len(ids) - len(set(ids)),
            "decided_not_in_jsonl": len(decided - set(ids)),
            "pending_after": pending,
            "query_alerts": sum(1 for r in records if r["rule"] == "every dispatch"),
            "query_alerts_expected": expected,
            "webhook_received": len(server.web.hook_bodies),  # at least once: a kill between POST and mark repeats
            "webhook_distinct": len({b["id"] for b in server.web.hook_bodies}),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-rounds", action="store_true")
    args = parser.parse_args()
    result: dict[str, object] = {"load": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_rounds:
            result["rounds"] = rounds(Path(tmp))
        if args.kills:
            result["sigkill"] = kills(Path(tmp), args.kills, args.seed)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
