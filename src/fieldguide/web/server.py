"""Run the web app with uvicorn: refuse a host others reach unless a token guards it, print
the URL, stop cleanly on Ctrl-C (uvicorn finishes the requests in flight)."""

from __future__ import annotations

from collections.abc import Callable

from fieldguide.errors import ServeError
from fieldguide.web.security import is_loopback


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


def serve(url: str, host: str, port: int, token: str | None, announce: Callable[[str], None] = print) -> None:
    import uvicorn

    from fieldguide.web.app import create_app

    every_request = check_access(host, token)
    app = create_app(url, token=token, every_request=every_request)
    shown_host = f"[{host}]" if ":" in host else host
    announce(f"fieldguide serving {url.split('://')[0]} archive at http://{shown_host}:{port}/ (Ctrl-C stops)")
    try:
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        app.state.store.close()
        if app.state.write_store is not None:
            app.state.write_store.close()
