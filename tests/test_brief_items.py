"""The weekly brief's items: routine activities gathered, ranks with their reasons, prose
without label words, quotations repaired and trimmed, the same archive giving the same brief."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from fieldguide.report import build_brief, prose, ranking, render_markdown
from fieldguide.store import Store
from test_report import APRIL, AUGUST, make_store

LABELS = ("Weapons named:", "Sites:", "Places:", "Accompanied by:", "Sector:", "Praise or criticism")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with make_store(tmp_path_factory.mktemp("items") / "archive.db") as s:
        yield s


def _message(name: str, role: str = "sender", kind: str = "message_received") -> dict[str, object]:
    return {"type": kind, "people": [{"name": name, "role": role}], "evidence": f"greetings from {name}"}


def test_routine_messages_are_gathered_into_one_sentence_naming_the_first_few() -> None:
    records = [_message(n) for n in ("Vladimir Putin", "Xi Jinping", "Alexander Lukashenko", "To Lam")]
    text = prose.gathered("messages_received", records)
    assert text == (
        "Kim Jong Un received 4 messages and greetings, among them from Vladimir Putin, Xi Jinping"
        " and Alexander Lukashenko."
    )
    assert prose.gathered("messages_sent", [_message("Xi Jinping", "recipient", "message_sent")]) == (
        "Kim Jong Un sent a message to Xi Jinping."
    )


def test_messages_others_deliver_in_his_name_are_not_his_items() -> None:
    basket = {"type": "message_sent", "evidence": "A floral basket in the name of Kim Jong Un was laid at the statues"}
    envoy = {"type": "message_sent", "evidence": "Ri Kil Song courteously conveyed the greetings of Kim Jong Un to him"}
    own = {"type": "message_sent", "evidence": "Kim Jong Un sent a message of greeting to Vladimir Putin"}
    assert ranking.by_proxy(basket) and ranking.by_proxy(envoy) and not ranking.by_proxy(own)


def test_an_act_another_official_performed_upon_his_authorization_is_not_his_item() -> None:
    accepted = {"type": "other", "evidence": "Kim Jong Un accepted the credentials of the ambassador of Ruritania."}
    text = (
        "Kim Jong Un accepted the credentials of the ambassador of Ruritania.\nUpon authorization of the "
        "President of the State Affairs, Pak Il Nam received the credentials at the Assembly Hall."
    )
    own = "Kim Jong Un received the credentials of the ambassador of Ruritania at the Palace."
    assert ranking.by_proxy(accepted, text) and not ranking.by_proxy(accepted, own)


def test_tiers_follow_the_analysts_order_and_a_first_appearance_raises_an_item() -> None:
    test = ranking.rank({"type": "weapons_test"}, [], 1)
    drill = ranking.rank({"type": "inspection", "sector": "military_unit"}, [], 1)
    talks = ranking.rank({"type": "diplomacy"}, [], 1)
    speech = ranking.rank({"type": "meeting", "also": [{"type": "speech"}]}, [], 3)
    farm = ranking.rank({"type": "inspection", "sector": "economic"}, [], 1)
    new_farm = ranking.rank({"type": "inspection", "sector": "economic"}, ["Hwasong-20"], 1)
    assert [r.tier for r in (test, drill, talks, speech, farm)] == [0, 1, 2, 3, 4]
    assert new_farm.key < farm.key
    assert speech.reasons == ["tier 4 of 5: a major speech or party meeting", "reported in 3 documents"]
    assert "first appearance in the archive: Hwasong-20" in new_farm.reasons


def test_a_visits_headline_naming_a_military_site_decides_its_tier() -> None:
    building = {"type": "inspection", "sector": "construction"}
    base = ranking.rank(building, [], 1, "Kim Jong Un Inspects Site for Construction of New Naval Base")
    unit = ranking.rank(building, [], 1, "Respected Comrade Kim Jong Un Visits Air Force Division")
    plain = ranking.rank(building, [], 1, "Respected Comrade Kim Jong Un Visits Greenhouse Farm")
    meeting = ranking.rank({"type": "meeting"}, [], 1, "Kim Jong Un Guides Meeting on Navy Day")
    assert [r.tier for r in (base, unit, plain, meeting)] == [0, 1, 4, 3]
    assert ranking.military_headline(building, "Kim Jong Un Inspects Submarine Base")
    munitions = {"type": "inspection", "sector": "munitions"}
    assert not ranking.military_headline(munitions, "Kim Jong Un Inspects Navy Yard")


def test_a_strategic_weapon_leads_its_tier_before_a_test_of_lesser_arms() -> None:
    nuclear = ranking.rank({"type": "inspection", "sector": "munitions", "weapons": ["nuclear"]}, [], 1)
    rockets = ranking.rank({"type": "weapons_test", "weapons": ["mlrs"]}, [], 1)
    assert nuclear.tier == rockets.tier == 0 and nuclear.key < rockets.key


def test_a_ceremony_handing_over_arms_is_a_military_event_not_a_speech() -> None:
    handover = {"type": "ceremony", "weapons": ["srbm"], "also": [{"type": "speech"}]}
    opening = {"type": "ceremony", "also": [{"type": "speech"}]}
    assert ranking.tier(handover) == 1 and ranking.tier(opening) == 3


def test_quotes_keep_the_repaired_text_and_are_trimmed_to_their_core() -> None:
    assert prose.repair("It means,Kim Jong Un said.He left") == "It means, Kim Jong Un said. He left"
    assert prose.repair("People’s Army, 1,000 shells and 2.5 km") == "People’s Army, 1,000 shells and 2.5 km"
    assert prose.repair("He signed the order on the test. -0-") == "He signed the order on the test."
    long = "stressed the need " + ", ".join(f"to do thing number {i}" for i in range(30))
    trimmed = prose.trim_quote(long)
    assert len(trimmed.split()) <= 41 and trimmed.endswith("…")


def test_need_to_know_items_carry_rank_reasons_and_documents_in_json(store: Store) -> None:
    data = json.loads(json.dumps(build_brief(store, *APRIL).to_json()))
    items = next(s for s in data["sections"] if s["key"] == "need_to_know")["items"]
    assert [i["rank"] for i in items] == [1, 2]
    assert items[0]["reasons"][0] == "tier 1 of 5: a weapons test or a strategic site"
    assert items[0]["docs"][0] == "fx-rep-cruise-test"
    assert all(sum(len(c["text"].split()) for c in i["sentences"]) <= 60 for i in items)


def test_prose_has_no_label_words_and_every_sentence_is_cited(store: Store) -> None:
    for period in (APRIL, AUGUST):
        brief = build_brief(store, *period)
        for key in ("need_to_know", "details"):
            for item in brief.section(key).items:
                for cited in item.sentences:
                    assert not cited.text.startswith(LABELS), cited.text
                    assert cited.text.endswith((".", "”", "”.")), cited.text
                    assert store.get_document(cited.doc_id).text[cited.span[0] : cited.span[1]] == cited.evidence


def test_the_same_archive_gives_the_same_brief(store: Store, tmp_path: Path) -> None:
    with make_store(tmp_path / "again.db") as again:
        for period in (APRIL, AUGUST):
            assert render_markdown(build_brief(store, *period)) == render_markdown(build_brief(again, *period))
            assert build_brief(store, *period).to_json() == build_brief(again, *period).to_json()


def test_a_written_work_reads_as_published_not_as_an_appearance() -> None:
    work = {"type": "other", "evidence": 'Kim Jong Un contributes a discourse "On Our Tasks" to Rodong Sinmun.'}
    order = {"type": "other", "evidence": "He signed the order for the test-fire."}
    assert prose.action(work, None) == "published a discourse in Rodong Sinmun"
    assert prose.action(order, None) == "signed an order"
    assert prose.action({"type": "other", "evidence": "He climbed the peak."}, None) == "made a public appearance"


def _week_brief(lines: list[dict[str, str]], tmp_path: Path) -> dict[str, Any]:
    """The brief of 1-7 March 2031 of an archive holding only these dispatches."""
    from fieldguide.extract.pipeline import Extractor
    from fieldguide.ingest import ingest
    from fieldguide.kb import load

    source = tmp_path / "week.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'archive.db'}") as store:
        ingest([str(source)], store, extractor=Extractor(load()))
        return build_brief(store, date(2031, 3, 1), date(2031, 3, 7)).to_json()


def test_a_full_week_tells_its_routine_kinds_in_one_item_leaving_slots_to_ranked_ones(tmp_path: Path) -> None:
    farms = ["Ryongsong", "Sokam", "Pongsan", "Unpha", "Sariwon", "Anak", "Kangso"]
    lines = [
        {
            "id": f"farm-{day}",
            "title": f"Kim Jong Un Visits {farm} Farm",
            "published": f"2031-03-0{day}",
            "text": f"Pyongyang, March {day} (KCNA) -- Kim Jong Un inspected the {farm} Vegetable Farm on March {day}.",
        }
        for day, farm in enumerate(farms, start=1)
    ]
    routine = {
        "msg": "Kim Jong Un received a message of greeting from Vladimir Putin.",
        "gift": "Kim Jong Un sent a birthday spread to Ri Sun Ok, a centenarian.",
    }
    for day, (doc_id, said) in enumerate(routine.items(), start=2):
        lines.append(
            {
                "id": doc_id,
                "title": doc_id,
                "published": f"2031-03-0{day}",
                "text": f"Pyongyang, March {day} (KCNA) -- {said}",
            }
        )
    brief = _week_brief(lines, tmp_path)
    items = brief["sections"][0]["items"]
    assert len(items) == 8
    named = [f for f in farms if any(f in " ".join(c["text"] for c in i["sentences"]) for i in items)]
    assert named == farms
    told = [i for i in items if {"msg", "gift"} & set(i["docs"])]
    assert len(told) == 1 and {"msg", "gift"} <= set(told[0]["docs"])


def test_a_speech_made_on_his_authorization_at_a_meeting_he_attended_leaves_the_meeting_his() -> None:
    text = "Kim Jong Un was present at the meeting.\nOn the authorization of Kim Jong Un, Ri Pyong Chol made a speech."
    attended = {"type": "meeting", "evidence": "Kim Jong Un was present at the meeting."}
    accepted = {"type": "other", "evidence": "Kim Jong Un accepted the credentials of the envoy."}
    assert not ranking.by_proxy(attended, text) and ranking.by_proxy(accepted, text)


def test_a_parade_or_march_past_is_a_military_event_with_no_arms_named() -> None:
    parade = ranking.rank({"type": "ceremony"}, [], 1, "Ceremony of Commemorative March of Columns Held")
    opening = ranking.rank({"type": "ceremony"}, [], 1, "Ceremony of Opening New Street Held")
    assert parade.tier == 1 and opening.tier == 4


def test_a_site_reads_mid_sentence_and_a_placed_site_gets_no_second_place() -> None:
    record = {"type": "commemoration", "places": ["Mt Kuwol", "Mt Paektu"]}
    assert (
        prose.action(record, "the Martyrs Cemetery on Mt Kuwol")
        == "attended a commemoration at the Martyrs Cemetery on Mt Kuwol"
    )
    assert (
        prose.action({"type": "ceremony"}, "The plaza of the Sports Hall")
        == "attended a ceremony at the plaza of the Sports Hall"
    )


def test_a_late_leader_named_in_a_message_is_never_its_correspondent() -> None:
    records = [
        {"type": "message_received", "people": [{"name": "Kim Il Sung", "role": "sender"}], "evidence": "a message"},
        {"type": "message_received", "people": [{"name": "To Lam", "role": "sender"}], "evidence": "a message"},
    ]
    assert prose.gathered("messages_received", records) == (
        "Kim Jong Un received 2 messages and greetings, among them from To Lam."
    )


def test_a_commentary_on_others_abroad_is_no_activity_in_the_context(tmp_path: Path) -> None:
    lines = [
        {
            "id": "visit",
            "title": "Kim Jong Un Visits Farm",
            "published": "2031-03-02",
            "text": "Pyongyang, March 2 (KCNA) -- Kim Jong Un inspected the Sokam Vegetable Farm on March 1.",
        },
        {
            "id": "commentary",
            "title": "KCNA Commentary on Japan's Moves",
            "published": "2031-03-03",
            "text": "Pyongyang, March 3 (KCNA) -- Fumio Kishida held talks with the U.S. president on March 2, "
            "plotting war.",
        },
    ]
    brief = _week_brief(lines, tmp_path)
    context = next(s for s in brief["sections"] if s["key"] == "context")
    assert not any("Commentary" in c["text"] for item in context["items"] for c in item["sentences"])


def test_a_long_site_in_a_headline_loses_its_last_of_parts_not_the_site() -> None:
    long = "the training base of the special operation forces of the Korean People's Army"
    assert prose.shortened_site(long, 12) == "the training base of the special operation forces"
    assert prose.shortened_site("the Ryongsong Machine Complex", 12) == "the Ryongsong Machine Complex"
    assert prose.shortened_site("a very long name with no place word in it at all to cut it off", 5) is None


def test_a_ceremony_is_named_as_the_dispatch_names_it() -> None:
    record = {
        "type": "ceremony",
        "evidence": "Kim Jong Un attended the ceremony of handing over new-type tanks to the units and made a speech.",
        "places": [],
    }
    assert prose.action(record, None) == "attended the ceremony of handing over new-type tanks to the units"


def test_an_occasion_is_not_placed_where_it_was_held_for() -> None:
    record = {
        "type": "ceremony",
        "evidence": "A send-off ceremony of the brigade leaving for Kangwon Province took place at the plaza.",
        "places": ["Kangwon Province"],
    }
    assert prose.action(record, "the plaza of the Youth Hall") == "attended a ceremony at the plaza of the Youth Hall"
    inspection = {"type": "inspection", "evidence": "He inspected the farm.", "places": ["Soje"]}
    assert prose.action(inspection, "the farm") == "inspected the farm in Soje"


def test_a_meeting_is_named_by_his_verb_and_the_dispatch_s_words() -> None:
    convened = {
        "type": "meeting",
        "evidence": "Kim Jong Un convened and guided a consultative meeting on flood prevention as part of the "
        "preparations for the rainy season.",
    }
    assert prose.action(convened, None) == "convened a consultative meeting on flood prevention"
    met = {"type": "meeting", "evidence": "He met and congratulated the leading cadres of the Party on the day."}
    assert prose.action(met, None) == "met the leading cadres"
    assert prose.action({"type": "meeting", "evidence": "A meeting took place."}, None) == "took part in a meeting"


def test_a_digest_is_named_as_a_digest_and_told_by_its_line_not_by_its_headline(tmp_path: Path) -> None:
    lines = [
        {
            "id": "visit",
            "title": "Kim Jong Un Visits Farm",
            "published": "2031-03-02",
            "text": "Pyongyang, March 2 (KCNA) -- Kim Jong Un inspected the Sokam Vegetable Farm on March 1.",
        },
        {
            "id": "digest-in-week",
            "title": "Press Review",
            "published": "2031-03-04",
            "text": "Pyongyang, March 4 (KCNA) -- Rodong Sinmun today carries the following articles:\n"
            "- The respected Comrade Kim Jong Un contributes a treatise \"Let Us Grow Greens\" to Rodong Sinmun."
            " (photo accompanied)\n- An editorial calls for a bumper harvest.",
        },
        {
            "id": "digest-after",
            "title": "Press Review",
            "published": "2031-03-09",
            "text": "Pyongyang, March 9 (KCNA) -- Rodong Sinmun today carries the following articles:\n"
            "- The respected Comrade Kim Jong Un convened a consultative meeting on national defence.\n"
            "- An article praises the farmers of the west coast.",
        },
    ]
    brief = _week_brief(lines, tmp_path)
    details = next(s for s in brief["sections"] if s["key"] == "details")
    context = next(s for s in brief["sections"] if s["key"] == "context")
    headings = [item["heading"] for item in details["items"]]
    assert headings and not any("Press Review" in h for h in headings)
    undated = next(item for item in details["items"] if "news digest" in item["heading"])
    assert "treatise" in undated["sentences"][0]["text"] or "published" in undated["sentences"][0]["text"]
    told = [c["text"] for item in context["items"] for c in item["sentences"]]
    assert not any("Press Review" in t for t in told)
    meeting = next(t for t in told if "consultative meeting" in t)
    assert meeting.startswith("“The respected Comrade Kim Jong Un convened") and "(photo" not in meeting


def test_the_context_tells_another_activity_once_by_its_main_report(tmp_path: Path) -> None:
    reply = "Kim Jong Un sent a reply message to Bashar al-Assad, president of the Syrian Arab Republic"
    lines = [
        {
            "id": "visit",
            "title": "Kim Jong Un Visits Farm",
            "published": "2031-03-02",
            "text": "Pyongyang, March 2 (KCNA) -- Kim Jong Un inspected the Sokam Vegetable Farm on March 1.",
        },
        {
            "id": "reply",
            "title": "Kim Jong Un's Reply Message to Syrian President",
            "published": "2031-03-09",
            "text": f"Pyongyang, March 9 (KCNA) -- {reply} on March 8.\nHe thanked him for his greetings.",
        },
        {
            "id": "digest",
            "title": "Press Review",
            "published": "2031-03-09",
            "text": "Pyongyang, March 9 (KCNA) -- Rodong Sinmun today carries the following articles:\n"
            "- The respected Comrade Kim Jong Un sent a reply message to the president of the Syrian Arab "
            "Republic.\n- An editorial calls for a bumper harvest.",
        },
    ]
    brief = _week_brief(lines, tmp_path)
    context = next(s for s in brief["sections"] if s["key"] == "context")
    cited = [c["doc_id"] for item in context["items"] for c in item["sentences"]]
    assert cited.count("reply") == 1 and "digest" not in cited


def test_the_details_of_a_meeting_told_by_his_speech_quote_the_speech(tmp_path: Path) -> None:
    lines = [
        {
            "id": "meeting",
            "title": "Kim Jong Un Meets Leading Cadres and Makes Speech",
            "published": "2031-03-03",
            "text": "Pyongyang, March 3 (KCNA) -- Kim Jong Un met the leading officials of the Party and government"
            " on March 2 and made a speech.\nThe officials vowed to carry out the tasks of the speech.",
        },
        {
            "id": "speech",
            "title": "Kim Jong Un Makes Important Speech at Meeting with Leading Cadres",
            "published": "2031-03-04",
            "text": "Pyongyang, March 4 (KCNA) -- Kim Jong Un made an important speech at the meeting with"
            " the leading officials of the Party and government on March 2.\nWe will build up our nuclear"
            " forces faster than ever, and our country will prosper.",
        },
    ]
    brief = _week_brief(lines, tmp_path)
    details = next(s for s in brief["sections"] if s["key"] == "details")
    told = " ".join(c["text"] for item in details["items"] for c in item["sentences"])
    assert "nuclear forces faster than ever" in told


@pytest.mark.parametrize(
    "site",
    ["the Hero Defence Detachment on Mu Islet", "the 8th Brigade of the Coast Guard", "the Pacific Fleet",
     "a frontline outpost"],
)
def test_a_visit_to_an_island_post_a_brigade_or_a_fleet_is_a_military_unit(site: str) -> None:
    from fieldguide.extract.events.places import sector_of

    assert ranking.rank({"type": "inspection", "sector": sector_of(site)}, [], 1).tier == 1


def test_a_meeting_is_told_by_the_order_he_signed_there(tmp_path: Path) -> None:
    lines = [
        {
            "id": "presidium",
            "title": "Meeting of Presidium of Political Bureau of WPK Central Committee Held",
            "published": "2031-03-03",
            "text": "Pyongyang, March 3 (KCNA) -- A meeting of the Presidium of the Political Bureau of the Central "
            "Committee of the Workers' Party of Korea took place on March 3.\nKim Jong Un guided the meeting.\n"
            "It heard a report of the Nuclear Weapons Institute on the preparations for the test and approved the "
            "plan.\nHe signed the order on conducting the nuclear test. -0-",
        },
    ]
    brief = _week_brief(lines, tmp_path)
    told = " ".join(c["text"] for item in next(s for s in brief["sections"] if s["key"] == "need_to_know")["items"]
                    for c in item["sentences"])
    assert "signed the order on conducting the nuclear test" in told and "-0-" not in told


def test_last_weeks_activity_told_again_only_in_this_weeks_digest_is_no_item(tmp_path: Path) -> None:
    lines = [
        {
            "id": "visit",
            "title": "Kim Jong Un Visits Farm",
            "published": "2031-03-02",
            "text": "Pyongyang, March 2 (KCNA) -- Kim Jong Un inspected the Sokam Vegetable Farm on March 1.",
        },
        {
            "id": "digest",
            "title": "Press Review",
            "published": "2031-03-02",
            "text": "Pyongyang, March 2 (KCNA) -- Following are major news items of the DPRK on Sunday:\n"
            "- Kim Jong Un watched the military parade held on February 26 at Kim Il Sung Square.\n"
            "- An article calls for a bumper harvest.",
        },
    ]
    brief = _week_brief(lines, tmp_path)
    need_to_know = next(s for s in brief["sections"] if s["key"] == "need_to_know")
    docs = [d for item in need_to_know["items"] for d in item["docs"]]
    assert "visit" in docs and "digest" not in docs


def test_a_recalled_occasion_keeps_the_dispatch_s_precision_and_quotes_its_sentence() -> None:
    reference = {"text": "May 2014", "date": "2014-05-01", "span": [10, 18],
                 "sentence": "He recalled that when he visited the farm in May 2014 he had set a task."}
    assert prose.recalled(reference) == (
        "The dispatch recalls an earlier occasion, in May 2014: “He recalled that when he visited the farm in May "
        "2014 he had set a task”."
    )


def test_those_at_a_meeting_are_present_not_accompanying_him() -> None:
    people = [{"name": "Kim Yong Nam", "role": "accompanied"}, {"name": "Pak Pong Ju", "role": "accompanied"}]
    assert prose.companions({"type": "meeting", "people": people}) == "Present were Kim Yong Nam and Pak Pong Ju."
    assert prose.companions({"type": "inspection", "people": people}).startswith("He was accompanied by")


def test_a_show_s_item_says_which_show_by_its_headline(tmp_path: Path) -> None:
    lines = [
        {
            "id": "show",
            "title": "Kim Jong Un Enjoys Joint Performance of Moranbong Band and State Merited Chorus",
            "published": "2031-03-04",
            "text": "Pyongyang, March 4 (KCNA) -- A joint performance of the Moranbong Band and the State Merited "
            "Chorus was given at the People's Theatre on March 3.\nKim Jong Un enjoyed the performance.",
        },
    ]
    brief = _week_brief(lines, tmp_path)
    need_to_know = next(s for s in brief["sections"] if s["key"] == "need_to_know")
    assert "Moranbong Band" in " ".join(c["text"] for item in need_to_know["items"] for c in item["sentences"])


def test_a_story_headline_keeps_one_tense() -> None:
    record = {"type": "inspection", "also": [{"type": "speech"}], "sector": "social"}
    headline = prose.story_headline(record, "Kim Jong Un University of National Defence", False, 1, 1)
    assert headline.endswith("and makes a speech") and " made " not in headline
