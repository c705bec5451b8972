"""Linking foreign reports to the dispatches they report on: the pure scoring, on invented
reports about the invented example dispatches."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldguide.extract.pipeline import Extractor
from fieldguide.kb import load
from fieldguide.link.evidence import Terms, content_words, numbers, profile, quotes
from fieldguide.link.reports import link_report
from fieldguide.model import Document
from fieldguide.sources import read

FIXTURES = Path(__file__).parent / "fixtures" / "link" / "reports.jsonl"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load())


@pytest.fixture(scope="module")
def dispatches(extractor: Extractor) -> list[tuple[Document, object]]:
    path = resources.files("fieldguide") / "examples" / "dispatches.jsonl"
    docs = [d for d in read(str(path)) if isinstance(d, Document)]
    return [(d, extractor(d)) for d in docs]


def _report(report_id: str) -> Document:
    for item in read(str(FIXTURES)):
        if isinstance(item, Document) and item.id == report_id:
            return item
    raise KeyError(report_id)


def _gold(report_id: str) -> list[str]:
    for line in FIXTURES.read_text().splitlines():
        record = json.loads(line)
        if record["id"] == report_id:
            return list(record["reports_on"])
    raise KeyError(report_id)


@pytest.mark.parametrize(
    "report_id", ["fx-wire-rocket-drill", "fx-daily-floods", "fx-herald-weekend", "fx-wire-balloons"]
)
def test_each_report_is_linked_to_the_dispatches_it_reports_on(report_id: str, dispatches, extractor) -> None:
    report = _report(report_id)
    links = link_report(report, extractor(report), dispatches)
    assert sorted(link.id for link in links) == sorted(_gold(report_id))


def test_a_link_says_why_with_the_quoted_phrase_dates_and_facts(dispatches, extractor) -> None:
    report = _report("fx-wire-rocket-drill")
    (link,) = link_report(report, extractor(report), dispatches)
    assert link.id == "ex-kcna-mrl-drill"
    assert "quoted phrase: 'under conditions of a surprise attack'" in link.reasons
    assert "published 2024-05-31, the day the report names" in link.reasons
    assert "person ri yong gil" in link.reasons
    assert link.to_json()["score"] == round(link.score, 2)


def test_a_report_on_two_dispatches_gets_both_best_first(dispatches, extractor) -> None:
    report = _report("fx-herald-weekend")
    links = link_report(report, extractor(report), dispatches)
    assert len(links) == 2
    assert links[0].score >= links[1].score


def test_a_report_about_something_else_gets_no_link_even_among_same_day_dispatches(dispatches, extractor) -> None:
    report = _report("fx-wire-balloons")
    same_days = [
        (d, e) for d, e in dispatches if d.published and d.published.isoformat() in ("2024-05-31", "2024-06-01")
    ]
    assert same_days
    assert link_report(report, extractor(report), same_days) == []


def test_no_candidates_no_links(extractor) -> None:
    report = _report("fx-daily-floods")
    assert link_report(report, extractor(report), []) == []


def test_a_report_is_never_linked_to_itself(dispatches, extractor) -> None:
    report = _report("fx-daily-floods")
    links = link_report(report, extractor(report), [*dispatches, (report, extractor(report))])
    assert [link.id for link in links] == ["ex-kcna-flood-inspection"]


def test_quotes_are_cut_at_the_reporters_insertions_and_keep_their_spans() -> None:
    text = 'Kim said "I affirm that [North Korea] will never change its line" and called it “a new benchmark”.'
    found = quotes(text)
    assert [q.folded for q in found] == ["i affirm that", "will never change its line", "a new benchmark"]
    for q in found:
        assert text[q.start : q.end] == q.text


def test_numbers_skip_dates_times_and_years_but_keep_quantities() -> None:
    text = "On Sept. 13 at 7:10 a.m. in 2024, 4,200 people; a 600-millimeter launcher; 7 687.5 km; 5156 seconds"
    assert [n.value for n in numbers(text)] == ["4200", "600mm", "7687.5km", "5156s"]


def test_a_number_glued_to_a_word_or_another_number_is_not_one() -> None:
    assert [n.value for n in numbers("A12 345 tons, x1,234, _55 mm, /600mm, -240mm, 2.5km")] == ["345t", "2.5km"]


def test_british_and_american_spellings_meet() -> None:
    assert content_words("defence programme modernising") == content_words("defense program modernizing")


@given(st.text(max_size=300))
def test_quotes_and_numbers_never_fail_and_spans_point_into_the_text(text: str) -> None:
    for q in quotes(text):
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.text
    for n in numbers(text):
        assert text[n.start : n.end] == n.text


@given(st.text(max_size=300), st.one_of(st.none(), st.text(max_size=40)))
def test_stored_terms_give_the_profile_the_text_gives(text: str, title: str | None) -> None:
    doc = Document(id="d", text=text, title=title)
    from_text = profile(doc, {})
    from_terms = profile(doc, {}, Terms.of(title, text))
    assert from_terms.words == from_text.words
    assert from_terms.number_keys == from_text.number_keys
    assert from_terms.folded_text == from_text.folded_text


def test_stored_facts_give_the_profile_the_record_gives() -> None:
    from fieldguide.link.evidence import Facts

    extractor = Extractor(load())
    for doc in read(str(resources.files("fieldguide") / "examples" / "dispatches.jsonl")):
        assert isinstance(doc, Document)
        record = extractor(doc).to_record()
        stored = Facts.from_json(Facts.of(record).to_json())
        assert stored == Facts.of(record)
        from_record, from_facts = profile(doc, record), profile(doc, {}, facts=stored)
        for name in ("designations", "weapons", "people", "places", "sites", "event_types", "event_dates", "published"):
            assert getattr(from_facts, name) == getattr(from_record, name), (doc.id, name)
