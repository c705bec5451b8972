"""Forms of the dispatches that the first rules missed, written for the tests in KCNA's style."""

from __future__ import annotations

from extract_helpers import leader_events, run


def record(text: str, published: str = "2024-08-14") -> dict:
    return run(text, published=published).to_record()


def test_greetings_an_ambassador_conveys_are_a_message_he_sent_that_day() -> None:
    text = (
        "Pyongyang, August 14 (KCNA) -- DPRK Ambassador Pak Song Chol presented his credentials to the president "
        "of Laos on August 12.\n"
        "The ambassador courteously conveyed the warm greetings of Kim Jong Un, president of the State Affairs "
        "of the DPRK, to the president."
    )
    assert ("message_sent", "2024-08-12", "2024-08-12") in leader_events(run(text, published="2024-08-14"))


def test_new_years_cards_are_messages_received_and_the_new_year_is_no_date() -> None:
    text = (
        "Pyongyang, January 17 (KCNA) -- Kim Jong Un received New Year's cards from state leaders of different "
        "countries on the occasion of the New Year Juche 113 (2024)."
    )
    assert leader_events(run(text, published="2024-01-17")) == [("message_received", None, None)]


def test_a_gift_on_a_birthday_is_dated_by_the_birthday() -> None:
    text = "Pyongyang, October 3 (KCNA) -- Kim Jong Un sent a birthday spread to Ri Chol on his birthday on Oct. 2."
    assert leader_events(run(text, published="2024-10-03")) == [("gift", "2024-10-02", "2024-10-02")]


def test_a_speech_at_a_ceremony_in_a_digest_is_the_ceremony_and_the_speech() -> None:
    text = (
        "Pyongyang, August 8 (KCNA) -- Following are major news items in leading newspapers of the DPRK:\n"
        "- The respected Comrade Kim Jong Un made a speech at the ceremony of sending off the young volunteers."
    )
    types = sorted(t for t, _, _ in leader_events(run(text, published="2024-08-08")))
    assert types == ["ceremony", "speech"]


def test_a_farm_or_mine_gives_the_place_it_is_named_after() -> None:
    places = record("Pyongyang, August 14 (KCNA) -- Farmers of the Kangsu Co-operative Farm gathered a rich harvest.")
    assert "Kangsu" in places["places"]


def test_names_sharing_a_plural_suffix_are_each_a_place() -> None:
    places = record(
        "Pyongyang, August 3 (KCNA) -- Young people in South Phyongan, North Hwanghae and Kangwon provinces "
        "volunteered to help."
    )["places"]
    assert {"South Phyongan", "North Hwanghae", "Kangwon"} <= set(places)


def test_mansudae_is_a_place_in_pyongyang() -> None:
    assert "Mansu Hill" in record("Pyongyang, August 3 (KCNA) -- People laid flowers on Mansu Hill.")["places"]


def test_a_tour_of_two_days_and_two_sites_a_day_is_one_visit_per_site_each_dated() -> None:
    text = (
        "Pyongyang, July 2 (KCNA) -- Kim Jong Un inspected units in North Phyongan Province.\n"
        "On June 30 he visited the Sinuiju Soap Factory and the Sinuiju Shoe Factory.\n"
        "The next day he inspected the Sinuiju Fruit Farm."
    )
    events = run(text, published="2018-07-02").events
    visits = [(e.sites, e.start.isoformat() if e.start else None) for e in events if e.type == "inspection"]
    assert (["the Sinuiju Soap Factory"], "2018-06-30") in visits
    assert (["the Sinuiju Shoe Factory"], "2018-06-30") in visits
    assert (["the Sinuiju Fruit Farm"], "2018-07-01") in visits


def test_a_summit_and_its_dinner_are_his_talks_and_a_banquet() -> None:
    text = (
        "Pyongyang, March 1 (KCNA) -- Kim Jong Un met Donald J. Trump, president of the United States of America, "
        "at the Metropole Hotel in Hanoi on February 27 and had a dinner with him.\n"
        "On February 28 the two leaders had one-on-one talks."
    )
    types = sorted(t for t, _, _ in leader_events(run(text, published="2019-03-01")))
    assert types == ["cultural_event", "diplomacy", "diplomacy"]


def test_a_launch_from_a_named_ground_has_it_as_its_site() -> None:
    text = (
        "Pyongyang, February 7 (KCNA) -- Kim Jong Un observed the launch of the earth observation satellite "
        "Kwangmyongsong-4, which was launched from the Sohae Satellite Launching Ground in Cholsan County, North "
        "Phyongan Province on February 7."
    )
    (event,) = [e for e in run(text, published="2016-02-07").events if e.type == "weapons_test"]
    assert event.sites == ["the Sohae Satellite Launching Ground in Cholsan County, North Phyongan Province"]


def test_the_next_line_of_a_digest_lends_its_places_and_weapons_to_no_event() -> None:
    text = (
        "Pyongyang, September 13 (KCNA) -- Following are major news items in leading newspapers of the DPRK:\n"
        "- The respected Comrade Kim Jong Un visited the Nuclear Weapons Institute.\n"
        "- A ceremony for moving into new houses took place in Taedong County, South Phyongan Province.\n"
        "- A drill of firing 240mm rocket launchers was held."
    )
    (visit,) = [e for e in run(text, published="2024-09-13").events if e.type == "inspection"]
    assert visit.places == [] and "mlrs" not in visit.weapons


def test_rifles_that_defeated_the_a_bomb_are_the_1950s_not_todays_weapons() -> None:
    found = run(
        "Pyongyang, July 27 (KCNA) -- The people who worked the miracle of defeating the A-bomb with rifles are "
        "invincible."
    )
    assert "small_arms" not in found.to_record()["weapons"]


