"""Where an activity took place: the site its verb names, the occasion's venue, the fullest mention."""

from __future__ import annotations

import re

from fieldguide.extract.digest import begins_another_story
from fieldguide.extract.events.candidates import Candidate
from fieldguide.extract.events.inputs import EventInputs
from fieldguide.extract.events.rules import OCCASION, SECTORS
from fieldguide.extract.sites import (
    SiteRules,
    content_words,
    fullest,
    has_head,
    locative_sites,
    named_in_full,
    singular_head,
    site_phrase,
)
from fieldguide.model import Event

# Event types that happen at a place; without a site from the verb, one is looked for nearby.
LOCATED = frozenset(
    {"inspection", "commemoration", "meeting", "ceremony", "speech", "cultural_event", "weapons_test",
     "military_exercise", "diplomacy"}
)


# Words right before a locative's place that make it no place of his activity: where a thing is made
# ("the MRLS under production at defence industrial enterprises"), where others went in a clause of
# theirs ("the scientists who visited their old university"), a visit of before ("Recalling that he had
# visited the construction site several times").
_NOT_HIS_PLACE = re.compile(
    r"(?:production|produced|manufactured|made)\s+(?:at|in)\s+$"
    r"|\b(?:who|which|that)\s+(?:had\s+|have\s+|has\s+)?(?:\w+ly\s+)?"
    r"(?:visited|came to|went to|arrived (?:at|in)|entered)\s+$"
    r"|\bhad\s+(?:\w+\s+)?(?:visited|been to|inspected)\s+$"
    # ("a drill of simulated strikes at the enemy's major military command centres": what was struck)
    r"|\b(?:strikes?|striking|fired|firing|shots?|aimed)\s+at\s+$"
)


# A plural place noun with no determiner and no name: places in general ("training grounds").
_BARE_PLURAL = re.compile(r"(?:[a-z][\w-]* ){0,2}[a-z][\w-]*s")


_LEAD_SITE = re.compile(
    r"(The (?:plaza|square|site|venue|grounds?|hall|stadium) of (?:the )?[A-Z0-9][\w'’ -]{2,80}?), where\b"
)


_LAUNCHING = re.compile(r"\blaunch|\bfir(?:e|ing)\b", re.I)

_NEWS_OF = re.compile(r"\bThe news,? (?:that|which)\b")
# "..., which Kim Jong Un watched": the activity told in a relative clause (the passive rule that found it)
_RETOLD = re.compile(r"\b(?:which|that)\s+(?:the\s+)?(?:dear\s+)?(?:respected\s+)?(?:[A-Z][a-z]+\s+)*Kim Jong Un\b")


def _the_occasion_itself(phrase: str, venue: str) -> bool:
    """"the launching ceremony of a new destroyer" after "present at": the occasion he attended, not its place."""
    return re.match(rf"(?:the |an? )?(?:[\w'-]+ ){{0,3}}?{re.escape(venue)}s? of\b", phrase, re.IGNORECASE) is not None


def is_umbrella(first: str, later: str) -> bool:
    """``first`` names a tour of several places ("major munitions factories") and ``later`` one of them."""
    head = singular_head(first)
    plurals = {f"{head}s", f"{head[:-1]}ies"} if head else set()
    plural = any(w.lower().strip(",.;") in plurals for w in first.split())
    # "a munitions factory", "the Kosan Fruit Farm", "Farm No. 1116": one of them
    return plural and singular_head(later) == head and (
        later.split()[0].lower() in ("a", "an", "the") or later[:1].isupper()
    )


