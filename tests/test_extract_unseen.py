"""Defects seen on unseen dispatches (issue 8), each in a form written for the tests in KCNA's style."""

from __future__ import annotations

from pathlib import Path

from extract_helpers import dispatch, leader_events, run
from fieldguide.extract.pipeline import Extractor
from fieldguide.kb import load


def weapons(text: str, published: str = "2024-08-14") -> set[str]:
    return set(run(text, published=published).names("weapon"))


def test_a_ship_named_after_an_anti_japanese_fighter_carries_present_day_weapons() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- A new frigate was launched at a shipyard on May 1.\n"
        "The frigate, named after anti-Japanese revolutionary fighter Ri Chol, is armed with cruise missiles "
        "and anti-aircraft missiles."
    )
    assert {"cruise_missile", "air_defense"} <= weapons(text, "2025-05-02")


def test_an_anti_japanese_war_story_still_recalls_the_past() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- Veterans recalled the anti-Japanese war, when guerrillas fought with rifles "
        "and mortars."
    )
    assert not weapons(text, "2025-05-02") & {"small_arms", "artillery"}


def test_nukes_of_countries_hostile_to_the_security_of_our_state_are_not_the_dprks() -> None:
    text = (
        "Pyongyang, November 2 (KCNA) -- Countries hostile against us have formed a military bloc based on nukes "
        "and inflicted a serious injury on the security of our state."
    )
    assert "nuclear" not in weapons(text, "2024-11-02")


def test_nukes_nuclear_armed_ships_and_nuclear_strategic_weapons_are_nuclear() -> None:
    assert "nuclear" in weapons("Pyongyang, July 5 (KCNA) -- He said that the DPRK would never give up its nukes.")
    assert "nuclear" in weapons("Pyongyang, July 5 (KCNA) -- He called for building a nuclear-armed navy.")
    assert "nuclear" in weapons(
        "Pyongyang, July 5 (KCNA) -- The new ICBM, the most powerful nuclear strategic weapon system of the DPRK, "
        "was displayed."
    )


def test_drones_that_violate_the_sovereignty_of_the_dprk_are_not_its_own() -> None:
    text = (
        "Pyongyang, October 14 (KCNA) -- Young people vowed to wipe out the ROK scum who violated the "
        "sovereignty of the DPRK through a drone infiltration into its capital city."
    )
    assert "uav" not in weapons(text, "2024-10-14")


def test_foreign_aircraft_in_a_statement_on_airspace_are_not_the_dprks() -> None:
    text = (
        "Pyongyang, October 12 (KCNA) -- International law does not allow free flight of foreign aircraft "
        "in the territorial airspace of a country."
    )
    assert "aircraft" not in weapons(text, "2024-10-12")


def test_a_drill_told_after_the_sentences_naming_its_foreign_stagers_is_theirs() -> None:
    text = (
        "Pyongyang, September 5 (KCNA) -- The U.S. and the ROK are staging provocative joint drills.\n"
        "And they started a landing drill from August 26.\n"
        "The drill with 40-odd warships and 80-odd military planes presupposes an invasion upon the sacred "
        "territory of the DPRK."
    )
    assert not weapons(text, "2024-09-05") & {"naval_vessel", "aircraft"}


def test_a_sentence_with_no_owner_after_the_leaders_visit_keeps_the_weapons_his() -> None:
    text = (
        "Pyongyang, September 5 (KCNA) -- Kim Jong Un inspected a naval base of the KPA.\n"
        "The base has 40-odd warships."
    )
    assert "naval_vessel" in weapons(text, "2024-09-05")


def test_a_satellite_launching_ground_is_a_site_not_a_satellite() -> None:
    text = (
        "Pyongyang, September 9 (KCNA) -- Kim Jong Un oversaw a ground test of a solid-fuel engine at the "
        "Sohae Satellite Launching Ground."
    )
    assert "satellite" not in weapons(text, "2025-09-09")


def test_an_empty_shell_is_no_artillery() -> None:
    text = (
        "Pyongyang, October 14 (KCNA) -- Pointing out that a hospital is nothing but an empty shell without "
        "able doctors, he stressed the need to train them."
    )
    assert "artillery" not in weapons(text, "2013-10-14")


def test_a_strategic_submarine_ballistic_missile_is_an_slbm() -> None:
    text = (
        "Pyongyang, May 9 (KCNA) -- Marshal Kim Jong Un watched the underwater test-fire of a strategic "
        "submarine ballistic missile on Friday."
    )
    found = weapons(text, "2015-05-09")
    assert "slbm" in found and "missile" not in run(text, published="2015-05-09").to_record()["weapons"]


