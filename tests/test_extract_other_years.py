"""Dispatches of the whole Kim Jong Un era (2012-2025), written for the tests in the styles of their years:
the leader's older titles, the weapons, officials and places of those years."""

from __future__ import annotations

from extract_helpers import leader_events, people_named, run
from fieldguide.model import Extraction


def _names(x: Extraction, kind: str) -> set[str]:
    return {m.canonical for m in x.mentions if m.kind == kind and m.counts}


def _designations(x: Extraction) -> dict[str, str]:
    weapons = [m for m in x.mentions if m.kind == "weapon" and "designation" in m.attrs]
    return {str(m.attrs["designation"]): m.canonical for m in weapons}


def test_2012_titles_of_the_first_secretary_and_first_chairman_with_his_companions() -> None:
    x = run(
        "Pyongyang, November 28 (KCNA) -- The dear respected Marshal Kim Jong Un, first secretary of the Workers' "
        "Party of Korea, first chairman of the National Defence Commission of the DPRK and supreme commander of the "
        "Korean People's Army, inspected the Mangyongdae Revolutionary School.\n"
        "He was accompanied by Choe Ryong Hae, Jang Song Thaek and Kim Kyok Sik.\n"
        "The dear respected Marshal praised the teachers.",
        published="2012-11-28",
    )
    assert [t for t, _, _ in leader_events(x)] == ["inspection"]
    companions = {p.name for p in x.events[0].people if p.role == "accompanied"}
    assert companions == {"Choe Ryong Hae", "Jang Song Thaek", "Kim Kyok Sik"}
    assert "Mangyongdae District" in _names(x, "place")


def test_2013_the_supreme_commander_unnamed_watches_a_drill() -> None:
    x = run(
        "Pyongyang, March 12 (KCNA) -- The Korean People's Army conducted a firing drill on Wolnae Islet.\n"
        "The Supreme Commander of the Korean People's Army watched the firing drill.",
        published="2013-03-12",
    )
    assert [t for t, _, _ in leader_events(x)] == ["military_exercise"]
    assert "Wolnae Islet" in _names(x, "place")


def test_2014_the_first_secretary_unnamed_visits_masikryong() -> None:
    x = run(
        "Pyongyang, January 5 (KCNA) -- The first secretary of the Workers' Party of Korea visited the Masikryong "
        "Ski Resort under construction.",
        published="2014-01-05",
    )
    assert [t for t, _, _ in leader_events(x)] == ["inspection"]
    assert "Masikryong" in _names(x, "place")


def test_a_vice_chairman_of_the_state_affairs_commission_is_not_the_leader() -> None:
    x = run(
        "Pyongyang, April 12 (KCNA) -- Choe Ryong Hae, first vice-chairman of the State Affairs Commission, "
        "inspected the Kim Chaek Iron and Steel Complex.",
        published="2019-04-12",
    )
    assert leader_events(x) == []
    assert [e.actor for e in x.events] == ["Choe Ryong Hae"]


def test_2016_chairman_of_the_wpk_guides_a_pukguksong_1_launch_off_sinpho() -> None:
    x = run(
        "Pyongyang, August 25 (KCNA) -- The test-fire of the strategic submarine-launched ballistic missile "
        "Pukguksong-1 was conducted in the East Sea of Korea off Sinpho under the guidance of the dear respected "
        "Marshal Kim Jong Un, chairman of the WPK and chairman of the State Affairs Commission.\n"
        "He was accompanied by Hwang Pyong So and Pak Pong Ju.",
        published="2016-08-25",
    )
    assert [t for t, _, _ in leader_events(x)] == ["weapons_test"]
    assert _designations(x) == {"Pukguksong-1": "slbm"}
    assert {"Sinpho", "East Sea of Korea"} <= _names(x, "place")
    assert {"Hwang Pyong So", "Pak Pong Ju"} <= _names(x, "person")


def test_2017_hwasong_15_launch_watched_by_the_supreme_leader_of_the_party_state_and_army() -> None:
    x = run(
        "Pyongyang, November 29 (KCNA) -- The DPRK succeeded in a historic test.\n"
        "The supreme leader of the party, state and army watched the test-launch of the new-type ICBM "
        "Hwasongpho-15 with Ri Pyong Chol, Kim Jong Sik and Jang Chang Ha.",
        published="2017-11-29",
    )
    assert [t for t, _, _ in leader_events(x)] == ["weapons_test"]
    event = x.events[0]
    assert event.weapons == ["icbm"]
    assert event.designations == ["Hwasong-15"]


def test_2017_pukguksong_2_is_land_based_and_the_older_designations_have_their_categories() -> None:
    x = run(
        "Pyongyang, May 22 (KCNA) -- Marshal Kim Jong Un guided the test-fire of the ground-to-ground "
        "medium-to-long range strategic ballistic missile Pukguksong-2.\n"
        "Earlier the Hwasong-10, the Hwasong-7, the Hwasong-5, Pukkuksong-3, the KN-23 and the 600mm super-large "
        "MRL were shown, with the satellite Kwangmyongsong-4 and the carrier rocket Unha-3.",
        published="2017-05-22",
    )
    assert [t for t, _, _ in leader_events(x)] == ["weapons_test"]
    assert _designations(x) == {
        "Pukguksong-2": "irbm",
        "Hwasong-10": "irbm",
        "Hwasong-7": "irbm",
        "Hwasong-5": "srbm",
        "Pukguksong-3": "slbm",
        "Hwasong-11": "srbm",
        "600mm MRL": "mlrs",
        "Kwangmyongsong-4": "satellite",
        "Unha-3": "satellite",
    }


def test_2018_singapore_talks_with_trump_and_foreign_places_are_not_the_dprk() -> None:
    x = run(
        "Singapore, June 12 (KCNA) -- Kim Jong Un, chairman of the State Affairs Commission of the DPRK, held "
        "talks with Donald Trump, president of the United States, on Sentosa Island on June 12.\n"
        "Kim Yong Chol, Ri Su Yong and Ri Yong Ho were present.",
        published="2018-06-13",
    )
    assert leader_events(x) == [("diplomacy", "2018-06-12", "2018-06-12")]
    assert "Donald Trump" in {p.name for p in x.events[0].people}
    assert {"Sentosa Island", "Singapore"} & _names(x, "place") == set()
    places = {m.canonical for m in x.mentions if m.kind == "place"}
    assert "Sentosa Island" in places
    assert {"Ri Su Yong", "Ri Yong Ho"} <= people_named(x)


def test_2019_hanoi_talks_name_the_foreign_officials_of_the_time() -> None:
    x = run(
        "Hanoi, March 1 (KCNA) -- Chairman Kim Jong Un held talks with Donald Trump, president of the United "
        "States, in Hanoi on February 28.\n"
        "Mike Pompeo was present. Moon Jae-in sent a message.",
        published="2019-03-01",
    )
    assert leader_events(x) == [("diplomacy", "2019-02-28", "2019-02-28")]
    people = people_named(x)
    assert {"Donald Trump", "Mike Pompeo", "Moon Jae In"} <= people
    assert "Hanoi" not in _names(x, "place")


def test_2023_malligyong_1_on_chollima_1_from_sohae() -> None:
    x = run(
        "Pyongyang, November 22 (KCNA) -- The reconnaissance satellite Malligyong-1 was launched by the new-type "
        "carrier rocket Chollima-1 at the Sohae Satellite Launching Ground in Cholsan County, North Phyongan "
        "Province under the guidance of Kim Jong Un on November 21.",
        published="2023-11-22",
    )
    assert [t for t, _, _ in leader_events(x)] == ["weapons_test"]
    assert _designations(x) == {"Malligyong-1": "satellite", "Chollima-1": "satellite"}
    assert {"Sohae", "Cholsan County", "North Phyongan Province"} <= _names(x, "place")


def test_2023_talks_with_putin_at_vostochny() -> None:
    x = run(
        "Vostochny, September 14 (KCNA) -- Kim Jong Un held talks with Vladimir Putin at the Vostochny "
        "Cosmodrome in the Amur Region on September 13.\n"
        "He was accompanied by Choe Son Hui and Pak Jong Chon; Sergei Shoygu was present.",
        published="2023-09-14",
    )
    assert leader_events(x) == [("diplomacy", "2023-09-13", "2023-09-13")]
    places = {m.canonical for m in x.mentions if m.kind == "place"}
    assert {"Vostochny Cosmodrome", "Amur Region"} <= places
    assert _names(x, "place") & {"Vostochny Cosmodrome", "Amur Region"} == set()
    assert "Sergei Shoigu" in people_named(x)


