"""HTTP for sources: one polite client, a deadline per fetch, a size cap, a few retries with backoff,
redirects followed by hand so that every hop's address is checked, clear failures."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fieldguide.errors import FetchStoppedError, InputError
from fieldguide.sources import limits
from fieldguide.sources.hosts import public_address

if TYPE_CHECKING:  # imported where a fetch is made: reading files needs no HTTP library
    import httpx

# Worth a retry: the server may answer next time.
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
ALLOW_PRIVATE_ENV = "FIELDGUIDE_ALLOW_PRIVATE_HOSTS"
DEADLINE_ENV = "FIELDGUIDE_HTTP_DEADLINE"


def make_client() -> httpx.Client:
    import httpx

    # No kept-alive connections: each request connects anew, so that the deadline's watchdog
    # knows its socket from the start (a reused one it learns only once the headers are in).
    return httpx.Client(
        headers={"User-Agent": limits.USER_AGENT},
        timeout=limits.HTTP_TIMEOUT_SECONDS,
        follow_redirects=False,
        limits=httpx.Limits(max_keepalive_connections=0),
    )


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What a fetch may do. None means the value of ``limits`` (or of the environment) at fetch time."""

    allow_private_hosts: bool = False
    deadline_seconds: float | None = None
    max_bytes: int | None = None

    @classmethod
    def from_env(cls, allow_private_hosts: bool = False, deadline_seconds: float | None = None) -> FetchPolicy:
        """The policy with FIELDGUIDE_ALLOW_PRIVATE_HOSTS and FIELDGUIDE_HTTP_DEADLINE filling what is not given."""
        if deadline_seconds is None and os.environ.get(DEADLINE_ENV):
            try:
                deadline_seconds = float(os.environ[DEADLINE_ENV])
            except ValueError as e:
                raise InputError(f"{DEADLINE_ENV} is not a number of seconds: {os.environ[DEADLINE_ENV]!r}") from e
        return cls(allow_private_hosts or _env_flag(ALLOW_PRIVATE_ENV), deadline_seconds)

    @property
    def deadline(self) -> float:
        return self.deadline_seconds if self.deadline_seconds is not None else limits.HTTP_DEADLINE_SECONDS

    @property
    def cap(self) -> int:
        return self.max_bytes if self.max_bytes is not None else limits.MAX_DOCUMENT_BYTES


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str
    status: int = 200
    etag: str | None = None  # the validators a conditional GET sends back (watch/feeds.py)
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Clock:
    """The time left of one fetch's deadline."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds

    def left(self) -> float:
        return self.ends - time.monotonic()

    def check(self) -> None:
        if self.left() <= 0:
            raise FetchStoppedError(f"gave up after the deadline of {self.seconds:g} s for one fetch")

    def timeout(self) -> httpx.Timeout:
        import httpx

        return httpx.Timeout(max(0.01, min(limits.HTTP_TIMEOUT_SECONDS, self.left())))


@contextmanager
def _watchdog(clock: _Clock) -> Iterator[dict[str, Any]]:
    """Shut the request's socket when the deadline passes, waking a read that a slow server keeps
    alive with a byte now and then. Yields the request extensions that let it find the socket."""
    sockets: list[socket.socket] = []

    def trace(event: str, info: dict[str, Any]) -> None:
        if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                sockets.append(sock)

    def stop() -> None:
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(max(0.0, clock.left()), stop)
    timer.daemon = True
    timer.start()
    try:
        yield {"trace": trace}
    finally:
        timer.cancel()


def _error_reason(error: httpx.HTTPError) -> str:
    detail = str(error).splitlines()[0] if str(error) else ""
    kind = type(error).__name__
    return f"unreachable ({kind}: {detail})" if detail else f"unreachable ({kind})"


class _Retry(Exception):
    """A status worth asking again for."""


def fetch(
    url: str, client: httpx.Client, policy: FetchPolicy | None = None, headers: Mapping[str, str] | None = None
) -> Fetched:
    """GET ``url`` within the policy's deadline and size cap, following redirects to allowed hosts.
    ``headers`` are sent with the request (If-None-Match...); a 304 answer is a Fetched with no content.

    Raises FetchStoppedError when a guard stopped it (refused address, deadline, size), InputError
    with the reason for any other failure.
    """
    import httpx

    policy = policy or FetchPolicy.from_env()
    clock = _Clock(policy.deadline)
    attempts = 1 + limits.HTTP_RETRIES
    reason = "unreachable"
    for attempt in range(attempts):
        if attempt:
            pause = limits.HTTP_BACKOFF_SECONDS * 2 ** (attempt - 1)
            time.sleep(max(0.0, min(pause, clock.left())))
        clock.check()
        try:
            return _attempt(url, client, policy, clock, headers or {})
        except _Retry as e:
            reason = str(e)
        except httpx.InvalidURL as e:
            raise InputError(f"invalid URL ({e})") from e
        except httpx.HTTPError as e:
            clock.check()  # a read cut by the watchdog is the deadline, not the network
            reason = _error_reason(e)
    raise InputError(f"{reason} after {attempts} attempts")


def _attempt(
    url: str, client: httpx.Client, policy: FetchPolicy, clock: _Clock, extra_headers: Mapping[str, str]
) -> Fetched:
    import httpx

    current = httpx.URL(url)
    for _ in range(limits.HTTP_MAX_REDIRECTS + 1):
        if current.scheme not in ("http", "https"):
            raise InputError(f"redirected to {current}, which is not an http(s) address")
        target, headers, extensions = _checked(current, policy)
        headers = {**extra_headers, **headers}
        with _watchdog(clock) as watch:
            extensions.update(watch)
            with client.stream(
                "GET", target, headers=headers, timeout=clock.timeout(), extensions=extensions, follow_redirects=False
            ) as response:
                location = response.headers.get("location")
                if response.status_code in _REDIRECT_STATUS and location:
                    current = current.join(location)
                    continue
                if response.status_code >= 400:
                    reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    if response.status_code in _RETRY_STATUS:
                        raise _Retry(reason)
                    raise InputError(reason)
                content = b"" if response.status_code == 304 else _body(response, policy.cap, clock)
                return Fetched(
                    str(current),
                    content,
                    response.headers.get("content-type", ""),
                    response.status_code,
                    response.headers.get("etag"),
                    response.headers.get("last-modified"),
                )
    raise InputError(f"more than {limits.HTTP_MAX_REDIRECTS} redirects")


def _checked(url: httpx.URL, policy: FetchPolicy) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
    """The URL to request, its headers and extensions: unless private hosts are allowed, the
    connection goes to the address that was checked (a second look-up could answer otherwise)."""
    if policy.allow_private_hosts:
        return url, {}, {}
    host = url.host
    if not host:
        raise InputError(f"invalid URL ({url}: no host)")
    address = public_address(host, url.port or (443 if url.scheme == "https" else 80))
    if address == host:
        return url, {}, {}
    netloc = host if url.port is None else f"{host}:{url.port}"
    extensions: dict[str, Any] = {"sni_hostname": host} if url.scheme == "https" else {}
    return url.copy_with(host=address), {"Host": netloc}, extensions


def _body(response: httpx.Response, cap: int, clock: _Clock) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FetchStoppedError(_too_large(int(declared), cap))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > cap:
            raise FetchStoppedError(_too_large(size, cap))
        chunks.append(chunk)
        clock.check()
    return b"".join(chunks)


def _too_large(size: int, cap: int) -> str:
    limit = limits.megabytes(cap)
    return f"response of {limits.megabytes(size)} or more is larger than the limit of {limit} for one fetch"