def test_signing_the_launch_order_is_an_activity_of_its_own_day() -> None:
    text = (
        "Pyongyang, July 5 (KCNA) -- Kim Jong Un oversaw the test-launch of a new-type ICBM on Tuesday.\n"
        "He signed the order for the launch on July 3 and watched the launch at the observation post."
    )
    found = leader_events(run(text, published="2017-07-05"))
    assert ("other", "2017-07-03", "2017-07-03") in found
    assert ("weapons_test", "2017-07-04", "2017-07-04") in found


def test_credentials_he_accepted_are_dated_by_the_next_sentence_that_tells_the_day() -> None:
    text = (
        "Pyongyang, August 23 (KCNA) -- Kim Jong Un, president of the State Affairs of the DPRK, accepted the "
        "credentials of the Cuban ambassador to the DPRK.\n"
        "Upon authorization, Choe Ryong Hae received the credentials from the ambassador at the Mansudae "
        "Assembly Hall on Thursday."
    )
    assert leader_events(run(text, published="2024-08-23")) == [("other", "2024-08-22", "2024-08-22")]


def test_a_lead_visit_is_dated_by_the_next_sentence_but_not_by_a_name_with_a_date_or_an_old_day() -> None:
    lead = "Pyongyang, August 10 (KCNA) -- Kim Jong Un visited again the flood-hit areas in the province.\n"
    dated = lead + "The officials learned about the damage in Sinuiju City on August 9."
    assert leader_events(run(dated, published="2024-08-10")) == [("inspection", "2024-08-09", "2024-08-09")]
    old = lead + "The officials recalled the damage done there on July 2."
    assert leader_events(run(old, published="2024-08-10")) == [("inspection", None, None)]
    digest = (
        "Pyongyang, August 5 (KCNA) -- Following are major news items in leading newspapers of the DPRK:\n"
        "- Kim Jong Un visited the flood-hit areas.\n"
        "- An exhibition opened in Pyongyang on August 3."
    )
    assert leader_events(run(digest, published="2024-08-05")) == [("inspection", None, None)]


def _extractor_with(tmp_path: Path, name: str, text: str) -> Extractor:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return Extractor(load([tmp_path]))


def test_an_owner_word_added_in_a_kb_file_makes_a_weapon_foreign(tmp_path: Path) -> None:
    text = "Pyongyang, May 2 (KCNA) -- The Ruritanian navy sent warships to the region."
    assert "naval_vessel" in run(text).names("weapon")
    extractor = _extractor_with(tmp_path, "weapons.yaml", "ownership:\n  foreign: [Ruritanian]\n")
    assert "naval_vessel" not in extractor(dispatch(text)).names("weapon")


def test_a_recalled_past_cue_added_in_a_kb_file_drops_the_anecdote(tmp_path: Path) -> None:
    text = "Pyongyang, May 2 (KCNA) -- Long before, Kim Jong Un visited the Kangsu Farm."
    assert [e.type for e in run(text).events] == ["inspection"]
    extractor = _extractor_with(tmp_path, "events.yaml", "recalled: ['[Ll]ong before']\n")
    assert extractor(dispatch(text)).events == []


def test_talks_with_a_foreign_leader_of_the_knowledge_base_are_diplomacy(tmp_path: Path) -> None:
    text = "Pyongyang, May 2 (KCNA) -- Kim Jong Un had talks with Ruritan Elphberg on May 1."
    assert "diplomacy" not in [e.type for e in run(text).events]
    people = "people:\n  - {name: Ruritan Elphberg, country: RU, aliases: [Elphberg]}\n"
    extractor = _extractor_with(tmp_path, "people.yaml", people)
    assert "diplomacy" in [e.type for e in extractor(dispatch(text)).events]


def test_a_banquet_a_host_gives_in_his_honour_is_his_cultural_event() -> None:
    text = (
        "Pyongyang, September 14 (KCNA) -- Kim Jong Un had talks with Vladimir Putin at the Vostochny Cosmodrome "
        "on Wednesday.\n"
        "Putin gave a banquet in his honour, and the two leaders exchanged gifts."
    )
    assert "cultural_event" in [t for t, _, _ in leader_events(run(text, published="2023-09-14"))]
    guests = "Pyongyang, March 28 (KCNA) -- Kim Jong Un visited Beijing.\nA banquet was given for the guests."
    assert "cultural_event" in [t for t, _, _ in leader_events(run(guests, published="2018-03-28"))]