def test_a_visit_to_a_foreign_embassy_is_diplomacy_and_one_to_mourn_is_a_commemoration() -> None:
    x = run(
        "Pyongyang, March 3 (KCNA) -- Kim Jong Un visited the Russian embassy in Pyongyang on Wednesday on the "
        "occasion of the national day of Russia and was greeted by the ambassador.",
        published="2021-03-03",
    )
    assert leader_events(x) == [("diplomacy", "2021-03-03", "2021-03-03")]
    assert x.events[0].sites == ["the Russian embassy in Pyongyang"]
    x = run(
        "Pyongyang, March 3 (KCNA) -- Kim Jong Un visited the Lao embassy in Pyongyang on Wednesday to express "
        "condolences over the death of the former president.",
        published="2021-03-03",
    )
    assert [t for t, _, _ in leader_events(x)] == ["commemoration"]


def test_weapon_words_of_the_earlier_parades_and_drills() -> None:
    x = run(
        "Pyongyang, July 28 (KCNA) -- Kim Jong Un watched a drill of the coastal defence units.\n"
        "Self-propelled guns, anti-tank guns and a new multiple launch rocket system fired at the targets, and "
        "the infantrymen fired sub-machine guns.\n"
        "Strategic rockets of the KPA were shown to him.\n"
        "He said that the tactical nuclear operation units of the KPA have a strong nuclear attack capability.",
        published="2014-07-28",
    )
    assert _names(x, "weapon") == {"artillery", "mlrs", "small_arms", "missile", "nuclear"}
    x = run("Pyongyang, July 28 (KCNA) -- Inter-continental ballistic missiles of the KPA were on display.")
    assert _names(x, "weapon") == {"icbm"}


def test_artillery_units_name_a_unit_and_long_range_guns_a_weapon() -> None:
    x = run(
        "Pyongyang, June 2 (KCNA) -- Kim Jong Un said that the rocket should be deployed for the artillery units "
        "of the front as soon as possible.",
        published="2016-06-02",
    )
    assert "artillery" not in _names(x, "weapon")
    x = run("Pyongyang, June 2 (KCNA) -- Kim Jong Un watched the firing of long-range guns.", published="2016-06-02")
    assert _names(x, "weapon") == {"artillery"}


def test_watching_a_parade_is_attending_it() -> None:
    x = run(
        "Pyongyang, April 16 (KCNA) -- A military parade was held at Kim Il Sung Square on Saturday.\n"
        "Kim Jong Un watched the parade from the platform.",
        published="2017-04-16",
    )
    assert leader_events(x) == [("ceremony", "2017-04-15", "2017-04-15")]


def test_met_a_president_titled_before_his_name_and_his_country_after_it() -> None:
    x = run(
        "Pyongyang, May 3 (KCNA) -- Kim Jong Un met President Tran Van Long of Vietnam at the Paekhwawon State "
        "Guesthouse on Thursday.",
        published="2018-05-03",
    )
    assert leader_events(x) == [("diplomacy", "2018-05-03", "2018-05-03")]


def test_thanks_to_convey_for_a_gift_sent_by_another_are_no_gift_of_his() -> None:
    x = run(
        "Pyongyang, May 7 (KCNA) -- Kim Jong Un watched a performance of a visiting Chinese art troupe on Sunday.\n"
        "He asked the head of the troupe to convey his thanks to the Chinese leader for having sent such a gift "
        "to the Korean people.",
        published="2018-05-07",
    )
    assert [t for t, _, _ in leader_events(x)] == ["cultural_event"]


def test_an_activity_guided_or_watched_by_him_in_the_passive_is_his() -> None:
    test = run(
        "Pyongyang, June 9 (KCNA) -- A new-type cruise missile was test-fired on Sunday.\n"
        "The test-fire was guided by the respected Marshal Kim Jong Un, supreme commander of the KPA.",
        published="2014-06-09",
    )
    assert leader_events(test) == [("weapons_test", "2014-06-08", "2014-06-08")]
    drill = run("Pyongyang, June 9 (KCNA) -- The landing drill was watched by Kim Jong Un.", published="2014-06-09")
    assert [t for t, _, _ in leader_events(drill)] == ["military_exercise"]


def test_his_title_opening_a_sentence_makes_the_speech_his_once_he_is_named() -> None:
    x = run(
        "Pyongyang, April 9 (KCNA) -- The Seventh Conference of Cell Secretaries was guided by Kim Jong Un, "
        "general secretary of the WPK, on Thursday.\n"
        "More than 10 000 cell secretaries took part in the conference.\n"
        "The general secretary made a concluding speech.",
        published="2031-04-09",
    )
    assert [t for t, _, _ in leader_events(x)] == ["meeting", "speech"]
    unnamed = run(
        "Pyongyang, April 9 (KCNA) -- The conference of cell secretaries closed.\n"
        "The general secretary made a concluding speech.",
        published="2031-04-09",
    )
    assert leader_events(unnamed) == []  # before he is named, the title may be anyone's


def test_guiding_the_work_at_an_institute_is_a_visit_and_medicines_sent_are_a_gift() -> None:
    visit = run(
        "Pyongyang, March 28 (KCNA) -- Kim Jong Un guided the work for weapon design at the Rocket Institute "
        "on Monday.",
        published="2031-03-28",
    )
    assert leader_events(visit) == [("inspection", "2031-03-24", "2031-03-24")]
    assert visit.events[0].sites == ["the Rocket Institute"]
    sent = run(
        "Pyongyang, June 16 (KCNA) -- Kim Jong Un sent medicines he had prepared to the families of the city "
        "on Wednesday.\nKim Jong Un earlier convened a meeting of the Political Bureau on the epidemic.",
        published="2031-06-16",
    )
    assert [t for t, _, _ in leader_events(sent)] == ["gift"]  # the meeting was reported before


def test_talks_held_between_him_and_a_foreign_leader_are_his_talks() -> None:
    x = run(
        "Pyongyang, March 3 (KCNA) -- Kim Jong Un arrived in the capital of Ruritania on Thursday.\n"
        "Official talks between Kim Jong Un and Rudolf Rassendyll, president of Ruritania, were held at the "
        "Presidential Palace on Friday.",
        published="2031-03-03",
    )
    assert ("diplomacy", "2031-02-28", "2031-02-28") in leader_events(x)
    met = run("Pyongyang, March 3 (KCNA) -- Kim Jong Un met Prime Minister Hun Sen on Friday.", "2031-03-03")
    assert leader_events(met) == [("diplomacy", "2031-02-28", "2031-02-28")]


def test_the_supreme_leader_of_the_party_state_and_army_in_full_is_him() -> None:
    x = run(
        "Pyongyang, November 21 (KCNA) -- The supreme leader of the Workers' Party of Korea, the state and the army "
        "visited the defence detachment on Sunday.",
        published="2016-11-21",
    )
    assert leader_events(x) == [("inspection", "2016-11-20", "2016-11-20")]


