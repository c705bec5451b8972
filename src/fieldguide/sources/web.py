"""HTTP for sources: one polite client, timeouts, a few retries with backoff, clear failures."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from fieldguide.errors import InputError
from fieldguide.sources import limits

# Worth a retry: the server may answer next time.
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


def make_client() -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": limits.USER_AGENT},
        timeout=limits.HTTP_TIMEOUT_SECONDS,
        follow_redirects=True,
    )


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str


def _error_reason(error: httpx.HTTPError) -> str:
    detail = str(error).splitlines()[0] if str(error) else ""
    kind = type(error).__name__
    return f"unreachable ({kind}: {detail})" if detail else f"unreachable ({kind})"


def fetch(url: str, client: httpx.Client) -> Fetched:
    """GET ``url``; raise InputError with the reason when it cannot be had."""
    attempts = 1 + limits.HTTP_RETRIES
    reason = "unreachable"
    for attempt in range(attempts):
        if attempt:
            time.sleep(limits.HTTP_BACKOFF_SECONDS * 2 ** (attempt - 1))
        try:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    if response.status_code in _RETRY_STATUS:
                        continue
                    raise InputError(reason)
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > limits.MAX_DOCUMENT_BYTES:
                    raise InputError(_too_large(int(declared)))
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limits.MAX_DOCUMENT_BYTES:
                        raise InputError(_too_large(size))
                    chunks.append(chunk)
                return Fetched(str(response.url), b"".join(chunks), response.headers.get("content-type", ""))
        except httpx.InvalidURL as e:
            raise InputError(f"invalid URL ({e})") from e
        except httpx.HTTPError as e:
            reason = _error_reason(e)
    raise InputError(f"{reason} after {attempts} attempts")


def _too_large(size: int) -> str:
    return (
        f"response of {limits.megabytes(size)} or more is larger than the limit of "
        f"{limits.megabytes(limits.MAX_DOCUMENT_BYTES)} for one document"
    )
