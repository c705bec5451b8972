"""When an activity took place: the date nearest its trigger, the occasion's, the day just told."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from fieldguide.extract.dates import DateMention
from fieldguide.extract.digest import begins_another_story, is_digest_lead
from fieldguide.extract.events.candidates import Candidate
from fieldguide.extract.events.earlier import CLAUSE_REACH, MADE_REACH, EarlierTime
from fieldguide.extract.events.inputs import EventInputs
from fieldguide.extract.events.rules import CLOSING_ADDRESS, OCCASION, OPENING_ADDRESS, OWN_EVENT_AT_VISIT
from fieldguide.extract.text import Sentence
from fieldguide.model import SENT_OR_RECEIVED, Event, Span


def same_occasion_same_day(events: list[Event]) -> None:
    """'made a speech at the parade' is two events told by one phrase: the speech has the parade's day
    and the parade's place."""
    for event in events:
        if not event.evidence:
            continue
        for other in events:
            if other.type == event.type or other.actor != event.actor or event.evidence[0] not in other.evidence:
                continue
            if event.start is None and other.start is not None:
                event.start, event.end, event.precision = other.start, other.end, other.precision
            if event.type == "speech" and other.sites:
                # where he spoke, not the places his words were about
                event.sites[:] = other.sites
                event.places[:] = other.places
            break


def speech_on_the_occasion_s_day(events: list[Event]) -> None:
    """An undated speech told after the one occasion he attended that the text dates (a parade, a
    meeting: "Kim Jong Un made a speech, in which he said ...") was made there, on its day; an opening or
    closing address at an occasion of several days, over its days (speech_at_either_end then picks which)."""
    for i, event in enumerate(events):
        if event.type != "speech" or event.start is not None:
            continue
        occasions = [o for o in events[:i] if o.actor == event.actor and o.type in ("ceremony", "meeting")]
        if len(occasions) != 1 or occasions[0].start is None or occasions[0].end is None:
            continue
        occasion = occasions[0]
        if occasion.start == occasion.end or _either_end(event) is not None:
            event.start, event.end, event.precision = occasion.start, occasion.end, occasion.precision


# "made a concluding speech at the closing session" of a congress dated over its days: its last day
CLOSING_SPEECH = re.compile(r"\b(?:concluding|closing) (?:speech|address|session)\b")
OPENING_SPEECH = re.compile(r"\b(?:opening) (?:speech|address|session)\b")


def _either_end(event: Event) -> str | None:
    """"closing" or "opening" when the speech's sentence says it closed or opened its occasion (not both)."""
    closing = bool(CLOSING_SPEECH.search(event.evidence_text or ""))
    opening = bool(OPENING_SPEECH.search(event.evidence_text or ""))
    return "closing" if closing and not opening else "opening" if opening and not closing else None


def speech_at_either_end(events: list[Event]) -> None:
    """A speech dated over the days of the meeting it was made at, when its sentence says it closed or
    opened the meeting, was made on the last or the first of those days."""
    for event in events:
        if event.type != "speech" or not (event.start and event.end and event.start < event.end):
            continue
        end = _either_end(event)
        if end == "closing":
            event.start = event.end
        elif end == "opening":
            event.end = event.start


def date_from_next_sentence(
    event: Event, group: list[Candidate], cands: list[Candidate], inputs: EventInputs
) -> None:
    """The lead tells the activity and the next sentence its day ("... accepted the credentials of
    the ambassador. ... received the credentials at the hall on Thursday"): a sentence with no
    activity of its own, right after the first one, dates it when its date lies in the days just
    before the report."""
    following = group[0].sentence.index + 1
    if following >= len(inputs.sentences) or inputs.reported is None:
        return
    if any(c.sentence.index == following for c in cands):
        return
    sentence = inputs.sentences[following]
    if begins_another_story(sentence.text):
        return  # the next line of a digest is another story
    if event.type in SENT_OR_RECEIVED and _SENDERS_OCCASION.search(sentence.text):
        return  # "The letter was adopted at the graduation ceremony held on March 14": the senders' day
    d = occasion_date(sentence, inputs)
    if d is None or d.start is None or d.precision != "day":
        return
    # The report's own day there is the day papers say something of it, not the day it was done,
    # unless the sentence tells the act taking place ("The rocket was launched at 09:00 on February 7").
    lowest = 0 if OCCASION.search(sentence.text) else 1
    if not lowest <= (inputs.reported - d.start).days <= LEAD_DATE_DAYS:
        return
    event.start, event.end, event.precision = d.start, d.end, d.precision


