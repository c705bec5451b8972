"""An event from a group of candidates, and the dispatch's events in order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from fieldguide.extract.dates import DateMention, find_dates
from fieldguide.extract.digest import begins_another_story
from fieldguide.extract.events.arms import arms_told_after_the_launch, without_hosts_displays
from fieldguide.extract.events.candidates import NEXT_DAY, TOWN_KINDS, Candidate, find_candidates
from fieldguide.extract.events.dating import (
    LATER_BEFORE,
    RECALLED_AFTER_DAYS,
    SAME_DAY,
    SAME_PART_OF_DAY,
    THEN_SAME_DAY,
    date_from_next_sentence,
    date_from_scene,
    date_in,
    date_of_delivery,
    date_of_occasion,
    day_of_occasion,
    day_told_before,
    follows_another_act,
    in_the_week_before,
    new_years_day,
    same_occasion_same_day,
    sitting_of_the_day,
    speech_at_either_end,
    speech_on_the_occasion_s_day,
    told_in,
)
from fieldguide.extract.events.earlier import EarlierTime
from fieldguide.extract.events.grouping import group_candidates, occasion_speeches
from fieldguide.extract.events.inputs import EventInputs
from fieldguide.extract.events.participants import attach_people
from fieldguide.extract.events.past import (
    long_before,
    told_after_a_past_year,
    told_as_done_before,
    visit_recalled_in_a_clause,
)
from fieldguide.extract.events.places import (
    LOCATED,
    fullest_sites,
    is_umbrella,
    launch_site,
    laying_site,
    located_site,
    named,
    no_city_beside_a_place_in_it,
    sector_of,
)
from fieldguide.extract.events.rules import OCCASION, OWN_EVENT_AT_VISIT, SIGNING, STATE_VISIT_VENUE, EventRules, Live
from fieldguide.extract.sites import (
    named_in_full,
)
from fieldguide.extract.text import Sentence, lowercase, sentence_at
from fieldguide.model import SENT_OR_RECEIVED, Event, Mention, Span

# "The day before the test-fire, he ...", "The previous day he ...": counted from the act told before
DAY_BEFORE = re.compile(
    r"(?:The|On the) (?:day before(?! yesterday)|previous (?:day|evening|morning|afternoon|night))\b"
)


# A place that begins the name of a unit or body: the body is named after it, not there.
ORGANIZATION_AFTER = re.compile(
    r"(?: [A-Z][\w'-]+){0,5} (?:Brigade|Regiment|Division|Corps|Battalion|Company|Troupe|Ensemble|Band|"
    r"Association|Union|League|Committee|Prize|Order|Medal)\b"
)


def find_events(inputs: EventInputs, rules: EventRules) -> list[Event]:
    live = rules.live(inputs.lowered or lowercase(inputs.text), inputs.sentences, inputs.hits)
    lowered = inputs.lowered or lowercase(inputs.text)
    # towns and cities by where their names begin: "visited Komsomolsk-on-Amur and Vladivostok"
    towns = {m.span.start: m.span.end for m in inputs.places if m.attrs.get("kind") in TOWN_KINDS}
    cands = find_candidates(
        inputs.sentences, inputs.people, inputs.text, rules, inputs.title, live, lowered, towns, inputs.subject_hits
    )
    inputs.acts = frozenset(c.sentence.index for c in cands)
    inputs.earlier = rules.earlier
    _note_own_days(cands, inputs, rules.earlier)
    groups = occasion_speeches(group_candidates(cands), inputs.text)
    events: list[Event] = []
    signings: list[Event] = []
    state_visits: list[Event] = []
    recalling = False  # once the text recalls the past, undated activities after it belong to that past
    # (a sentence that recalls without an act of his in it: "The soldiers still remember the day ... when he came")
    # (read only up to the last activity's sentence, and not at all in a text with none)
    last = max((g[0].sentence.index for g in groups), default=0)
    recalls = [
        s.index for s in inputs.sentences[:last]
        if s.index not in inputs.acts
        and any(m.group().lower().startswith(_MEMORY_CUES) for m in rules.recalled.finditer(s.text))
    ]
    for g in groups:
        if recalls and recalls[0] < g[0].sentence.index:
            recalling = True
        if any(_recalled(rules, c, inputs) for c in g[:1]):
            recalling = True
            continue  # an anecdote of years ago, recalled: not an activity reported now
        if visit_recalled_in_a_clause(g[0], inputs):
            continue  # "true to the instruction given by Kim Jong Un, who visited the site in March": a back-reference
        # a recalled visit told inside this one ("When he visited the site in June, ...") is not part of it
        g = [c for c in g if c is g[0] or not _recalled(rules, c, inputs)]
        event = _build(g, inputs, rules, events, live, cands)
        if event.start is None and not events:
            date_from_scene(event, g, inputs)
        if event.start is None and not events:
            date_from_next_sentence(event, g, cands, inputs)
        if inputs.reported and event.start and (inputs.reported - event.start).days > RECALLED_AFTER_DAYS:
            recalling = True
            continue
        if event.start is None and told_after_a_past_year(g[0], inputs):
            continue  # "... the first unit he inspected in Juche 101 (2012). He climbed onto a tank ...": of that year
        if recalling and (event.start is None or long_before(event, inputs)):
            continue  # ("In late April 2019 he visited Vladivostok. On April 25 he had talks": of that April)
        events.append(event)
        if g[0].venue == SIGNING:
            signings.append(event)
        if g[0].venue == STATE_VISIT_VENUE:
            state_visits.append(event)
    _launches_of_the_drills(events)
    arms_told_after_the_launch(events, inputs)
    events = _signed_at_the_talks(_without_tour_summaries(_told_by_its_talks(events, state_visits)), signings)
    events = _without_visits_to_watch(events, inputs.sentences)
    events = without_hosts_displays(events, inputs)
    events = _without_orders_of_the_day(events)
    _lead_dated_by_its_headline(events, inputs)
    same_occasion_same_day(events)
    speech_on_the_occasion_s_day(events)
    speech_at_either_end(events)
    attach_people(events, inputs)
    no_city_beside_a_place_in_it(events)
    fullest_sites(events)
    return events


def _note_own_days(cands: list[Candidate], inputs: EventInputs, earlier: EarlierTime) -> None:
    """Each visit's day as its own clause tells it, between its verb and the next act of the sentence
    ("inspected A on Friday and visited B on Saturday"), for grouping to keep two days' visits apart."""
    for c in cands:
        if c.type != "inspection":
            continue
        clause_end = min(
            (o.trigger.start for o in cands if o.sentence is c.sentence and o.trigger.start > c.trigger.start),
            default=c.sentence.span.end,
        )
        after = [m for m in inputs.dates if c.trigger.end <= m.span.start < clause_end and m.precision == "day"]
        if after and after[0].kind == "relative" and NEXT_DAY.match(after[0].text):
            c.own_day = "after"
            continue
        # (the filters of any date of an act: not "which is to open on July 1", "before returning home on ...")
        m = date_in(c.sentence, after, c.trigger, inputs.text, inputs.reported, earlier=earlier)
        if m is not None and m.kind in ("absolute", "weekday", "juche"):
            c.own_day = m


