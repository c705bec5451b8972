"""The web app's rules of access and the headers every answer carries.

- Reading is open on loopback; when the server listens elsewhere (``every_request``), every
  request needs ``Authorization: Bearer TOKEN`` (401 otherwise).
- Writing (a POST) needs the token whenever one was given, on loopback too; a POST whose
  Origin is another site is refused, so that a page elsewhere cannot post through a browser.
- Every answer forbids scripts other than the app's own file, inline ones included, framing,
  and content sniffing.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # no-referrer would make a browser send "Origin: null" on our own forms
    "Cache-Control": "no-store",
}
_SECURITY_HEADERS_RAW = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address) is this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bearer_matches(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries this bearer token (compared in constant time)."""
    if not header:
        return False
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), token.encode())


def token_matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def _unauthorized(reason: str) -> Response:
    return PlainTextResponse(reason, status_code=401, headers={"WWW-Authenticate": "Bearer"})


def _foreign_origin(headers: Headers) -> bool:
    """Whether a browser sent this request from another site's page (a client that is not a
    browser sends neither header, and is let through to the token check)."""
    fetched_from = headers.get("sec-fetch-site")
    if fetched_from:
        return fetched_from not in ("same-origin", "none")
    origin = headers.get("origin")
    if not origin:
        return False
    return origin == "null" or urlsplit(origin).netloc != headers.get("host", "")


class AccessRules:
    """The middleware that applies the rules above; ``token`` None means none was given.

    Plain ASGI rather than Starlette's BaseHTTPMiddleware, which runs every answer through a
    task and a stream of its own: it adds the headers to the answer's first message on its way
    out, and sets ``request.state.authorized`` for the routes."""

    def __init__(self, app: ASGIApp, token: str | None, every_request: bool) -> None:
        self.app = app
        self.token = token
        self.every_request = every_request

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        authorized = self.token is not None and bearer_matches(headers.get("authorization"), self.token)

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                given = list(message.get("headers", ()))
                present = {name.lower() for name, _ in given}
                given.extend(header for header in _SECURITY_HEADERS_RAW if header[0] not in present)
                message = {**message, "headers": given}
            await send(message)

        refusal: Response | None = None
        if self.every_request and not authorized:
            refusal = _unauthorized("This server needs Authorization: Bearer TOKEN.")
        elif scope["method"] not in ("GET", "HEAD", "OPTIONS") and _foreign_origin(headers):
            refusal = PlainTextResponse("A write from another site is refused.", status_code=403)
        if refusal is not None:
            await refusal(scope, receive, send_secured)
            return
        scope.setdefault("state", {})["authorized"] = authorized
        await self.app(scope, receive, send_secured)
