"""People: Korean names found by pattern as well as by list, foreign names by their titles.

A new official must be found the first time he appears, so the list of the
knowledge base only helps: a Korean name is a known surname followed by one or
two romanized syllables. Names that only stand inside the name of an
institution, unit, ship, prize or place are not people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick
import pycountry

from fieldguide.extract.anchors import Hits, charset_first, matches_at
from fieldguide.extract.occupied import Occupied
from fieldguide.extract.text import lowercase
from fieldguide.model import LEADER, Mention, Span

# Surnames as KCNA romanizes them. Short ones that are also English words are
# only taken when the given name that follows is a valid syllable sequence.
SURNAMES = tuple(
    """
    Kim Ri Pak Choe Jong Kang Jo Yun Jang Rim Han O So Sin Kwon Hwang An Song Ryu Hong Jon Ko Mun Yang
    Son Pae Paek Ho Yu Nam Sim No Ha Kwak Cha Ju U Ku Min Jin Ji Chae Won Chon Pang Kong Hyon Ham Pyon
    Yom Chu Tho Ma Kil Yon Wi Pyo Myong Ki Pan Ra Wang Kum Ok Yuk Maeng Je Mo Thak Kuk Ye Ryo Sung Thae
    Tong Sok Sol Kye Ryom Kal Ryang Ro Chi Hwa Sa Phyo Il Bang Om Kyong To
    """.split()
)

_INITIAL = r"(?:ch|kh|ph|th|ss|jj|kk|tt|pp|k|n|t|r|m|p|s|j|h|g|d|b|l|w|y)?"
_VOWEL = r"(?:wae|yae|ae|oe|wa|wo|we|wi|ya|yo|yu|ye|ui|a|o|u|i|e)"
_FINAL = r"(?:ng|k|n|t|l|m|p)?"
_SYLLABLE = rf"{_INITIAL}{_VOWEL}{_FINAL}"
_SYLLABLE_RE = re.compile(rf"(?:{_SYLLABLE}){{1,2}}", re.IGNORECASE)
_KOREAN_WORD = re.compile(rf"(?:{_SYLLABLE}){{1,4}}(?:-(?:{_SYLLABLE}){{1,2}})?", re.IGNORECASE)


def korean_word(word: str) -> bool:
    """The word reads as romanized Korean syllables ("Taechong", "Sosin", "Kuksabong")."""
    return _KOREAN_WORD.fullmatch(word) is not None
_GIVEN = r"[A-Z][a-z]{0,6}(?:-[a-z]{1,6})?"

_SURNAME_SET = frozenset(SURNAMES)
# Surnames that are also common English words at the start of a sentence: taken with a given name
# of two syllables written apart only.
_WORD_SURNAMES = frozenset({"To"})
# A capitalized word and one or two more; the first must be a surname (checked in code, which is
# faster than a regex alternation of a hundred surnames tried at every character).
KOREAN_NAME = re.compile(rf"[A-Z](?<![\w'-][A-Z])[a-z]{{0,4}} {_GIVEN}(?: {_GIVEN})?\b")

# A capitalized word after a name that makes the name part of an institution or place.
INSTITUTION_WORDS = frozenset(
    """
    University Academy Square Prize Street Mill Factory Complex Works Hall School Station Youth
    Socialist Order Medal Bridge Stadium Park Institute Military Naval Political Revolutionary Memorial
    Mausoleum Tower Statue Statues Palace Foundation Library College Hospital Theatre Theater Art Arts
    Troupe Ensemble Company Farm Enterprise Mine Shipyard Plant Unit Division Regiment Corps Guards
    Award Badge Cup City County Province District Peak Island Bay Avenue Road Museum Exhibition House
    Cemetery Kimilsungia Kimjongilia Kimjongunia Commemorative Sports Higher Middle Primary Kindergarten
    Hero Heroes Association Society Fund Scholarship Line Era Flag Patriotic Patriotism Pyongyang
    Chongnyon Rodong Children's Union Hotel Staff Reconnaissance Bureau League Front Movement Bloc
    Alliance Federation Organization Organisation Centre Center Board Group Forum Congress Parliament
    Senate Communists America Africa South North East West Brazil Mexico Chile Peru Nigeria Sweden
    """.split()
)

FOREIGN_TITLES = (
    r"President|Prime Minister|Premier|Chairman|Chairwoman|Chairperson|Ambassador|Minister|Vice-Minister"
    r"|Vice Minister|Foreign Minister|Defence Minister|Defense Minister|Secretary of State|Secretary"
    r"|General Secretary|Senator|King|Queen|Emperor|Prince|Princess|Sultan|Emir|Governor|Chancellor"
    r"|Speaker|Mayor|Commander|General|Marshal|Admiral|Colonel|Comrade|Mr\.|Mrs\.|Ms\.|Dr\.|Professor"
    r"|Vice-President|Vice President|Secretary-General|Director|Charg[eé] d'Affaires(?: [Aa]d [Ii]nterim)?"
)
_CAP_TOKEN = r"(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*|[Aa]l-[A-Z][a-z]+|[A-Z]\.)"
# The same token split after its capital, for a pattern that begins with a character class.
_CAP_TOKEN_REST = r"(?:[a-z]+(?:[-'][A-Z]?[a-z]+)*|l-[A-Z][a-z]+|\.)"
# "Vice-Minister of Defence Aleksey Krivoruchko", "President Putin"
TITLE_BEFORE_NAME = re.compile(
    charset_first(FOREIGN_TITLES.split("|")) + rf"(?: of (?:the )?[A-Z][a-z]+)? ({_CAP_TOKEN}(?: {_CAP_TOKEN}){{0,3}})"
)


def _literal_forms(title: str) -> list[str]:
    """A title of FOREIGN_TITLES as the words a match begins with, lower-cased: an optional tail left
    out ("Chargé d'Affaires" of "...(?: ad Interim)?") and a character class spelled each way ([eé])."""
    word = re.sub(r"\(\?:[^)]*\)\?", "", title).replace("\\.", ".")
    forms = [""]
    for part in re.split(r"(\[[^\]]+\])", word):
        options = list(part[1:-1]) if part.startswith("[") else [part]
        forms = [f + o for f in forms for o in options]
    return [f.lower() for f in forms]


@cache
def title_automaton() -> Any:
    """The titles of TITLE_BEFORE_NAME, lower-cased, for the extractor's shared scan: each of its
    matches begins where one of them is written (each title's value is its length)."""
    automaton = ahocorasick.Automaton()
    for title in FOREIGN_TITLES.split("|"):
        for word in _literal_forms(title):
            automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


@cache
def plural_title_automaton() -> Any:
    """The plural titles that open PLURAL_TITLE_BEFORE_LIST, for the extractor's shared scan (each
    title's value is its length): the pattern is then tried only where one is written, not at
    every "m", "s", "d" or "e" of the text."""
    automaton = ahocorasick.Automaton()
    for word in _PLURAL_TITLES:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


# "Xi Jinping, general secretary of ...", "Thongloun Sisoulith, president of ..."
_APPOSITIVE_TITLES = (
    r"president|prime minister|premier|chairman|chairwoman|chairperson|general secretary|secretary|"
    r"minister|vice-minister|ambassador|king|queen|emperor|leader|speaker|governor|head|chief|director|"
    r"deputy|member|commander|vice-president|vice president|first secretary|foreign minister|chancellor|"
    r"spokesman|spokeswoman|spokesperson|envoy|advisor|adviser|president-elect|former president|"
    r"senator|lawmaker|professor|mayor|grand duke|sultan|emir|crown prince|honorary \w+|founder|co-chairman|"
    r"vice-chairman|vice chairman|rector|editor|editor-in-chief|representative|general director|"
    r"(?:vice|deputy)[ -]director(?: general)?|"
    r"director general|coordinator|activist|journalist|writer|veteran|member|a member|an? \w+ of|"
    r"(?:first )?(?:vice|deputy)[ -](?:foreign|defence|defense|prime) minister|charg[eé] d'affaires|"
    r"military attache|consul general|consul"
)
# Found from the title backwards: ", president of" is rare and starts with a literal comma,
# the capitalized words before it are common.
TITLE_AFTER_COMMA = re.compile(rf", (?:the )?(?:{_APPOSITIVE_TITLES})\b")
# "sent a message to Mohammad Ghazi al-Jalai on his appointment as prime minister": a person's office
ON_HIS_OFFICE = re.compile(r" on (?:his|her) (?:appointment|election|re-election|reelection|inauguration) as\b")
PLURAL_TITLE_AFTER_COMMA = re.compile(
    r", (?:the )?(?:members|secretaries|vice-chairmen|vice-chairpersons|deputies|vice-ministers|ministers|"
    r"ambassadors|envoys|commanders|directors|vice-presidents|leaders)\b"
)
_LISTED_NAME = rf"{_CAP_TOKEN}(?: {_CAP_TOKEN}){{1,3}}"
NAME_LIST_BEFORE_COMMA = re.compile(rf"(?<![\w-]){_LISTED_NAME}(?:, {_LISTED_NAME})*,? and {_LISTED_NAME}$")
NAME_IN_LIST = re.compile(rf"({_LISTED_NAME})")
# "members of the foundation Lin Gennan, Cui Yan and Wang Shuli": a plural title, then the list
_PLURAL_TITLES = tuple(
    "members secretaries vice-chairmen deputies ministers ambassadors envoys directors leaders".split()
)
PLURAL_TITLE_BEFORE_LIST = re.compile(
    charset_first(_PLURAL_TITLES)
    + r" (?:of (?:the |its |their )?(?:[a-z][a-z-]+ ){1,3})?"
    rf"(?P<list>{_LISTED_NAME}(?:, {_LISTED_NAME})*,? and {_LISTED_NAME})\b"
)
NAME_BEFORE_COMMA = re.compile(rf"(?<![\w-])({_CAP_TOKEN}(?: {_CAP_TOKEN}){{0,6}})$")

LEADER_VARIANTS = re.compile(r"K(?<!\wK)(?:im\s?Jong[\s-]?(?:Un|un|Eun|eun)|im Cho'?ng-?u'?n|IM JONG UN)\b")


@dataclass(frozen=True, slots=True)
class NameIndex:
    """Known names (canonical by lower-cased alias) and their countries, from the knowledge base."""

    canonical: dict[str, str]
    foreign: frozenset[str]
    automaton: Any
    places: frozenset[str] = frozenset()  # lower-cased place names: "Congo" after a title is not a person
    # Capitalized words never part of a name ("However", "Party"): name_words.yaml of the knowledge base.
    not_name_words: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls,
        entries: Iterable[tuple[str, Iterable[str], str]],
        places: Iterable[str] = (),
        not_name_words: Iterable[str] = (),
    ) -> NameIndex:
        canonical: dict[str, str] = {}
        foreign: set[str] = set()
        for name, aliases, country in entries:
            for alias in (name, *aliases):
                canonical.setdefault(alias.lower(), name)
            if country != "KP":
                foreign.add(name)
        automaton = ahocorasick.Automaton()
        for key in canonical:
            automaton.add_word(key, len(key))
        if canonical:
            automaton.make_automaton()
        lowered_places = frozenset(p.lower() for p in places) | country_names()
        automaton = automaton if canonical else None
        return cls(canonical, frozenset(foreign), automaton, lowered_places, frozenset(not_name_words))

    def matches(self, text: str, lowered: str, hits: Hits | None = None) -> list[tuple[int, int]]:
        """Known names in the text: whole words, capitalized, longest first where they overlap."""
        if self.automaton is None:
            return []
        out: list[tuple[int, int]] = []
        for end_index, length in hits if hits is not None else self.automaton.iter(lowered):
            start, end = end_index - length + 1, end_index + 1
            if (start > 0 and lowered[start - 1].isalnum()) or (end < len(lowered) and lowered[end].isalnum()):
                continue
            if text[start].isupper():
                out.append((start, end))
        out.sort(key=lambda r: (r[0], r[0] - r[1]))
        return out