LEAD_DATE_DAYS = 7  # a dispatch reports what was done in the week before it
_SENDERS_OCCASION = re.compile(r"\b(?:adopted|written|signed) at\b")


def in_the_week_before(day: date | None, reported: date | None) -> bool:
    """``day`` lies in the week before the report, or on its day (LEAD_DATE_DAYS)."""
    return day is not None and reported is not None and 0 <= (reported - day).days <= LEAD_DATE_DAYS


def date_from_scene(event: Event, group: list[Candidate], inputs: EventInputs) -> None:
    """"The 8th Congress of the WPK opened on January 5. Kim Jong Un made an opening speech.": the
    sentence just before that sets the scene (an occasion taking place) dates his part in it."""
    first = group[0].sentence.index
    scene = inputs.sentences[max(0, first - 2) : first]
    if first > 2 and not any(i in inputs.acts for i in range(0, first)) and not any(
        begins_another_story(s.text) for s in inputs.sentences[:first]
    ):
        # ("Xi Jinping arrived in Pyongyang on June 20 for a state visit. Kim Jong Un greeted him at the airport
        # ... The top leaders rode to the guesthouse ... Talks were held there": the lead, however far back,
        # when nothing of his was told between)
        scene = [inputs.sentences[0], *scene]
    for sentence in reversed(scene):
        if begins_another_story(sentence.text):
            continue
        # The lead, with no act of its own, sets the scene too ("The servicemen were overjoyed to greet
        # the supreme commander on Saturday.", "The first test of the motor was conducted on Thursday.")
        told_occasion = bool(OCCASION.search(sentence.text))
        # ("The election of deputies took place on Sunday. ... He cast his vote": his act of it, type other)
        occasion = told_occasion and (event.type in OWN_EVENT_AT_VISIT or event.type == "other")
        # An occasion of others opening there ("The Conference opened on January 5.") dates only his part in it.
        scene_lead = (
            sentence.index == 0
            and sentence.index not in inputs.acts
            and not told_occasion
            and event.type not in NOT_AT_A_SCENE
        )
        if not (occasion or scene_lead):
            continue
        d = occasion_date(sentence, inputs)
        if d is None or d.start is None or d.precision != "day":
            continue
        # ("Kim Jong Un climbed Mt Paektu ... on Thursday", in the dispatch of that Thursday: the day itself, in
        # a lead of his; not a digest's "newspapers of the DPRK on Monday")
        first_day = 0 if d.kind == "weekday" and event.actor in sentence.text else 1
        if not occasion and not (inputs.reported and first_day <= (inputs.reported - d.start).days <= LEAD_DATE_DAYS):
            continue
        at_either_end = event.type == "speech" and bool(
            OPENING_ADDRESS.search(event.evidence_text) or CLOSING_ADDRESS.search(event.evidence_text)
        )
        if occasion and (event.type == "meeting" or at_either_end):
            # he guided the congress throughout its days; his opening or closing speech was on its first or last
            # (speech_at_either_end picks which)
            d = opened_to_closed(d, sentence, inputs.dates)
        event.start, event.end, event.precision = d.start, d.end, d.precision
        return


# What is sent or given is dated by its own sentence, not by the scene before it.
NOT_AT_A_SCENE = SENT_OR_RECEIVED | {"other"}


# Anything dated long before the dispatch is recalled, not reported (see also events.yaml's `recalled`).
RECALLED_AFTER_DAYS = 60  # no gold set has an activity reported more than 30 days after it


_DATE_KINDS = frozenset({"absolute", "weekday", "relative", "range", "list", "juche", "month", "year"})


# A date right after one of these nouns dates that occasion, not the act of the sentence:
# "received a message from the participants in the memorial meeting on July 7".
OTHER_OCCASION_BEFORE = re.compile(
    r"\b(?:meeting|seminar|conference|ceremony|session|congress|rally|event|festival|celebrations?|"
    r"symposium|forum|talks|summit|election|elections|anniversary|birthday|day|war|founding|visit)\s+"
    r"(?:held\s+|which took place\s+)?(?:on|in)\s+$"
)


