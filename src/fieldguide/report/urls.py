"""Which source URLs may become links: absolute http(s) URLs, made valid URIs.

A document's URL comes from the source and can be anything: ``javascript:alert(1)``, a
relative path, a space or a ``<`` in the middle. A brief links, and a STIX bundle
references, only an http(s) URL with a host; characters RFC 3986 does not allow in its
path, query or fragment are percent-encoded, so what is linked is what the source named.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, quote, urlsplit

WEB_SCHEMES = ("http", "https")
# RFC 3986 sub-delims, ':' and '@' (pchar) and '/'; query and fragment also allow '?'.
_PATH_SAFE = "/:@!$&'()*+,;=%"
_QUERY_SAFE = _PATH_SAFE + "?"
_HOST = re.compile(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]")
_USERINFO = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:%-]*")
_BARE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def web_url(url: str | None) -> str | None:
    """``url`` as a valid absolute http(s) URI, or None when it is not an http(s) URL with a host."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises on a port that is not a number
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname:
        return None
    netloc = _netloc(parts, port)
    if netloc is None:
        return None
    path = _encode(parts.path, _PATH_SAFE)
    query = _encode(parts.query, _QUERY_SAFE)
    fragment = _encode(parts.fragment, _QUERY_SAFE)
    return SplitResult(parts.scheme.lower(), netloc, path, query, fragment).geturl()


def _encode(part: str, safe: str) -> str:
    return _BARE_PERCENT.sub("%25", quote(part, safe=safe))


def _netloc(parts: SplitResult, port: int | None) -> str | None:
    """The authority with a host name (IDNA-encoded when it is not ASCII), or None when malformed."""
    userinfo, _, _ = parts.netloc.rpartition("@")
    if userinfo and not _USERINFO.fullmatch(userinfo):
        return None
    host = parts.hostname or ""
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if ":" in host:  # an IPv6 literal: urlsplit took off its brackets
        host = f"[{host}]"
    if not _HOST.fullmatch(host):
        return None
    return (f"{userinfo}@" if userinfo else "") + host + (f":{port}" if port is not None else "")
