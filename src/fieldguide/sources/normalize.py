"""Text normalization that keeps every offset traceable to the text as it was read.

``normalize(raw)`` returns the normalized text and an :class:`OffsetMap` from normalized to
original offsets. It changes as little as it can, so the map stays simple:

0. Characters no back end stores (NUL and other controls, lone surrogates: see
   fieldguide/characters.py) are removed.
1. NFC (only when the text is not NFC already, which is rare).
2. Whitespace: line endings become ``\\n``; runs of spaces/tabs (and no-break spaces) become one
   space; spaces around line breaks go; three or more line breaks become a blank line; the text is
   stripped.
3. Stray line breaks inside a sentence become a space. The corpus uses a single ``\\n`` between
   paragraphs, so a break is joined only where it is clearly mid-sentence: the line ends without
   terminal punctuation and the next one starts with a lowercase letter or with one of the names
   the scraper splits off ("...fatherly Marshal\\nKim Jong Un put forward...").
4. Names glued to their neighbours by the scraper get their spaces back:
   "toKim Jong Unthat" -> "to Kim Jong Un that".

Every other character is kept as it is (curly quotes included).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache

from fieldguide.characters import has_unstorable, unstorable_spans
from fieldguide.model import OffsetMap

# The names KCNA's scraped English text glues to the neighbouring words (checked on the 2024 corpus:
# Kim Jong Un, Kim Il Sung and Kim Jong Il are glued hundreds of times; Kim Jong Suk is kept for safety).
DEFAULT_GLUED_NAMES: tuple[str, ...] = ("Kim Jong Un", "Kim Jong Il", "Kim Il Sung", "Kim Jong Suk")

# Word endings that legitimately follow a name without a space (Kim Il Sungism, Kim Il Sungia).
_NAME_SUFFIXES = frozenset({"ia", "ias", "ism", "isms", "ist", "ists", "ite", "ites"})

# Whitespace other than " " and "\n": always rewritten. Line separators count as line breaks.
_ODD_SPACE = "\\t\\f\\v\\xa0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000"
_LINE_BREAKS = "\\r\\u2028\\u2029\\x85"
# Checked one by one with ``in`` (a fast substring scan): far quicker than a regex character class.
_ODD_CHARS = tuple("\t\r\f\v\xa0\u1680\u202f\u205f\u3000\u2028\u2029\x85") + tuple(
    chr(c) for c in range(0x2000, 0x200B)
)
_ODD_ASCII = ("\t", "\r", "\f", "\v")
# A run of whitespace that needs an edit: two or more characters, or one odd one. Each alternative
# starts with a character class, so clean stretches cost the regex engine almost nothing.
_WHITESPACE = re.compile(f"[ \\n{_ODD_SPACE}{_LINE_BREAKS}]{{2,}}|[{_ODD_SPACE}{_LINE_BREAKS}]")
_TO_NEWLINE = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n"})
_STRIP = " \n\x85\u2028\u2029" + "".join(_ODD_CHARS)  # for str.strip: every space and break
# A line that ends with one of these ends a sentence or a quotation: its break is a real one.
_TERMINAL = frozenset(".!?:;\"'”’)]}…-–—>*|")


@lru_cache(maxsize=16)
def _name_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    name_re = re.compile(alternation)
    stray_break_re = re.compile(f"\\n(?=[a-z]|(?:{alternation}))")
    return name_re, stray_break_re


Edit = tuple[int, int, str]  # replace original[start:end] with the string


def _apply(text: str, edits: Sequence[Edit]) -> tuple[str, list[int], list[int]]:
    """Apply sorted, non-overlapping edits; return the new text and its breakpoints."""
    parts: list[str] = []
    norm: list[int] = []
    orig: list[int] = []
    pos = 0  # in text
    out = 0  # in the new text
    for start, end, repl in edits:
        parts.append(text[pos:start])
        out += start - pos
        span, length = end - start, len(repl)
        if span != length:
            # The replacement maps onto what it replaces, char by char; characters beyond the span's
            # length (an inserted space, an NFC expansion) map to the span's last character (or, for
            # a pure insertion, to the character after it). After it, offsets resume at end.
            if length:
                _breakpoint(norm, orig, out, start)
                last = max(start, end - 1)
                for k in range(max(span, 1), length):
                    _breakpoint(norm, orig, out + k, last)
            out += length
            _breakpoint(norm, orig, out, end)
        else:
            out += length
        parts.append(repl)
        pos = end
    parts.append(text[pos:])
    return "".join(parts), norm, orig


def _breakpoint(norm: list[int], orig: list[int], n: int, o: int) -> None:
    if norm and norm[-1] == n:
        norm.pop()
        orig.pop()
    # Skip points that change nothing: the shift is already n -> o.
    shift = (orig[-1] - norm[-1]) if norm else 0
    if o - n != shift:
        norm.append(n)
        orig.append(o)


def _compose(outer: OffsetMap, inner: OffsetMap) -> OffsetMap:
    """The map of ``inner.to_original(outer.to_original(i))``: outer maps into inner's normalized text."""
    if not inner.norm:
        return outer
    if not outer.norm:
        return inner
    # Segments of outer: [n_k, n_{k+1}) -> [o_k, ...). Inner breakpoints that fall inside a segment
    # become new breakpoints of the composition.
    seg_starts = [0, *outer.norm] if outer.norm[0] != 0 else list(outer.norm)
    seg_origs = [0, *outer.orig] if outer.norm[0] != 0 else list(outer.orig)
    norm: list[int] = []
    orig: list[int] = []
    for k, n_k in enumerate(seg_starts):
        o_k = seg_origs[k]
        _breakpoint(norm, orig, n_k, inner.to_original(o_k))
        if k + 1 < len(seg_starts):
            o_end = o_k + (seg_starts[k + 1] - n_k)
            lo, hi = bisect_right(inner.norm, o_k), bisect_left(inner.norm, o_end)
        else:
            lo, hi = bisect_right(inner.norm, o_k), len(inner.norm)
        for j in range(lo, hi):
            b = inner.norm[j]
            _breakpoint(norm, orig, n_k + (b - o_k), inner.orig[j])
    return OffsetMap(tuple(norm), tuple(orig))


