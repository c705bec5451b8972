"""Events: the leader's activities with their dates, sites, people and evidence (dispatches written for the tests)."""

from __future__ import annotations

from extract_helpers import leader_events, run


def test_field_guidance_visit_is_an_inspection_dated_by_the_weekday_with_its_companions() -> None:
    x = run(
        "Pyongyang, August 6 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea, "
        "gave field guidance at the Ryongsong Machine Complex on Sunday.\n"
        "He was accompanied by Jo Yong Won, secretary of the Central Committee of the WPK, and "
        "Ri Chol Man, director of the Machine-building Department.\n"
        "He looked round the assembly shop and praised the workers for their successes."
    )
    assert leader_events(x) == [("inspection", "2024-08-04", "2024-08-04")]
    event = x.events[0]
    assert event.sites[0].startswith("the Ryongsong Machine Complex")
    assert event.sector == "economic"
    accompanied = {p.name for p in event.people if p.role == "accompanied"}
    assert accompanied == {"Jo Yong Won", "Ri Chol Man"}
    assert event.verdicts and event.verdicts[0].canonical == "praise"


def test_a_tour_of_several_sites_gives_one_inspection_per_site() -> None:
    x = run(
        "Pyongyang, August 6 (KCNA) -- Kim Jong Un inspected a munitions factory producing artillery shells.\n"
        "He stressed the importance of serial production.\n"
        "Kim Jong Un also visited a factory manufacturing engines for drones.\n"
        "He then went to a tank repair plant and learned about its work."
    )
    assert [t for t, _, _ in leader_events(x)] == ["inspection", "inspection", "inspection"]


def test_speech_at_a_ceremony_is_a_ceremony_and_a_speech_on_the_stated_day() -> None:
    x = run(
        "Pyongyang, September 29 (KCNA) -- A ceremony for the completion of the Songchon Silk Mill took place "
        "on September 28.\n"
        "Kim Jong Un attended the ceremony.\n"
        "Kim Jong Un made a speech at the ceremony.",
        published="2024-09-29",
    )
    assert sorted(leader_events(x)) == [
        ("ceremony", "2024-09-28", "2024-09-28"),
        ("speech", "2024-09-28", "2024-09-28"),
    ]


def test_message_sent_with_its_date_and_recipient_and_the_message_text_is_not_an_event() -> None:
    x = run(
        "Pyongyang, October 2 (KCNA) -- Kim Jong Un sent a message of greeting to Xi Jinping, "
        "president of the People's Republic of China, on October 1.\n"
        "The message said:\n"
        "I visited your country and inspected many factories, and we held talks.",
        published="2024-10-02",
    )
    assert leader_events(x) == [("message_sent", "2024-10-01", "2024-10-01")]
    assert [p.name for p in x.events[0].people] == ["Xi Jinping"]


def test_a_statement_by_another_official_is_her_event_not_the_leaders() -> None:
    x = run(
        "Pyongyang, October 14 (KCNA) -- Kim Yo Jong, vice department director of the WPK Central Committee, "
        "visited a border guard unit on Sunday.\n"
        "She said the enemy's drones would pay dearly."
    )
    assert leader_events(x) == []
    assert any(e.actor == "Kim Yo Jong" for e in x.events)


def test_an_anecdote_recalled_from_years_ago_is_not_an_event() -> None:
    x = run(
        "Pyongyang, May 7 (KCNA) -- One day in July 2016, Kim Jong Un visited a textile mill and looked round "
        "its dyeing shop.",
        published="2024-05-07",
    )
    assert leader_events(x) == []


def test_an_undated_activity_keeps_null_dates_and_the_reported_date_apart() -> None:
    x = run("Pyongyang, October 23 (KCNA) -- Kim Jong Un inspected strategic missile bases.", published="2024-10-23")
    assert leader_events(x) == [("inspection", None, None)]
    assert x.reported is not None and x.reported.isoformat() == "2024-10-23"


def test_a_test_fire_he_oversaw_takes_the_date_of_the_sentence_that_reported_it() -> None:
    x = run(
        "Pyongyang, November 1 (KCNA) -- The Missile Administration conducted a test-fire of a new-type "
        "intercontinental ballistic missile on Thursday.\n"
        "Kim Jong Un oversaw the test-fire at the launching ground.",
        published="2024-11-01",
    )
    assert leader_events(x) == [("weapons_test", "2024-10-31", "2024-10-31")]
    assert "icbm" in x.events[0].weapons


