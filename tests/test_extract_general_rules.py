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


def _sites(x: object) -> list[str]:
    return [s for e in x.events for s in e.sites]  # type: ignore[attr-defined]


def test_a_tour_of_two_days_is_told_by_its_visits_not_counted_again() -> None:
    x = run(
        "Pyongyang, May 12 (KCNA) -- Kim Jong Un, chairman of the WPK, inspected various units in South Hamgyong "
        "Province on May 9 and 10.\n"
        "On May 9 he visited the Hungnam Fertilizer Complex and the Hamhung Knitwear Factory.\n"
        "He then visited the Ryongsong Machine Complex.\n"
        "The next day he inspected the Sinpho Fishery Station and the Riwon Aquafarm.",
        published="2019-05-12",
    )
    first, second = ("2019-05-09", "2019-05-09"), ("2019-05-10", "2019-05-10")
    assert leader_events(x) == [("inspection", *first)] * 3 + [("inspection", *second)] * 2
    assert not any("various units" in s for s in _sites(x))


def test_a_tour_summary_without_visits_of_its_days_stays_one_visit() -> None:
    x = run(
        "Pyongyang, May 12 (KCNA) -- Kim Jong Un inspected farms in South Hwanghae Province on May 9 and 10.\n"
        "He said that the farms should raise the yield.",
        published="2019-05-12",
    )
    assert leader_events(x) == [("inspection", "2019-05-09", "2019-05-10")]


def test_the_launch_site_named_before_his_part_is_the_site_of_the_test() -> None:
    x = run(
        "Pyongyang, April 6 (KCNA) -- A new-type rocket blasted off from the Tonghae Launching Ground in Hwadae "
        "County, North Hamgyong Province, on April 5.\n"
        "Kim Jong Un, chairman of the WPK, observed the launch on the spot.",
        published="2017-04-06",
    )
    assert [t for t, _, _ in leader_events(x)] == ["weapons_test"]
    assert _sites(x) == ["the Tonghae Launching Ground in Hwadae County, North Hamgyong Province"]


def test_a_launcher_or_ship_it_was_fired_from_is_no_site() -> None:
    x = run(
        "Pyongyang, April 6 (KCNA) -- The missile was fired from a submarine on April 5.\n"
        "Kim Jong Un observed the test-fire.",
        published="2017-04-06",
    )
    assert [t for t, _, _ in leader_events(x)] == ["weapons_test"]
    assert _sites(x) == []


def test_a_state_visit_from_one_day_to_another_dates_its_undated_talks() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un, chairman of the WPK, paid an official visit to the Russian "
        "Federation from May 5 to 8 at the invitation of the Russian president.\n"
        "At the talks, the supreme leader said that the friendship would grow.\n"
        "A banquet was given for the guests.",
        published="2019-05-09",
    )
    assert leader_events(x) == [("diplomacy", "2019-05-05", "2019-05-08"), ("cultural_event", None, None)]


def test_a_declaration_signed_on_a_day_of_its_own_is_another_event_of_the_summit() -> None:
    x = run(
        "Pyongyang, October 6 (KCNA) -- Kim Jong Un, chairman of the WPK, and Nguyen Van An, president of Viet "
        "Nam, signed a joint declaration at the Kumsusan Guesthouse on October 5.\n"
        "The two leaders held summit talks at the Paekhwawon State Guesthouse on October 4.",
        published="2019-10-06",
    )
    assert sorted(leader_events(x)) == [("diplomacy", "2019-10-04", "2019-10-04"),
                                        ("diplomacy", "2019-10-05", "2019-10-05")]


def test_a_declaration_signed_on_the_day_of_the_talks_belongs_to_the_talks() -> None:
    x = run(
        "Pyongyang, October 6 (KCNA) -- Kim Jong Un, chairman of the WPK, held talks with the president of Viet "
        "Nam at the Paekhwawon State Guesthouse on October 5.\n"
        "The two leaders signed a joint declaration after the talks.",
        published="2019-10-06",
    )
    assert leader_events(x) == [("diplomacy", "2019-10-05", "2019-10-05")]


