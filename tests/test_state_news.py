"""The state's acts a week's brief ranks beside the leader's own, and what an item says beyond
who did what: the act's sentence and the step it spells out, his speech's weightiest sentence,
the occasion of a headline, whom a commemoration honoured, a digest's line naming where he was."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import archive_fixtures
from archive_fixtures import doc
from fieldguide.errors import KnowledgeBaseError
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.kb.loader import load_rule_file
from fieldguide.model import Document
from fieldguide.report import build_brief, gist, prose, state_news
from fieldguide.store import Store
from fieldguide.store.headlines import Headline

sqlite_store = archive_fixtures.sqlite_store


def _h(doc_id: str, title: str, day: int, story: str | None = None, length: int = 1000) -> Headline:
    return Headline(doc_id, title, date(2030, 3, day), story or doc_id, length)


def test_a_test_fire_by_an_academy_and_a_general_staff_report_are_state_news() -> None:
    found = state_news.find(
        [
            _h("a", "Academy of Defence Sciences Conducts Test-fire of New Cruise Missile", 2),
            _h("b", "Report of KPA General Staff", 3),
            _h("c", "Fruit Farm Harvests Apples", 3),
        ],
        held=set(),
    )
    assert [(n.rule.kind, n.docs) for n in found] == [("weapons_test", ["a"]), ("military_order", ["b"])]
    assert found[0].reasons[0].startswith("tier 1 of 5")


@pytest.mark.parametrize(
    "title",
    [
        "Press Review",
        "KCNA Commentary on Missile Test-fire of Warmongers",
        "U.S. Test-fires Intercontinental Ballistic Missile",
        "Japan Launches Spy Satellite",
        "DPRK Defence Ministry Spokesman Slams Missile Launch Drill",
        # a newspaper's or the people's voice on a test, not the test
        "Rodong Sinmun Hails Success of Underwater Test-fire",
        "Success in Test-fire of Strategic Submarine Ballistic Missile Evokes Great Joy",
        "Satellite Launch Celebrated across Country",
        "Deputies to Fourth Session of 14th SPA Registered",
        "DPRK FM Spokesman Rejects UNSC Meeting on Test-fire",
    ],
)
def test_digests_commentaries_and_foreign_acts_are_not_state_news(title: str) -> None:
    assert state_news.find([_h("x", title, 2)], held=set()) == []


def test_an_act_the_leaders_activity_holds_is_not_state_news_again() -> None:
    headlines = [_h("a", "Academy of Defence Sciences Conducts Test-fire of Rocket Launcher Shells", 2)]
    assert state_news.find(headlines, held={"a"}) == []


def test_articles_of_one_act_a_day_apart_are_one_item_with_the_fullest_as_main() -> None:
    found = state_news.find(
        [
            _h("short", "At 3rd Session of 15th SPA of DPRK", 8, length=300),
            _h("full", "3rd Session of 15th SPA of DPRK Held", 8, length=7000),
            _h("copy", "3rd Session of 15th SPA of DPRK Held", 8, story="full"),
            _h("later", "3rd Session of 15th SPA Concludes", 20),
        ],
        held=set(),
    )
    assert [n.docs for n in found] == [["full", "short"], ["later"]]


def test_the_act_sentence_is_the_first_with_the_strongest_cue_never_an_announcement() -> None:
    sentences = [
        "The General Staff of the army issued the following report on Monday:",
        "Tension is growing in order to frighten the people.",
        "The units conducted a drill.",
        "The General Staff proclaims that it will close the border.",
    ]
    assert state_news.act_sentence(sentences) == 3
    assert state_news.act_sentence(["Nothing happened here.", "Flowers bloom."]) is None


def test_the_step_that_spells_out_a_declared_act_is_the_next_sentence_opening_so() -> None:
    sentences = [
        "The General Staff proclaims that it will take a substantial military step.",
        "To this end, a project will be launched on March 4 to cut off the roads.",
        "The units stand ready.",
        "For this purpose the army informed the other side.",
    ]
    assert state_news.step_sentence(sentences, 0) == 1
    assert state_news.step_sentence(sentences, 1) is None  # only the sentence right after the act's
    assert state_news.step_sentence(sentences, 3) is None


BORDER_REPORT = (
    "Pyongyang, March 4 (KCNA) -- The General Staff of the Korean People's Army issued the following report "
    "on Monday:\nThe enemies are staging war drills near the border every day and talk about ending our "
    "system.\nGiven the grave situation along the southern border, the General Staff of the KPA proclaims "
    "that it will take a substantial military step to separate the territory of the country from that of "
    "the enemy for good.\nTo this end, a project will be launched first on March 5 to cut off roads and "
    "railways connected to the south and fortify the areas of our side with strong defence structures.\n"
    "The army informed the other side by telephone to prevent any misjudgment. -0-"
)


def test_a_declared_act_is_quoted_with_the_step_that_spells_it_out(sqlite_store: Store) -> None:
    report = doc("border", BORDER_REPORT, title="Report of KPA General Staff", published=date(2030, 3, 4))
    sqlite_store.put_batch([report])
    brief = build_brief(sqlite_store, date(2030, 3, 4), date(2030, 3, 10))
    [item] = brief.section("need_to_know").items
    proclaims, step = item.sentences
    assert "proclaims" in proclaims.evidence and proclaims.text.startswith("KCNA reported on 4 March:")
    assert step.text.startswith("It added: “To this end, a project will be launched first on March 5 to cut off roads")
    assert step.evidence.startswith("To this end") and sum(len(c.text.split()) for c in item.sentences) <= 60


BLASTING_REPORT = (
    "Pyongyang, May 12 (KCNA) -- KCNA reported on May 11 that the roads connected to the south across "
    "the eastern border of the country have been completely blocked.\nThe report says:\nUnder the order "
    "No. 7 of the military command, the General Staff of the army on May 10 took a measure to physically "
    "cut off the roads which lead to the south through the eastern border.\nA spokesman for the defence "
    "ministry said that in the morning of May 10 the 40-metre-long sections of the roads in Sokpho-ri have "
    "been blocked through blasting.\nThe army will keep fortifying the closed border. -0-"
)


def test_a_border_measure_against_the_south_is_state_news_a_foreign_acts_is_not() -> None:
    found = state_news.find(
        [
            _h("a", "Roads and Railways to ROK Completely Blocked: KCNA Report", 2),
            _h("b", "ROK Puppet Army Fortifies Its Border", 3),
            _h("c", "Border Blocked, Commentary Says", 4),
        ],
        held=set(),
    )
    assert [(n.rule.kind, n.rule.tier, n.docs) for n in found] == [("border_measure", 1, ["a"])]


def test_a_sentence_telling_the_deed_done_is_the_acts_step() -> None:
    sentences = [
        "The General Staff took a measure to cut off the roads.",
        "A spokesman said the sections of the roads have been blocked through blasting.",
        "The army stands ready.",
    ]
    assert state_news.step_sentence(sentences, 0) == 1
    assert state_news.step_sentence(sentences, 1) is None


def test_an_ordered_measure_is_quoted_with_the_blasting_that_carried_it_out(sqlite_store: Store) -> None:
    title = "Roads to ROK Completely Blocked: KCNA Report"
    report = doc("blast", BLASTING_REPORT, title=title, published=date(2030, 5, 12))
    sqlite_store.put_batch([report])
    brief = build_brief(sqlite_store, date(2030, 5, 12), date(2030, 5, 18))
    [item] = brief.section("need_to_know").items
    order, deed = item.sentences
    assert order.evidence.startswith("Under the order No. 7") and order.text.startswith("KCNA reported on 12 May:")
    assert deed.text.startswith("It added:") and deed.evidence.endswith("blocked through blasting.")
    assert sum(len(c.text.split()) for c in item.sentences) <= 60


def test_the_speech_gist_is_the_sentence_of_most_strategic_weight() -> None:
    sentences = [
        "Let Us Build a Great Country.",
        "Our farms gave a rich harvest this year.",
        "The enemy's war drills near the border will meet our nuclear force.",
        "The enemy will fail.",
    ]
    assert gist.weightiest(sentences) == 2
    assert gist.weightiest(["A quiet day.", "Let Us sing."]) is None  # "Us" is not the U.S.


def test_a_site_named_only_by_its_purpose_gives_way_to_the_site_the_headline_names() -> None:
    title = "Respected Comrade Kim Jong Un Inspects Site for Construction of New Naval Base"
    chosen = "the site chosen for construction of harbour facilities along the coast"
    assert gist.headline_site(chosen, title) == "the site for construction of a new naval base"
    assert gist.headline_site("the Ryongsong Machine Complex", title) is None  # a site of its own name stays
    assert gist.headline_site(chosen, "Kim Jong Un Visits Farm") is None


def test_his_weightiest_words_at_a_visit_are_the_sentence_that_reports_them() -> None:
    sentences = [
        "Pyongyang, May 3 (KCNA) -- Kim Jong Un surveyed the site for a new submarine base.",
        "He said that the coast has always mattered to the country.",
        "The navy will soon have new submarines and missile destroyers, he said, and stressed the need "
        + "to build a port for weapons systems " + "and more " * 30 + "at once.",
        "The weapons depot was shown to him.",
    ]
    assert gist.his_words(sentences) == 2  # long as retold speech runs, not a sentence without his words
    assert gist.his_words(sentences[:2]) is None


def test_speech_headlines_are_told_from_others() -> None:
    assert gist.is_speech_title("Speech at Congratulatory Visit to Naval Academy")
    assert gist.is_speech_title("Respected Comrade Kim Jong Un Makes Important Speech at Plenary Meeting")
    assert not gist.is_speech_title("Kim Jong Un Inspects Speech Therapy Hospital")


def test_the_occasion_of_a_headline_is_stated_once() -> None:
    found = gist.occasion("Concert Given to Mark 80th Founding Anniversary of WPK")
    assert found == "80th Founding Anniversary of WPK"
    assert prose.occasion(found) == "It marked the 80th founding anniversary of WPK."
    title = "Concert Given to Mark 80th Founding Anniversary of WPK"
    assert gist.occasion(title, "It marked the 80th founding anniversary of wpk") is None  # said already
    assert gist.occasion("Apple Harvest Begins") is None


def test_the_packaged_briefing_rules_load_and_a_missing_file_is_named() -> None:
    assert {k["kind"] for k in load_rule_file("briefing")["state_news"]} >= {"weapons_test", "military_order"}
    with pytest.raises(KnowledgeBaseError, match=r"no-such-rules\.yaml"):
        load_rule_file("no-such-rules")


def test_a_headline_about_others_frames_his_act_one_about_him_does_not() -> None:
    assert gist.frames_his_act("Flood Victims from Three Provinces Arrive in the Capital")
    assert gist.frames_his_act("Ceremony of Youth Brigade's Departure for Reconstruction Sites Held")
    assert not gist.frames_his_act("Respected Comrade Kim Jong Un Visits Liberation Tower")
    assert not gist.frames_his_act("General Secretary Inspects Naval Base")


def ingest_texts(store: Store, folder: Path, docs: list[Document]) -> None:
    """Ingest these documents with extraction, as an archive gets them."""
    path = folder / "input.jsonl"
    fields = ("id", "title", "published", "text", "source")
    records = [{f: str(getattr(d, f)) for f in fields} | {"url": f"http://kcna.example/{d.id}"} for d in docs]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    ingest([str(path)], store, extractor=Extractor(load()))


def test_the_tribute_of_a_commemoration_is_found_from_its_verb_on() -> None:
    sentences = [
        "Kim Jong Un visited the Friendship Tower on October 25.",
        "A wreath in his name was laid before the tower.",
        "He paid deep tribute to the fallen volunteers, recalling their feats in the war.",
    ]
    assert gist.tribute(sentences) == (2, sentences[2].index("paid"))
    assert gist.tribute(["He toured the farm.", "The fields were green."]) is None


MONUMENT = (
    "Pyongyang, October 26 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea, visited "
    "the Friendship Tower on October 25, the anniversary of the volunteers' entry into the war.\n"
    "A wreath in the name of Kim Jong Un was laid before the tower.\n"
    "Kim Jong Un paid high tribute to the fallen fighters, recollecting the feats of the officers and men of "
    "the Chinese People's Volunteers in the war.\n"
    "He said that the friendship sealed in blood would be carried forward. -0-"
)
FLOOD_VISIT = (
    "Pyongyang, August 10 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea, visited "
    "again the flood-hit areas in North Phyongan Province on August 9.\n"
    "He learned about the damage and the preparations for recovery and took measures to house the victims. -0-"
)
FLOOD_DIGEST = (
    "Pyongyang, August 11 (KCNA) -- Following are major news items of the DPRK on Sunday:\n"
    "- The respected Comrade Kim Jong Un visited the flood-hit area in Uiju County of North Phyongan Province "
    "again and took measures for rehabilitation. (photos accompanied)\n"
    "- Farmers are busy weeding the fields. -0-"
)


def test_a_commemoration_item_says_whom_he_honoured(sqlite_store: Store, tmp_path: Path) -> None:
    tower = doc("tower", MONUMENT, title="Kim Jong Un Visits Friendship Tower", published=date(2030, 10, 26))
    ingest_texts(sqlite_store, tmp_path, [tower])
    brief = build_brief(sqlite_store, date(2030, 10, 21), date(2030, 10, 27))
    [item] = [i for i in brief.section("need_to_know").items if "tower" in i.docs]
    honoured = item.sentences[-1]
    assert honoured.text.startswith("In the dispatch's words, he “paid high tribute to the fallen fighters")
    assert "Chinese People's Volunteers" in honoured.text and honoured.evidence.startswith("Kim Jong Un paid high")


def test_a_digest_line_naming_where_exactly_he_went_is_added_to_the_item(sqlite_store: Store, tmp_path: Path) -> None:
    ingest_texts(
        sqlite_store,
        tmp_path,
        [
            doc("visit", FLOOD_VISIT, title="Kim Jong Un Visits Flood-hit Areas Again", published=date(2030, 8, 10)),
            doc("review", FLOOD_DIGEST, title="Press Review", published=date(2030, 8, 11)),
        ],
    )
    brief = build_brief(sqlite_store, date(2030, 8, 5), date(2030, 8, 11))
    [item] = [i for i in brief.section("need_to_know").items if "visit" in i.docs]
    assert "review" in item.docs
    line = item.sentences[-1]
    assert line.text.startswith("KCNA's news digest of 11 August has: “The respected Comrade Kim Jong Un visited")
    assert "Uiju County" in line.text and line.doc_id == "review"
    assert sum(len(c.text.split()) for c in item.sentences) <= 60


CONSULTATION = (
    "Pyongyang, June 3 (KCNA) -- The Party has long worked to make every county prosper.\n"
    "General Secretary Kim Jong Un on June 1 convened and guided a consultative meeting on the county "
    "development project.\n"
    "Present at the meeting were officials of the provincial party committees.\n"
    "He said that the county factories are not enough for the people's life.\n"
    "He said that it would be good to add the building of county clinics and seed farms to the County "
    "Development Policy and to finish them within three years.\n"
    "The meeting discussed the supply of cement to the building sites.\n"
    "All the participants raised their enthusiastic applause. -0-"
)


def test_what_a_meeting_added_or_decided_comes_before_what_it_discussed() -> None:
    sentences = [
        "The Central Committee decided long ago to build factories.",
        "Kim Jong Un guided a consultative meeting.",
        "The meeting discussed the supply of cement.",
        "He said it would be good to add clinics to the policy.",
    ]
    assert gist.meeting_outcome(sentences, 1) == 3  # an earlier decision is background, not the meeting's
    assert gist.meeting_outcome(sentences[:3], 1) == 2
    assert gist.meeting_outcome(sentences[:2], 1) is None


def test_a_meetings_item_says_what_the_meeting_added(sqlite_store: Store, tmp_path: Path) -> None:
    title = "Kim Jong Un Guides Consultative Meeting for County Development Project"
    ingest_texts(sqlite_store, tmp_path, [doc("consult", CONSULTATION, title=title, published=date(2030, 6, 3))])
    brief = build_brief(sqlite_store, date(2030, 6, 3), date(2030, 6, 9))
    [item] = [i for i in brief.section("need_to_know").items if "consult" in i.docs]
    outcome = item.sentences[-1]
    assert outcome.text.startswith("The dispatch reports: “He said that it would be good to add the building of")
    assert outcome.evidence.endswith("within three years.") and sum(len(c.text.split()) for c in item.sentences) <= 60


VOLUNTEERS = (
    "Pyongyang, July 6 (KCNA) -- The Party members of the country are turning out for the rebuilding of the "
    "storm-hit villages.\n"
    "With his firm idea that the people should never again suffer from storms, the respected Comrade Kim "
    "Jong Un inspected the storm-hit villages.\n"
    "At a meeting of the volunteers' regiment its members vowed to rebuild the "
    "villages by autumn. -0-"
)


def test_his_undated_act_recalled_in_others_story_is_no_item(sqlite_store: Store, tmp_path: Path) -> None:
    title = "Party Members Volunteer to Rebuild Storm-hit Villages"
    ingest_texts(sqlite_store, tmp_path, [doc("volunteers", VOLUNTEERS, title=title, published=date(2030, 7, 6))])
    brief = build_brief(sqlite_store, date(2030, 7, 6), date(2030, 7, 12))
    assert all("volunteers" not in item.docs for item in brief.section("need_to_know").items)


def test_a_statement_that_orders_nothing_is_rhetoric_one_that_issues_an_order_is_news() -> None:
    threat = ["The General Staff of the KPA issued the following statement on Monday:",
              "The enemies kicked off their war drills today.",
              "The first-strike units of the KPA will launch a preemptive nuclear strike at the strongholds."]
    order = ["The spokesman made public that the General Staff of the KPA issued a preliminary operation order on "
             "October 12 to the artillery units along the border."]
    assert state_news.only_words("Statement of General Staff of KPA", threat)
    assert not state_news.only_words("Statement of Spokesman for Ministry of National Defence of DPRK", order)
    assert not state_news.only_words("Report of KPA General Staff", threat)  # a report is no statement


LAUNCH_HE_WATCHED = (
    "Pyongyang, December 13 (KCNA) -- Kim Jong Un signed the final order for the launch of the satellite "
    "Kwangmyongsong-3 at 08:30 on December 12.\nThen he came to the General Satellite Control and Command Center "
    "on the morning of the same day and watched the whole course of the launch of the carrier rocket Unha-3. -0-"
)
LAUNCH_OF_THE_STATE = (
    "Pyongyang, December 12 (KCNA) -- Scientists and technicians of the DPRK successfully launched the satellite "
    "Kwangmyongsong-3 by carrier rocket Unha-3 at the Sohae Space Center on Wednesday. -0-"
)


def test_the_states_report_of_a_launch_he_watched_is_not_a_second_item(sqlite_store: Store, tmp_path: Path) -> None:
    ingest_texts(
        sqlite_store,
        tmp_path,
        [
            doc("state", LAUNCH_OF_THE_STATE, title="DPRK Succeeds in Satellite Launch", published=date(2030, 12, 12)),
            doc("his", LAUNCH_HE_WATCHED, title="Kim Jong Un Watches Satellite Launch", published=date(2030, 12, 13)),
        ],
    )
    brief = build_brief(sqlite_store, date(2030, 12, 9), date(2030, 12, 15))
    [item] = brief.section("need_to_know").items
    assert item.docs[0] == "his"
    assert item.sentences[0].text.startswith("Kim Jong Un watched a satellite launch involving the Unha-3")


CELEBRATIONS = (
    "Pyongyang, September 4 (KCNA) -- Kim Jong Un attended the celebrations held in Beijing on September 3 to mark "
    "the 80th anniversary of the victory in the war.\nHe went up to the rostrum together with the hosts.\n"
    "He watched the grand military parade held at the Tiananmen Square.\nChoe Son Hui accompanied him. -0-"
)


def test_a_celebrations_item_says_he_watched_its_parade(sqlite_store: Store, tmp_path: Path) -> None:
    ingest_texts(
        sqlite_store,
        tmp_path,
        [doc("beijing", CELEBRATIONS, title="Kim Jong Un Attends Celebrations", published=date(2030, 9, 4))],
    )
    brief = build_brief(sqlite_store, date(2030, 9, 1), date(2030, 9, 7))
    [item] = brief.section("need_to_know").items
    parade = next(c for c in item.sentences if "parade" in c.text)
    quoted = "“watched the grand military parade held at the Tiananmen Square”."
    assert parade.text == f"In the dispatch's words, he {quoted}"
    assert parade.evidence.startswith("He watched the grand military parade")


def test_his_words_told_as_he_said_that_are_quoted_from_the_verb() -> None:
    said = "He said that the artillerymen should keep themselves fully ready"
    assert prose.words_reported(said) == (
        "In the dispatch's words, he “said that the artillerymen should keep themselves fully ready”."
    )
    assert prose.words_reported("The unit must be ready").startswith("The dispatch reports him saying: “The unit")


ORDER_THEN_LAUNCH = (
    "Pyongyang, July 4 (KCNA) -- The Academy of Defence Science issued the following report on Tuesday:\n"
    "Kim Jong Un signed the order on July 3 to conduct the test-launch of the new rocket Hwasong-14.\n"
    "According to the order, the scientists successfully test-launched the rocket Hwasong-14 on July 4.\n"
    "Kim Jong Un observed the test-launch on the spot. -0-"
)


def test_the_order_he_signed_the_day_before_a_launch_is_part_of_the_launchs_item(
    sqlite_store: Store, tmp_path: Path
) -> None:
    ingest_texts(
        sqlite_store, tmp_path, [doc("launch", ORDER_THEN_LAUNCH, title="Special Report", published=date(2030, 7, 4))]
    )
    brief = build_brief(sqlite_store, date(2030, 7, 1), date(2030, 7, 7))
    [item] = brief.section("need_to_know").items
    assert item.sentences[0].text.startswith("Kim Jong Un oversaw a test of the Hwasong-14 on 4 July")


def test_a_parade_he_appeared_at_is_named_by_its_headline_and_a_named_meetings_place_said_once() -> None:
    parade = {"type": "ceremony", "evidence": "Kim Jong Un appeared at the tribune.", "start": "2030-01-14"}
    said = prose.summary(parade, "Kim Il Sung Square", False, date(2030, 1, 15), "Military Parade Held in Pyongyang")
    assert said.startswith("Kim Jong Un attended the military parade at Kim Il Sung Square")
    session = {
        "type": "meeting", "start": "2030-01-12",
        "evidence": "Kim Jong Un attended the last session of the congress at the April 25 House of Culture.",
    }
    said = prose.summary(session, "the April 25 House of Culture", False, date(2030, 1, 13))
    assert said.count("April 25 House of Culture") == 1


def test_a_meeting_after_a_visit_is_named_as_convened_and_quotes_no_headline_of_the_visit() -> None:
    meeting = {
        "type": "meeting", "start": "2030-11-15",
        "evidence": "On Tuesday, Kim Jong Un convened a consultative meeting at the office building of the WPK "
        "Central Committee to discuss the construction.",
    }
    said = prose.summary(meeting, "the office building of the WPK Central Committee", False, date(2030, 11, 16))
    assert said == (
        "Kim Jong Un convened a consultative meeting at the office building of the WPK Central Committee "
        "on 15 November."
    )


TALKS_AND_DECLARATION = (
    "Pyongyang, September 20 (KCNA) -- Kim Jong Un held talks with Moon Jae In at the Paekhwawon State Guesthouse "
    "on September 19.\nAfter the talks Kim Jong Un and Moon Jae In signed the Pyongyang Joint Declaration of "
    "September 2018. -0-"
)


def test_a_talks_item_says_which_declaration_was_signed(sqlite_store: Store, tmp_path: Path) -> None:
    ingest_texts(
        sqlite_store, tmp_path,
        [doc("talks", TALKS_AND_DECLARATION, title="Talks Held", published=date(2018, 9, 20))],
    )
    brief = build_brief(sqlite_store, date(2018, 9, 17), date(2018, 9, 23))
    [item] = brief.section("need_to_know").items
    assert item.sentences[1].text == "He signed the Pyongyang Joint Declaration of September 2018."
    assert "signed the Pyongyang Joint Declaration" in item.sentences[1].evidence


def test_an_agreement_others_signed_at_his_talks_is_not_his_signature(sqlite_store: Store, tmp_path: Path) -> None:
    text = (
        "Pyongyang, September 20 (KCNA) -- Kim Jong Un held talks with Moon Jae In at the Paekhwawon State "
        "Guesthouse on September 19.\nNo Kwang Chol and Song Young Moo signed the Agreement on the Military "
        "Field. -0-"
    )
    ingest_texts(sqlite_store, tmp_path, [doc("talks2", text, title="Talks Held", published=date(2018, 9, 20))])
    brief = build_brief(sqlite_store, date(2018, 9, 17), date(2018, 9, 23))
    assert not any("signed" in c.text for i in brief.section("need_to_know").items for c in i.sentences)


def test_his_speech_reported_as_he_said_that_is_quoted_from_the_verb() -> None:
    assert prose.speech_gist("He said that the situation is unstable") == (
        "In the speech, he “said that the situation is unstable”."
    )
    assert prose.speech_gist("Our enemy is war itself") == "In the speech he said: “Our enemy is war itself”."


def test_a_speech_quoted_under_an_item_that_has_not_named_it_is_a_speech() -> None:
    assert prose.speech_gist("Our cause is just", told=False) == "In a speech he said: “Our cause is just”."


PLEDGE = (
    "Pyongyang, February 12 (KCNA) -- Service personnel are pledging to carry out the tasks set by Kim Jong Un.\n"
    "Kim Jong Un visited the Ministry of National Defence on February 8 and made a speech. -0-"
)


def test_an_act_first_told_days_after_kcna_would_have_reported_it_is_no_item_of_the_week(
    sqlite_store: Store, tmp_path: Path
) -> None:
    ingest_texts(sqlite_store, tmp_path, [doc("pledge", PLEDGE, title="Pledges", published=date(2030, 2, 12))])
    brief = build_brief(sqlite_store, date(2030, 2, 11), date(2030, 2, 17))
    assert brief.section("need_to_know").items == []
    # the day before the week, reported on its first day, is the week's news
    told = PLEDGE.replace("February 12 (KCNA)", "February 11 (KCNA)").replace("February 8", "February 10")
    ingest_texts(sqlite_store, tmp_path, [doc("visit", told, title="Visit", published=date(2030, 2, 11))])
    brief = build_brief(sqlite_store, date(2030, 2, 11), date(2030, 2, 17))
    assert [i.docs[0] for i in brief.section("need_to_know").items] == ["visit"]
