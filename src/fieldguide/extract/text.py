"""Sentences and clauses with their offsets: the units every extractor reads."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldguide.model import Span

# Abbreviations KCNA uses that end in a period but do not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    jan feb mar apr jun jul aug sep sept oct nov dec mt st dr mr mrs ms no nos lt gen col maj capt jr sr vs co
    ltd inc dept prof gov sen rep e.g i.e etc c.c u.s u.n u.k d.p.r.k r.o.k
    """.split()
)
# One character class first, so the regex engine can skip to candidate characters.
_BOUNDARY = re.compile(r"[.!?\n](?:(?<=\n)\n*|(?<=[.!?])['\"”’)]*(?=\s+['\"“‘(]?[A-Z0-9]))")
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")  # what _word_before reads, as a pattern
_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.")
_LOOK_BACK = 12  # the longest abbreviation ("d.p.r.k") and then some


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    span: Span
    text: str
    paragraph: int


def sentences(text: str) -> list[Sentence]:
    """Split text into sentences, keeping each one's offsets and paragraph number."""
    out: list[Sentence] = []
    start = 0
    paragraph = 0
    for m in _BOUNDARY.finditer(text):
        if text[m.start()] == "\n":
            end = m.start()
        else:
            word = _word_before(text, m.start())
            if word and word.lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if len(word) == 1 and word.isupper():
                continue  # an initial, as in "Kim J. Un" or "H. Lee"
            end = m.end()
        if end > start:  # a line break right after a sentence's end leaves nothing between them
            _add(out, text, start, end, paragraph)
        start = m.end()
        if text[m.end() - 1] == "\n" or text[m.start()] == "\n":
            paragraph += 1
    _add(out, text, start, len(text), paragraph)
    return out


def _word_before(text: str, dot: int) -> str:
    """The letters and periods right before the period at ``dot``, at most _LOOK_BACK of them ("" when
    ``dot`` holds no period): what ``_WORD_BEFORE`` finds, read backwards without a regex search that
    tries each of the dozen places it may start at."""
    if text[dot] != ".":
        return ""
    floor = max(0, dot - _LOOK_BACK)
    start = dot
    while start > floor and text[start - 1] in _WORD_CHARS:
        start -= 1
    return text[start:dot]


def _add(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    piece = text[start:end]
    trimmed = piece.lstrip()
    start += len(piece) - len(trimmed)
    trimmed = trimmed.rstrip()
    if trimmed:
        out.append(Sentence(len(out), Span(start, start + len(trimmed)), trimmed, paragraph))


def sentence_at(sents: list[Sentence], pos: int) -> Sentence | None:
    """The sentence that holds offset ``pos``."""
    lo, hi = 0, len(sents) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sents[mid]
        if pos < s.span.start:
            hi = mid - 1
        elif pos >= s.span.end:
            lo = mid + 1
        else:
            return s
    return None


def lowercase(text: str) -> str:
    """The text lower-cased with every offset kept: a character whose lower case is longer
    ("İ" -> "i̇") stays as it is, so that positions found in the lower-cased text hold in the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)