def located_site(
    group: list[Candidate], inputs: EventInputs, rules: SiteRules, taken: frozenset[str] = frozenset()
) -> str | None:
    """A site for an event whose verb names none: "at the Pyongyang Indoor Stadium" in its sentences,
    else where the text reports the occasion taking place ("The talk took place at ...").
    ``taken``: sites other activities' verbs name ("visited pharmacies in Pyongyang, after presiding over a
    meeting": the pharmacies are the visit's, not the meeting's)."""
    text = inputs.text
    first, last = group[0].sentence.index, group[-1].sentence.index
    head = group[0]
    # an activity retold in a clause of another story ("the test-fire, which Kim Jong Un watched on August 24"):
    # the story's own places ("meetings were held in Kaesong") are not its
    retold = (head.passive and _RETOLD.search(text, head.trigger.start, head.trigger.end) is not None) or (
        _NEWS_OF.search(text, head.sentence.span.start, head.trigger.start) is not None
    )  # ("The news that Kim Jong Un guided the fire on Thursday has encouraged ...": the same, told as news)
    for sentence in inputs.sentences[first : (first + 1 if retold else last + 2)]:
        if sentence.index > last and (begins_another_story(sentence.text) or sentence.index in inputs.acts):
            break  # the next line of a digest is another story; the next activity has its own place
        # ("enjoyed a performance at the theatre, and then hosted a banquet at the Mokran House": the place
        # after its own verb first)
        begin = group[0].trigger.end if sentence.index == first else sentence.span.start
        found = list(locative_sites(text, sentence.span.start, sentence.span.end, rules))
        for a, b in [*(p for p in found if p[0] >= begin), *(p for p in found if p[0] < begin)]:
            phrase = text[a:b]
            if _BARE_PLURAL.fullmatch(phrase):
                continue  # "(combatants who sweated) at training grounds": places in general, not one
            if head.venue and _the_occasion_itself(phrase, head.venue):
                continue  # "was present at the launching ceremony of a new destroyer at the shipyard": the shipyard
            if has_head(phrase, rules) and not rules.is_part(phrase) and not rules.is_target(phrase):
                if not _NOT_HIS_PLACE.search(text, max(0, a - 50), a) and phrase not in taken:
                    if not named(phrase) and group[0].venue:
                        # "When he appeared at the auditorium": the theatre the occasion's report names, if any
                        told = _place_of_the_occasion(group[0].venue, inputs, rules)
                        if told:
                            return told
                    return named_in_full(phrase, text, rules)
            if sentence.index == first and _NAME_THEN_WHAT_IT_IS.match(text, a):
                return phrase  # "met Lee Hsien Loong at the Istana, the presidential office": a name explained
    if retold:
        return None
    if group[0].type == "weapons_test" or (
        group[0].type == "military_exercise" and _LAUNCHING.search(group[0].sentence.text)
    ):  # a test, or a launching drill ("guided a drill for launching the Hwasong-12")
        # (a drill told on a day of its own, "On October 9 he guided ...", is one of a series: its own place)
        day_of_a_series = group[0].new_day
        launched_from = launch_site(group, inputs, rules, own_sentences=day_of_a_series)
        if launched_from:
            return launched_from
    noun = group[0].venue
    if noun:
        # "made a speech at the parade": where the sentence that first reported the parade held it,
        # even the line of a digest before
        for sentence in inputs.sentences[:first]:
            if noun in sentence.text.lower() and OCCASION.search(sentence.text):
                for a, b in locative_sites(text, sentence.span.start, sentence.span.end, rules):
                    phrase = text[a:b]
                    if has_head(phrase, rules) and not rules.is_part(phrase) and not rules.is_target(phrase):
                        return phrase
                break
    if inputs.scene_sentences is None:  # looked for once per document, not once per event
        inputs.scene_sentences = [
            s
            for s in inputs.sentences
            if not begins_another_story(s.text)
            and (", where" in s.text or "arrived at" in s.text or OCCASION.search(s.text) or HELD_AT.search(s.text))
        ]
    for sentence in inputs.scene_sentences:
        lead = _LEAD_SITE.match(sentence.text)
        if lead:  # "The plaza of the April 25 House of Culture, where ...": the scene set at its start
            return lead.group(1)
        if not (OCCASION.search(sentence.text) or "arrived at" in sentence.text or HELD_AT.search(sentence.text)):
            continue
        for a, b in locative_sites(text, sentence.span.start, sentence.span.end, rules):
            phrase = text[a:b]
            if has_head(phrase, rules) and not rules.is_part(phrase) and not rules.is_target(phrase):
                return phrase
    if group[0].type == "ceremony":
        built = _ceremony_for(group, inputs, rules)
        if built:
            return built
    for sentence in inputs.scene_sentences:
        city = HELD_IN_CITY.search(sentence.text)
        if city:  # "The plenary meeting was held in Pyongyang": a city alone, when nothing closer is named
            return city.group(1)
    return None


def _place_of_the_occasion(venue: str, inputs: EventInputs, rules: SiteRules) -> str | None:
    """The named place of the sentence that reported the occasion ("A joint performance ... was given at
    the People's Theatre on Thursday")."""
    for sentence in inputs.sentences:
        if venue in sentence.text.lower() and OCCASION.search(sentence.text):
            for a, b in locative_sites(inputs.text, sentence.span.start, sentence.span.end, rules):
                phrase = inputs.text[a:b]
                if named(phrase) and has_head(phrase, rules) and not rules.is_part(phrase):
                    return phrase
            return None
    return None


_LAID = re.compile(r"wreath|basket|bouquet|flowers", re.I)
_LAID_THERE = re.compile(r"\b(?:laid|placed|put|stood|standing)\b")


def laying_site(group: list[Candidate], inputs: EventInputs, rules: SiteRules) -> str | None:
    """A wreath or basket laid in his name ("A floral basket in his name was laid at the statues") is
    where the occasion told just before took place ("... visited the Kumsusan Palace of the Sun on
    September 8"), else where its own sentence lays it ("before the tower": the Liberation Tower)."""
    head = group[0]
    text = inputs.text
    if not head.passive or not _LAID.search(text, head.trigger.start, head.trigger.end):
        return None
    if not _LAID_THERE.search(head.sentence.text):
        return None  # "a wreath in his name was sent to the funeral": sent, not laid at a place
    own = head.sentence.index
    before = [s for s in reversed(inputs.sentences[max(0, own - 3) : own])]
    for sentence in [*before, head.sentence]:
        if sentence.index != own and begins_another_story(inputs.sentences[sentence.index + 1].text):
            break
        for a, b in locative_sites(text, sentence.span.start, sentence.span.end, rules):
            phrase = text[a:b]
            if has_head(phrase, rules) and not rules.is_part(phrase) and not rules.is_target(phrase):
                return named_in_full(phrase, text, rules)
    return None


