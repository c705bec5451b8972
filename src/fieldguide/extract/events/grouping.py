"""Candidates grouped into activities: the parts of one visit together, a new site, day, recipient or occasion apart."""

from __future__ import annotations

import re

from fieldguide.extract.dates import DateMention
from fieldguide.extract.digest import begins_another_story
from fieldguide.extract.events.candidates import Candidate
from fieldguide.extract.events.dating import THEN_SAME_DAY
from fieldguide.extract.events.rules import (
    CLOSING_ADDRESS,
    OPENING_ADDRESS,
    OWN_EVENT_AT_VISIT,
    SIGNING,
    STATE_VISIT_VENUE,
)
from fieldguide.extract.sites import (
    content_words,
)


def _next_line(c: Candidate, head: Candidate) -> bool:
    """``c`` opens another line of a round-up than ``head``'s: another story, even when it reads on."""
    return c.sentence.index != head.sentence.index and begins_another_story(c.sentence.text)


def _other_line_other_site(c: Candidate, head: Candidate) -> bool:
    """Another line of a round-up naming another site: another visit ("- He inspected the training
    base ..." then "- He inspected the institute ...")."""
    return _next_line(c, head) and bool(c.site) and bool(head.site) and c.site != head.site


# "... placed before the statues by Kim Ki Nam, secretary ...": laid by someone other than the leader.
LAID_BY_ANOTHER = re.compile(
    r"\bby (?!(?:the )?(?:dear |respected )*(?:Comrade |General Secretary |Marshal )*Kim Jong Un\b)"
    r"[A-Z][\w'-]+(?: [A-Z][\w'-]+){1,3}"
)


_AT_THE_TALKS = re.compile(r"At the (?:[\w-]+ ){0,2}?(?:talks|summit)\b")


# What kind of occasion a cultural event is: a show, a game, a meal, an exhibition.
_SHOW_KINDS = (
    ("show", re.compile(r"\b(?:performance|concert|show|gymnastics|mass games|film|opera|play|circus|gala)\b", re.I)),
    ("game", re.compile(r"\b(?:game|match|contest)\b", re.I)),
    ("meal", re.compile(r"\b(?:banquet|reception|luncheon|dinner)\b", re.I)),
    ("exhibition", re.compile(r"\bexhibition\b", re.I)),
)


def _kind_of_show(c: Candidate) -> str | None:
    """None when not known, or for "After the banquet, ..." (the occasion just told, not another)."""
    if _trigger_text(c).startswith("After "):
        return None
    words = f"{_trigger_text(c)} {c.venue or ''}"
    kinds = [kind for kind, pattern in _SHOW_KINDS if pattern.search(words)]
    return kinds[0] if len(kinds) == 1 else None


def _two_shows(c: Candidate, head: Candidate) -> bool:
    mine, theirs = _kind_of_show(c), _kind_of_show(head)
    return mine is not None and theirs is not None and mine != theirs


def _trigger_text(c: Candidate) -> str:
    start = c.sentence.span.start
    return c.sentence.text[c.trigger.start - start : c.trigger.end - start]


def _laid_by_another(c: Candidate) -> bool:
    return bool(LAID_BY_ANOTHER.search(c.sentence.text, c.trigger.end - c.sentence.span.start))


_SAME_DAY_OPENING = re.compile(r"(?:On )?[Tt]he same day\b")


