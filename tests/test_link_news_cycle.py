"""A report on a run of statements (one a day) is linked to each of them: further links are taken from
the news cycle of the first (best) link, a day either side of it, not of the link found last."""

from __future__ import annotations

from datetime import date
from typing import Any

from extract_helpers import extractor
from fieldguide.link.reports import link_report
from fieldguide.model import Document


def _dispatch(doc_id: str, day: str, title: str, text: str) -> Document:
    return Document(id=doc_id, text=text, title=title, published=date.fromisoformat(day), source="KCNA")


def _linked(report: Document, dispatches: list[Document]) -> list[str]:
    """The ids of the dispatches the report is linked to, sorted."""
    x = extractor()
    return sorted(link.id for link in link_report(report, x(report), [(d, x(d)) for d in dispatches]))


def test_statements_of_the_day_before_and_after_the_first_link_are_all_linked() -> None:
    dispatches = [
        _dispatch("st-1", "2031-03-10", "Grave Warning of DPRK Foreign Ministry",
                  "Pyongyang, March 10 (KCNA) -- The DPRK Foreign Ministry issued a grave warning. It said that the "
                  "gliding kites sent over the capital are a blatant provocation and that the safety catch is "
                  "released."),
        _dispatch("st-2", "2031-03-11", "Press Statement of Kim Yo Jong",
                  "Pyongyang, March 11 (KCNA) -- Kim Yo Jong, vice department director, issued a press statement. "
                  "She said that the kite flyers will pay dearly and that the next kite will meet a fiery storm of "
                  "retaliation without any notice."),
        _dispatch("st-3", "2031-03-12", "Second Press Statement of Kim Yo Jong",
                  "Pyongyang, March 12 (KCNA) -- Kim Yo Jong issued another press statement. She said that the "
                  "military scoundrels must answer for the kites and that silence will be taken as a confession "
                  "of guilt."),
        _dispatch("other", "2031-03-12", "Bumper Harvest of Spring Barley",
                  "Pyongyang, March 12 (KCNA) -- Farms in South Hwanghae Province are reaping spring barley."),
    ]
    report = Document(
        id="rep-kites", source="Wire", title="North Korea warns over kites", published=date(2031, 3, 12),
        text=(
            "SEOUL, March 12 -- North Korea's foreign ministry said on Monday the \"safety catch is released\" "
            "after kites flew over Pyongyang, state media KCNA reported. Kim Yo Jong said on Tuesday that \"the "
            "kite flyers will pay dearly\" and that the next kite would meet \"a fiery storm of retaliation\" "
            "and on Wednesday that \"silence will be taken as a confession of guilt\", according to KCNA."
        ),
    )
    assert _linked(report, dispatches) == ["st-1", "st-2", "st-3"]


def test_a_roundup_of_the_week_links_a_dispatch_three_days_off_only_on_strong_evidence_of_its_own() -> None:
    dispatches = [
        _dispatch("flood", "2031-09-11", "Kim Jong Un Visits Flood-hit Hoeryong",
                  "Pyongyang, September 11 (KCNA) -- Kim Jong Un visited the flood-hit areas of Hoeryong City, "
                  "where 130 people died and 35 500 houses were destroyed along the Tuman River."),
        _dispatch("test", "2031-09-08", "Nuclear Weapons Institute Conducts Warhead Test",
                  "Pyongyang, September 8 (KCNA) -- The Nuclear Weapons Institute conducted an explosion test of a "
                  "standardized nuclear warhead. It said that the country can produce \"as many as it wants\" of "
                  "such warheads."),
        _dispatch("farm", "2031-09-08", "Harvest of Early Maize",
                  "Pyongyang, September 8 (KCNA) -- Farms in Hoeryong City are reaping early maize."),
    ]
    report = Document(
        id="rep-week", source="Wire", title="North Korea admits flood deaths days after nuclear test",
        published=date(2031, 9, 11),
        text=(
            "SEOUL, Sept. 11 -- North Korean leader Kim Jong Un visited flood-hit Hoeryong, where 130 people died "
            "and 35,500 houses were destroyed along the Tumen River, state media KCNA said. The visit came three "
            "days after the Nuclear Weapons Institute said it had tested a standardized nuclear warhead and "
            "could make \"as many as it wants\", according to KCNA."
        ),
    )
    assert _linked(report, dispatches) == ["flood", "test"]