def test_at_the_talks_with_the_subject_after_the_comma_is_his_diplomacy() -> None:
    text = (
        "Pyongyang, March 28 (KCNA) -- Kim Jong Un paid an unofficial visit to China from March 25 to 28.\n"
        "At the talks, the supreme leader informed Xi Jinping of the situation on the Korean peninsula."
    )
    assert "diplomacy" in [t for t, _, _ in leader_events(run(text, published="2018-03-28"))]


def test_he_after_a_sentence_where_the_leader_is_one_of_two_subjects_is_the_leader() -> None:
    text = (
        "Pyongyang, September 4 (KCNA) -- Kim Jong Un attended the ceremony in Beijing on Wednesday.\n"
        "Xi Jinping greeted the foreign heads of state before the ceremony, and the respected Comrade Kim Jong Un "
        "watched the military parade from the rostrum.\n"
        "After the parade he attended a reception given by the Chinese side at the Great Hall of the People."
    )
    types = [t for t, _, _ in leader_events(run(text, published="2025-09-04"))]
    assert "cultural_event" in types


def test_going_round_the_facilities_after_an_opening_ceremony_is_part_of_the_ceremony() -> None:
    text = (
        "Pyongyang, July 26 (KCNA) -- A ceremony for the completion of the pleasure ground was held on Wednesday.\n"
        "Marshal Kim Jong Un attended the ceremony.\n"
        "He then went round the funfair, the dolphinarium and other facilities."
    )
    assert leader_events(run(text, published="2012-07-26")) == [("ceremony", "2012-07-25", "2012-07-25")]


def test_a_speech_at_a_parade_has_the_parades_day() -> None:
    text = (
        "Pyongyang, October 11 (KCNA) -- Following are major news items in leading newspapers of the DPRK:\n"
        "- A grand military parade took place at Kim Il Sung Square on October 10.\n"
        "- The respected Comrade Kim Jong Un made a speech at the parade."
    )
    found = sorted(leader_events(run(text, published="2025-10-11")))
    assert found == [("ceremony", "2025-10-10", "2025-10-10"), ("speech", "2025-10-10", "2025-10-10")]


def test_a_speech_at_a_parade_is_sited_where_the_line_before_held_the_parade() -> None:
    text = (
        "Pyongyang, October 11 (KCNA) -- Following are major news items in leading newspapers of the DPRK:\n"
        "- A grand military parade took place at Kim Il Sung Square on October 10.\n"
        "- The respected Comrade Kim Jong Un made a speech at the parade."
    )
    sites = {site for e in run(text, published="2025-10-11").events for site in e.sites}
    assert sites == {"Kim Il Sung Square"}


def test_a_completion_ceremony_is_sited_at_what_was_completed() -> None:
    text = (
        "Pyongyang, July 26 (KCNA) -- A ceremony for the completion of the Rungna People's Pleasure Ground was "
        "held on Wednesday on Rungna Islet.\n"
        "Marshal Kim Jong Un attended the ceremony."
    )
    events = run(text, published="2012-07-26").events
    assert [e.sites for e in events] == [["the Rungna People's Pleasure Ground"]]


def test_after_a_banquet_with_the_subject_after_the_comma_is_his_cultural_event() -> None:
    text = (
        "Panmunjom, April 27 (KCNA) -- Kim Jong Un had talks with the president of south Korea on April 27.\n"
        "After a banquet at the Peace House, the supreme leader returned to Pyongyang in the evening."
    )
    types = sorted(t for t, _, _ in leader_events(run(text, published="2018-04-28")))
    assert types == ["cultural_event", "diplomacy"]


def test_a_visit_to_a_country_is_no_inspection() -> None:
    text = (
        "Pyongyang, March 28 (KCNA) -- Kim Jong Un paid an unofficial visit to the People's Republic of China "
        "from March 25 to 28."
    )
    assert "inspection" not in [t for t, _, _ in leader_events(run(text, published="2018-03-28"))]


def test_a_date_after_one_act_does_not_date_the_next_act_of_the_sentence() -> None:
    text = (
        "Pyongyang, February 7 (KCNA) -- The aerospace administration released a report on Sunday on the "
        "successful launch of the satellite.\n"
        "Marshal Kim Jong Un signed the final order for the launch on February 6 and observed the launch "
        "on the spot."
    )
    found = sorted(leader_events(run(text, published="2016-02-07")))
    assert found == [("other", "2016-02-06", "2016-02-06"), ("weapons_test", "2016-02-07", "2016-02-07")]


