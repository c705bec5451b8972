"""Sites are the noun phrase that names the place, cut before any clause (guidelines, `sites`)."""

from __future__ import annotations

import pytest

from extract_helpers import run
from fieldguide.extract.sites import SiteRules, site_phrase
from fieldguide.kb.loader import load


@pytest.fixture(scope="module")
def rules() -> SiteRules:
    return SiteRules.from_data(load().raw["sites"])


def phrase(text: str, rules: SiteRules) -> str | None:
    span = site_phrase(text, 0, len(text), rules)
    return text[span[0] : span[1]] if span else None


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("the fish farm and clarified the orientation and ways to this end.", "the fish farm"),
        ("a machine plant to learn about its production.", "a machine plant"),
        ("the tractor works of the Sariwon area on October 3.", "the tractor works of the Sariwon area"),
        ("a factory producing tyres for lorries on Sunday.", "a factory producing tyres for lorries"),
        ("the mine in Kangdong County, South Phyongan Province, and looked round it", "the mine in Kangdong County, "
         "South Phyongan Province"),
        ("the Memorial to the Soldiers of the Victorious War, which stands", "the Memorial to the Soldiers of the "
         "Victorious War"),
        ("the Martyrs Cemetery on Mt Ryongak together with officials", "the Martyrs Cemetery on Mt Ryongak"),
        ("the newly built greenhouses again for the first time", "the newly built greenhouses"),
        # a ground of drills is told by its front or coast; a unit's front is only where it stands
        ("a firing ground on the western front and watched", "a firing ground on the western front"),
        ("a firing ground in the eastern sector of the front on Monday", "a firing ground in the eastern sector of "
         "the front"),
        ("the Defence Detachment on Mu Islet on the southwestern front", "the Defence Detachment on Mu Islet"),
        ("Pyongyang Railway Station late at night on Wednesday to see off", "Pyongyang Railway Station"),
        ("Samjiyon Airport ahead of them and greeted the guests", "Samjiyon Airport"),
        ("the command of the large combined unit, where he went", "the command of the large combined unit"),
        ("the terraced residential district on the bank of the Pothong River nearing completion.", "the terraced "
         "residential district on the bank of the Pothong River"),
        ("the construction site of 10,000 flats in the Hwasong area, and looked round", "the construction site of "
         "10,000 flats in the Hwasong area"),
        # the name a place is named after goes on with it
        ("the Aircraft Plant named after Yuri Gagarin in Khabarovsk Territory on Friday", "the Aircraft Plant named "
         "after Yuri Gagarin in Khabarovsk Territory"),
    ],
)
def test_a_site_ends_where_its_noun_phrase_ends(text: str, site: str, rules: SiteRules) -> None:
    assert phrase(text, rules) == site


@pytest.mark.parametrize(
    "text",
    [
        "for the construction of a harbour and set the tasks.",
        "the second half of the year.",
        "humble reverence for them.",
        "of his profound thanks.",
    ],
)
def test_a_phrase_without_a_place_is_no_site(text: str, rules: SiteRules) -> None:
    assert phrase(text, rules) is None


def events_of(text: str) -> list[tuple[str, list[str]]]:
    return [(e.type, e.sites) for e in run(text, published="2024-05-04").events]


def test_a_visit_has_one_site_and_its_rooms_are_parts_of_it() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Kim Jong Un visited the Ryongsong Machine Complex on May 3.\n"
        "He looked round the control room and the assembly shop and went round the room of its history."
    )
    assert events_of(text) == [("inspection", ["the Ryongsong Machine Complex"])]


def test_a_meeting_is_placed_where_the_text_says_it_took_place() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Kim Jong Un was present at the meeting of the war veterans on May 3.\n"
        "The meeting took place at the April 25 House of Culture."
    )
    assert ("meeting", ["the April 25 House of Culture"]) in events_of(text)


def test_the_university_is_named_as_the_text_names_it_in_full() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Kim Chaek University of Technology marked its anniversary.\n"
        "Kim Jong Un visited the university on May 3 to congratulate its staff."
    )
    assert events_of(text) == [("inspection", ["Kim Chaek University of Technology"])]


def test_those_present_at_the_test_are_attached_to_it() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Kim Jong Un oversaw a test-fire of a new-type cruise missile on May 3.\n"
        "Present at the test were Pak Jong Chon and Jo Chun Ryong."
    )
    (event,) = [e for e in run(text, published="2024-05-04").events if e.type == "weapons_test"]
    assert {p.name for p in event.people} == {"Pak Jong Chon", "Jo Chun Ryong"}


def test_a_visit_told_as_news_he_heard_of_is_not_a_new_activity() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Upon hearing the news that Kim Jong Un gave on-site guidance to their farm, "
        "the farmers of Mundok County pledged to raise a bumper harvest."
    )
    assert events_of(text) == []