# The occasion right after the verb, its object: "attended the session on", "presided over the meeting on".
_OWN_OCCASION = re.compile(
    r"\s+(?:the |an? )?(?:(?!(?:at|in|of|from|to|with|for|by|participants|members) )[\w'-]+ ){0,4}?"
    r"(?:meeting|session|conference|ceremony|congress|rally|celebrations?|"
    r"symposium|forum|talks|summit|event|festival)\s+(?:on|in)\s+"
)


# The verb of a clause that tells the senders' own occasion or journey ("held in Moscow", "who arrived").
OCCASION_CLAUSE = re.compile(
    r"\b(?:held|staged|hosted|organized|organised|convened|took place|opened|arrived|sponsored|co-sponsored)\b"
)


# "made a concluding speech at the congress on January 12": the day of the speech, one day of the occasion.
_SPOKE_AT = re.compile(r".*\b(?:speech|address|report)\s+at the (?:[\w'-]+ ){0,4}?[\w'-]+\s+on\s+", re.S)


# A clause of another act of his between the trigger and a date: "before returning home", "after leaving".
ANOTHER_ACT_CLAUSE = re.compile(r"\b(?:before|after|while) [a-z]+ing\b")


# "met the delegation, which had attended the Games in the south, on Monday": the comma closes the clause
MAIN_CLAUSE_RESUMES = re.compile(r",\s+on\s+$")


# How far after its trigger a date may stand and still date the act.
DATE_REACH = 260


def date_in(
    sentence: Sentence,
    dates: list[DateMention],
    trigger: Span,
    text: str,
    reported: date | None,
    occasion: bool = False,
    given_on_the_day: bool = False,
    message: bool = False,
    speech: bool = False,
    earlier: EarlierTime | None = None,
) -> DateMention | None:
    """The date of the activity in its sentence: the nearest one to the trigger that can date it.

    Back-references, holidays, dates of other occasions and dates after the report are skipped.
    With ``occasion`` the sentence is the one that reported the occasion, and any date in it counts.
    With ``given_on_the_day`` (a gift or message "on his 80th birthday on October 2") the birthday or
    anniversary is the day it was given. With ``message``, a date after the clause of an occasion of its
    senders ("a message from the participants in the seminar held in Berlin ... on July 8") dates that
    occasion, not the message. With ``speech``, the date after "made a speech at the congress" is the
    speech's (one day of the occasion). ``earlier`` (the knowledge base's clauses of an earlier time)
    skips the dates of such clauses ("the fish farm, built in 2019,").
    """
    best: tuple[int, DateMention] | None = None
    for d in dates:
        if d.kind not in _DATE_KINDS or d.start is None:
            continue
        if not (sentence.span.start <= d.span.start < sentence.span.end):
            continue
        if reported is not None and d.start > reported:
            continue  # an activity reported as done cannot lie in the future of its report
        if occasion and _occasion_of_another_time(earlier, sentence, d, dates, text):
            continue
        if not occasion:
            if d.span.start > trigger.end + DATE_REACH and not _closes_its_sentence(d, sentence, text):
                continue
            if earlier is not None and _in_earlier_time(earlier, sentence, d, trigger, text):
                continue
            other = OTHER_OCCASION_BEFORE.search(text[max(trigger.end, d.span.start - 40) : d.span.start])
            if other and _OWN_OCCASION.fullmatch(text, trigger.end, d.span.start):
                other = None  # "attended the session on September 8": the occasion he attended, its day
            if (
                d.span.start >= trigger.end and other
                and not (given_on_the_day and _DAY_OF_GIVING.match(other.group()))
                and not (speech and _SPOKE_AT.fullmatch(text, trigger.start, d.span.start))
            ):
                continue
            if message and d.span.start >= trigger.end and OCCASION_CLAUSE.search(text, trigger.end, d.span.start):
                continue
            if (
                d.span.start >= trigger.end and d.precision in ("year", "month") and reported is not None
                and (reported - d.start).days > _HISTORY_DAYS and _SITE_CLAUSE.search(text, trigger.end, d.span.start)
            ):
                continue  # "went to the detachment, which was the first to open fire in 2010": the place's history
            if d.span.start >= trigger.end and ANOTHER_ACT_CLAUSE.search(text, trigger.end, d.span.start):
                continue  # "visited Vladivostok before returning home on September 17": the day of the return
        if d.precision == "year" and (
            NEW_YEAR_BEFORE.search(text[max(0, d.span.start - 30) : d.span.start])
            or (reported is not None and d.start.year == reported.year)
        ):
            # "the production of shells this year", "the New Year Juche 113 (2024)": the year of the
            # report names a period the text speaks of, not the day of an activity (an earlier year
            # still dates one, as recalled)
            continue
        distance = d.span.start - trigger.end if d.span.start >= trigger.end else 2 * (trigger.start - d.span.start)
        if best is None or distance < best[0]:
            best = (distance, d)
    return best[1] if best else None