def test_received_a_foreign_envoy_is_diplomacy_and_a_report_from_an_official_is_not() -> None:
    x = run(
        "Pyongyang, September 14 (KCNA) -- Kim Jong Un received Sergei Shoigu, secretary of the Security "
        "Council of the Russian Federation, on September 13.\n"
        "Kim Jong Un received a report from the chairman of the youth league on the work.",
        published="2024-09-14",
    )
    assert leader_events(x) == [("diplomacy", "2024-09-13", "2024-09-13")]


def test_parts_of_a_visit_are_not_events_of_their_own() -> None:
    x = run(
        "Pyongyang, August 6 (KCNA) -- Kim Jong Un visited a newly built hospital on Monday.\n"
        "He met the doctors and nurses and had a photo session with them.\n"
        "He had a talk with the officials there."
    )
    assert leader_events(x) == [("inspection", "2024-08-05", "2024-08-05")]


def test_a_wreath_sent_in_his_name_is_dated_by_the_day_it_was_laid() -> None:
    x = run(
        "Pyongyang, November 10 (KCNA) -- Kim Jong Un sent a floral basket to the president of Laos.\n"
        "On November 8, the DPRK ambassador handed the floral basket to an official of the presidential office.",
        published="2024-11-10",
    )
    assert leader_events(x) == [("message_sent", "2024-11-08", "2024-11-08")]


def test_every_event_cites_spans_inside_the_text() -> None:
    from extract_helpers import dispatch, extractor

    doc = dispatch(
        "Pyongyang, August 3 (KCNA) -- Kim Jong Un gave field guidance to major munitions factories from "
        "August 1 to 2.\nHe was accompanied by Kim Jong Sik, first vice department director of the C.C., WPK."
    )
    x = extractor()(doc)
    assert leader_events(x) == [("inspection", "2024-08-01", "2024-08-02")]
    for event in x.events:
        assert event.evidence
        for span in event.evidence:
            assert 0 <= span.start < span.end <= len(doc.text)
        for person in event.people:
            assert person.span is not None and doc.text[person.span.start : person.span.end] == person.name


def test_a_reference_to_an_earlier_visit_is_kept_with_its_resolved_date_apart_from_the_event_date() -> None:
    x = run(
        "Pyongyang, August 6 (KCNA) -- Kim Jong Un gave field guidance to a munitions factory from August 3 to 5.\n"
        "He praised the factory for creating the capacity for serial production of shells, a task set forth "
        "during his field guidance to the factory on November 9 last year."
    )
    assert leader_events(x) == [("inspection", "2024-08-03", "2024-08-05")]
    refs = x.events[0].references
    assert [r["date"] for r in refs] == ["2023-11-09"]


def test_guidance_to_work_at_a_site_and_to_a_meeting_held_under_his_guidance_are_two_events() -> None:
    x = run(
        "Pyongyang, March 6 (KCNA) -- Marshal Kim Jong Un gave guidance to the work for casting turbines "
        "at the Taean Heavy Machine Complex.\n"
        "He set forth the tasks for the workers.\n"
        "Meanwhile, an enlarged meeting of the Political Bureau of the WPK Central Committee was held on "
        "Sunday under the guidance of Kim Jong Un."
    )
    # the visit gives no day; the meeting was on the Sunday before the dispatch
    assert leader_events(x) == [("inspection", None, None), ("meeting", "2024-03-03", "2024-03-03")]


def test_guidance_to_a_meeting_is_the_meeting_not_a_visit() -> None:
    x = run(
        "Pyongyang, May 2 (KCNA) -- Kim Jong Un gave guidance to an enlarged meeting of the Central Military "
        "Commission of the WPK on Saturday."
    )
    assert [t for t, _, _ in leader_events(x)] == ["meeting"]


def test_a_visit_told_in_a_since_clause_is_not_the_visit_reported_now() -> None:
    x = run(
        "Pyongyang, November 21 (KCNA) -- Kim Jong Un gave field guidance to the Sinpho Fish Cannery.\n"
        "The cannery has been rebuilt since he visited it in May last year.\n"
        "He praised the workers for producing canned fish of high quality."
    )
    assert leader_events(x) == [("inspection", None, None)]


def test_those_listed_as_present_do_not_become_the_he_of_the_next_sentences() -> None:
    x = run(
        "Pyongyang, July 27 (KCNA) -- Kim Jong Un received the delegation of the Republic of Belarus on July 26.\n"
        "Present there were Choe Son Hui, minister of Foreign Affairs, and Pak Jong Chon.\n"
        "Then he looked round the Three-Revolution Exhibition House with the guests.\n"
        "In the evening he hosted a banquet in honour of the delegation at the Mokran House."
    )
    events = leader_events(x)
    assert [t for t, _, _ in events] == ["diplomacy", "inspection", "cultural_event"]
    # "Then ..." and "In the evening ..." go on from the day of the talks
    assert all(start == end == "2024-07-26" for _, start, end in events)