def _hall_of_the_show(site: str, event: Event, earlier: list[Event]) -> str | None:
    """"He then looked round the exhibition" after its opening at the Three-Revolution Exhibition House: the
    show just told is where it is held, not a place of its own."""
    if event.type != "cultural_event" or site.lower() not in ("the exhibition", "the show", "the exhibits"):
        return None
    previous = next((e for e in reversed(earlier) if e.actor == event.actor and e.sites), None)
    return previous.sites[0] if previous else None


# The recalled cues that frame what follows as a memory ("still remember the day ... when", "One day in 2016"),
# not a passing mention of the past ("the power station, started 17 years ago")
_MEMORY_CUES = ("recall", "remember", "one day", "on a day")


def _recalled(rules: EventRules, c: Candidate, inputs: EventInputs) -> bool:
    """The candidate's sentence recalls the past: "One day in 2016, he visited ...", "Upon hearing
    the news that he had visited ...". News heard after the act is why he acted ("sent a message of
    condolences upon hearing the sad news"), not a recollection."""
    text = c.sentence.text
    trigger_at = c.trigger.start - c.sentence.span.start
    # what he said after the act ("opened the Congress with a speech, in which he said that ... in the past
    # five years") is its content, not a recollection of the act
    said = SAID_AFTER.search(text, trigger_at)
    said_at = said.start() if said else len(text)
    return any(
        not ("hear" in m.group().lower() and m.start() > trigger_at) and m.start() < said_at
        # ("The news that Kim Jong Un guided the drill on Wednesday is arousing enthusiasm": the act of the
        # week, reported again with its day; undated, "The news, which he directly guided ...", it is recalled)
        and not (m.group().startswith("The news") and _told_with_its_day(c, inputs))
        for m in rules.recalled.finditer(text)
    )