# Code points that may compose with the character before them under NFC (the second half of a
# canonical pair, Hangul vowel and trailing jamo). Built on first need: most text is NFC already.
_composes_with_previous: frozenset[str] | None = None


def _composing_chars() -> frozenset[str]:
    global _composes_with_previous
    if _composes_with_previous is None:
        found: set[str] = {chr(c) for c in range(0x1161, 0x1176)} | {chr(c) for c in range(0x11A8, 0x11C3)}
        for cp in range(0x110000):
            decomposition = unicodedata.decomposition(chr(cp))
            if decomposition and not decomposition.startswith("<"):
                parts = decomposition.split()
                if len(parts) == 2:
                    found.add(chr(int(parts[1], 16)))
        _composes_with_previous = frozenset(found)
    return _composes_with_previous


def _nfc(text: str) -> tuple[str, OffsetMap]:
    """NFC, cluster by cluster, so each composed character maps to the start of its cluster."""
    if unicodedata.is_normalized("NFC", text):
        return text, OffsetMap()
    composing = _composing_chars()
    edits: list[Edit] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i < len(text):
            ch = text[i]
            if unicodedata.combining(ch) or ch in composing:
                continue
        cluster = text[start:i]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            edits.append((start, i, composed))
        start = i
    out, norm, orig = _apply(text, edits)
    return out, OffsetMap(tuple(norm), tuple(orig))


# " \n", "\n " or "\n\n\n" in one search that skips from line break to line break (three substring
# scans stop at every space).
_SPACE_AT_BREAK = re.compile(r"\n(?:(?<= \n)| |\n\n)")