def test_a_speech_at_a_ceremony_is_placed_where_the_ceremony_was_and_meeting_families_is_a_meeting() -> None:
    x = run(
        "Pyongyang, August 22 (KCNA) -- A ceremony for conferring orders on the soldiers took place at the "
        "April 25 House of Culture on August 21.\n"
        "Kim Jong Un attended the ceremony.\n"
        "He made a speech at the ceremony.\n"
        "He said that the soldiers had defended the honour of the country.\n"
        "Earlier in the day he met the bereaved families of the fallen soldiers at the Party Central "
        "Committee building."
    )
    by_type = {e.type: e for e in x.events if e.actor == "Kim Jong Un"}
    assert set(by_type) == {"ceremony", "speech", "meeting"}
    assert by_type["speech"].sites == by_type["ceremony"].sites
    assert by_type["ceremony"].sites[0].startswith("the April 25 House of Culture")


def test_this_year_names_a_period_not_the_day_of_a_visit() -> None:
    x = run(
        "Pyongyang, May 14 (KCNA) -- Kim Jong Un inspected a munitions enterprise producing artillery shells.\n"
        "Going round the production processes, he learned in detail about the production of shells this year."
    )
    assert leader_events(x) == [("inspection", None, None)]


def test_a_basket_laid_in_his_name_by_an_official_is_a_message_apart_from_his_own_tribute() -> None:
    x = run(
        "Pyongyang, April 16 (KCNA) -- Kim Jong Un paid high tribute to President Kim Il Sung at the Kumsusan "
        "Palace of the Sun on Friday.\n"
        "He then visited the halls where the leaders lie in state.\n"
        "On the same day a floral basket in the name of Kim Jong Un was placed before the statues on Mansu Hill "
        "by Choe Ryong Hae, secretary of the WPK Central Committee."
    )
    assert leader_events(x) == [
        ("commemoration", "2024-04-12", "2024-04-12"),
        ("message_sent", "2024-04-12", "2024-04-12"),
    ]


def test_a_state_visit_told_day_by_day_gives_talks_banquet_visit_and_luncheon() -> None:
    x = run(
        "Pyongyang, June 22 (KCNA) -- Kim Jong Un arrived in Hanoi on June 19.\n"
        "He had talks with To Lam at the Presidential Palace in the afternoon of the same day.\n"
        "In the evening To Lam gave a banquet for Kim Jong Un at the Presidential Palace.\n"
        "On June 20 Kim Jong Un visited the Hanoi Heavy Machine Factory.\n"
        "Before leaving Hanoi, Kim Jong Un and Ri Sol Ju had a luncheon with To Lam at the Metropole Hotel."
    )
    assert [(t, start) for t, start, _ in leader_events(x)] == [
        ("diplomacy", "2024-06-19"),
        ("cultural_event", "2024-06-19"),  # "In the evening": the day of the talks
        ("inspection", "2024-06-20"),
        ("cultural_event", "2024-06-20"),
    ]


def test_a_launch_site_is_a_site_and_a_target_island_is_not() -> None:
    launch = run(
        "Pyongyang, January 7 (KCNA) -- Kim Jong Un watched the test-fire of a new-type missile on Monday.\n"
        "The missile was launched from the outskirts of Pyongyang and hit the target waters."
    )
    assert launch.events[0].sites == ["the outskirts of Pyongyang"]
    target = run(
        "Pyongyang, October 10 (KCNA) -- Kim Jong Un observed the firing of multiple rocket launchers on "
        "Sunday.\nThe shells hit a target island in the East Sea of Korea."
    )
    assert target.events[0].sites == []


def test_a_lead_naming_two_outposts_gives_each_visit_its_own_and_an_old_battle_does_not_date_it() -> None:
    x = run(
        "Pyongyang, August 18 (KCNA) -- Kim Jong Un inspected the Defence Detachment on Sogap Islet and the "
        "Hero Defence Detachment on Ryo Islet on Friday.\n"
        "He went to the Sogap Islet Defence Detachment on a boat and was briefed on its duty.\n"
        "Then he visited the Hero Defence Detachment on Ryo Islet, which had waged an artillery duel with the "
        "enemy in November 2010."
    )
    events = [e for e in x.events if e.actor == "Kim Jong Un"]
    assert [(e.type, str(e.start)) for e in events] == [("inspection", "2024-08-16"), ("inspection", "2024-08-16")]
    assert [e.sites for e in events] == [
        ["the Defence Detachment on Sogap Islet"],
        ["the Hero Defence Detachment on Ryo Islet"],
    ]


