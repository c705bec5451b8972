"""What a document offers as evidence for linking: quoted phrases, numbers, content words and
the named facts of its extraction record, gathered in a ``Profile``.

Reports and dispatches go through the same functions, so that "the same number" or "the same
words" means one thing on both sides. Everything here is pure: text and record in, features out.
Words, numbers, ``Terms`` and ``Facts`` live in ``fieldguide.fingerprints`` (ingest stores them
too) and are kept importable here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from fieldguide.fingerprints.facts import Facts as Facts  # kept importable from here
from fieldguide.fingerprints.facts import Terms as Terms
from fieldguide.fingerprints.words import STOPWORDS as STOPWORDS
from fieldguide.fingerprints.words import Number as Number
from fieldguide.fingerprints.words import content_of, document_words, phrase_text, words_of
from fieldguide.fingerprints.words import content_words as content_words
from fieldguide.fingerprints.words import fold as fold
from fieldguide.fingerprints.words import fold_name as fold_name
from fieldguide.fingerprints.words import number_key as number_key
from fieldguide.fingerprints.words import numbers as numbers
from fieldguide.model import Document, Extraction

# Double quotes of every style; single curly quotes. Straight single quotes are apostrophes too
# often ("Korea's") to open a quotation, so they count only around two or more words.
_QUOTE = re.compile(
    r"[\"“”„«»](?P<a>[^\"“”„«»\n]{3,400})[\"“”„«»]|‘(?P<b>[^’\n]{3,400})’|(?<![\w])'(?P<c>[^'\n]{6,200})'(?!\w)"
)
# A quotation is cut at the reporter's insertions: "[North Korea]", "...", "(...)".
_QUOTE_BREAK = re.compile(r"\[[^\]]*\]|\([^)]*\)|\.\.\.|…")

STATE_MEDIA = re.compile(
    r"\b(kcna|korean central news agency|korea central news agency|rodong sinmun|state[- ](?:run )?media|"
    r"state[- ]run|official (?:news )?(?:agency|media|newspaper)|state news agency|kcna\.kp|"
    r"korean central (?:tv|television)|north'?s? official)\b",
    re.IGNORECASE,
)


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
    # The year of ``published`` was guessed (a dateline with month and day only): a guess to try
    # first, not a fact that rules the other days out.
    year_inferred: bool = False
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


SHINGLE = 4  # words in a row that count as a paraphrased quotation's fragment


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
        year_inferred=bool(doc.extra.get("published_inferred")) if doc.published else False,
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