_SITE_CLAUSE = re.compile(r",\s+(?:which|where|whose)\b")
_HISTORY_DAYS = 60  # a year or month this far back, in a clause about the place, is the place's past


_LAUNCHED_ON = re.compile(
    r"^The (?:[\w-]+ ){0,3}?(?:rocket|missile|ICBM|IRBM|SLBM|satellite|carrier rocket|weapon)s?,? "
    r"(?:which was |which were )?(?:launched|fired|test-fired|blasted off|lifted off)\b[^.;]{0,40}?\bon\b"
)
_TALKS_TOOK_PLACE = re.compile(r"\b(?:talks|summit)\b[^.;]{0,80}?\b(?:took place|were held|was held)\b")


def occasion_date(sentence: Sentence, inputs: EventInputs, at: Span | None = None) -> DateMention | None:
    """The date of the sentence that reports an occasion (any date in it counts, see date_in), nearest
    ``at`` (else the sentence itself)."""
    near = sentence.span if at is None else at
    return date_in(sentence, inputs.dates, near, inputs.text, inputs.reported, occasion=True, earlier=inputs.earlier)


def _occasion_of_another_time(
    earlier: EarlierTime | None, sentence: Sentence, d: DateMention, dates: list[DateMention], text: str
) -> bool:
    """In a sentence that reports an occasion, whether the date belongs to a clause of another time."""
    if _PLUPERFECT_CLAUSE.search(text, max(sentence.span.start, d.span.start - CLAUSE_REACH), d.span.start):
        return True  # "the weapons of the destroyer, which had been launched at the shipyard on April 25"
    if earlier is None:
        return False
    # "launched on April 25, the day when the army was founded in 1932": the founding's; "Kim Jong Un, who left
    # Pyongyang by his private train on September 1, attended ...": the journey's
    return _after_an_earlier_time(earlier, sentence, d, dates, text) or _in_a_clause_set_off(earlier, sentence, d, text)


# A clause in the past perfect right before a date: what it tells was done before the occasion reported.
_PLUPERFECT_CLAUSE = re.compile(
    r"\b(?:which|that|who|where) (?:had been|had) \w+(?:ed|en)\b[^,;]*$"
    # ("a parade on Thursday for the Eighth Congress, which was held from January 5 to 12": the congress's)
    r"|, (?:which|that) (?:was|were) (?:held|convened|opened|closed)\b[^,;]*$"
)


def _closes_its_sentence(d: DateMention, sentence: Sentence, text: str) -> bool:
    """"met Liu Yunshan, member of ..., who is heading the delegation ..., on October 9.": the day set off at
    the end of a long sentence of one act is that act's, however far from its verb."""
    return text[max(sentence.span.start, d.span.start - 5) : d.span.start].endswith(", on ") and (
        text[d.span.end : sentence.span.end].strip() in ("", ".")
    )


def _in_a_clause_set_off(earlier: EarlierTime, sentence: Sentence, d: DateMention, text: str) -> bool:
    """The date closes a clause of an earlier time set off by commas ("..., who left Pyongyang on
    September 1, attended ..."): that clause's day, not the occasion's."""
    if text[d.span.end : d.span.end + 1] != ",":
        return False
    begin = max(sentence.span.start, d.span.start - CLAUSE_REACH)
    opened = [m for m in earlier.clause.finditer(text, begin, d.span.start)]
    return bool(opened) and "," not in text[opened[-1].end() : d.span.start] and (
        text[max(sentence.span.start, opened[-1].start() - 2) : opened[-1].start()].endswith(", ")
    )


