"""People, places and weapons as an analyst writes them down (sentences written for the tests)."""

from __future__ import annotations

from extract_helpers import run


def people(text: str) -> list[str]:
    return run(text).to_record()["people"]


def places(text: str) -> list[str]:
    return run(text).to_record()["places"]


def weapons(text: str) -> list[str]:
    return run(text).to_record()["weapons"]


# --- people ---------------------------------------------------------------------------------


def test_a_new_official_is_found_the_first_time_he_appears_with_his_title() -> None:
    x = run(
        "Pyongyang, May 2 (KCNA) -- Kim Jong Un inspected a fertilizer complex.\n"
        "He was accompanied by Thae Hyong Sop, newly appointed director of a department of the C.C., WPK; "
        "Ryo Kwang Chon and Mun Song Hyok, vice-premiers of the Cabinet."
    )
    names = x.to_record()["people"]
    assert names == ["Thae Hyong Sop", "Ryo Kwang Chon", "Mun Song Hyok"]
    titled = {m.canonical: m.attrs.get("title") for m in x.mentions if m.kind == "person"}
    assert titled["Thae Hyong Sop"] == "newly appointed director of a department of the C.C., WPK"


def test_the_leader_is_never_listed_and_his_romanizations_fold_to_one_name() -> None:
    x = run("Seoul -- North Korean leader Kim Jong-un met Kim Yo-jong. Kim Jong Eun smiled.")
    assert all(
        m.canonical == "Kim Jong Un"
        for m in x.mentions
        if m.kind == "person" and "Jong" in m.text and "Yo" not in m.text
    )
    assert x.to_record()["people"] == ["Kim Yo-jong"]


def test_names_inside_institutions_ships_and_prizes_are_not_people() -> None:
    found = people(
        "Pyongyang, June 3 (KCNA) -- Students of Kim Il Sung University and cadets of O Jin U Artillery Academy "
        "visited the destroyer Choe Hyon and the Kim Chaek University of Technology. Ri Sol Ju was present."
    )
    assert found == ["Ri Sol Ju"]


def test_foreign_names_are_found_by_their_titles_and_countries_are_not_names() -> None:
    found = people(
        "Pyongyang, August 28 (KCNA) -- Kim Jong Un received a message of greeting from Abdel Fattah Al Sisi, "
        "president of the Arab Republic of Egypt. Messages also came from the chairman of the Communist Party "
        "of Bohemia and Moravia and from Ukraine."
    )
    assert found == ["Abdel Fattah Al Sisi"]


# --- places ---------------------------------------------------------------------------------


def test_places_are_written_as_the_text_writes_them_and_the_dateline_is_not_a_place() -> None:
    found = places(
        "Pyongyang, July 29 (KCNA) -- Kim Jong Un visited the flood-hit areas of Sinuiju City and Uiju County "
        "of North Phyongan Province along the Amnok River."
    )
    assert found == ["Sinuiju City", "Uiju County", "North Phyongan Province", "Amnok River"]


def test_both_romanizations_resolve_to_the_same_province_with_coordinates() -> None:
    x = run("Pyongyang, July 29 (KCNA) -- Rains hit Chagang Province and then Jagang Province again.")
    provinces = [m for m in x.mentions if m.kind == "place"]
    assert {m.canonical for m in provinces} == {"Jagang Province"}
    assert all(isinstance(m.attrs.get("lat"), float) for m in provinces)


def test_foreign_places_are_told_apart_and_left_out() -> None:
    x = run("Pyongyang, July 29 (KCNA) -- The puppet military staged drills near Seoul and Pusan, not in Wonsan.")
    assert x.to_record()["places"] == ["Wonsan"]
    assert any(m.attrs.get("foreign") for m in x.mentions if m.kind == "place")


def test_a_place_inside_a_facility_name_counts() -> None:
    assert "Sinpho" in " ".join(places("Pyongyang, July 16 (KCNA) -- Work began at the Sinpho City Offshore Farm."))


def test_places_named_only_in_facility_names_and_shortened_province_names_are_known() -> None:
    found = places(
        "Pyongyang, March 3 (KCNA) -- Workers of the Namhung Youth Chemical Complex, the Kwisong Salt Works, "
        "the Hamnam Area Coal Mining Complex and the Songdowon camp met at the Munsu Water Park."
    )
    assert found == ["Namhung", "Kwisong", "Hamnam", "Songdowon", "Munsu"]
    listed = places("Pyongyang, March 3 (KCNA) -- Rallies met in North and South Phyongan and Hwanghae provinces.")
    assert "Hwanghae" in listed
    assert places("Pyongyang, March 3 (KCNA) -- Miners of the Tukjang Area Coal Mining Complex met.") == ["Tukjang"]
    assert places("Pyongyang, March 3 (KCNA) -- Veterans recalled the battles for Height 1211.") == ["Height 1211"]


# --- weapons --------------------------------------------------------------------------------


def test_designations_and_calibres_are_kept_beside_the_category() -> None:
    x = run(
        "Pyongyang, November 1 (KCNA) -- The test-fire of the new-type ICBM Hwasongpho-19 was conducted. "
        "A new-type 240mm multiple rocket launcher was also shown."
    )
    record = x.to_record()
    assert set(record["weapons"]) == {"icbm", "mlrs"}
    assert "Hwasong-19" in record["designations"]
    assert any(m.attrs.get("calibre_mm") == 240 for m in x.mentions if m.kind == "weapon")


def test_foreign_systems_vague_words_and_unit_names_are_not_dprk_weapons() -> None:
    found = weapons(
        "Pyongyang, June 2 (KCNA) -- The U.S. flew B-52H strategic bombers and sent an aircraft carrier near the "
        "peninsula. Our powerful weapons and war deterrent are ready. Jang Chang Ha is director general of the "
        "Missile Administration."
    )
    assert found == []


