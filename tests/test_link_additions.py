"""What the press added: claims of a linked report that its dispatch does not support."""

from __future__ import annotations

from datetime import date

from fieldguide.extract.pipeline import Extractor
from fieldguide.kb import load
from fieldguide.link.additions import press_additions
from fieldguide.model import Document

EXTRACTOR = Extractor(load())

DISPATCH = Document(
    id="kcna-test-drill",
    title="Kim Jong Un Observes Firing Drill of Super-large MRL Sub-units",
    published=date(2024, 5, 31),
    source="KCNA",
    text=(
        "Pyongyang, May 31 (KCNA) -- Kim Jong Un observed on Thursday a firing drill of the 600mm "
        "super-large multiple rocket launcher sub-units of the Korean People's Army.\n"
        "Eighteen rounds were fired at an island target in the West Sea of Korea.\n"
        "He was accompanied by Ri Yong Gil, chief of the General Staff of the KPA."
    ),
)
REPORT = Document(
    id="wire-test-drill",
    kind="report",
    published=date(2024, 5, 31),
    source="Harbour Wire (invented)",
    text=(
        "North Korean leader Kim Jong-un oversaw a drill of 600-mm rocket launchers on Thursday, KCNA said.\n"
        "He was accompanied by Ri Yong-gil and by Pak Jong Chon, a secretary of the party.\n"
        "South Korea's military said about 18 short-range ballistic missiles flew some 350 km "
        "from the Sunan area on May 30."
    ),
)


def _additions() -> list[dict]:
    return [a.to_json() for a in press_additions(REPORT, EXTRACTOR(REPORT), DISPATCH, EXTRACTOR(DISPATCH))]


def test_claims_the_dispatch_never_made_are_listed_with_the_reports_words_and_span() -> None:
    found = _additions()
    texts = {(a["kind"], a["report"]["text"]) for a in found}
    assert ("name", "Pak Jong Chon") in texts
    assert ("number", "350 km") in texts
    assert ("place", "Sunan") in texts
    assert ("weapon", "short-range ballistic missiles") in texts
    for a in found:
        start, end = a["report"]["span"]
        assert REPORT.text[start:end] == a["report"]["text"]


def test_what_the_dispatch_supports_is_not_an_addition() -> None:
    texts = {a["report"]["text"] for a in _additions()}
    # The calibre, the date of the drill, the leader and the official named in both are the dispatch's own.
    assert not texts & {"600-mm", "Thursday", "Kim Jong-un", "Ri Yong-gil", "May 30"}


def test_the_dispatchs_closest_words_stand_beside_each_addition_or_none() -> None:
    for a in _additions():
        if a["dispatch"] is not None:
            start, end = a["dispatch"]["span"]
            assert DISPATCH.text[start:end] == a["dispatch"]["text"]
    by_text = {a["report"]["text"]: a for a in _additions()}
    assert by_text["350 km"]["dispatch"] is None  # the dispatch gives no distance at all


def test_a_report_that_only_repeats_the_dispatch_adds_nothing() -> None:
    echo = Document(
        id="echo",
        kind="report",
        published=date(2024, 5, 31),
        text=(
            "Kim Jong Un observed a firing drill of 600mm multiple rocket launchers, "
            "accompanied by Ri Yong Gil, KCNA said."
        ),
    )
    assert press_additions(echo, EXTRACTOR(echo), DISPATCH, EXTRACTOR(DISPATCH)) == []


FACTORY = Document(
    id="kcna-test-factory",
    title="Kim Jong Un Inspects Munitions Factory",
    published=date(2024, 8, 2),
    source="KCNA",
    text=(
        "Pyongyang, August 2 (KCNA) -- Kim Jong Un inspected a munitions factory.\n"
        "He was accompanied by Jo Yong Won, secretary of the WPK Central Committee, and Ri Yong Gil."
    ),
)


def _names_beside(report_text: str) -> dict[str, str | None]:
    report = Document(id="wire-factory", kind="report", published=date(2024, 8, 2), text=report_text)
    found = press_additions(report, EXTRACTOR(report), FACTORY, EXTRACTOR(FACTORY))
    return {a.text: a.dispatch_text for a in found if a.kind == "name"}


def test_a_name_is_set_beside_a_person_of_a_similar_name_never_beside_the_leader() -> None:
    beside = _names_beside(
        "North Korean leader Kim Jong Un inspected a munitions factory, accompanied by Kang Pong Hun "
        "and Kim Tok Hun, and by Ri Yong Sik."
    )
    # letters alike are not a person alike: the leader is no one's closest words, nor is Jo Yong Won
    assert beside["Kang Pong Hun"] is None and beside["Kim Tok Hun"] is None
    assert beside["Ri Yong Sik"] == "Ri Yong Gil"  # the same surname and given names alike