def _after_an_earlier_time(
    earlier: EarlierTime, sentence: Sentence, d: DateMention, dates: list[DateMention], text: str
) -> bool:
    """Whether the date stands in a clause that tells what another date of the sentence is the day of
    ("on April 25, the day when the People's Revolutionary Army was founded in 1932")."""
    return any(
        sentence.span.start <= o.span.start and o.span.end <= d.span.start
        and _DAY_WHEN.match(text, o.span.end, d.span.start)
        and earlier.clause.search(text, o.span.end, d.span.start)
        for o in dates
        if o is not d
    )


# ", the day when ...", ", when ...": a clause that tells what the day just named is the day of
_DAY_WHEN = re.compile(r",\s+(?:the (?:day|date|year|month) )?(?:when|on which|in which)\b[^,;]*$")


def _in_earlier_time(earlier: EarlierTime, sentence: Sentence, d: DateMention, trigger: Span, text: str) -> bool:
    """Whether the date stands in a clause of an earlier time of what the sentence names."""
    if (
        d.span.start >= trigger.end and earlier.clause.search(text, trigger.end, d.span.start)
        and not MAIN_CLAUSE_RESUMES.search(text, max(trigger.end, d.span.start - 6), d.span.start)
    ):
        # "visited the detachment, which had waged an artillery duel in November 2010" (but "met the
        # delegation, which had attended the Games in the south, on Monday": the comma closes the clause)
        return True
    if d.span.start < trigger.start and earlier.clause.search(
        text, max(sentence.span.start, d.span.start - CLAUSE_REACH), d.span.start
    ):
        return True  # "inspected the detachment, which shelled the island in November 2010, and looked round"
    # "visited the fish farm, built in 2019, ...": when the place was made, not the visit
    return bool(earlier.made_then.search(text, max(sentence.span.start, d.span.start - MADE_REACH), d.span.start))


_DAY_OF_GIVING = re.compile(r"(?:birthday|anniversary|day)\b")


NEW_YEAR_BEFORE = re.compile(r"New Year(?:'s)?\s+(?:Day\s+)?(?:of\s+)?$")


# A sentence that goes on from the activity just told, on its day.
THEN_SAME_DAY = re.compile(
    r"^(?:Then|Later(?: in the day| that day| on)?|Earlier (?:that|in the|on the same) day|Earlier, at midnight"
    r"|In the (?:evening|afternoon)|That (?:evening|afternoon|night)|(?:On )?[Tt]he same (?:evening|afternoon|night)"
    r"|After that|Afterwards"
    r"|After the (?:game|match|performance|talks|ceremony|parade|meeting|banquet|reception|luncheon|dinner))\b"
)


SAME_DAY = re.compile(r"\b(?:same day|that (?:day|morning|afternoon|evening|night))\b", re.I)


HANDED_OVER = re.compile(r"\b(?:handed|laid|conveyed|delivered|presented|placed|passed)\b", re.I)


def date_of_delivery(group: list[Candidate], inputs: EventInputs) -> DateMention | None:
    """A wreath or basket sent in his name is dated by the day it was laid or handed over."""
    last = group[-1].sentence.index
    if group[0].passive:
        # "A floral basket in his name was laid at the statues": the occasion of the laying, told just before
        for sentence in reversed(inputs.sentences[max(0, last - 3) : last]):
            if is_digest_lead(sentence.text):
                continue
            d = occasion_date(sentence, inputs)
            if d:
                return d
    # (the handing over may be told by a part of the group: "The gifts sent by him were conveyed at the ceremony")
    for sentence in inputs.sentences[group[0].sentence.index + 1 : last + 4]:
        m = HANDED_OVER.search(sentence.text)
        if m:
            at = Span(sentence.span.start + m.start(), sentence.span.start + m.end())
            d = occasion_date(sentence, inputs, at) or _day_of_the_occasion_named(sentence, inputs)
            if d:
                return d
    return None


_AT_THE_OCCASION = re.compile(r"\bat the (ceremony|meeting|function|rally|celebration)\b", re.I)