def test_a_past_clause_before_the_next_verb_does_not_date_the_visit() -> None:
    x = run(
        "Pyongyang, May 9 (KCNA) -- Kim Jong Un inspected the Defence Detachment on Sogap Islet on Wednesday.\n"
        "He then inspected the Hero Defence Detachment on Ryo Islet, which repulsed the enemy's landing in "
        "June 2009, and looked round the room of its history."
    )
    events = [e for e in x.events if e.actor == "Kim Jong Un"]
    assert [(e.type, str(e.start)) for e in events] == [("inspection", "2024-05-08"), ("inspection", "2024-05-08")]


def test_a_tour_of_farms_is_told_farm_by_farm_not_as_one_more_visit() -> None:
    x = run(
        "Pyongyang, July 8 (KCNA) -- Kim Jong Un gave field guidance to farms in Kangwon Province.\n"
        "On Monday he visited Farm No. 1118 under KPA Unit 1118 in Anbyon County.\n"
        "The next day he inspected the Anbyon Fruit Farm."
    )
    assert [e.sites for e in x.events] == [
        ["Farm No. 1118 under KPA Unit 1118 in Anbyon County"],
        ["the Anbyon Fruit Farm"],
    ]


def test_a_summit_abroad_gives_the_talks_the_luncheon_and_the_earlier_meeting_with_the_host() -> None:
    x = run(
        "Pyongyang, June 13 (KCNA) -- Kim Jong Un had the first-ever DPRK-U.S. summit talks with Donald J. Trump, "
        "president of the United States of America, at the Capella Hotel on Sentosa Island on June 12.\n"
        "After the talks the two leaders had a luncheon together.\n"
        "Earlier, Kim Jong Un arrived in Singapore on June 10 and met Lee Hsien Loong, prime minister of "
        "Singapore, at the presidential office."
    )
    assert leader_events(x) == [
        ("diplomacy", "2024-06-12", "2024-06-12"),
        ("cultural_event", "2024-06-12", "2024-06-12"),
        ("diplomacy", "2024-06-10", "2024-06-10"),
    ]


def test_a_launching_ceremony_is_dated_where_the_ceremony_for_launching_was_first_told() -> None:
    x = run(
        "Pyongyang, May 22 (KCNA) -- The ceremony for launching a new cargo ship was held at the Nampho "
        "Shipyard on May 21.\n"
        "Kim Jong Un attended the launching ceremony."
    )
    assert leader_events(x) == [("ceremony", "2024-05-21", "2024-05-21")]


def test_a_parade_site_ends_before_the_hour_and_the_reason() -> None:
    x = run(
        "Pyongyang, February 9 (KCNA) -- A military parade took place at Kim Il Sung Square in the early hours "
        "of February 8 in celebration of the founding anniversary of the army.\n"
        "Kim Jong Un was present at the parade."
    )
    assert [e.sites for e in x.events] == [["Kim Il Sung Square"]]


def test_a_message_sent_on_hearing_news_is_sent_and_the_wreath_laid_later_is_its_own() -> None:
    x = run(
        "Pyongyang, November 29 (KCNA) -- Kim Jong Un sent a message of condolences to the president of Laos on "
        "Saturday upon hearing the sad news that the former president had passed away.\n"
        "A wreath in the name of Kim Jong Un was laid at the Lao embassy in Pyongyang on Monday.\n"
        "It was laid by Choe Ryong Hae, vice-chairman of the State Affairs Commission."
    )
    assert leader_events(x) == [
        ("message_sent", "2024-11-23", "2024-11-23"),
        ("message_sent", "2024-11-25", "2024-11-25"),
    ]


def test_the_second_round_of_talks_is_diplomacy() -> None:
    x = run(
        "Pyongyang, September 20 (KCNA) -- Kim Jong Un had the second round of talks with Moon Jae In, president "
        "of south Korea, at the Paekhwawon State Guest House on Wednesday morning."
    )
    assert leader_events(x) == [("diplomacy", "2024-09-18", "2024-09-18")]


def test_a_congress_guided_is_a_meeting_and_an_opening_attended_has_the_days_of_the_lead() -> None:
    congress = run(
        "Pyongyang, May 10 (KCNA) -- The Ninth Congress of the Workers' Party of Korea closed on Monday.\n"
        "Kim Jong Un guided the congress throughout its course."
    )
    assert [t for t, _, _ in leader_events(congress)] == ["meeting"]
    opening = run(
        "Pyongyang, October 12 (KCNA) -- The Light Industry Exhibition opened at the Three-Revolution Exhibition "
        "House on Monday.\n"
        "Kim Jong Un attended the opening ceremony and made a speech."
    )
    assert ("ceremony", "2024-10-07", "2024-10-07") in leader_events(opening)