def test_a_field_survey_of_a_place_has_that_place_as_its_site() -> None:
    x = run(
        "Pyongyang, May 16 (KCNA) -- Kim Jong Un, chairman of the WPK, made a field survey of the Orang Power "
        "Station on Saturday.",
        published="2016-05-16",
    )
    assert leader_events(x) == [("inspection", "2016-05-14", "2016-05-14")]
    assert x.events[0].sites == ["the Orang Power Station"]


def test_on_two_weekdays_is_the_stretch_of_days_between_them() -> None:
    x = run(
        "Pyongyang, May 20 (KCNA) -- Kim Jong Un, chairman of the WPK, inspected the Sohae Satellite Launching "
        "Ground on Wednesday and Thursday.",
        published="2016-05-20",
    )
    assert leader_events(x) == [("inspection", "2016-05-18", "2016-05-19")]


def test_he_saw_the_test_fire_of_a_weapon() -> None:
    x = run(
        "Pyongyang, May 20 (KCNA) -- Kim Jong Un, first secretary of the WPK, saw the test-fire of a new-type "
        "anti-aircraft rocket on Tuesday.",
        published="2014-05-20",
    )
    assert leader_events(x) == [("weapons_test", "2014-05-20", "2014-05-20")]


def test_field_guidance_provided_and_a_visit_made_are_inspections() -> None:
    x = run(
        "Pyongyang, May 20 (KCNA) -- Marshal Kim Jong Un provided field guidance to the Kangso Mineral Water "
        "Factory on Sunday.\n"
        "He also made a congratulatory visit to the newly built Sokam Youth Camp on Monday.",
        published="2013-05-21",
    )
    sunday, monday = ("2013-05-19", "2013-05-19"), ("2013-05-20", "2013-05-20")
    assert leader_events(x) == [("inspection", *sunday), ("inspection", *monday)]


def test_his_wife_beside_him_is_not_the_subject_of_his_act() -> None:
    x = run(
        "Pyongyang, May 20 (KCNA) -- Kim Jong Un, together with his wife Ri Sol Ju, enjoyed a concert given by "
        "the Samjiyon Band on Sunday.",
        published="2013-05-20",
    )
    assert leader_events(x) == [("cultural_event", "2013-05-19", "2013-05-19")]


def test_he_went_to_a_hotel_after_the_university_two_visits() -> None:
    x = run(
        "Pyongyang, May 20 (KCNA) -- Kim Jong Un inspected the Pyongyang University of Medicine.\n"
        "Then he went to the Koryo Hotel and looked round its rooms.",
        published="2013-05-20",
    )
    sites = [s for e in x.events for s in e.sites]
    assert sites == ["the Pyongyang University of Medicine", "the Koryo Hotel"]


def test_cutting_the_tape_is_dated_and_placed_by_the_ceremony_reported_before() -> None:
    x = run(
        "Pyongyang, May 20 (KCNA) -- A ceremony for the completion of the Ryugyong Health Complex took place on "
        "Sunday.\nKim Jong Un cut the tape.",
        published="2013-05-20",
    )
    assert leader_events(x) == [("ceremony", "2013-05-19", "2013-05-19")]
    assert x.events[0].sites == ["the Ryugyong Health Complex"]


def test_the_opening_ceremony_of_a_place_is_held_there() -> None:
    x = run(
        "Pyongyang, May 20 (KCNA) -- Kim Jong Un attended the opening ceremony of the Kaeson Youth Park on Sunday.",
        published="2013-05-20",
    )
    assert x.events[0].sites == ["the Kaeson Youth Park"]


def test_answering_a_reporters_questions_is_an_activity_of_his() -> None:
    x = run(
        "Pyongyang, May 20 (KCNA) -- Kim Jong Un answered questions raised by a KCNA reporter on Sunday.",
        published="2013-05-20",
    )
    assert leader_events(x) == [("other", "2013-05-19", "2013-05-19")]


