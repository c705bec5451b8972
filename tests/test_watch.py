"""fieldguide watch: feeds polled with conditional GETs, new entries ingested, alert rules decided,
each alert delivered once; a malformed configuration refused; --status.

A real HTTP server on 127.0.0.1 (tests/watch_server.py) serves the feeds and receives the
webhook; the watcher is allowed private hosts, as on an intranet.
"""

from __future__ import annotations

import json
import os
import random
import signal
import smtplib
import socketserver
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from archive_fixtures import store_url  # noqa: F401  (the fixture: a fresh archive on each back end)
from fieldguide.cli import app
from fieldguide.extract.pipeline import Extractor
from fieldguide.kb import load
from fieldguide.sources import FetchPolicy, limits
from fieldguide.store import Store
from fieldguide.watch import runner as watch_runner
from fieldguide.watch.config import load_config
from fieldguide.watch.runner import Watcher
from fieldguide.watch.sinks import JsonlSink
from fieldguide.watch.state import Pending
from watch_server import Entry, Server, example_entries, page, variant_entries

REPO = Path(__file__).resolve().parent.parent
cli = CliRunner()


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    monkeypatch.setattr(limits, "HTTP_BACKOFF_SECONDS", 0.0)
    monkeypatch.setenv("FIELDGUIDE_ALLOW_PRIVATE_HOSTS", "1")
    with Server() as running:
        yield running


def write_config(folder: Path, text: str) -> Path:
    path = folder / "watch.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def basic_config(folder: Path, base: str, extra_feeds: str = "") -> Path:
    return write_config(
        folder,
        f"""feeds:
  - name: kcna
    url: {base}/feed.xml
    every: 15m
{extra_feeds}
alerts:
  - name: weapons tests
    when: {{type: weapons_test}}
    to: [jsonl:alerts.jsonl, webhook:{base}/hook]
  - name: every dispatch
    when: {{query: "Kim"}}
    to: [jsonl:alerts.jsonl]
""",
    )