def fold_given_name(name: str) -> str:
    """KCNA writes given names as capitalized syllables apart: Choe Ryong-hae -> Choe Ryong Hae."""
    parts = _NAME_PARTS.split(name.replace("'", ""))
    return " ".join(p[:1].upper() + p[1:].lower() if p.islower() or len(p) > 1 else p for p in parts if p)


# Compiled once: these run for every name found, and a dense text holds tens of thousands.
_NAME_PARTS = re.compile(r"[\s-]+")
_HYPHENED_NAME = re.compile(r"-(?:Kim|[A-Z][a-z]+ )")
_NAMESAKE_BEFORE = re.compile(r"(?:Hero|destroyer|warship|ship|vessel|Order of|Prize of)\s$")
_GIVEN_PARTS = re.compile(r"[\s-]")
_RUNS_ON = re.compile(r"(?: [A-Z][a-z]+){1,2}\b")
_CAPITALIZED_RUN = re.compile(r"(?:\s+(?:of\s+|and\s+)?(?:[A-Z][\w'-]*|\d+\w*))+")


def _is_institution(text: str, start: int, end: int) -> bool:
    """The name stands inside a longer proper name: "O Jin U Artillery Academy", "Hero Kim Kun Ok"."""
    after = text[end : end + 60]
    run = _CAPITALIZED_RUN.match(after)
    if run and any(w.rstrip("'s") in INSTITUTION_WORDS for w in run.group().split()[:4]):
        return True
    if _HYPHENED_NAME.match(after):  # "Kim Il Sung-Kim Jong Il Foundation"
        return True
    before = text[max(0, start - 12) : start]
    return bool(_NAMESAKE_BEFORE.search(before))