def test_the_place_of_the_next_activity_is_not_lent_to_the_one_before() -> None:
    x = run(
        "Pyongyang, June 13 (KCNA) -- Kim Jong Un, chairman of the WPK, watched a performance given in his honour "
        "on June 11.\nHe laid a wreath at the Monument to the Fallen Heroes on June 12.",
        published="2018-06-13",
    )
    by_type = {e.type: e.sites for e in x.events}
    assert by_type["cultural_event"] == []
    assert by_type["commemoration"] == ["the Monument to the Fallen Heroes"]


def test_a_sentence_after_the_act_that_tells_no_act_can_still_say_where_it_was() -> None:
    x = run(
        "Pyongyang, June 13 (KCNA) -- Kim Jong Un, chairman of the WPK, watched a performance on June 11.\n"
        "The performance was given at the East Pyongyang Grand Theatre.",
        published="2018-06-13",
    )
    assert x.events[0].sites == ["the East Pyongyang Grand Theatre"]


def _weapons(x: object) -> set[str]:
    return {m.canonical for m in x.mentions if m.kind == "weapon" and m.counts}  # type: ignore[attr-defined]


def test_the_bare_drone_after_an_underwater_attack_drone_is_that_weapon() -> None:
    x = run(
        "Pyongyang, March 24 (KCNA) -- Kim Jong Un guided the test of a nuclear underwater attack drone.\n"
        "The drone cruised underwater for 40 hours before it reached the target.",
        published="2023-03-24",
    )
    assert _weapons(x) == {"torpedo"}


def test_an_attack_drone_of_the_air_stays_a_uav() -> None:
    x = run(
        "Pyongyang, March 24 (KCNA) -- Kim Jong Un watched the test of new-type suicide attack drones.\n"
        "The drones hit the targets.",
        published="2024-03-24",
    )
    assert _weapons(x) == {"uav"}


def test_the_same_day_after_a_place_ends_the_place() -> None:
    x = run(
        "Pyongyang, May 13 (KCNA) -- Kim Jong Un inspected the Wonsan Shoe Factory the same day.",
        published="2014-05-13",
    )
    assert x.events[0].sites == ["the Wonsan Shoe Factory"]


def test_the_day_of_the_senders_seminar_is_not_the_day_of_their_message() -> None:
    x = run(
        "Pyongyang, September 11 (KCNA) -- Kim Jong Un received a message from the participants in the rally "
        "held in Lima on September 7.",
        published="2024-09-11",
    )
    assert leader_events(x) == [("message_received", None, None)]


def test_a_message_received_on_a_day_keeps_that_day() -> None:
    x = run(
        "Pyongyang, September 11 (KCNA) -- Kim Jong Un received a greeting card from the Korean residents in "
        "Japan on September 9.",
        published="2024-09-11",
    )
    assert leader_events(x) == [("message_received", "2024-09-09", "2024-09-09")]


def test_a_ceremony_held_on_a_day_is_his_event_of_that_day() -> None:
    x = run(
        "Pyongyang, September 11 (KCNA) -- Kim Jong Un attended the ceremony held at the Kaeson Youth Park on "
        "September 9.",
        published="2024-09-11",
    )
    assert leader_events(x) == [("ceremony", "2024-09-09", "2024-09-09")]


def test_his_undated_part_in_an_occasion_has_the_day_of_the_scene_set_just_before() -> None:
    x = run(
        "Pyongyang, January 6 (KCNA) -- The Third Conference of Cell Secretaries opened in Pyongyang on "
        "January 5.\nKim Jong Un made an opening speech.",
        published="2031-01-06",
    )
    # (he opened the conference: he attended it too, as a speech at a ceremony is the ceremony and the speech)
    assert sorted(leader_events(x)) == [("meeting", "2031-01-05", "2031-01-05"), ("speech", "2031-01-05", "2031-01-05")]


def test_a_scene_of_others_long_before_does_not_date_his_visit() -> None:
    x = run(
        "Pyongyang, January 6 (KCNA) -- The Third Conference of Cell Secretaries opened in Pyongyang on "
        "January 5.\nKim Jong Un inspected the Kangso Mineral Water Factory.",
        published="2031-01-06",
    )
    assert leader_events(x) == [("inspection", None, None)]