def test_the_news_that_he_guided_the_rescue_is_a_report_of_it_not_an_activity_now() -> None:
    x = run(
        "Pyongyang, July 31 (KCNA) -- The news, which Kim Jong Un directly guided the rescue of inhabitants while "
        "looking round the flood-hit areas, inspires the officials across the country.\n"
        "Officials of the ministries have turned out to help the people."
    )
    assert leader_events(x) == []


def test_a_state_visit_gives_the_talks_the_banquet_the_speeches_and_the_performance() -> None:
    x = run(
        "Pyongyang, June 21 (KCNA) -- Kim Jong Un held talks with Xi Jinping, president of China, at the Kumsusan "
        "Guest House on Thursday.\n"
        "Then Kim Jong Un and his wife Ri Sol Ju hosted a grand banquet in honour of Xi Jinping.\n"
        "Kim Jong Un and Xi Jinping made speeches at the banquet.\n"
        "After that, the top leaders watched a mass gymnastic performance at the May Day Stadium.\n"
        "In the evening a reception was given at the Mokran House in honour of Kim Jong Un."
    )
    assert [t for t, _, _ in leader_events(x)] == [
        "diplomacy", "cultural_event", "speech", "cultural_event", "cultural_event"
    ]


def test_a_guest_glad_to_have_visited_the_dprk_is_no_visit_of_his_and_the_reception_after_the_game_is_its_own() -> None:
    x = run(
        "Pyongyang, March 1 (KCNA) -- Kim Jong Un watched a basketball game at the Pyongyang Indoor Stadium on "
        "Thursday.\n"
        "After the game, Kim Jong Un gave a reception for the foreign players.\n"
        "One player said he was happy to have visited the DPRK."
    )
    assert leader_events(x) == [
        ("cultural_event", "2024-02-29", "2024-02-29"),
        ("cultural_event", "2024-02-29", "2024-02-29"),
    ]


def test_the_acts_a_message_thanks_him_for_are_no_events_of_the_late_leader_it_names() -> None:
    x = run(
        "Pyongyang, August 7 (KCNA) -- Kim Jong Un received a reply message from the Central Committee of the "
        "Lao People's Revolutionary Party on July 29.\n"
        "The Central Committee in the message expressed heartfelt thanks to him for extending condolences to the "
        "family of the late President Kaysone Phomvihane, for making sure that a delegation headed by Jo Yong Won "
        "paid a condolatory visit to the Lao embassy here."
    )
    assert [(e.type, e.actor) for e in x.events] == [("message_received", "Kim Jong Un")]


def test_a_brigade_named_after_a_mountain_does_not_place_the_ceremony_there() -> None:
    x = run(
        "Pyongyang, August 7 (KCNA) -- A ceremony of the Paektusan Hero Youth Shock Brigade's departure took "
        "place at the April 25 House of Culture in Pyongyang on August 6.\n"
        "Kim Jong Un attended the ceremony."
    )
    (ceremony,) = [e for e in x.events if e.actor == "Kim Jong Un"]
    assert "Mt Paektu" not in ceremony.places


def test_comradely_greetings_conveyed_and_a_wreath_bearing_his_name_are_messages_he_sent() -> None:
    greetings = run(
        "Pyongyang, November 6 (KCNA) -- The foreign minister met the president of Laos on Nov. 4.\n"
        "She courteously conveyed warm comradely greetings of the respected Comrade Kim Jong Un to the president."
    )
    assert [t for t, _, _ in leader_events(greetings)] == ["message_sent"]
    wreath = run(
        "Pyongyang, August 16 (KCNA) -- Embassy staff laid a wreath before the Liberation Tower on Thursday.\n"
        "Seen standing before the tower was a wreath bearing the august name of Kim Jong Un."
    )
    assert [t for t, _, _ in leader_events(wreath)] == ["message_sent"]


def test_a_treaty_he_signed_that_a_speech_refers_to_is_no_signing_now() -> None:
    x = run(
        "Pyongyang, October 12 (KCNA) -- The ambassador made a speech at the reception.\n"
        "He referred to the fact that the two heads of state, Kim Jong Un and the Russian president, signed the "
        "treaty on comprehensive strategic partnership in June."
    )
    assert leader_events(x) == []


def test_a_stand_clarified_in_an_important_speech_is_a_speech() -> None:
    x = run(
        "Pyongyang, August 10 (KCNA) -- Following are major news items:\n"
        "- Kim Jong Un visited the flood-hit area in Uiju County again.\n"
        "- He clarified the government's stand on the rehabilitation in an important speech."
    )
    assert "speech" in [t for t, _, _ in leader_events(x)]