def test_observing_the_launch_on_the_spot_is_a_weapons_test() -> None:
    text = (
        "Pyongyang, February 7 (KCNA) -- The carrier rocket blasted off from the launching ground on February 7.\n"
        "The dear respected Marshal Kim Jong Un observed the launch on the spot."
    )
    assert [t for t, _, _ in leader_events(run(text, published="2016-02-07"))] == ["weapons_test"]


def test_talks_during_a_visit_to_pyongyang_are_diplomacy() -> None:
    text = (
        "Pyongyang, September 20 (KCNA) -- The two leaders held talks at the headquarters of the Central "
        "Committee of the WPK on September 18, during Moon Jae In's visit to Pyongyang."
    )
    assert ("diplomacy", "2018-09-18", "2018-09-18") in leader_events(run(text, published="2018-09-20"))


def test_what_a_farm_or_mine_yields_is_not_a_place() -> None:
    places = record("Pyongyang, August 14 (KCNA) -- Workers of the Iron Mine and the Ginseng Farm met the plan.")
    assert not {"Iron", "Ginseng"} & set(places["places"])


def test_farms_listed_before_a_plural_noun_each_name_a_place() -> None:
    rec = record(
        "Pyongyang, August 14 (KCNA) -- New dwelling houses have been built at Tongdu and Ramsil vegetable farms "
        "in Yonthan County, North Hwanghae Province.\n"
        "Rural people moved into their new houses in the Sodok, Unpha and Kwangmyong areas."
    )
    assert {"Tongdu", "Ramsil", "Sodok", "Unpha", "Kwangmyong"} <= set(rec["places"])


def test_peaks_ravines_and_valleys_are_places_by_their_suffix() -> None:
    rec = record(
        "Pyongyang, August 14 (KCNA) -- Tourists climbed Hyangro Peak and walked through Okryu Ravine and "
        "Sangphal Valley in the Mt Chilbo area."
    )
    assert {"Hyangro Peak", "Okryu Ravine", "Sangphal Valley"} <= set(rec["places"])


def test_the_word_ending_a_party_name_is_no_person() -> None:
    rec = record(
        "Pyongyang, August 14 (KCNA) -- Kim Jong Un received a message from the chairwoman of the National "
        "Council of the Socialist Party of Progress, the general secretary of the Front of Liberation, and others."
    )
    assert not {"Progress", "Liberation"} & set(rec["people"])


def test_vice_ministers_charges_d_affaires_and_a_secretary_general_are_named_by_their_titles() -> None:
    rec = record(
        "Pyongyang, August 14 (KCNA) -- Present there were Andrei Rudenko, vice foreign minister, and "
        "Pavel Sorokin, charge d'affaires ad interim of the Russian embassy.\n"
        "UN Secretary-General Lamberti made remarks, and honorary Director Zhang Weiming spoke."
    )
    assert {"Andrei Rudenko", "Pavel Sorokin", "Lamberti", "Zhang Weiming"} <= set(rec["people"])


def test_a_long_arabic_name_before_its_title_is_kept_whole() -> None:
    rec = record(
        "Pyongyang, January 12 (KCNA) -- Kim Jong Un received a message of greeting from Nasser Al Hamad Al "
        "Khalid Al Thani, emir of a friendly state, on January 3."
    )
    assert "Nasser Al Hamad Al Khalid Al Thani" in rec["people"]


def test_a_drone_the_rok_flies_is_foreign_though_the_dprk_answers_in_the_next_clause() -> None:
    rec = record(
        "Pyongyang, October 12 (KCNA) -- The Foreign Ministry said in a statement: "
        "If the ROK military commits such a reckless and dangerous provocation as sending a drone over "
        "Pyongyang again, the DPRK will take every countermeasure."
    )
    assert "uav" not in rec["weapons"]


def test_a_reply_to_a_message_is_a_message_sent_and_a_ministry_word_is_nobody() -> None:
    rec = record(
        "Pyongyang, August 23 (KCNA) -- Following are major news items:\n"
        "- The respected Comrade Kim Jong Un replied to a message of sympathy sent by the president of Laos.\n"
        "- The minister of Foreign Affairs and Expatriates, the prime minister of Palestine, spoke."
    )
    assert [e["type"] for e in rec["events"]] == ["message_sent"]
    assert "Expatriates" not in rec["people"]


def test_a_helicopter_unit_is_a_unit_not_a_weapon_named() -> None:
    rec = record(
        "Pyongyang, August 3 (KCNA) -- Kim Jong Un paid a congratulatory visit to a helicopter unit of the Air "
        "Force of the Korean People's Army."
    )
    assert rec["weapons"] == []


def test_two_visits_of_one_sentence_on_two_days_are_two_visits_each_on_its_day() -> None:
    x = run(
        "Pyongyang, April 15 (KCNA) -- Kim Jong Un inspected the Sinpho Shipyard on Friday and visited the Sinpho "
        "Fish Farm on Saturday.",
        published="2031-04-15",
    )
    assert [(e.sites, str(e.start)) for e in x.events] == [
        (["the Sinpho Shipyard"], "2031-04-11"),
        (["the Sinpho Fish Farm"], "2031-04-12"),
    ]


def test_a_visit_told_the_next_day_in_the_sentence_after_is_a_visit_of_its_own() -> None:
    x = run(
        "Pyongyang, April 15 (KCNA) -- Kim Jong Un inspected the Sinpho Shipyard on April 12.\n"
        "He visited the Sinpho Fish Farm the next day.\n"
        "The shipyard is to launch a new ship on April 20.",
        published="2031-04-15",
    )
    assert [(e.sites, str(e.start)) for e in x.events] == [
        (["the Sinpho Shipyard"], "2031-04-12"),
        (["the Sinpho Fish Farm"], "2031-04-13"),
    ]