def test_the_place_of_a_game_is_a_gymnasium_and_a_completed_ground_its_full_name() -> None:
    game = run(
        "Pyongyang, March 1 (KCNA) -- Marshal Kim Jong Un watched a basketball game at the Chongchun Street "
        "Gymnasium on Thursday.",
        published="2013-03-01",
    )
    assert game.events[0].sites == ["the Chongchun Street Gymnasium"]
    ceremony = run(
        "Pyongyang, July 26 (KCNA) -- Kim Jong Un attended the ceremony of completing the Mangyongdae Funfair "
        "Ground on Wednesday.",
        published="2012-07-26",
    )
    assert ceremony.events[0].sites == ["the Mangyongdae Funfair Ground"]


def test_the_work_of_a_place_is_not_the_place() -> None:
    x = run(
        "Pyongyang, September 4 (KCNA) -- Kim Jong Un inspected the work of fitting engines at the Sinpho "
        "Shipyard on Sunday.",
        published="2017-09-04",
    )
    assert x.events[0].sites == ["the Sinpho Shipyard"]


def test_under_his_guidance_a_test_fire_was_conducted_is_his_test() -> None:
    x = run(
        "Pyongyang, March 10 (KCNA) -- Under the guidance of Kim Jong Un, a test-fire of a new-type anti-tank "
        "guided weapon was conducted on Thursday.\nThe test-fire took place at a firing ground in the eastern sector.",
        published="2016-03-10",
    )
    assert leader_events(x) == [("weapons_test", "2016-03-10", "2016-03-10")]
    assert x.events[0].sites == ["a firing ground in the eastern sector"]


def test_drills_on_an_islet_held_in_an_area_and_test_fires_from_an_area_have_those_places() -> None:
    cases = {
        "watched a firing drill of artillery sub-units on Mahap Islet on Thursday.": "Mahap Islet",
        "watched a landing drill of the KPA held in the west coast area on Thursday.": "the west coast area",
        "oversaw the test-fire of a new-type cruise missile from the Onchon area on Thursday.": "the Onchon area",
    }
    for act, site in cases.items():
        x = run(f"Pyongyang, March 10 (KCNA) -- Kim Jong Un {act}", published="2016-03-10")
        assert x.events[0].sites == [site], act


def test_occasions_held_in_his_presence_or_under_his_guidance_are_his_events() -> None:
    cases = {
        "A ceremony for launching the new patrol ship took place at the Rajin Shipyard on Thursday in the "
        "presence of Kim Jong Un.": "ceremony",
        "A meeting of the Central Military Commission was held on Thursday with Kim Jong Un in the chair.": "meeting",
        "An enlarged meeting of the Political Bureau was held on Thursday under the guidance of Kim Jong Un.":
            "meeting",
        "A live-fire drill of mortar units was staged on Thursday under the guidance of Kim Jong Un.":
            "military_exercise",
        "A concert was given at the Mansudae Art Theatre on Thursday in the presence of Kim Jong Un.":
            "cultural_event",
    }
    for sentence, kind in cases.items():
        x = run(f"Pyongyang, March 10 (KCNA) -- {sentence}", published="2018-03-10")
        assert leader_events(x) == [(kind, "2018-03-08", "2018-03-08")], sentence


def test_he_watched_it_is_the_performance_reported_before() -> None:
    x = run(
        "Pyongyang, March 10 (KCNA) -- A performance was given at the Mansudae Art Theatre on Thursday.\n"
        "Kim Jong Un watched it together with the guests.",
        published="2018-03-10",
    )
    assert leader_events(x) == [("cultural_event", "2018-03-08", "2018-03-08")]
    assert x.events[0].sites == ["the Mansudae Art Theatre"]


def test_seeing_it_as_a_victory_is_no_event() -> None:
    x = run("Pyongyang, March 10 (KCNA) -- Kim Jong Un saw it as a great victory.", published="2018-03-10")
    assert leader_events(x) == []


