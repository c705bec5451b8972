"""Who is the subject of a sentence: the leader by name, title or epithet, "he", or another person."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from fieldguide.extract.anchors import Hits, with_first_chars
from fieldguide.extract.events.rules import LEADER_EPITHET
from fieldguide.extract.text import Sentence
from fieldguide.model import LATE_LEADERS, LEADER, Mention

# A name after one of these is not the subject of its clause.
OBJECT_CONTEXT = re.compile(
    r"(?:\b(?:of|to|by|for|from|with|towards?|behind|around|about|on|upon|under|before|after|"
    r"greet(?:ed|ing)?|welcom(?:ed|ing)|receiv(?:ed|ing)|invit(?:ed|ing)|cheer(?:ed|ing)|met|"
    r"authorization of|name of|behalf of|(?:his|her) wife|(?:his|her) daughter"
    # ("Recalling that Kim Jong Un had given instructions ..., he called on ...": the speaker is the subject)
    r"|[Rr]ecall(?:ing|ed|s)? that|[Rr]emembering that)|'s|“|\")\s*(?:the\s+)?"
    r"(?:(?:respected|beloved|dear|late)\s+)*"
    # ("the summit with U.S. President Donald J. Trump": a country's word before the title)
    r"(?:(?:U\.S\.|[A-Z][a-z]+(?:an|ese|ish))\s+(?=(?:President|Premier|Prime Minister|Chairman)\b))?"
    r"(?:(?:Comrade|General Secretary|President|Chairman|Marshal|Premier|Prime Minister)\s*)*$"
)


# A sentence that lists who was present: "Present there were ...", "Present on the platform were ...".
PRESENT_LIST = re.compile(r"^(?:Also )?[Pp]resent\b[^.;]{0,80}?\b(?:were|was)\b")


@dataclass(slots=True)
class Agent:
    pos: int
    actor: str | None  # None: a pronoun still to resolve
    plural: bool = False  # "they", or "the two leaders" (he and his counterpart)


def people_by_sentence(sentences: list[Sentence], people: list[Mention]) -> dict[int, list[Mention]]:
    """Person mentions grouped by the sentence they stand in (one pass, not one per sentence)."""
    starts = [s.span.start for s in sentences]
    out: dict[int, list[Mention]] = {}
    for m in people:
        out.setdefault(bisect_right(starts, m.span.start) - 1, []).append(m)
    return out


# Between two names joined by "and", with a title after the first: ", general secretary of the CPC, and "
_AND_NEXT = re.compile(r"(?:,\s+[^.;:]{0,160}?)?,?\s+and\s+(?:(?:the\s+)?[A-Z][\w'-]*\s+)?")
_JOINED = re.compile(r"\s+and\s+(?:his\s+wife\s+)?")




def agents_of(sentence: Sentence, people: list[Mention], text: str, words: list[re.Match[str]]) -> list[Agent]:
    """Who could be the subject of a verb in this sentence, in order.

    ``people`` are the person mentions in the sentence, ``words`` the epithets and pronouns in it."""
    s0 = sentence.span.start
    agents: list[Agent] = []
    object_ends = -1  # where the last name that is no subject ("together with Xi Jinping") ends
    for person in people:
        if person.canonical in LATE_LEADERS:
            continue  # "the late leader Kim Jong Il had opened Mt Kumgang": what they did is history, not the story
        before = text[max(s0, person.span.start - 60) : person.span.start]
        if OBJECT_CONTEXT.search(before) or (
            # "together with Xi Jinping, general secretary of ..., and Vladimir Putin": the second is no subject either
            object_ends >= 0 and _AND_NEXT.fullmatch(text, object_ends, person.span.start)
            # (not "a banquet was given for Xi Jinping, and Kim Jong Un hosted it": a clause of its own)
            and text.startswith((",", " and "), person.span.end)
        ):
            object_ends = person.span.end
            continue
        agents.append(Agent(person.span.end - s0, person.canonical))
    for word in words:
        if word.lastgroup == "pronoun":
            agents.append(Agent(word.end() - s0, None))
        elif word.lastgroup == "they":
            agents.append(Agent(word.end() - s0, None, plural=True))
        elif text.endswith(f"{LEADER}, ", max(s0, word.start() - 20), word.start()):
            continue  # "Kim Jong Un, first secretary of the WPK": his name said it (or, after "of", did not)
        elif not OBJECT_CONTEXT.search(text[max(s0, word.start() - 40) : word.start()]):
            agents.append(Agent(word.end() - s0, LEADER, plural=bool(TWO_LEADERS.match(word.group()))))
    agents.sort(key=lambda a: a.pos)
    # "Kim Jong Un and Ri Sol Ju (and Moon Jae In and his wife) had a luncheon": subjects joined to
    # the leader's are his company
    kept: list[Agent] = []
    joined = False
    for i, a in enumerate(agents):
        if i and a.actor not in (LEADER, None) and (agents[i - 1].actor == LEADER or joined) and _JOINED.fullmatch(
            text[s0 + agents[i - 1].pos : s0 + a.pos - len(a.actor)]
        ):
            joined = True
            continue
        joined = False
        kept.append(a)
    return kept


# (searched in windows around each epithet word: the look-ahead spares trying it at every character)
SUBJECT_WORDS = with_first_chars(
    re.compile(rf"(?P<epithet>{LEADER_EPITHET.pattern})|(?P<pronoun>[Hh](?<![\w-][Hh])e\b)")
)


# A title of his opening a sentence, as its subject (the group is named like an epithet's).
OPENING_TITLE = re.compile(
    r"(?:(?:At|In|On|After) [^,.;]{1,60}?,? )?(?P<epithet>The (?:(?:dear|respected) )*"
    r"(?:general secretary|supreme leader|supreme commander|General Secretary|Supreme Leader|Supreme Commander"
    r"|Marshal))\b(?! (?:Kim|of|and)\b|'s)"
    # only as the speaker at an occasion the dispatch told of him: other acts after a title stay unclaimed
    r"(?= (?:(?:also|then) )?(?:made|delivered|gave) (?:an? |the |his )?(?:[\w'-]+ ){0,3}?(?:speech|address|report)\b"
    # or as the mourner at a visit made to express condolences ("The supreme leader visited the embassy ... to
    # express condolences over the death")
    r"| visited [^.;]{1,80}? to express (?:(?:his|deep|profound|sincere) )*condolences?\b"
    # or as the visitor of another place, told as such ("The supreme commander also visited the museum")
    r"| (?:also|then) (?:visited|inspected|went to)\b)"
)


PRONOUN_ONLY = re.compile(r"(?P<pronoun>[Hh](?<![\w-][Hh])e\b)")
# "They had the extended talks the next day": he and his counterpart, after "the top leaders" (see agents_of)
THEY = re.compile(r"(?P<they>\b[Tt]hey\b)(?! (?:were|are|have been|had been) (?:greeted|welcomed|received|seen)\b)")
# The two leaders of a summit as one subject ("the top leaders", "both leaders", "the leaders of the two countries").
TWO_LEADERS = re.compile(r"(?:[Tt]he (?:two|top) (?:top )?leaders|[Bb]oth leaders|[Tt]he leaders of the two)\b")
# The same words in the lower-cased text: a pattern that opens on the literal "he" is skipped along
# from one "he" to the next in C, while "[Hh]" stops at every h of the text ("the", "which", "she").
_PRONOUN_LOWERED = re.compile(r"he(?<![\w-]he)\b")


def _pronouns(text: str, lowered: str) -> list[re.Match[str]]:
    """``list(PRONOUN_ONLY.finditer(text))``, found from the places "he" stands in ``lowered``
    (each a match of the pattern itself: "HE" is lower-cased "he" but no pronoun of the pattern's)."""
    if len(lowered) != len(text):  # not lower-cased offset for offset (see text.lowercase)
        return list(PRONOUN_ONLY.finditer(text))
    found = []
    for m in _PRONOUN_LOWERED.finditer(lowered):
        at = m.start()
        if text[at + 1] == "e" and (pronoun := PRONOUN_ONLY.match(text, at)) is not None:
            found.append(pronoun)
    return found


EPITHET_WORDS = (
    "respected", "general secretary", "marshal", "head of", "supreme leader", "leader of our",
    "first secretary", "chairman of the", "president of the state", "supreme commander", "two leaders",
    "top leaders", "both leaders", "leaders of the two",
)


_TWO_LEADER_WORDS = tuple(w for w in EPITHET_WORDS if "leaders" in w)


@cache
def epithet_automaton() -> Any:
    """EPITHET_WORDS for the extractor's shared scan (each word is its own value)."""
    automaton = ahocorasick.Automaton()
    for word in EPITHET_WORDS:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _epithet_places(lowered: str, hits: Hits | None) -> dict[str, list[int]]:
    """Where each of EPITHET_WORDS begins in the text, in order: from the shared scan's ``hits``
    (of ``epithet_automaton``) when given, else by a search for each word."""
    places: dict[str, list[int]] = {}
    if hits is not None:
        for end, word in hits:
            places.setdefault(word, []).append(end - len(word) + 1)
        return places
    for word in EPITHET_WORDS:
        at = lowered.find(word)
        while at != -1:
            places.setdefault(word, []).append(at)
            at = lowered.find(word, at + 1)
    return places


def find_subject_words(
    text: str, lowered: str, sentences: list[Sentence], hits: Hits | None = None
) -> dict[int, list[re.Match[str]]]:
    """Leader epithets and the pronoun "he", found in one pass and grouped by sentence.

    ``hits``: the shared scan's share for ``epithet_automaton``, which spares a search for each word."""
    starts = [s.span.start for s in sentences]
    out: dict[int, list[re.Match[str]]] = {}
    found = _pronouns(text, lowered)
    # the epithet pattern only near its words: trying it at every character costs more than all the rest
    seen: set[int] = set()
    places = _epithet_places(lowered, hits)
    for word in EPITHET_WORDS:  # word by word, as the windows were always searched
        for at in places.get(word, ()):
            for m in SUBJECT_WORDS.finditer(text, max(0, at - 40), min(len(text), at + 90)):
                if m.lastgroup == "epithet" and m.start() not in seen:
                    seen.add(m.start())
                    found.append(m)
    named_at = text.find(LEADER)
    for i, sentence in enumerate(sentences if named_at != -1 else ()):
        # "The general secretary made a concluding speech.": his title as the speaker, once the
        # dispatch has named him (before that, the title may be anyone's)
        if sentence.span.start <= named_at:
            continue
        opening = OPENING_TITLE.match(text, sentence.span.start)
        if opening is not None:
            out.setdefault(i, []).append(opening)
    if "they" in lowered and any(word in places for word in _TWO_LEADER_WORDS):  # only after such a subject
        found.extend(THEY.finditer(text))
    for m in found:
        out.setdefault(bisect_right(starts, m.start()) - 1, []).append(m)
    for matches in out.values():
        matches.sort(key=lambda m: m.start())
    return out
