"""What a document offers as evidence for linking: quoted phrases, numbers, content words and
the named facts of its extraction record, each kept with its character span.

Reports and dispatches go through the same functions, so that "the same number" or "the same
words" means one thing on both sides. Everything here is pure: text and record in, features out.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson

from fieldguide.model import LEADER, Document, Extraction

# Double quotes of every style; single curly quotes. Straight single quotes are apostrophes too
# often ("Korea's") to open a quotation, so they count only around two or more words.
_QUOTE = re.compile(
    r"[\"“”„«»](?P<a>[^\"“”„«»\n]{3,400})[\"“”„«»]|‘(?P<b>[^’\n]{3,400})’|(?<![\w])'(?P<c>[^'\n]{6,200})'(?!\w)"
)
# A quotation is cut at the reporter's insertions: "[North Korea]", "...", "(...)".
_QUOTE_BREAK = re.compile(r"\[[^\]]*\]|\([^)]*\)|\.\.\.|…")
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

STATE_MEDIA = re.compile(
    r"\b(kcna|korean central news agency|korea central news agency|rodong sinmun|state[- ](?:run )?media|"
    r"state[- ]run|official (?:news )?(?:agency|media|newspaper)|state news agency|kcna\.kp|"
    r"korean central (?:tv|television)|north'?s? official)\b",
    re.IGNORECASE,
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
class Quote:
    """A quoted fragment of a report: the words as folded for comparison, and where it stands."""

    text: str  # as written
    folded: str
    start: int
    end: int

    @property
    def words(self) -> int:
        return len(self.folded.split())


def quotes(text: str, min_words: int = 2) -> list[Quote]:
    """Quoted phrases of ``text``, cut at the reporter's insertions, at least ``min_words`` long."""
    found: list[Quote] = []
    for m in _QUOTE.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g) is not None)
        inner_start = m.start(group)
        inner = m.group(group)
        pos = 0
        for piece in [*_QUOTE_BREAK.split(inner)]:
            at = inner.find(piece, pos)
            pos = at + len(piece)
            folded = " ".join(words_of(piece))
            if len(folded.split()) >= min_words:
                stripped = piece.strip(" ,.;:!?")
                offset = piece.find(stripped)
                start = inner_start + at + max(offset, 0)
                found.append(Quote(stripped, folded, start, start + len(stripped)))
    return found


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


@dataclass(slots=True)
class Profile:
    """One document as linking sees it."""

    id: str
    published: date | None
    text: str
    title: str
    words: set[str]
    title_words: set[str]
    event_types: set[str]
    event_dates: set[date]
    weapons: set[str]
    designations: set[str]
    people: set[str]
    places: set[str]
    sites: set[str]
    mentions: list[dict[str, Any]] = field(default_factory=list)
    # Numbers are found when first asked for: only the candidates of a report that gives
    # numbers need them.
    _numbers: list[Number] | None = field(default=None, repr=False)
    _number_keys: set[str] | None = field(default=None, repr=False)
    _folded_text: str | None = field(default=None, repr=False)

    @property
    def folded_text(self) -> str:
        """The words of title and text joined by single spaces (and one at either end), for
        phrase look-ups; made when first asked for, since only shortlisted candidates need it."""
        if self._folded_text is None:
            self._folded_text = phrase_text(document_words(self.title, self.text))
        return self._folded_text

    @property
    def cites_state_media(self) -> bool:
        """Whether the text names North Korean state media (asked of reports, not of dispatches)."""
        return bool(STATE_MEDIA.search(self.text) or STATE_MEDIA.search(self.title))

    @property
    def numbers(self) -> list[Number]:
        if self._numbers is None:
            self._numbers = numbers(self.text)
        return self._numbers

    @property
    def number_keys(self) -> set[str]:
        if self._number_keys is None:
            self._number_keys = {number_key(n.value) for n in self.numbers}
        return self._number_keys

    def has_phrase(self, folded_words: str) -> bool:
        """Whether the words (folded, single spaces) occur together in this document."""
        return f" {folded_words} " in self.folded_text


def _canonical_sets(record: Mapping[str, Any]) -> tuple[set[str], set[str]]:
    """The folded canonical names of the people and of the places the record mentions (not
    foreign, not historical), in one pass over its mentions."""
    people: set[str] = set()
    places: set[str] = set()
    for m in record.get("mentions", []):
        kind = m.get("kind")
        if kind not in ("person", "place"):
            continue
        attrs = m.get("attrs") or {}
        if attrs.get("foreign") or attrs.get("history"):
            continue
        (people if kind == "person" else places).add(fold_name(str(m.get("canonical", ""))))
    return people, places


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