def _day_of_the_occasion_named(sentence: Sentence, inputs: EventInputs) -> DateMention | None:
    """"The gifts sent by him were conveyed to them at the ceremony": the day the text gave that ceremony
    ("A ceremony for moving into new houses took place ... on Tuesday")."""
    named = _AT_THE_OCCASION.search(sentence.text)
    if named is None:
        return None
    for before in reversed(inputs.sentences[: sentence.index]):
        if named.group(1).lower() in before.text.lower() and OCCASION.search(before.text):
            return occasion_date(before, inputs)
    return None


def day_told_before(when: DateMention | int | None, inputs: EventInputs, reach: int = 400) -> DateMention | None:
    """The last day the text named before ``when`` ("the same day", or a place in the text), in the
    sentences just before it (``reach`` characters)."""
    if when is None:
        return None
    at = when if isinstance(when, int) else when.span.start
    told = [
        d for d in inputs.dates
        if d.kind in ("absolute", "weekday") and d.precision == "day" and d.start is not None
        and d.start == d.end and at - reach <= d.span.start < at
    ]
    return told[-1] if told else None


# "The same afternoon he visited ...": the day the text named last
# ("The top leaders held talks at the Kumsusan Guesthouse the same afternoon": anywhere in its sentence)
SAME_PART_OF_DAY = re.compile(r"(?:^|\b)(?:[Tt]he same|[Tt]hat same) (?:morning|afternoon|evening|night)\b")


# "On the last day he made a concluding speech", "on the second day of the meeting": a day of the
# occasion of several days told just before ("held from December 28 to 31"), counted from its first day.
DAY_OF_OCCASION = re.compile(
    r"\b[Oo]n the (?P<nth>first|opening|second|third|fourth|fifth|sixth|seventh|last|final|closing) day"
    r"(?: of (?:the|his|its) (?:[\w'-]+ ){0,3}?(?:meeting|plenary|plenum|session|congress|conference|visit|tour|"
    r"exercises?|drills?|sitting|talks))?\b(?! of)"
)
_NTH_DAY = {"first": 0, "opening": 0, "second": 1, "third": 2, "fourth": 3, "fifth": 4, "sixth": 5, "seventh": 6}


def day_of_occasion(sentence: str, earlier: list[Event], actor: str) -> tuple[date, date] | None:
    """The day a sentence's "on the last day (of the meeting)" names, in the latest activity of the same
    actor that lasted several days; None when there is none or the day falls outside it."""
    m = DAY_OF_OCCASION.search(sentence)
    if m is None:
        return None
    occasion = next((e for e in reversed(earlier) if e.actor == actor and e.start and e.end), None)
    if occasion is None or occasion.start is None or occasion.end is None or occasion.start >= occasion.end:
        return None
    nth = m.group("nth")
    day = occasion.end if nth not in _NTH_DAY else occasion.start + timedelta(days=_NTH_DAY[nth])
    return (day, day) if day <= occasion.end else None


# "attended the second-day sitting of the session": one day of the meeting he is placed at
NTH_DAY_SITTING = re.compile(  # (not "who was elected at the sixth-day session": another's act there)
    r"\b(?:attended|guided|presided over|was present at) the "
    r"(?P<nth>first|opening|second|third|fourth|fifth|sixth|seventh|last|final|closing)-day "
    r"(?:sitting|session|meeting)\b"
)


def sitting_of_the_day(event: Event, sentence: str) -> None:
    """A meeting dated over its days whose sentence names the day's sitting he attended is that day."""
    m = NTH_DAY_SITTING.search(sentence)
    if m is None or event.start is None or event.end is None or event.start >= event.end:
        return
    nth = m.group("nth")
    day = event.end if nth not in _NTH_DAY else event.start + timedelta(days=_NTH_DAY[nth])
    if day <= event.end:
        event.start = event.end = day


# "on the first day of the new year": January 1 of a dispatch of January ("New Year's Day" is a date
# the dates step finds itself, extract/dates.py)
NEW_YEARS_DAY = re.compile(r"\b(?:on|On) the first day of the (?:[Nn]ew )?[Yy]ear\b")


def new_years_day(sentence: str, reported: date | None) -> date | None:
    """January 1 when the sentence says the act was on the year's first day and the dispatch is of January."""
    if reported is None or reported.month != 1 or not NEW_YEARS_DAY.search(sentence):
        return None
    return date(reported.year, 1, 1)


LATER_BEFORE = re.compile(r"\b(?:[Ll]ater|[Aa]fterwards)\b")