def group_candidates(cands: list[Candidate]) -> list[list[Candidate]]:
    """Parts of one activity go together; a new site, a new recipient or a new type starts another."""
    groups: list[list[Candidate]] = []
    for c in cands:
        target = None
        if c.visit_part:
            visits = [g for g in groups if g[0].actor == c.actor]
            # ("On Friday he met the scientists who developed the missiles": a meeting of another day)
            # ("The same day, he had a photo session with the builders": the day of the visit, a part of it)
            another_day = (
                c.new_day and not _SAME_DAY_OPENING.match(c.sentence.text)
                and c.sentence is not (visits[-1][0].sentence if visits else None)
            )
            if visits and not _next_line(c, visits[-1][0]) and not another_day:
                visits[-1].append(c)
                continue
        if c.type == "message_received":
            # "met Liu Yunshan on Friday and received a personal letter of Xi Jinping from him": handed over at
            # the meeting, part of the talks
            talks = [g for g in groups if g[0].actor == c.actor and g[0].type == "diplomacy"]
            if talks and talks[-1][0].sentence is c.sentence:
                talks[-1].append(c)
                continue
        if c.passive and c.type == "message_sent" and not _laid_by_another(c):
            # a wreath laid in his name during his own visit is part of the commemoration; one that
            # someone else laid in his name ("... on Mansu Hill by Kim Ki Nam") is a message of its own
            visits = [g for g in groups if g[0].actor == c.actor and g[0].type == "commemoration"]
            if visits and not _laid_elsewhere(c, visits[-1][0]):
                visits[-1].append(c)
                continue
        for g in reversed(groups):
            head = g[0]
            if head.actor != c.actor:
                continue
            if head.type == c.type:
                if c.type == "inspection" and (c.new_site or _other_line_other_site(c, head)):
                    if not _visit_told_again(c, g):
                        break
                if c.type == "inspection" and c.site and _another_day(c, head) and not _visit_told_again(c, g):
                    break  # "inspected A on Friday and visited B on Saturday": two visits
                if c.type == "cultural_event" and c.sentence.index != head.sentence.index and (
                    g is not groups[-1] or THEN_SAME_DAY.match(c.sentence.text)
                ):
                    # a banquet, a visit, then a luncheon; a banquet, "After that" a performance: other occasions
                    break
                if c.type == "cultural_event" and c.sentence.index == head.sentence.index and _two_shows(c, head):
                    break  # "enjoyed a performance ... and then hosted a banquet": two occasions
                if c.new_day and c.sentence.index != head.sentence.index and not (
                    c.type == "inspection" and _visit_told_again(c, g)
                ):
                    break  # the same kind of activity on another day of a visit: talks on two days
                if c.type == "speech" and c.sentence is not head.sentence and _opens_and_closes(c, head):
                    break  # "made an opening address on May 6", "made a concluding speech on May 9": two speeches
                if c.type == "diplomacy" and head.venue == STATE_VISIT_VENUE and c.sentence is not head.sentence:
                    break  # the talks of a state visit told after it: an event of their own (see build)
                if c.type == "diplomacy" and (c.venue == SIGNING) != (head.venue == SIGNING):
                    break  # a signing and talks: one event when on the same day (see _signed_at_the_talks)
                if c.type in ("message_sent", "message_received", "gift", "diplomacy") and not _AT_THE_TALKS.match(
                    _trigger_text(c)
                ):  # ("At the talks, ..." goes on about the talks just told, whoever it names)
                    if c.counterpart and head.counterpart and _differ(c.counterpart, head.counterpart):
                        continue
                if (
                    c.type == "message_sent" and c.passive and not head.passive and c.venue
                    and c.venue not in _trigger_text(head) and c.sentence.index != head.sentence.index
                ):
                    break  # the message he sent, and a wreath laid in his name later: two acts
                target = g
                break
            if (
                c.type == "commemoration" and head.type == "inspection" and c.site and head.site
                and content_words(c.site) & content_words(head.site)
            ):
                # "paid tribute before the statues standing in the campus of the school" he was visiting
                target = g
                break
            if c.type == "inspection" and head.type in ("commemoration",) and (
                not c.new_site or not c.site or not _went_on_to(c, head)
            ):
                # "looked round" at a cemetery, "He then visited the halls where they lie in state":
                # parts of the commemoration, unless he went on to a place named as another site (by a name
                # that shares no word with the place of the commemoration)
                target = g
                break
            own_event = head.type in OWN_EVENT_AT_VISIT and not _next_line(c, head)
            if c.type == "inspection" and own_event and not c.new_site:
                # "inspected the drill" after an exercise is the exercise itself; "looked round the
                # factory" after its completion ceremony is part of the ceremony
                if head.type in ("military_exercise", "weapons_test", "ceremony") and not _went_on_to(c, head):
                    target = g
                    break
            if c.type == "inspection" and head.type == "ceremony" and c.new_site and not c.site:
                target = g  # "He then went round the funfair" after the opening ceremony: no site of its own
                break
        if target is None:
            groups.append([c])
        else:
            target.append(c)
    return groups


