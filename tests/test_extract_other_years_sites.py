"""Where an activity of the whole Kim Jong Un era (2012-2025) took place: dispatches written for the tests in the
styles of their years, with tours, launch places, halls and grounds."""

from __future__ import annotations

from extract_helpers import leader_events, run


def test_went_to_names_its_sites_after_the_verb_a_publishing_house_too() -> None:
    x = run(
        "Pyongyang, May 14 (KCNA) -- Kim Jong Un inspected the Chongchon River Hydroelectric Power Station.\n"
        "Then he went to the Kaesong Children's Publishing House and looked round its printing shop.\n"
        "He also went to the Sinpho Fishing Port area and the bathing beach of Majon in Hamhung.",
        published="2016-05-14",
    )
    sites = [e.sites for e in x.events if e.actor == "Kim Jong Un"]
    assert sites == [
        ["the Chongchon River Hydroelectric Power Station"],
        ["the Kaesong Children's Publishing House"],
        ["the Sinpho Fishing Port area"],
        ["the bathing beach of Majon in Hamhung"],
    ]


def test_he_watched_the_parade_that_took_place_the_next_day() -> None:
    x = run(
        "Pyongyang, April 16 (KCNA) -- Kim Jong Un visited the Mansudae Art Studio on Friday.\n"
        "The next day a military parade was held at Kim Il Sung Square.\n"
        "The respected Marshal watched the parade from the platform.",
        published="2017-04-16",
    )
    assert leader_events(x) == [("inspection", "2017-04-14", "2017-04-14"), ("ceremony", "2017-04-15", "2017-04-15")]


def test_a_date_in_a_clause_of_what_a_hall_once_saw_does_not_date_his_visit() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un inspected the coastal defence post.\n"
        "Looking round the hall where the treaty was signed in July 1961, he praised the guards.",
        published="2013-05-09",
    )
    assert leader_events(x) == [("inspection", None, None)]  # not a visit of 1961, recalled


