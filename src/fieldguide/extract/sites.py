"""Sites: the noun phrase that names the place of an activity, cut where the phrase ends.

A site is copied from the text: a determiner, its modifiers, a head noun from the knowledge base
(``sites.yaml``) or a capitalized name, and what identifies it after the head ("of the Korean
People's Army", "under construction in Hamju County, South Hamgyong Province"). It stops before a
clause ("and looked round ...", "to learn about ...", ", where ...", "on August 5"), so that
"visited the farm and clarified the orientation" gives "the farm", and a phrase with no place noun
("the second half of the year") gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from fieldguide.errors import KnowledgeBaseError
from fieldguide.extract.anchors import with_first_chars

_TOKEN = re.compile(r"[A-Za-z0-9][\w'’.-]*[\w]|[A-Za-z0-9]|[,.;:()\"“”]")
_DETERMINERS = frozenset({"the", "a", "an", "another", "its", "his", "this", "these", "those", "different",
                          "several", "many", "some", "various", "all", "two", "three", "four", "five"})
# Words that end a site phrase wherever they stand: the start of a clause or of an adverbial.
_CLAUSE_WORDS = frozenset({"which", "that", "who", "whom", "whose", "where", "when", "while", "as", "before",
                           "after", "because", "if", "with", "together", "accompanied", "amid", "again",
                           "recently", "by", "from", "during", "through", "via", "than", "so", "but", "or",
                           "here", "there", "personally", "first", "today", "yesterday", "upon", "despite",
                           "early", "earlier", "later", "ahead", "alongside",
                           # a verb after the noun phrase ends it: "the Pleasure Ground was held ..."
                           "was", "were", "is", "are", "has", "have", "had", "will", "would"})
# Prepositions that may continue a phrase once it has its head: "the unit of ...", "factories in ...".
_IN_PURPOSE = frozenset({"celebration", "honour", "honor", "commemoration", "memory", "support", "accordance",
                         "response", "preparation", "token"})
# Heads of a place of drills whose front or coast tells which one it is.
_GROUNDS = frozenset({"ground", "grounds", "range", "ranges"})
_CONTINUING = frozenset({"of", "in", "under", "along", "near", "on", "at", "for"})
_PLACE_SUFFIX = re.compile(r"^(?:Province|County|City|Municipality|District|Island|Islands|Area|Mt|Mount)$")
_DATE_WORD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|morning|afternoon|evening|night|occasion|eve|day|spot|early|small|hours)\.?$"
)
_MAX_TOKENS = 24
_RELATIVE_DAY = re.compile(r"^(?:(?:same|next|following|previous) )?(?:day|morning|afternoon|evening|night)\b")
# Words between a verb and the place it names: "to", "round", and adverbs ("visited again the ...").
_LEADING_WORDS = frozenset({"to", "at", "over", "in", "round", "around", "again", "once", "personally", "also",
                            "recently", "first", "then", "newly"})


@dataclass(frozen=True, slots=True)
class SiteRules:
    heads: frozenset[str]
    head_pairs: frozenset[tuple[str, str]]  # two-word heads: ("air", "base")
    parts: frozenset[str]
    part_pairs: frozenset[tuple[str, str]]
    verbs: frozenset[str]
    locatives: re.Pattern[str]
    launch_locatives: re.Pattern[str]
    targets: frozenset[str] = frozenset()
    whose_word: frozenset[str] = frozenset()  # "at the invitation of ...": someone's word, never a place
    stands_on: frozenset[str] = frozenset()  # "on the southwestern front" after a site: where it stands
    participles: frozenset[str] = frozenset()  # "newly built by ..." after a site: the clause after it
    # participles that tell where a named unit stands, not more of its name ("KPA Unit 4302 deployed in
    # the Kaesong area")
    where_it_stands: frozenset[str] = frozenset()

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SiteRules:
        def words(key: str) -> list[str]:
            value = data.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise KnowledgeBaseError(f"sites.yaml: {key}: expected a list of words")
            return [v.lower().strip() for v in value]

        def single(items: Iterable[str]) -> frozenset[str]:
            return frozenset(w for w in items if " " not in w)

        def pairs(items: Iterable[str]) -> frozenset[tuple[str, str]]:
            return frozenset((w.split()[-2], w.split()[-1]) for w in items if " " in w)

        heads, parts = words("heads"), words("parts")
        def after_any(key: str) -> re.Pattern[str]:
            alternatives = words(key) or [r"(?!x)x"]
            try:
                # searched over whole sentences: the look-ahead spares trying it at every character
                return with_first_chars(
                    re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in alternatives) + r")\s+", re.IGNORECASE)
                )
            except re.error as e:
                raise KnowledgeBaseError(f"sites.yaml: {key}: bad pattern: {e}") from e

        return cls(
            single(heads), pairs(heads), single(parts), pairs(parts), frozenset(words("verbs")),
            after_any("locatives"), after_any("launch_locatives"), frozenset(words("targets")),
            frozenset(words("whose_word")), frozenset(words("stands_on")), frozenset(words("participles")),
            frozenset(words("where_it_stands")),
        )

    def is_head(self, previous: str, word: str) -> bool:
        return word in self.heads or (previous, word) in self.head_pairs

    def is_target(self, phrase: str) -> bool:
        """The phrase names what was fired at ("a target island"), by a target word before its head."""
        tokens = [t.lower() for t in _TOKEN.findall(phrase.split(" of ")[0]) if t[0].isalnum()]
        return any(t in self.targets for t in tokens[:3])

    def is_part(self, phrase: str) -> bool:
        """The phrase names a part of a site (a room, a line, a post), by its head noun."""
        tokens = [t.lower() for t in _TOKEN.findall(phrase.split(" of ")[0]) if t[0].isalnum()]
        if not tokens:
            return False
        if tokens[0] in ("its", "their"):
            return True  # "looked round its command room and other parts": a part of the site just named
        last = tokens[-1]
        return last in self.parts or (len(tokens) > 1 and (tokens[-2], last) in self.part_pairs)


def _is_verb(word: str, rules: SiteRules) -> bool:
    lower = word.lower()
    return lower in rules.verbs or (word.islower() and len(lower) > 4 and lower.endswith("ed"))


def site_phrase(text: str, start: int, end: int, rules: SiteRules) -> tuple[int, int] | None:
    """The span of the site phrase that begins at ``start`` (within ``text[:end]``), or None."""
    tokens = list(_TOKEN.finditer(text, start, end))
    # "over the construction of the Wonsan Kalma coastal tourist area": the place, not the work
    words = [t.group() for t in tokens]
    skip = 0
    while skip < len(words) and words[skip].lower() in _LEADING_WORDS:
        skip += 1  # "visited again the flood-hit areas"
    if (
        len(words) > skip + 2
        and words[skip].lower() in ("the", "a")
        and words[skip + 1].lower() in ("construction", "building", "rehabilitation", "reconstruction", "work")
        and words[skip + 2] == "of"
    ):
        skip += 3
    if skip < len(words) and words[skip] in ("of",):
        return None
    if skip < len(words) and words[skip].islower() and words[skip].endswith("ing") and words[skip] not in rules.heads:
        return None  # "aimed at judging the posture of the unit ...": an act, not a place
    if skip + 1 < len(words) and words[skip].lower() == "the" and words[skip + 1].lower() in rules.whose_word:
        return None  # "at the invitation of Xi Jinping", "launched at the order of Kim Jong Un": not a place
    first: int | None = None
    last: int | None = None  # index of the last token kept
    has_head = False
    i = skip
    while i < len(tokens) and i - skip < _MAX_TOKENS:
        word = words[i]
        lower = word.lower()
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word == "." and i > skip and words[i - 1] in ("No", "Nos") and nxt[:1].isdigit():
            last = i  # "Farm No. 1116": the number goes on with the name
            i += 1
            continue
        if word in (".", ";", ":", "(", ")", '"', "“", "”"):
            break
        if word == "," and i > skip and words[i - 1].isdigit() and nxt.isdigit() and len(nxt) == 3 and (
            tokens[i - 1].end() == tokens[i].start() and tokens[i].end() == tokens[i + 1].start()
        ):
            i += 1  # "10,000 flats": a number, not a break
            continue
        if word == ",":
            # ", South Hamgyong Province": the province of the place just named continues it
            run: list[str] = []
            j = i + 1
            while j < len(words) and words[j][:1].isupper() and len(run) < 4:
                run.append(words[j])
                j += 1
            if has_head and run and _PLACE_SUFFIX.match(run[-1]):
                last, i = j - 1, j
                continue
            break
        if lower in _CLAUSE_WORDS and word.islower():
            break  # "the First Battalion": inside a name the word is part of it
        if lower in ("the", "that") and _RELATIVE_DAY.match(" ".join(words[i + 1 : i + 3])):
            break  # "the Kalma Foodstuff Factory the same day": a day, not more of the place
        if lower == "and":
            after = nxt.lower()
            if not nxt or _is_verb(nxt, rules) or after in _CLAUSE_WORDS or after in ("to", "in") or (
                nxt.islower() and after.endswith("ing") and after not in rules.heads
            ):
                break
            i += 1
            continue
        if lower == "to":
            # "the Monument to the Victorious Fatherland Liberation War": a name goes on
            if word == "to" and words[i - 1][:1].isupper() and nxt == "the" and i + 2 < len(words) \
                    and words[i + 2][:1].isupper():
                i += 1
                continue
            break
        if lower in _CONTINUING:
            if not has_head:
                if lower == "of" and last is not None:  # "the construction site of ..." before its head
                    i += 1
                    continue
                break
            if lower == "on" and nxt not in ("Mt", "Mount", "the") and not nxt[:1].isupper():
                break
            if lower == "in" and nxt in ("a", "an") and words[i - 1][:1].isupper():
                break  # "a launching site in the vicinity of Pyongyang in a time-delay mode": how, not where
            stands = nxt == "the" and " ".join(words[i + 2 : i + 4]).lower() in rules.stands_on
            # ("in the southwestern sector of the front" too; "a firing ground in the eastern sector" names it)
            if stands and (lower == "on" or (lower == "in" and " ".join(words[i + 4 : i + 7]) == "of the front")) and (
                last is None or words[last].lower() not in _GROUNDS
            ):
                # "the Hero Defence Detachment on Mu Islet on the southwestern front": where it stands (but "a
                # firing ground on the western front", "in the western sector of the front": which ground)
                break
            if lower in ("on", "at", "in") and (
                _DATE_WORD.match(nxt) or nxt[:1].isdigit() or (nxt == "New" and words[i + 2 : i + 3] == ["Year's"])
            ):
                break  # "on Sunday", "on New Year's Day": when, not where
            if lower in ("on", "in") and nxt == "the" and i + 2 < len(words) and _DATE_WORD.match(words[i + 2]):
                break
            if lower == "in" and nxt.lower() in _IN_PURPOSE:
                break  # "at Kim Il Sung Square in celebration of the anniversary": why, not where
            if lower == "at" and not (nxt == "the" and i + 2 < len(words) and words[i + 2] in ("foot", "mouth")):
                break
            if lower == "for" and (nxt.lower() in ("about", "its", "his", "their") or " ".join(
                w.lower() for w in words[i + 1 : i + 3]
            ) in ("the first", "the second", "a long", "the purpose", "the sake", "the time", "a while")):
                break
            i += 1
            continue
        if has_head and lower in ("late", "early") and word.islower() and nxt in ("at", "in", "on", "that", "this"):
            break  # "Pyongyang Railway Station late at night": when, not where
        if has_head and lower in ("nearing", "undergoing", "awaiting") and word.islower():
            break  # "the district on the bank of the Pothong River nearing completion": its state, not the place
        if has_head and lower.endswith("ly") and word.islower() and (_is_verb(nxt, rules) or nxt in rules.participles):
            break  # "the Masikryong Ski Resort newly built by ...": the clause after the place
        if _is_verb(word, rules) and (has_head or lower in rules.verbs):
            # "the modernized mill": before its head an -ed word is an adjective; after the head a
            # participle ("the site chosen for ...") is kept only before its preposition
            if has_head and nxt in ("for", "in", "under") and lower not in rules.where_it_stands:
                i += 1
                continue
            if has_head and lower == "named" and nxt == "after" and words[i + 2 : i + 3][:1] != ["the"]:
                i += 2  # "the Aircraft Plant named after Yuri Gagarin": the name goes on
                continue
            if has_head and words[i - 1].lower() in ("the", "a", "an", "large") and nxt.lower() in rules.heads:
                i += 1  # "the command of the large combined unit": an adjective before the next head
                continue
            break
        if first is None:
            first = i
        previous = words[i - 1].lower() if i else ""
        if rules.is_head(previous, lower) or (word[:1].isupper() and lower not in _DETERMINERS):
            has_head = True
        last = i
        i += 1
    if first is None or last is None or not has_head:
        return None
    # a phrase ends on its head or a name, never on a preposition, determiner or "and"
    while last > first and (words[last].lower() in _CONTINUING or words[last].lower() in _DETERMINERS
                            or words[last].lower() == "and" or words[last] == ","):
        last -= 1
    span = (tokens[first].start(), tokens[last].end())
    if not _names_a_place(words[first : last + 1], rules):
        return None
    return span


_OCCASION_OF = frozenset({"opening", "closing", "inauguration", "start", "launching", "end"})


def _names_a_place(words: Sequence[str], rules: SiteRules) -> bool:
    """A place noun heads the phrase, or it is a name (not a person's epithet or a bare date)."""
    lowered = [w.lower() for w in words]
    if len(lowered) > 2 and lowered[0] in ("the", "a", "an") and lowered[1] in _OCCASION_OF and lowered[2] == "of":
        return False  # "at the opening of the exhibition": an occasion, held somewhere the text tells
    if any(rules.is_head(lowered[k - 1] if k else "", w) for k, w in enumerate(lowered)):
        return True
    capitals = [w for w in words if w[:1].isupper()]
    return bool(capitals) and not all(_DATE_WORD.match(w) for w in capitals) and words[0].lower() in _DETERMINERS


def named_in_full(phrase: str, text: str, rules: SiteRules) -> str:
    """"the university" where the text names it in full ("Kim Jong Un University of National Defence")."""
    words = _TOKEN.findall(phrase)
    if (
        len(words) >= 3 and words[0].lower() == "the" and all(w.islower() for w in words)
        and words[-1] in rules.heads and words[-2].isalpha()
    ):
        # "the newly built ski resort" where the text names "the Masikryong Ski Resort in Kangwon Province"
        compound = rf"{words[-2].capitalize()} {words[-1].capitalize()}"
        name = re.search(
            rf"\b((?:[A-Z][a-z][\w'’-]*\s){{1,4}}{compound}"
            rf"(?: in (?:[A-Z][\w'’-]*\s){{1,2}}(?:Province|County|City))?)\b",
            text,
        )
        if name:
            found = name.group(1).strip()
            return f"the {found[4:]}" if found.startswith("The ") else f"the {found}"
    if len(words) != 2 or words[0].lower() not in ("the", "this") or words[1].lower() not in rules.heads:
        return phrase
    head = words[1].capitalize()
    # at most five capitalized words, each followed by a space: a run of capitals (a headline in
    # upper case) can neither be split in many ways nor be taken for the name
    name = re.search(rf"\b((?:[A-Z][a-z][\w'’-]*\s){{1,5}}{head}(?: of(?: the)?(?: [A-Z][\w'’-]*)+)?)\b", text)
    if not name:
        return phrase
    found = name.group(1).strip()
    return found[4:] if found.startswith("The ") else found


def split_sites(phrase: str, rules: SiteRules) -> list[str]:
    """Two places joined by "and" ("the Sinuiju Cosmetics Factory and the Sinuiju Textile Mill"), or more
    listed, each with its own determiner and place noun, are as many sites; anything else is one."""
    parts = re.split(r",? and (?=(?:the|a|an) )|, (?=the [A-Z])", phrase)  # (and a list: "A, the B and C")
    if len(parts) < 2 or not all(has_head(p, rules) for p in parts):
        return [phrase]
    if all(any(w[:1].isupper() for w in p.split()) for p in parts):
        return parts
    # "the regional industry factories and the county hospital under construction in Songchon County":
    # the place both stand in, named once at the end, goes with each
    shared = _SHARED_PLACE.search(parts[-1])
    if shared is None or any(any(w[:1].isupper() for w in p.split()) for p in parts[:-1]):
        return [phrase]
    return [*(f"{p}{shared.group()}" for p in parts[:-1]), parts[-1]]


_SHARED_PLACE = re.compile(r" in (?:[A-Z][\w'-]*(?: |$))+(?:County|City|District|Province|Area)?$")


def singular_head(phrase: str) -> str | None:
    """The head noun of a site phrase in the singular ("factories" -> "factory"), before any "of"."""
    tokens: list[str] = [t.lower() for t in _TOKEN.findall(phrase.split(" of ")[0]) if t[0].isalnum()]
    for word in tokens:
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        if word in ("factory", "farm", "unit", "base", "area", "enterprise", "site", "school", "mine", "plant"):
            return word
    return None


def has_head(phrase: str, rules: SiteRules) -> bool:
    """The phrase holds a place noun ("base", "stadium"), not only a name."""
    lowered = [t.lower() for t in _TOKEN.findall(phrase)]
    return any(rules.is_head(lowered[k - 1] if k else "", w) for k, w in enumerate(lowered))


def locative_sites(text: str, start: int, end: int, rules: SiteRules) -> list[tuple[int, int]]:
    """Sites after locative phrases ("took place at", "arrived at") between ``start`` and ``end``."""
    out: list[tuple[int, int]] = []
    for m in rules.locatives.finditer(text, start, end):
        span = site_phrase(text, m.end(), end, rules)
        if span and not any(a <= span[0] < b for a, b in out):
            out.append(span)
    return out


def content_words(phrase: str) -> frozenset[str]:
    """The words that identify a site, for telling one site from a fuller mention of it."""
    return frozenset(w for w in re.findall(r"[a-z0-9]+", phrase.lower()) if w not in _DETERMINERS
                     and w not in ("of", "in", "at", "on", "to", "for", "and", "by", "under"))


def fullest(sites: list[str]) -> list[str]:
    """Sites without those that a fuller mention of the same place holds word for word."""
    words = [content_words(s) for s in sites]
    kept: list[str] = []
    for k, site in enumerate(sites):
        # "another factory" is not "the factory" named before it: only a phrase of two words or more
        if len(words[k]) > 1 and any(j != k and words[k] < words[j] for j in range(len(sites))):
            continue
        if site not in kept:
            kept.append(site)
    return kept
