"""What the shared scan spares must be found the same: words and titles taken from the scan's hits
give what the searches they replace gave."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract_helpers import extractor
from fieldguide.extract import people, text
from fieldguide.extract.events import subjects
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
