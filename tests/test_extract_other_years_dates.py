"""When an activity of the whole Kim Jong Un era (2012-2025) took place: dispatches written for the tests
in the styles of their years, told with weekdays, other days' dates in the sentence, several days, recollections."""

from __future__ import annotations

from extract_helpers import leader_events, run


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


def test_a_visit_the_same_day_to_another_factory_is_a_visit_of_its_own() -> None:
    x = run(
        "Pyongyang, July 6 (KCNA) -- Kim Jong Un gave field guidance to the Pyongyang Bread Factory on Saturday.\n"
        "He said the factory must be modernized.\n"
        "The same day he visited the Pyongyang Noodle Factory.",
        published="2031-07-06",
    )
    assert [e.sites for e in x.events] == [["the Pyongyang Bread Factory"], ["the Pyongyang Noodle Factory"]]


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


def test_an_occasion_that_opened_on_one_day_and_closed_on_another_lasted_from_one_to_the_other() -> None:
    x = run(
        "Pyongyang, March 2 (KCNA) -- The Third Conference of Party Propagandists, which opened at the April 25 "
        "House of Culture on February 26, closed on Wednesday.\n"
        "Kim Jong Un guided the conference throughout its course.",
        published="2023-03-02",
    )
    assert leader_events(x) == [("meeting", "2023-02-26", "2023-03-01")]


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


def test_a_concluding_speech_at_a_congress_of_several_days_is_dated_by_its_last_day() -> None:
    x = run(
        "Pyongyang, March 9 (KCNA) -- The Fifth Congress of Fishermen, which opened on March 2, closed on Saturday.\n"
        "The congress was guided by Kim Jong Un.\n"
        "Kim Jong Un made a concluding speech at the closing session.",
        published="2031-03-09",
    )
    assert leader_events(x) == [("meeting", "2031-03-02", "2031-03-08"), ("speech", "2031-03-08", "2031-03-08")]


def test_a_state_visit_told_by_its_talks_is_the_talks_on_their_day() -> None:
    x = run(
        "Pyongyang, March 3 (KCNA) -- Kim Jong Un paid an official goodwill visit to Viet Nam on March 1 and 2.\n"
        "Talks between Kim Jong Un and Tran Van An, president of Viet Nam, were held at the palace in Hanoi on "
        "Friday.",
        published="2030-03-03",
    )
    assert leader_events(x) == [("diplomacy", "2030-03-01", "2030-03-01")]


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


def test_a_day_after_the_comma_that_closes_a_clause_of_the_past_dates_the_act() -> None:
    x = run(
        "Pyongyang, February 13 (KCNA) -- Kim Jong Un met the members of the delegation, which had attended the "
        "opening ceremony of the Games in the south, on Monday.",
        published="2030-02-13",
    )
    assert [(str(e.start)) for e in x.events if e.actor == "Kim Jong Un"] == ["2030-02-11"]


def test_a_drill_dated_by_its_own_sentence_after_the_officials_takes_that_day() -> None:
    x = run(
        "Pyongyang, March 7 (KCNA) -- Kim Jong Un supervised a rocket launching drill of the artillery units.\n"
        "He was accompanied by Ri Pyong Chol.\n"
        "The drill was held at dawn on March 5.",
        published="2030-03-07",
    )
    assert leader_events(x) == [("military_exercise", "2030-03-05", "2030-03-05")]


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


def test_the_commemoration_of_an_anniversary_he_attended_abroad_is_a_ceremony_that_dates_the_parade_after() -> None:
    x = run(
        "Pyongyang, September 5 (KCNA) -- Kim Jong Un returned home after a visit to Ruritania.\n"
        "On September 3 he attended the commemoration of the 80th anniversary of the victory, held at the "
        "Central Square. He watched the military parade from the rostrum together with the president.\n"
        "The next day he held talks with the president of Russia at the Great Hall.",
        published="2030-09-05",
    )
    assert [(t, s) for t, s, _ in leader_events(x)] == [("ceremony", "2030-09-03"), ("diplomacy", "2030-09-04")]


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


def test_a_message_sent_by_him_in_the_passive_with_its_day_between() -> None:
    text = (
        "Pyongyang, July 3 (KCNA) -- A message of condolence was sent on Monday by Kim Jong Un, chairman of the "
        "State Affairs Commission of the DPRK, to the president of Nepal over the floods."
    )
    assert leader_events(run(text, "2019-07-03")) == [("message_sent", "2019-07-01", "2019-07-01")]


def test_a_declaration_named_for_its_month_is_not_a_date() -> None:
    text = (
        "Pyongyang, September 20 (KCNA) -- The previous day the top leaders signed the Pyongyang Joint "
        "Declaration of September at the Paekhwawon State Guesthouse."
    )
    assert leader_events(run(text, "2018-09-20")) == [("diplomacy", "2018-09-19", "2018-09-19")]


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


def test_a_lead_that_names_no_day_takes_its_headline_s_day() -> None:
    text = (
        "Pyongyang, January 7 (KCNA) -- Kim Jong Un observed the test-fire of a new-type hypersonic missile.\n"
        "The missile flew 1 500 km before hitting the target in the open sea."
    )
    x = run(text, "2025-01-07", title="Kim Jong Un Observes Test-fire of Hypersonic Missile on January 6")
    assert leader_events(x) == [("weapons_test", "2025-01-06", "2025-01-06")]
    old_headline = run(text, "2025-01-07", title="Kim Jong Un Observes Test-fire Marking October 10")
    assert leader_events(old_headline) == [("weapons_test", None, None)]