def test_a_verbal_message_received_at_talks_belongs_to_the_talks() -> None:
    x = run(
        "Pyongyang, October 7 (KCNA) -- Kim Jong Un had talks with the visiting premier of Laos at the Kumsusan "
        "Guesthouse on Sunday and received a verbal message from the president of Laos.",
        published="2018-10-07",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy"]


def test_as_if_he_had_received_presents_is_a_likeness_not_an_act() -> None:
    x = run(
        "Pyongyang, May 2 (KCNA) -- Kim Jong Un inspected the Hungnam Fertilizer Complex on Friday.\n"
        "He said that he felt as if he had received a precious gift from the workers.",
        published="2020-05-02",
    )
    assert [t for t, _, _ in leader_events(x)] == ["inspection"]


def test_going_round_one_of_the_factories_keeps_the_visit_to_all_of_them() -> None:
    x = run(
        "Pyongyang, August 3 (KCNA) -- Kim Jong Un visited the newly built regional-industry factories in Unsan "
        "County on Friday.\n"
        "Going round the shoe factory, the paper factory and the food factory, he praised the workers.",
        published="2024-08-03",
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [
        ["the newly built regional-industry factories in Unsan County"]
    ]


def test_talks_between_him_and_a_guest_were_held() -> None:
    x = run(
        "Pyongyang, June 9 (KCNA) -- Talks between Kim Jong Un and Thongloun Sisoulith, general secretary of the "
        "Lao People's Revolutionary Party, were held at the Kumsusan Guesthouse on Saturday.",
        published="2019-06-09",
    )
    assert leader_events(x) == [("diplomacy", "2019-06-08", "2019-06-08")]


def test_leaders_with_their_wives_watched_a_performance() -> None:
    x = run(
        "Pyongyang, November 3 (KCNA) -- Kim Jong Un held talks with Xi Jinping, president of China, at the "
        "Kumsusan Guesthouse on Saturday.\n"
        "In the evening Kim Jong Un and Ri Sol Ju and Xi Jinping and his wife watched a concert.",
        published="2019-11-03",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy", "cultural_event"]


def test_exchanged_messages_is_one_sent_and_one_received_but_greetings_in_person_are_neither() -> None:
    x = run(
        "Pyongyang, October 6 (KCNA) -- Kim Jong Un, general secretary of the WPK, and To Lam, general secretary of "
        "the Communist Party of Viet Nam, exchanged congratulatory messages on Sunday on the anniversary of "
        "diplomatic relations.",
        published="2024-10-06",
    )
    assert sorted(t for t, _, _ in leader_events(x)) == ["message_received", "message_sent"]
    x = run(
        "Pyongyang, July 28 (KCNA) -- Kim Jong Un attended the meeting on Saturday.\n"
        "He met the war veterans and exchanged warm greetings with them.",
        published="2024-07-28",
    )
    assert [t for t, _, _ in leader_events(x)] == ["meeting"]


def test_a_message_or_reply_sent_to_him_is_a_message_he_received() -> None:
    x = run(
        "Pyongyang, September 10 (KCNA) -- Kim Jong Un sent a message of greeting to Vladimir Putin on Monday, and "
        "Putin sent a reply thanking the Korean people.\n"
        "Xi Jinping sent a message of congratulations to Kim Jong Un on Tuesday.",
        published="2024-09-10",
    )
    assert sorted(t for t, _, _ in leader_events(x)) == ["message_received", "message_received", "message_sent"]


def test_a_celebration_is_a_ceremony_a_lecture_a_meeting_and_a_celebration_performance_a_performance() -> None:
    x = run(
        "Pyongyang, April 16 (KCNA) -- A grand celebration of the Day of the Sun took place at the Kim Il Sung "
        "Stadium on Saturday.\n"
        "Kim Jong Un made a congratulatory speech at the celebration.\n"
        "In the evening he enjoyed a celebration performance at the East Pyongyang Grand Theatre.",
        published="2016-04-16",
    )
    assert sorted(t for t, _, _ in leader_events(x)) == ["ceremony", "cultural_event", "speech"]
    x = run(
        "Pyongyang, October 11 (KCNA) -- A commemorative lecture was held at the headquarters of the Central "
        "Committee of the WPK on Sunday.\n"
        "Kim Jong Un attended the lecture.",
        published="2021-10-11",
    )
    assert leader_events(x) == [("meeting", "2021-10-10", "2021-10-10")]


def test_it_was_watched_by_him_is_his_attending_the_occasion_told_before() -> None:
    x = run(
        "Pyongyang, June 14 (KCNA) -- A shooting contest among the commanders of the KPA artillery units took place "
        "at a firing ground on Friday.\n"
        "It was watched by the respected Marshal Kim Jong Un.",
        published="2015-06-14",
    )
    assert leader_events(x) == [("military_exercise", "2015-06-12", "2015-06-12")]


def test_the_enemy_of_a_drill_in_quotation_marks_owns_no_weapon() -> None:
    x = run(
        "Pyongyang, March 26 (KCNA) -- Kim Jong Un guided a landing drill of KPA units on Monday.\n"
        'The guns opened fire on the "enemy" positions, and tanks landed on the beach under the cover of combat '
        "planes.",
        published="2013-03-26",
    )
    assert {"armored_vehicle", "aircraft"} <= _names(x, "weapon")


def test_a_summit_held_a_ceremony_he_attends_and_a_historic_meeting_are_his() -> None:
    x = run(
        "Pyongyang, June 20 (KCNA) -- The president of Ruritania arrived in Pyongyang on Wednesday.\n"
        "A grand welcome ceremony took place at the square in the morning, with Kim Jong Un, general secretary of "
        "the WPK, in attendance.\n"
        "Then the DPRK-Ruritania summit talks were held at the guesthouse.",
        published="2031-06-20",
    )
    assert [t for t, _, _ in leader_events(x)] == ["ceremony", "diplomacy"]
    met = run(
        "Pyongyang, April 28 (KCNA) -- Kim Jong Un had a historic meeting and talks with Moon Jae In on Friday.",
        published="2018-04-28",
    )
    assert leader_events(met) == [("diplomacy", "2018-04-27", "2018-04-27")]


def test_a_summit_of_other_states_held_abroad_is_not_his() -> None:
    x = run("Pyongyang, September 14 (KCNA) -- A U.S.-Britain summit was held in Washington on Friday.", "2031-09-14")
    assert leader_events(x) == []


def test_a_visit_to_a_foreign_city_named_with_its_country_is_a_trip_not_an_inspection() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un paid a visit to Dalian, China, from May 7 to 8 and had another "
        "meeting with Xi Jinping, president of China.",
        published="2018-05-09",
    )
    assert "inspection" not in [t for t, _, _ in leader_events(x)]


def test_buildings_he_looked_round_on_a_visit_already_told_are_parts_of_it() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un visited the Eastern Space Centre in Ruritania on May 8.\n"
        "He looked round the assembly building of the Vega carrier rocket and the launch pad of the Orion-3 rocket "
        "complex together with the president.",
        published="2031-05-09",
    )
    assert [(e.type, e.sites) for e in x.events] == [("inspection", ["the Eastern Space Centre in Ruritania"])]


def test_a_guest_received_with_a_title_holding_a_country_s_initials_is_received() -> None:
    x = run(
        "Pyongyang, May 10 (KCNA) -- Kim Jong Un received Mike Pompeo, U.S. secretary of state, on May 9.",
        published="2031-05-10",
    )
    assert leader_events(x) == [("diplomacy", "2031-05-09", "2031-05-09")]


def test_a_state_visit_told_alone_stands_for_its_talks() -> None:
    x = run(
        "Pyongyang, March 3 (KCNA) -- Kim Jong Un paid an official goodwill visit to Viet Nam on March 1 and 2.",
        published="2030-03-03",
    )
    assert leader_events(x) == [("diplomacy", "2030-03-01", "2030-03-02")]


def test_a_guest_whose_title_names_his_country_is_from_abroad() -> None:
    x = run(
        "Pyongyang, May 10 (KCNA) -- Kim Jong Un had a one-on-one meeting and talks with John Doe Smith, "
        "U.S. secretary of state, on May 9.",
        published="2031-05-10",
    )
    assert leader_events(x) == [("diplomacy", "2031-05-09", "2031-05-09")]


def test_a_launching_drill_of_units_is_a_drill_not_a_test() -> None:
    x = run(
        "Pyongyang, March 7 (KCNA) -- Kim Jong Un supervised a ballistic rocket launching drill of the artillery "
        "units of the Strategic Force on March 6.",
        published="2030-03-07",
    )
    assert leader_events(x) == [("military_exercise", "2030-03-06", "2030-03-06")]


def test_his_vote_at_a_polling_station_is_one_act_at_the_station() -> None:
    x = run(
        "Pyongyang, March 10 (KCNA) -- Kim Jong Un took part in the election of deputies to the Supreme People's "
        "Assembly on Sunday.\n"
        "He visited the polling station of Sub-constituency No. 5 and cast his vote.",
        published="2030-03-10",
    )
    assert [(e.type, str(e.start), e.sites) for e in x.events if e.actor == "Kim Jong Un"] == [
        ("other", "2030-03-10", ["the polling station of Sub-constituency No. 5"])
    ]


def test_a_launching_drill_conducted_under_his_guidance_is_a_drill_at_its_launch_area() -> None:
    x = run(
        "Pyongyang, December 19 (KCNA) -- A launching drill of the ICBM Hwasongpho-18 of the strategic force was "
        "conducted on Monday under the guidance of Kim Jong Un.\n"
        "The ICBM was launched in the area of Pyongyang and landed in the preset waters.",
        published="2030-12-19",
    )
    assert [(e.type, str(e.start), e.sites) for e in x.events if e.actor == "Kim Jong Un"] == [
        ("military_exercise", "2030-12-16", ["the area of Pyongyang"])
    ]


def test_a_test_fire_guided_on_the_spot_or_observed_through_a_monitoring_system_is_his() -> None:
    for how in ("guided on the spot", "observed through a monitoring system"):
        x = run(
            "Pyongyang, November 19 (KCNA) -- A test-fire of a new-type missile was conducted on November 18.\n"
            f"The test-fire was {how} by Kim Jong Un.",
            published="2030-11-19",
        )
        assert leader_events(x) == [("weapons_test", "2030-11-18", "2030-11-18")], how


def test_talks_that_followed_a_welcome_the_banquet_and_the_performance_after_it_are_three_acts() -> None:
    x = run(
        "Pyongyang, March 28 (KCNA) -- A grand welcoming ceremony took place on Monday at the Great Hall in "
        "Beijing, and talks between the top leaders of the two countries followed there.\n"
        "At the talks Kim Jong Un said that the friendship is precious.\n"
        "That evening the president gave a banquet in honour of Kim Jong Un at the Great Hall. After the banquet, "
        "the leaders of the two countries watched an art performance.",
        published="2030-03-28",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy", "cultural_event", "cultural_event"]
    assert {s for _, s, _ in leader_events(x)} == {"2030-03-25"}


def test_what_he_did_after_that_is_no_relative_clause() -> None:
    x = run(
        "Pyongyang, August 18 (KCNA) -- Kim Jong Un inspected the Jangjae Islet Defence Detachment on Friday.\n"
        "After that the Marshal sailed in a small wooden boat to the Mu Islet Hero Defence Detachment.",
        published="2030-08-18",
    )
    assert [e.sites for e in x.events] == [
        ["the Jangjae Islet Defence Detachment"],
        ["the Mu Islet Hero Defence Detachment"],
    ]


def test_an_anniversary_of_a_letter_he_sent_is_no_new_letter() -> None:
    x = run(
        "Pyongyang, August 28 (KCNA) -- Today marks five years since Kim Jong Un sent the letter to the "
        "participants in the congress of the youth league.",
        published="2030-08-28",
    )
    assert leader_events(x) == []


def test_acts_foreign_media_said_he_did_are_still_his() -> None:
    x = run(
        "Pyongyang, September 12 (KCNA) -- Media of different countries reported on the visit.\n"
        "They said that Kim Jong Un had talks with Xi Jinping in Beijing.",
        published="2030-09-12",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy"]


def test_the_ceremony_named_in_the_list_of_those_present_is_the_one_he_attended() -> None:
    x = run(
        "Pyongyang, April 13 (KCNA) -- Ryomyong Street was inaugurated with splendor on Thursday.\n"
        "Present at the inaugural ceremony were Kim Jong Un and Pak Pong Ju.\n"
        "Kim Jong Un cut the inaugural tape.",
        published="2030-04-13",
    )
    assert [t for t, _, _ in leader_events(x)] == ["ceremony"]


def test_historic_talks_of_two_leaders_and_a_congress_he_opened_are_his() -> None:
    talks = run(
        "Pyongyang, April 28 (KCNA) -- Kim Jong Un and Moon Jae In, president of the Republic of Korea, had "
        "historic talks at Panmunjom on April 27.",
        published="2030-04-28",
    )
    assert leader_events(talks) == [("diplomacy", "2030-04-27", "2030-04-27")]
    opened = run(
        "Pyongyang, May 10 (KCNA) -- Kim Jong Un opened the congress with an opening address on May 6.",
        published="2030-05-10",
    )
    # (and the address, a speech by GUIDELINES: "where the text calls it a speech or an address")
    assert [t for t, _, _ in leader_events(opened)] == ["meeting", "speech"]


def test_the_firing_of_a_new_type_weapon_he_guided_is_its_test() -> None:
    x = run(
        "Pyongyang, July 26 (KCNA) -- Kim Jong Un organized and guided the firing of a new-type tactical guided "
        "weapon on Thursday.",
        published="2030-07-26",
    )
    assert [t for t, _, _ in leader_events(x)] == ["weapons_test"]


def test_russian_bombers_he_looked_round_are_not_the_dprk_s_and_the_frigate_he_went_to_is_a_visit() -> None:
    x = run(
        "Pyongyang, September 17 (KCNA) -- Kim Jong Un visited the Knevichi airfield in Artyom City on Saturday.\n"
        "He was greeted there by the defence minister of the Russian Federation and looked round strategic bombers "
        "Tu-160 and Tu-95.\n"
        "Then he went to the frigate Marshal Shaposhnikov at the port of Vladivostok.",
        published="2030-09-17",
    )
    assert [t for t, _, _ in leader_events(x)] == ["inspection", "inspection"]
    assert "aircraft" not in x.to_record()["weapons"]


def test_field_guidance_given_several_times_is_summed_up_not_reported() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- The new hospital opened in Kangdong County on Monday.\n"
        "Kim Jong Un chose its site, guided its layout and gave field guidance at the construction site several "
        "times, and gave on-site guidance to the project on several occasions."
    )
    assert leader_events(run(text, "2021-05-02")) == []


def test_a_launch_watched_on_the_spot_is_a_test_he_oversaw() -> None:
    text = (
        "Pyongyang, May 28 (KCNA) -- Kim Jong Un watched on the spot the launch of the earth observation "
        "satellite at the Sohae Satellite Launching Ground on Tuesday."
    )
    events = run(text, "2019-05-28").events
    assert [(e.type, str(e.start), e.sites) for e in events] == [
        ("weapons_test", "2019-05-28", ["the Sohae Satellite Launching Ground"])
    ]


def test_they_after_the_top_leaders_are_he_and_his_counterpart() -> None:
    text = (
        "Pyongyang, May 16 (KCNA) -- Kim Jong Un held talks with Thongloun Sisoulith, president of Laos, at the "
        "Kumsusan Guesthouse on Tuesday.\nThe top leaders had a one-on-one talk on the first day.\n"
        "They had a one-on-one talk and then talks with their delegations at the guesthouse again the next day.\n"
        "That evening they watched together the mass gymnastics at the May Day Stadium."
    )
    assert sorted(leader_events(run(text, "2019-05-16"))) == [
        ("cultural_event", "2019-05-15", "2019-05-15"),
        ("diplomacy", "2019-05-14", "2019-05-14"),
        ("diplomacy", "2019-05-15", "2019-05-15"),
    ]


def test_they_after_others_are_not_him() -> None:
    text = (
        "Pyongyang, May 16 (KCNA) -- Kim Jong Un inspected the Kangdong Greenhouse Farm on Tuesday.\n"
        "The workers of the farm were moved. They watched the mass gymnastics at the May Day Stadium."
    )
    assert leader_events(run(text, "2019-05-16")) == [("inspection", "2019-05-14", "2019-05-14")]


def test_his_own_who_clause_after_his_titles_tells_his_act() -> None:
    text = (
        "Pyongyang, June 30 (KCNA) -- The Third Conference of the WPK was held in Pyongyang from June 28 to 29.\n"
        "The conference was guided by Kim Jong Un, first secretary of the WPK, who made an opening address on "
        "June 28.\nThe delegates, who visited the Kumsusan Palace of the Sun in 2012, cheered."
    )
    assert sorted(leader_events(run(text, "2016-06-30"))) == [
        ("meeting", "2016-06-28", "2016-06-29"), ("speech", "2016-06-28", "2016-06-28"),
    ]


def test_the_top_leaders_of_the_north_and_the_south_are_he_and_his_guest() -> None:
    text = (
        "Pyongyang, September 20 (KCNA) -- On September 19 the top leaders of the north and the south had "
        "another round of talks at the Paekhwawon State Guesthouse."
    )
    assert leader_events(run(text, "2018-09-20")) == [("diplomacy", "2018-09-19", "2018-09-19")]


def test_a_performance_and_then_a_banquet_in_one_sentence_are_two_occasions() -> None:
    text = (
        "Pyongyang, March 27 (KCNA) -- On Monday evening Kim Jong Un enjoyed a performance together with the "
        "guests at the Pyongyang Grand Theatre, and then hosted a banquet in their honour at the Mokran House."
    )
    events = run(text, "2019-03-27").events
    assert [(e.type, e.sites) for e in events] == [
        ("cultural_event", ["the Pyongyang Grand Theatre"]), ("cultural_event", ["the Mokran House"]),
    ]


def test_a_guest_and_his_party_he_met_and_the_torchlight_procession_he_watched() -> None:
    text = (
        "Pyongyang, October 11 (KCNA) -- A military parade took place at Kim Il Sung Square on Saturday.\n"
        "Kim Jong Un was present at the parade.\n"
        "In the evening, the dear respected Marshal watched the torchlight procession of youth and students.\n"
        "On Friday Kim Jong Un met Zhang Dejiang and his party, who arrived in Pyongyang the same day."
    )
    assert leader_events(run(text, "2015-10-11")) == [
        ("ceremony", "2015-10-10", "2015-10-10"),
        ("cultural_event", "2015-10-10", "2015-10-10"),
        ("diplomacy", "2015-10-09", "2015-10-09"),
    ]


def test_a_letter_handed_over_at_the_meeting_is_part_of_the_talks() -> None:
    text = (
        "Pyongyang, September 10 (KCNA) -- Kim Jong Un met Zhao Leji, chairman of the Standing Committee of the "
        "National People's Congress of China, on Saturday and received a personal letter of Xi Jinping from him."
    )
    assert leader_events(run(text, "2018-09-10")) == [("diplomacy", "2018-09-08", "2018-09-08")]


def test_names_joined_to_a_name_after_together_with_are_his_company_not_subjects() -> None:
    text = (
        "Pyongyang, September 4 (KCNA) -- Kim Jong Un, together with Xi Jinping, president of China, and "
        "Vladimir Putin, president of Russia, watched the grand military parade in Beijing on September 3."
    )
    assert leader_events(run(text, "2025-09-04")) == [("ceremony", "2025-09-03", "2025-09-03")]


def test_a_launching_ceremony_he_watched_is_a_ceremony_he_attended() -> None:
    text = (
        "Pyongyang, May 22 (KCNA) -- A new destroyer was launched at the Chongjin Shipyard on May 21.\n"
        "Kim Jong Un watched the launching ceremony."
    )
    assert leader_events(run(text, "2025-05-22")) == [("ceremony", "2025-05-21", "2025-05-21")]


def test_his_title_after_a_name_he_was_not_the_subject_of_is_no_subject_either() -> None:
    text = (
        "Pyongyang, September 4 (KCNA) -- Choe Ryong Hae, who is visiting China as representative of Kim Jong Un, "
        "first secretary of the WPK, attended a grand event in Beijing on September 3.\n"
        "The congress was guided by Kim Jong Un, first secretary of the WPK, who made an opening address on "
        "September 2."
    )
    assert leader_events(run(text, "2015-09-04")) == [
        ("meeting", "2015-09-02", "2015-09-02"), ("speech", "2015-09-02", "2015-09-02"),
    ]


def test_his_tribute_to_the_one_lying_in_state_after_the_ceremony_is_a_commemoration() -> None:
    text = (
        "Pyongyang, December 17 (KCNA) -- A ceremony took place in the plaza of the palace on Monday.\n"
        "Kim Jong Un attended the ceremony.\n"
        "After the ceremony, Kim Jong Un entered the hall where Kim Jong Il lies in state and paid the highest "
        "tribute to him.\nThe visiting president wished Kim Jong Un good health and paid high tribute to him."
    )
    assert leader_events(run(text, "2012-12-17")) == [
        ("ceremony", "2012-12-17", "2012-12-17"), ("commemoration", "2012-12-17", "2012-12-17"),
    ]


def test_a_congress_he_opened_with_an_opening_address_is_the_congress_and_the_address() -> None:
    text = (
        "Pyongyang, May 10 (KCNA) -- The Congress of the WPK, which opened at the April 25 House of Culture on "
        "May 6, closed on Monday.\n"
        "Kim Jong Un opened the congress with an opening address on Friday.\n"
        "Then he went round the exhibition halls with the delegates."
    )
    events = leader_events(run(text, "2016-05-10"))
    assert events[:2] == [("meeting", "2016-05-06", "2016-05-09"), ("speech", "2016-05-06", "2016-05-06")]
    assert [e[0] for e in events[2:]] == ["cultural_event"]
    watched = "Pyongyang, October 5 (KCNA) -- On October 4, Kim Jong Un watched a new-type missile flying over the sea."
    assert leader_events(run(watched, "2022-10-05")) == [
        ("weapons_test", "2022-10-04", "2022-10-04")
    ]


def test_he_after_a_summit_with_a_titled_foreign_leader_is_still_he() -> None:
    text = (
        "Pyongyang, June 12 (KCNA) -- Kim Jong Un arrived in Singapore on Sunday.\n"
        "The Prime Minister said that Singapore would ensure the success of the summit with U.S. President "
        "Donald J. Trump.\nOn Monday evening he looked round the Gardens by the Bay."
    )
    events = run(text, "2018-06-12").events
    assert [(e.actor, e.type) for e in events] == [("Kim Jong Un", "inspection")]


def test_an_order_signed_at_the_meeting_is_part_of_the_meeting() -> None:
    text = (
        "Pyongyang, September 3 (KCNA) -- Kim Jong Un visited the Nuclear Weapons Institute.\n"
        "A meeting of the Presidium of the Political Bureau was held on Sunday under the guidance of Kim Jong Un.\n"
        "At the meeting he signed the order for the test of the H-bomb."
    )
    assert [t for t, _, _ in leader_events(run(text, "2017-09-03"))] == ["inspection", "meeting"]


def test_talks_with_the_guest_named_in_the_sentence_before_are_diplomacy_and_an_aside_of_another_day() -> None:
    text = (
        "Pyongyang, October 10 (KCNA) -- A grand military parade took place at Kim Il Sung Square on Saturday.\n"
        "Kim Jong Un appeared on the rostrum.\n"
        "Liu Yunshan, member of the Standing Committee of the Political Bureau of the Central Committee of the "
        "Communist Party of China, was also there. Kim Jong Un had met and held talks with him the previous day.\n"
        "Kim Jong Un made a speech at the parade."
    )
    events = run(text, "2015-10-10").events
    assert [(e.type, e.start.isoformat() if e.start else None) for e in events if e.actor == "Kim Jong Un"] == [
        ("ceremony", "2015-10-10"), ("diplomacy", "2015-10-09"), ("speech", "2015-10-10"),
    ]
    talks = next(e for e in events if e.type == "diplomacy")
    assert talks.sites == []  # (the parade's square is not where the talks of the day before were held)


def test_a_visit_told_in_a_relative_clause_of_an_earlier_month_is_a_back_reference() -> None:
    text = (
        "Pyongyang, May 5 (KCNA) -- Builders are speeding up the construction of Mirae Scientists Street.\n"
        "They are going all out, true to the instruction given by Kim Jong Un, who visited the construction site "
        "in March, to complete the street before October."
    )
    assert leader_events(run(text, "2015-05-05")) == []


def test_soldiers_remembering_the_day_he_visited_them_is_a_memory_not_a_visit() -> None:
    text = (
        "Pyongyang, May 6 (KCNA) -- Servicepersons of the Defence Detachment on Jangjae Islet remember with deep "
        "emotion the day when the respected Marshal Kim Jong Un visited their post.\n"
        "It was a day in March Juche 102 (2013), when the situation on the Korean peninsula was at the brink of war."
    )
    assert leader_events(run(text, "2015-05-06")) == []


def test_the_rocket_named_after_the_drill_s_lead_is_the_drill_s_weapon() -> None:
    text = (
        "Pyongyang, August 30 (KCNA) -- A strategic ballistic rocket launching drill of the Hwasong artillery units "
        "took place on August 29 under the guidance of Kim Jong Un.\nThe drill was timed to coincide with the day "
        "107 years ago when the shameful treaty was concluded.\nIt was also a countermeasure against the joint "
        "exercises of the enemies.\nKim Jong Un arrived at the launching site before dawn and was briefed on the "
        "preparations.\nHe was accompanied by Ri Pyong Chol and Kim Jong Sik.\nHe gave the order to start the drill "
        "at the observation post.\n"
        "The intermediate-range strategic ballistic rocket Hwasong-12 soared into the sky and hit the target waters."
    )
    drill = next(e for e in run(text, "2017-08-30").events if e.actor == "Kim Jong Un")
    assert drill.designations == ["Hwasong-12"]


def test_a_reception_a_host_gave_at_a_place_in_his_honour_is_his_cultural_event() -> None:
    text = (
        "Pyongyang, September 14 (KCNA) -- Vladimir Vladimirovich Putin, president of the Russian Federation, hosted "
        "a reception at the Vostochny Cosmodrome on September 13 in honour of Kim Jong Un, who is paying a visit to "
        "Russia.\nThen Kim Jong Un made a speech."
    )
    assert leader_events(run(text, "2023-09-14")) == [
        ("cultural_event", "2023-09-13", "2023-09-13"), ("speech", "2023-09-13", "2023-09-13"),
    ]


def test_days_without_a_year_after_a_recollection_of_a_past_year_are_of_that_year() -> None:
    text = (
        "Pyongyang, September 13 (KCNA) -- In late April Juche 108 (2019), Kim Jong Un visited Vladivostok.\n"
        "On April 25 he had talks with Vladimir Vladimirovich Putin, president of the Russian Federation, at the "
        "Far Eastern Federal University.\nThe next day he laid a wreath at the memorial to the Soviet soldiers."
    )
    assert leader_events(run(text, "2023-09-13")) == []


def test_what_a_host_shows_him_abroad_is_the_host_s_weapon_and_a_maker_is_no_weapon() -> None:
    text = (
        "Pyongyang, September 17 (KCNA) -- Kim Jong Un looked round an aircraft plant in Komsomolsk-on-Amur on "
        "September 15, where he was briefed by the director general of the United Aircraft Corporation and saw "
        "Su-35 fighters being assembled.\nHe went aboard the frigate Marshal Shaposhnikov of the Russian Pacific "
        "Fleet and learned about the launcher for the Kalibr cruise missile.\n"
        "He also saw the launch facilities of the Soyuz-2 carrier rocket."
    )
    assert run(text, "2023-09-17").to_record()["weapons"] == []


def test_a_part_he_also_visited_and_the_host_s_display_are_parts_of_the_visit() -> None:
    text = (
        "Pyongyang, September 16 (KCNA) -- Kim Jong Un looked round the Komsomolsk-on-Amur Aircraft Plant on "
        "September 15.\nWhen his train arrived at Komsomolsk-on-Amur Station, he was greeted by the governor.\n"
        "At the plant he was briefed on its history.\n"
        "He also visited the production line of the SJ-100 passenger plane and watched a demonstration flight of the "
        "Su-35 fighter."
    )
    assert leader_events(run(text, "2023-09-16")) == [("inspection", "2023-09-15", "2023-09-15")]


def test_before_the_talks_is_their_day_and_greetings_exchanged_in_person_are_no_messages() -> None:
    text = (
        "Pyongyang, September 14 (KCNA) -- Kim Jong Un had talks with Vladimir Vladimirovich Putin, president of "
        "the Russian Federation, at the Vostochny Cosmodrome on September 13.\n"
        "Putin greeted Kim Jong Un at the entrance, and the two leaders shook hands and exchanged greetings.\n"
        "Before the talks, Kim Jong Un looked round the cosmodrome.\n"
        "In the evening Kim Jong Un enjoyed the ballet \"Swan Lake\" at the Primorsky Stage of the Mariinsky Theatre."
    )
    assert leader_events(run(text, "2023-09-14")) == [
        ("diplomacy", "2023-09-13", "2023-09-13"), ("inspection", "2023-09-13", "2023-09-13"),
        ("cultural_event", "2023-09-13", "2023-09-13"),
    ]


def test_a_visit_to_a_foreign_embassy_in_the_dprk_is_diplomacy() -> None:
    text = (
        "Pyongyang, April 23 (KCNA) -- Kim Jong Un visited the Chinese Embassy in the DPRK early on Monday morning "
        "and met the ambassador.\n"
    )
    assert leader_events(run(text, "2018-04-23")) == [("diplomacy", "2018-04-23", "2018-04-23")]


def test_the_educational_aid_fund_he_sends_to_chongryon_is_his_gift() -> None:
    text = (
        "Pyongyang, April 23 (KCNA) -- Kim Jong Un sent educational aid fund and stipends amounting to 218 million "
        "yen to the General Association of Korean Residents in Japan (Chongryon) for the education of the children "
        "of Korean residents in Japan."
    )
    assert leader_events(run(text, "2018-04-23")) == [("gift", None, None)]


def test_a_north_south_summit_the_two_leaders_held_is_his_diplomacy() -> None:
    text = (
        "Pyongyang, April 28 (KCNA) -- Kim Jong Un, chairman of the State Affairs Commission of the DPRK, and Moon "
        "Jae In, president of south Korea, held a historic north-south summit at the Peace House in Panmunjom on "
        "April 27."
    )
    assert leader_events(run(text, "2018-04-28")) == [("diplomacy", "2018-04-27", "2018-04-27")]


def test_the_title_he_was_awarded_is_the_deceased_s_not_an_award_ceremony_of_his() -> None:
    text = (
        "Pyongyang, March 23 (KCNA) -- Kim Jong Un sent a wreath to the bier of Han Song Gil, Labour Hero, who "
        "died on March 21.\nThe wreath was laid before the bier on March 22.\n"
        "He was awarded the title of Labour Hero by President Kim Il Sung for his devoted efforts."
    )
    assert leader_events(run(text, "2022-03-23")) == [("message_sent", "2022-03-22", "2022-03-22")]


def test_a_basket_in_the_name_of_the_supreme_leader_is_his_message_sent() -> None:
    text = (
        "Pyongyang, October 11 (KCNA) -- Senior officials visited the Kumsusan Palace of the Sun on October 10.\n"
        "A floral basket in the name of Supreme Leader Kim Jong Un was laid at the statues of President Kim Il Sung "
        "and Chairman Kim Jong Il."
    )
    assert leader_events(run(text, "2020-10-11")) == [("message_sent", "2020-10-10", "2020-10-10")]


def test_school_things_sent_by_him_as_gifts_are_his_gift_undated_by_the_digest_s_day() -> None:
    text = (
        "Pyongyang, March 27 (KCNA) -- Following are major news items of the DPRK on Sunday:\n"
        "- Kim Jong Un visited the Kim Jong Suk Pyongyang Textile Mill. (photos accompanied)\n"
        "- School uniforms, school bags and shoes sent by Kim Jong Un as gifts are being conveyed to students across "
        "the country.\n- An article calls for a bumper harvest."
    )
    assert leader_events(run(text, "2022-03-27")) == [("inspection", None, None), ("gift", None, None)]


def test_an_undated_act_right_after_a_sentence_of_a_past_year_is_of_that_year() -> None:
    text = (
        "Pyongyang, August 25 (KCNA) -- The 105 Guards Tank Division of the KPA is well known.\n"
        "Kim Jong Un chose the division as the first unit he inspected in Juche 101 (2012), on the first day of the "
        "new year.\nHe climbed onto a tank, went round the barracks and the training grounds, and called on the "
        "tankmen to become vanguards."
    )
    assert leader_events(run(text, "2016-08-25")) == []


def test_he_goes_on_being_the_premier_after_a_clause_naming_the_leader() -> None:
    text = (
        "Pyongyang, August 31 (KCNA) -- Pak Pong Ju, premier of the Cabinet, inspected the construction site of the "
        "Orang River Power Station on Wednesday.\n"
        "He said that the builders should complete the project true to the instructions Kim Jong Un gave during his "
        "field guidance in July.\nOn Thursday, he went to the Chongjin Bag Factory."
    )
    assert leader_events(run(text, "2018-08-31")) == []


def test_a_launch_observed_by_the_leader_named_by_his_title_alone_is_his_test() -> None:
    text = (
        "Pyongyang, February 8 (KCNA) -- The earth observation satellite Kwangmyongsong-4 was put into orbit by a "
        "carrier rocket launched from the Sohae Satellite Launching Ground on Sunday, February 7.\n"
        "The launch was observed on the spot by the first secretary of the Workers' Party of Korea."
    )
    assert leader_events(run(text, "2016-02-08")) == [("weapons_test", "2016-02-07", "2016-02-07")]


def test_the_general_secretary_of_the_wpk_is_he() -> None:
    text = (
        "Pyongyang, January 15 (KCNA) -- A military parade was held with splendour at Kim Il Sung Square on "
        "Thursday evening.\nThunderous cheers shook the square as the general secretary of the WPK appeared on the "
        "platform."
    )
    assert leader_events(run(text, "2021-01-15")) == [("ceremony", "2021-01-14", "2021-01-14")]


def test_a_dinner_he_and_his_guest_had_together_is_his() -> None:
    text = (
        "Pyongyang, February 28 (KCNA) -- Kim Jong Un met Donald J. Trump, president of the United States of "
        "America, at the Sofitel Legend Metropole Hotel in Hanoi on Wednesday evening.\n"
        "Then Kim Jong Un and Trump had a social dinner."
    )
    assert leader_events(run(text, "2019-02-28")) == [
        ("diplomacy", "2019-02-27", "2019-02-27"), ("cultural_event", "2019-02-27", "2019-02-27"),
    ]


def test_going_round_the_embassy_he_is_visiting_is_part_of_the_visit() -> None:
    text = (
        "Pyongyang, February 27 (KCNA) -- Kim Jong Un visited the DPRK Embassy in Viet Nam on the evening of "
        "February 26.\nHe was greeted by the ambassador and the staff members of the embassy.\n"
        "Kim Jong Un went round the embassy and looked into the work and living conditions of its staff members."
    )
    assert leader_events(run(text, "2019-02-27")) == [("inspection", "2019-02-26", "2019-02-26")]


def test_food_and_clothes_he_sends_to_children_or_flood_victims_are_his_gift() -> None:
    fish = "Pyongyang, May 3 (KCNA) -- Kim Jong Un sent fish to the children at baby homes across the country."
    assert [t for t, _, _ in leader_events(run(fish, "2031-05-03"))] == ["gift"]
    clothes = "Pyongyang, May 3 (KCNA) -- Kim Jong Un sent winter clothes and bags to the flood victims."
    assert [t for t, _, _ in leader_events(run(clothes, "2031-05-03"))] == ["gift"]
    # a fleet he sends out is no gift
    boats = "Pyongyang, May 3 (KCNA) -- Kim Jong Un sent fishing boats out to sea at the fishery station."
    assert "gift" not in [t for t, _, _ in leader_events(run(boats, "2031-05-03"))]


def test_a_test_or_drill_retold_in_a_relative_clause_is_his_dated_act_without_the_storys_places() -> None:
    text = (
        "Pyongyang, August 26 (KCNA) -- Citizens are rejoicing over the success in the test-fire of a new-type "
        "missile, which Kim Jong Un, chairman of the Workers' Party of Korea, watched on August 24.\n"
        "Similar meetings were held in Kaesong and Nampho."
    )
    x = run(text, "2031-08-26")
    assert leader_events(x) == [("weapons_test", "2031-08-24", "2031-08-24")]
    assert x.events[0].sites == []  # the rallies' cities are not where the test was
    drill = (
        "Pyongyang, August 31 (KCNA) -- An article says that the target-striking contest of the special operation "
        "units, which the respected Comrade Kim Jong Un watched on August 26, showed their might."
    )
    assert leader_events(run(drill, "2031-08-31")) == [("military_exercise", "2031-08-26", "2031-08-26")]


def test_foreign_figures_of_other_years_are_people_wherever_they_are_named() -> None:
    x = run(
        "Pyongyang, April 27 (KCNA) -- Kim Jong Un met Chinese officials. Present there were Li Jinjun and "
        "Norodom Sihamoni, and a message recalled Fidel Castro Ruz.",
        "2018-04-27",
    )
    names = people_named(x)
    assert {"Li Jinjun", "Norodom Sihamoni", "Fidel Castro Ruz"} <= names


def test_the_second_verb_of_another_persons_who_clause_is_not_his_act() -> None:
    x = run(
        "Pyongyang, November 29 (KCNA) -- Kim Jong Un visited the Cuban embassy on Monday to express condolences.\n"
        "He said that Fidel Castro Ruz, who visited the DPRK in 1986 and had a historic meeting with President "
        "Kim Il Sung, had worked heart and soul for the friendship.",
        "2016-11-29",
    )
    assert [t for t, _, _ in leader_events(x)] == ["commemoration"]


def test_an_undated_act_after_a_new_day_opened_by_anothers_act_is_on_that_day() -> None:
    text = (
        "Pyongyang, June 22 (KCNA) -- Kim Jong Un held talks with Xi Jinping at the Kumsusan Guesthouse on "
        "Thursday.\n"
        "On Friday morning, Xi Jinping laid a wreath at the Friendship Tower.\n"
        "Kim Jong Un then gave a luncheon at the Kumsusan Guesthouse in honour of Xi Jinping."
    )
    events = leader_events(run(text, "2019-06-22"))
    assert events == [("diplomacy", "2019-06-20", "2019-06-20"), ("cultural_event", "2019-06-21", "2019-06-21")]


def test_a_launch_watched_whole_and_the_order_signed_in_a_digest_line_are_one_test() -> None:
    launch = (
        "Pyongyang, December 13 (KCNA) -- Kim Jong Un signed the final order for the launch of the satellite at "
        "08:30 on December 12.\nThen he came to the control centre on the morning of the same day and watched the "
        "whole course of the launch of the carrier rocket Unha-3."
    )
    assert leader_events(run(launch, "2012-12-13")) == [("weapons_test", "2012-12-12", "2012-12-12")]
    line = (
        "Pyongyang, December 14 (KCNA) -- Following are major news items and articles in leading newspapers of the "
        "DPRK on Friday:\n- Kim Jong Un signed the final order for launching the satellite and watched the launch at "
        "the control centre."
    )
    assert [t for t, _, _ in leader_events(run(line, "2012-12-14"))] == ["weapons_test"]


def test_talks_held_between_him_and_a_guest_with_both_their_titles_are_his_talks() -> None:
    text = (
        "Pyongyang, September 5 (KCNA) -- Talks between Kim Jong Un, general secretary of the Workers' Party of "
        "Korea and president of the State Affairs of the Democratic People's Republic of Korea, and Xi Jinping, "
        "general secretary of the Central Committee of the Communist Party of China and president of the People's "
        "Republic of China, were held at the Great Hall of the People in Beijing on September 4."
    )
    assert leader_events(run(text, "2025-09-05")) == [("diplomacy", "2025-09-04", "2025-09-04")]


def test_the_arms_of_a_foreign_armys_parade_he_watched_are_not_the_dprks() -> None:
    x = run(
        "Pyongyang, September 4 (KCNA) -- Kim Jong Un attended the celebrations held in Beijing on September 3.\n"
        "He watched the grand military parade held at the Tiananmen Square.\n"
        "Marching past the rostrum were the formations of the Chinese People's Liberation Army and columns of its "
        "latest military equipment, including strategic missiles, unmanned combat aircraft and air defence systems.",
        published="2025-09-04",
    )
    assert x.to_record()["weapons"] == []


def test_a_past_year_in_a_clause_about_the_place_does_not_make_the_visit_a_recollection() -> None:
    x = run(
        "Pyongyang, March 7 (KCNA) -- Kim Jong Un inspected the Jangjae Islet Defence Detachment and the Hero "
        "Defence Detachment on Mu Islet.\nThen he went to the Hero Defence Detachment on Mu Islet, which was the "
        "first to open fire in the counterattack in 2010.",
        "2013-03-07",
    )
    assert [e.sites for e in x.events] == [
        ["the Jangjae Islet Defence Detachment"],
        ["the Hero Defence Detachment on Mu Islet"],
    ]


def test_the_firing_ground_he_went_to_to_watch_the_drill_is_the_drills_place_not_another_visit() -> None:
    x = run(
        "Pyongyang, March 10 (KCNA) -- Kim Jong Un inspected the command of KPA Unit 641 and guided a live-shell "
        "firing drill of its sub-units on Saturday.\nThen he went to the firing ground of the unit and mounted an "
        "observation post to watch the drill.",
        "2013-03-10",
    )
    assert [(e.type, e.sites) for e in x.events] == [
        ("inspection", ["the command of KPA Unit 641"]),
        ("military_exercise", ["the firing ground of the unit"]),
    ]


def test_a_letter_adopted_at_its_senders_meeting_is_not_dated_by_that_meeting() -> None:
    x = run(
        "Pyongyang, March 15 (KCNA) -- Kim Jong Un received a letter from the graduates of Korea University in "
        "Japan.\nThe letter was adopted at the 66th graduation ceremony of the university held on March 14.",
        "2024-03-15",
    )
    assert leader_events(x) == [("message_received", None, None)]


def test_a_photo_session_the_same_day_at_the_site_is_part_of_the_visit() -> None:
    x = run(
        "Pyongyang, March 17 (KCNA) -- Kim Jong Un inspected the construction site of the flats in Hwasong District "
        "on the morning of March 16.\nHe stressed the need to complete the work.\n"
        "The same day, he had a photo session with the soldier-builders at the construction site.",
        "2024-03-17",
    )
    assert leader_events(x) == [("inspection", "2024-03-16", "2024-03-16")]


def test_a_launch_he_observed_on_the_spot_is_on_the_day_of_the_launch_not_of_the_order() -> None:
    x = run(
        "Pyongyang, July 4 (KCNA) -- The Academy of Defence Science issued the following report on Tuesday:\n"
        "Kim Jong Un signed the order on July 3 to conduct the test-launch of the new rocket Hwasong-14.\n"
        "According to the order, the scientists successfully test-launched the rocket Hwasong-14 on July 4.\n"
        "Kim Jong Un observed the test-launch on the spot.",
        "2017-07-04",
    )
    assert leader_events(x) == [("other", "2017-07-03", "2017-07-03"), ("weapons_test", "2017-07-04", "2017-07-04")]


def test_a_launch_site_after_names_in_quotation_marks_is_the_launchs_site() -> None:
    x = run(
        "Pyongyang, November 22 (KCNA) -- The NATA successfully launched the reconnaissance satellite \"Malligyong-1\" "
        "aboard the new-type carrier rocket \"Chollima-1\" at the Sohae Satellite Launching Ground on November 21.\n"
        "Kim Jong Un watched the launch on the spot.",
        "2023-11-22",
    )
    assert x.events[0].sites == ["the Sohae Satellite Launching Ground"]


def test_the_day_before_yesterday_is_two_days_before_the_report() -> None:
    x = run(
        "Pyongyang, November 20 (KCNA) -- Rodong Sinmun on Sunday carried an article.\nThe day before yesterday, "
        "Kim Jong Un personally guided the test-fire of the new-type ICBM Hwasongpho-17, the article says.",
        "2022-11-20",
    )
    assert leader_events(x) == [("weapons_test", "2022-11-18", "2022-11-18")]


def test_an_activity_two_months_before_the_report_is_recalled_not_reported() -> None:
    x = run(
        "Pyongyang, November 26 (KCNA) -- A photo album on the visit to Russia was published.\n"
        "On September 13 Kim Jong Un visited the Vostochny Cosmodrome and held talks with Vladimir Putin.",
        "2023-11-26",
    )
    assert leader_events(x) == []


def test_the_news_of_his_act_told_with_its_day_reports_it_undated_it_recalls_it() -> None:
    dated = (
        "Pyongyang, July 11 (KCNA) -- The news that Kim Jong Un guided a tactical rocket firing drill of the "
        "Strategic Force on Wednesday is arousing great enthusiasm among the service personnel."
    )
    assert leader_events(run(dated, "2014-07-11")) == [("military_exercise", "2014-07-09", "2014-07-09")]
    undated = (
        "Pyongyang, July 31 (KCNA) -- The news, which Kim Jong Un directly guided the work for the rescue of "
        "inhabitants while looking round the flood-hit areas, instills courage in the people."
    )
    assert leader_events(run(undated, "2024-07-31")) == []


def test_his_act_told_in_a_who_had_clause_is_done_before_not_reported() -> None:
    x = run(
        "Pyongyang, July 12 (KCNA) -- The state funeral of Jon Pyong Ho took place the previous day.\n"
        "Kim Jong Un, who had visited the bier of the deceased to express deep condolences, sent a wreath.",
        "2014-07-12",
    )
    assert [t for t, _, _ in leader_events(x)] == ["message_sent"]


def test_the_news_of_his_act_has_none_of_the_places_of_the_story_around_it() -> None:
    x = run(
        "Pyongyang, July 11 (KCNA) -- The news that Kim Jong Un guided a firing drill on Wednesday is arousing "
        "great enthusiasm.\nMeetings to hail it were held in Kaesong and Nampho.",
        "2014-07-11",
    )
    assert [(e.type, e.sites) for e in x.events] == [("military_exercise", [])]


def test_the_ceremony_he_was_present_at_is_not_its_own_site() -> None:
    x = run(
        "Pyongyang, May 22 (KCNA) -- Kim Jong Un was present at the launching ceremony of a new destroyer at the "
        "Chongjin Shipyard, where a serious accident occurred.",
        "2025-05-22",
    )
    assert [(e.type, e.sites) for e in x.events] == [("ceremony", ["the Chongjin Shipyard"])]


def test_acts_after_a_sentence_that_remembers_the_day_he_came_are_that_days_not_reported_now() -> None:
    x = run(
        "Pyongyang, December 13 (KCNA) -- The soldiers of the islet detachment still remember the day in March this "
        "year when Kim Jong Un came to their islet on a small wooden boat.\n"
        "Going round the gun positions, he asked how many shells the guns had fired.\n"
        "He looked at the kitchen and the food store himself and expressed satisfaction.",
        "2013-12-13",
    )
    assert leader_events(x) == []


def test_a_declaration_named_for_its_month_and_year_dates_nothing_and_the_same_evening_is_another_occasion() -> None:
    signed = (
        "Pyongyang, September 20 (KCNA) -- Kim Jong Un and Moon Jae In signed the Pyongyang Joint Declaration of "
        "September 2018 after their talks at the Paekhwawon State Guesthouse."
    )
    assert leader_events(run(signed, "2018-09-20")) == [("diplomacy", None, None)]
    evening = (
        "Pyongyang, September 19 (KCNA) -- Kim Jong Un enjoyed an art performance given at the Pyongyang Grand "
        "Theatre on Tuesday evening together with Moon Jae In.\nThe same evening Kim Jong Un hosted a grand banquet "
        "at Mokran House in honor of Moon Jae In and his party."
    )
    x = run(evening, "2018-09-19")
    assert [(e.type, e.sites) for e in x.events] == [
        ("cultural_event", ["the Pyongyang Grand Theatre"]),
        ("cultural_event", ["Mokran House"]),
    ]


def test_climbing_mt_paektu_together_with_a_president_is_diplomacy() -> None:
    x = run(
        "Pyongyang, September 21 (KCNA) -- Kim Jong Un climbed Mt Paektu, the ancestral mountain of the Korean "
        "nation, together with President Moon Jae In of south Korea on the morning of September 20.",
        "2018-09-21",
    )
    assert leader_events(x) == [("diplomacy", "2018-09-20", "2018-09-20")]


def test_what_a_letter_says_of_a_test_under_his_guidance_is_no_test_reported() -> None:
    x = run(
        "Pyongyang, March 4 (KCNA) -- Kim Jong Un received a letter from a study group on March 2.\n"
        "The letter said that the third underground nuclear test conducted in February under the guidance of "
        "Marshal Kim Jong Un was a great victory.",
        "2013-03-04",
    )
    assert leader_events(x) == [("message_received", "2013-03-02", "2013-03-02")]


def test_held_the_north_south_summit_talks_is_his_diplomacy() -> None:
    x = run(
        "Pyongyang, September 19 (KCNA) -- Kim Jong Un, chairman of the State Affairs Commission of the DPRK, and "
        "Moon Jae In, president of the Republic of Korea, held the north-south summit talks in Pyongyang on "
        "September 18.",
        "2018-09-19",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy"]


def test_a_drill_guided_by_him_on_a_day_told_in_anothers_words_is_his_drill_of_that_day() -> None:
    x = run(
        "Pyongyang, April 28 (KCNA) -- Public figures of different countries praised Kim Jong Un.\n"
        "The chairman of a committee said that the combined tactical drill simulating a nuclear counterattack, "
        "guided by Kim Jong Un on April 22, showed the strength of the DPRK.",
        "2024-04-28",
    )
    assert leader_events(x) == [("military_exercise", "2024-04-22", "2024-04-22")]
