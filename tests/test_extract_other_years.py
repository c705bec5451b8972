"""Dispatches of the whole Kim Jong Un era (2012-2025), written for the tests in the styles of their years:
the leader's older titles, the weapons, officials and places of those years."""

from __future__ import annotations

from extract_helpers import leader_events, run
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
    assert {"Ri Su Yong", "Ri Yong Ho"} <= {m.canonical for m in x.mentions if m.kind == "person"}


def test_2019_hanoi_talks_name_the_foreign_officials_of_the_time() -> None:
    x = run(
        "Hanoi, March 1 (KCNA) -- Chairman Kim Jong Un held talks with Donald Trump, president of the United "
        "States, in Hanoi on February 28.\n"
        "Mike Pompeo was present. Moon Jae-in sent a message.",
        published="2019-03-01",
    )
    assert leader_events(x) == [("diplomacy", "2019-02-28", "2019-02-28")]
    people = {m.canonical for m in x.mentions if m.kind == "person"}
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
    assert "Sergei Shoigu" in {m.canonical for m in x.mentions if m.kind == "person"}


def test_the_last_day_of_a_meeting_of_several_days_dates_his_speech() -> None:
    x = run(
        "Pyongyang, March 5 (KCNA) -- An enlarged session of the Central Military Commission of the WPK was held "
        "from March 1 to 4.\n"
        "Kim Jong Un presided over the session.\n"
        "On the second day of the session he spoke with the commanders of the front-line units.\n"
        "On the last day he made a closing speech on the tasks for the coming year.",
        published="2017-03-05",
    )
    assert leader_events(x) == [
        ("meeting", "2017-03-01", "2017-03-04"),
        ("speech", "2017-03-04", "2017-03-04"),
    ]


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



def test_he_watched_the_parade_that_took_place_the_next_day() -> None:
    x = run(
        "Pyongyang, April 16 (KCNA) -- Kim Jong Un visited the Mansudae Art Studio on Friday.\n"
        "The next day a military parade was held at Kim Il Sung Square.\n"
        "The respected Marshal watched the parade from the platform.",
        published="2017-04-16",
    )
    assert leader_events(x) == [("inspection", "2017-04-14", "2017-04-14"), ("ceremony", "2017-04-15", "2017-04-15")]


def test_the_same_day_during_a_visit_of_several_days_is_the_day_last_told() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un paid an official visit to Vietnam from May 4 to 8.\n"
        "He arrived in Hanoi on May 5.\n"
        "He visited the Ho Chi Minh Mausoleum in the morning of the same day.",
        published="2019-05-09",
    )
    assert leader_events(x)[-1] == ("commemoration", "2019-05-05", "2019-05-05")


def test_in_the_evening_is_the_day_of_his_activity_when_a_guest_spoke_in_between() -> None:
    x = run(
        "Pyongyang, June 21 (KCNA) -- Kim Jong Un held talks with Xi Jinping at the Kumsusan Guesthouse on June 20.\n"
        "At the talks, Xi Jinping said that China values the friendship.\n"
        "In the evening a banquet was given for Xi Jinping, and Kim Jong Un hosted the banquet.",
        published="2019-06-21",
    )
    assert leader_events(x) == [
        ("diplomacy", "2019-06-20", "2019-06-20"),
        ("cultural_event", "2019-06-20", "2019-06-20"),
    ]


def test_new_years_day_dates_a_visit_reported_in_january() -> None:
    for words in ("on New Year's Day", "on the first day of the new year"):
        x = run(
            f"Pyongyang, January 2 (KCNA) -- Kim Jong Un visited the Kim Il Sung Stadium {words}.",
            published="2014-01-02",
        )
        assert leader_events(x) == [("inspection", "2014-01-01", "2014-01-01")]


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


def test_a_date_in_a_clause_of_what_a_hall_once_saw_does_not_date_his_visit() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un inspected the coastal defence post.\n"
        "Looking round the hall where the treaty was signed in July 1961, he praised the guards.",
        published="2013-05-09",
    )
    assert leader_events(x) == [("inspection", None, None)]  # not a visit of 1961, recalled


def test_a_lead_that_sets_the_scene_with_a_day_dates_his_act_told_next() -> None:
    x = run(
        "Pyongyang, December 16 (KCNA) -- The first ground test of a solid-fuel motor was conducted at the "
        "test ground on Thursday.\n"
        "Kim Jong Un, general secretary of the WPK, guided the test on the spot.",
        published="2022-12-16",
    )
    assert leader_events(x) == [("weapons_test", "2022-12-15", "2022-12-15")]
    sent = run(
        "Pyongyang, June 16 (KCNA) -- The epidemic broke out in the county on Wednesday.\n"
        "Kim Jong Un sent a message of sympathy to the county's people.",
        published="2022-06-16",
    )
    assert leader_events(sent) == [("message_sent", None, None)]  # a message has its own day


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