def watch(*args: str) -> tuple[int, str]:
    result = cli.invoke(app, ["watch", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.output


def jsonl_ids(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- configuration --------------------------------------------------------------------------


def test_a_malformed_config_is_refused_at_start_with_the_key_path_and_the_reason(tmp_path: Path) -> None:
    config = write_config(
        tmp_path,
        """feeds:
  - name: kcna
    url: ftp://example.org/feed
    every: soon
alerts:
  - name: tests
    when: {type: rocket_party, first_seen: [designation, colour]}
    to: [pigeon:loft]
""",
    )
    code, output = watch(str(config), "--once", "--db", str(tmp_path / "a.db"))
    assert code == 2
    assert "E700" in output
    for expected in (
        "feeds[0].url",
        "feeds[0].every",
        "alerts[0].when.type: unknown event type 'rocket_party'",
        "alerts[0].when.first_seen[1]",
        "alerts[0].to[0]: unknown sink 'pigeon'",
    ):
        assert expected in output
    assert not (tmp_path / "a.db").exists()  # refused before anything is opened


def test_a_key_given_twice_or_unknown_is_named(tmp_path: Path) -> None:
    config = write_config(
        tmp_path, "feeds:\n  - name: a\n    url: http://x.org/f.xml\n    url: http://y.org/f.xml\n    evry: 5m\n"
    )
    code, output = watch(str(config), "--once", "--db", str(tmp_path / "a.db"))
    assert code == 2 and "feeds[0].url: duplicate key" in " ".join(output.split())
    config.write_text("feeds:\n  - name: a\n    url: http://x.org/f.xml\n    evry: 5m\n", encoding="utf-8")
    code, output = watch(str(config), "--once", "--db", str(tmp_path / "a.db"))
    assert code == 2 and "feeds[0].evry: unknown key" in " ".join(output.split())


def test_a_good_config_reads_durations_sinks_and_rules(tmp_path: Path) -> None:
    config = load_config(
        write_config(
            tmp_path,
            """feeds:
  - {name: a, url: "http://x.org/feed.xml", every: 2h}
  - {name: b, url: "http://x.org/list", every: 90, kind: listing, follow: "/article/"}
alerts:
  - name: r
    when: {weapon: [mlrs, Hwasong-19], absence_days: 14}
    to: [stdout, "email:desk@example.org", "jsonl:out/alerts.jsonl"]
""",
        )
    )
    assert [f.every for f in config.feeds] == [7200.0, 90.0]
    assert config.rules[0].when.happening == "absence" and config.rules[0].when.weapons == ("mlrs", "Hwasong-19")
    assert [s.spec for s in config.rules[0].to] == ["stdout", "email:desk@example.org", "jsonl:out/alerts.jsonl"]


# -- one round ------------------------------------------------------------------------------


def test_once_ingests_the_feed_and_delivers_each_alert_once_to_jsonl_and_webhook(
    server: Server, tmp_path: Path
) -> None:
    server.web.feeds["/feed.xml"] = example_entries(server.base)
    config = basic_config(tmp_path, server.base)
    db = str(tmp_path / "a.db")
    code, output = watch(str(config), "--once", "--db", db)
    assert code == 0, output
    alerts = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    weapons = [a for a in alerts if a["rule"] == "weapons tests"]
    assert weapons, alerts
    alert = weapons[0]
    for key in ("id", "rule", "matched", "doc_id", "title", "url", "summary", "evidence"):
        assert alert[key], key
    assert alert["matched"]["event"]["type"] == "weapons_test"
    assert alert["matched"]["activity"]["docs"][0] == alert["doc_id"]
    assert alert["evidence"]["spans"] and alert["evidence"]["text"]
    assert alert["url"].startswith(server.base + "/article/")
    assert {b["id"] for b in server.web.hook_bodies} == {a["id"] for a in weapons}
    every = [a for a in alerts if a["rule"] == "every dispatch"]
    assert len(every) == len({a["doc_id"] for a in every}) >= 10

    # A second --once: the feed answers 304, nothing is read again, nothing is delivered twice.
    requests_before = sum(server.web.requests.values())
    code, output = watch(str(config), "--once", "--db", db)
    assert code == 0, output
    assert server.web.not_modified["/feed.xml"] == 1
    assert sum(server.web.requests.values()) == requests_before + 1  # the feed only
    assert jsonl_ids(tmp_path / "alerts.jsonl") == [a["id"] for a in alerts]
    assert len(server.web.hook_bodies) == len(weapons)


def test_a_changed_feed_reads_only_its_new_entries(server: Server, tmp_path: Path) -> None:
    entries = [
        Entry(e.guid, e.title, e.link, e.published, "") for e in example_entries(server.base)[:3]
    ]  # short summaries: each entry is followed to its page
    for e, full in zip(entries, example_entries(server.base)[:3], strict=True):
        server.web.pages[e.link.removeprefix(server.base)] = page(full.title, full.text)
    server.web.feeds["/feed.xml"] = entries
    config = basic_config(tmp_path, server.base)
    db = str(tmp_path / "a.db")
    assert watch(str(config), "--once", "--db", db)[0] == 0
    pages = {e.link.removeprefix(server.base) for e in entries}
    assert all(server.web.requests[p] == 1 for p in pages)
    full = example_entries(server.base)[3]
    server.web.feeds["/feed.xml"] = [*entries, Entry(full.guid, full.title, full.link, full.published, "")]
    server.web.pages[full.link.removeprefix(server.base)] = page(full.title, full.text)
    assert watch(str(config), "--once", "--db", db)[0] == 0
    assert all(server.web.requests[p] == 1 for p in pages)  # the old entries' pages are not fetched again
    assert server.web.requests[full.link.removeprefix(server.base)] == 1
    with Store.open(f"sqlite:///{db}", "read") as store:
        assert store.stats()["documents"] == 4


def test_one_failing_feed_never_stops_the_others_and_backs_off(server: Server, tmp_path: Path) -> None:
    server.web.feeds["/feed.xml"] = example_entries(server.base)[:4]
    error_page = b"<!DOCTYPE html><html><head><title>Error</title></head><body>Service unavailable</body></html>"
    server.web.raw["/broken.xml"] = (200, "text/html", error_page)
    server.web.raw["/down.xml"] = (503, "text/plain", b"down")
    extra = (
        f"  - {{name: posing, url: '{server.base}/broken.xml', every: 1h}}\n"
        f"  - {{name: down, url: '{server.base}/down.xml', every: 1h}}\n"
    )
    config = basic_config(tmp_path, server.base, extra)
    db = str(tmp_path / "a.db")
    code, output = watch(str(config), "--once", "--db", db)
    assert code == 0, output
    flat = " ".join(output.split())
    assert "feed posing: not a feed: looks like an HTML page" in flat
    assert "feed down: HTTP 503" in flat
    assert jsonl_ids(tmp_path / "alerts.jsonl")  # the good feed's alerts went out

    code, output = watch("--status", "--json", "--db", db)
    assert code == 0, output
    feeds = {f["name"]: f for f in json.loads(output)["feeds"]}
    assert feeds["kcna"]["last_success"] and not feeds["kcna"]["last_error"]
    assert "looks like an HTML page" in feeds["posing"]["last_error"] and feeds["posing"]["failures"] == 1
    assert feeds["down"]["next_poll"] > feeds["down"]["last_error_at"]

    # Backing off: the next --once leaves the failing feeds alone until their next poll.
    asked = server.web.requests["/down.xml"]
    assert watch(str(config), "--once", "--db", db)[0] == 0
    assert server.web.requests["/down.xml"] == asked
    code, output = watch("--status", "--db", db)
    assert code == 0 and "kcna" in output and "HTTP 503" in " ".join(output.split())


def test_a_failed_webhook_is_retried_later_and_the_record_says_which_were_delivered(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(watch_runner, "RETRY_BASE_SECONDS", 0.0)
    server.web.feeds["/feed.xml"] = example_entries(server.base)
    server.web.hook_failures = 100
    config = load_config(basic_config(tmp_path, server.base))
    kb = load()
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        watcher = Watcher(config, store, Extractor(kb), kb, FetchPolicy(allow_private_hosts=True))
        first = watcher.run_round(once=True)
        assert first.failed_deliveries >= 1 and not server.web.hook_bodies
        lines = jsonl_ids(tmp_path / "alerts.jsonl")
        with store.engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT sink, delivered_at, attempts, last_error FROM watch_deliveries")).all()
        assert all(
            r.delivered_at is None and r.attempts == 1 and "HTTP 500" in r.last_error
            for r in rows
            if "webhook" in r.sink
        )
        assert all(r.delivered_at is not None for r in rows if r.sink.startswith("jsonl"))
        server.web.hook_failures = 0
        second = watcher.run_round(once=True)
        watcher.close()
    assert second.delivered == first.failed_deliveries
    assert len(server.web.hook_bodies) == first.failed_deliveries
    assert jsonl_ids(tmp_path / "alerts.jsonl") == lines  # the file got nothing twice


# -- the JSONL sink -------------------------------------------------------------------------


def test_jsonl_redelivery_skips_ids_already_in_the_file_and_cuts_a_torn_line(tmp_path: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    path.write_bytes(b'{"id":"a1","rule":"r"}\n{"id":"a2","ru')  # killed in the middle of a2
    sink = JsonlSink(path)
    outcome = sink.deliver([Pending("a1", "jsonl", 0, {"id": "a1"}), Pending("a2", "jsonl", 0, {"id": "a2"})])
    assert outcome.delivered == ["a1", "a2"]
    assert jsonl_ids(path) == ["a1", "a2"]
    assert JsonlSink(path).ids() == {"a1", "a2"}


# -- killed mid-round -----------------------------------------------------------------------


def _decided_ids(db: Path) -> set[str]:
    with Store.open(f"sqlite:///{db}", "read") as store, store.engine.connect() as conn:
        return set(conn.execute(sa.text("SELECT id FROM watch_alerts")).scalars())


def test_sigkill_mid_round_loses_no_alert_and_repeats_none(server: Server, tmp_path: Path) -> None:
    server.web.feeds["/feed.xml"] = variant_entries(server.base, 36)
    config = write_config(
        tmp_path,
        f"""feeds:
  - {{name: kcna, url: '{server.base}/feed.xml', every: 1m}}
alerts:
  - name: every dispatch
    when: {{query: "Kim"}}
    to: [jsonl:alerts.jsonl]
  - name: weapons tests
    when: {{type: weapons_test}}
    to: [jsonl:alerts.jsonl]
""",
    )
    db = tmp_path / "a.db"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "FIELDGUIDE_ALLOW_PRIVATE_HOSTS": "1"}
    command = [sys.executable, "-m", "fieldguide", "watch", str(config), "--once", "--db", str(db)]
    chance = random.Random(11)
    for kill in range(4):
        if kill == 2:  # more entries arrive between kills
            server.web.feeds["/feed.xml"] = variant_entries(server.base, 60)
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(chance.uniform(1.5, 4.0))
        child.send_signal(signal.SIGKILL)
        child.wait()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    ids = jsonl_ids(tmp_path / "alerts.jsonl")
    assert len(ids) == len(set(ids))  # none twice
    assert set(ids) == _decided_ids(db)  # none lost
    alerts = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    mention_kim = [e for e in variant_entries(server.base, 60) if "Kim" in e.title or "Kim" in e.text]
    assert len([a for a in alerts if a["rule"] == "every dispatch"]) == len(mention_kim)


# -- both back ends, the other rules, the other sinks ----------------------------------------


def _watcher(config_path: Path, store: Store) -> Watcher:
    kb = load()
    return Watcher(load_config(config_path), store, Extractor(kb), kb, FetchPolicy(allow_private_hosts=True))


def test_a_round_on_each_back_end_decides_and_delivers_once(
    server: Server,
    tmp_path: Path,
    store_url: str,  # noqa: F811
) -> None:
    server.web.feeds["/feed.xml"] = example_entries(server.base)
    config = basic_config(tmp_path, server.base)
    with Store.open(store_url) as store:
        watcher = _watcher(config, store)
        first = watcher.run_round(once=True)
        again = watcher.run_round(once=True)
        watcher.close()
        with store.engine.connect() as conn:
            decided = set(conn.execute(sa.text("SELECT id FROM watch_alerts")).scalars())
    assert first.stored == 12 and first.decided == len(decided) > 0
    assert again.not_modified == ["kcna"] and again.decided == 0 and again.delivered == 0
    ids = jsonl_ids(tmp_path / "alerts.jsonl")
    assert sorted(ids) == sorted(decided)


def test_rules_for_first_appearances_reports_linked_and_a_return_after_absence(server: Server, tmp_path: Path) -> None:
    dispatches = example_entries(server.base)
    server.web.feeds["/feed.xml"] = dispatches
    reports = [json.loads(line) for line in (REPO / "src/fieldguide/examples/reports.jsonl").read_text().splitlines()]
    config = write_config(
        tmp_path,
        f"""feeds:
  - {{name: kcna, url: '{server.base}/feed.xml', every: 1m}}
  - {{name: press, url: '{server.base}/press.xml', every: 1m, source: Press}}
alerts:
  - {{name: firsts, when: {{first_seen: [designation, person]}}, to: [jsonl:alerts.jsonl]}}
  - {{name: linked, when: {{linked_report: true}}, to: [jsonl:alerts.jsonl]}}
  - {{name: back, when: {{absence_days: 14}}, to: [jsonl:alerts.jsonl]}}
""",
    )
    server.web.feeds["/press.xml"] = []
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        watcher = _watcher(config, store)
        watcher.run_round(once=True)
        server.web.feeds["/press.xml"] = [
            Entry(r["id"], r["title"], r["url"], r["published"], r["text"], "Press") for r in reports
        ]
        watcher.run_round(once=True)
        watcher.close()
    alerts = [json.loads(line) for line in (tmp_path / "alerts.jsonl").read_text().splitlines()]
    by_rule: dict[str, list[dict[str, object]]] = {}
    for alert in alerts:
        by_rule.setdefault(str(alert["rule"]), []).append(alert)
    firsts = by_rule["firsts"]
    assert {a["matched"]["first_seen"]["kind"] for a in firsts} <= {"designation", "official"}  # type: ignore[index]
    assert any(a["matched"]["first_seen"]["kind"] == "designation" for a in firsts)  # type: ignore[index]
    linked = by_rule["linked"]
    assert linked and all(a["matched"]["dispatch"]["id"] for a in linked)  # type: ignore[index]
    dispatch_ids = {a["doc_id"] for a in alerts if a["rule"] != "linked"}
    assert all(a["doc_id"] not in dispatch_ids for a in linked)  # the report is the alert's document
    assert by_rule.get("back")  # the examples have gaps of weeks between appearances
    for alert in by_rule["back"]:
        assert alert["matched"]["activity"]["public_appearance"]  # type: ignore[index]
        assert "again after" in str(alert["summary"])


def test_a_listing_page_is_read_link_by_link(server: Server, tmp_path: Path) -> None:
    entries = example_entries(server.base)[:3]
    links = "".join(f"<li><a href='/article/{e.guid}'>{e.title}</a></li>" for e in entries)
    server.web.raw["/news"] = (
        200,
        "text/html",
        f"<html><body><a href='/'>Home</a><ul>{links}</ul></body></html>".encode(),
    )
    for e in entries:
        server.web.pages[f"/article/{e.guid}"] = page(e.title, e.text)
    config = write_config(
        tmp_path,
        f"""feeds:
  - {{name: site, url: '{server.base}/news', every: 1m, follow: '/article/'}}
alerts:
  - {{name: all, when: {{query: Kim}}, to: [stdout]}}
""",
    )
    code, output = watch(str(config), "--once", "--db", str(tmp_path / "a.db"), "--json")
    assert code == 0, output
    assert all(server.web.requests[f"/article/{e.guid}"] == 1 for e in entries)
    printed = [json.loads(line) for line in output.splitlines() if line.startswith('{"id"')]
    assert len(printed) == 3 and {p["url"] for p in printed} == {e.link for e in entries}


class _Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP to take messages."""

    received: ClassVar[list[bytes]] = []

    def handle(self) -> None:
        self.wfile.write(b"220 test\r\n")
        data = False
        body: list[bytes] = []
        for line in self.rfile:
            if data:
                if line in (b".\r\n", b".\n"):
                    _Smtp.received.append(b"".join(body))
                    data = False
                    body = []
                    self.wfile.write(b"250 queued\r\n")
                else:
                    body.append(line)
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                data = True
                self.wfile.write(b"354 go\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb == b"EHLO":
                self.wfile.write(b"250 test\r\n")
            else:
                self.wfile.write(b"250 ok\r\n")


def test_email_alerts_go_through_the_configured_smtp_server(server: Server, tmp_path: Path) -> None:
    smtp = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Smtp)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    _Smtp.received = []
    try:
        server.web.feeds["/feed.xml"] = example_entries(server.base)
        config = write_config(
            tmp_path,
            f"""feeds:
  - {{name: kcna, url: '{server.base}/feed.xml'}}
alerts:
  - {{name: weapons tests, when: {{type: weapons_test}}, to: ['email:desk@example.org']}}
smtp: {{host: 127.0.0.1, port: {smtp.server_address[1]}, from: watch@example.org}}
""",
        )
        code, output = watch(str(config), "--once", "--db", str(tmp_path / "a.db"))
    finally:
        smtp.shutdown()
        smtp.server_close()
    assert code == 0, output
    assert _Smtp.received and b"Subject: [fieldguide] weapons tests:" in _Smtp.received[0]
    assert smtplib  # the sink's library


def test_the_watcher_stops_cleanly_on_sigterm(server: Server, tmp_path: Path) -> None:
    server.web.feeds["/feed.xml"] = example_entries(server.base)
    config = basic_config(tmp_path, server.base)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "FIELDGUIDE_ALLOW_PRIVATE_HOSTS": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "fieldguide", "watch", str(config), "--db", str(tmp_path / "a.db")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not jsonl_ids(tmp_path / "alerts.jsonl") and time.monotonic() < deadline:
        time.sleep(0.2)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 0, err
    assert "stopped" in err
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}", "read") as store, store.engine.connect() as conn:
        pending = conn.execute(sa.text("SELECT count(*) FROM watch_deliveries WHERE delivered_at IS NULL")).scalar()
    assert pending == 0


def test_each_feed_is_polled_on_its_own_interval(server: Server, tmp_path: Path) -> None:
    server.web.feeds["/feed.xml"] = example_entries(server.base)[:2]
    server.web.feeds["/fast.xml"] = example_entries(server.base)[2:4]
    extra = f"  - {{name: fast, url: '{server.base}/fast.xml', every: 1s}}\n"
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        watcher = _watcher(basic_config(tmp_path, server.base, extra), store)
        assert sorted(watcher.run_round().polled) == ["fast", "kcna"]
        time.sleep(1.1)
        assert watcher.run_round().polled == ["fast"]  # kcna's 15 minutes are not up
        assert 0 < watcher.seconds_to_next() <= 1.0
        watcher.close()


def test_a_feed_past_the_size_limit_and_a_webhook_that_is_down_are_named(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_DOCUMENT_BYTES", 4000)
    server.web.feeds["/feed.xml"] = example_entries(server.base)  # about 20 kB of RSS
    server.web.feeds["/small.xml"] = example_entries(server.base)[:1]
    config = write_config(
        tmp_path,
        f"""feeds:
  - {{name: big, url: '{server.base}/feed.xml'}}
  - {{name: small, url: '{server.base}/small.xml'}}
alerts:
  - {{name: all, when: {{query: Kim}}, to: ['webhook:http://127.0.0.1:9/hook']}}
""",
    )
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        watcher = _watcher(config, store)
        report = watcher.run_round(once=True)
        watcher.close()
        with store.engine.connect() as conn:
            errors = conn.execute(sa.text("SELECT last_error FROM watch_deliveries")).scalars().all()
    assert "larger than the limit" in report.errors["big"]
    assert report.stored == 1 and report.failed_deliveries == 1 and report.delivered == 0
    assert errors and all("unreachable" in e for e in errors)