def _free_words(words: str, not_name_words: frozenset[str]) -> bool:
    """Capitalized words that can continue a name: not a title, a place word or the start of another name."""
    parts = words.split()
    if parts[0] in SURNAMES:
        return False
    return not any(w in not_name_words or w in INSTITUTION_WORDS for w in parts)


LEADING_TITLE = re.compile(
    r"^(?:(?:President|Chairman|Comrade|General Secretary|Marshal|Premier|Generalissimo|Mr\.|Mrs\.|Ms\.) )+"
)


@cache
def country_names() -> frozenset[str]:
    """Every country's short, common and official name, lower-cased ("swiss confederation", "state of kuwait")."""
    names = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(str(value).lower())
    return frozenset(names)


_LOWER_WORD = re.compile(r"(?<![\w-])[a-z][a-z'-]*")


class _LowerWords:
    """The text's lower-case words, gathered only when a word is first asked for and the text
    holds it at all (gathering them costs more than the rest of the people stage)."""

    __slots__ = ("text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: set[str] | None = None

    def __contains__(self, word: str) -> bool:
        if word not in self.text:
            return False
        if self.words is None:
            self.words = set(_LOWER_WORD.findall(self.text))
        return word in self.words


def _common_word(name: str, lower_words: _LowerWords) -> bool:
    """A single capitalized word the same text also writes in lower case is a noun, not a name ("Struggle")."""
    return " " not in name and name.lower() in lower_words


def _is_place_or_people(name: str, places: frozenset[str]) -> bool:
    """A country or a place after a title ("..., president of the C.C., Congo")."""
    return name.lower() in places or any(w.lower() in places for w in name.split())


def _valid_given(given: str) -> bool:
    return all(_SYLLABLE_RE.fullmatch(p) for p in _GIVEN_PARTS.split(given) if p)


LEADING_WORDS = frozenset("The A An Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. His Her Excellency Comrade Madam".split())


def _clean_foreign(name: str, not_name_words: frozenset[str]) -> str | None:
    """The name in a capitalized run before or after a title, or None when the run is an organization."""
    tokens = name.split()
    while tokens and (tokens[0] in LEADING_WORDS or tokens[0].endswith("'s")):
        tokens.pop(0)
    if not tokens or any(t in not_name_words for t in tokens):
        return None  # "Bulgarian Communist Party", "Juche Idea": organizations and ideas, not people
    if len(tokens) == 1 and re.search(r"(?:ian|ese|ish)$", tokens[0]):
        return None  # a nationality: "Jordanian"
    return " ".join(tokens)


def find_people(
    text: str,
    names: NameIndex,
    lowered: str | None = None,
    hits: Hits | None = None,
    title_hits: Hits | None = None,
    plural_title_hits: Hits | None = None,
) -> list[Mention]:
    """Every person mention in order of appearance; the leader is canonical 'Kim Jong Un'.

    ``hits``, ``title_hits`` and ``plural_title_hits``: the shared scan's shares for the names, for
    ``title_automaton`` and for ``plural_title_automaton``."""
    found: list[Mention] = []
    taken = Occupied(len(text))
    free = taken.free

    def add(s: int, e: int, canonical: str, source: str, display: str | None = None) -> None:
        taken.take(s, e)
        attrs: dict[str, object] = {"found_by": source}
        stripped = LEADING_TITLE.sub("", text[s:e])
        if stripped != text[s:e]:
            display = display or stripped
        if display:
            attrs["display"] = display
        if canonical in names.foreign:
            attrs["country"] = "foreign"
        found.append(Mention("person", Span(s, e), text[s:e], canonical, attrs))

    for m in LEADER_VARIANTS.finditer(text):
        if not _is_institution(text, m.start(), m.end()):
            add(m.start(), m.end(), LEADER, "leader")
        else:
            taken.take(m.start(), m.end())
    for s, e in names.matches(text, lowered if lowered is not None else lowercase(text), hits):
        if not free(s, e):
            continue
        if _is_institution(text, s, e):
            taken.take(s, e)
            continue
        add(s, e, names.canonical[text[s:e].lower()], "knowledge base")
    for m in _korean_name_runs(text, names.places):
        s, e = m.start(), m.end()
        surname, _, given = m.group().partition(" ")
        if not free(s, e):
            continue
        tokens = given.split()
        # drop a trailing token that is not a syllable ("Kim Jong Sik Said" cannot happen, "Ri Il Hwan The" can)
        while tokens and not _valid_given(tokens[-1]):
            tokens.pop()
        if not tokens or not _valid_given(" ".join(tokens)):
            continue
        e = s + len(surname) + 1 + len(" ".join(tokens))
        # a name that runs on in capitalized words is longer than the pattern: "Ho Chi Minh", "Song Ko Bun Nyo"
        more = _RUNS_ON.match(text, e, e + 30)
        if more and _free_words(more.group(), names.not_name_words):
            e += len(more.group())
            tokens = text[s + len(surname) + 1 : e].split()
        if len(surname) <= 2 and len(tokens) == 1 and len(tokens[0]) <= 2:
            continue  # "O Il" is too weak alone: "In An", "So Ha"
        if surname in _WORD_SURNAMES and len(tokens) < 2:
            continue  # "To Sinuiju": an English word before a name-like word; "To Jong Hwan" is a name
        if (
            _is_institution(text, s, e)
            or text[s:e].lower() in names.places
            or (len(tokens) == 1 and "-" in tokens[0] and tokens[0].lower() in names.places)
        ):
            taken.take(s, e)  # "the Hong Kong team", "So Kyongru-dong ...": places that read as names
            continue
        canonical = fold_given_name(f"{surname} {' '.join(tokens)}")
        add(s, e, names.canonical.get(canonical.lower(), canonical), "pattern")
    lower_words = _LowerWords(text)
    for m in _titled_names(text, title_hits, plural_title_hits):
        raw = m.group(1)
        cleaned = _clean_foreign(raw, names.not_name_words)
        if not cleaned or _is_place_or_people(cleaned, names.places) or _common_word(cleaned, lower_words):
            continue
        last = cleaned.split()[-1]
        if last in INSTITUTION_WORDS or last.removesuffix("'s") in INSTITUTION_WORDS:
            continue  # "the Provincial General Hospital, the director of ...": an institution, no one's name
        s = m.start(1) + raw.index(cleaned)
        e = s + len(cleaned)
        if not free(s, e) or _is_institution(text, s, e) or _named_by_organization(text, s):
            continue
        add(s, e, names.canonical.get(cleaned.lower(), cleaned), "title")
    found.sort(key=lambda mention: mention.span.start)
    _resolve_short_forms(found)
    return found


def _korean_name_runs(text: str, places: frozenset[str]) -> Iterable[re.Match[str]]:
    """The runs of KOREAN_NAME that begin with a surname; where a run begins with a place ("Ambassador
    to Iran Han Song U"), the search starts again at the next word. (A run that begins with another
    capitalized word, "Kyong Nam Chol, head of ...", is left whole to the titles.)"""
    pos = 0
    while (m := KOREAN_NAME.search(text, pos)) is not None:
        first = m.group().partition(" ")[0]
        if first in _SURNAME_SET:
            yield m
            pos = m.end()
        elif first.lower() in places:
            pos = m.start() + len(first) + 1
        else:
            pos = m.end()


# "the Association for Self-Reliance Studies, the chairman of ...": the words after an institution's
# "for" or "of" go on with its name.
_ORGANIZATION_BEFORE = re.compile(r"(?<![\w-])([A-Z][a-z]+) (?:for|of|on) (?:the )?$")
_ORGANIZATION_WORDS = INSTITUTION_WORDS | {"Committee", "Council", "Commission"}


def _named_by_organization(text: str, start: int) -> bool:
    before = _ORGANIZATION_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1) in _ORGANIZATION_WORDS