SHINGLE = 4  # words in a row that count as a paraphrased quotation's fragment


@dataclass(frozen=True, slots=True)
class Terms:
    """What linking reads of a document's text, as the archive stores it beside the extraction
    (so that a batch of reports does not split every candidate dispatch into words again)."""

    words: str  # content words, sorted, space-separated
    numbers: str  # number keys, sorted, space-separated

    @classmethod
    def of(cls, title: str | None, text: str) -> Terms:
        words = content_of(document_words(title, text))
        keys = {number_key(n.value) for n in numbers(text)}
        return cls(" ".join(sorted(words)), " ".join(sorted(keys)))


@dataclass(frozen=True, slots=True)
class Facts:
    """The named facts linking compares, read from an extraction record; the archive stores
    them beside it (a few hundred bytes, where the record holds every mention and span)."""

    designations: frozenset[str]
    weapons: frozenset[str]
    people: frozenset[str]
    places: frozenset[str]
    sites: frozenset[str]
    event_types: frozenset[str]
    event_dates: frozenset[date]
    reported: date | None

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> Facts:
        events = record.get("events", [])
        designations = {fold_name(str(d)) for d in record.get("designations", [])}
        weapons = {fold_name(str(w)) for w in record.get("weapons", [])}
        people, places = _canonical_sets(record)
        people.discard(fold_name(LEADER))
        event_dates: set[date] = set()
        for event in events:
            designations.update(fold_name(str(d)) for d in event.get("designations", []))
            weapons.update(fold_name(str(w)) for w in event.get("weapons", []))
            people.update(fold_name(str(p["name"])) for p in event.get("people", []) if p.get("name") != LEADER)
            for key in ("start", "end"):
                day = _as_date(event.get(key))
                if day and event.get("precision") in (None, "day"):
                    event_dates.add(day)
        weapons.discard("missile")  # the generic word: every missile story has it
        return cls(
            designations=frozenset(designations),
            weapons=frozenset(weapons),
            people=frozenset(people),
            places=frozenset(places),
            sites=frozenset(fold_name(str(s)) for e in events for s in e.get("sites", [])),
            event_types=frozenset(str(e.get("type")) for e in events if e.get("type") and e.get("type") != "other"),
            event_dates=frozenset(event_dates),
            reported=_as_date(record.get("reported")),
        )

    def to_json(self) -> str:
        lists = {name: sorted(getattr(self, name)) for name in _FACT_SETS}
        dates = sorted(d.isoformat() for d in self.event_dates)
        reported = self.reported.isoformat() if self.reported else None
        return orjson.dumps({**lists, "event_dates": dates, "reported": reported}).decode()

    @classmethod
    def from_json(cls, text: str | bytes) -> Facts:
        data = orjson.loads(text)
        sets = {name: frozenset(data.get(name) or ()) for name in _FACT_SETS}
        days = frozenset(date.fromisoformat(d) for d in data.get("event_dates") or ())
        return cls(**sets, event_dates=days, reported=_as_date(data.get("reported")))


_FACT_SETS = ("designations", "weapons", "people", "places", "sites", "event_types")


def profile(
    doc: Document,
    extraction: Extraction | Mapping[str, Any],
    terms: Terms | None = None,
    facts: Facts | None = None,
) -> Profile:
    """The linking features of ``doc`` from its text and its extraction (or the stored record of
    one); ``terms`` and ``facts``, when stored, spare reading the text for its words and numbers
    and the record for its facts (``extraction`` may then be empty)."""
    record = extraction.to_record() if isinstance(extraction, Extraction) else extraction
    if facts is None:
        facts = Facts.of(record)
    title = doc.title or ""
    folded_text: str | None = None
    number_keys: set[str] | None = None
    if terms is None:
        all_words = document_words(title, doc.text)
        folded_text = phrase_text(all_words)
        words = content_of(all_words)
    else:
        words = set(terms.words.split())
        number_keys = set(terms.numbers.split())
    return Profile(
        id=doc.id,
        published=doc.published or facts.reported,
        text=doc.text,
        title=title,
        words=words,
        title_words=content_words(title),
        event_types=set(facts.event_types),
        event_dates=set(facts.event_dates),
        weapons=set(facts.weapons),
        designations=set(facts.designations),
        people=set(facts.people),
        places=set(facts.places),
        sites=set(facts.sites),
        mentions=list(record.get("mentions", [])),
        _number_keys=number_keys,
        _folded_text=folded_text,
    )
