"""The state's acts a week's brief ranks beside the leader's own, and what an item says beyond
who did what: the act's sentence, his speech's weightiest sentence, the occasion of a headline."""

from __future__ import annotations

from datetime import date

import pytest

import archive_fixtures
from archive_fixtures import doc
from fieldguide.errors import KnowledgeBaseError
from fieldguide.kb.loader import load_rule_file
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


def test_the_speech_gist_is_the_sentence_of_most_strategic_weight() -> None:
    sentences = [
        "Let Us Build a Great Country.",
        "Our farms gave a rich harvest this year.",
        "The enemy's war drills near the border will meet our nuclear force.",
        "The enemy will fail.",
    ]
    assert gist.weightiest(sentences) == 2
    assert gist.weightiest(["A quiet day.", "Let Us sing."]) is None  # "Us" is not the U.S.


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
