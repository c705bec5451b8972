"""Sentences of the weekly brief, written from the facts of an activity.

Each function takes an event record (``Event.to_json()``, merged per occasion) and returns
one grammatical sentence or None when the record holds nothing to say. Nothing here reads
the clock or the archive, so the same facts always read the same way; the variety comes
from the facts (the kind of activity, its site, what the dispatch names), not from chance.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fieldguide.extract.digest import is_digest
from fieldguide.model import LATE_LEADERS, LEADER
from fieldguide.report import wording

MAX_QUOTE_WORDS = 40
MAX_NAMES = 3  # names in a gathered item or a list of companions

# The scraper's missing spaces after punctuation ("means,Kim Jong Un said"): shown repaired.
_GLUED = re.compile(r"(?<=[a-z\)][,;:])(?=[A-Za-z])|(?<=[a-z\)][.!?])(?=[A-Z][a-z])|(?<=”)(?=[A-Za-z])")
_CLAUSE_END = re.compile(r"[,;:](?=\s)")
_SEAS = re.compile(r"\b(?:Sea|Ocean|Strait|Gulf|Bay)\b")
# Verbs for a visit, by the sector of its site.
_VISIT_VERBS = {
    "munitions": "inspected",
    "military_unit": "inspected",
    "economic": "gave field guidance at",
    "construction": "gave field guidance at",
    "social": "visited",
}
_EVENT_NOUNS = {
    "inspection": "visit",
    "weapons_test": "test",
    "military_exercise": "drill",
    "ceremony": "ceremony",
    "commemoration": "commemoration",
    "meeting": "meeting",
    "speech": "speech",
    "diplomacy": "meeting",
    "cultural_event": "performance",
    "other": "activity",
}

# What an activity typed "other" was, told from its evidence.
_WRITTEN_WORK = re.compile(r"\b(discourse|treatise|work|article|letter)\b(?= [\"“]| to| in| entitled| titled)", re.I)
_PAPER = re.compile(r"\b(?:Rodong Sinmun|Minju Joson|Kulloja|Chongnyon Jonwi|Minjok Joson)\b")
# The ceremony the dispatch names, up to its next clause: "attended the ceremony of transferring and receiving
# new-type tactical ballistic missile system and made a speech" -> "the ceremony of transferring ... system".
_NAMED_CEREMONY = re.compile(
    r"\b(?:attended|was present at|watched|reviewed) ("
    # ("attended the military parade held in celebration of ...": the parade, as the dispatch names it)
    r"the (?:[\w'-]+ ){0,3}?parade(?= held\b| of\b| to\b| at\b| in\b|[,.;]|$)"
    r"|the (?:[\w'-]+ ){0,3}?ceremony (?:of|for|marking) [^,.;:()\"“]{3,120}?"
    r"(?= and (?:made|delivered|gave|cut|watched|looked|went|had|awarded|conferred)\b|[,.;:(]|$))"
)
_PARADE_HEADLINE = re.compile(r"\bmilitary parade\b", re.IGNORECASE)
_MAX_OCCASION_WORDS = 16
# The meeting the dispatch names with his verb: "convened a consultative meeting on national defence and security".
_NAMED_MEETING = re.compile(
    r"\b(convened|presided over|guided|chaired|attended|took part in)(?: and guided)? ((?:an? |the )?(?:[\w'-]+ ){0,6}?"
    r"(?:meeting|conference|session|congress|consultation|plenum)(?: (?:of|on|for) [^,.;:()\"“]{3,100}?)?)"
    # (or its place next: "convened a consultative meeting at the office building of the WPK Central Committee")
    r"(?= and (?:made|delivered|gave|said|stressed)\b| as | to [a-z]+ | in order\b| (?:at|in) the [A-Za-z]|[,.;:(]|$)"
)
_OTHER_ACTIONS = (
    (re.compile(r"\bcredentials\b", re.I), "accepted an ambassador's credentials"),
    (re.compile(r"\border\b", re.I), "signed an order"),
    (re.compile(r"\banswered (?:the )?questions\b", re.I), "answered questions"),
)


_END_MARK = re.compile(r"\s*-0-\s*$")  # KCNA's end-of-dispatch mark


def repair(text: str) -> str:
    """Source text as a quotation shows it: one space where the scraper lost it, no end mark."""
    return _END_MARK.sub("", _GLUED.sub(" ", " ".join(text.split())))


def trim_quote(text: str, limit: int = MAX_QUOTE_WORDS) -> str:
    """The core of a quotation: at most ``limit`` words, cut at a clause where one ends late
    enough, marked with an ellipsis when cut."""
    text = repair(text).rstrip(" .")
    words = text.split()
    if len(words) <= limit:
        return text
    head = " ".join(words[:limit])
    cuts = [m.start() for m in _CLAUSE_END.finditer(head) if len(head[: m.start()].split()) >= limit // 3]
    return (head[: cuts[-1]] if cuts else head).rstrip(" ,;:") + " …"


def day_month(day: date) -> str:
    return f"{day.day} {wording.MONTHS[day.month - 1]}"


def when(record: dict[str, Any]) -> str | None:
    """'on 27 August', 'from 3 to 5 August', 'in August'; None for an undated event."""
    start, end = _date(record.get("start")), _date(record.get("end"))
    if start is None:
        return None
    precision = record.get("precision") or "day"
    if precision == "month":
        return f"in {wording.MONTHS[start.month - 1]}"
    if precision == "year":
        return f"in {start.year}"
    if end is None or end == start:
        return f"on {day_month(start)}"
    if end.month == start.month:
        return f"from {start.day} to {day_month(end)}"
    return f"from {day_month(start)} to {day_month(end)}"


def names(record: dict[str, Any], *roles: str) -> list[str]:
    """The people of the given roles, the leader (and the late leaders, whom no message of today is
    from) left out, in order, without repeats."""
    found = [
        p["name"]
        for p in record.get("people") or []
        if p.get("role") in roles and p["name"] not in LEADER and p["name"] not in LATE_LEADERS
    ]
    return list(dict.fromkeys(found))


def _weapons(record: dict[str, Any], limit: int = 2) -> str:
    designations = list(dict.fromkeys(record.get("designations") or []))
    if designations:
        return wording.listing([f"the {d}" for d in designations[:limit]])
    return wording.listing(wording.weapon_words(record)[:limit])


def _mid_sentence(site: str | None) -> str | None:
    """A site as it reads inside a sentence: "The plaza of ..." from a sentence's start is "the plaza"."""
    if site and re.match(r"(?:The|A|An) [a-z]", site):
        return site[0].lower() + site[1:]
    return site