def test_the_dprk_is_not_the_republic_of_korea() -> None:
    found = run("Pyongyang, May 4 (KCNA) -- The Democratic People's Republic of Korea issued a statement.")
    assert not [m for m in found.mentions if m.kind == "place" and m.canonical == "Republic of Korea"]


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("the modernized Pyongyang Textile Mill on Sunday.", "the modernized Pyongyang Textile Mill"),
        ("a specialized hospital in Pyongyang.", "a specialized hospital in Pyongyang"),
        ("the First Battalion of the KPA.", "the First Battalion of the KPA"),
    ],
)
def test_adjectives_and_capitalized_words_inside_a_name_keep_the_site(text: str, site: str, rules: SiteRules) -> None:
    assert phrase(text, rules) == site


def test_a_headline_in_capitals_is_read_at_once_and_the_university_named_in_full() -> None:
    from fieldguide.extract.sites import named_in_full

    rules = SiteRules.from_data(load().raw["sites"])
    text = "KIM JONG UN INSPECTS NEW SHIPYARD AND LOOKS ROUND MANY WORKSHOPS OF THE EAST COAST " * 3
    assert named_in_full("the university", text + "Kim Il Sung University opened.", rules) == (
        "Kim Il Sung University"
    )


def test_a_meeting_before_the_leader_does_not_make_him_its_object() -> None:
    assert ("speech", []) in [(t, s) for t, s in events_of(
        "Pyongyang, May 4 (KCNA) -- At the meeting Kim Jong Un made a speech on May 3."
    )]


def test_a_wreath_laid_in_his_name_has_the_place_it_was_laid_at() -> None:
    x = run(
        "Pyongyang, October 3 (KCNA) -- A wreath in the name of Kim Jong Un was laid at the Friendship Monument in "
        "Sariwon on Tuesday by an official of the Cabinet."
    )
    messages = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "message_sent"]
    assert [e.sites for e in messages] == [["the Friendship Monument in Sariwon"]]


def test_a_test_watched_from_a_launching_ground_has_the_named_launch_site() -> None:
    x = run(
        "Pyongyang, May 15 (KCNA) -- Kim Jong Un oversaw the test-fire of a new-type ballistic missile on Sunday.\n"
        "He arrived at the launching ground early in the morning.\n"
        "The missile, launched from the Kusong Airfield, flew along the set course."
    )
    tests = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "weapons_test"]
    assert [e.sites for e in tests] == [["the Kusong Airfield"]]


def test_launched_at_a_named_place_or_at_an_hour_from_one_is_the_launch_site() -> None:
    for words, site in (
        ("was launched at Wonsan Kalma Airport and", "Wonsan Kalma Airport"),
        ("was launched at 06:15 from the outskirts of Hamhung and", "the outskirts of Hamhung"),
    ):
        x = run(
            "Pyongyang, May 15 (KCNA) -- Kim Jong Un watched the test-launch of a new-type missile on Sunday.\n"
            f"The missile {words} flew 800 km before hitting the target waters."
        )
        tests = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "weapons_test"]
        assert [e.sites for e in tests] == [[site]]


def test_a_test_reported_as_conducted_at_a_place_has_that_site() -> None:
    x = run(
        "Pyongyang, May 15 (KCNA) -- A static fire test of a new engine was successfully conducted at the Tonghae "
        "Satellite Launching Ground on Sunday.\n"
        "Kim Jong Un guided the test on the spot."
    )
    tests = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "weapons_test"]
    assert [e.sites for e in tests] == [["the Tonghae Satellite Launching Ground"]]


def test_a_place_he_had_visited_before_is_not_the_site_of_the_ceremony() -> None:
    x = run(
        "Pyongyang, May 15 (KCNA) -- A ceremony for the completion of the Ryonpho Greenhouse Farm was held on "
        "Sunday.\n"
        "Kim Jong Un attended the ceremony.\n"
        "After cutting the tape, he went round the greenhouses.\n"
        "Recalling that he had visited the construction site three times, he praised the builders."
    )
    ceremonies = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "ceremony"]
    assert [e.sites for e in ceremonies] == [["the Ryonpho Greenhouse Farm"]]


def test_a_site_described_in_small_letters_takes_the_name_the_text_gives_it() -> None:
    x = run(
        "Pyongyang, December 30 (KCNA) -- The workers of the Yangdok Hot Spring Resort in South Phyongan Province "
        "were pleased to greet him again.\n"
        "Kim Jong Un looked round the newly finished hot spring resort."
    )
    visits = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "inspection"]
    assert [e.sites for e in visits] == [["the Yangdok Hot Spring Resort in South Phyongan Province"]]


