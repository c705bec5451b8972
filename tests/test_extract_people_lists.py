"""A person is a personal name: countries, nouns and institutions after a title name nobody."""

from __future__ import annotations

from extract_helpers import people_named, run
from fieldguide.extract.people import title_after


def people(text: str) -> set[str]:
    return set(run(text).to_record()["people"])


def test_countries_after_a_title_are_not_people() -> None:
    text = (
        "Pyongyang, August 6 (KCNA) -- Messages came from the president of the Swiss Confederation, "
        "the emir of the State of Kuwait, Croatia, the director of a party there, and Nepal, the president of it."
    )
    assert not people(text) & {"Swiss Confederation", "State of Kuwait", "Croatia", "Nepal"}


def test_a_noun_the_text_also_writes_in_lower_case_is_not_a_name() -> None:
    text = (
        "Pyongyang, August 6 (KCNA) -- The struggle goes on. The Committee for Joint Struggle, the chairman of "
        "the group, sent a letter."
    )
    assert "Struggle" not in people(text)


def test_an_institution_before_a_title_is_not_a_person() -> None:
    text = (
        "Pyongyang, August 6 (KCNA) -- Officials of the South Hamgyong Provincial General Hospital, the director "
        "of which spoke first, attended."
    )
    assert "Hospital" not in {p.split()[-1] for p in people(text)}


def test_every_name_of_a_list_before_a_plural_title_is_a_person() -> None:
    text = (
        "Pyongyang, August 6 (KCNA) -- He met Lin Gennan, Cui Tongjun and Wang Shuli, members of the "
        "foundation, on Wednesday."
    )
    assert {"Lin Gennan", "Cui Tongjun", "Wang Shuli"} <= people(text)


def test_a_name_inside_a_complex_of_iron_and_steel_is_the_complex() -> None:
    assert "Kim Chaek" not in people(
        "Pyongyang, August 6 (KCNA) -- Workers of the Kim Chaek Iron and Steel Complex met the target."
    )


def test_drones_sent_into_the_dprk_are_not_its_weapons() -> None:
    found = run(
        "Pyongyang, October 12 (KCNA) -- The military gangsters of the ROK committed a grave provocation of "
        "infiltrating drones into the sky above the capital of the DPRK on October 3."
    )
    assert "uav" not in found.to_record()["weapons"]


def test_a_title_ends_where_the_next_person_begins() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Present there were Pak Jong Chon, vice-chairman of the Central Military "
        "Commission of the WPK, Kang Sun Nam, minister of National Defence, and other officials."
    )
    titles = {m.canonical: title_after(text, m) for m in run(text).mentions if m.kind == "person"}
    assert titles["Pak Jong Chon"] == "vice-chairman of the Central Military Commission of the WPK"
    assert titles["Kang Sun Nam"] == "minister of National Defence"


def test_a_korean_name_after_a_short_capitalized_word_is_still_found() -> None:
    text = "Pyongyang, May 4 (KCNA) -- DPRK Ambassador to Laos Ro Chol Min presented his credentials on May 2."
    assert "Ro Chol Min" in people(text)


def test_a_place_that_reads_as_a_korean_name_is_not_a_person() -> None:
    text = "Pyongyang, May 4 (KCNA) -- The DPRK women's team beat the Hong Kong team 3:0 in the qualifier."
    assert "Hong Kong" not in people(text)


def test_a_charge_d_affaires_and_a_vice_director_general_introduce_names() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Flowers were laid by Charge d'Affaires ad Interim Pedro Alvarenga and by "
        "Lucia Ferrand, vice-director general of a friendship society."
    )
    assert {"Pedro Alvarenga", "Lucia Ferrand"} <= people(text)


def test_a_sentence_opening_so_before_a_village_names_nobody() -> None:
    text = "Pyongyang, May 4 (KCNA) -- The old name was kept. So Sinmi-ri became a byword for plenty."
    assert not people(text)


def test_the_words_after_an_association_for_go_on_with_its_name() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Letters came from the Danish Society for Self-Help Studies, the chairman "
        "of which praised the DPRK."
    )
    assert not people(text)


def test_every_name_of_a_list_after_a_plural_title_is_a_person() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Baskets came from members of the friendship club Ana Ruiz, Tomas Vidal "
        "and Elena Sorin on May 3."
    )
    assert {"Ana Ruiz", "Tomas Vidal", "Elena Sorin"} <= people(text)


def test_the_addressee_of_a_message_on_his_election_is_a_person() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- The premier sent a message on May 3 to Yusuf Karim al-Hadi on his election "
        "as speaker of the parliament of a friendly country."
    )
    assert "Yusuf Karim al-Hadi" in people(text)


def test_a_name_is_found_whole_not_from_its_second_word() -> None:
    text = (
        "Pyongyang, May 4 (KCNA) -- Prizes went to Pak Ok Sun, a teacher, Kyong Chol Min, head of a school, "
        "and Om Song Il. The guests were led by To Yong Su, a vice-minister."
    )
    found = people(text)
    assert {"Kyong Chol Min", "Om Song Il", "To Yong Su"} <= found
    assert not found & {"Chol Min", "Song Il", "Yong Su"}


def test_a_title_ends_before_the_verb_of_its_sentence() -> None:
    x = run(
        "Pyongyang, September 4 (KCNA) -- Kim Jong Un attended the celebrations held in Beijing on September 3.\n"
        "Choe Son Hui, member of the Political Bureau of the WPK Central Committee and minister of Foreign "
        "Affairs, accompanied him.",
        "2025-09-04",
    )
    titles = {p.name: p.title for e in x.events for p in e.people}
    assert titles["Choe Son Hui"] == (
        "member of the Political Bureau of the WPK Central Committee and minister of Foreign Affairs"
    )


def test_the_lands_in_a_foreign_partys_name_are_no_person() -> None:
    x = run(
        "Pyongyang, January 5 (KCNA) -- Kim Jong Un received New Year cards from the general secretary of the "
        "Communist Party of Bohemia and Moravia and from Li Peng.",
        "2016-01-05",
    )
    people = people_named(x)
    assert "Moravia" not in people and "Li Peng" in people


def test_the_peoples_armed_forces_in_a_title_is_no_person() -> None:
    x = run(
        "Pyongyang, July 8 (KCNA) -- Kim Jong Un was accompanied by Hyon Yong Chol, minister of the People's Armed "
        "Forces, Kim Ki Nam and Choe Thae Bok.",
        "2014-07-08",
    )
    people = people_named(x)
    assert "Armed Forces" not in people and {"Hyon Yong Chol", "Kim Ki Nam", "Choe Thae Bok"} <= people