def _told_with_its_day(c: Candidate, inputs: EventInputs) -> bool:
    """A day ("on Wednesday", "on December 12") from the trigger on, in its sentence (a passive trigger holds it:
    "a test-fire ... was conducted on November 18 under the guidance of ...")."""
    return any(
        d.kind in ("absolute", "weekday") and d.precision == "day"
        and c.trigger.start <= d.span.start < c.sentence.span.end
        for d in inputs.dates
    )


SAID_AFTER = re.compile(r"\b(?:said|saying|says|noting|noted|stressing|stressed|in which|adding|pointing out)\b")


def _parts_of_the_place_he_is_at(event: Event, head: Candidate, text: str, earlier: list[Event]) -> None:
    """"held talks with Putin at the Vostochny Cosmodrome ... looked round the assembly building of the Angara
    rocket and the launch complex": parts of the place of his last activity, which is the visit's site."""
    if event.type != "inspection" or not event.sites or not event.sites[0]:
        return
    if not text[head.trigger.start : head.trigger.end].lower().startswith(("looked round", "went round")):
        return
    if named(event.sites[0].split(" of ")[0]):
        return  # "looked round the Kim Chaek Iron and Steel Complex": a place of its own name
    previous = next((e for e in reversed(earlier) if e.actor == event.actor and e.sites), None)
    if previous is not None and named(previous.sites[0]) and previous.type != "inspection":
        event.sites[:] = previous.sites[:1]


_OPENED = re.compile(r"(?:opened|declared open)\b")
_LAST_YEAR = re.compile(r"(?:last|the previous|the past) year\b", re.I)


_LAUNCHED = re.compile(r"\b(?:test-launched|launched|test-fired|fired)\b")


def _launch_day_told_before(head: Candidate, inputs: EventInputs) -> date | None:
    """The day of a launch told in the sentence just before his act ("successfully test-launched the rocket on
    July 4"), when it lies in the week before the report."""
    index = head.sentence.index
    if index == 0:
        return None
    sentence = inputs.sentences[index - 1]
    if not _LAUNCHED.search(sentence.text):
        return None
    told = [
        d for d in inputs.dates
        if sentence.span.start <= d.span.start < sentence.span.end and d.kind in ("absolute", "weekday")
        and d.precision == "day" and d.start is not None and d.start == d.end
    ]
    if len(told) != 1 or not in_the_week_before(told[0].start, inputs.reported):
        return None
    return told[0].start


def _day_the_story_moved_to(previous: Event, head: Candidate, inputs: EventInputs) -> date | None:
    """"... watched the performance that evening. On Friday morning, Xi Jinping laid a wreath ... Kim Jong Un then
    gave a luncheon": a later day that opens a sentence after his last act (another's act on it) is the day the
    story has moved on to."""
    if previous.start is None or not previous.evidence:
        return None
    day = day_told_before(head.sentence.span.start, inputs)
    if (
        day is None or day.start is None or not _opens_its_sentence(day, inputs)
        or day.span.start <= max(span.end for span in previous.evidence)
        or not previous.start < day.start <= previous.start + timedelta(days=3)
    ):
        return None
    return day.start


def _opens_its_sentence(day: DateMention, inputs: EventInputs) -> bool:
    """"On May 9, the congress elected him ...": the day opens its sentence."""
    sentence = sentence_at(inputs.sentences, day.span.start)
    if sentence is None:
        return False
    return inputs.text[sentence.span.start : day.span.start].strip() in ("", "On", "on")


def _lead_dated_by_its_headline(events: list[Event], inputs: EventInputs) -> None:
    """"Kim Jong Un Observes Test-fire of New-type Hypersonic IRBM on January 6" over a lead that names no
    day: the headline's day, when it lies in the week before the report, is the lead activity's."""
    if not events or events[0].start is not None or not inputs.title or inputs.reported is None:
        return
    lead = events[0]
    if not lead.evidence or lead.evidence[0].start >= (inputs.sentences[0].span.end if inputs.sentences else 0):
        return
    days = [
        d for d in find_dates(inputs.title, inputs.reported)
        if d.kind in ("absolute", "weekday") and d.precision == "day" and d.start is not None and d.start == d.end
    ]
    if len(days) == 1 and in_the_week_before(days[0].start, inputs.reported):
        lead.start = lead.end = days[0].start
        lead.precision = "day"


_AT_THE_MEETING = re.compile(r"At the (?:[\w-]+ ){0,2}?(?:meeting|session|conference|plenary meeting)\b")
_ORDER_SIGNED = re.compile(r"\bsigned (?:the |an? )?(?:[\w-]+ ){0,2}?orders?\b", re.I)