def test_the_enemy_a_drill_strikes_owns_no_weapon_of_the_drilling_units() -> None:
    found = weapons(
        "Pyongyang, March 20 (KCNA) -- Kim Jong Un guided a drill of the KPA.\n"
        "The drill examined the capability of the anti-aircraft units to intercept and shoot down cruise "
        "missiles of the enemy.\n"
        "Multiple rocket launchers struck hypothetical enemy targets."
    )
    assert "air_defense" in found and "mlrs" in found and "cruise_missile" not in found


def test_the_dprk_s_drill_told_after_a_sentence_on_us_forces_is_its_own() -> None:
    found = weapons(
        "Pyongyang, October 10 (KCNA) -- The U.S. staged a drill involving an aircraft carrier.\n"
        "A ballistic missile loaded with a mock tactical nuclear warhead was launched from a reservoir.\n"
        "The tactical nuclear operation units launched tactical ballistic missiles."
    )
    assert "srbm" in found and "aircraft_carrier" not in found


def test_a_generic_missile_gives_way_to_the_type_the_dispatch_names() -> None:
    assert weapons(
        "Pyongyang, November 1 (KCNA) -- The intercontinental ballistic missile flew 1 000 km. "
        "The missile landed in the East Sea of Korea. Strategic missile units are ready."
    ) == ["icbm"]


def test_weapons_of_the_1950s_war_are_history_not_present_forces() -> None:
    assert (
        weapons(
            "Pyongyang, July 27 (KCNA) -- During the Fatherland Liberation War the heroes destroyed enemy tanks with "
            "rifles and grenades."
        )
        == []
    )


def test_a_foreign_country_the_weapon_keeps_in_range_or_answers_does_not_own_it() -> None:
    found = weapons(
        "Pyongyang, April 9 (KCNA) -- Kim Jong Un said that the DPRK can now tip new-type ICBMs with more "
        "powerful nuclear warheads and keep the U.S. mainland within striking range."
    )
    assert "nuclear" in found and "icbm" in found


def test_a_hypersonic_intermediate_range_missile_and_an_underwater_ballistic_missile_are_named_by_type() -> None:
    found = weapons(
        "Pyongyang, January 7 (KCNA) -- The DPRK conducted a test-fire of a new-type intermediate-range "
        "hypersonic ballistic missile. It was developed from the technology of the underwater strategic "
        "ballistic missile test-fired last year."
    )
    assert {"irbm", "hypersonic", "slbm"} <= set(found)


def test_a_designation_named_beside_the_last_war_is_a_present_weapon() -> None:
    assert "irbm" in weapons(
        "Pyongyang, June 25 (KCNA) -- The DPRK, which has access to the strategic weapons including Hwasong-12, "
        "is not the weak country of yesterday, they said, adding that the U.S. should not forget the lesson of the "
        "last war."
    )


def test_naval_and_automatic_guns_and_gun_emplacements_are_artillery() -> None:
    for text in (
        "The destroyer is armed with anti-aircraft missiles and 127mm automatic naval guns.",
        "He went deep into a gun emplacement of the coastal defence sub-unit.",
    ):
        assert "artillery" in weapons("Pyongyang, May 1 (KCNA) -- " + text), text


def test_fish_tanks_are_no_armoured_vehicles() -> None:
    assert "armored_vehicle" not in weapons(
        "Pyongyang, May 1 (KCNA) -- Going round the fish tanks of the farm, he criticized the officials."
    )


def test_supersonic_fighters_unmanned_target_planes_and_missiles_flying_toward_the_enemy_are_the_dprk_s() -> None:
    found = weapons(
        "Pyongyang, November 7 (KCNA) -- The women pilots took off in supersonic fighters.\n"
        "Unmanned target planes flew in at low altitude.\n"
        "Two strategic cruise missiles of the KPA flew toward the air bases of the enemy."
    )
    assert {"aircraft", "uav", "cruise_missile"} <= set(found)


def test_an_office_named_after_an_arm_is_no_weapon() -> None:
    x = run(
        "Pyongyang, May 5 (KCNA) -- Kim Jong Un guided a firing drill of multiple rocket launchers on Saturday.\n"
        "He was accompanied by Ri Pyong Chol and Pak Jong Chon, commander of the artillery of the KPA."
    )
    assert x.names("weapon") == ["mlrs"]


def test_the_country_s_nuclear_weapons_are_the_dprk_s_and_a_clause_after_and_that_has_its_own_owner() -> None:
    said = run(
        "Pyongyang, July 5 (KCNA) -- Kim Jong Un said that the US had chosen a wrong option, and that the "
        "country's nuclear weapons will never be on the negotiating table."
    )
    assert said.names("weapon") == ["nuclear"]
    armed = run(
        "Pyongyang, March 25 (KCNA) -- He said the DPRK is now fully equipped with nuclear attack capability "
        "and that the U.S. mainland is within its range, and ordered the navy to speed up its nuclear armament."
    )
    assert armed.names("weapon") == ["nuclear"]


def test_weapons_shown_to_him_in_russia_are_russia_s() -> None:
    x = run(
        "Pyongyang, September 17 (KCNA) -- On Saturday Kim Jong Un went to the airfield near Vladivostok, where "
        "the defence minister of Russia showed him the strategic bombers Tu-160 and the hypersonic missile "
        "Kinzhal.\nOn the same day he visited the frigate Admiral Tributs of the Russian Pacific Fleet."
    )
    assert x.names("weapon") == []