def test_the_place_a_test_he_guided_was_conducted_at_is_its_site() -> None:
    x = run(
        "Pyongyang, December 16 (KCNA) -- The first ground test of a new motor was successfully conducted at the "
        "Sohae Satellite Launching Ground on Thursday.\n"
        "Kim Jong Un guided the test on the spot.",
        published="2031-12-16",
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [["the Sohae Satellite Launching Ground"]]


def test_a_named_place_he_went_to_after_a_ceremony_is_another_visit() -> None:
    x = run(
        "Pyongyang, April 11 (KCNA) -- Kim Jong Un attended the ceremony for the completion of the Ryongsong "
        "Machine Complex on Thursday.\n"
        "He cut the tape and looked round the workshops.\n"
        "He went to the Hamhung Grand Theatre, where he learned about its renovation.",
        published="2019-04-11",
    )
    assert [t for t, _, _ in leader_events(x)] == ["ceremony", "inspection"]
    assert x.events[-1].sites == ["the Hamhung Grand Theatre"]


def test_a_basket_from_him_laid_elsewhere_the_day_of_his_visit_to_a_cemetery_is_a_message() -> None:
    x = run(
        "Pyongyang, October 26 (KCNA) -- Kim Jong Un visited the Revolutionary Martyrs Cemetery on Mt Taesong on "
        "Sunday and paid silent tribute to the martyrs.\n"
        "A wreath from Kim Jong Un was laid at the bust of each martyr.\n"
        "The same day, a floral basket from Kim Jong Un was laid at the Tomb of the Unknown Soldiers in Hoechang "
        "County.",
        published="2020-10-26",
    )
    assert [(e.type, e.sites) for e in x.events if e.actor == "Kim Jong Un"] == [
        ("commemoration", ["the Revolutionary Martyrs Cemetery on Mt Taesong"]),
        ("message_sent", ["the Tomb of the Unknown Soldiers in Hoechang County"]),
    ]


def test_the_same_day_he_visited_another_factory_is_another_visit() -> None:
    x = run(
        "Pyongyang, July 6 (KCNA) -- Kim Jong Un gave field guidance to the Kangso Mineral Water Factory on "
        "Saturday.\n"
        "He said that the factory should produce more.\n"
        "The same day he visited the Taedonggang Beer Factory.",
        published="2014-07-06",
    )
    assert leader_events(x) == [("inspection", "2014-07-05", "2014-07-05"), ("inspection", "2014-07-05", "2014-07-05")]


def test_the_supreme_leader_opening_a_sentence_visited_an_embassy_to_mourn() -> None:
    x = run(
        "Pyongyang, December 2 (KCNA) -- Kim Jong Un sent a message of condolence to the president of Laos.\n"
        "The supreme leader visited the Lao embassy in Pyongyang on Thursday to express condolences over the death "
        "of the former president.",
        published="2021-12-02",
    )
    assert ("commemoration", "2021-12-02", "2021-12-02") in leader_events(x)


def test_the_supreme_commander_opening_a_sentence_also_visited_another_place() -> None:
    x = run(
        "Pyongyang, July 28 (KCNA) -- Kim Jong Un, supreme commander of the KPA, attended the ceremony for the "
        "completion of the Sinchon Museum on Thursday.\n"
        "The supreme commander also visited the Sinchon Orchard the next day.",
        published="2015-07-28",
    )
    assert leader_events(x)[-1] == ("inspection", "2015-07-24", "2015-07-24")


def test_the_day_people_recall_when_he_visited_them_is_a_memory_not_a_visit() -> None:
    x = run(
        "Pyongyang, March 3 (KCNA) -- The workers of the Kangson Steel Complex still recall with emotion the day "
        "when the respected Marshal Kim Jong Un visited their workshop.",
        published="2016-03-03",
    )
    assert leader_events(x) == []


def test_an_occasion_held_at_a_hall_in_the_lead_gives_his_part_in_it_its_site() -> None:
    x = run(
        "Pyongyang, May 10 (KCNA) -- The Eighth Congress of Writers, held at the April 25 House of Culture from May "
        "6 to 9, closed.\n"
        "The congress was guided by Kim Jong Un.",
        published="2031-05-10",
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [["the April 25 House of Culture"]]


def test_a_satellite_launched_by_a_carrier_rocket_at_a_named_ground_has_that_site() -> None:
    x = run(
        "Pyongyang, November 22 (KCNA) -- The administration successfully launched the reconnaissance satellite "
        "Malligyong-1 by the new-type carrier rocket Chollima-1 at the Sohae Satellite Launching Ground on "
        "November 21.\n"
        "Kim Jong Un watched the launch on the spot.",
        published="2030-11-22",
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [["the Sohae Satellite Launching Ground"]]


def test_his_vote_for_a_candidate_at_a_polling_station_is_dated_and_placed() -> None:
    x = run(
        "Pyongyang, March 10 (KCNA) -- Kim Jong Un cast his vote for a candidate for deputy at a polling station "
        "of Sub-constituency No. 8 on Sunday.",
        published="2030-03-10",
    )
    assert [(e.type, str(e.start), e.sites) for e in x.events] == [
        ("other", "2030-03-10", ["a polling station of Sub-constituency No. 8"])
    ]


def test_a_delegation_he_met_is_diplomacy_dated_by_the_sentence_that_tells_when_the_meeting_took_place() -> None:
    x = run(
        "Pyongyang, July 27 (KCNA) -- Kim Jong Un met the party and government delegation of China led by Li Wei, "
        "vice-president of China.\n"
        "Li Wei handed over a gift.\n"
        "There was a friendly talk between them.\n"
        "The meeting took place on Friday.",
        published="2030-07-27",
    )
    assert leader_events(x) == [("diplomacy", "2030-07-26", "2030-07-26")]


def test_a_place_he_dropped_in_at_on_his_way_back_is_another_visit() -> None:
    x = run(
        "Pyongyang, August 18 (KCNA) -- Kim Jong Un inspected the construction site of the Masikryong Ski Resort "
        "on Saturday.\n"
        "On his way back he dropped in at the Songdowon International Children's Union Camp in Wonsan.",
        published="2030-08-18",
    )
    assert [e.sites for e in x.events] == [
        ["the construction site of the Masikryong Ski Resort"],
        ["the Songdowon International Children's Union Camp in Wonsan"],
    ]


def test_the_buildings_he_went_round_after_looking_round_a_site_are_its_parts() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un held talks with the president of Russia at the Eastern Space "
        "Centre on May 8.\n"
        "Before the talks, he looked round the space centre. He went round the assembly building of the Vega "
        "carrier rocket and the launch pad of the Orion-3 rocket complex.",
        published="2031-05-09",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy", "inspection"]


def test_a_clause_of_when_the_place_was_put_into_operation_does_not_date_the_visit() -> None:
    x = run(
        "Pyongyang, March 18 (KCNA) -- Kim Jong Un inspected the construction site of the county hospital on "
        "Monday.\n"
        "He then visited the regional-industry factories in the county, which were put into operation at the end "
        "of last year, and learned about their production.",
        published="2031-03-18",
    )
    assert [(str(e.start), e.sites) for e in x.events] == [
        ("2031-03-17", ["the construction site of the county hospital"]),
        ("2031-03-17", ["the regional-industry factories in the county"]),
    ]


def test_when_a_place_was_built_or_founded_does_not_date_or_drop_the_visit() -> None:
    for text in (
        "Kim Jong Un visited the Sinpho Fish Farm, built in 2019, and looked round its ponds.",
        "Kim Jong Un visited the Sinpho Fish Farm, founded in 1960, on Sunday.",
        "Kim Jong Un inspected the Sinpho Shipyard, the birthplace of the submarines built since 2015.",
    ):
        x = run("Pyongyang, March 18 (KCNA) -- " + text, published="2030-03-18")
        assert [e.type for e in x.events] == ["inspection"], text
        assert x.events[0].start is None or str(x.events[0].start) == "2030-03-17", text


def test_a_visit_to_a_place_another_leader_visited_years_ago_is_kept_and_not_dated_by_that_visit() -> None:
    for text in (
        "Kim Jong Un inspected KPA Unit 851, which Kim Jong Il visited in 1996, and looked round its barracks.",
        "Kim Jong Un inspected KPA Unit 851, where President Kim Il Sung gave field guidance in 1960.",
    ):
        x = run("Pyongyang, March 18 (KCNA) -- " + text, published="2030-03-18")
        assert [(e.type, e.start) for e in x.events] == [("inspection", None)], text


def test_a_long_told_test_launch_under_his_direct_guidance_is_his_test_and_the_launching_site_its_part() -> None:
    x = run(
        "Pyongyang, March 25 (KCNA) -- The test-launch of the new-type inter-continental ballistic missile "
        "Hwasongpho-17 of the strategic forces of the DPRK was conducted at Pyongyang International Airport on "
        "Thursday under the direct guidance of Kim Jong Un.\n"
        "He went to the launching site and learned in detail about the readiness for the launch.",
        published="2030-03-25",
    )
    assert leader_events(x) == [("weapons_test", "2030-03-21", "2030-03-21")]


def test_what_he_looked_round_where_the_talks_were_held_is_one_visit() -> None:
    x = run(
        "Pyongyang, September 14 (KCNA) -- Kim Jong Un held talks with the president of Russia at the Eastern "
        "Space Centre on September 13.\n"
        "Accompanied by the president, Kim Jong Un looked round the assembly building of the Vega rocket and the "
        "launch complex of the Orion-3 rocket.",
        published="2030-09-14",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy", "inspection"]


def test_a_testing_ground_visited_to_watch_a_test_is_the_test_s_place_not_another_visit() -> None:
    text = (
        "Pyongyang, April 19 (KCNA) -- Kim Jong Un visited the testing ground of the Academy of Defence Science "
        "on Tuesday and watched the test of a newly developed tactical guided weapon.\n"
        "On Wednesday he inspected KPA Unit 1016 and watched a firing drill of its artillery sub-unit."
    )
    events = run(text, "2018-04-19").events
    assert [(e.type, str(e.start), e.sites) for e in events] == [
        ("weapons_test", "2018-04-17", ["the testing ground of the Academy of Defence Science"]),
        ("inspection", "2018-04-18", ["KPA Unit 1016"]),
        ("military_exercise", "2018-04-18", []),
    ]


def test_the_hall_he_then_visited_at_the_palace_is_part_of_his_tribute() -> None:
    text = (
        "Pyongyang, December 17 (KCNA) -- Kim Jong Un visited the Kumsusan Palace of the Sun on December 17.\n"
        "He paid high tribute to the leader.\nHe then visited the hall where the leader lies in state.\n"
        "He then visited the Pyongyang Maternity Hospital and looked round its wards."
    )
    events = run(text, "2015-12-17").events
    assert [(e.type, e.sites) for e in events] == [
        ("commemoration", ["the Kumsusan Palace of the Sun"]), ("inspection", ["the Pyongyang Maternity Hospital"]),
    ]


def test_the_exhibits_he_looked_round_are_the_exhibition_and_its_opening_is_no_place() -> None:
    text = (
        "Pyongyang, October 12 (KCNA) -- The defence exhibition opened in Pyongyang on Monday.\n"
        "Kim Jong Un made a speech at the opening of the exhibition.\n"
        "After the speech he looked round the exhibits, including new-type missiles."
    )
    events = run(text, "2021-10-12").events
    assert [e.type for e in events] == ["speech", "cultural_event"]
    assert all("opening" not in " ".join(e.sites) for e in events)


def test_each_drill_of_a_series_has_its_own_place_and_a_launch_watched_being_fired_is_one() -> None:
    text = (
        "Pyongyang, October 10 (KCNA) -- Kim Jong Un guided the military drills of the KPA units from October 2 "
        "to 8.\n"
        "On October 2, he guided a drill in which two tactical ballistic missiles were fired from the area of "
        "Sunan.\n"
        "On October 4, he watched a new-type intermediate-range ballistic missile being launched from a launch "
        "site in Jagang Province.\n"
        "On October 6, he guided a drill of simulated strikes at the enemy's command centres.\n"
        "On October 8, he watched a large-scale air strike drill of the KPA Air Force."
    )
    events = run(text, "2022-10-10").events
    assert [(e.type, str(e.start), e.sites) for e in events] == [
        ("military_exercise", "2022-10-02", ["the area of Sunan"]),
        ("military_exercise", "2022-10-04", ["a launch site in Jagang Province"]),
        ("military_exercise", "2022-10-06", []),
        ("military_exercise", "2022-10-08", []),
    ]


def test_a_visit_to_a_bier_is_a_mourning_visit_to_the_hall_where_it_lies() -> None:
    text = (
        "Pyongyang, May 21 (KCNA) -- Kim Jong Un visited the bier of Marshal Ri Ul Sol at the April 25 House of "
        "Culture on Thursday to express deep condolences over his death."
    )
    events = run(text, "2015-11-09").events
    assert [(e.type, e.sites) for e in events] == [("commemoration", ["the April 25 House of Culture"])]


def test_several_places_of_one_tour_dated_by_its_days_are_all_visits() -> None:
    text = (
        "Pyongyang, July 2 (KCNA) -- Kim Jong Un gave field guidance to the Sinuiju Cosmetics Factory, the Sinuiju "
        "Textile Mill and the reed farm in Sindo County from June 30 to July 1."
    )
    events = run(text, "2018-07-02").events
    assert [(e.type, str(e.start), str(e.end)) for e in events] == [("inspection", "2018-06-30", "2018-07-01")] * 3