# A place named by a name the knowledge base does not know, then what it is: "the Istana, the presidential
# office", "the Kumsusan Guesthouse, the state guesthouse".
_NAME_THEN_WHAT_IT_IS = re.compile(
    r"the (?:[A-Z][\w'-]*\s?){1,4}, (?:the|a) (?:[\w-]+ ){0,3}?"
    r"(?:office|palace|residence|guesthouse|hall|house|hotel|building)\b"
)


def launch_site(
    group: list[Candidate], inputs: EventInputs, rules: SiteRules, own_sentences: bool = False
) -> str | None:
    """"The rocket blasted off from the Sohae Satellite Launching Ground": the launch site, told anywhere
    (with ``own_sentences``, in the group's own sentences: a drill of a series told day by day)."""
    first = group[0].sentence.index
    mine = {c.sentence.index for c in group}
    for sentence in inputs.sentences:
        if own_sentences and sentence.index not in mine:
            continue
        if begins_another_story(sentence.text) and sentence.index != first:
            continue
        for m in rules.launch_locatives.finditer(sentence.text):
            span = site_phrase(sentence.text, m.end(), len(sentence.text), rules)
            # a named place, not the launcher, ship or submarine it was fired from
            if span and named(sentence.text[span[0] : span[1]]):
                return sentence.text[span[0] : span[1]]
    return None


# "A ground-breaking ceremony for the construction of the Pyongyang General Hospital took place": its place
_CEREMONY_FOR = re.compile(
    r"\b(?:ground-breaking|groundbreaking|completion|inauguration|inaugural|opening|dedication)\s+ceremony\s+"
    r"(?:for|of)\s+(?:the\s+)?(?:(?:construction|completion|inauguration|opening)\s+of\s+)?",
    re.I,
)


def _ceremony_for(group: list[Candidate], inputs: EventInputs, rules: SiteRules) -> str | None:
    """The place a ceremony was held for, named in the sentence that told the ceremony or in his own."""
    first = group[0].sentence.index
    for sentence in [*inputs.sentences[max(0, first - 2) : first], group[0].sentence]:
        if begins_another_story(sentence.text) and sentence is not group[0].sentence:
            continue
        for m in _CEREMONY_FOR.finditer(sentence.text):
            span = site_phrase(sentence.text, m.end(), len(sentence.text), rules)
            phrase = sentence.text[span[0] : span[1]] if span else ""
            if phrase and named(phrase) and has_head(phrase, rules):
                return phrase if phrase.lower().startswith(("the ", "a ")) else f"the {phrase}"
    return None


def named(site: str) -> bool:
    """The phrase names a place ("the Pyongyang International Airport"), not only describes one ("the
    launching ground")."""
    return any(w[:1].isupper() for w in site.split())


# "The Seventh Congress, held at the April 25 House of Culture from May 6 to 9, closed": the occasion's place
HELD_AT = re.compile(r", held (?:at|in) ")


HELD_IN_CITY = re.compile(r"\b(?:took place|was held|were held) in ([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")


def sector_of(site: str | None) -> str | None:
    if not site:
        return None
    for name, pattern in SECTORS:
        if pattern.search(site):
            return name
    return None


def no_city_beside_a_place_in_it(events: list[Event]) -> None:
    """A city alone is a site only when the text names no closer place: "took place in Hanoi" is not the
    site of the second day's talks when the first day's were "at the Metropole Hotel in Hanoi"."""
    named = [s for e in events for s in e.sites]
    for event in events:
        event.sites = [
            s for s in event.sites
            if not (CITY_ALONE.fullmatch(s) and any(o != s and re.search(rf"\b{re.escape(s)}\b", o) for o in named))
        ]


CITY_ALONE = re.compile(r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?")


def fullest_sites(events: list[Event]) -> None:
    """A site named more than once is given by its fullest mention in every event of the document;
    a lead that names two sites at once ("the detachment on Jangjae Islet and the detachment on Mu
    Islet") keeps for its own event the one no later visit names."""
    every = fullest([s for e in events for s in e.sites])
    for event in events:
        fuller = []
        for site in event.sites:
            words = content_words(site)
            best = site
            if len(words) > 1:
                # the fullest mention of this one site, not a list that holds it with another
                best = next(
                    (f for f in every if words <= content_words(f) and (_COORDINATED in f) <= (_COORDINATED in site)),
                    site,
                )
            if best not in fuller:
                fuller.append(best)
        event.sites = fuller
    for event in events:
        for i, site in enumerate(event.sites):
            if _COORDINATED not in site:
                continue
            parts = site.split(_COORDINATED)
            parts = [parts[0]] + ["the " + p for p in parts[1:]]
            elsewhere = [content_words(s) for e in events if e is not event for s in e.sites]
            own = [p for p in parts if not any(w and w <= content_words(p) for w in elsewhere)]
            if own and len(own) < len(parts):
                event.sites[i] = own[0]


_COORDINATED = " and the "