def test_a_defence_detachment_on_an_islet_is_a_site() -> None:
    x = run("Pyongyang, May 15 (KCNA) -- Kim Jong Un inspected the defence detachment on Mahap Islet on Sunday.")
    visits = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "inspection"]
    assert [e.sites for e in visits] == [["the defence detachment on Mahap Islet"]]


def test_a_drill_on_the_east_coast_has_the_coast_as_its_site() -> None:
    x = run("Pyongyang, May 15 (KCNA) -- Kim Jong Un guided a firing drill of KPA units on the west coast on Sunday.")
    drills = [e for e in x.events if e.actor == "Kim Jong Un" and e.type == "military_exercise"]
    assert [e.sites for e in drills] == [["the west coast"]]


def test_pharmacies_he_visited_are_a_site_and_not_the_site_of_the_meeting_before() -> None:
    x = run(
        "Pyongyang, May 16 (KCNA) -- Kim Jong Un visited pharmacies in Pyongyang on Sunday, after presiding over "
        "an emergency meeting of the Political Bureau the same day.\n"
        "At the meeting, held at the office building of the Party Central Committee, he criticized the Cabinet.",
        published="2031-05-16",
    )
    sites = {e.type: e.sites for e in x.events if e.actor == "Kim Jong Un"}
    assert sites == {
        "inspection": ["pharmacies in Pyongyang"],
        "meeting": ["the office building of the Party Central Committee"],
    }


def test_he_went_to_pharmacies_and_the_pharmacies_told_again_are_the_same_visit() -> None:
    x = run(
        "Pyongyang, May 16 (KCNA) -- Kim Jong Un went to pharmacies in Sosong District on Sunday to learn about "
        "the supply of medicines.\n"
        "Then he went to the pharmacies near the Sosong District market and talked with the pharmacists.",
        published="2031-05-16",
    )
    assert [(e.type, e.sites) for e in x.events if e.actor == "Kim Jong Un"] == [
        ("inspection", ["pharmacies in Sosong District"])
    ]


def test_where_a_unit_stands_or_is_deployed_is_not_more_of_its_name() -> None:
    x = run(
        "Pyongyang, August 18 (KCNA) -- Kim Jong Un inspected the Defence Detachment on Jangjae Islet in the "
        "southwestern sector of the front on Friday.\n"
        "He also inspected a company under KPA Unit 4302 deployed in the Kaesong area.",
        published="2030-08-18",
    )
    assert [e.sites for e in x.events] == [
        ["the Defence Detachment on Jangjae Islet"],
        ["a company under KPA Unit 4302"],
    ]


def test_rooms_he_then_looked_round_are_parts_and_the_detachment_he_then_went_to_another_visit() -> None:
    x = run(
        "Pyongyang, August 18 (KCNA) -- Kim Jong Un inspected the Defence Detachment on Jangjae Islet on Friday.\n"
        "He went up to the observation post. He then looked round the room for education in the revolutionary "
        "history, the barracks and the mess hall.\n"
        "He then went to the Hero Defence Detachment on Mu Islet, which displayed heroism in 2010.",
        published="2030-08-18",
    )
    assert [e.sites for e in x.events] == [
        ["the Defence Detachment on Jangjae Islet"],
        ["the Hero Defence Detachment on Mu Islet"],
    ]


def test_the_exhibition_he_looked_round_after_its_opening_is_where_it_opened() -> None:
    x = run(
        "Pyongyang, October 12 (KCNA) -- The Defence Development Exhibition opened at the Three-Revolution "
        "Exhibition House on Monday.\n"
        "Kim Jong Un attended the opening ceremony.\n"
        "He then cut the tape and looked round the exhibition.",
        published="2030-10-12",
    )
    assert {s for e in x.events for s in e.sites} == {"the Three-Revolution Exhibition House"}


def test_a_list_of_named_places_he_inspected_is_a_visit_each_and_one_told_again_is_no_new_one() -> None:
    x = run(
        "Pyongyang, July 17 (KCNA) -- Kim Jong Un inspected the construction site of the Orangchon Power Station, "
        "the Chongjin Bag Factory and the construction site of the Yombunjin Hotel in North Hamgyong Province.\n"
        "He then visited the construction site of the Yombunjin Hotel in Kyongsong County.",
        published="2030-07-17",
    )
    assert [e.sites[0] for e in x.events] == [
        "the construction site of the Orangchon Power Station",
        "the Chongjin Bag Factory",
        "the construction site of the Yombunjin Hotel in North Hamgyong Province",
    ]


def test_a_place_followed_by_an_apposition_is_one_site() -> None:
    x = run("Pyongyang, July 17 (KCNA) -- Kim Jong Un inspected the Sinpho Fish Farm, a model unit of the sector.")
    assert [e.sites for e in x.events] == [["the Sinpho Fish Farm"]]


