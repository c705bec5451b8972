"""Where alerts go: a JSONL file (exactly once), a webhook (at least once, retried), stdout, email.

The JSONL sink is exactly once because the file itself says what it holds: under an exclusive
lock on the file, the ids already in it are read (only the part not read before), alerts not
among them are appended, the file is fsynced, and only then are they marked delivered in the
archive. A crash after the append and before the mark leaves them pending; the next delivery
finds their ids in the file and only marks them. A line cut short by a crash mid-append is cut
off the file before anything is appended after it.
"""

from __future__ import annotations

import fcntl
import os
import smtplib
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, BinaryIO

import httpx
import orjson

from fieldguide.sources import limits
from fieldguide.watch.config import Sink, Smtp
from fieldguide.watch.state import Pending

WEBHOOK_TIMEOUT_SECONDS = 10.0


@dataclass(slots=True)
class Outcome:
    """What one delivery attempt came to: the alerts the sink has, and the failures with reasons."""

    delivered: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


def _line(payload: dict[str, Any]) -> bytes:
    return orjson.dumps(payload) + b"\n"


class JsonlSink:
    """Appends alerts to one JSONL file, each id at most once (see the module's docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ids: set[str] = set()
        self._read_to = 0  # bytes of the file whose ids are in _ids
        self._inode: int | None = None

    def ids(self) -> set[str]:
        """The ids the file holds (read anew)."""
        with self.path.open("rb") as stream:
            self._catch_up(stream, os.fstat(stream.fileno()))
        return set(self._ids)

    def _catch_up(self, stream: BinaryIO, stat: os.stat_result) -> int:
        """Read the ids of what the file gained since last time; the offset of its last complete line."""
        if stat.st_ino != self._inode or stat.st_size < self._read_to:  # a new or rotated file
            self._ids.clear()
            self._read_to = 0
            self._inode = stat.st_ino
        stream.seek(self._read_to)
        data = stream.read()
        end = data.rfind(b"\n") + 1
        for raw in data[:end].splitlines():
            try:
                record = orjson.loads(raw)
            except orjson.JSONDecodeError:
                continue  # not ours, or damaged: its id (if any) is redelivered
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                self._ids.add(record["id"])
        self._read_to += end
        return self._read_to

    def deliver(self, alerts: Sequence[Pending]) -> Outcome:
        outcome = Outcome()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            created = not self.path.exists()
            with self.path.open("a+b") as stream:
                fcntl.flock(stream.fileno(), fcntl.LOCK_EX)  # another watcher on the same file waits
                complete = self._catch_up(stream, os.fstat(stream.fileno()))
                if os.fstat(stream.fileno()).st_size > complete:
                    stream.truncate(complete)  # a line cut short by a crash: its alert is still pending
                for alert in alerts:
                    if alert.alert_id not in self._ids:
                        stream.write(_line(alert.payload))
                    outcome.delivered.append(alert.alert_id)
                stream.flush()
                os.fsync(stream.fileno())
                self._ids.update(outcome.delivered)
                self._read_to = os.fstat(stream.fileno()).st_size
            if created:
                _fsync_folder(self.path.parent)
        except OSError as e:
            reason = f"cannot write {self.path}: {e.strerror or e}"
            outcome = Outcome(failed=[(a.alert_id, reason) for a in alerts])
        return outcome


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder
    finally:
        os.close(fd)


class WebhookSink:
    """POSTs each alert as JSON; a 2xx answer delivers it, anything else leaves it for a retry."""

    def __init__(self, url: str, client: httpx.Client) -> None:
        self.url = url
        self.client = client

    def deliver(self, alerts: Sequence[Pending]) -> Outcome:
        outcome = Outcome()
        for index, alert in enumerate(alerts):
            try:
                response = self.client.post(
                    self.url,
                    content=orjson.dumps(alert.payload),
                    headers={"Content-Type": "application/json", "Idempotency-Key": alert.alert_id},
                )
            except httpx.HTTPError as e:
                detail = str(e).splitlines()[0] if str(e) else ""
                reason = f"unreachable ({type(e).__name__}: {detail})"
                # A receiver that is down or hangs would cost a timeout per alert: the rest wait for the retry.
                outcome.failed += [(a.alert_id, reason) for a in alerts[index:]]
                break
            if 200 <= response.status_code < 300:
                outcome.delivered.append(alert.alert_id)
            else:
                outcome.failed.append((alert.alert_id, f"HTTP {response.status_code} {response.reason_phrase}".strip()))
        return outcome


class StdoutSink:
    def deliver(self, alerts: Sequence[Pending]) -> Outcome:
        for alert in alerts:
            sys.stdout.buffer.write(_line(alert.payload))
        sys.stdout.flush()
        return Outcome(delivered=[a.alert_id for a in alerts])


class EmailSink:
    """One message per alert through the configured SMTP server."""

    def __init__(self, address: str, smtp: Smtp) -> None:
        self.address = address
        self.smtp = smtp

    def _message(self, payload: dict[str, Any]) -> EmailMessage:
        message = EmailMessage()
        title = " ".join(str(payload.get("title") or payload.get("doc_id") or "").split())[:120]
        message["Subject"] = f"[fieldguide] {payload.get('rule')}: {title}"
        message["From"] = self.smtp.sender
        message["To"] = self.address
        message["Message-ID"] = f"<{payload.get('id')}@fieldguide>"
        body = f"{payload.get('summary')}\n\n{payload.get('url') or ''}\n\n"
        message.set_content(body + orjson.dumps(payload, option=orjson.OPT_INDENT_2).decode())
        return message

    def deliver(self, alerts: Sequence[Pending]) -> Outcome:
        outcome = Outcome()
        try:
            with smtplib.SMTP(self.smtp.host, self.smtp.port, timeout=WEBHOOK_TIMEOUT_SECONDS) as server:
                if self.smtp.starttls:
                    server.starttls()
                if self.smtp.user:
                    server.login(self.smtp.user, os.environ.get(self.smtp.password_env or "", ""))
                for alert in alerts:
                    try:
                        server.send_message(self._message(alert.payload))
                        outcome.delivered.append(alert.alert_id)
                    except smtplib.SMTPException as e:
                        outcome.failed.append((alert.alert_id, f"SMTP: {e}"))
        except (OSError, smtplib.SMTPException) as e:
            done = set(outcome.delivered) | {a for a, _ in outcome.failed}
            outcome.failed += [
                (a.alert_id, f"SMTP {self.smtp.host}:{self.smtp.port}: {e}") for a in alerts if a.alert_id not in done
            ]
        return outcome


class Sinks:
    """The sinks of a configuration, each made once and kept for the watcher's life."""

    def __init__(self, base: Path, smtp: Smtp) -> None:
        self.base = base
        self.smtp = smtp
        self._made: dict[str, JsonlSink | WebhookSink | StdoutSink | EmailSink] = {}
        self._client: httpx.Client | None = None

    def get(self, spec: str) -> JsonlSink | WebhookSink | StdoutSink | EmailSink:
        if spec not in self._made:
            kind, _, target = spec.partition(":")
            sink = Sink(kind, target)
            if sink.kind == "jsonl":
                path = Path(sink.target).expanduser()
                self._made[spec] = JsonlSink(path if path.is_absolute() else self.base / path)
            elif sink.kind == "webhook":
                if self._client is None:
                    self._client = httpx.Client(
                        timeout=WEBHOOK_TIMEOUT_SECONDS, headers={"User-Agent": limits.USER_AGENT}
                    )
                self._made[spec] = WebhookSink(sink.target, self._client)
            elif sink.kind == "email":
                self._made[spec] = EmailSink(sink.target, self.smtp)
            else:
                self._made[spec] = StdoutSink()
        return self._made[spec]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