def _place(record: dict[str, Any], site: str | None, digest: bool) -> str:
    """' in Soje': the first land place the site does not already name; none from a digest,
    whose places come from all its lines."""
    if digest or (site and " in " in site):  # a digest's places are all its lines'; the site names its own
        return ""
    places = [p for p in record.get("places") or [] if isinstance(p, str)]
    if site and any(p.casefold() in site.casefold() for p in places):
        return ""  # "the cemetery on Mt Taesong" is placed already; another place would misplace it
    if site and record.get("type") != "inspection":
        # an occasion's places are often where it was for ("the brigade's departure for North Phyongan
        # Province" at a plaza in Pyongyang): only one its own sentence says it was in places it
        evidence = record.get("evidence") or ""
        places = [p for p in places if re.search(rf"\b(?:in|at) (?:the )?{re.escape(p)}\b", evidence)]
        return f" in {places[0]}" if places and not _SEAS.search(places[0]) else ""
    for place in record.get("places") or []:
        if place == "Pyongyang" and site is None:
            continue  # the dateline's city, not necessarily where he was
        if _SEAS.search(place):
            continue
        return f" in {place}"
    return ""


def action(record: dict[str, Any], site: str | None, digest: bool = False, title: str | None = None) -> str:
    """What he did, as a verb phrase: 'oversaw a test of the 600mm MRL',
    'inspected the training base of the special operation forces in Soje'."""
    site = _mid_sentence(site)
    kinds = [record.get("type") or "other", *(r.get("type") or "other" for r in record.get("also") or [])]
    kind = kinds[0]
    at = f" at {site}" if site else ""
    place = _place(record, site, digest)
    arms = _weapons(record)
    if kind == "weapons_test" and "satellite" in (record.get("weapons") or []):
        phrase = wording.satellite_launch(arms)
    elif kind == "weapons_test":
        phrase = f"oversaw a test of {arms}" if arms else "oversaw a weapons test"
    elif kind == "military_exercise":
        phrase = f"watched a drill involving {arms}" if arms else "watched a military drill"
        phrase += at + place
    elif kind == "inspection":
        verb = _VISIT_VERBS.get(record.get("sector") or "", "inspected")
        phrase = f"{verb} {site}{place}" if site else ("gave field guidance" + place)
    elif kind == "diplomacy":
        met = wording.listing(names(record, "met", "received")[:MAX_NAMES])
        phrase = f"met {met}" if met else "held talks with a foreign delegation"
    elif kind == "meeting":
        named = _named_meeting(record)
        # ("attended the last session of the congress at the April 25 House of Culture": its place said once)
        phrase = (named or "took part in a meeting") + ("" if site and named and site in named else at + place)
    elif kind == "speech":
        phrase = "made a speech" + at + place
    elif kind in ("ceremony", "commemoration"):
        named = _named_ceremony(record) if kind == "ceremony" else ""
        if kind == "ceremony" and not named and title and _PARADE_HEADLINE.search(title):
            named = "the military parade"  # "appeared at the tribune" under "Military Parade Held ..."
        phrase = f"attended {named or 'a ' + kind}" + at + place
    elif kind == "cultural_event":
        noun = "a performance" if "performance" in (record.get("evidence") or "") else "a cultural event"
        phrase = f"watched {noun}" + at + place
    else:
        phrase = _other_action(record.get("evidence") or "") or "made a public appearance" + at + place
    if "speech" in kinds[1:]:
        phrase += " and made a speech"
    return phrase