def _opens_and_closes(c: Candidate, head: Candidate) -> bool:
    """One of the two speeches opened the meeting and the other closed it."""
    a, b = _trigger_text(head), _trigger_text(c)
    return bool(
        (OPENING_ADDRESS.search(a) and CLOSING_ADDRESS.search(b))
        or (CLOSING_ADDRESS.search(a) and OPENING_ADDRESS.search(b))
    )


def _another_day(c: Candidate, head: Candidate) -> bool:
    """``c``'s clause names a day other than the one ``head``'s names, or "the next day"."""
    if c.own_day == "after":
        return c.sentence.index != head.sentence.index or c.trigger.start > head.trigger.start
    mine, theirs = c.own_day, head.own_day
    return (
        isinstance(mine, DateMention) and isinstance(theirs, DateMention)
        and (mine.start, mine.end) != (theirs.start, theirs.end)
    )


def _went_on_to(c: Candidate, head: Candidate) -> bool:
    """"After the ceremony he went to the Kangdong Greenhouse Farm": a place named by its name, in a sentence
    of its own, that shares no word with the occasion's site, is another visit."""
    if not c.site or not c.site.split()[-1][:1].isupper():
        return False
    return not (head.site and content_words(c.site) & content_words(head.site))


def _laid_elsewhere(c: Candidate, head: Candidate) -> bool:
    """A wreath in his name laid at a place that shares no word with the site he visited ("The same day, a
    floral basket from Kim Jong Un was laid at the Friendship Tower"): laid there by another, a message."""
    if not c.site or not head.site or c.sentence.index == head.sentence.index:
        return False
    return not content_words(c.site) & content_words(head.site)


def _visit_told_again(c: Candidate, g: list[Candidate]) -> bool:
    """A visit whose site the group's lead already named, told again ("inspected A and B. ... Then he
    visited B")."""
    head = g[0]
    if not (c.site and head.site):
        return False
    mine, theirs = content_words(c.site), content_words(head.site)
    if len(mine) > 1 and (mine <= theirs or theirs <= mine):
        return True
    # the same place with another region after it ("the Yombunjin Hotel in North Hamgyong Province", then
    # "the Yombunjin Hotel in Kyongsong County")
    core, other_core = (content_words(_IN_REGION.sub("", s)) for s in (c.site, head.site))
    if len(core) > 1 and core == other_core:
        return True
    # "visited pharmacies in Pyongyang ... Then he went to the pharmacies near ...": "the" points back to the
    # places first named without an article
    bare = head.site.split()[0]
    return bare[:1].islower() and bare not in ("a", "an", "the") and c.site.startswith(f"the {bare} ")


_IN_REGION = re.compile(r" in (?:[A-Z][\w'-]*[ ,]*)+$")


def _differ(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()) - {"the"}, set(b.lower().split()) - {"the"}
    return not (wa & wb)


_DAY_NAMED = re.compile(r"\s+on (?:[A-Z][a-z]+ \d{1,2}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b")


# "In his speech, the General Secretary said ...": a speech told only by what it said.
SPEECH_BY_CONTENT = re.compile(r"In (?:his|a) ")


def occasion_speeches(groups: list[list[Candidate]], text: str) -> list[list[Candidate]]:
    """A speech told only by "In his speech, ..." is his own event when the text has reported an
    occasion he attended (a ceremony, a meeting) before it; else it may be a speech recalled."""
    kept: list[list[Candidate]] = []
    for g in groups:
        # ("In his concluding speech on June 18, he said": the day it names makes it no recollection)
        retold = g[0].type == "speech" and all(
            SPEECH_BY_CONTENT.match(text, c.trigger.start)
            and not _DAY_NAMED.search(text, c.trigger.start, c.trigger.end + 20)
            for c in g
        )
        if retold and not any(k[0].actor == g[0].actor and k[0].type in ("ceremony", "meeting") for k in kept):
            continue
        kept.append(g)
    return kept