def _without_orders_of_the_day(events: list[Event]) -> list[Event]:
    """"signed the written order for the test-launch in the morning of the day and came to the launching
    ground": the order of the test's own day is part of the test (one signed days before stays an act)."""
    tests = [e for e in events if e.type == "weapons_test"]
    meetings = [e for e in events if e.type == "meeting"]

    def part_of_another(e: Event) -> bool:
        if any(t.actor == e.actor and t.start is not None and (e.start is None or e.start == t.start) for t in tests):
            return True
        # ("signed the final order for launching the satellite and watched the launch": a digest's line, undated)
        if any(t.actor == e.actor and t.start is None and e.start is None and _same_sentence(t, e) for t in tests):
            return True
        # "At the meeting he signed the order for the test": an act of the meeting
        return _AT_THE_MEETING.match(e.evidence_text or "") is not None and any(m.actor == e.actor for m in meetings)

    return [
        e for e in events
        if not (e.type == "other" and _ORDER_SIGNED.search(e.evidence_text or "") and part_of_another(e))
    ]


def _same_sentence(a: Event, b: Event) -> bool:
    return bool(a.evidence and b.evidence) and a.evidence_text == b.evidence_text


# A place that is visited to watch a test or a drill there: the visit is the test's, not one more activity.
_GROUND_OF_TESTS = re.compile(
    r"\b(?:testing|test|firing|drill|launching|launch|training) (?:ground|grounds|range|site|pad|station)\b"
    r"|\bobservation post\b",
    re.I,
)


_TO_WATCH = re.compile(
    r"\bto (?:watch|observe|see|guide|oversee) the (?:[\w-]+ ){0,2}?(?:drill|test|test-fire|firing|exercise|launch)\b"
)


def _without_visits_to_watch(events: list[Event], sentences: list[Sentence]) -> list[Event]:
    """"visited the testing ground of the Academy of Defence Science and watched the test": one test, at
    that ground (a base or a unit visited before a drill is a visit of its own)."""
    dropped: list[Event] = []
    for visit in events:
        if visit.type != "inspection" or not visit.sites or not visit.evidence:
            continue
        if not _GROUND_OF_TESTS.search(visit.sites[0]):
            continue
        where = sentence_at(sentences, visit.evidence[0].start)
        if where is None:
            continue
        test = next(
            (
                e for e in events
                if e.type in ("weapons_test", "military_exercise") and e.actor == visit.actor and e.evidence
                and where.span.start <= e.evidence[0].start < where.span.end
                and e.evidence[0].start > visit.evidence[0].start
            ),
            None,
        )
        if test is None and _TO_WATCH.search(where.text):
            # "Then he went to the firing ground of the unit ... to watch the drill": the drill told before
            test = next(
                (
                    e for e in events
                    if e.type in ("weapons_test", "military_exercise") and e.actor == visit.actor
                    and e.start == visit.start and e is not visit
                ),
                None,
            )
        if test is None:
            continue
        if not test.sites:
            test.sites[:] = visit.sites
        if test.start is None:
            test.start, test.end, test.precision = visit.start, visit.end, visit.precision
        dropped.append(visit)
    return [e for e in events if e not in dropped]


def _launches_of_the_drills(events: list[Event]) -> None:
    """"guided the military drills ... from September 25 to October 9. On October 4 he oversaw the launch of a
    new-type IRBM": a launch on a day of a series of drills he guided is one of the drills."""
    series = [
        e for e in events if e.type == "military_exercise" and e.start and e.end and (e.end - e.start).days >= 2
    ]
    for e in events:
        if e.type == "weapons_test" and e.start and e.start == e.end and any(
            s.actor == e.actor and s.start <= e.start <= s.end  # type: ignore[operator]
            and s.evidence_text != e.evidence_text  # (a day of the series told on its own)
            for s in series
        ):
            e.type = "military_exercise"


_CELEBRATIONS = re.compile(r"\b(?:attended|was present at|took part in) (?:the |a )?(?:[\w-]+ ){0,2}?celebrations\b")