def test_an_act_after_at_is_no_site() -> None:
    x = run(
        "Pyongyang, March 20 (KCNA) -- Kim Jong Un guided a drill of the drone units on Wednesday.\n"
        "The drill was aimed at judging the attack capability of drone planes flying over targets simulating enemy "
        "positions and the ability of missile units to shoot them down."
    )
    assert [e.sites for e in x.events] == [[]]


def test_a_place_in_the_morning_and_another_in_the_afternoon_are_two_visits() -> None:
    x = run(
        "Pyongyang, March 9 (KCNA) -- Kim Jong Un inspected the Sinpho Fish Farm in the morning and the Sinpho "
        "Shipyard in the afternoon on Tuesday.",
        published="2030-03-09",
    )
    assert [e.sites for e in x.events] == [["the Sinpho Fish Farm"], ["the Sinpho Shipyard"]]


def test_where_a_launch_was_fired_or_watched_from_is_its_site() -> None:
    fired = run(
        "Pyongyang, March 17 (KCNA) -- Kim Jong Un oversaw the test-fire of a new-type ICBM on Thursday.\n"
        "The missile was fired at a launching site in the vicinity of Pyongyang in a lofted mode and flew 1 000 km.",
        "2022-03-17",
    )
    assert [e.sites for e in fired.events] == [["a launching site in the vicinity of Pyongyang"]]
    watched = run(
        "Pyongyang, October 20 (KCNA) -- A test-fire of a new-type ballistic missile was conducted under the "
        "guidance of Kim Jong Un.\nHe watched the test-fire from a warship in the waters off Wonsan, the day before.",
        "2016-10-20",
    )
    assert [e.sites for e in watched.events] == [["a warship in the waters off Wonsan"]]
    sailed = run(
        "Pyongyang, April 24 (KCNA) -- Kim Jong Un recently watched a test-fire of a ballistic missile from a "
        "submarine.\nThe submarine sailed to the launching waters off Sinpho and fired the missile.",
        "2016-04-24",
    )
    assert [e.sites for e in sailed.events] == [["the launching waters off Sinpho"]]


def test_parts_he_looked_round_at_the_place_of_his_talks_are_that_place() -> None:
    x = run(
        "Pyongyang, September 14 (KCNA) -- Kim Jong Un held talks with Vladimir Putin at the Vostochny "
        "Cosmodrome on Wednesday.\nHe looked round the assembly building of the Angara rocket and the launch "
        "pad of the Soyuz rocket.\nHe then looked round the Yuri Gagarin Aircraft Plant.",
        "2023-09-14",
    )
    assert [(e.type, e.sites) for e in x.events] == [
        ("diplomacy", ["the Vostochny Cosmodrome"]),
        ("inspection", ["the Vostochny Cosmodrome"]),
        ("inspection", ["the Yuri Gagarin Aircraft Plant"]),
    ]


def test_a_ceremony_held_for_a_named_place_is_at_that_place_when_no_other_is_told() -> None:
    x = run(
        "Pyongyang, March 18 (KCNA) -- A ground-breaking ceremony for the construction of the Pyongyang General "
        "Hospital took place on Tuesday.\nPresent there was Kim Jong Un.\nKim Jong Un made a speech at the ceremony.",
        "2020-03-18",
    )
    assert [(e.type, e.sites) for e in x.events] == [
        ("ceremony", ["the Pyongyang General Hospital"]), ("speech", ["the Pyongyang General Hospital"]),
    ]
    held_there = run(
        "Pyongyang, February 19 (KCNA) -- A ground-breaking ceremony for the Ryonpho Greenhouse Farm took place at "
        "the construction site in Hamju County on Friday.\nKim Jong Un attended the ceremony.",
        "2022-02-19",
    )
    assert [e.sites for e in held_there.events] == [["the construction site in Hamju County"]]


def test_a_show_is_placed_at_the_theatre_its_report_names_not_the_auditorium_he_entered() -> None:
    text = (
        "Pyongyang, August 26 (KCNA) -- A joint performance of the Moranbong Band and the State Merited Chorus was "
        "given at the People's Theatre on Thursday.\nKim Jong Un enjoyed the performance.\n"
        "When he appeared at the auditorium together with his wife, the audience broke into cheers."
    )
    assert events_of(text) == [("cultural_event", ["the People's Theatre"])]


def test_a_photo_session_is_placed_in_front_of_the_building_its_platform_stood_before() -> None:
    text = (
        "Pyongyang, August 30 (KCNA) -- Kim Jong Un had a photo session with the participants in the Ninth Congress "
        "of the Youth League on Monday.\nHe appeared on the platform set up in front of the April 25 House of Culture "
        "in Pyongyang, to be greeted by the cheers of the delegates."
    )
    assert events_of(text) == [("meeting", ["the April 25 House of Culture in Pyongyang"])]