def test_a_drill_staged_on_a_peninsula_is_sited_there() -> None:
    text = (
        "Pyongyang, May 5 (KCNA) -- Kim Jong Un guided a strike drill of defence units on Saturday.\n"
        "He was accompanied by Ri Pyong Chol.\n"
        "The drill was staged on the Hodo Peninsula in the Wonsan area, Kangwon Province."
    )
    sites = [s for e in run(text, published="2019-05-05").events for s in e.sites]
    assert sites == ["the Hodo Peninsula in the Wonsan area, Kangwon Province"]


def test_a_meeting_held_in_a_city_is_sited_at_the_city_when_nothing_closer_is_named() -> None:
    text = (
        "Pyongyang, April 21 (KCNA) -- The Third Plenary Meeting of the Central Committee of the WPK was held in "
        "Pyongyang on Friday.\n"
        "Kim Jong Un guided the meeting."
    )
    assert [e.sites for e in run(text, published="2018-04-21").events] == [["Pyongyang"]]


def test_a_completion_ceremony_is_sited_at_the_farm_not_the_houses_he_went_round_after_it() -> None:
    text = (
        "Pyongyang, October 11 (KCNA) -- A ceremony for the completion of the Ryonpho Greenhouse Farm took place "
        "in Hamju County on Monday.\n"
        "Kim Jong Un attended the ceremony.\n"
        "He went round the greenhouses and the dwelling houses of the farm."
    )
    assert [e.sites for e in run(text, published="2022-10-11").events] == [["the Ryonpho Greenhouse Farm"]]


def test_the_day_papers_write_of_a_speech_is_not_the_day_it_was_made() -> None:
    text = (
        "Pyongyang, March 7 (KCNA) -- The respected General Secretary Kim Jong Un made an important speech "
        "\"Let Us Build Our Towns Anew\" on the occasion of the holiday.\n"
        "His speech is a banner of victory, leading newspapers of the DPRK editorially stress on Thursday."
    )
    found = run(text, published="2030-03-07")
    assert [(t, start) for t, start, _ in leader_events(found)] == [("speech", None)]


def test_a_think_tank_or_a_water_tank_is_no_armoured_vehicle() -> None:
    text = (
        "Pyongyang, March 7 (KCNA) -- A think tank in Washington and the builders of a water tank at a farm "
        "were named in the report."
    )
    assert "armored_vehicle" not in weapons(text, "2030-03-07")
    crews = "Pyongyang, March 7 (KCNA) -- The tank crews fired at the targets."
    assert "armored_vehicle" in weapons(crews, "2030-03-07")


def test_munitions_a_foreign_power_supplied_do_not_make_its_missiles_the_dprks() -> None:
    text = (
        "Pyongyang, March 9 (KCNA) -- The war goes on with the backing of the U.S., which has shipped munitions "
        "such as artillery shells and cruise missiles to its ally."
    )
    assert not weapons(text, "2024-03-09")
    ours = "Pyongyang, March 9 (KCNA) -- Workers of the munitions industry turned out more artillery shells."
    assert weapons(ours, "2024-03-09") == {"artillery"}


def test_a_multiple_launch_rocket_system_is_an_mlrs() -> None:
    text = "Pyongyang, March 9 (KCNA) -- Gunners of the KPA fired the new multiple launch rocket system at sea targets."
    assert "mlrs" in weapons(text, "2024-03-09")


def test_nuclear_attack_capability_and_tactical_nuclear_units_are_nuclear() -> None:
    ours = (
        "Pyongyang, March 9 (KCNA) -- The DPRK's nuclear attack capability grows, and tactical nuclear "
        "operation units marched past."
    )
    assert "nuclear" in weapons(ours, "2024-03-09")
    theirs = "Pyongyang, March 9 (KCNA) -- The U.S. boasts of its nuclear attack capability near the peninsula."
    assert "nuclear" not in weapons(theirs, "2024-03-09")


def test_sub_machine_guns_and_strategic_rockets_are_typed() -> None:
    text = (
        "Pyongyang, March 9 (KCNA) -- Guards of the KPA carried sub-machine guns, and strategic rockets of the KPA "
        "rolled past."
    )
    assert {"small_arms", "missile"} <= weapons(text, "2024-03-09")


def test_the_enemy_in_quotation_marks_is_the_mock_enemy_of_a_drill() -> None:
    text = (
        "Pyongyang, March 9 (KCNA) -- Gunners opened fire on the \"enemy\" island, and landing boats carrying "
        "tanks rushed ashore under cover of fighter planes."
    )
    assert {"armored_vehicle", "aircraft"} <= weapons(text, "2024-03-09")
    real = "Pyongyang, March 9 (KCNA) -- The enemy brought tanks and fighter planes close to the border."
    assert not weapons(real, "2024-03-09")
