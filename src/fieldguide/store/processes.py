"""Whether the process that started a run is still there: how ``stats`` tells a run still going from one
that was killed (a killed run never writes its finish).

A run records its host, process id and, where the system tells it (Linux), the process's start time;
the start time tells a live run from a later process that was given the same id.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any


def _start_ticks(pid: int) -> int | None:
    """The process's start time in clock ticks since boot (Linux), or None where that cannot be read."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    fields = stat[stat.rfind(")") + 2 :].split()
    try:
        return int(fields[19])  # field 22 of the whole line
    except (IndexError, ValueError):
        return None


def this_process() -> dict[str, Any]:
    pid = os.getpid()
    return {"host": socket.gethostname(), "pid": pid, "start_ticks": _start_ticks(pid)}


def is_alive(process: dict[str, Any]) -> bool | None:
    """True or False for a process of this host; None when it ran elsewhere and cannot be asked."""
    if process.get("host") != socket.gethostname():
        return None
    pid = process.get("pid")
    if not isinstance(pid, int) or pid <= 0 or os.name == "nt":  # Windows' kill(pid, 0) is no probe
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    recorded = process.get("start_ticks")
    if recorded is None:
        return True
    now = _start_ticks(pid)
    return now is None or now == recorded
