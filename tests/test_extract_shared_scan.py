"""What a search spared must be found the same: words and titles taken from the shared scan's hits,
patterns tried only at their anchors or only in texts that hold them, give what the searches they
replace gave."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from extract_helpers import extractor
from fieldguide.extract import dates, people, text
from fieldguide.extract.anchors import Prefiltered
from fieldguide.extract.events import participants, subjects
from fieldguide.extract.places import find_places
from fieldguide.extract.text import lowercase

WORDS = st.sampled_from(
    [
        "President", "president", "Vice-President", "Prime Minister", "Minister", "of", "the", "Defence", "Putin",
        "Xi", "Jinping", "Mr.", "Dr.", "Lee", "General Secretary", "general secretary", "respected", "Comrade",
        "Kim Jong Un", "he", "He", "Marshal", "supreme leader", "head of state", "Chairman", "said", ",", ".", "\n",
        "Choe", "Ryong", "Hae", "Secretary-General", "King", "Kingdom", "Commander", "Jan.", "U.S.", "J.", "etc.",
    ]
)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join))
def test_titles_from_the_scan_are_those_finditer_finds(written: str) -> None:
    hits = extractor().scanner.scan(lowercase(written))["titles"]
    with_scan = [(m.span(), m.group(1)) for m in people._titles_before_names(written, hits)]
    assert with_scan == [(m.span(), m.group(1)) for m in people.TITLE_BEFORE_NAME.finditer(written)]


@SETTINGS
@given(st.lists(WORDS, min_size=1, max_size=40).map(" ".join))
def test_epithets_from_the_scan_are_those_a_search_finds(written: str) -> None:
    lowered = lowercase(written)
    hits = extractor().scanner.scan(lowered)["subjects"]
    sentences = text.sentences(written)
    with_scan = subjects.find_subject_words(written, lowered, sentences, hits)
    searched = subjects.find_subject_words(written, lowered, sentences)
    assert {k: [m.span() for m in v] for k, v in with_scan.items()} == {
        k: [m.span() for m in v] for k, v in searched.items()
    }


@SETTINGS
@given(st.text(alphabet="aBk.J D\n!?é-1", max_size=80))
def test_the_word_before_a_period_is_what_the_pattern_finds(written: str) -> None:
    for at, char in enumerate(written):
        if char in ".!?":
            m = text._WORD_BEFORE.search(written, max(0, at - text._LOOK_BACK), at + 1)
            assert text._word_before(written, at) == (m.group(1) if m else "")


EVENT_WORDS = st.sampled_from(
    [
        "Kim Jong Un", "was", "were", "accompanied", "by", "him", "accompanying", "Present", "present", "there",
        "Also", "on hand", "greeted", "welcomed", "received", "at", "the", "airport", "meeting", "ceremony",
        "performance", "wreath", "memorial", "He", "satisfaction", "expressed", "great", "stressed", "need", "to",
        "tasks", "set", "forth", "Mausoleum", "concert", "parade", ",", ".", "\n", "ſ", "Ceremony",
    ]
)


@SETTINGS
@given(st.lists(EVENT_WORDS, min_size=1, max_size=30).map(" ".join))
def test_a_prefiltered_pattern_finds_what_the_pattern_finds(written: str) -> None:
    for pattern in (participants.ACCOMPANIED, participants.GREETED):
        found = Prefiltered(pattern).search(written)
        expected = pattern.search(written)
        assert (found and found.span()) == (expected and expected.span())


@SETTINGS
@given(st.lists(EVENT_WORDS, min_size=1, max_size=30).map(" ".join))
def test_the_venue_type_is_that_of_the_noun_written_first(written: str) -> None:
    rules = extractor().rules
    best: tuple[int, str] | None = None
    for etype, pattern in rules.venue_nouns:
        m = pattern.search(written)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), etype)
    assert rules.venue_type(written) == (best[1] if best else None)


@SETTINGS
@given(st.lists(EVENT_WORDS, min_size=1, max_size=30).map(" ".join))
def test_a_rule_searched_at_its_anchors_finds_what_a_search_finds(written: str) -> None:
    rules = extractor().rules
    sentences = text.sentences(written)
    live = rules.live(lowercase(written), sentences)
    for sentence in sentences:
        for pattern in (*(p for _, p in rules.verdicts), rules.tasks, rules.attendance):
            if live(pattern, sentence):
                found = live.search(pattern, sentence)
                expected = pattern.search(sentence.text)
                assert (found and found.span()) == (expected and expected.span())


PLACE_TEXT = st.sampled_from(
    [
        "Mt", "Paektu", "Mount", "Kumgang", "East", "Sea", "of Korea", "Kuthan", "and", "Yaksan", "farms", "areas",
        "Taechong", "Co-operative", "Farm", "Mine", "Fishery", "Kuksabong", "Revolutionary", "Battle", "Site",
        "Secret", "Camp", "Temporary", "South Phyongan", "North", "Hwanghae", "provinces", "counties", "cities",
        "Songhwa", "County", "Sinuiju", "City", "Hamhung", "Taegam-ri", "in", "the", "visited", ",", ".", "\n",
        "FARMS", "mt", "Workers' District", "District", "Island", "Islands", "Bay", "River", "Peak", "speak",
        "passed", "Pass", "Valley", "Falls", "Mines", "Fisheries Station", "Cityscape",
    ]
)


@SETTINGS
@given(st.lists(PLACE_TEXT, min_size=1, max_size=40).map(" ".join))
def test_places_found_with_the_shared_scan_are_those_found_without(written: str) -> None:
    lowered = lowercase(written)
    hits = extractor().scanner.scan(lowered)
    gazetteer = extractor().gazetteer
    with_scan = find_places(written, gazetteer, None, lowered, hits["places"], hits["place words"])
    without = find_places(written, gazetteer, None, lowered, hits["places"])
    assert [(m.span, m.canonical, m.attrs) for m in with_scan] == [(m.span, m.canonical, m.attrs) for m in without]


DATE_TEXT = st.sampled_from(
    [
        "Jan", "January", "JAN", "jan", "Feb.", "March", "Marshal", "May", "may", "MAYear", "Juche", "June", "Jul",
        "Aug", "Sep", "Oct", "Nov", "Dec", "December", "decided", "18", "19", "20", "2019", "1920", "120", "1820",
        "day", "today", "Sunday", "days", "DAY", "year", "years", "Mayday", "month", "monthly", "the", "on", "5th",
        "of", "previous", ",", ".", "\n", "Ma", "da", "mon",
    ]
)


@SETTINGS
@example("Mayear, the dayear 2019 Juche 113")  # triggers that overlap: the first is taken
@given(st.lists(st.tuples(DATE_TEXT, st.sampled_from(["", " "])), min_size=1, max_size=30).map(
    lambda words: "".join(w + sep for w, sep in words)
))
def test_date_triggers_from_the_scan_are_those_the_pattern_finds(written: str) -> None:
    hits = extractor().scanner.scan(lowercase(written))["dates"]
    assert dates._triggers(written, hits) == dates._triggers(written)