def told_in(event: Event, sentence: Sentence) -> bool:
    return any(sentence.span.start <= s.start < sentence.span.end for s in event.evidence)


def follows_another_act(
    when: DateMention, c: Candidate, group: list[Candidate], cands: Sequence[Candidate]
) -> bool:
    """A date before the trigger that stands after another activity's trigger in the sentence dates that one."""
    return any(
        o.sentence.index == c.sentence.index and o.trigger.end <= when.span.start and o not in group
        for o in cands
    )


# "The congress, which opened on May 6, closed on Monday": an occasion of several days
OPENED_CLOSED = re.compile(r"\bopened\b[^.;]{0,200}?\b(?:closed|concluded|ended)\b")


def opened_to_closed(d: DateMention, sentence: Sentence, dates: list[DateMention]) -> DateMention:
    """The days from its opening to its closing, where the sentence that dates an occasion tells both."""
    if not OPENED_CLOSED.search(sentence.text):
        return d
    days = [
        x for x in dates
        if sentence.span.start <= x.span.start < sentence.span.end and x.precision == "day"
        and x.start is not None and x.kind in ("absolute", "weekday")
    ]
    first, last = (days[0], days[-1]) if len(days) >= 2 else (None, None)
    if first is None or last is None or first.start is None or last.end is None or first.start >= last.end:
        return d
    return replace(d, start=first.start, end=last.end, kind="range")


def date_of_occasion(head: Candidate, inputs: EventInputs) -> tuple[DateMention, int] | None:
    """'was present at the meeting': the date is where the text first reported the meeting.

    Returns the date and where that sentence starts (its words describe the occasion too)."""
    noun = head.venue or ""
    # "the launching ceremony" first reported as "the ceremony for launching ...": its head noun
    for words in dict.fromkeys([noun, noun.split()[-1] if noun else ""]):
        for sentence in inputs.sentences[: head.sentence.index + 1]:
            if words and words in sentence.text.lower():
                d = occasion_date(sentence, inputs)
                if d:
                    return opened_to_closed(d, sentence, inputs.dates), sentence.span.start
    # "supervised a launching drill ... He was accompanied by ... The drill was held at dawn on March 6":
    # the occasion's own sentence, soon after, that tells no act of its own
    # ("met the delegation ... There was a friendly talk ... The meeting took place on Friday": talks too)
    heads = {noun.split()[-1]} if noun else {"meeting", "talks", "talk"} if head.type == "diplomacy" else set()
    for sentence in inputs.sentences[head.sentence.index + 1 : head.sentence.index + 6]:
        if inputs.acts and sentence.index in inputs.acts:
            break
        opening = sentence.text.lower().split(" ", 2)[:2]
        if len(opening) == 2 and opening[0] == "the" and opening[1] in heads and OCCASION.search(sentence.text):
            d = occasion_date(sentence, inputs)
            if d and d.precision == "day":
                return d, sentence.span.start
    # "The DPRK-U.S. summit talks took place at the Capella Hotel on Tuesday. Kim Jong Un and Donald J. Trump had
    # a one-on-one talk ...": the talks reported just before
    if head.type == "diplomacy" and head.sentence.index > 0:
        before = inputs.sentences[head.sentence.index - 1]
        if _TALKS_TOOK_PLACE.search(before.text) and before.index not in inputs.acts:
            d = occasion_date(before, inputs)
            if d and d.precision == "day":
                return d, before.span.start
    # "guided the test-fire of the Hwasong-15 ... The rocket, launched at 02:48 on November 29, flew ...": the
    # launch told in a sentence of its own
    if head.type == "weapons_test":
        for sentence in inputs.sentences[head.sentence.index + 1 : head.sentence.index + 6]:
            if begins_another_story(sentence.text) or not _LAUNCHED_ON.search(sentence.text):
                continue
            d = occasion_date(sentence, inputs)
            if d is not None and d.precision == "day" and in_the_week_before(d.start, inputs.reported):
                return d, sentence.span.start
    # "The exhibition opened at ... on Monday. He attended the opening ceremony": the lead's occasion
    lead = inputs.sentences[0] if inputs.sentences else None
    if noun and lead is not None and lead.index < head.sentence.index and OCCASION.search(lead.text):
        d = occasion_date(lead, inputs)
        if d:
            return d, lead.span.start
    return None
