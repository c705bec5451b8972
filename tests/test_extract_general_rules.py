"""General rules of event extraction written from dev errors, each shown on a dispatch written for the test."""

from __future__ import annotations

from extract_helpers import leader_events, run


def test_a_visit_made_to_express_condolences_is_a_commemoration() -> None:
    x = run(
        "Pyongyang, March 9 (KCNA) -- Kim Jong Un, chairman of the State Affairs Commission, visited the Lao "
        "embassy in Pyongyang on Saturday to express deep condolences over the death of the former president.",
        published="2017-03-09",
    )
    assert leader_events(x) == [("commemoration", "2017-03-04", "2017-03-04")]
    assert x.events[0].sites == ["the Lao embassy in Pyongyang"]


def test_a_visit_made_to_learn_stays_an_inspection() -> None:
    x = run(
        "Pyongyang, March 9 (KCNA) -- Kim Jong Un visited the Ryongsong Machine Complex on Saturday to learn "
        "about its production.",
        published="2017-03-09",
    )
    assert [t for t, _, _ in leader_events(x)] == ["inspection"]


def test_in_his_speech_at_an_attended_ceremony_is_a_speech_of_that_day() -> None:
    x = run(
        "Pyongyang, June 3 (KCNA) -- A ceremony for completing the Unha Fishery Base took place on Monday.\n"
        "Kim Jong Un, general secretary of the WPK, attended the ceremony.\n"
        "In his speech, the respected Comrade Kim Jong Un said that the base would supply fish to the people.",
        published="2025-06-03",
    )
    day = ("2025-06-02", "2025-06-02")
    assert sorted(leader_events(x)) == [("ceremony", *day), ("speech", *day)]


def test_in_his_speech_without_an_occasion_he_attended_is_no_event() -> None:
    x = run(
        "Pyongyang, June 3 (KCNA) -- Workers of the Unha Fishery Base are stepping up fishing.\n"
        "In his speech, the respected Comrade Kim Jong Un said that fish should be supplied to the people.",
        published="2025-06-03",
    )
    assert leader_events(x) == []