def test_towns_visited_by_name_alone_are_visits_of_their_own() -> None:
    x = run(
        "Pyongyang, September 18 (KCNA) -- Kim Jong Un, general secretary of the WPK, had talks with the Russian "
        "president at the Vostochny Cosmodrome on September 13.\n"
        "He later visited Komsomolsk-on-Amur and Vladivostok before returning home on September 17.",
        published="2023-09-18",
    )
    visits = [(e.start, e.sites) for e in x.events if e.type == "inspection"]
    assert visits == [(None, ["Komsomolsk-on-Amur"]), (None, ["Vladivostok"])]


def test_a_visit_to_a_country_is_no_town_visit() -> None:
    x = run(
        "Pyongyang, September 18 (KCNA) -- Kim Jong Un, general secretary of the WPK, visited Russia.",
        published="2023-09-18",
    )
    assert [e.type for e in x.events] == []


def test_a_city_alone_is_no_site_where_a_place_in_it_is_named() -> None:
    x = run(
        "Pyongyang, March 1 (KCNA) -- The summit talks took place in Bangkok on February 27 and 28.\n"
        "Kim Jong Un met Somchai Wong, president of Thailand, at the Oriental Hotel in Bangkok on February 27.\n"
        "On February 28 the two leaders had one-on-one talks.",
        published="2019-03-01",
    )
    assert [s for e in x.events for s in e.sites] == ["the Oriental Hotel in Bangkok"]


def test_two_places_in_one_county_are_two_visits_each_in_the_county() -> None:
    x = run(
        "Pyongyang, March 6 (KCNA) -- Kim Jong Un visited the new silk mill and the county hospital under "
        "construction in Unryul County on March 5.",
        published="2025-03-06",
    )
    assert [e.sites for e in x.events] == [
        ["the new silk mill in Unryul County"],
        ["the county hospital under construction in Unryul County"],
    ]


def test_two_things_without_a_shared_place_stay_one_site() -> None:
    x = run(
        "Pyongyang, March 6 (KCNA) -- Kim Jong Un visited the new silk mill and the dyeing factory on March 5.",
        published="2025-03-06",
    )
    assert [e.sites for e in x.events] == [["the new silk mill and the dyeing factory"]]


def test_gifts_from_him_conveyed_and_gifts_he_had_sent_are_his_gifts() -> None:
    conveyed = run(
        "Pyongyang, September 11 (KCNA) -- Gifts from Kim Jong Un were conveyed to the pupils of Taehongdan "
        "County on Monday.",
        published="2024-09-11",
    )
    assert leader_events(conveyed) == [("gift", "2024-09-09", "2024-09-09")]
    had_sent = run(
        "Pyongyang, September 11 (KCNA) -- Kim Jong Un had gifts sent to the winners of the chess contest.",
        published="2024-09-11",
    )
    assert leader_events(had_sent) == [("gift", None, None)]


def test_thanks_he_sent_are_a_message() -> None:
    x = run(
        "Pyongyang, September 11 (KCNA) -- Kim Jong Un sent his thanks to the builders of the Ryomyong Street.",
        published="2024-09-11",
    )
    assert leader_events(x) == [("message_sent", None, None)]


def test_a_visit_to_an_exhibition_is_a_cultural_event_but_an_exhibition_house_is_visited() -> None:
    show = run(
        "Pyongyang, September 11 (KCNA) -- Kim Jong Un visited an exhibition of light industry goods on Monday.",
        published="2024-09-11",
    )
    assert leader_events(show) == [("cultural_event", "2024-09-09", "2024-09-09")]
    house = run(
        "Pyongyang, September 11 (KCNA) -- Kim Jong Un visited the Three-Revolution Exhibition House on Monday.",
        published="2024-09-11",
    )
    assert leader_events(house) == [("inspection", "2024-09-09", "2024-09-09")]


def _places(x: object) -> set[str]:
    return {m.canonical for m in x.mentions if m.kind == "place" and m.counts}  # type: ignore[attr-defined]