def test_present_there_was_the_leader_at_the_session_and_tribute_paid_before_a_home() -> None:
    session = run(
        "Pyongyang, June 30 (KCNA) -- The 5th Session of the 14th Supreme People's Assembly was held at the "
        "Mansudae Assembly Hall on Wednesday.\n"
        "Present there was the dear respected Kim Jong Un."
    )
    assert leader_events(session) == [("meeting", "2024-06-26", "2024-06-26")]
    tribute = run(
        "Pyongyang, April 20 (KCNA) -- On his way back, Kim Jong Un called at the Paektusan Secret Camp in "
        "Samjiyon County and paid tribute before the home of Kim Jong Il."
    )
    (event,) = tribute.events
    assert event.type == "commemoration" and event.sites == ["the Paektusan Secret Camp in Samjiyon County"]


def test_a_list_of_headlines_in_the_present_tense_tells_his_activities() -> None:
    x = run(
        "Pyongyang, December 2 (KCNA) -- The following are major items carried by Rodong Sinmun in November:\n"
        "-- Kim Jong Un inspects Ryongsong Machine Complex\n"
        "-- Kim Jong Un sends gifts to schoolchildren of Mangyongdae Revolutionary School\n"
        "-- Kim Jong Un watches performance of Moranbong Band on November 18\n"
        "-- Kim Jong Un receives congratulatory message from the president of Laos\n"
        "-- KCNA commentary slams arms buildup"
    )
    assert [t for t, _, _ in leader_events(x)] == ["inspection", "gift", "cultural_event", "message_received"]


def test_the_supreme_leader_named_by_title_alone_later_in_a_dispatch() -> None:
    x = run(
        "Pyongyang, July 9 (KCNA) -- Kim Jong Un enjoyed a performance given by the Moranbong Band on Friday.\n"
        "On Sunday, the anniversary of the demise of President Kim Il Sung, the Supreme Leader visited the "
        "Kumsusan Palace of the Sun."
    )
    assert leader_events(x) == [
        ("cultural_event", "2024-07-05", "2024-07-05"),
        ("commemoration", "2024-07-07", "2024-07-07"),
    ]


def test_what_the_late_leader_did_does_not_make_him_the_he_of_the_story() -> None:
    x = run(
        "Pyongyang, October 23 (KCNA) -- Kim Jong Un inspected the Kumgangsan Tourist Resort.\n"
        "He said that the late leader Kim Jong Il had opened the mountain to visitors decades ago.\n"
        "He also inspected the Kosong Fish Farm."
    )
    assert [(e.type, e.actor) for e in x.events] == [("inspection", "Kim Jong Un"), ("inspection", "Kim Jong Un")]


def test_on_the_same_day_another_site_is_another_visit_of_that_day_even_undated() -> None:
    x = run(
        "Pyongyang, December 2 (KCNA) -- Kim Jong Un gave field guidance to the Kumsong Tractor Factory.\n"
        "On the same day he visited the Sungri Motor Complex in Tokchon."
    )
    assert leader_events(x) == [("inspection", None, None), ("inspection", None, None)]


def test_the_general_secretary_lower_case_and_a_wreath_dated_by_its_laying_not_the_death() -> None:
    plenum = run(
        "Pyongyang, June 19 (KCNA) -- The Plenary Meeting of the Central Committee of the WPK took place from "
        "June 15 to 18.\n"
        "Kim Jong Un guided the meeting.\n"
        "On the last day of the meeting the general secretary made a concluding speech."
    )
    assert "speech" in [t for t, _, _ in leader_events(plenum)]
    wreath = run(
        "Pyongyang, July 9 (KCNA) -- Kim Jong Un sent a wreath to the bier of Ri Yong Su, who died of illness "
        "on Monday.\n"
        "The wreath was laid before the bier on Wednesday by Choe Ryong Hae."
    )
    assert leader_events(wreath) == [("message_sent", "2024-07-03", "2024-07-03")]


def test_a_ceremony_under_the_presence_of_the_leader_is_his() -> None:
    x = run(
        "Pyongyang, August 7 (KCNA) -- Following are major news items:\n"
        "- A departure ceremony of the youth shock brigade took place under the presence of the respected "
        "Comrade Kim Jong Un."
    )
    assert [t for t, _, _ in leader_events(x)] == ["ceremony"]


def test_a_launching_ceremony_takes_the_lead_s_yard_and_his_speech_told_by_what_he_said() -> None:
    x = run(
        "Pyongyang, June 12 (KCNA) -- A new-type frigate was launched at the Chongjin Shipyard on Tuesday.\n"
        "Kim Jong Un attended the launching ceremony.\n"
        "The frigate will guard the east coast, Kim Jong Un said in his speech at the ceremony.\n"
        "He then boarded the frigate and looked round its bridge and other parts."
    )
    events = [(e.type, str(e.start), e.sites) for e in x.events if e.actor == "Kim Jong Un"]
    assert events == [
        ("ceremony", "2024-06-11", ["the Chongjin Shipyard"]),
        ("speech", "2024-06-11", ["the Chongjin Shipyard"]),
    ]