def _named_ceremony(record: dict[str, Any]) -> str:
    """The ceremony as the dispatch names it, when it does so in a few words; else ""."""
    m = _NAMED_CEREMONY.search(record.get("evidence") or "")
    if not m or len(m.group(1).split()) > _MAX_OCCASION_WORDS:
        return ""
    return m.group(1)


# Those he met, as the dispatch names them, without what they are of (the headline says the occasion):
# "met and congratulated the leading cadres of the Party and the government" -> "the leading cadres".
_MET_GROUP = re.compile(
    r"\bmet (?:and \w+ )?((?:the )?(?:[\w'-]+ ){0,3}?(?:cadres|officials|participants|delegates|servicepersons|"
    r"commanders|scientists|workers|veterans|athletes|players|builders))\b"
)


def _named_meeting(record: dict[str, Any]) -> str:
    """His verb and the meeting, or those he met, as the dispatch names them in a few words; else ""."""
    evidence = record.get("evidence") or ""
    m = _NAMED_MEETING.search(evidence)
    if m and len(m.group(2).split()) <= _MAX_OCCASION_WORDS:
        return f"{m.group(1)} {m.group(2)}"
    met = _MET_GROUP.search(evidence)
    if met and len(met.group(1).split()) <= _MAX_OCCASION_WORDS:
        return f"met {met.group(1)}"
    return ""


def _other_action(evidence: str) -> str | None:
    """What an activity of no listed kind was, where its words say so: a written work is no appearance."""
    work = _WRITTEN_WORK.search(evidence)
    if work:
        paper = _PAPER.search(evidence)
        return f"published a {work.group(1).lower()}" + (f" in {paper.group(0)}" if paper else "")
    for pattern, phrase in _OTHER_ACTIONS:
        if pattern.search(evidence):
            return phrase
    return None


def summary(
    record: dict[str, Any], site: str | None, digest: bool, published: date | None, title: str | None = None
) -> str:
    """The item's lead sentence: who did what, where, when (``title``: the headline of its dispatch, which
    names the occasion when the sentence of his act does not: "Military Parade Held ...")."""
    time = when(record)
    if time:
        tail = f" {time}"
    elif published and digest:
        tail = f" (reported only in KCNA's news digest of {day_month(published)}, without a date)"
    elif published:
        tail = f" (reported on {day_month(published)}, without a date)"
    else:
        tail = ""
    return f"{LEADER} {action(record, site, digest, title)}{tail}."


def state_news(said: str, published: date) -> str:
    """An act of the state the leader was not reported at, in the dispatch's own words."""
    return f"KCNA reported on {day_month(published)}: “{said}”."


_HE_SAID = re.compile(r"^(?:He|Kim Jong Un)\s+((?:said|stressed|noted|emphasized|pointed out|stated)\b.+)$", re.S)


def words_reported(said: str) -> str:
    """What he said at a visit, as the dispatch reports it ("He said that ..." from its verb on: not
    "reports him saying: “He said that ...”")."""
    own = _HE_SAID.match(said)
    if own:
        return f"In the dispatch's words, he “{own.group(1)}”."
    return f"The dispatch reports him saying: “{said}”."


def speech_gist(said: str, told: bool = True) -> str:
    """His words in a speech (``told``: the item has said he made it, so "the speech"; else "a speech")."""
    article = "the" if told else "a"
    own = _HE_SAID.match(said)  # a report of the speech: "He said that ..." quoted from its verb on
    if own:
        return f"In {article} speech, he “{own.group(1)}”."
    return f"In {article} speech he said: “{said}”."


def occasion(name: str) -> str:
    """The occasion a headline names, as a sentence: "It marked the 79th founding anniversary of the WPK"."""
    shown = " ".join(w.lower() if w.lower() in _OCCASION_WORDS else w for w in name.split())
    return f"It marked the {shown}."