def test_the_place_a_test_he_guided_was_conducted_at_is_its_site() -> None:
    x = run(
        "Pyongyang, December 16 (KCNA) -- The first ground test of a new motor was successfully conducted at the "
        "Sohae Satellite Launching Ground on Thursday.\n"
        "Kim Jong Un guided the test on the spot.",
        published="2031-12-16",
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [["the Sohae Satellite Launching Ground"]]


def test_a_visit_the_same_day_to_another_factory_is_a_visit_of_its_own() -> None:
    x = run(
        "Pyongyang, July 6 (KCNA) -- Kim Jong Un gave field guidance to the Pyongyang Bread Factory on Saturday.\n"
        "He said the factory must be modernized.\n"
        "The same day he visited the Pyongyang Noodle Factory.",
        published="2031-07-06",
    )
    assert [e.sites for e in x.events] == [["the Pyongyang Bread Factory"], ["the Pyongyang Noodle Factory"]]


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


def test_after_the_ceremony_is_the_day_of_the_ceremony() -> None:
    x = run(
        "Pyongyang, April 11 (KCNA) -- A ground-breaking ceremony for the Ryongsong Hospital took place on "
        "Thursday at the construction site in Ryongsong District in the presence of Kim Jong Un.\n"
        "Premier Kim Jae Ryong made a speech for the start of the work.\n"
        "The general secretary made a speech at the ceremony.\n"
        "After the ceremony he went to the Hamhung Grand Theatre, where he learned about its renovation.",
        published="2019-04-11",
    )
    assert leader_events(x)[-1] == ("inspection", "2019-04-11", "2019-04-11")


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


def test_talks_between_him_and_a_guest_were_held() -> None:
    x = run(
        "Pyongyang, June 9 (KCNA) -- Talks between Kim Jong Un and Thongloun Sisoulith, general secretary of the "
        "Lao People's Revolutionary Party, were held at the Kumsusan Guesthouse on Saturday.",
        published="2019-06-09",
    )
    assert leader_events(x) == [("diplomacy", "2019-06-08", "2019-06-08")]


def test_an_occasion_that_opened_on_one_day_and_closed_on_another_lasted_from_one_to_the_other() -> None:
    x = run(
        "Pyongyang, March 2 (KCNA) -- The Third Conference of Party Propagandists, which opened at the April 25 "
        "House of Culture on February 26, closed on Wednesday.\n"
        "Kim Jong Un guided the conference throughout its course.",
        published="2023-03-02",
    )
    assert leader_events(x) == [("meeting", "2023-02-26", "2023-03-01")]



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


def test_earlier_that_day_is_the_day_of_the_act_told_before() -> None:
    x = run(
        "Pyongyang, October 11 (KCNA) -- Kim Jong Un attended a performance at the May Day Stadium on Sunday.\n"
        "Earlier that day, Kim Jong Un visited the Kumsusan Palace of the Sun.",
        published="2021-10-11",
    )
    assert leader_events(x) == [
        ("cultural_event", "2021-10-10", "2021-10-10"),
        ("commemoration", "2021-10-10", "2021-10-10"),
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


def test_an_occasion_held_at_a_hall_in_the_lead_gives_his_part_in_it_its_site() -> None:
    x = run(
        "Pyongyang, May 10 (KCNA) -- The Eighth Congress of Writers, held at the April 25 House of Culture from May "
        "6 to 9, closed.\n"
        "The congress was guided by Kim Jong Un.",
        published="2031-05-10",
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [["the April 25 House of Culture"]]


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


def test_a_drill_dated_over_several_days_is_held_less_sure_than_one_of_a_day() -> None:
    text = "Pyongyang, October 10 (KCNA) -- Kim Jong Un watched the firing drills of the tactical units {when}."
    several = run(text.format(when="from September 25 to October 9"), published="2022-10-10").events
    one = run(text.format(when="on Sunday"), published="2022-10-10").events
    assert [e.type for e in several] == [e.type for e in one] == ["military_exercise"]
    assert (several[0].confidence or 0) < 0.9 <= (one[0].confidence or 0)


def test_talks_held_again_on_a_later_day_are_a_second_round_of_talks() -> None:
    x = run(
        "Pyongyang, June 3 (KCNA) -- Kim Jong Un met Leonid Ilyich Vostrov, president of Russia, at the Lake "
        "Hotel on June 1 and had talks with him, after which they walked in the garden.\n"
        "The two leaders held expanded talks again at the hotel on June 2.",
        published="2031-06-03",
    )
    assert leader_events(x) == [("diplomacy", "2031-06-01", "2031-06-01"), ("diplomacy", "2031-06-02", "2031-06-02")]


def test_buildings_he_looked_round_on_a_visit_already_told_are_parts_of_it() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un visited the Eastern Space Centre in Ruritania on May 8.\n"
        "He looked round the assembly building of the Vega carrier rocket and the launch pad of the Orion-3 rocket "
        "complex together with the president.",
        published="2031-05-09",
    )
    assert [(e.type, e.sites) for e in x.events] == [("inspection", ["the Eastern Space Centre in Ruritania"])]


def test_a_concluding_speech_at_a_congress_of_several_days_is_dated_by_its_last_day() -> None:
    x = run(
        "Pyongyang, March 9 (KCNA) -- The Fifth Congress of Fishermen, which opened on March 2, closed on Saturday.\n"
        "The congress was guided by Kim Jong Un.\n"
        "Kim Jong Un made a concluding speech at the closing session.",
        published="2031-03-09",
    )
    assert leader_events(x) == [("meeting", "2031-03-02", "2031-03-08"), ("speech", "2031-03-08", "2031-03-08")]


def test_a_guest_received_with_a_title_holding_a_country_s_initials_is_received() -> None:
    x = run(
        "Pyongyang, May 10 (KCNA) -- Kim Jong Un received Mike Pompeo, U.S. secretary of state, on May 9.",
        published="2031-05-10",
    )
    assert leader_events(x) == [("diplomacy", "2031-05-09", "2031-05-09")]


def test_a_state_visit_told_by_its_talks_is_the_talks_on_their_day() -> None:
    x = run(
        "Pyongyang, March 3 (KCNA) -- Kim Jong Un paid an official goodwill visit to Viet Nam on March 1 and 2.\n"
        "Talks between Kim Jong Un and Tran Van An, president of Viet Nam, were held at the palace in Hanoi on "
        "Friday.",
        published="2030-03-03",
    )
    assert leader_events(x) == [("diplomacy", "2030-03-01", "2030-03-01")]


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


def test_the_undated_talks_of_a_state_visit_take_the_days_of_the_visit() -> None:
    x = run(
        "Pyongyang, March 3 (KCNA) -- Kim Jong Un paid an official goodwill visit to Viet Nam on March 1 and 2.\n"
        "At the talks, Kim Jong Un said that the friendship of the two countries is precious.",
        published="2030-03-03",
    )
    assert leader_events(x) == [("diplomacy", "2030-03-01", "2030-03-02")]


def test_meeting_the_developers_on_the_day_after_a_test_is_a_meeting_of_its_own() -> None:
    x = run(
        "Pyongyang, June 28 (KCNA) -- Kim Jong Un watched the test-fire of new-type tactical guided missiles on "
        "Thursday.\n"
        "On Friday Kim Jong Un met the scientists who developed the missiles and had a photo session with them.",
        published="2030-06-28",
    )
    assert leader_events(x) == [("weapons_test", "2030-06-27", "2030-06-27"), ("meeting", "2030-06-28", "2030-06-28")]


def test_a_launching_drill_of_units_is_a_drill_not_a_test() -> None:
    x = run(
        "Pyongyang, March 7 (KCNA) -- Kim Jong Un supervised a ballistic rocket launching drill of the artillery "
        "units of the Strategic Force on March 6.",
        published="2030-03-07",
    )
    assert leader_events(x) == [("military_exercise", "2030-03-06", "2030-03-06")]


def test_a_day_after_the_comma_that_closes_a_clause_of_the_past_dates_the_act() -> None:
    x = run(
        "Pyongyang, February 13 (KCNA) -- Kim Jong Un met the members of the delegation, which had attended the "
        "opening ceremony of the Games in the south, on Monday.",
        published="2030-02-13",
    )
    assert [(str(e.start)) for e in x.events if e.actor == "Kim Jong Un"] == ["2030-02-11"]


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


def test_a_drill_dated_by_its_own_sentence_after_the_officials_takes_that_day() -> None:
    x = run(
        "Pyongyang, March 7 (KCNA) -- Kim Jong Un supervised a rocket launching drill of the artillery units.\n"
        "He was accompanied by Ri Pyong Chol.\n"
        "The drill was held at dawn on March 5.",
        published="2030-03-07",
    )
    assert leader_events(x) == [("military_exercise", "2030-03-05", "2030-03-05")]


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


def test_a_satellite_launched_by_a_carrier_rocket_at_a_named_ground_has_that_site() -> None:
    x = run(
        "Pyongyang, November 22 (KCNA) -- The administration successfully launched the reconnaissance satellite "
        "Malligyong-1 by the new-type carrier rocket Chollima-1 at the Sohae Satellite Launching Ground on "
        "November 21.\n"
        "Kim Jong Un watched the launch on the spot.",
        published="2030-11-22",
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [["the Sohae Satellite Launching Ground"]]


def test_an_opening_address_and_a_concluding_speech_told_apart_are_two_speeches_each_on_its_day() -> None:
    x = run(
        "Pyongyang, May 10 (KCNA) -- The Ninth Congress of Fishermen was held in Pyongyang from May 6 to 9.\n"
        "Kim Jong Un guided the congress.\n"
        "Kim Jong Un made an opening address on May 6.\n"
        "On May 9, the congress elected its new leadership.\n"
        "Kim Jong Un made a concluding speech on the same day.",
        published="2031-05-10",
    )
    assert leader_events(x) == [
        ("meeting", "2031-05-06", "2031-05-09"),
        ("speech", "2031-05-06", "2031-05-06"),
        ("speech", "2031-05-09", "2031-05-09"),
    ]


def test_a_test_fire_guided_on_the_spot_or_observed_through_a_monitoring_system_is_his() -> None:
    for how in ("guided on the spot", "observed through a monitoring system"):
        x = run(
            "Pyongyang, November 19 (KCNA) -- A test-fire of a new-type missile was conducted on November 18.\n"
            f"The test-fire was {how} by Kim Jong Un.",
            published="2030-11-19",
        )
        assert leader_events(x) == [("weapons_test", "2030-11-18", "2030-11-18")], how


def test_his_vote_for_a_candidate_at_a_polling_station_is_dated_and_placed() -> None:
    x = run(
        "Pyongyang, March 10 (KCNA) -- Kim Jong Un cast his vote for a candidate for deputy at a polling station "
        "of Sub-constituency No. 8 on Sunday.",
        published="2030-03-10",
    )
    assert [(e.type, str(e.start), e.sites) for e in x.events] == [
        ("other", "2030-03-10", ["a polling station of Sub-constituency No. 8"])
    ]


def test_the_commemoration_of_an_anniversary_he_attended_abroad_is_a_ceremony_that_dates_the_parade_after() -> None:
    x = run(
        "Pyongyang, September 5 (KCNA) -- Kim Jong Un returned home after a visit to Ruritania.\n"
        "On September 3 he attended the commemoration of the 80th anniversary of the victory, held at the "
        "Central Square. He watched the military parade from the rostrum together with the president.\n"
        "The next day he held talks with the president of Russia at the Great Hall.",
        published="2030-09-05",
    )
    assert [(t, s) for t, s, _ in leader_events(x)] == [("ceremony", "2030-09-03"), ("diplomacy", "2030-09-04")]


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


def test_an_opening_speech_on_the_first_day_of_a_congress_is_his_part_in_it_on_that_day() -> None:
    x = run(
        "Pyongyang, January 13 (KCNA) -- The Ninth Congress of Fishermen, which opened on January 5, was "
        "successfully concluded on January 12.\n"
        "Kim Jong Un made an opening speech on the first day of the congress.",
        published="2031-01-13",
    )
    assert leader_events(x) == [("speech", "2031-01-05", "2031-01-05"), ("meeting", "2031-01-05", "2031-01-12")]


def test_a_visit_the_day_before_the_test_is_its_own_on_that_day_at_the_unit_whose_post_he_saw() -> None:
    x = run(
        "Pyongyang, June 27 (KCNA) -- Kim Jong Un watched the test-fire of a new tactical guided missile.\n"
        "The test-fire was conducted on Thursday.\n"
        "The day before the test-fire, he inspected the flight command post of KPA Unit 1016.",
        published="2030-06-27",
    )
    assert [(e.type, str(e.start), e.sites) for e in x.events] == [
        ("weapons_test", "2030-06-27", []),
        ("inspection", "2030-06-26", ["KPA Unit 1016"]),
    ]


def test_a_visit_to_the_dprk_embassy_abroad_the_same_afternoon_is_an_inspection_on_the_day_named_last() -> None:
    x = run(
        "Pyongyang, March 1 (KCNA) -- Kim Jong Un had talks with the president of Viet Nam on February 28.\n"
        "Kim Jong Un arrived at Dong Dang station on February 26 and went to Hanoi by car.\n"
        "The same afternoon he visited the DPRK embassy in Vietnam and encouraged its officials.",
        published="2030-03-01",
    )
    assert [(e.type, str(e.start), e.sites) for e in x.events][1:] == [
        ("inspection", "2030-02-26", ["the DPRK embassy in Vietnam"]),
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


def test_a_visit_earlier_at_midnight_is_on_the_day_of_the_address() -> None:
    x = run(
        "Pyongyang, January 1 (KCNA) -- Kim Jong Un made a New Year Address on Wednesday.\n"
        "Earlier, at midnight, Kim Jong Un visited the Kumsusan Palace of the Sun.",
        published="2031-01-01",
    )
    assert leader_events(x) == [("speech", "2031-01-01", "2031-01-01"), ("commemoration", "2031-01-01", "2031-01-01")]


def test_what_he_then_did_after_another_s_speech_at_his_ceremony_is_on_the_ceremony_s_day() -> None:
    x = run(
        "Pyongyang, June 25 (KCNA) -- A ceremony for the completion of the Kalma coastal tourist area took place "
        "on Tuesday.\n"
        "Kim Jong Un attended the ceremony.\n"
        "Pak Thae Song made a speech at the ceremony.\n"
        "He then looked round the Kalma Hotel and the Kalma Water Park.",
        published="2031-06-25",
    )
    assert {s for _, s, _ in leader_events(x)} == {"2031-06-24"}


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


def test_a_congress_he_opened_with_a_speech_about_the_past_five_years_is_his_meeting() -> None:
    x = run(
        "Pyongyang, January 13 (KCNA) -- The Ninth Congress of Fishermen, which opened in Pyongyang on January 5, "
        "closed on January 12.\n"
        "The Congress was opened by Kim Jong Un with an opening speech, in which he said that the Congress would "
        "review the work of the past five years.",
        published="2031-01-13",
    )
    assert ("meeting", "2031-01-05", "2031-01-12") in leader_events(x)


def test_the_second_day_sitting_he_attended_is_his_day_of_the_session_and_his_speech_s() -> None:
    x = run(
        "Pyongyang, September 9 (KCNA) -- The 7th Session of the Supreme People's Assembly, which opened at the "
        "Mansudae Assembly Hall on Wednesday, closed on Thursday.\n"
        "Kim Jong Un attended the second-day sitting of the session and made a policy speech.",
        published="2030-09-09",
    )
    assert {(s, e) for _, s, e in leader_events(x)} == {("2030-09-05", "2030-09-05")}


def test_an_anniversary_of_a_letter_he_sent_is_no_new_letter() -> None:
    x = run(
        "Pyongyang, August 28 (KCNA) -- Today marks five years since Kim Jong Un sent the letter to the "
        "participants in the congress of the youth league.",
        published="2030-08-28",
    )
    assert leader_events(x) == []


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


def test_acts_foreign_media_said_he_did_are_still_his() -> None:
    x = run(
        "Pyongyang, September 12 (KCNA) -- Media of different countries reported on the visit.\n"
        "They said that Kim Jong Un had talks with Xi Jinping in Beijing.",
        published="2030-09-12",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy"]


def test_a_sentence_opening_on_a_year_gone_by_recalls_and_does_not_drop_the_visits_around_it() -> None:
    x = run(
        "Pyongyang, March 18 (KCNA) -- Kim Jong Un inspected KPA Unit 851.\n"
        "In 2014 he visited the unit and gave tasks.\n"
        "He then looked round the Sinpho Fish Farm.",
        published="2030-03-18",
    )
    assert [e.sites for e in x.events] == [["KPA Unit 851"], ["the Sinpho Fish Farm"]]


def test_a_like_act_of_another_year_told_in_a_part_of_the_visit_keeps_the_visit() -> None:
    for text in (
        "He looked round the barracks, which he had seen in 2015.",
        "He had a photo session with the soldiers, as he did in 2015.",
    ):
        x = run("Pyongyang, March 18 (KCNA) -- Kim Jong Un inspected KPA Unit 851.\n" + text, published="2030-03-18")
        assert [e.sites for e in x.events] == [["KPA Unit 851"]], text


def test_a_long_told_test_launch_under_his_direct_guidance_is_his_test_and_the_launching_site_its_part() -> None:
    x = run(
        "Pyongyang, March 25 (KCNA) -- The test-launch of the new-type inter-continental ballistic missile "
        "Hwasongpho-17 of the strategic forces of the DPRK was conducted at Pyongyang International Airport on "
        "Thursday under the direct guidance of Kim Jong Un.\n"
        "He went to the launching site and learned in detail about the readiness for the launch.",
        published="2030-03-25",
    )
    assert leader_events(x) == [("weapons_test", "2030-03-21", "2030-03-21")]


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


def test_what_he_looked_round_where_the_talks_were_held_is_one_visit() -> None:
    x = run(
        "Pyongyang, September 14 (KCNA) -- Kim Jong Un held talks with the president of Russia at the Eastern "
        "Space Centre on September 13.\n"
        "Accompanied by the president, Kim Jong Un looked round the assembly building of the Vega rocket and the "
        "launch complex of the Orion-3 rocket.",
        published="2030-09-14",
    )
    assert [t for t, _, _ in leader_events(x)] == ["diplomacy", "inspection"]


def test_a_plenary_meeting_of_four_days_he_opened_on_the_first_is_dated_by_its_four_days() -> None:
    x = run(
        "Pyongyang, January 1 (KCNA) -- The 5th Plenary Meeting of the Central Committee was held at the office "
        "building from December 28 to 31.\n"
        "Kim Jong Un guided the meeting.\n"
        "On behalf of the Presidium, Kim Jong Un opened the plenary meeting on December 28.",
        published="2031-01-01",
    )
    assert leader_events(x) == [("meeting", "2030-12-28", "2030-12-31")]


def test_a_report_at_a_plenary_meeting_a_meeting_he_is_guiding_and_a_dated_concluding_speech_are_his() -> None:
    report = run(
        "Pyongyang, August 20 (KCNA) -- The 6th Plenary Meeting of the Central Committee was held on August 19.\n"
        "Kim Jong Un made a report at the meeting.",
        published="2030-08-20",
    )
    assert leader_events(report) == [("meeting", "2030-08-19", "2030-08-19")]
    guiding = run(
        "Pyongyang, December 27 (KCNA) -- The Enlarged Plenary Meeting opened on December 26.\n"
        "Kim Jong Un is guiding the meeting.",
        published="2030-12-27",
    )
    assert [t for t, _, _ in leader_events(guiding)] == ["meeting"]
    speech = run(
        "Pyongyang, June 19 (KCNA) -- The 3rd Plenary Meeting was held from June 15 to 18.\n"
        "In his concluding speech on June 18, Kim Jong Un said that the tasks were clear.",
        published="2030-06-19",
    )
    assert ("speech", "2030-06-18", "2030-06-18") in leader_events(speech)


def test_the_firing_of_a_new_type_weapon_he_guided_is_its_test() -> None:
    x = run(
        "Pyongyang, July 26 (KCNA) -- Kim Jong Un organized and guided the firing of a new-type tactical guided "
        "weapon on Thursday.",
        published="2030-07-26",
    )
    assert [t for t, _, _ in leader_events(x)] == ["weapons_test"]


def test_a_guest_he_had_received_the_day_before_does_not_date_the_parade() -> None:
    x = run(
        "Pyongyang, October 11 (KCNA) -- A grand military parade was held in Kim Il Sung Square on Friday evening.\n"
        "Kim Jong Un was present at the parade and made a speech.\n"
        "Present as guests were Li Qiang, premier of China, whom Kim Jong Un had received on Thursday, and To Lam.",
        published="2030-10-11",
    )
    assert {s for _, s, _ in leader_events(x)} == {"2030-10-11"}


def test_a_closing_address_after_a_congress_of_several_days_is_on_its_last_day() -> None:
    x = run(
        "Pyongyang, May 10 (KCNA) -- The Seventh Congress, which opened on May 6, closed on Monday.\n"
        "Kim Jong Un guided the congress throughout.\n"
        "Kim Jong Un made a closing address, saying that the congress marked a watershed.",
        published="2016-05-10",
    )
    assert ("speech", "2016-05-09", "2016-05-09") in leader_events(x)


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


def test_an_act_told_in_a_clause_with_its_own_day_of_the_week_is_reported_not_recalled() -> None:
    text = (
        "Pyongyang, June 9 (KCNA) -- Kim Jong Un inspected the Ryongsong Machine Complex on Saturday.\n"
        "He had come to the complex from Hamhung, where he had looked round the fertilizer factory on Friday.\n"
        "The factory, which he first visited in 2017, has been renovated since he inspected it in May."
    )
    events = leader_events(run(text, "2019-06-09"))
    assert sorted(events) == [("inspection", "2019-06-07", "2019-06-07"), ("inspection", "2019-06-08", "2019-06-08")]


def test_a_day_named_for_what_happened_on_it_long_ago_still_dates_the_occasion() -> None:
    text = (
        "Pyongyang, April 30 (KCNA) -- The new destroyer was launched at the Nampho Shipyard on April 25, the day "
        "when the Korean People's Revolutionary Army was founded in 1932.\n"
        "Kim Jong Un attended the launching ceremony together with his daughter and made a speech."
    )
    assert sorted(leader_events(run(text, "2025-04-30"))) == [
        ("ceremony", "2025-04-25", "2025-04-25"), ("speech", "2025-04-25", "2025-04-25"),
    ]


def test_field_guidance_given_several_times_is_summed_up_not_reported() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- The new hospital opened in Kangdong County on Monday.\n"
        "Kim Jong Un chose its site, guided its layout and gave field guidance at the construction site several "
        "times, and gave on-site guidance to the project on several occasions."
    )
    assert leader_events(run(text, "2021-05-02")) == []


def test_a_message_sent_by_him_in_the_passive_with_its_day_between() -> None:
    text = (
        "Pyongyang, July 3 (KCNA) -- A message of condolence was sent on Monday by Kim Jong Un, chairman of the "
        "State Affairs Commission of the DPRK, to the president of Nepal over the floods."
    )
    assert leader_events(run(text, "2019-07-03")) == [("message_sent", "2019-07-01", "2019-07-01")]


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


def test_a_declaration_named_for_its_month_is_not_a_date() -> None:
    text = (
        "Pyongyang, September 20 (KCNA) -- The previous day the top leaders signed the Pyongyang Joint "
        "Declaration of September at the Paekhwawon State Guesthouse."
    )
    assert leader_events(run(text, "2018-09-20")) == [("diplomacy", "2018-09-19", "2018-09-19")]


def test_his_own_who_clause_after_his_titles_tells_his_act() -> None:
    text = (
        "Pyongyang, June 30 (KCNA) -- The Third Conference of the WPK was held in Pyongyang from June 28 to 29.\n"
        "The conference was guided by Kim Jong Un, first secretary of the WPK, who made an opening address on "
        "June 28.\nThe delegates, who visited the Kumsusan Palace of the Sun in 2012, cheered."
    )
    assert sorted(leader_events(run(text, "2016-06-30"))) == [
        ("meeting", "2016-06-28", "2016-06-29"), ("speech", "2016-06-28", "2016-06-28"),
    ]


def test_a_congress_he_opened_with_a_speech_is_a_meeting_he_attended_over_its_days() -> None:
    text = (
        "Pyongyang, January 13 (KCNA) -- The Ninth Congress of the WPK was held in Pyongyang from January 5 to 12.\n"
        "Kim Jong Un made an opening speech on January 5.\n"
        "He made a concluding speech on January 12."
    )
    assert sorted(leader_events(run(text, "2026-01-13"))) == [
        ("meeting", "2026-01-05", "2026-01-12"),
        ("speech", "2026-01-05", "2026-01-05"),
        ("speech", "2026-01-12", "2026-01-12"),
    ]


def test_the_top_leaders_of_the_north_and_the_south_are_he_and_his_guest() -> None:
    text = (
        "Pyongyang, September 20 (KCNA) -- On September 19 the top leaders of the north and the south had "
        "another round of talks at the Paekhwawon State Guesthouse."
    )
    assert leader_events(run(text, "2018-09-20")) == [("diplomacy", "2018-09-19", "2018-09-19")]


def test_the_same_day_is_his_last_act_s_day_not_that_of_others_told_between() -> None:
    text = (
        "Pyongyang, September 21 (KCNA) -- On September 19 Kim Jong Un had talks with Moon Jae In at the "
        "guesthouse.\nNo Kwang Chol, minister of the People's Armed Forces, and Song Young Moo, defence minister of "
        "south Korea, signed an agreement on the military field at the ceremony.\n"
        "Under the agreement, the sides are to withdraw guard posts from the demilitarized zone, stop all hostile "
        "acts against each other on land, at sea and in the air, set up a joint military commission to see to it "
        "and turn the waters of the West Sea into a zone of peace and cooperation in fishing in the years ahead.\n"
        "In the evening of the same day, Kim Jong Un and Moon Jae In watched the mass gymnastics at the May Day "
        "Stadium."
    )
    assert sorted(leader_events(run(text, "2018-09-21"))) == [
        ("cultural_event", "2018-09-19", "2018-09-19"), ("diplomacy", "2018-09-19", "2018-09-19"),
    ]


def test_a_performance_and_then_a_banquet_in_one_sentence_are_two_occasions() -> None:
    text = (
        "Pyongyang, March 27 (KCNA) -- On Monday evening Kim Jong Un enjoyed a performance together with the "
        "guests at the Pyongyang Grand Theatre, and then hosted a banquet in their honour at the Mokran House."
    )
    events = run(text, "2019-03-27").events
    assert [(e.type, e.sites) for e in events] == [
        ("cultural_event", ["the Pyongyang Grand Theatre"]), ("cultural_event", ["the Mokran House"]),
    ]


def test_the_day_of_the_sitting_he_attended_dates_his_part_in_a_session_of_two_days() -> None:
    text = (
        "Pyongyang, March 25 (KCNA) -- The session of the Supreme People's Assembly took place at the Mansudae "
        "Assembly Hall on March 22 and 23.\nKim Jong Un attended the session on March 23 and made a speech.\n"
        "He received a message from the participants in the meeting on March 20."
    )
    assert sorted(leader_events(run(text, "2023-03-25"))) == [
        ("meeting", "2023-03-23", "2023-03-23"),
        ("message_received", None, None),
        ("speech", "2023-03-23", "2023-03-23"),
    ]


def test_a_series_of_drills_told_again_drill_by_drill_is_not_one_more_drill() -> None:
    text = (
        "Pyongyang, March 20 (KCNA) -- Kim Jong Un guided the military drills of the KPA units from March 12 to 19.\n"
        "On March 12 he guided a firing drill of a long-range artillery sub-unit on the western front.\n"
        "On March 16 he guided a drill of launching tactical ballistic missiles.\n"
        "On March 19 he guided a strike drill of super-large multiple rocket launchers."
    )
    assert sorted(leader_events(run(text, "2023-03-20"))) == [
        ("military_exercise", "2023-03-12", "2023-03-12"),
        ("military_exercise", "2023-03-16", "2023-03-16"),
        ("military_exercise", "2023-03-19", "2023-03-19"),
    ]


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


def test_a_lead_that_names_no_day_takes_its_headline_s_day() -> None:
    text = (
        "Pyongyang, January 7 (KCNA) -- Kim Jong Un observed the test-fire of a new-type hypersonic missile.\n"
        "The missile flew 1 500 km before hitting the target in the open sea."
    )
    x = run(text, "2025-01-07", title="Kim Jong Un Observes Test-fire of Hypersonic Missile on January 6")
    assert leader_events(x) == [("weapons_test", "2025-01-06", "2025-01-06")]
    old_headline = run(text, "2025-01-07", title="Kim Jong Un Observes Test-fire Marking October 10")
    assert leader_events(old_headline) == [("weapons_test", None, None)]


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


def test_the_day_a_ship_had_been_launched_does_not_date_the_test_of_its_weapons() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- Kim Jong Un observed the test-fire of the weapon systems of the new frigate, "
        "which had been launched at the Chongjin Shipyard on April 21.\n"
        "The tests took place on April 29 and 30 in the East Sea of Korea."
    )
    assert leader_events(run(text, "2025-05-02")) == [("weapons_test", "2025-04-29", "2025-04-30")]


def test_a_letter_handed_over_at_the_meeting_is_part_of_the_talks() -> None:
    text = (
        "Pyongyang, September 10 (KCNA) -- Kim Jong Un met Zhao Leji, chairman of the Standing Committee of the "
        "National People's Congress of China, on Saturday and received a personal letter of Xi Jinping from him."
    )
    assert leader_events(run(text, "2018-09-10")) == [("diplomacy", "2018-09-08", "2018-09-08")]


def test_the_exhibits_he_looked_round_are_the_exhibition_and_its_opening_is_no_place() -> None:
    text = (
        "Pyongyang, October 12 (KCNA) -- The defence exhibition opened in Pyongyang on Monday.\n"
        "Kim Jong Un made a speech at the opening of the exhibition.\n"
        "After the speech he looked round the exhibits, including new-type missiles."
    )
    events = run(text, "2021-10-12").events
    assert [e.type for e in events] == ["speech", "cultural_event"]
    assert all("opening" not in " ".join(e.sites) for e in events)


def test_the_day_set_off_at_the_end_of_a_long_sentence_dates_its_one_act() -> None:
    text = (
        "Pyongyang, October 10 (KCNA) -- Kim Jong Un, first secretary of the Workers' Party of Korea, first "
        "chairman of the National Defence Commission of the DPRK and supreme commander of the Korean People's "
        "Army, met Zhang Dejiang, member of the Standing Committee of the Political Bureau of the Central "
        "Committee of the Communist Party of China, who is heading the delegation of the party and government "
        "of China on a visit to the DPRK to take part in the celebrations of the 70th founding anniversary of "
        "the Workers' Party of Korea and in the grand military parade and mass demonstration, on October 9."
    )
    assert leader_events(run(text, "2015-10-10")) == [("diplomacy", "2015-10-09", "2015-10-09")]


def test_a_clause_of_his_journey_set_off_by_commas_does_not_date_the_celebrations() -> None:
    text = (
        "Pyongyang, September 5 (KCNA) -- Kim Jong Un, who left Pyongyang by his private train on September 1, "
        "attended the celebrations of the anniversary held in Beijing.\n"
        "On September 3 he watched the grand military parade at Tian'anmen Square from the rostrum."
    )
    assert leader_events(run(text, "2025-09-05")) == [("ceremony", "2025-09-03", "2025-09-03")]


def test_the_leader_recalled_by_another_is_not_the_subject_of_the_sentence() -> None:
    text = (
        "Pyongyang, March 15 (KCNA) -- Pak Pong Ju, premier of the Cabinet, inspected the Hungnam Fertilizer "
        "Complex.\nRecalling that Kim Jong Un had given instructions when he gave field guidance at the complex, "
        "he called on the officials to fulfil the plan.\nHe held a consultative meeting on the spot."
    )
    assert leader_events(run(text, "2017-03-15")) == []


def test_last_year_in_a_part_of_the_visit_is_a_period_not_the_day_of_the_visit() -> None:
    text = (
        "Pyongyang, January 29 (KCNA) -- Kim Jong Un visited the Nuclear Weapons Institute.\n"
        "At the institute he learned about the production of nuclear warheads last year and the plan for this "
        "year."
    )
    assert leader_events(run(text, "2025-01-29")) == [("inspection", None, None)]


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


def test_the_next_morning_is_the_day_after_his_last_act() -> None:
    text = (
        "Pyongyang, November 23 (KCNA) -- Kim Jong Un watched the launch of the satellite at the Sohae Satellite "
        "Launching Ground on November 21.\n"
        "The next morning Kim Jong Un visited the General Control Center."
    )
    assert leader_events(run(text, "2023-11-23")) == [
        ("weapons_test", "2023-11-21", "2023-11-21"), ("inspection", "2023-11-22", "2023-11-22"),
    ]


def test_the_order_he_signed_on_the_day_of_the_test_is_part_of_the_test() -> None:
    text = (
        "Pyongyang, March 25 (KCNA) -- A test-launch of the new-type ICBM was carried out on Thursday under the "
        "direct guidance of Kim Jong Un.\n"
        "Kim Jong Un signed the written order for the test-launch in the morning of the day and came to the "
        "launching ground."
    )
    assert leader_events(run(text, "2022-03-25")) == [("weapons_test", "2022-03-24", "2022-03-24")]


def test_the_previous_evening_is_the_day_before_the_day_the_text_told_last() -> None:
    text = (
        "Pyongyang, September 21 (KCNA) -- Kim Jong Un and Moon Jae In climbed Mt Paektu on Thursday, the last "
        "day of the summit.\nLooking down at Lake Chon, the top leaders were filled with deep emotion.\n"
        "The previous evening, Kim Jong Un and Moon Jae In had watched the mass gymnastics at the May Day Stadium."
    )
    assert leader_events(run(text, "2018-09-21")) == [("cultural_event", "2018-09-19", "2018-09-19")]


def test_a_launch_on_a_day_of_a_series_of_drills_is_one_of_the_drills() -> None:
    text = (
        "Pyongyang, March 20 (KCNA) -- Kim Jong Un guided the military drills of the KPA units from March 12 to 19.\n"
        "On March 12 he observed the launch of a ballistic missile from a silo.\n"
        "On March 16 he oversaw the launch of a new-type intermediate-range ballistic missile.\n"
        "On March 19 he observed the firing of super-large multiple rocket launchers."
    )
    assert sorted(leader_events(run(text, "2023-03-20"))) == [
        ("military_exercise", "2023-03-12", "2023-03-12"),
        ("military_exercise", "2023-03-16", "2023-03-16"),
        ("military_exercise", "2023-03-19", "2023-03-19"),
    ]


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


def test_a_visit_to_a_bier_is_a_mourning_visit_to_the_hall_where_it_lies() -> None:
    text = (
        "Pyongyang, May 21 (KCNA) -- Kim Jong Un visited the bier of Marshal Ri Ul Sol at the April 25 House of "
        "Culture on Thursday to express deep condolences over his death."
    )
    events = run(text, "2015-11-09").events
    assert [(e.type, e.sites) for e in events] == [("commemoration", ["the April 25 House of Culture"])]


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


def test_several_places_of_one_tour_dated_by_its_days_are_all_visits() -> None:
    text = (
        "Pyongyang, July 2 (KCNA) -- Kim Jong Un gave field guidance to the Sinuiju Cosmetics Factory, the Sinuiju "
        "Textile Mill and the reed farm in Sindo County from June 30 to July 1."
    )
    events = run(text, "2018-07-02").events
    assert [(e.type, str(e.start), str(e.end)) for e in events] == [("inspection", "2018-06-30", "2018-07-01")] * 3


def test_he_after_a_summit_with_a_titled_foreign_leader_is_still_he() -> None:
    text = (
        "Pyongyang, June 12 (KCNA) -- Kim Jong Un arrived in Singapore on Sunday.\n"
        "The Prime Minister said that Singapore would ensure the success of the summit with U.S. President "
        "Donald J. Trump.\nOn Monday evening he looked round the Gardens by the Bay."
    )
    events = run(text, "2018-06-12").events
    assert [(e.actor, e.type) for e in events] == [("Kim Jong Un", "inspection")]


def test_talks_of_a_summit_after_a_meeting_with_its_host_are_their_own_on_the_summit_s_day() -> None:
    text = (
        "Pyongyang, June 13 (KCNA) -- On June 10 Kim Jong Un met Lee Hsien Loong, prime minister of Singapore, at "
        "the Istana, the presidential office.\n"
        "The DPRK-U.S. summit talks took place at the Capella Hotel on Tuesday.\n"
        "Kim Jong Un and Donald J. Trump, president of the U.S., had a one-on-one talk, followed by extended talks."
    )
    events = run(text, "2018-06-13").events
    assert [(e.type, str(e.start), e.sites) for e in events] == [
        ("diplomacy", "2018-06-10", ["the Istana"]),
        ("diplomacy", "2018-06-12", ["the Capella Hotel"]),
    ]


def test_the_same_day_is_not_a_day_named_inside_a_clause_of_another_time() -> None:
    text = (
        "Pyongyang, May 16 (KCNA) -- Kim Jong Un presided over a consultative meeting of the Presidium on Sunday.\n"
        "The meeting reviewed the situation under the system introduced by the decision of the Political Bureau "
        "on May 12.\nOn the same day he visited pharmacies in Taedonggang District."
    )
    assert leader_events(run(text, "2022-05-16")) == [
        ("meeting", "2022-05-15", "2022-05-15"), ("inspection", "2022-05-15", "2022-05-15"),
    ]


def test_an_order_signed_at_the_meeting_is_part_of_the_meeting() -> None:
    text = (
        "Pyongyang, September 3 (KCNA) -- Kim Jong Un visited the Nuclear Weapons Institute.\n"
        "A meeting of the Presidium of the Political Bureau was held on Sunday under the guidance of Kim Jong Un.\n"
        "At the meeting he signed the order for the test of the H-bomb."
    )
    assert [t for t, _, _ in leader_events(run(text, "2017-09-03"))] == ["inspection", "meeting"]