def test_a_meeting_he_presided_over_before_a_visit_is_an_activity_of_its_own() -> None:
    x = run(
        "Pyongyang, March 4 (KCNA) -- Kim Jong Un visited the Pyongyang Textile Mill on Sunday, after presiding "
        "over an enlarged meeting of the Political Bureau of the WPK Central Committee the same day."
    )
    assert sorted((e.type, str(e.start)) for e in x.events if e.actor == "Kim Jong Un") == [
        ("inspection", "2024-03-03"),
        ("meeting", "2024-03-03"),
    ]


def test_a_named_place_inspected_in_the_sentence_of_a_drill_is_a_visit_of_its_own() -> None:
    x = run(
        "Pyongyang, April 16 (KCNA) -- Kim Jong Un watched a firing drill of an artillery sub-unit on Monday "
        "and inspected the Kangdong Machine Factory."
    )
    events = [(e.type, e.sites) for e in x.events if e.actor == "Kim Jong Un"]
    assert events == [("military_exercise", []), ("inspection", ["the Kangdong Machine Factory"])]


def test_inspecting_the_drill_he_watched_is_the_drill_itself() -> None:
    x = run(
        "Pyongyang, April 16 (KCNA) -- Kim Jong Un watched a firing drill of a sub-unit and inspected the drill."
    )
    assert [e.type for e in x.events if e.actor == "Kim Jong Un"] == ["military_exercise"]