_OCCASION_WORDS = frozenset({"founding", "anniversary", "birthday", "day", "of", "the", "national", "victory"})


def added(said: str) -> str:
    """A further sentence of the same dispatch, quoted."""
    return f"It added: “{said}”."


_PHOTO_NOTE = re.compile(r"\s*\((?:photos?|video) accompanied\)\s*$", re.I)


def digest_quote(line: str) -> str:
    """A line of a news digest as a quotation: without its dash and "(photo accompanied)"."""
    return trim_quote(_PHOTO_NOTE.sub("", line).lstrip("-–\\ "))


def headline(title: str) -> str:
    return f"KCNA headed its report “{repair(title)}”."


def gathered(kind: str, records: list[dict[str, Any]], again: bool = False) -> str:
    """One sentence for the routine activities of a kind: how many, and the first few names;
    ``again``: a further sentence of the same item, which says "He" and "also"."""
    text = _gathered(kind, records)
    return text.replace(f"{LEADER} ", "He also ", 1) if again and text.startswith(LEADER) else text


def _gathered(kind: str, records: list[dict[str, Any]]) -> str:
    n = len(records)
    if kind == "messages_received":
        people = _names_of(records, "sender", "met", "received")
        if n == 1:
            return f"{LEADER} received a message" + (f" from {people[0]}." if people else ".")
        return f"{LEADER} received {n} messages and greetings" + _among(people, "from") + "."
    if kind == "messages_sent":
        people = _names_of(records, "recipient")
        if n == 1:
            return f"{LEADER} sent a message" + (f" to {people[0]}." if people else ".")
        return f"{LEADER} sent {n} messages" + _among(people, "to") + "."
    people = _names_of(records, "recipient", "received", "met", "present")
    spreads = sum("birthday spread" in (r.get("evidence") or "") for r in records)
    what = "birthday spreads and gifts" if spreads and spreads < n else "birthday spreads" if spreads else "gifts"
    if n == 1:
        what = "a birthday spread" if spreads else "gifts"
        return f"{LEADER} sent {what}" + (f" to {people[0]}." if people else ".")
    return f"{LEADER} sent {what} on {n} occasions" + _among(people, "to") + "."


def _names_of(records: list[dict[str, Any]], *roles: str) -> list[str]:
    return list(dict.fromkeys(name for r in records for name in names(r, *roles)))


def _among(people: list[str], preposition: str) -> str:
    if not people:
        return ""
    return f", among them {preposition} {wording.listing(people[:MAX_NAMES])}"


def where_and_when(record: dict[str, Any], site: str | None, published: date | None) -> str:
    """'The visit took place at X on 11 September.' and its variants."""
    site = _mid_sentence(site)
    noun = _EVENT_NOUNS.get(record.get("type") or "other", "activity")
    time = when(record)
    if site and time:
        return f"The {noun} took place at {site} {time}."
    if site:
        day = f"; the dispatch of {day_month(published)} gives no date" if published else ""
        return f"The {noun} took place at {site}{day}."
    if time:
        return f"The {noun} took place {time}."
    return f"The dispatch of {day_month(published)} gives no date for it." if published else "No date is given."


def companions(record: dict[str, Any]) -> str | None:
    """'He was accompanied by A, title, and B, title.' — the first named, who are the most senior."""
    people = [p for p in record.get("people") or [] if p.get("role") == "accompanied" and p["name"] not in LEADER]
    if not people:
        return None
    shown = [p["name"] + (f" ({_short_title(p['title'])})" if p.get("title") else "") for p in people[:MAX_NAMES]]
    more = len({p["name"] for p in people}) - len(shown)
    rest = f", with {more} other {'official' if more == 1 else 'officials'}" if more > 0 else ""
    if record.get("type") in ("meeting", "ceremony"):
        return f"Present were {wording.listing(shown)}{rest}."  # those at a meeting did not come with him
    return f"He was accompanied by {wording.listing(shown)}{rest}."


def _short_title(title: str) -> str:
    words = title.split()
    return " ".join(words[:10]) + (" …" if len(words) > 10 else "")


def met(record: dict[str, Any]) -> str | None:
    people = names(record, "met", "received")
    if not people or record.get("type") == "diplomacy":
        return None
    return f"He met {wording.listing(people[:MAX_NAMES])}."


def said(text: str, verbatim_verb: bool) -> str:
    """A quotation of his words or of what he did, trimmed to its core."""
    core = trim_quote(text)
    if verbatim_verb:  # a verdict or task begins with its verb: "stressed the need to ..."
        return f"In the dispatch's words, he “{core}”."
    return f"The dispatch reports: “{core}”."