def _without_tour_summaries(events: list[Event]) -> list[Event]:
    """"inspected various units in the province on June 30 and July 1", then each visit day by day: the
    summary of a tour of several days is told again by its visits, and is not one more visit (nor a series
    of drills told again drill by drill)."""
    def within(event: Event, tour: Event) -> bool:
        return (
            event is not tour
            and event.type == tour.type
            and event.actor == tour.actor
            and event.start is not None
            and event.end is not None
            and tour.start <= event.start  # type: ignore[operator]
            and event.end <= tour.end  # type: ignore[operator]
            # ("gave field guidance to A, B and C from June 30 to July 1": three visits of the same days,
            # none of them a summary of the others)
            and (event.start, event.end) != (tour.start, tour.end)
        )

    def one_of(event: Event, tour: Event) -> bool:  # "farms in Kangwon Province", then "Farm No. 1116"
        return (
            event is not tour and event.type == "inspection" and event.actor == tour.actor
            and bool(event.sites) and is_umbrella(tour.sites[0], event.sites[0])
        )

    def drills_told_day_by_day(e: Event) -> bool:
        # "guided the drills from September 25 to October 9", then "On September 25 he guided ...", ...:
        # the series told again drill by drill, from its first day
        inside = [o for o in events if within(o, e)]
        return len(inside) >= 2 and any(o.start == e.start for o in inside)

    def celebrations_told_by_their_parade(e: Event) -> bool:
        # "attended the celebrations of the 80th anniversary ... held in Beijing", then "On September 3 he
        # watched the grand military parade": the celebrations told again by the occasion he attended
        return e.start is None and _CELEBRATIONS.search(e.evidence_text or "") is not None and any(
            o is not e and o.type == "ceremony" and o.actor == e.actor and o.start is not None for o in events
        )

    summaries = [
        e for e in events
        if e.type == "military_exercise" and e.start and e.end and e.start < e.end and drills_told_day_by_day(e)
    ] + [e for e in events if e.type == "ceremony" and celebrations_told_by_their_parade(e)] + [
        e for e in events
        if e.type == "inspection" and (
            (e.start and e.end and e.start < e.end and sum(within(o, e) for o in events) >= 2)
            # an undated lead naming a tour of several places, then told place by place
            or (e.start is None and e.sites and sum(one_of(o, e) for o in events) >= 2)
        )
    ]
    return [e for e in events if e not in summaries]


def _told_by_its_talks(events: list[Event], state_visits: list[Event]) -> list[Event]:
    """"paid an official goodwill visit to Viet Nam on March 1 and 2", then its talks: one activity, the
    talks, on their own day or, when the text gives them none, over the days of the visit; alone, the
    visit stands for its talks."""
    kept = []
    for e in events:
        if e not in state_visits:
            kept.append(e)
            continue
        talks = [o for o in events if o.type == "diplomacy" and o.actor == e.actor and o not in state_visits]
        if not talks:
            kept.append(e)
        elif talks[0].start is None:
            talks[0].start, talks[0].end, talks[0].precision = e.start, e.end, e.precision
    return kept


def _signed_at_the_talks(events: list[Event], signings: list[Event]) -> list[Event]:
    """A declaration signed on the day of the talks belongs to the talks; one signed on a day of its own
    ("held talks on September 18 and 19 ... signed the declaration on September 19") is another event."""
    def same_day_talks(signing: Event) -> bool:
        return any(
            o is not signing and o not in signings and o.type == "diplomacy" and o.actor == signing.actor
            and (signing.start is None or (o.start, o.end) == (signing.start, signing.end))
            for o in events
        )

    return [e for e in events if not (e in signings and same_day_talks(e))]