def test_north_and_south_phyongan_provinces_are_both_provinces() -> None:
    x = run(
        "Pyongyang, May 1 (KCNA) -- Rallies were held in North and South Hamgyong and Kangwon provinces.",
        published="2024-05-01",
    )
    assert {"North Hamgyong Province", "South Hamgyong Province", "Kangwon Province"} <= _places(x)
    assert "North Hamgyong" in x.to_record()["places"]


def test_farm_villages_named_in_a_pair_are_places() -> None:
    x = run(
        "Pyongyang, May 1 (KCNA) -- New houses were built at Ryongjon and Sangdok farms in Unryul County.",
        published="2024-05-01",
    )
    assert {"Ryongjon", "Sangdok"} <= _places(x)
    crops = run("Pyongyang, May 1 (KCNA) -- Seed and Fruit farms were praised.", published="2024-05-01")
    assert not {"Seed", "Fruit"} & _places(crops)


def test_battle_sites_and_secret_bases_are_named_after_their_places() -> None:
    x = run(
        "Pyongyang, May 1 (KCNA) -- Pupils toured the Chongbong Revolutionary Battle Site and the Sobaeksu "
        "Temporary Secret Camp, and the Songsan and Ryonggok areas.",
        published="2024-05-01",
    )
    assert {"Chongbong", "Sobaeksu", "Songsan", "Ryonggok"} <= _places(x)


def test_english_words_before_district_name_no_place() -> None:
    x = run(
        "Pyongyang, May 1 (KCNA) -- Kim Jong Un visited the construction site of the Riverside Terraced "
        "Residential District.",
        published="2024-05-01",
    )
    assert _places(x) == set()


def _people(x: object) -> set[str]:
    return {m.canonical for m in x.mentions if m.kind == "person" and m.counts}  # type: ignore[attr-defined]


def test_foreign_people_after_their_titles_and_before_their_posts_are_found() -> None:
    x = run(
        "Pyongyang, May 1 (KCNA) -- Kim Jong Un received a message from Vice-President Ana Lucia Perez of Ecuador.\n"
        "Present there were Pavel Sorokin, vice foreign minister, and Ivan Belov, charge d'affaires ad interim.\n"
        "UN Secretary-General Lindqvist spoke.",
        published="2024-05-01",
    )
    assert {"Ana Lucia Perez", "Pavel Sorokin", "Ivan Belov", "Lindqvist"} <= _people(x)


def test_the_name_of_a_party_is_no_person() -> None:
    x = run(
        "Pyongyang, May 1 (KCNA) -- The chairman of the Democratic Party of Struggle sent a message.",
        published="2024-05-01",
    )
    assert "Struggle" not in _people(x)


def test_a_drone_sent_into_the_dprk_is_not_its_own() -> None:
    x = run(
        "Pyongyang, May 1 (KCNA) -- Should the enemy commit such a provocation as flying a drone into the airspace "
        "of the DPRK again, the DPRK will respond at once.",
        published="2024-05-01",
    )
    assert _weapons(x) == set()
    own = run("Pyongyang, May 1 (KCNA) -- The DPRK tested new drones over the sea.", published="2024-05-01")
    assert _weapons(own) == {"uav"}


def test_a_summit_named_with_its_words_and_the_two_leaders_talks_are_diplomacy() -> None:
    x = run(
        "Pyongyang, June 13 (KCNA) -- Kim Jong Un, chairman of the WPK, and Jan Novak, president of Ruritania, "
        "had the first DPRK-Ruritania summit meeting at the Raffles Hotel on June 12.",
        published="2018-06-13",
    )
    assert leader_events(x) == [("diplomacy", "2018-06-12", "2018-06-12")]
    talks = run(
        "Pyongyang, June 13 (KCNA) -- Kim Jong Un, chairman of the WPK, welcomed the guest at the airport.\n"
        "The two leaders held talks at the Kumsusan State Guesthouse on June 12.",
        published="2018-06-13",
    )
    assert leader_events(talks) == [("diplomacy", "2018-06-12", "2018-06-12")]


def test_talks_with_officials_at_home_stay_no_diplomacy() -> None:
    x = run(
        "Pyongyang, June 13 (KCNA) -- Kim Jong Un held talks with the officials of the province on June 12.",
        published="2018-06-13",
    )
    assert [t for t, _, _ in leader_events(x)] != ["diplomacy"]


