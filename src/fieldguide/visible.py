"""Control characters of source text made visible as escapes (ESC shows as ``\\x1b``).

A title, id or file name is printed or written where a terminal may read it: raw, an ESC
sequence could recolour the screen or move the cursor, a carriage return overwrite the line,
and a bidirectional override reorder what the reader sees. Tab and newline are kept.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control character (but tab and newline) written as a \\x or \\u escape."""
    return _INVISIBLE.sub(_escape, text)