def _build(
    group: list[Candidate],
    inputs: EventInputs,
    rules: EventRules,
    earlier: list[Event],
    live: Live,
    cands: Sequence[Candidate] = (),
) -> Event:
    head = group[0]
    event = Event(type=head.type, actor=head.actor)
    # a ceremony is where it took place, not the buildings he went round after it
    ceremony_site = located_site(group, inputs, rules.sites) if head.type == "ceremony" and not head.site else None
    if ceremony_site:
        event.sites.append(ceremony_site)
    for c in group:
        event.evidence.append(c.trigger)
        # one site to a visit: later verbs of the same visit re-describe it or name its parts,
        # except that a tour "to major munitions factories" is told by the factory it "first visited"
        # ("Going round the foodstuff factory, ...": one of the factories he went round, a part of the visit)
        going_round = c is not head and inputs.text[c.trigger.start : c.trigger.end].endswith("ing round")
        if c.site and not ceremony_site and (
            not event.sites or (is_umbrella(event.sites[0], c.site) and not going_round)
        ):
            held_in = _hall_of_the_show(c.site, event, earlier)
            event.sites[:] = [held_in or named_in_full(c.site, inputs.text, rules.sites)]
    if not event.sites and head.type in LOCATED:
        taken = frozenset(c.site for c in cands if c.site and c.type == "inspection" and c not in group)
        found_site = located_site(group, inputs, rules.sites, taken)
        if found_site and told_as_done_before(head.trigger.start, inputs.text):
            # an aside ("had held talks with him the previous day") has the place its own words name, not the story's
            found_site = found_site if found_site in head.sentence.text else None
        if found_site:
            event.sites.append(found_site)
    if not event.sites and head.type == "message_sent":
        laid_at = laying_site(group, inputs, rules.sites)
        if laid_at:
            event.sites.append(laid_at)
    if head.type == "weapons_test" and event.sites and not named(event.sites[0]):
        # "He came to the launching ground ... The missile, launched from the Pyongyang International Airport":
        # the place named, not the words that only describe it
        event.sites[:] = [launch_site(group, inputs, rules.sites) or event.sites[0]]
    event.evidence_text = head.sentence.text
    _parts_of_the_place_he_is_at(event, head, inputs.text, earlier)
    event.sector = sector_of(event.sites[0] if event.sites else None) if head.type == "inspection" else None
    # Dates: the trigger's own sentence first, then the sentence that first reported the occasion,
    # then the visit this is part of ("on the spot").
    when = None
    # a meeting of several days is dated by its own report first ("held from December 28 to 31"), not by
    # the day one part of it is told on ("opened the plenary meeting on December 28")
    own_report = head.type == "meeting" and bool(head.venue)
    meeting_days = date_of_occasion(head, inputs) if own_report else None
    for c in group:
        if meeting_days is not None and c is not head and meeting_days[0].start != meeting_days[0].end:
            break
        if meeting_days is not None and c.by_its_speech:
            break  # a congress told by his opening speech: the congress's days, not the speech's
        giving = head.type in ("gift", "message_sent")
        when = date_in(
            c.sentence, inputs.dates, c.trigger, inputs.text, inputs.reported, given_on_the_day=giving,
            message=head.type in ("message_received", "message_sent"), speech=c.type == "speech",
            earlier=rules.earlier,
        )
        if when and when.span.start < c.trigger.start and follows_another_act(when, c, group, cands):
            when = None  # "signed the order on February 6 and observed the launch": the day of the signing
        if when and c is not head and when.precision == "year" and _LAST_YEAR.match(when.text):
            when = None  # "he learned about the production of warheads last year": the period, not the visit
        if when:
            break
    if (
        when is not None and meeting_days is not None and meeting_days[0].start != meeting_days[0].end
        and when.start == meeting_days[0].start and _OPENED.match(inputs.text, head.trigger.start)
    ):
        when = meeting_days[0]  # "opened the congress on Friday": the congress he opened, over its days
    if when is None and SAME_PART_OF_DAY.search(head.sentence.text):
        when = day_told_before(head.sentence.span.start, inputs)
        if when is not None and when.start and inputs.reported and not in_the_week_before(when.start, inputs.reported):
            when = None  # (a day long past is a recollection's)
    # his act told last, not one told as done before ("had held talks with him the previous day")
    previous_act = next(
        (
            e for e in reversed(earlier)
            if e.actor == event.actor and not (e.evidence and told_as_done_before(e.evidence[0].start, inputs.text))
        ),
        None,
    )
    counted_back = False  # dated by "the previous day" from the act told before, not from the report
    if DAY_BEFORE.match(head.sentence.text) and previous_act and previous_act.start and previous_act.precision == "day":
        # "The day before the test-fire, he inspected ...": the day before the act just told, not the report's
        when = None
        event.start = event.end = previous_act.start - timedelta(days=1)
        event.precision = "day"
        counted_back = True
    elif DAY_BEFORE.match(head.sentence.text) and previous_act is None:
        # "... climbed Mt Paektu on Thursday. ... The previous evening, he had watched ...": the day before the
        # day the text told last
        last_told = day_told_before(head.sentence.span.start, inputs, reach=len(inputs.text))
        if last_told is not None and last_told.start is not None:
            when = None
            event.start = event.end = last_told.start - timedelta(days=1)
            event.precision = "day"
            counted_back = True
    if isinstance(head.own_day, DateMention) and not counted_back and (
        when is None or when.span.start < head.trigger.start
    ):
        when = head.own_day  # "inspected A on Friday and visited B on Saturday": B's day is the one after it
    occasion_start: int | None = None
    if when is None and event.start is None and head.type == "weapons_test":
        # "... test-launched the ICBM Hwasong-14 on July 4. Kim Jong Un observed the test-launch on the spot.":
        # the day of the launch the text told, not the day of the order he signed before it
        launched = _launch_day_told_before(head, inputs)
        if launched is not None:
            event.start = event.end = launched
            event.precision = "day"
    if when is None and event.start is None and not counted_back and (head.venue or head.type == "diplomacy"):
        found = meeting_days if own_report else date_of_occasion(head, inputs)  # (looked for once)
        if found:
            when, occasion_start = found
    if when is None and head.type in SENT_OR_RECEIVED:
        when = date_of_delivery(group, inputs)  # gifts "sent by him", conveyed on the day told before
    nth_day = day_of_occasion(head.sentence.text, earlier, event.actor) if when is None else None
    new_year = new_years_day(head.sentence.text, inputs.reported) if when is None else None
    if new_year is not None:
        nth_day = (new_year, new_year)
    if nth_day is not None:
        event.start, event.end = nth_day
        event.precision = "day"
    if (
        when is None
        and event.start is None
        and earlier
        and earlier[-1].actor == event.actor
        and (NEXT_DAY.search(head.sentence.text) or _occasion_next_day(head, inputs))
        and not told_in(earlier[-1], head.sentence)  # the second site of "The next day he visited A and B"
    ):
        previous = earlier[-1]
        last_day = previous.end or previous.start
        if last_day and previous.precision == "day":
            event.start = event.end = last_day + timedelta(days=1)
            event.precision = "day"
    if when is None and event.start is None and earlier and head.type in OWN_EVENT_AT_VISIT | {"inspection"}:
        # (his act told last: another's in between, "Pak Thae Song made a speech at the ceremony", is no day of his)
        previous = previous_act or earlier[-1]
        # "He then visited ...": another site of the same day, when the visit before had one day
        # ("He later visited ...": some day after, which the text does not say)
        later = bool(LATER_BEFORE.search(head.sentence.text, 0, head.trigger.start - head.sentence.span.start))
        new_visit = head.type == "inspection" and head.new_site and (previous.start != previous.end or later)
        # an undated act after one of several days ("from March 25 to 28") fell on one of them: which, unknown
        one_day = previous.start == previous.end
        if previous.actor == event.actor and (previous.start or previous.end) and not new_visit and one_day:
            event.start, event.end, event.precision = previous.start, previous.end, previous.precision
            moved_on = _day_the_story_moved_to(previous, head, inputs)
            if moved_on is not None:
                event.start = event.end = moved_on
    after = AFTER_OCCASION.match(head.sentence.text) if when is None and event.start is None else None
    if after:
        # "After the ceremony he went to the farm": the day of that occasion of his, told before
        kind = AFTER_OCCASION_TYPES[after.group(1).lower()]
        occasion = next((e for e in reversed(earlier) if e.actor == event.actor and e.type == kind), None)
        if occasion is not None and occasion.precision == "day" and occasion.start == occasion.end:
            event.start, event.end, event.precision = occasion.start, occasion.end, occasion.precision
    if when is None and event.start is None and earlier and THEN_SAME_DAY.match(head.sentence.text):
        # "Then he looked round ...", "In the evening he hosted ...": the day of his activity told last
        # (another's in between, "At the talks, Xi Jinping said ...", is no day of his)
        previous = next((e for e in reversed(earlier) if e.actor == event.actor), earlier[-1])
        if previous.actor == event.actor and previous.precision == "day" and previous.start == previous.end:
            event.start, event.end, event.precision = previous.start, previous.end, previous.precision
    same_day = when is not None and SAME_DAY.search(when.text)
    # (the activity just reported is his last one: another's in between, "No Kwang Chol and Song Young Moo
    # signed an agreement", is no day of his)
    last_act = previous_act or (earlier[-1] if earlier else None)
    # "the same day" after a visit of several days ("from January 7 to 10") is the day last told in the text
    # ("arrived in Beijing on January 8"), not all of them
    several_days = bool(last_act and last_act.start and last_act.start != last_act.end)
    told_before = (
        day_told_before(when, inputs) if same_day and (several_days or not (last_act and last_act.start)) else None
    )
    if same_day and told_before is None and last_act and last_act.evidence:
        # "On May 9, the congress elected him ... He made a concluding speech on the same day": a day named
        # after the last act of his is the one "the same day" points back to
        day_named = day_told_before(when, inputs)
        previous = last_act
        if (
            day_named is not None and day_named.start is not None and previous.start is not None
            # (a day that opens its sentence, "On May 9, the congress ...": not one inside a clause of another
            # time, "the system introduced by the decision on May 12")
            and _opens_its_sentence(day_named, inputs)
            and day_named.span.start > max(span.end for span in previous.evidence)
            and day_named.start != previous.start
            and in_the_week_before(day_named.start, inputs.reported or day_named.start)
        ):
            told_before, several_days = day_named, True
    if same_day and last_act and last_act.start and not (several_days and told_before is not None):
        previous = last_act  # "the same day", "that evening": the day of the activity just reported
        event.start, event.end, event.precision = previous.start, previous.end, previous.precision
    elif told_before is not None:
        # "arrived in Beijing on January 8 ... had talks in the afternoon of the same day": the day last told
        event.start, event.end, event.precision = told_before.start, told_before.end, told_before.precision
    elif when is not None and not (same_day and earlier):
        # ("On the same day" after an undated visit gives no day: the report's own day is not it)
        event.start, event.end, event.precision = when.start, when.end, when.precision
    if head.type == "meeting":
        sitting_of_the_day(event, head.sentence.text)
    stretch = _stretch(group, inputs)
    if occasion_start is not None:
        stretch = (min(stretch[0], occasion_start), stretch[1])
    for m in inputs.places:
        if stretch[0] <= m.span.start < stretch[1] and not m.attrs.get("foreign"):
            if ORGANIZATION_AFTER.match(inputs.text, m.span.end):
                continue  # "the Paektusan Hero Youth Shock Brigade" was not at Mt Paektu
            if m.canonical not in event.places:
                event.places.append(m.canonical)
    for m in inputs.weapons:
        if stretch[0] <= m.span.start < stretch[1] and m.counts:
            if m.canonical not in event.weapons:
                event.weapons.append(m.canonical)
            designation = m.attrs.get("designation")
            if designation and designation not in event.designations:
                event.designations.append(str(designation))
    verdicts_and_tasks(event, group, inputs, rules, live)
    for d in inputs.dates:
        # "a task set forth during his field guidance to the factory on November 9 last year"
        if d.kind == "back_reference" and stretch[0] <= d.span.start < stretch[1]:
            sentence = sentence_at(inputs.sentences, d.span.start)
            event.references.append(
                {
                    "text": d.text,
                    "date": d.start.isoformat() if d.start else None,
                    "span": d.span.to_json(),
                    "sentence": sentence.text if sentence else None,
                }
            )
    return event


