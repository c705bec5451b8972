"""Every fact comes with a confidence (0-1) and the rule it came from, and --min-confidence leaves
out the facts below it: in extract, events, appearances and link.

Dispatches written for these tests, in the agencies' style; the archive tests run on SQLite and
PostgreSQL (the threshold is a condition on the stored JSON record).
"""

from __future__ import annotations

import json
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import archive_fixtures
from extract_helpers import dispatch, extractor
from fieldguide.analyze.activities import appearances
from fieldguide.cli import app
from fieldguide.errors import KnowledgeBaseError
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.link.linker import ReportLinks
from fieldguide.link.reports import THRESHOLD, Link, link_confidence
from fieldguide.model import Document, Extraction
from fieldguide.store import Store

store = archive_fixtures.store
store_url = archive_fixtures.store_url

VISIT = (
    "Pyongyang, August 6 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea, gave field "
    "guidance to the Sinuiju City Hospital in North Phyongan Province on August 5. He was accompanied by "
    "Jo Yong Won, secretary of the C.C., WPK. He looked round a new 600mm multiple rocket launcher.\n"
    "Dmitri Verkhovtsev, vice-minister of Agriculture of Russia, arrived in Pyongyang. Oduya, chairman "
    "of the committee, greeted him in Hochon County."
)
# A line of a round-up: undated, and told in passing.
DIGEST = (
    "Pyongyang, August 7 (KCNA) -- Rodong Sinmun today carries articles.\n"
    "The respected Comrade Kim Jong Un visited a farm in the flood-hit area."
)


def _extraction(text: str = VISIT, title: str | None = None) -> Extraction:
    return extractor()(dispatch(text, title=title))


def _facts(x: Extraction) -> list[tuple[str, float | None, object]]:
    found: list[tuple[str, float | None, object]] = [(e.type, e.confidence, e.rule) for e in x.events]
    found += [(m.canonical, m.confidence, m.attrs.get("rule")) for m in x.mentions if m.kind != "date"]
    return found


def test_every_fact_of_a_dispatch_has_a_confidence_within_0_and_1_and_a_rule() -> None:
    x = _extraction()
    facts = _facts(x)
    assert {"inspection", "Jo Yong Won", "North Phyongan Province", "mlrs"} <= {name for name, _, _ in facts} | {
        m.canonical for m in x.mentions
    }
    for name, confidence, rule in facts:
        assert confidence is not None and 0.0 <= confidence <= 1.0, name
        assert isinstance(rule, str) and rule, name
    record = x.to_record()
    assert all(0.0 <= e["confidence"] <= 1.0 and e["rule"] for e in record["events"])
    assert record["fact_confidence"]["people"]["Jo Yong Won"] >= 0.9
    assert json.loads(json.dumps(record)) == record  # the stored record reads back the same


def test_a_person_of_the_knowledge_base_is_more_certain_than_a_name_only_a_title_introduces() -> None:
    people = {m.canonical: m for m in _extraction().mentions if m.kind == "person"}
    known, titled = people["Jo Yong Won"], people["Dmitri Verkhovtsev"]
    assert known.attrs["rule"] == "person: knowledge base"
    assert titled.attrs["rule"] == "person: title"
    assert known.confidence is not None and titled.confidence is not None
    assert known.confidence > titled.confidence
    # a single capitalized word after a title is a weaker name still
    assert people["Oduya"].confidence is not None and people["Oduya"].confidence < titled.confidence


def test_field_guidance_with_a_date_is_more_certain_than_an_undated_visit_in_a_round_up() -> None:
    [guidance] = [e for e in _extraction().events if e.type == "inspection"]
    [line] = _extraction(DIGEST, title="Press Review").events
    assert guidance.rule.startswith("event: field guidance")
    assert "digest" in line.rule
    assert guidance.confidence > line.confidence


def test_min_confidence_drops_the_facts_below_it_and_keeps_the_rest() -> None:
    x = _extraction()
    kept = x.at_least(0.8).to_record()
    assert "Oduya" not in kept["people"] and "Oduya" in x.to_record()["people"]
    assert "Jo Yong Won" in kept["people"]
    assert all(e["confidence"] >= 0.8 for e in kept["events"]) and kept["events"]
    assert x.at_least(1.0).to_record()["people"] == []


def test_extract_min_confidence_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / "visit.txt"
    path.write_text(VISIT, encoding="utf-8")
    runner = CliRunner()
    everything = runner.invoke(app, ["extract", str(path)])
    confident = runner.invoke(app, ["extract", str(path), "--min-confidence", "0.8"])
    assert everything.exit_code == 0 and confident.exit_code == 0, confident.output
    assert "Oduya" in json.loads(everything.stdout)["people"]
    assert "Oduya" not in json.loads(confident.stdout)["people"]
    out_of_range = runner.invoke(app, ["extract", str(path), "--min-confidence", "1.5"])
    assert out_of_range.exit_code == 2