def test_whose_word_is_no_site_and_an_adverb_ends_the_site() -> None:
    x = run(
        "Pyongyang, July 5 (KCNA) -- Kim Jong Un guided on the spot the test-launch of a new-type rocket.\n"
        "He arrived at the launching site early in the morning and learned about the preparations.\n"
        "The rocket, launched at the order of Kim Jong Un, hit the targeted waters."
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [["the launching site"]]


def test_the_launch_told_next_on_the_day_of_the_report_dates_the_test() -> None:
    x = run(
        "Pyongyang, February 7 (KCNA) -- Kim Jong Un observed the launch of a new satellite at the Sohae "
        "Satellite Launching Station.\n"
        "The carrier rocket was launched at 09:00 on February 7 and the satellite entered its orbit.",
        published="2024-02-07",
    )
    assert [(e.type, str(e.start)) for e in x.events if e.actor == "Kim Jong Un"] == [("weapons_test", "2024-02-07")]


def test_a_congress_is_dated_by_the_lead_and_his_concluding_speech_by_its_own_day() -> None:
    x = run(
        "Pyongyang, January 13 (KCNA) -- The 9th Congress of the Workers' Party of Korea, which opened on "
        "January 5, closed on January 12.\n"
        "Kim Jong Un guided the congress at the April 25 House of Culture. He was elected general secretary at "
        "the session of the congress on January 10.\n"
        "Kim Jong Un made a concluding speech at the congress on January 12.",
        published="2024-01-13",
    )
    assert leader_events(x) == [("meeting", "2024-01-05", "2024-01-12"), ("speech", "2024-01-12", "2024-01-12")]


def test_the_top_leaders_of_the_dprk_and_another_country_holding_a_one_on_one_talk_is_his_summit() -> None:
    x = run(
        "Pyongyang, March 1 (KCNA) -- The summit was held in Hanoi.\n"
        "The top leaders of the DPRK and the U.S. had a one-on-one talk at the hotel on February 28.\n"
        "The top leaders of the party and the state attended a meeting on February 27."
    )
    assert leader_events(x) == [("diplomacy", "2024-02-28", "2024-02-28")]


def test_a_visit_recalled_inside_the_report_does_not_date_or_drop_it() -> None:
    x = run(
        "Pyongyang, December 31 (KCNA) -- Kim Jong Un inspected the Kalma Ski Resort newly built by soldiers.\n"
        "When he visited the construction site in June this year, he set forth the tasks of the construction.",
        published="2024-12-31",
    )
    events = [(e.type, e.start, e.sites) for e in x.events if e.actor == "Kim Jong Un"]
    assert events == [("inspection", None, ["the Kalma Ski Resort"])]


def test_visits_summed_up_as_many_times_are_no_visit_reported_now() -> None:
    x = run(
        "Pyongyang, October 24 (KCNA) -- The Kangso Mineral Water Factory is a model factory.\n"
        "The General Secretary visited the factory many times and set a high target to modernize it."
    )
    assert leader_events(x) == []


def test_a_tribute_at_statues_inside_the_place_he_visits_is_part_of_the_visit() -> None:
    x = run(
        "Pyongyang, October 13 (KCNA) -- Kim Jong Un visited the Kang Pan Sok Revolutionary School on Friday.\n"
        "He first paid tribute before the statues standing in the campus of the school.\n"
        "He looked round the classrooms and the dormitory."
    )
    assert leader_events(x) == [("inspection", "2024-10-11", "2024-10-11")]


def test_an_earlier_act_told_inside_what_he_recalled_is_no_act_of_his() -> None:
    x = run(
        "Pyongyang, August 18 (KCNA) -- Kim Jong Un inspected the Hero Defence Detachment on Ryo Islet on Friday.\n"
        "Looking round the history room, he recalled with deep emotion that leader Kim Jong Il had sent a letter "
        "of thanks to its soldiers.\n"
        "He watched the soldiers conducting firing practice with their guns."
    )
    assert [e.type for e in x.events if e.actor == "Kim Jong Un"] == ["inspection", "military_exercise"]


def test_going_to_a_house_to_hold_talks_there_is_the_talks() -> None:
    x = run(
        "Pyongyang, July 1 (KCNA) -- Kim Jong Un met Donald J. Trump, president of the United States of America, "
        "at Panmunjom on June 30.\n"
        "The two leaders then went to the House of Freedom in the south side area and had talks there."
    )
    assert leader_events(x) == [("diplomacy", "2024-06-30", "2024-06-30")]


def test_an_undated_speech_after_the_one_dated_occasion_he_attended_has_its_day() -> None:
    x = run(
        "Pyongyang, October 10 (KCNA) -- A military parade was held at Kim Il Sung Square on October 10.\n"
        "Kim Jong Un appeared on the platform.\n"
        "Kim Jong Un made a speech, in which he said that the country will strengthen its deterrent.",
        published="2024-10-10",
    )
    assert leader_events(x) == [("ceremony", "2024-10-10", "2024-10-10"), ("speech", "2024-10-10", "2024-10-10")]


def test_launch_sites_told_after_the_satellite_and_the_drill_s_day() -> None:
    satellite = run(
        "Pyongyang, November 22 (KCNA) -- The administration launched reconnaissance satellite Malligyong-1 by "
        "new-type carrier rocket Chollima-1 at the Sohae Satellite Launching Ground at 22:42 on November 21.\n"
        "Kim Jong Un watched the launch on the spot."
    )
    assert [e.sites for e in satellite.events if e.actor == "Kim Jong Un"] == [["the Sohae Satellite Launching Ground"]]
    drill = run(
        "Pyongyang, August 30 (KCNA) -- Kim Jong Un guided a drill for launching the ballistic rocket Hwasong-12.\n"
        "The drill was conducted on Tuesday from the Sunan area of Pyongyang."
    )
    assert [e.sites for e in drill.events if e.actor == "Kim Jong Un"] == [["the Sunan area of Pyongyang"]]


def test_a_test_and_a_firing_drill_guided_by_one_verb_are_two_activities() -> None:
    x = run(
        "Pyongyang, March 24 (KCNA) -- Kim Jong Un guided the test of a new-type underwater weapon system "
        "and the firing drill of strategic cruise missiles from March 21 to 23."
    )
    assert [e.type for e in x.events if e.actor == "Kim Jong Un"] == ["weapons_test", "military_exercise"]


def test_a_state_visit_is_told_by_its_talks_after_the_welcome_and_what_was_said_at_them() -> None:
    x = run(
        "Pyongyang, March 28 (KCNA) -- Kim Jong Un paid an unofficial visit to China from March 25 to 28 at the "
        "invitation of Xi Jinping, general secretary of the Central Committee of the Communist Party of China.\n"
        "A welcome ceremony for Kim Jong Un was held at the Great Hall of the People on March 26, after which he "
        "held talks with Xi Jinping.\n"
        "At the talks, Kim Jong Un said that the DPRK-China friendship is precious.",
        published="2024-03-28",
    )
    assert leader_events(x) == [("diplomacy", "2024-03-26", "2024-03-26")]


def test_the_front_a_unit_stands_on_is_not_part_of_its_site() -> None:
    x = run(
        "Pyongyang, August 18 (KCNA) -- Kim Jong Un inspected the Hero Defence Detachment on Ryo Islet on the "
        "southwestern front on Friday."
    )
    assert [e.sites for e in x.events if e.actor == "Kim Jong Un"] == [["the Hero Defence Detachment on Ryo Islet"]]