# ("Before the talks, Kim Jong Un looked round the cosmodrome": the day of the talks too)
AFTER_OCCASION = re.compile(
    r"^(?:After|Before) the (ceremony|parade|meeting|performance|concert|talks|banquet|game|match)\b"
)
AFTER_OCCASION_TYPES = {
    "ceremony": "ceremony", "parade": "ceremony", "meeting": "meeting", "performance": "cultural_event",
    "concert": "cultural_event", "talks": "diplomacy", "banquet": "cultural_event", "game": "cultural_event",
    "match": "cultural_event",
}


def _occasion_next_day(head: Candidate, inputs: EventInputs) -> bool:
    """"The next day a military parade took place at the square. He watched the parade": the sentence
    just before, which reported his occasion, puts it on the day after the activity told before it."""
    if not head.venue or head.sentence.index == 0:
        return False
    before = inputs.sentences[head.sentence.index - 1].text
    noun = head.venue.split()[-1]
    return noun in before.lower() and bool(NEXT_DAY.search(before)) and bool(OCCASION.search(before))


def _stretch(group: list[Candidate], inputs: EventInputs) -> tuple[int, int]:
    """The text that speaks of this event: from its first trigger sentence to the next event's."""
    start = group[0].sentence.span.start
    last = group[-1].sentence
    end = last.span.end
    # take in the following sentences of the same paragraph run (details of the visit), but not
    # the next line of a digest ("- ..."), which is another story with its own places and weapons
    for sentence in inputs.sentences[last.index + 1 : last.index + 6]:
        if begins_another_story(sentence.text):
            break
        end = sentence.span.end
    return start, end


def verdicts_and_tasks(
    event: Event,
    group: list[Candidate],
    inputs: EventInputs,
    rules: EventRules,
    live: Live,
) -> None:
    first = group[0].sentence.index
    last = group[-1].sentence.index
    for sentence in inputs.sentences[first : last + 4]:
        for kind, pattern in rules.verdicts:
            m = live.search(pattern, sentence) if live(pattern, sentence) else None
            if m:
                span = Span(sentence.span.start + m.start(), sentence.span.end)
                event.verdicts.append(Mention("verdict", span, inputs.text[span.start : span.end], kind))
                break
        m = live.search(rules.tasks, sentence) if live(rules.tasks, sentence) else None
        if m:
            span = Span(sentence.span.start + m.start(), sentence.span.end)
            event.tasks.append(Mention("task", span, inputs.text[span.start : span.end], "task"))
