"""Run the web app with uvicorn: refuse a host others reach unless a token guards it, print
the URL, stop cleanly on Ctrl-C (uvicorn finishes the requests in flight).

With ``workers`` above 1, uvicorn starts that many processes, each with its own app (its own
pool of connections and its own kept pages) built by ``app_from_environment`` from the
settings this process leaves in the environment; requests are shared among them. Each then
reads the archive's state on every request (a one-row read, well under a millisecond): a
correction posted to one process redirects to its page, which another may answer, and must
find the correction there. One process alone reads it at most once a second, and at once
after its own writes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldguide.errors import ServeError
from fieldguide.web.security import is_loopback

if TYPE_CHECKING:
    from fastapi import FastAPI

SETTINGS_VARIABLE = "FIELDGUIDE_SERVE_SETTINGS"  # what each worker process builds its app from
MAX_WORKERS = 32


def check_access(host: str, token: str | None) -> bool:
    """Whether every request must carry the token: yes on a host others reach, which may not
    start without one (ServeError)."""
    if is_loopback(host):
        return False
    if not token:
        raise ServeError(
            f"--host {host} lets other machines reach the archive: give --token TOKEN "
            "(every request then needs Authorization: Bearer TOKEN), or serve on 127.0.0.1"
        )
    return True


def check_workers(workers: int) -> int:
    if not 1 <= workers <= MAX_WORKERS:
        raise ServeError(f"--workers {workers}: give a number of processes from 1 to {MAX_WORKERS}")
    return workers


def app_from_environment() -> FastAPI:
    """The app of one worker process, from the settings ``serve`` put in its environment (the
    token among them: the environment of a process is readable by its own user only)."""
    from fieldguide.web.app import create_app

    settings: dict[str, Any] = json.loads(os.environ[SETTINGS_VARIABLE])
    return create_app(
        settings["url"],
        token=settings["token"],
        every_request=settings["every_request"],
        cache_bytes=settings["cache_bytes"],
        cache_check_seconds=0,  # another process may have written a moment ago (see the module)
    )


def serve(
    url: str,
    host: str,
    port: int,
    token: str | None,
    announce: Callable[[str], None] = print,
    workers: int = 1,
    cache_mb: int = 64,
) -> None:
    import uvicorn

    from fieldguide.web.app import create_app

    every_request = check_access(host, token)
    check_workers(workers)
    cache_bytes = max(0, cache_mb) << 20
    shown_host = f"[{host}]" if ":" in host else host
    processes = f" ({workers} processes)" if workers > 1 else ""
    where = f"http://{shown_host}:{port}/"
    announce(f"fieldguide serving {url.split('://')[0]} archive at {where}{processes} (Ctrl-C stops)")
    if workers > 1:  # uvicorn starts the processes; each builds its app from the environment
        os.environ[SETTINGS_VARIABLE] = json.dumps(
            {"url": url, "token": token, "every_request": every_request, "cache_bytes": cache_bytes}
        )
        target = f"{__name__}:app_from_environment"
        uvicorn.run(target, factory=True, host=host, port=port, workers=workers, log_level="warning", access_log=False)
        return
    app = create_app(url, token=token, every_request=every_request, cache_bytes=cache_bytes)
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        app.state.store.close()
        if app.state.write_store is not None:
            app.state.write_store.close()
