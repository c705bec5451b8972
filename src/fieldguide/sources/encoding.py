"""Bytes to text: BOMs first, then strict UTF-8, then charset-normalizer.

A declared charset (an HTML meta tag, an HTTP header) is not trusted: pages that lie about their
encoding are common, and the bytes themselves are the better witness.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from fieldguide.errors import InputError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, newlines and form feed: text has almost none of them.
_CONTROL = frozenset(chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v") | {"\x7f"}
_MAX_CONTROL_RATIO = 0.01


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch in _CONTROL)
    return controls / len(sample) > _MAX_CONTROL_RATIO


def _utf16_without_bom(data: bytes) -> str | None:
    """The byte order of BOM-less UTF-16 text, or None when the bytes are not that.

    Spaces, newlines and digits are ASCII in every script, and come out as ASCII only when the
    byte order is right ("20 00" is a space in LE but U+2000 in BE): the order with more ASCII wins.
    """
    if len(data) < 4 or len(data) % 2:
        return None
    sample = data[:8192]
    best: tuple[int, str] | None = None
    for name in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(name)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text) or sum(1 for ch in text if ch.isprintable() or ch.isspace()) < 0.95 * len(text):
            continue
        ascii_count = sum(1 for ch in text if ch < "\x80")
        if ascii_count and (best is None or ascii_count > best[0]):
            best = (ascii_count, name)
    return best[1] if best else None


def is_binary(data: bytes) -> bool:
    """NUL bytes that are not UTF-16 text mark a binary file."""
    if b"\x00" not in data[:65536]:
        return False
    return not any(data.startswith(bom) for bom, _ in _BOMS) and _utf16_without_bom(data) is None


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return the text and the name of the encoding used.

    Raises InputError ("binary file", "undecodable ...") when nothing decodes sensibly.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name), name
            except UnicodeDecodeError as e:
                raise InputError(f"undecodable: starts with a {name} byte order mark but is not {name}") from e
    if b"\x00" in data:
        name16 = _utf16_without_bom(data)
        if name16 is None:
            raise InputError("binary file (NUL bytes)")
        try:
            return data.decode(name16), name16
        except UnicodeDecodeError as e:
            raise InputError("binary file (NUL bytes)") from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise InputError("binary file (control characters)")
        return text, "utf-8"
    text, name = _detect(data)
    if _looks_binary(text):
        raise InputError("binary file (control characters)")
    return text, name


# When charset-normalizer finds several single-byte code pages equally plausible (short Western
# text often fits cp1250, cp1257 and cp1252 alike), the one the web uses most is the safer guess.
_PREFERRED_ON_TIE = ("cp1252",)
_CHAOS_TIE = 0.01


def _detect(data: bytes) -> tuple[str, str]:
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("binary file (no text encoding fits)")
    for preferred in _PREFERRED_ON_TIE:
        for match in matches:
            if match.chaos <= best.chaos + _CHAOS_TIE and preferred in match.could_be_from_charset:
                try:
                    return data.decode(preferred), preferred
                except UnicodeDecodeError:
                    break
    return str(best), best.encoding
