"""One activity across documents: the main dispatch, a "Press Review" line and a second
article with the speech are one public appearance; messages are activities, not appearances.

Runs on SQLite and PostgreSQL over the shipped examples plus dispatches written for these
tests (tests/fixtures/analyze/activities.jsonl).
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources
from pathlib import Path

import pytest
from typer.testing import CliRunner

import archive_fixtures
from fieldguide.analyze import Filters, timeline
from fieldguide.analyze.activities import activities, appearances
from fieldguide.cli import app
from fieldguide.errors import QueryError
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.store import Store
from fieldguide.store.activities import ActivityRecord

FIXTURE = Path(__file__).parent / "fixtures" / "analyze" / "activities.jsonl"
EXAMPLES = resources.files("fieldguide") / "examples" / "dispatches.jsonl"

store = archive_fixtures.store
store_url = archive_fixtures.store_url


@pytest.fixture
def archive(store: Store) -> Store:
    summary = ingest([str(EXAMPLES), str(FIXTURE)], store, extractor=Extractor(load()))
    assert summary.rejected == 0
    return store


def _with_doc(found: list[ActivityRecord], doc_id: str) -> list[ActivityRecord]:
    return [a for a in found if doc_id in a.docs]


def test_a_dispatch_its_digest_line_and_its_speech_article_are_one_appearance(archive: Store) -> None:
    [visit] = _with_doc(appearances(archive), "act-main-visit")
    # The main dispatch first, then the other article, then the digest.
    assert visit.docs == ["act-main-visit", "act-speech", "act-press-review"]
    record = visit.appearance_json()
    assert record["date"] == "2024-09-04" and record["published"] == "2024-09-05"
    assert record["type"] == "inspection" and record["speech"] is True
    assert record["site"] == "the Ryongsong Machine Complex"
    assert "inspected the Ryongsong Machine Complex on September 4" in record["evidence"]["text"]
    assert record["evidence"]["spans"]


def test_two_sites_on_two_days_are_two_appearances(archive: Store) -> None:
    found = appearances(archive, since=date(2024, 9, 4), until=date(2024, 9, 6))
    assert [(a.appearance_json()["date"], a.docs[0]) for a in found] == [
        ("2024-09-04", "act-main-visit"),
        ("2024-09-06", "act-greenhouse"),
    ]


def test_a_message_received_is_an_activity_but_not_an_appearance(archive: Store) -> None:
    [message] = _with_doc(activities(archive), "act-message")
    assert message.type == "message_received" and message.docs == ["act-message"]
    assert message.public_appearance is False and message.to_json()["public_appearance"] is False
    assert not _with_doc(appearances(archive), "act-message")


def test_an_undated_digest_item_without_its_dispatch_stands_alone_without_a_date(archive: Store) -> None:
    [show] = _with_doc(appearances(archive), "act-digest-alone")
    record = show.appearance_json()
    assert record["date"] is None and record["published"] == "2024-09-20"
    assert record["docs"] == ["act-digest-alone"] and record["type"] == "cultural_event"
    assert record["site"] == "the East Pyongyang Grand Theatre"
    # Listed by its publication day.
    assert _with_doc(appearances(archive, since=date(2024, 9, 20)), "act-digest-alone")
    assert not _with_doc(appearances(archive, until=date(2024, 9, 19)), "act-digest-alone")


def test_one_articles_ceremony_visit_and_speech_of_one_day_are_one_appearance(archive: Store) -> None:
    [ceremony] = _with_doc(appearances(archive), "ex-kcna-factory-ceremony")
    assert ceremony.type == "ceremony" and ceremony.speech is True
    assert ceremony.appearance_json()["date"] == "2024-09-28"


def test_every_leader_event_belongs_to_exactly_one_activity(archive: Store) -> None:
    found = activities(archive)
    ids = [event_id for a in found for event_id in a.event_ids]
    assert len(ids) == len(set(ids))
    assert {a.type for a in found if not a.public_appearance} >= {"message_sent", "message_received"}


def test_grouping_does_not_depend_on_the_order_of_ingest(store: Store, tmp_path: Path) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    reversed_file = tmp_path / "reversed.jsonl"
    reversed_file.write_text("\n".join(reversed(lines)) + "\n", encoding="utf-8")
    ingest([str(reversed_file)], store, extractor=Extractor(load()))
    found = [a.appearance_json() for a in appearances(store)]
    assert [a["docs"] for a in found] == [
        ["act-main-visit", "act-speech", "act-press-review"],
        ["act-greenhouse"],
        ["act-digest-alone"],
    ]


def test_since_after_until_is_a_user_error(archive: Store) -> None:
    with pytest.raises(QueryError):
        appearances(archive, since=date(2024, 10, 1), until=date(2024, 9, 1))


# --- the timeline counts appearances -------------------------------------------------------


def test_timeline_counts_appearances_per_period_beside_events(archive: Store) -> None:
    tl = timeline(archive, by="month", filters=Filters(since=date(2024, 9, 1), until=date(2024, 9, 30)))
    [september] = tl.buckets
    # Ryongsong (three reports), the greenhouse farm, Shoigu, the theatre (undated), Songchon.
    assert september.appearances == 5 and tl.appearances == 5
    assert september.events > september.appearances  # reports, speeches and messages are events


def test_absences_are_counted_between_appearances_not_messages(archive: Store) -> None:
    gaps = {(g.after, g.before): g for g in timeline(archive, top_gaps=100).gaps}
    # Xi's message of 9 September falls between the greenhouse farm (6th) and Shoigu (13th).
    gap = gaps[(date(2024, 9, 6), date(2024, 9, 13))]
    assert gap.absent == 6 and not any(date(2024, 9, 9) in pair for pair in gaps)
    # The same day's message received is not his last appearance before the absence.
    assert gap.last_seen is not None and gap.last_seen.doc_id == "act-greenhouse"
    assert gap.seen_again is not None and gap.seen_again.doc_id == "ex-kcna-shoigu-visit"


# --- the command ---------------------------------------------------------------------------

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.output


def test_appearances_json_is_the_documented_shape(archive: Store, store_url: str) -> None:
    out = _run("appearances", "--db", store_url, "--since", "2024-09-01", "--until", "2024-09-30", "--format", "json")
    data = json.loads(out)
    assert [a["docs"][0] for a in data] == [
        "act-main-visit",
        "act-greenhouse",
        "ex-kcna-shoigu-visit",
        "act-digest-alone",
        "ex-kcna-factory-ceremony",
    ]
    for record in data:
        assert set(record) == {"date", "published", "type", "site", "speech", "docs", "evidence", "confidence"}
        assert isinstance(record["speech"], bool) and record["docs"]
        assert 0.0 <= record["confidence"] <= 1.0


def test_appearances_table_fits_80_columns_and_csv_lists_them(archive: Store, store_url: str) -> None:
    table = _run("appearances", "--db", store_url, "--since", "2024-09-01")
    assert "act-main-visit" in table and "inspection +speech" in table
    assert max(len(line) for line in table.splitlines()) <= 80
    csv_out = _run(
        "appearances", "--db", store_url, "--since", "2024-09-04", "--until", "2024-09-04", "--format", "csv"
    )
    header, row = csv_out.splitlines()
    assert header == "date,published,type,site,speech,docs,evidence,spans,confidence"
    assert "act-main-visit act-speech act-press-review" in row


def _appearances_of(lines: list[dict[str, str]], tmp_path: Path) -> list[ActivityRecord]:
    source = tmp_path / "days.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    with Store.open(f"sqlite:///{tmp_path / 'archive.db'}") as own:
        ingest([str(source)], own, extractor=Extractor(load()))
        return appearances(own)


def test_two_cemeteries_of_one_day_are_two_appearances_though_both_are_martyrs_cemeteries(tmp_path: Path) -> None:
    lines = [
        {
            "id": f"cem-{n}",
            "title": f"Kim Jong Un Visits {name}",
            "published": "2031-07-28",
            "text": f"Pyongyang, July 28 (KCNA) -- Kim Jong Un visited the {name} on July 27 and laid a wreath.",
        }
        for n, name in enumerate(("Revolutionary Martyrs Cemetery on Mt Kuwol", "Coastal Defence Martyrs Cemetery"))
    ]
    found = _appearances_of(lines, tmp_path)
    assert sorted(a.docs[0] for a in found) == ["cem-0", "cem-1"]


def test_a_meeting_and_a_ceremony_each_told_in_its_own_dispatch_are_two_appearances(tmp_path: Path) -> None:
    lines = [
        {
            "id": "meeting",
            "title": "Meeting with Veterans Held",
            "published": "2031-07-28",
            "text": "Pyongyang, July 28 (KCNA) -- A meeting with veterans took place at the Ryugyong Sports Hall "
            "on July 27. Kim Jong Un was present at the meeting.",
        },
        {
            "id": "parade",
            "title": "March-past of Veterans' Columns Held",
            "published": "2031-07-28",
            "text": "Pyongyang, July 28 (KCNA) -- A ceremony of march-past was held at the plaza of the Ryugyong "
            "Sports Hall on July 27. Kim Jong Un attended the ceremony.",
        },
    ]
    found = _appearances_of(lines, tmp_path)
    assert sorted(a.docs[0] for a in found) == ["meeting", "parade"]


def test_one_articles_visit_and_the_drill_he_guided_there_that_day_are_one_appearance(tmp_path: Path) -> None:
    lines = [
        {
            "id": "unit",
            "title": "Kim Jong Un Guides Flight Drill of KPA Air Force Unit 447",
            "published": "2031-05-06",
            "text": "Pyongyang, May 6 (KCNA) -- Kim Jong Un visited KPA Air Force Unit 447 on May 5 and guided a "
            "flight drill of its pilots.\nUpon arrival at the airfield, he watched the drill from the command post.",
        },
    ]
    found = _appearances_of(lines, tmp_path)
    assert len(found) == 1 and found[0].docs == ["unit"]


def test_units_of_different_numbers_are_two_appearances_though_their_words_meet(tmp_path: Path) -> None:
    lines = [
        {
            "id": "unit-447",
            "title": "Kim Jong Un Visits KPA Air Force Unit 447",
            "published": "2031-05-06",
            "text": "Pyongyang, May 6 (KCNA) -- Kim Jong Un inspected KPA Air Force Unit 447 on May 5.",
        },
        {
            "id": "unit-1501",
            "title": "Kim Jong Un Inspects Command of KPA Unit 1501",
            "published": "2031-05-07",
            "text": "Pyongyang, May 7 (KCNA) -- Kim Jong Un inspected the command of KPA Unit 1501.",
        },
    ]
    found = _appearances_of(lines, tmp_path)
    assert sorted(a.docs[0] for a in found) == ["unit-1501", "unit-447"]


def test_an_undated_report_joins_the_undated_test_reported_the_day_before(tmp_path: Path) -> None:
    lines = [
        {
            "id": "test",
            "title": "Kim Jong Un Watches Test-fire of Strategic Submarine Ballistic Missile",
            "published": "2031-05-09",
            "text": "Pyongyang, May 9 (KCNA) -- Kim Jong Un watched the underwater test-fire of a strategic "
            "submarine ballistic missile in the East Sea of Korea.",
        },
        {
            "id": "joy",
            "title": "Success in Underwater Test-fire Evokes Great Joy",
            "published": "2031-05-10",
            "text": "Pyongyang, May 10 (KCNA) -- The success of the underwater test-fire of the strategic submarine "
            "ballistic missile, which Kim Jong Un watched, is a great joy to the people.\n"
            "Kim Jong Un oversaw the test-fire of the strategic submarine ballistic missile.",
        },
    ]
    found = _appearances_of(lines, tmp_path)
    assert [a.docs for a in found] == [["test", "joy"]]


def test_the_reception_for_the_guest_of_his_talks_is_part_of_the_talks(tmp_path: Path) -> None:
    lines = [
        {
            "id": "talks",
            "title": "Kim Jong Un Holds Talks with Russian President",
            "published": "2031-09-14",
            "text": "Pyongyang, September 14 (KCNA) -- Kim Jong Un had talks with Vladimir Vladimirovich Putin, "
            "president of the Russian Federation, at the Vostochny Cosmodrome on September 13.",
        },
        {
            "id": "digest",
            "title": "Press Review",
            "published": "2031-09-14",
            "text": "Pyongyang, September 14 (KCNA) -- Following are major news items of the DPRK on Sunday:\n"
            "- Vladimir Vladimirovich Putin, president of the Russian Federation, gave a reception in honour of Kim "
            "Jong Un, and the two leaders made speeches at the reception.\n"
            "- An article calls for a bumper harvest.",
        },
    ]
    found = _appearances_of(lines, tmp_path)
    assert [a.docs for a in found] == [["talks", "digest"]]


def test_talks_with_two_guests_at_one_palace_on_one_day_are_two_appearances(tmp_path: Path) -> None:
    lines = [
        {
            "id": f"talks-{n}",
            "title": f"Kim Jong Un Meets {name}",
            "published": "2031-03-02",
            "text": f"Pyongyang, March 2 (KCNA) -- Kim Jong Un met {name}, {title} of Viet Nam, at the Presidential "
            "Palace in Hanoi on March 1.",
        }
        for n, (name, title) in enumerate((("Nguyen Xuan Phuc", "prime minister"),
                                           ("Nguyen Thi Kim Ngan", "chairwoman of the National Assembly")))
    ]
    found = _appearances_of(lines, tmp_path)
    assert sorted(a.docs[0] for a in found) == ["talks-0", "talks-1"]


def test_the_peoples_response_to_a_launch_is_never_its_main_report(tmp_path: Path) -> None:
    lines = [
        {
            "id": "joy",
            "title": "Successful Launch of Satellite Evokes Great Joy across DPRK",
            "published": "2023-11-22",
            "text": "Pyongyang, November 22 (KCNA) -- People across the country were greatly excited to learn that "
            "the respected Comrade Kim Jong Un watched the launch of the satellite at the Sohae Satellite Launching "
            "Ground on Tuesday night and warmly congratulated the scientists who had made it a success.",
        },
        {
            "id": "report",
            "title": "Report on Successful Launch of Satellite",
            "published": "2023-11-22",
            "text": "Pyongyang, November 22 (KCNA) -- The administration launched the satellite at the Sohae Satellite "
            "Launching Ground on November 21.\nKim Jong Un watched the launch on the spot.",
        },
    ]
    found = _appearances_of(lines, tmp_path)
    assert [a.docs for a in found] == [["report", "joy"]]


def test_a_digest_line_on_his_visit_to_a_bier_joins_the_visit_to_the_hall_where_it_lay(tmp_path: Path) -> None:
    lines = [
        {
            "id": "bier",
            "title": "Kim Jong Un Expresses Condolences over Death of Jon Pyong Ho",
            "published": "2031-07-10",
            "text": "Pyongyang, July 10 (KCNA) -- Kim Jong Un visited the bier of Jon Pyong Ho at the Central Hall of "
            "Sojang Club on the evening of July 9 to express deep condolences over his death.",
        },
        {
            "id": "review",
            "title": "Press Review",
            "published": "2031-07-11",
            "text": "Pyongyang, July 11 (KCNA) -- Following are major news items of the DPRK on Friday:\n"
            "- Kim Jong Un visited the bier of Jon Pyong Ho and expressed deep condolences.\n"
            "- An article calls for a bumper harvest.",
        },
    ]
    found = _appearances_of(lines, tmp_path)
    assert [a.docs for a in found] == [["bier", "review"]]


def test_the_talks_a_reception_was_given_for_are_the_activitys_main_report(tmp_path: Path) -> None:
    lines = [
        {
            "id": "reception",
            "title": "Kim Jong Un Hosts Reception for Russian President",
            "published": "2031-06-20",
            "text": "Pyongyang, June 20 (KCNA) -- Kim Jong Un hosted a state reception at the Mongnangwan Reception "
            "House on June 19 in honour of Vladimir Putin, president of the Russian Federation, who is on a state "
            "visit to the DPRK, and the two leaders exchanged warm toasts to the friendship of the two countries.",
        },
        {
            "id": "talks",
            "title": "DPRK-Russia Summit Talks Held",
            "published": "2031-06-19",
            "text": "Pyongyang, June 19 (KCNA) -- Talks between Kim Jong Un and Vladimir Putin, president of the "
            "Russian Federation, were held at the Kumsusan State Guesthouse on June 19.",
        },
    ]
    found = _appearances_of(lines, tmp_path)
    assert [a.docs[0] for a in found] == ["talks"]