def _titled_names(
    text: str, title_hits: Hits | None = None, plural_title_hits: Hits | None = None
) -> list[re.Match[str]]:
    """Names that a title introduces: "Xi Jinping, president of ...", "Vice-Minister Aleksey Krivoruchko",
    and each name of a list a plural title follows: "Lin Gennan, Cui Tongjun and Wang Shuli, members of ..."."""
    found = []
    for m in TITLE_AFTER_COMMA.finditer(text):
        before = NAME_BEFORE_COMMA.search(text, max(0, m.start() - 100), m.start())
        if before:
            found.append(before)
    for m in PLURAL_TITLE_AFTER_COMMA.finditer(text):
        names = NAME_LIST_BEFORE_COMMA.search(text, max(0, m.start() - 160), m.start())
        if names:
            found.extend(NAME_IN_LIST.finditer(text, names.start(), names.end()))
    for m in ON_HIS_OFFICE.finditer(text):
        before = NAME_BEFORE_COMMA.search(text, max(0, m.start() - 100), m.start())
        if before:
            found.append(before)
    if plural_title_hits is None:
        plural_lists: Iterable[re.Match[str]] = PLURAL_TITLE_BEFORE_LIST.finditer(text)
    else:  # every match begins with one of the plural titles: tried only there
        plural_lists = matches_at(PLURAL_TITLE_BEFORE_LIST, text, (end - n + 1 for end, n in plural_title_hits))
    for m in plural_lists:
        found.extend(NAME_IN_LIST.finditer(text, m.start("list"), m.end("list")))
    found.extend(_titles_before_names(text, title_hits))
    return found


