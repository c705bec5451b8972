"""Candidate events: each trigger phrase of a sentence with its actor, site, venue and counterpart."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from fieldguide.extract.anchors import Hits
from fieldguide.extract.dates import DateMention
from fieldguide.extract.events.rules import (
    ANY_RULE,
    CLOSING_ADDRESS,
    OCCASION,
    OCCASION_WORDS,
    OPENING_ADDRESS,
    OWN_EVENT_AT_VISIT,
    SIGNING,
    STATE_VISIT_VENUE,
    EventRules,
    Live,
)
from fieldguide.extract.events.subjects import (
    PRESENT_LIST,
    TWO_LEADERS,
    Agent,
    agents_of,
    find_subject_words,
    people_by_sentence,
)
from fieldguide.extract.occupied import Occupied
from fieldguide.extract.sites import (
    SiteRules,
    has_head,
    site_phrase,
    split_sites,
)
from fieldguide.extract.text import Sentence
from fieldguide.model import LEADER, Mention, Span

# a verb in a relative or a "since" clause tells of another time ("remodelled since he visited it in May")
# (not "after which he held talks", "After that he sailed to ...": what he did next)
RELATIVE_BEFORE = re.compile(
    r"(?<![Aa]fter )(?<![Ff]ollowing )(?<![Bb]efore )\b(?:(?:which|that|where|when|whom|who|as|since)\s+(?:\w+\s+){0,2}"
    # (or another's name: "where President Kim Il Sung gave field guidance in 1960"; not "said that Kim Jong Un")
    r"|(?:which|where|whom|when)\s+(?:(?:the|leader|President|Chairman|General)\s+)?(?:[A-Z][\w'-]*\s+){1,4})$"
)


# A day of the week just gone, or the day the text tells, closing a clause: "where he had looked round an
# aircraft plant on Friday", "which Kim Jong Un watched together with the guests the same evening"
_DAY_IN_CLAUSE = re.compile(
    r"[^,.;:]{0,100}?\b(?:on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"|(?:on )?the (?:same|previous) (?:day|morning|afternoon|evening|night)|that (?:morning|afternoon|evening))"
    r"(?:\s+(?:morning|afternoon|evening|night))?(?=[,.;]|\s*$)"
)
# (not "since he visited it on Monday", "as he did on Friday": another time told to compare)
_NOT_AN_ACT_CLAUSE = re.compile(r"\b(?:since|as|that)\s+(?:\w+\s+){0,2}$")


# The leader named, his titles after him, then "who": a clause of his own ("Kim Jong Un, first secretary of
# the WPK, who made an opening address"), not one of the place or of another person
_HIS_WHO = re.compile(
    r"Kim Jong Un(?:,\s+(?:[a-z][\w'-]*\s+)+(?:of\s+[^,;.]{1,100}?)?)*,\s+who\s+(?:\w+\s+){0,2}$"
)


# The second verb of another person's relative clause: "Fidel Castro Ruz, who visited the DPRK in 1986 and
# had a historic meeting with President Kim Il Sung" (his clause, not the sentence's subject's)
_WHO_AND = re.compile(r",\s+who\s+[^,;.]{1,100}?\s+and\s+$")
_HIS_TITLES_END = re.compile(r"Kim Jong Un(?:,\s+(?:[a-z][\w'-]*\s+)+(?:of\s+[^,;.]{1,100}?)?)*$")


def _another_who_and(text: str, at: int) -> bool:
    found = _WHO_AND.search(text, max(0, at - 160), at)
    return found is not None and not _HIS_TITLES_END.search(text, max(0, found.start() - 300), found.start())


_SENDERS_WORDS = re.compile(
    r"^\W*(?:The|Their|Its) (?:letter|message|messages|cable|telegram|card|congratulatory message)s? "
    r"(?:said|says|noted|notes|stressed|stresses|expressed|pointed out|read|reads|praised|hailed)\b"
)
_WHO_HAD = re.compile(r"\bwho\s+had\s+(?:\w+ly\s+)?$")


_JOINT_SUBJECT = re.compile(
    r"Kim Jong Un(?:,[^,;.]{1,160}?,)? and (?!his |the )([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){1,3})"
)
_EXHIBITION_HALLS = re.compile(r"\bexhibition (?:halls?|rooms?|grounds?)\b")
_EXHIBITS_AFTER = re.compile(r"\s+(?:the |its |an? )?(?:[\w'-]+ ){0,2}?exhibits\b")


_BIER = re.compile(r"^(?:the |a )?(?:bier|coffin|remains)\b", re.I)
_AT_OR_IN = re.compile(r"\s+(?:at|in)\s+")


def _opens_or_closes(words: str) -> bool:
    """A speech that opened or closed its occasion ("made an opening speech")."""
    lowered = words.lower()
    return bool(OPENING_ADDRESS.search(lowered) or CLOSING_ADDRESS.search(lowered))


def _where_the_bier_lay(text: str, pos: int, site: str, rules: SiteRules) -> str | None:
    """"visited the bier of Hyon Chol Hae at the April 25 House of Culture": the hall, not the bier."""
    if not _BIER.match(site):
        return None
    end = text.find(site, pos)
    at = _AT_OR_IN.match(text, end + len(site)) if end != -1 else None
    span = site_phrase(text, at.end(), len(text), rules) if at else None
    return text[span[0] : span[1]] if span else None


def _told_with_its_day(head: str, text: str, end: int) -> bool:
    """An act told in a relative clause that gives its own day in the week of the report is an act of
    his reported here, not one recalled ("Komsomolsk-on-Amur, where he had looked round an aircraft
    plant on Friday")."""
    if _NOT_AN_ACT_CLAUSE.search(head):
        return False
    return bool(_DAY_IN_CLAUSE.match(text, end))


# ("as if he had received great presents": a likeness, not an act)
# "his field guidance": a noun phrase, not an act; but "Moon Jae In and his wife watched", "the top
# leaders and their wives watched": the subjects' company; "attended it with his daughter and made a
# speech": the company, then his next act
NOUN_PHRASE_BEFORE = re.compile(
    r"\b(?:his|her|their|its)\s+(?!(?:wife|wives|husband|husbands|daughter|family|families)\s+$)(?:(?!and\s)[\w-]+\s+){0,2}$"
)


# Talks held where he went ("went to the House of Freedom ... and had talks there"): the going is theirs.
TALKS_THERE = re.compile(r"\band (?:held|had) (?:[\w-]+ ){0,2}?talks\b")


# "he recalled that leader Kim Jong Il had sent a letter": an earlier act told inside what someone says
THAT_HAD_BEFORE = re.compile(r"\bthat\b[^.;]{0,80}?\bhad\s+$")


MODAL_BEFORE = re.compile(
    r"\b(?:will|would|shall|to|plans? to|is to|are to|going to|intends? to|as if(?:\s+\w+){0,2})\s+$"
)


# "The message said:" — what follows is the message, not the story, until a new item ("- ...") begins.
QUOTE_START = re.compile(
    r"\b(?:message|letter|greeting|congratulatory message|reply message|telegram|speech|address|statement|"
    r"it|which|card|note)\b[^.:]{0,40}\b(?:said|says|reads?|read as follows|as follows|noted|stressed)\s*:\s*$"
)


# "It was watched by the respected Marshal Kim Jong Un": the occasion of the sentence before, attended by him
IT_WAS_BY = re.compile(
    r"^(?:It|They) (?:was|were) (?:watched|attended|observed|guided|overseen|enjoyed|appreciated|presided over) by\b"
)


NEW_ITEM = re.compile(r"^[-•*]\s")


@dataclass(slots=True)
class Candidate:
    type: str
    actor: str
    sentence: Sentence
    trigger: Span
    site: str | None = None
    venue: str | None = None  # the noun of an attended occasion: "meeting", "performance"
    new_site: bool = False
    counterpart: str | None = None  # the recipient, sender or guest
    visit_part: bool = False  # a part of a visit when one comes before it ("met the officials there")
    passive: bool = False  # found by a passive phrase ("a wreath in the name of Kim Jong Un")
    new_day: bool = False  # its sentence opens on a day of its own ("On February 28 the two leaders ...")
    by_its_speech: bool = False  # a meeting told only by the speech that opened or closed it
    # the day its own clause names after the verb ("visited B on Saturday"), or "after" for "the next day"
    own_day: DateMention | str | None = None


# What may stand between a visit's verb and its site: a day, and "of" after a survey or inspection
# ("made a field survey of the power station").
_BEFORE_SITE = re.compile(
    r"\s*(?:on \w+day,?\s*|on [A-Z][a-z]+\.? \d+,?\s*)?(?:(?<=survey )of |(?<=inspection )of |(?<=tour )of )?"
)


# the next named place of a list ("the Orangchon Power Station, the Chongjin Bag Factory and ...", "the fish farm
# in the morning and the shipyard in the afternoon")
_LIST_NEXT = re.compile(r"(?:\s+in the (?:morning|afternoon|evening))?(,\s+|,?\s+and\s+)(?=the\s+[A-Z])")


def _listed_on(sentence: str, pos: int, site: str, rules: SiteRules) -> str:
    """The site with the named places listed after it, when the list has an "and" ("inspected the
    construction site of the Orangchon Power Station, the Chongjin Bag Factory and the construction site of
    the Yombunjin Hotel"): split_sites then tells them apart. An apposition ("the farm, a model unit") is none."""
    at = sentence.find(site, pos)
    if at < 0:
        return site
    end = at + len(site)
    pieces = [site]
    joined_by_and = False
    while (joint := _LIST_NEXT.match(sentence, end)) is not None:
        span = site_phrase(sentence, joint.end(), len(sentence), rules)
        if span is None or not has_head(sentence[span[0] : span[1]], rules):
            break
        joined_by_and = joined_by_and or "and" in joint.group(1)
        pieces.append(sentence[span[0] : span[1]])
        end = span[1]
    if len(pieces) == 1 or not (joined_by_and or " and " in pieces[-1]):
        return site
    return ", ".join(pieces)


# "Kim Jong Un and Trump", "Kim Jong Un and his wife Ri Sol Ju" right before the verb: a subject of two, he one
_WITH_HIM_BEFORE = re.compile(r"\bKim Jong Un and (?:his wife )?(?:[A-Z][\w.'-]*\s){1,4}$")
_DONE_TOGETHER = frozenset({"cultural_event", "ceremony", "commemoration", "inspection", "meeting"})


def _names_a_part(sentence: str, pos: int, rules: SiteRules) -> bool:
    """The verb's object is a part of a site ("visited the production line of the SJ-100 plane")."""
    rest = _BEFORE_SITE.match(sentence, pos)
    span = site_phrase(sentence, rest.end() if rest else pos, len(sentence), rules)
    return span is not None and rules.is_part(sentence[span[0] : span[1]])


def _site_after(sentence: str, pos: int, rules: SiteRules) -> str | None:
    """The site an inspection or commemoration verb names: "inspected <the training base of ...>"."""
    # "made a field survey of the power station": the place after "of"
    rest = _BEFORE_SITE.match(sentence, pos)
    begin = rest.end() if rest else pos
    span = site_phrase(sentence, begin, len(sentence), rules)
    if span is None:
        # "learned about the production of small arms at a factory": the place is after "at"
        at = re.match(r"[^,.;]*? (?:at|in) (?=(?:an?|the|another) )", sentence[begin:])
        span = site_phrase(sentence, begin + at.end(), len(sentence), rules) if at else None
    if span is None:
        return None
    phrase = sentence[span[0] : span[1]]
    if rules.is_part(phrase):
        # "inspected the flight command post of KPA Unit 1016": the unit whose part it is
        owner = _OWNER.search(phrase)
        if owner and has_head(owner.group(1), rules) and not rules.is_part(owner.group(1)):
            return owner.group(1)
        return None
    return phrase


_OWNER = re.compile(r" of ((?:the )?[A-Z][^,;]*)$")


# Event types whose verb names the site ("inspected X", "visited X", "sent a wreath to X").
_SITE_FROM_VERB = frozenset({"inspection", "commemoration", "message_sent"})


# the DPRK's own embassy abroad: he visits its staff, an inspection ("visited the DPRK embassy in Vietnam")
# (not a foreign one in the DPRK: "the Chinese Embassy in the DPRK")
OWN_EMBASSY = re.compile(
    r"\bDPRK [Ee]mbass|\b[Ee]mbassy of the (?:DPRK|Democratic People's Republic of Korea)\b|\bour\b"
)


# a relative pronoun right before his name (an agent's position is where the name ends): he is in a clause
# about someone listed, not listed himself
_WHOM_BEFORE = re.compile(r"\b(?:whom|who|which)\s+(?:[\w'-]+\s+){0,5}[\w'-]+$")


# the firing of a weapon system still new: its test, not a drill of units
NEW_WEAPON_FIRED = re.compile(r"\bfiring of (?:an? |the )?(?:[\w-]+ )?(?:new-type|newly[- ]developed)\b")


_WREATH = re.compile(r"wreath|floral basket|bouquet", re.I)


# "A wreath in the name of Kim Jong Un was laid at the Liberation Tower": where it was laid
_LAID_AT = re.compile(r"(?:[^,.;]{0,60}?\b(?:laid|placed|presented)\b)?[^,.;]{0,40}?\bat (?=(?:an? |the )?[A-Z])")


def _laid_at(sentence: str, pos: int, rules: SiteRules) -> str | None:
    """The place a wreath or floral basket sent in his name was laid, named after "at" in its sentence."""
    at = _LAID_AT.match(sentence, pos)
    if at is None:
        return None
    span = site_phrase(sentence, at.end(), len(sentence), rules)
    if span is None:
        return None
    site = sentence[span[0] : span[1]]
    return site if has_head(site, rules) and not rules.is_part(site) else None


def _type_for_venue(rules: EventRules, words: str) -> str | None:
    first = rules.first_venue(words)
    if first is None:
        return None
    if not rules.venue_begins_at(words, first[1] + 1):
        return first[2]  # no second noun right after the first: no compound to read
    best: tuple[int, int, str] | None = None
    found: dict[int, str] = {}
    for etype, pattern in rules.venue_nouns:
        m = pattern.search(words)
        if m:
            found.setdefault(m.start(), etype)
            if best is None or m.start() < best[0]:
                best = (m.start(), m.end(), etype)
    if best is None:
        return None
    # "a celebration performance": the noun that ends the compound names the occasion
    return found.get(best[1] + 1, best[2])


def find_candidates(
    sentences: list[Sentence],
    people: list[Mention],
    text: str,
    rules: EventRules,
    title: str | None,
    live: Live,
    lowered: str,
    towns: dict[int, int] | None = None,
    subject_hits: Hits | None = None,
) -> list[Candidate]:
    """``subject_hits``: the shared scan's share for the epithets (see subjects.find_subject_words)."""
    out: list[Candidate] = []
    focus: str | None = None
    plural_focus = False  # the last subject was he and his counterpart ("the top leaders")
    quoted = False
    occasion = _occasion(rules, title or "", headline=True)
    in_sentence = people_by_sentence(sentences, people)
    subject_words = find_subject_words(text, lowered, sentences, subject_hits)
    occasion_sentences = {
        x.index
        for x in sentences
        if live(OCCASION, x) and OCCASION.search(x.text)  # anchors from the shared scan
    }
    visited = False  # a visit, or talks held at a place ("held talks ... at the Vostochny Cosmodrome"), told so far
    for sentence in sentences:
        named = in_sentence.get(sentence.index)
        words = subject_words.get(sentence.index)
        # most sentences name no one: no subject to look for
        agents = agents_of(sentence, named or [], text, words or []) if named or words else []
        if IT_WAS_BY.match(sentence.text) and occasion is not None and not quoted:
            # "The contest took place on Saturday. It was watched by Kim Jong Un": the occasion told before
            # (his name after "by" is no subject: the person mention itself tells he is the one)
            him = next((m for m in named or [] if m.canonical == LEADER), None)
            if him is not None:
                out.append(Candidate(occasion[0], LEADER, sentence, Span(sentence.span.start, him.span.end),
                                     venue=occasion[1]))
                agents = [a for a in agents if a.actor != LEADER]
        if PRESENT_LIST.match(sentence.text):
            # "Present there were Kang Sun Nam, ... and Pak Jong Chon": a list of those present, whose
            # names are no subjects; the story stays with whom it was about
            leader = next((a for a in agents if a.actor == LEADER), None)
            if leader is not None and _WHOM_BEFORE.search(sentence.text, max(0, leader.pos - 45), leader.pos):
                leader = None  # "Present as guests were Li Qiang, whom Kim Jong Un had received": the guests
            # ("Present at the inaugural ceremony were Kim Jong Un, ...": the occasion its own words name)
            own = _occasion(rules, sentence.text, headline=True) if leader is not None and occasion is None else None
            if own is not None:
                occasion = own
            if leader is not None and occasion is not None and not quoted:
                # "Present there was the dear respected Kim Jong Un": he attended the occasion told before
                at = sentence.span.start + leader.pos
                out.append(Candidate(occasion[0], LEADER, sentence, Span(sentence.span.start, at), venue=occasion[1]))
            agents = []
        if quoted and (NEW_ITEM.match(sentence.text) or _narrative_resumes(sentence, agents)):
            quoted = False
        # "they" is he and his counterpart right after "the top leaders" were the subject, else others
        resolved = [
            a.actor if a.actor is not None else (LEADER if plural_focus else None) if a.plural else focus
            for a in agents
        ]
        if sentence.index in occasion_sentences:
            occasion = _occasion(rules, sentence.text, headline=True) or occasion
        # without a subject only a passive rule ("under the guidance of Kim Jong Un") can fire
        if not quoted and live(ANY_RULE, sentence) and (agents or live.live_in(sentence, rules.passive)):
            # the guest named in the sentence before ("Liu Yunshan, member of ... of China, was also there.")
            before = sentences[sentence.index - 1].text if sentence.index else ""
            guest = before if rules.foreign_counterpart.search(before) else ""
            found = _sentence_candidates(
                sentence, agents, resolved, rules, occasion, live, towns or {}, visited, guest
            )
            visited = visited or any(f.type in ("inspection", "diplomacy") for f in found)
            out.extend(found)
        if resolved:
            # "X greeted the guests, and Kim Jong Un watched the parade. ... he attended": the story
            # goes on about the leader when he is a subject of the sentence (but "He said that ..., true to the
            # instructions Kim Jong Un gave": the one "he" was goes on being the story's subject)
            goes_on = agents[0].actor is None and not agents[0].plural and focus not in (None, LEADER)
            if not goes_on:
                focus = LEADER if LEADER in resolved else resolved[0] if resolved[0] is not None else focus
        if agents:
            plural_focus = any(a.plural and r == LEADER for a, r in zip(agents, resolved, strict=True))
        if sentence.text.endswith(":") and QUOTE_START.search(sentence.text):
            quoted = True  # what follows "The message said:" is the message, not the story
    # a meeting told by his opening or closing speech, once, when no other words tell he was at one
    told = any(c.type == "meeting" and c.actor == LEADER and not c.by_its_speech for c in out)
    first = None if told else next((c for c in out if c.by_its_speech and c.actor == LEADER), None)
    return [c for c in out if not c.by_its_speech or c is first]


# The acts a message thanks him for are told as its reasons, done before and often by others.
# ("asked him to convey his thanks to the President for having sent such a gift": a gift of the President's)
THANKED_FOR = re.compile(r"\b(?:express|extend|convey)(?:ed)? (?:[\w-]+ ){0,2}thanks\b[^.;]{0,300}?\bfor\b")


# whom the talks were with, right after the trigger: "held talks with him", "met Liu Yunshan"
_TALKS_WITH = re.compile(r"\s+(?:with\s+)?(him|her|them|[A-Z][\w'-]+(?:\s[A-Z][\w'-]+){1,3})\b")


def _the_guest_told_before(text: str, end: int, guest: str) -> bool:
    """"Liu Yunshan, member of ... of China, was also there. Kim Jong Un had held talks with him the
    previous day": talks with the guest from abroad named in the sentence before."""
    whom = _TALKS_WITH.match(text, end) if guest else None
    return whom is not None and (whom.group(1) in ("him", "her", "them") or whom.group(1) in guest)


def _sentence_candidates(
    sentence: Sentence,
    agents: list[Agent],
    resolved: list[str | None],
    rules: EventRules,
    occasion: tuple[str, str] | None,
    live: Live,
    towns: dict[int, int],
    visited: bool = False,
    guest: str = "",
) -> list[Candidate]:
    """``visited``: a visit has been told in an earlier sentence; ``guest``: the sentence before, when it
    names someone from abroad."""
    text = sentence.text
    found: list[Candidate] = []
    claim = Occupied(len(text)).claim
    agent_positions = [agent.pos for agent in agents]  # sorted: agents_of orders them

    def actor_before(pos: int) -> str | None:
        """The last agent at or before ``pos`` (a search: a long sentence may hold thousands)."""
        i = bisect_right(agent_positions, pos) - 1
        return resolved[i] if i >= 0 else None

    for m in live.finditer(rules.visit_parts, sentence):
        actor = actor_before(m.start())
        if actor is not None and claim(m.start(), m.end()):
            found.append(
                Candidate("meeting", actor, sentence, _span(sentence, m), visit_part=True,
                          new_day=bool(DAY_OF_TOUR.match(text)))
            )
    # what a letter or message says ("The letter said that the nuclear test conducted under the guidance of Kim Jong
    # Un was a great victory"): its senders' words, no act reported
    senders_words = _SENDERS_WORDS.match(text) is not None
    for etype, pattern in live.live_in(sentence, rules.passive):
        for m in live.finditer(pattern, sentence):
            if senders_words:
                break
            if claim(m.start(), m.end()):
                noun = m.group().split()[0].lower().rstrip(",")
                wreath = etype == "message_sent" and _WREATH.search(m.group())
                site = _laid_at(text, m.end(), rules.sites) if wreath else None
                found.append(
                    Candidate(etype, LEADER, sentence, _span(sentence, m), site=site, venue=noun, passive=True)
                )
    for m in live.finditer(rules.attendance, sentence):
        actor = actor_before(m.start())
        head = text[max(0, m.start() - 40) : m.start()]
        if actor is None or RELATIVE_BEFORE.search(head) or MODAL_BEFORE.search(head):
            continue
        after = text[m.end() : m.end() + 90]
        attended = _type_for_venue(rules, after.split(",")[0])
        venue = _type_noun(rules, attended, after) if attended else None
        if attended is None and occasion is not None:
            attended, venue = occasion  # "appeared on the platform": the occasion the story is about
        if attended is None:
            continue
        if claim(m.start(), m.end()):
            found.append(Candidate(attended, actor, sentence, _span(sentence, m), venue=venue))
    for etype, pattern in live.live_in(sentence, rules.triggers):
        for m in live.finditer(pattern, sentence):
            actor = actor_before(m.start())
            head = text[max(0, m.start() - 40) : m.start()]
            relative = bool(RELATIVE_BEFORE.search(head)) or _another_who_and(text, m.start())
            his_who = relative and bool(_HIS_WHO.search(text, max(0, m.start() - 300), m.start()))
            if his_who and _WHO_HAD.search(head):
                continue  # "Kim Jong Un, who had visited the bier of the deceased, sent a wreath": told as done before
            if his_who:
                actor = LEADER  # ("was guided by Kim Jong Un, first secretary of the WPK, who made an address")
            if actor is None and m.start() == 0 and resolved and (
                m.group().split()[0].endswith("ing") or text[m.end() : m.end() + 1] == ","
            ):
                # "Looking round the site, he discussed ...", "At the talks, he said ...": the subject
                # comes after the opening phrase
                actor = resolved[0]
            if actor is None:
                continue
            if MODAL_BEFORE.search(head):
                continue
            # ("Kim Jong Un, first secretary of the WPK, who made an opening address on May 6": his own clause)
            own_clause = relative and not his_who
            if own_clause and not _told_with_its_day(head, text, m.end()):
                continue
            if THAT_HAD_BEFORE.search(text, max(0, m.start() - 100), m.start()):
                continue
            if THANKED_FOR.search(text, 0, m.start()):
                continue  # "expressed thanks to him ... for making sure that a delegation paid a visit": past acts
            if NOUN_PHRASE_BEFORE.search(head):
                continue  # a noun phrase ("his field guidance"), not an act
            if not claim(m.start(), m.end()):
                continue
            site = _site_after(text, m.end(), rules.sites) if etype in _SITE_FROM_VERB else None
            if etype == "other" and m.group().startswith(("voted", "cast")):
                site = _site_after(text, m.end(), rules.sites)  # "voted at <the polling station of ...>"
            if etype == "message_sent" and site and not (_WREATH.search(m.group()) and has_head(site, rules.sites)):
                site = None
            kind = etype
            if kind == "military_exercise" and NEW_WEAPON_FIRED.search(text, m.start(), min(len(text), m.end() + 40)):
                kind = "weapons_test"  # "guided the firing of a new-type tactical guided weapon": a weapon's test
            if kind == "inspection" and site and rules.commemoration_sites.search(site):
                kind = "commemoration"
                site = _where_the_bier_lay(text, m.end(), site, rules.sites) or site
            if kind == "inspection" and site and _type_for_venue(rules, _head_word(site)) == "cultural_event":
                kind = "cultural_event"  # "visited an exhibition of ...": he saw an exhibition
            # (not "Looking round the exhibition hall of products" of a factory he is visiting: a part of it)
            exhibition = _EXHIBITS_AFTER.match(text, m.end()) or (
                site and not visited and _EXHIBITION_HALLS.search(site)
            )
            if kind == "inspection" and exhibition:
                kind = "cultural_event"  # "looked round the exhibits, including ...": the exhibition
            if kind == "inspection" and site and _visit_purpose(text, m.end(), site, rules.mourning):
                kind = "commemoration"  # "visited the embassy to express condolences over the death"
            # ("went round the embassy" after a visit told before: the one he is at, whatever it was)
            told_again = visited and site is not None and site.lower() in ("the embassy", "its embassy")
            if (
                kind == "inspection" and site and rules.diplomatic_sites.search(site) and not OWN_EMBASSY.search(site)
                and not told_again
            ):
                kind = "diplomacy"  # "visited the Russian embassy": received there by the ambassador
            if kind == "inspection" and site and rules.polling_sites.search(site):
                kind = "other"  # "visited the polling station ... and cast his vote": he voted
            # the site, or the words after the verb when they name none ("visit to China from March 25 at ...")
            state_visit = False
            if kind == "inspection" and COUNTRY_SITE.match(site or text[m.end() : m.end() + 40].lstrip()):
                if not STATE_VISIT.search(m.group()):
                    continue  # "visited Russia": the visit is told by its talks and events
                # "paid an unofficial visit to China from March 25 to 28": the summit, dated by the visit
                kind, site, state_visit = "diplomacy", None, True
            if kind == "inspection" and m.group().lower().startswith(("went to", "going to")) and (
                TALKS_THERE.search(text, m.end())
            ):
                continue  # "The two leaders then went to the House of Freedom and had talks there": the talks
            new_site = bool(rules.new_site.search(text[max(0, m.start() - 30) : m.start()]))
            # "On June 30 he visited ...", "The next day he inspected ...": a day of a tour, a visit of its own
            first_visit_here = not any(f.type == "inspection" for f in found)
            new_site = new_site or bool(kind == "inspection" and first_visit_here and DAY_OF_TOUR.match(text))
            summit = SUMMIT_WORDS.search(m.group()) or TWO_LEADERS.search(text, 0, m.start())
            if kind == "diplomacy" and not (
                rules.foreign_counterpart.search(text) or summit or _the_guest_told_before(text, m.end(), guest)
            ):
                continue  # talks with someone at home are a meeting; a summit is with a foreign leader
            subjects = resolved[: bisect_right(agent_positions, m.start())]
            exchanged = m.group().lower().startswith("exchanged")
            if (kind == "diplomacy" or exchanged) and actor != LEADER and LEADER in subjects:
                actor = LEADER  # "Kim Jong Un ... and Moon Jae In ... signed the declaration": both did
            together = _WITH_HIM_BEFORE.search(text, max(0, m.start() - 60), m.start())
            if actor != LEADER and kind in _DONE_TOGETHER and together:
                actor = LEADER  # "Then Kim Jong Un and Trump had a social dinner": he did it too
            counterpart = None
            if kind in ("message_sent", "gift", "message_received", "diplomacy"):
                counterpart = _counterpart(text, m.end(), m.group())
            if kind == "diplomacy" and counterpart is None:
                # "Kim Jong Un and Donald J. Trump, president of the U.S., had a one-on-one talk": his counterpart
                joint = _JOINT_SUBJECT.search(text, 0, m.start())
                counterpart = joint.group(1) if joint else None
            if kind == "message_sent" and actor not in (None, LEADER) and (
                (counterpart and LEADER in counterpart)
                or (" reply" in m.group().lower() and LEADER in subjects)
            ):
                # "Xi Jinping sent a reply to Kim Jong Un", "He sent a message to Putin, and Putin sent a reply":
                # a message he received
                kind, actor, counterpart = "message_received", LEADER, actor  # from its sender
            # "visited the Sinuiju Cosmetics Factory and the Sinuiju Textile Mill": two sites, two visits
            # ("looked round the assembly building and the launch pad" on a visit already told: its parts)
            looking_round = m.group().lower().startswith(("look", "went round", "going round")) and visited
            if looking_round and not (site and any(w[:1].isupper() for w in site.split()[1:])):
                new_site = False  # "He then looked round the hall where ... and the room for ...": parts of the visit
            if kind == "inspection" and site is None and visited and _names_a_part(text, m.end(), rules.sites):
                new_site = False  # "He also visited the production line of ...": a part of the place he is at
            if kind == "inspection" and site and not looking_round:
                site = _listed_on(text, m.end(), site, rules.sites)
            sites = split_sites(site, rules.sites) if kind == "inspection" and site and not looking_round else [site]
            if kind == "inspection" and site is None:
                sites = _towns_after(text, m.end(), sentence.span.start, towns) or sites
                if STATE_VISIT.search(m.group()) and sites[-1] and _country_follows(text, m.end(), sites[-1]):
                    continue  # "paid a visit to Dalian, China, ... and met Xi Jinping": a trip, told by its events
            for k, one_site in enumerate(sites):
                found.append(
                    Candidate(
                        kind,
                        actor,
                        sentence,
                        _span(sentence, m),
                        site=one_site,
                        new_site=new_site or k > 0 or own_clause,
                        counterpart=counterpart,
                        venue=SIGNING if kind == "diplomacy" and m.group().lower().startswith("signed")
                        else STATE_VISIT_VENUE if state_visit else _occasion_noun(kind, m.group()),
                        # (an act told in a clause with a day of its own: another day's, see _told_with_its_day)
                        new_day=bool(
                            own_clause or DAY_OF_TOUR.match(text)
                            # ("They had the talks at the hotel again the next day": talks of another day)
                            or (kind in _AGAIN_KINDS and bool(
                                AGAIN_AFTER.match(text, m.end()) or NEXT_DAY.search(text, m.end())
                            ))
                        ),
                    )
                )
            if exchanged:  # "exchanged messages": the one he sent, besides the one he received
                found.append(Candidate("message_sent", actor, sentence, _span(sentence, m), counterpart=counterpart))
            held_at = SPEECH_AT.match(text, m.end()) if kind == "speech" else None
            venue_type = _type_for_venue(rules, held_at.group(1)) if held_at else None
            if held_at and venue_type in ("ceremony", "meeting"):
                # "made a speech at the ceremony": he was at the ceremony too (one event each)
                found.append(Candidate(venue_type, actor, sentence, _span(sentence, m), venue=held_at.group(1)))
            elif kind == "speech" and occasion and occasion[0] == "meeting" and _opens_or_closes(m.group()):
                # "The Eighth Congress was held from January 5 to 12. Kim Jong Un made an opening speech on
                # January 5": he opened the congress told, and was at it (kept when nothing else tells it)
                found.append(
                    Candidate("meeting", actor, sentence, _span(sentence, m), venue=occasion[1], by_its_speech=True)
                )
    found.sort(key=lambda c: c.trigger.start)
    return found


# Places named without a determiner that a visit can be to ("visited Vladivostok"); not countries.
TOWN_KINDS = frozenset({"city", "town", "county", "district", "village", "island"})


def _towns_after(text: str, pos: int, offset: int, towns: dict[int, int]) -> list[str | None]:
    """The towns a visit verb names by name alone: "visited Komsomolsk-on-Amur and Vladivostok"."""
    found: list[str | None] = []
    at = pos + len(text[pos:]) - len(text[pos:].lstrip())
    while at + offset in towns:
        end = towns[at + offset] - offset
        found.append(text[at:end])
        joint = re.match(r",? (?:and )?", text[end:])
        if not joint:
            break
        at = end + joint.end()
    return found


# A country as the "site" of a visit: "paid an unofficial visit to the People's Republic of China".
COUNTRY_SITE = re.compile(
    r"(?:the )?(?:(?:Russian Federation|China|Russia|Viet ?Nam|Laos|Singapore|Mongolia|Cuba|Belarus|Indonesia)\b|"
    r"(?:[A-Z][\w'-]+ )*(?:Republic|Federation|Kingdom) of [A-Z])"
)


# A town of a trip named with its country after it ("Dalian, China,"): a journey abroad, told by its events.
_COUNTRY_AFTER = re.compile(r", (?:the )?(?:China|Russia|Russian Federation|Viet ?Nam|Singapore|Mongolia|Laos|Cuba)\b")


def _country_follows(text: str, after: int, town: str) -> bool:
    at = text.find(town, after, after + 60)
    return at != -1 and _COUNTRY_AFTER.match(text, at + len(town)) is not None


STATE_VISIT = re.compile(r"\bpaid an? (?:[\w-]+ ){0,2}?visit to$")


# "The two leaders held talks": a summit, whoever the other leader is


SUMMIT_WORDS = re.compile(r"\b(?:summit|one-on-one|expanded talks)\b", re.I)


DAY_OF_TOUR = re.compile(  # also "Earlier, ...": an activity before the one just told
    r"(?:On (?:the (?:morning|afternoon|evening|night) of )?(?:[A-Z][a-z]+\.? \d{1,2}|the (?:next|following|second|"
    r"third|same|previous) day|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)|The (?:next|following|same|previous) day"
    r"|The (?:next|following) (?:morning|afternoon|evening)"
    r"|The day before|Next day|Earlier)\b"
)


# "had a one-on-one talk and expanded talks again at the hotel on February 28": talks held once more
AGAIN_AFTER = re.compile(r"(?:\s+[\w-]+){0,4}?\s+again\b")
_AGAIN_KINDS = frozenset({"diplomacy", "meeting"})


NEXT_DAY = re.compile(
    r"\b(?:[Tt]he|[Oo]n the) (?:next|following) (?:day|morning|afternoon|evening)\b|^Next (?:day|morning)\b"
)


SPEECH_AT = re.compile(  # ("made an opening speech on the first day of the congress": at the congress too)
    r"\s+(?:at|to|on the \w+ day of) (?:the|a|an) ((?:[\w'-]+ ){0,5}?(?:ceremony|meeting|conference|session|congress|"
    r"rally|parade|"
    r"celebration|lecture))\b"
)


def _head_word(site: str) -> str:
    """The last word before any "of": "exhibition" in "an exhibition of the achievements of ..."."""
    words = site.split(" of ")[0].split()
    return words[-1] if words else ""


def _visit_purpose(text: str, after_verb: int, site: str, purposes: re.Pattern[str]) -> bool:
    """The words right after a visit's site say what it was for ("... on Monday to express condolences")."""
    at = text.find(site, after_verb)
    if at == -1:
        return False
    rest = text[at + len(site) : at + len(site) + 60]
    return bool(re.match(r"(?:\s+on \w+(?: \d{1,2})?)?,?\s+(?:in order )?to\s", rest)) and bool(
        purposes.match(rest, rest.find(" to ") + 4)
    )


def _narrative_resumes(sentence: Sentence, agents: list[Agent]) -> bool:
    """The story speaks of the leader again in the third person: a quotation has ended."""
    named = any(a.actor == LEADER for a in agents)
    return named or sentence.text.startswith(("He ", "The respected", "Then "))


def _occasion(rules: EventRules, sentence: str, headline: bool = False) -> tuple[str, str] | None:
    """The type and noun of an occasion a sentence reports as taking place ("A ceremony ... took place")."""
    if not headline and not (any(w in sentence for w in OCCASION_WORDS) and OCCASION.search(sentence)):
        return None
    etype = _type_for_venue(rules, sentence)
    if etype is None:
        return None
    return etype, _type_noun(rules, etype, sentence) or etype


# The noun of an occasion a trigger names ("oversaw the test-fire", "presided over the meeting"),
# by which an undated trigger finds the sentence that dated the occasion.
OCCASION_NOUN = re.compile(
    r"(test-fir\w*|test[- ]launch\w*|launch\w*|drill|exercise|firing|meeting|plenary|session|conference|congress|"
    r"ceremony|parade|performance|concert|banquet|reception)\W*$",
    re.I,
)


def _occasion_noun(etype: str, words: str) -> str | None:
    if etype not in OWN_EVENT_AT_VISIT:
        return None
    m = OCCASION_NOUN.search(words)
    if m is None and etype == "ceremony":
        return "ceremony"  # "cut the tape": the ceremony the text reported, and its day
    return m.group(1).lower() if m else None


def _type_noun(rules: EventRules, etype: str, after: str) -> str | None:
    for t, pattern in rules.venue_nouns:
        if t == etype:
            m = pattern.search(after)
            if m:
                return m.group().lower()
    return None


def _counterpart(text: str, pos: int, trigger: str = "") -> str | None:
    """Whom a message, gift or talk went to or came from: "to Xi Jinping", "with Donald J. Trump",
    or the name a "met Lee Hsien Loong" trigger ends on."""
    named = _MET_NAME.match(trigger)
    if named:
        return named.group(1)
    m = _COUNTERPART.search(text, pos, pos + 120)
    return m.group(1) if m else None


_MET_NAME = re.compile(r"(?:met|meets|meeting) (?:with )?([A-Z][\w'.-]*(?:\s[A-Z][\w'.-]*){0,3})$")


_COUNTERPART = re.compile(r"\b(?:to|from|with)\s+((?:the\s+)?[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,4})")


def _span(sentence: Sentence, m: re.Match[str]) -> Span:
    return Span(sentence.span.start + m.start(), sentence.span.start + m.end())
