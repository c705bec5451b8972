"""Bytes to text: BOMs first, then strict UTF-8, then UTF-8 with a few bad bytes replaced, then
charset-normalizer.

A declared charset (an HTML meta tag, an HTTP header) is not trusted: pages that lie about their
encoding are common, and the bytes themselves are the better witness.
"""

from __future__ import annotations

import codecs
from typing import NamedTuple

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


class Decoded(NamedTuple):
    text: str
    encoding: str
    replaced: int = 0  # byte sequences that were not UTF-8 in a text read as UTF-8, now U+FFFD

    @property
    def warning(self) -> str | None:
        """What a reader should be told about the decoding, if anything."""
        if not self.replaced:
            return None
        sequences = "sequence" if self.replaced == 1 else "sequences"
        return (
            f"read as UTF-8 with {self.replaced} invalid byte {sequences} replaced by U+FFFD "
            "(the rest of the text is valid UTF-8)"
        )


# A text whose well-formed UTF-8 characters outnumber its malformed sequences this many times over
# is UTF-8 with a few damaged bytes. A legacy encoding read as UTF-8 gives the reverse: EUC-KR
# Hangul forms a valid UTF-8 pair about once in ten, Latin-1 accents almost never.
_UTF8_EVIDENCE_RATIO = 20


def _mostly_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    well_formed = non_ascii - text.count("\ufffd")
    if replaced <= 0 or well_formed < _UTF8_EVIDENCE_RATIO * replaced:
        return None
    return Decoded(text, "utf-8", replaced)


def decode(data: bytes) -> Decoded:
    """Decode ``data``; return the text, the name of the encoding used and how many bytes were replaced.

    A text that is UTF-8 but for a few bad bytes is read as UTF-8 with those replaced (and says so
    in ``warning``) rather than as a single-byte code page that fits every byte and garbles all.
    Raises InputError ("binary file", "undecodable ...") when nothing decodes sensibly.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name), name)
            except UnicodeDecodeError as e:
                raise InputError(f"undecodable: starts with a {name} byte order mark but is not {name}") from e
    if b"\x00" in data:
        name16 = _utf16_without_bom(data)
        if name16 is None:
            raise InputError("binary file (NUL bytes)")
        try:
            return Decoded(data.decode(name16), name16)
        except UnicodeDecodeError as e:
            raise InputError("binary file (NUL bytes)") from e
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise InputError("binary file (control characters)")
        return Decoded(text, "utf-8")
    decoded = _mostly_utf8(data) or _detect(data)
    if _looks_binary(decoded.text):
        raise InputError("binary file (control characters)")
    return decoded


# When charset-normalizer finds several single-byte code pages equally plausible (short Western
# text often fits cp1250, cp1257 and cp1252 alike), the one the web uses most is the safer guess.
_PREFERRED_ON_TIE = ("cp1252",)
_CHAOS_TIE = 0.01


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes  # here: most input is UTF-8 and never needs it

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise InputError("binary file (no text encoding fits)")
    for preferred in _PREFERRED_ON_TIE:
        for match in matches:
            if match.chaos <= best.chaos + _CHAOS_TIE and preferred in match.could_be_from_charset:
                try:
                    return Decoded(data.decode(preferred), preferred)
                except UnicodeDecodeError:
                    break
    return Decoded(str(best), best.encoding)