def _titles_before_names(text: str, title_hits: Hits | None) -> list[re.Match[str]]:
    """The matches of TITLE_BEFORE_NAME.finditer(text); with the shared scan's ``title_hits`` tried
    only where a title begins, as finditer would take them (left to right, none overlapping)."""
    if title_hits is None:
        return list(TITLE_BEFORE_NAME.finditer(text))
    return matches_at(TITLE_BEFORE_NAME, text, (last - length + 1 for last, length in title_hits))


def _resolve_short_forms(found: list[Mention]) -> None:
    """A later surname alone ("Putin") refers to the full name written before it."""
    # The first full name written with each last word (one pass, not one per short form).
    by_last_word: dict[str, str] = {}
    for m in found:
        if " " in m.canonical:
            by_last_word.setdefault(m.canonical.split()[-1], m.canonical)
    for m in found:
        if " " not in m.canonical and m.canonical in by_last_word:
            m.canonical = by_last_word[m.canonical]


# The words of the title are taken a run at a time ("[^;., ]++"): the end it looks for can only
# come before a ";", ".", ",", " " or the end, so no shorter title is passed by, and the lookahead
# is tried a few times a title instead of at every character (half the time).
TITLE_AFTER = re.compile(
    r", ((?:the )?[a-z](?:[^;., ]++|[, ]|\.(?=[A-Z,]))*?)"
    r"(?=; |\.(?:\s|$)|,? and (?:other|many|senior|leading|commanding)\b|, and [A-Z]|"
    r", [A-Z][a-z]+(?: [A-Z][a-z]+){1,3},| and [A-Z][a-z]+ [A-Z]|$"
    # the verb of the sentence after the appositive: "Choe Son Hui, minister of Foreign Affairs, accompanied him"
    r"|, (?:accompanied|attended|was|were|said|noted|made|delivered|expressed|presided|read|conveyed|handed|"
    r"received|welcomed|greeted|met|visited|sent)\b)"
)


def title_after(text: str, mention: Mention) -> str | None:
    """The title that follows a name: 'Kim Jong Sik, first vice department director of the C.C., WPK'."""
    m = TITLE_AFTER.match(text, mention.span.end, min(len(text), mention.span.end + 200))
    if not m:
        return None
    title = m.group(1).strip().rstrip(",")
    return title if 3 <= len(title) <= 160 else None
