"""Source text made inert for the places it lands in a Markdown file (CommonMark / GitHub).

Titles, ids, evidence and URLs come from the sources. Each Markdown writer puts them in
through one of these, chosen by context:

- ``text``: running text. Inline markup characters are backslash-escaped (so ``<img ...>``
  stays words, not an HTML tag, and ``&lt;`` stays as written), a leading ``#``, ``>``,
  ``-``, ``+``, ``=`` or ``1.`` cannot start a block, line breaks become spaces.
- ``code``: a code span, fenced with more backticks than the text holds (backslashes do not
  escape inside code spans, so a longer fence is the only way to hold a backtick).
- ``link``: a link only to an absolute http(s) URL (report.urls), its parentheses
  percent-encoded so that ``)`` cannot close the link early; anything else is no link.

Control characters are shown as escapes (fieldguide.visible) everywhere.
"""

from __future__ import annotations

import re

from fieldguide.report.urls import web_url
from fieldguide.visible import visible

_INLINE = re.compile(r"([\\`*_\[\]<>|&~#])")
_BLOCK_START = re.compile(r"^(\s*)([>+=-]|\d{1,9}(?=[.)]))")
_ORDERED = re.compile(r"^(\s*\d{1,9})([.)])")
_BACKTICKS = re.compile(r"`+")


def _one_line(value: str) -> str:
    return " ".join(value.splitlines())


def text(value: str) -> str:
    """``value`` as Markdown text that shows exactly these characters, on one line."""
    escaped = _INLINE.sub(r"\\\1", _one_line(value))
    if _ORDERED.match(escaped):
        escaped = _ORDERED.sub(r"\1\\\2", escaped, count=1)
    elif _BLOCK_START.match(escaped):
        escaped = _BLOCK_START.sub(r"\1\\\2", escaped, count=1)
    return visible(escaped)


def code(value: str) -> str:
    """``value`` as a code span that no backtick in it can close."""
    inner = visible(_one_line(value))
    if not inner:
        return ""
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(inner)), default=0) + 1)
    # A space either side is stripped by the renderer; it keeps an edge backtick off the fence.
    pad = " " if inner[0] in "` " or inner[-1] in "` " else ""
    return f"{fence}{pad}{inner}{pad}{fence}"


def link(label: str, url: str | None) -> str | None:
    """``[label](url)`` with ``label`` as text, or None when ``url`` is not an http(s) URL."""
    target = web_url(url)
    if target is None:
        return None
    target = target.replace("(", "%28").replace(")", "%29")
    return f"[{text(label)}]({target})"