def weapons(record: dict[str, Any]) -> str | None:
    designations = list(dict.fromkeys(record.get("designations") or []))
    arms = [f"the {d}" for d in designations] + [w for w in wording.weapon_words(record) if w not in designations]
    if not arms:
        return None
    return f"The dispatch mentions {wording.listing(arms[:5])}."


def first_appearance(name: str) -> str:
    return f"The archive holds no earlier mention of the {name.removeprefix('the ')}."


def recalled(reference: dict[str, Any]) -> str:
    """'The dispatch recalls an earlier occasion, in May 2014: “…”': the date as precise as the dispatch
    gives it, and the words of its sentence."""
    earlier = _date(reference.get("date"))
    told = reference.get("text") or ""
    text = trim_quote(reference.get("sentence") or told, 25)
    if earlier and not re.search(r"\b\d{1,2}\b", told):
        return f"The dispatch recalls an earlier occasion, in {repair(told)}: “{text}”."  # "May 2014": no day
    if earlier:
        return f"The dispatch recalls an earlier occasion, on {wording.day_text(earlier)}: “{text}”."
    return f"The dispatch recalls an earlier occasion: “{text}”."


def digest_line(said: str, published: date | None) -> str:
    """A news digest's line on the activity that says more than the item (where exactly he went)."""
    of_day = f" of {day_month(published)}" if published else ""
    return f"KCNA's news digest{of_day} has: “{said}”."


def other_reports(count: int, title: str | None, published: date | None) -> str:
    which = "KCNA's news digest" if is_digest(title) else f"“{repair(title)}”" if title else "another dispatch"
    of_day = f" of {day_month(published)}" if published else ""
    if count == 1:
        return f"It is also reported in {which}{of_day}."
    return f"{count} other documents report it too, among them {which}{of_day}."


def absence(days: int, last: date) -> str:
    return f"It was his first public appearance reported in {days} days, the last having been on {day_month(last)}."


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


# The first verb of ``action`` in the present tense, for a headline.
_PRESENT = {
    "oversaw": "oversees",
    "watched": "watches",
    "inspected": "inspects",
    "gave": "gives",
    "visited": "visits",
    "met": "meets",
    "held": "holds",
    "took": "takes",
    "made": "makes",
    "attended": "attends",
    "guided": "guides",
    "presided": "presides",
    "convened": "convenes",
    "published": "publishes",
    "sent": "sends",
    "received": "receives",
}
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def number_word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def present(phrase: str) -> str:
    """'inspected a factory' -> 'inspects a factory'; 'and made a speech' -> 'and makes a speech' too."""
    verb, _, rest = phrase.partition(" ")
    text = f"{_PRESENT.get(verb, verb)} {rest}".rstrip()
    return re.sub(r"\band (\w+)\b", lambda m: f"and {_PRESENT.get(m.group(1), m.group(1))}", text)


def shortened_site(site: str, most: int) -> str | None:
    """A site of at most ``most`` words: "the training base of the special operation forces of the
    Korean People's Army" without its last "of ..." parts; None when even its head is longer."""
    words = site.split()
    while len(words) > most:
        cut = max((i for i, w in enumerate(words) if w == "of" and i > 1), default=None)
        if cut is None:
            return None
        words = words[:cut]
    return " ".join(words)


def story_headline(record: dict[str, Any], site: str | None, digest: bool, stops: int, days: int) -> str:
    """The story brief's headline from its first activity's facts: 'Kim Jong Un inspects X', or for a
    tour 'Kim Jong Un's three-day tour of four sites, beginning at X'."""
    site = _mid_sentence(site)
    if stops > 1 and days > 1:
        where = f", beginning at {site}" if site else ""
        return f"{LEADER}'s {number_word(days)}-day tour of {number_word(stops)} sites{where}"
    if stops > 1:
        where = f", beginning at {site}" if site else ""
        return f"{LEADER} visits {number_word(stops)} sites{where}"
    text = f"{LEADER} {present(action(record, site, digest))}"
    return text[0].upper() + text[1:]


def next_stop(record: dict[str, Any], site: str | None) -> str:
    """A later stop of a tour: 'He then inspected X on 5 August.'"""
    site = _mid_sentence(site)
    time = when(record)
    return f"He then {action(record, site)}{' ' + time if time else ''}."


def start_day(record: dict[str, Any]) -> date | None:
    return _date(record.get("start"))


def end_day(record: dict[str, Any]) -> date | None:
    return _date(record.get("end")) or _date(record.get("start"))