def _needs_whitespace_work(text: str) -> bool:
    return (
        "  " in text
        or _SPACE_AT_BREAK.search(text) is not None
        or text[:1].isspace()
        or text[-1:].isspace()
        or any(ch in text for ch in (_ODD_ASCII if text.isascii() else _ODD_CHARS))
    )


def _whitespace_edits(text: str) -> list[Edit]:
    if not _needs_whitespace_work(text):
        return []
    stripped_front = text.lstrip(_STRIP)
    start = len(text) - len(stripped_front)
    end = start + len(stripped_front.rstrip(_STRIP))
    edits: list[Edit] = []
    if start:
        edits.append((0, start, ""))
    for m in _WHITESPACE.finditer(text, start, end):
        run = m.group()
        breaks = run.replace("\r\n", "\n").translate(_TO_NEWLINE).count("\n")
        replacement = " " if breaks == 0 else "\n" if breaks == 1 else "\n\n"
        if run != replacement:
            edits.append((m.start(), m.end(), replacement))
    if end < len(text):
        edits.append((end, len(text), ""))
    return edits


def _repair_edits(text: str, names: tuple[str, ...]) -> list[Edit]:
    name_re, stray_break_re = _name_patterns(names)
    edits: list[Edit] = []
    if "\n" in text:
        for m in stray_break_re.finditer(text):
            i = m.start()
            if i > 0 and text[i - 1] not in _TERMINAL and text[i - 1] != "\n":
                edits.append((i, i + 1, " "))
    for m in name_re.finditer(text):
        s, e = m.span()
        if s > 0 and text[s - 1].isalnum():
            edits.append((s, s, " "))
        if e < len(text) and text[e].isalnum():
            word_end = e
            while word_end < len(text) and text[word_end].isalpha():
                word_end += 1
            if text[e:word_end] not in _NAME_SUFFIXES:
                edits.append((e, e, " "))
    # Two names glued to each other ("Kim Il SungKim Jong Il") ask for the same space twice.
    return sorted(set(edits), key=lambda edit: (edit[0], edit[1]))


def normalize(raw: str, names: Iterable[str] = DEFAULT_GLUED_NAMES) -> tuple[str, OffsetMap]:
    """Normalize ``raw``; return the text and the map from its offsets to offsets in ``raw``.

    ``names`` are the names whose missing spaces are repaired ("toKim Jong Unthat").
    """
    names = tuple(names)
    text, offsets = raw, OffsetMap()
    removals = unstorable_spans(raw)
    if removals:
        text, norm, orig = _apply(raw, [(start, end, "") for start, end in removals])
        offsets = OffsetMap(tuple(norm), tuple(orig))
    text, composed = _nfc(text)
    offsets = _compose(composed, offsets)

    edits = _whitespace_edits(text)
    if edits:
        text, norm, orig = _apply(text, edits)
        offsets = _compose(OffsetMap(tuple(norm), tuple(orig)), offsets)

    edits = _repair_edits(text, names) if names else []
    if edits:
        text, norm, orig = _apply(text, edits)
        offsets = _compose(OffsetMap(tuple(norm), tuple(orig)), offsets)
    return text, offsets


def normalize_line(raw: str | None, names: Iterable[str] = DEFAULT_GLUED_NAMES) -> str | None:
    """Normalize a one-line field (a title): the same repairs, all whitespace to single spaces."""
    if raw is None:
        return None
    names = tuple(names)
    collapsed = " ".join(raw.split())
    if raw.isascii() and not any(n in collapsed for n in names) and not has_unstorable(raw):
        # nothing to remove, compose or repair: normalize would change only whitespace, which
        # the join collapses the same way (most titles; a third of the time)
        return collapsed or None
    text, _ = normalize(raw, names)
    text = " ".join(text.split())
    return text or None