def test_the_rockets_of_the_earlier_years_have_their_categories() -> None:
    cases = {
        "a new ground-to-ground mid/long-range strategic ballistic rocket": "irbm",
        "an inter-continental ballistic rocket": "icbm",
        "a new-type tactical rocket": "srbm",
        "a large-caliber multiple-rocket launching system": "mlrs",
        "an anti-ship rocket": "cruise_missile",
        "an H-bomb": "nuclear",
    }
    for weapon, category in cases.items():
        x = run(f"Pyongyang, May 1 (KCNA) -- Kim Jong Un oversaw the test of {weapon}.", published="2016-05-01")
        assert _weapons(x) == {category}, weapon


def test_days_of_a_tour_told_by_weekday_or_part_of_the_day_are_visits_of_their_own() -> None:
    x = run(
        "Pyongyang, July 3 (KCNA) -- Kim Jong Un inspected the Kanggye Tractor Plant on the morning of July 1.\n"
        "On the afternoon of July 1 he visited the Kanggye Textile Mill.\n"
        "On Monday he inspected the Manpho Greenhouse Farm.",
        published="2018-07-03",
    )
    assert [e.sites[0] for e in x.events] == [
        "the Kanggye Tractor Plant", "the Kanggye Textile Mill", "the Manpho Greenhouse Farm",
    ]
    assert [e.start.isoformat() for e in x.events if e.start] == ["2018-07-01", "2018-07-01", "2018-07-02"]


def test_the_sentence_right_after_the_lead_dates_it_though_the_act_is_told_again_later() -> None:
    x = run(
        "Pyongyang, September 1 (KCNA) -- Kim Jong Un made sure that birthday spreads were prepared for the "
        "children from flood-hit areas.\n"
        "A ceremony for celebrating their birthdays took place on August 31.\n"
        "Speakers said that Kim Jong Un presented even birthday spreads.",
        published="2024-09-01",
    )
    assert leader_events(x) == [("gift", "2024-08-31", "2024-08-31")]


def test_homage_respects_and_baskets_are_commemorations_at_their_places() -> None:
    cases = {
        "paid homage to Kim Il Sung and Kim Jong Il at the Kumsusan Palace of the Sun on Sunday.":
            ["the Kumsusan Palace of the Sun"],
        "visited the Kumsusan Palace of the Sun on Sunday, the New Year's Day.": ["the Kumsusan Palace of the Sun"],
        "paid his respects to the fallen soldiers at the Taesongsan Martyrs Cemetery on Sunday.":
            ["the Taesongsan Martyrs Cemetery"],
        "laid a basket before the monument on Sunday.": ["the monument"],
    }
    for act, sites in cases.items():
        x = run(f"Pyongyang, May 21 (KCNA) -- Kim Jong Un {act}", published="2018-05-21")
        assert leader_events(x) == [("commemoration", "2018-05-20", "2018-05-20")], act
        assert x.events[0].sites == sites, act


def test_a_basket_laid_in_his_name_is_where_the_occasion_told_before_took_place() -> None:
    x = run(
        "Pyongyang, May 21 (KCNA) -- Senior officials visited the Hall of Eternal Friendship on May 20.\n"
        "A floral basket in the name of Kim Jong Un was laid at the statue of the founder.",
        published="2024-05-21",
    )
    sent = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "message_sent"]
    assert [e.sites for e in sent] == [["the Hall of Eternal Friendship"]]
    x = run(
        "Pyongyang, May 21 (KCNA) -- Diplomats laid wreaths before the Friendship Tower on Monday.\n"
        "Seen standing before the tower was a wreath in the name of Kim Jong Un.",
        published="2024-05-21",
    )
    sent = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "message_sent"]
    assert [e.sites for e in sent] == [["the Friendship Tower"]]
    x = run(
        "Pyongyang, May 21 (KCNA) -- The guests entered the Hall of Eternal Friendship, moved.\n"
        "A floral basket in the name of Kim Jong Un was laid at the statue of the founder.",
        published="2024-05-21",
    )
    sent = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "message_sent"]
    assert [e.sites for e in sent] == [["the Hall of Eternal Friendship"]]


