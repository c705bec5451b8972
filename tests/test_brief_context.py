"""The brief's Context: what foreign reports added to the week's dispatches, attributed to them,
and the absence before the week's first appearance."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest

from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.report import Brief, build_brief, build_story_brief
from fieldguide.store import Store
from test_report import EXAMPLES

# A report that names no dispatch: the brief links it itself.
UNNAMED_REPORT = {
    "id": "fx-press-mrl",
    "source": "Example Press (invented)",
    "url": "https://example.invalid/press/mrl",
    "title": "North Korea fires super-large rocket launchers in drill",
    "published": "2024-05-31",
    "kind": "report",
    "text": (
        "SEOUL, May 31 (Example Press) -- North Korean leader Kim Jong Un observed a firing drill of 600mm "
        "super-large multiple rocket launcher sub-units on Thursday, state media said.\n"
        "The drill was held to test the artillerymen under conditions of a surprise attack, the Korean Central "
        "News Agency said.\n"
        "South Korea's Joint Chiefs of Staff said the rockets flew about 365 kilometres before landing in the "
        "East Sea.\n"
        "Kim said the launchers would be deployed to front-line units, KCNA reported."
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("context")
    reports = folder / "press.jsonl"
    reports.write_text(json.dumps(UNNAMED_REPORT) + "\n", encoding="utf-8")
    inputs = [EXAMPLES / "dispatches.jsonl", EXAMPLES / "reports.jsonl", reports]
    with Store.open(f"sqlite:///{folder / 'archive.db'}") as s:
        ingest([str(p) for p in inputs], s, extractor=Extractor(load()))
        yield s


def foreign_sentences(brief: Brief) -> list[str]:
    items = [i for i in brief.section("context").items if i.label == "Foreign reports"]
    return [c.text for i in items for c in i.sentences]


def test_a_reports_claims_beyond_the_dispatch_are_quoted_and_attributed(store: Store) -> None:
    brief = build_brief(store, date(2024, 5, 27), date(2024, 6, 2))
    items = [i for i in brief.section("context").items if i.label == "Foreign reports"]
    (item,) = items
    first, added = item.sentences
    assert "a foreign report on “Kim Jong Un Observes Firing Drill of Super-large MRL Sub-units”" in first.text
    assert added.text.startswith("Example Press (invented) added what the dispatch does not say (")
    assert "365 kilometres" in added.text and "“South Korea's Joint Chiefs of Staff said the rockets" in added.text
    assert added.doc_id == "fx-press-mrl" and "365 kilometres" in added.evidence
    assert "(a number: 365 kilometres; a place: East Sea)" in added.text  # South Korea is who said it


def test_claims_of_a_report_that_names_its_dispatch_are_shown_in_the_story_brief(store: Store) -> None:
    texts = foreign_sentences(build_story_brief(store, "ex-kcna-munitions-tour"))
    claims = [t for t in texts if "added what the dispatch does not say" in t]
    assert any("North Pyongan province" in t for t in claims)
    assert all(t.startswith("Example Wire (invented) added") for t in claims)


def test_context_says_how_long_he_had_not_appeared(store: Store) -> None:
    brief = build_brief(store, date(2024, 5, 27), date(2024, 6, 2))
    appearances = [c.text for i in brief.section("context").items if i.label == "Appearances" for c in i.sentences]
    assert appearances == ["It was his first public appearance reported in 74 days, the last having been on 17 March."]


def test_a_week_without_foreign_reports_has_no_claims(store: Store) -> None:
    brief = build_brief(store, date(2024, 7, 27), date(2024, 7, 31))
    assert not any("added what the dispatch does not say" in t for t in foreign_sentences(brief))
