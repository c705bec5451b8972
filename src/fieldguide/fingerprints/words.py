"""Words and numbers as linking compares them across documents: folded text, content words,
numbers with their units. Computed by ingest (``facts.Terms``) and by linking alike, so that "the
same number" or "the same words" means one thing on both sides. Pure: text in, features out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
# 7,687.5 / 4 200 / 600mm / 240-mm: the digits, with grouping separators, and an optional unit.
# No look-behind in front: a pattern that begins with a digit lets the engine skip to digits.
# numbers() checks the character before each match instead (not a word character, . , / or -).
_NUMBER = re.compile(
    r"(\d(?:\d{0,2}(?:(?:,|[ \u00a0\u2009])\d{3})+(?!\d)|\d*))(\.\d+)?"
    r"(?:\s?-?(mm|millimet(?:er|re)s?|km|kilomet(?:er|re)s?|seconds?|met(?:er|re)s?|tons?))?(?![\w/]|-\d)"
)
_NOT_DIGIT = re.compile(r"\D")
_APOSTROPHES = ("’", "‘", "`", "´")


def _one_apostrophe(text: str) -> str:
    # str.replace per variant: str.translate takes a slow path on text that is not ASCII.
    for variant in _APOSTROPHES:
        if variant in text:
            text = text.replace(variant, "'")
    return text


# Words that say nothing about which activity a text is about: function words and the
# vocabulary every report about the DPRK and every dispatch shares.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no nor
    not now of off on once only or other our out over own same she should so some such than that the
    their theirs them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your said says say saying told according
    reported reports report news agency media state state-run official korea korean korea's north
    north's dprk pyongyang kim jong un jong-un leader comrade respected general secretary workers party
    wpk central committee people's republic democratic country's country also monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september october
    november december year years day days week month time one two three new kcna rodong sinmun seoul
    south photo image picture via yonhap afp reuters ap""".split()
)


def fold(text: str) -> str:
    """Lower case, compatibility-folded, one kind of apostrophe and dash, single spaces."""
    if text.isascii() and "`" not in text:  # the common case, where only case and spaces change
        return " ".join(text.lower().split())
    text = _one_apostrophe(unicodedata.normalize("NFKC", text)).lower()
    text = re.sub(r"[‐‑‒–—]", "-", text)
    return " ".join(text.split())


@functools.lru_cache(maxsize=65_536)
def fold_name(name: str) -> str:
    """``fold`` of a name or a term of an extraction record, remembered: the same few thousand
    recur in every record, and each profile folds dozens of them."""
    return fold(name)


def words_of(text: str) -> list[str]:
    """The words of ``text`` as compared across documents (folded, hyphenated words kept whole)."""
    if text.isascii():  # the common case: NFKC and the dash and quote variants change nothing
        lowered = text.lower()
        return _WORD.findall(lowered.replace("`", "'") if "`" in lowered else lowered)
    return _WORD.findall(fold(text))


def document_words(title: str | None, text: str) -> list[str]:
    """The words of a document as linking reads it: its title, then its text."""
    return words_of((title or "") + " . " + text)


def phrase_text(words: list[str]) -> str:
    """Words joined for phrase look-ups: single spaces, and one at either end."""
    return " " + " ".join(words) + " "


def content_words(text: str) -> set[str]:
    """Words that can tell one activity from another: no stopwords, no bare numbers, a plural's
    trailing s dropped so that "launchers" meets "launcher"."""
    return content_of(words_of(text))


def content_of(words: list[str]) -> set[str]:
    """``content_words`` of words already split and folded."""
    out = {_content_word(word) for word in set(words)}
    out.discard(None)
    return out  # type: ignore[return-value]


@functools.lru_cache(maxsize=200_000)
def _content_word(word: str) -> str | None:
    # Cached: an archive's vocabulary is small beside the number of times its words occur.
    if word in STOPWORDS or len(word) < 3 or not any(ch.isalpha() for ch in word):
        return None
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return _SPELLING.sub(_american, word)


# British and American spellings meet ("defence"/"defense", "modernising"/"modernizing"). Applied to
# both sides alike, so a word it bends by mistake ("exercise" -> "exercize") still meets itself.
_SPELLING = re.compile(r"(?<=\w{3})(?:(ence)$|(is)(e|ed|es|ing|ation|ations)$|(our)$|(mme)$)")


def _american(m: re.Match[str]) -> str:
    if m.group(1):
        return "ense"
    if m.group(2):
        return "iz" + m.group(3)
    if m.group(4):
        return "or"
    return "m"


@dataclass(frozen=True, slots=True)
class Number:
    value: str  # normalized: "7687.5", "600mm"
    text: str
    start: int
    end: int


def _unit(raw: str | None) -> str:
    if not raw:
        return ""
    raw = raw.lower()
    for long, short in (("millimet", "mm"), ("kilomet", "km"), ("second", "s"), ("met", "m"), ("ton", "t")):
        if raw.startswith(long):
            return short
    return raw


_MONTH = re.compile(
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$|^\s*(st|nd|rd|th)?\s*(of\s+)?"
    r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.IGNORECASE,
)


def _is_date_or_time(text: str, start: int, end: int) -> bool:
    """A day of a month ("Sept. 13", "13 September") or a clock time ("7:10"), not a quantity."""
    before, after = text[max(0, start - 12) : start], text[end : end + 14]
    if before.endswith(":") or after.startswith(":") or re.match(r"\s*(a\.m|p\.m|am\b|pm\b|gmt|kst)", after, re.I):
        return True
    month_before = _MONTH.search(before)
    return bool(month_before and month_before.end() == len(before)) or bool(_MONTH.match(after))


def numbers(text: str) -> list[Number]:
    """Numbers that can identify an activity: not years, not small counts without a unit."""
    out: list[Number] = []
    pos = 0
    while m := _NUMBER.search(text, pos):
        before = text[m.start() - 1] if m.start() else " "
        if before.isalnum() or before in "_.,/-":
            pos = m.start() + 1  # as a look-behind would: try again from the next character
            continue
        pos = m.end()
        digits = _NOT_DIGIT.sub("", m.group(1))
        decimals = m.group(2) or ""
        unit = _unit(m.group(3))
        whole = int(digits)
        if not unit and not decimals and (whole < 10 or 1900 <= whole <= 2100):
            continue
        if not unit and _is_date_or_time(text, m.start(), m.end()):
            continue
        out.append(Number(f"{whole}{decimals}{unit}", m.group(0), m.start(), m.end()))
    return out


def number_key(value: str) -> str:
    """A number without its unit, so that "600mm" in one text meets "600" in another."""
    return re.sub(r"[a-z]+$", "", value)