def test_a_dispatch_of_the_week_before_joins_a_roundup_but_is_never_a_first_link() -> None:
    visit = _dispatch("visit", "2031-03-28", "Kim Jong Un Guides Work at Weapons Institute",
                      "Pyongyang, March 28 (KCNA) -- Kim Jong Un guided the work at the Weapons Institute and looked "
                      "round the new-type tactical warheads Hwasan-31 on Monday.")
    drone = _dispatch("drone", "2031-03-24", "Underwater Attack Drone Haeil Tested",
                      "Pyongyang, March 24 (KCNA) -- The new underwater nuclear attack drone Haeil was tested in the "
                      "East Sea after cruising 80 hours and 17 minutes, under the guidance of Kim Jong Un.")
    roundup = Document(
        id="rep-roundup", source="Wire", title="North Korea shows new warheads after underwater drone test",
        published=date(2031, 3, 29),
        text=(
            "SEOUL, March 29 -- North Korea showed its new Hwasan-31 tactical warheads as Kim Jong Un guided work "
            "at the Weapons Institute, KCNA said. Days earlier KCNA said the underwater drone Haeil had cruised "
            "for 80 hours and 17 minutes before the test in the East Sea."
        ),
    )
    assert _linked(roundup, [visit, drone]) == ["drone", "visit"]
    alone = Document(
        id="rep-drone", source="Wire", title="Underwater drone Haeil", published=date(2031, 3, 29),
        text="SEOUL, March 29 -- KCNA said the underwater drone Haeil had cruised for 80 hours and 17 minutes.",
    )
    assert _linked(alone, [drone]) == []  # five days before it: not its own news


def test_a_flash_report_of_a_launch_links_the_next_days_dispatch_on_the_test() -> None:
    test = _dispatch("icbm", "2031-07-13", "Kim Jong Un Oversees Test-fire of ICBM Hwasongpho-18",
                     "Pyongyang, July 13 (KCNA) -- A test-fire of the ICBM Hwasongpho-18 was conducted on July 12 "
                     "under the guidance of Kim Jong Un. The missile flew 1 001 km for 4 491 seconds.")
    other = _dispatch("farm", "2031-07-13", "Wheat Harvest Ends", "Pyongyang, July 13 (KCNA) -- Farms ended reaping.")
    flash = Document(
        id="rep-flash", source="Wire", title="North Korea fires ICBM-class missile", published=date(2031, 7, 12),
        text=(
            "SEOUL, July 12 -- North Korea fired an ICBM, a Hwasong-18 by its look, into the East Sea on Wednesday "
            "morning, South Korea's Joint Chiefs of Staff said. It flew about 1,000 km for 74 minutes."
        ),
    )
    assert _linked(flash, [test, other]) == ["icbm"]


def test_a_flash_report_links_the_next_days_dispatch_that_leaves_the_test_undated() -> None:
    test = _dispatch("mrl", "2031-09-13", "Kim Jong Un Oversees Test-fire of 600mm Multiple Rocket Launcher",
                     "Pyongyang, September 13 (KCNA) -- Kim Jong Un oversaw a test-fire of the new-type 600mm "
                     "multiple rocket launcher. The shells hit an island target 130 km away.")
    other = _dispatch("farm", "2031-09-13", "Rice Harvest Begins", "Pyongyang, September 13 (KCNA) -- Farms began.")
    flash = Document(
        id="rep-flash-2", source="Wire", title="North Korea fires short-range ballistic missiles",
        published=date(2031, 9, 12),
        text=(
            "SEOUL, Sept. 12 -- North Korea fired several short-range ballistic missiles, shells of its 600mm "
            "multiple rocket launcher by their look, into the East Sea on Thursday morning, South Korea's Joint "
            "Chiefs of Staff said. They flew about 360 km."
        ),
    )
    assert _linked(flash, [test, other]) == ["mrl"]


def test_a_strong_dispatch_of_the_news_cycle_needs_less_of_its_own_beyond_the_first_link() -> None:
    from types import SimpleNamespace

    from fieldguide.link import reports

    first_day = date(2024, 11, 1)

    def scored(doc_id: str, day: date, specific: float) -> Any:
        return SimpleNamespace(candidate=SimpleNamespace(id=doc_id, published=day), specific=specific, total=specific)

    statement = scored("statement", date(2024, 10, 31), 2.4)  # between the two bars
    # strong on its own (twice the threshold) before the first link explained most of it: linked
    assert reports._next_link([statement], reports.THRESHOLD, first_day, {"statement": 10.3}) is statement
    # weak on its own: the usual bar holds
    assert reports._next_link([statement], reports.THRESHOLD, first_day, {"statement": 6.0}) is None
    # a week before: a roundup's bar, strong or not
    old = scored("old", date(2024, 10, 27), 2.4)
    assert reports._next_link([old], reports.THRESHOLD, first_day, {"old": 12.0}) is None