def test_a_discourse_he_contributes_to_a_paper_is_another_activity() -> None:
    x = run(
        "Pyongyang, May 21 (KCNA) -- Kim Jong Un contributed a discourse \"Let Us Farm Better\" to a newspaper.\n"
        "Writers contributed to the work of the paper.",
        published="2024-05-21",
    )
    assert leader_events(x) == [("other", None, None)]


def test_relief_materials_sent_by_him_are_a_gift_dated_by_their_arrival() -> None:
    x = run(
        "Pyongyang, May 21 (KCNA) -- Trucks loaded with relief goods reached the flooded villages on Monday.\n"
        "A party secretary handed over the relief materials sent by Kim Jong Un to the villagers.",
        published="2024-05-21",
    )
    assert leader_events(x) == [("gift", "2024-05-20", "2024-05-20")]


def test_visits_made_repeatedly_are_summed_up_not_reported() -> None:
    x = run(
        "Pyongyang, May 21 (KCNA) -- Kim Jong Un repeatedly visited the storm-hit coast to comfort its people.\n"
        "Their new houses will be finished soon.",
        published="2024-05-21",
    )
    assert leader_events(x) == []
    x = run(
        "Pyongyang, May 21 (KCNA) -- Kim Jong Un, who has repeatedly visited the coast, inspected its new "
        "fishery station on Monday.",
        published="2024-05-21",
    )
    assert leader_events(x) == [("inspection", "2024-05-20", "2024-05-20")]


def test_a_place_others_visited_in_a_clause_of_theirs_is_not_his_sites() -> None:
    x = run(
        "Pyongyang, May 21 (KCNA) -- Kim Jong Un made a speech on Monday.\n"
        "He met the graduates who visited their old college on its anniversary.",
        published="2024-05-21",
    )
    assert [e.sites for e in x.events if e.type == "speech"] == [[]]


def test_places_in_general_without_a_determiner_are_no_site_of_a_drill() -> None:
    x = run(
        "Pyongyang, May 21 (KCNA) -- Kim Jong Un watched a night drill of tank crews on Monday.\n"
        "The crews, who trained hard at firing ranges, showed their skill.",
        published="2024-05-21",
    )
    assert [e.sites for e in x.events if e.type == "military_exercise"] == [[]]


def test_asking_someone_to_convey_thanks_for_a_gift_sent_is_no_gift_of_his() -> None:
    x = run(
        "Pyongyang, May 21 (KCNA) -- Kim Jong Un watched a concert on Monday.\n"
        "He asked the guest to convey his thanks to the president for having sent such a gift to the people.",
        published="2024-05-21",
    )
    assert [t for t, _, _ in leader_events(x)] == ["cultural_event"]


def test_a_basket_laid_on_new_years_day_is_sited_without_the_day() -> None:
    x = run(
        "Pyongyang, January 2 (KCNA) -- Officials laid baskets at the statue of the hero on Moran Hill on "
        "New Year's Day.\nA floral basket in the name of Kim Jong Un was placed before the statue.",
        published="2025-01-02",
    )
    sent = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "message_sent"]
    assert [(e.sites, str(e.start)) for e in sent] == [(["the statue of the hero on Moran Hill"], "2025-01-01")]


def test_a_wreath_sent_to_a_funeral_abroad_has_no_site() -> None:
    x = run(
        "Pyongyang, May 4 (KCNA) -- The former president died at a hospital in his capital on May 2.\n"
        "A wreath in the name of Kim Jong Un was sent to the funeral.",
        published="2024-05-04",
    )
    assert [e.sites for e in x.events if e.type == "message_sent"] == [[]]


def test_study_materials_from_his_works_are_no_gift() -> None:
    x = run("Pyongyang, May 4 (KCNA) -- Officials read the materials from Kim Jong Un's speech on May 3.")
    assert leader_events(x) == []