def _archive(store: Store) -> Store:
    docs = [
        {"id": "c-visit", "title": "Kim Jong Un Gives Field Guidance", "published": "2024-08-06", "text": VISIT},
        {"id": "c-digest", "title": "Press Review", "published": "2024-08-07", "text": DIGEST},
    ]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        path.write_text("\n".join(json.dumps({**d, "source": "KCNA"}) for d in docs) + "\n", encoding="utf-8")
        assert ingest([str(path)], store, extractor=extractor()).rejected == 0
    return store


def test_stored_events_and_appearances_filter_by_confidence(store: Store) -> None:
    archive = _archive(store)
    every = archive.events()
    confident = archive.events(min_confidence=0.9)
    assert {r["doc_id"] for r in every} == {"c-visit", "c-digest"}
    assert {r["doc_id"] for r in confident} == {"c-visit"}
    assert all(r["record"]["confidence"] >= 0.9 for r in confident)
    seen = appearances(archive, date(2024, 8, 1), date(2024, 8, 31))
    sure = appearances(archive, date(2024, 8, 1), date(2024, 8, 31), min_confidence=0.9)
    assert all(a.confidence is not None and 0.0 <= a.confidence <= 1.0 for a in seen)
    assert "c-digest" in {d for a in seen for d in a.docs}
    assert sure and all(a.confidence is not None and a.confidence >= 0.9 for a in sure)
    assert len(sure) < len(seen)


def test_events_and_appearances_commands_take_min_confidence(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'fg.db'}"
    with Store.open(db) as opened:
        _archive(opened)
    runner = CliRunner()
    events = runner.invoke(app, ["events", "--db", db, "--format", "json", "--min-confidence", "0.9"])
    assert events.exit_code == 0, events.output
    rows = json.loads(events.stdout)
    assert rows and all(r["confidence"] >= 0.9 and r["rule"] for r in rows)
    assert {r["doc_id"] for r in rows} == {"c-visit"}
    shown = runner.invoke(app, ["appearances", "--db", db, "--format", "json", "--min-confidence", "0.99"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == []
    every = runner.invoke(app, ["appearances", "--db", db, "--format", "json"])
    assert all(0.0 <= a["confidence"] <= 1.0 for a in json.loads(every.stdout))


def test_a_links_confidence_is_its_score_on_a_0_to_1_scale() -> None:
    assert link_confidence(THRESHOLD) == pytest.approx(0.5)
    assert link_confidence(2 * THRESHOLD) == pytest.approx(0.95)
    assert link_confidence(0.0) < 0.1 and link_confidence(-1e9) == 0.0 and link_confidence(1e9) == 1.0
    result = ReportLinks("r", [Link("d-strong", 20.0, ("quoted phrase",)), Link("d-weak", 3.0, ("words",))], {})
    assert result.to_json()["links"][0]["confidence"] == pytest.approx(link_confidence(20.0), abs=1e-3)
    assert result.at_least(0.5).reports_on == ["d-strong"]


@settings(max_examples=100, deadline=None)
@given(scores=st.lists(st.floats(min_value=-1e6, max_value=1e6), min_size=2, max_size=2))
def test_a_higher_link_score_is_never_less_confident(scores: list[float]) -> None:
    low, high = sorted(scores)
    assert 0.0 <= link_confidence(low) <= link_confidence(high) <= 1.0


WORDS = st.sampled_from(
    "Kim Jong Un|He|he|visited|gave field guidance to|the factory|on August 5|Pyongyang, August 6 (KCNA) --|"
    "Jo Yong Won,|secretary|Ivan Petrov, minister of|600mm multiple rocket launcher|Hwasongpho-19|"
    "Hochon County|sent a message to|Xi Jinping|.|\n|oversaw|test-fire|U.S.|Oduya, chairman".split("|")
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=50).map(" ".join)),
    title=st.one_of(st.none(), st.just("Press Review"), st.text(max_size=20)),
)
def test_any_text_gives_confidences_within_0_and_1(text: str, title: str | None) -> None:
    x = extractor()(Document(id="p", text=text, title=title))
    assert x.problems == []
    for name, confidence, rule in _facts(x):
        assert confidence is not None and 0.0 <= confidence <= 1.0, name
        assert rule
    for value in (c for kind in x.to_record()["fact_confidence"].values() for c in kind.values()):
        assert 0.0 <= value <= 1.0


def test_a_confidence_outside_0_and_1_in_the_knowledge_base_is_refused(tmp_path: Path) -> None:
    (tmp_path / "confidence.yaml").write_text(
        "person:\n  pattern: 1.5\nevent:\n  types:\n    visit: 0.9\n", encoding="utf-8"
    )
    with pytest.raises(KnowledgeBaseError) as caught:
        load([tmp_path])
    message = str(caught.value)
    assert "person.pattern: must lie between 0.0 and 1.0" in message
    assert "unknown event type 'visit'" in message


def test_a_users_confidence_file_changes_the_table(tmp_path: Path) -> None:
    (tmp_path / "confidence.yaml").write_text("person:\n  title: 0.2\n", encoding="utf-8")
    from fieldguide.extract.pipeline import Extractor

    x = Extractor(load([tmp_path]))(dispatch(VISIT))
    [titled] = [m for m in x.mentions if m.canonical == "Dmitri Verkhovtsev"]
    assert titled.confidence == pytest.approx(0.2)