def test_the_day_a_ship_had_been_launched_does_not_date_the_test_of_its_weapons() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- Kim Jong Un observed the test-fire of the weapon systems of the new frigate, "
        "which had been launched at the Chongjin Shipyard on April 21.\n"
        "The tests took place on April 29 and 30 in the East Sea of Korea."
    )
    assert leader_events(run(text, "2025-05-02")) == [("weapons_test", "2025-04-29", "2025-04-30")]


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


def test_a_lead_of_a_guest_s_arrival_sets_the_day_of_the_talks_told_sentences_later() -> None:
    text = (
        "Pyongyang, June 21 (KCNA) -- Xi Jinping, president of China, arrived in Pyongyang on June 20 for a state "
        "visit.\nHe was warmly welcomed at the airport by crowds of citizens.\n"
        "The guests then rode to the Kumsusan Guesthouse along streets lined with people.\n"
        "Talks between Kim Jong Un and Xi Jinping were held at the Kumsusan Guesthouse.\n"
        "In the evening Kim Jong Un hosted a banquet in honour of the guests."
    )
    assert leader_events(run(text, "2019-06-21")) == [
        ("diplomacy", "2019-06-20", "2019-06-20"), ("cultural_event", "2019-06-20", "2019-06-20"),
    ]


def test_a_test_he_guided_is_dated_by_the_launch_told_in_a_sentence_of_its_own() -> None:
    text = (
        "Pyongyang, November 30 (KCNA) -- Kim Jong Un guided the test-fire of the new ICBM Hwasong-15.\n"
        "He had personally signed the order for the test-fire on November 28.\n"
        "The rocket, launched at 02:48 on November 29, flew 950 km and landed in the East Sea of Korea."
    )
    assert sorted(leader_events(run(text, "2017-11-30"))) == [
        ("other", "2017-11-28", "2017-11-28"), ("weapons_test", "2017-11-29", "2017-11-29"),
    ]


def test_a_lead_of_his_on_the_day_of_the_report_dates_his_act_told_sentences_later() -> None:
    text = (
        "Pyongyang, September 20 (KCNA) -- Kim Jong Un walked along the shore of the lake together with the "
        "president of the Republic of Ruritania on Thursday.\n"
        "The two leaders talked about the beauty of the mountains.\n"
        "Their wives and the officials of both sides accompanied them.\n"
        "Kim Jong Un hosted a luncheon for the president at the Samjiyon Guest House."
    )
    assert leader_events(run(text, "2018-09-20")) == [("cultural_event", "2018-09-20", "2018-09-20")]
    # a digest's lead names the day of the newspapers, not of his act
    digest = (
        "Pyongyang, September 30 (KCNA) -- Following are major news items of the DPRK on Monday:\n"
        "- The newspapers praise the harvest.\n- An article calls for more coal.\n"
        "- Kim Jong Un sent a birthday spread to a woman centenarian."
    )
    assert [d for _, d, _ in leader_events(run(digest, "2024-09-30"))] == [None]


def test_a_banquet_on_the_previous_day_counts_back_from_the_act_told_before_not_from_its_occasion() -> None:
    text = (
        "Pyongyang, April 28 (KCNA) -- Kim Jong Un had a photo session with the participants in the military "
        "parade at the Kumsusan Palace of the Sun on April 27.\nHe said that he was pleased to see them again.\n"
        "On the previous day he hosted a banquet at the Mokran House in honour of the parade participants."
    )
    assert leader_events(run(text, "2022-04-28")) == [
        ("meeting", "2022-04-27", "2022-04-27"), ("cultural_event", "2022-04-26", "2022-04-26"),
    ]


def test_gifts_he_sent_are_dated_by_the_ceremony_they_were_conveyed_at() -> None:
    text = (
        "Pyongyang, October 7 (KCNA) -- A ceremony for moving into new houses took place in Kimhwa County on "
        "Tuesday.\nKim Jong Un sent gifts including bedclothes and kitchen utensils to all the families moving into "
        "the new houses.\nThe gifts sent by him were conveyed to them at the ceremony."
    )
    assert leader_events(run(text, "2020-10-07")) == [("gift", "2020-10-06", "2020-10-06")]


def test_talks_held_the_same_afternoon_are_of_the_day_told_just_before() -> None:
    text = (
        "Pyongyang, June 22 (KCNA) -- Xi Jinping, president of the People's Republic of China, wrapped up his state "
        "visit to the DPRK on Friday.\nKim Jong Un warmly welcomed Xi Jinping at Pyongyang International Airport on "
        "Thursday.\nThe top leaders of the two countries held talks at the Kumsusan Guesthouse the same afternoon."
    )
    assert leader_events(run(text, "2019-06-22")) == [("diplomacy", "2019-06-20", "2019-06-20")]


def test_a_parade_is_dated_by_its_own_day_not_by_the_congress_it_celebrates() -> None:
    text = (
        "Pyongyang, January 15 (KCNA) -- A military parade was held with splendour at Kim Il Sung Square on "
        "Thursday evening in celebration of the Eighth Congress of the Workers' Party of Korea, which was held from "
        "January 5 to 12.\nKim Jong Un appeared on the platform."
    )
    assert leader_events(run(text, "2021-01-15")) == [("ceremony", "2021-01-14", "2021-01-14")]
