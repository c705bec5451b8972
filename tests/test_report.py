"""The briefing: sections, citations that point at real text, self-contained HTML, JSON, determinism."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldguide.errors import NotFoundError, QueryError
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.model import Document
from fieldguide.report import (
    Brief,
    Cited,
    Item,
    Section,
    build_brief,
    build_story_brief,
    quotes,
    render_html,
    render_markdown,
)
from fieldguide.report.brief import SECTION_TITLES
from fieldguide.report.citing import Citer
from fieldguide.store import Store

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "src" / "fieldguide" / "examples"
FIXTURES = REPO / "tests" / "fixtures" / "report"
INPUTS = [
    EXAMPLES / "dispatches.jsonl",
    EXAMPLES / "reports.jsonl",
    FIXTURES / "dispatches.jsonl",
    FIXTURES / "reports.jsonl",
]
APRIL = (date(2024, 4, 15), date(2024, 4, 21))  # the fixtures' week
AUGUST = (date(2024, 8, 1), date(2024, 8, 7))  # the examples' munitions tour


def make_store(path: Path) -> Store:
    store = Store.open(f"sqlite:///{path}")
    ingest([str(p) for p in INPUTS], store, extractor=Extractor(load()))
    return store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with make_store(tmp_path_factory.mktemp("report") / "archive.db") as s:
        yield s


@pytest.fixture(scope="module")
def april(store: Store) -> Brief:
    return build_brief(store, *APRIL)


def item_texts(brief: Brief, key: str) -> list[str]:
    return [" ".join(c.text for c in item.sentences) for item in brief.section(key).items]


# -- content -------------------------------------------------------------------------------


def test_markdown_has_every_section_in_order(april: Brief) -> None:
    md = render_markdown(april)
    headings = re.findall(r"^## (.+)$", md, flags=re.MULTILINE)
    assert headings == [*SECTION_TITLES.values(), "Sources"]
    assert md.startswith("# Briefing: 15–21 April 2024")


def test_every_sentence_cites_a_span_whose_text_is_in_the_document(store: Store) -> None:
    for brief in (
        build_brief(store, *APRIL),
        build_brief(store, *AUGUST),
        build_brief(store, date(2024, 1, 1), date(2024, 12, 31)),
    ):
        cited = list(brief.citations())
        assert cited
        for c in cited:
            text = store.get_document(c.doc_id).text
            start, end = c.span
            assert 0 <= start < end <= len(text)
            assert text[start:end] == c.evidence
            assert c.text.strip()


def test_every_markdown_bullet_and_quote_ends_with_a_footnote(april: Brief) -> None:
    md = render_markdown(april)
    body = md.split("## Sources")[0]
    lines = [line for line in body.splitlines() if line.startswith(("- ", "> "))]
    assert lines
    assert all(re.search(r"\[\^\d+\]$", line) for line in lines)
    notes = set(re.findall(r"^\[\^(\d+)\]:", md, flags=re.MULTILINE))
    assert notes == set(re.findall(r"\[\^(\d+)\](?!:)", body))


def test_need_to_know_is_most_significant_first_and_counts_a_republication_once(april: Brief) -> None:
    bullets = item_texts(april, "need_to_know")
    assert len(bullets) == 2
    assert bullets[0].startswith("Kim Jong Un oversaw a test of cruise missiles on 19 April.")
    assert bullets[1].startswith("Kim Jong Un gave field guidance at the Kumsong Tractor Factory on 17 April.")
    cited_docs = {c.doc_id for c in april.citations()}
    assert "fx-rep-cruise-test" in cited_docs
    assert "fx-rep-cruise-test-repub" not in cited_docs


def test_details_name_companions_verdicts_and_tasks(april: Brief) -> None:
    test_details, factory_details = april.section("details").items
    assert test_details.heading == "Weapons test, 19 April 2024: Kim Jong Un Watches Test of Strategic Cruise Missile"
    texts = [c.text for c in test_details.sentences]
    assert any(
        t.startswith("He was accompanied by Pak Jong Chon (vice-chairman") and "Kim Jong Sik" in t for t in texts
    )
    verdict = next(c for c in test_details.sentences if c.text.startswith("In the dispatch's words, he"))
    assert verdict.evidence == "expressed great satisfaction with the result of the test."
    task = next(c for c in factory_details.sentences if c.text.startswith("In the dispatch's words, he"))
    assert f"“{task.evidence.rstrip(' .')}”" in task.text
    assert test_details.prose and factory_details.prose


def test_context_lists_nearby_meetings_and_foreign_reports_and_counts_the_rest(april: Brief) -> None:
    section = april.section("context")
    by_label = {item.label: " ".join(c.text for c in item.sentences) for item in section.items}
    assert "Plenary Meeting of WPK Central Committee Opens" in by_label["Meetings"]  # two days after the week
    assert "a foreign report on “Kim Jong Un Watches Test of Strategic Cruise Missile”" in by_label["Foreign reports"]
    assert [item.label for item in section.items] == ["Appearances", "Meetings", "Foreign reports"]
    assert (
        by_label["Appearances"]
        == "It was his first public appearance reported in 31 days, the last having been on 17 March."
    )
    assert section.note == "1 more document of these days not listed."  # the dispatch on spring sowing


def test_read_more_quotes_the_main_dispatchs_key_paragraphs(store: Store, april: Brief) -> None:
    for brief in (april, build_brief(store, *AUGUST)):
        quotes = brief.section("read_more").items
        assert 2 <= len(quotes) <= 8
        assert len({item.sentences[0].doc_id for item in quotes}) == 1
        for item in quotes:
            (c,) = item.sentences
            assert item.quote
            assert c.text == f"“{c.evidence}”"
        assert any(re.search(r"\b(said|stressed|expressed)\b", item.sentences[0].evidence) for item in quotes)


def test_example_munitions_tour_reads_like_the_hand_written_brief(store: Store) -> None:
    brief = build_brief(store, *AUGUST)
    first = item_texts(brief, "need_to_know")[0]
    assert first.startswith(
        # the tour "to major munitions factories" is told by the factory it first visited (a site, not a tour)
        "Kim Jong Un inspected a factory producing shells for large-calibre multiple rocket launchers"
        " from 3 to 5 August."
    )
    details = " ".join(c.text for item in brief.section("details").items for c in item.sentences)
    assert "He was accompanied by Jo Chun Ryong (secretary of the Central Committee of the WPK)" in details
    reports = [i for i in brief.section("context").items if i.label == "Foreign reports"]
    assert reports and "Kim Jong-un tours weapons factories over three days" in reports[0].sentences[0].text


def test_empty_period_says_so_and_still_renders(store: Store) -> None:
    brief = build_brief(store, date(2020, 1, 1), date(2020, 1, 7))
    assert brief.section("need_to_know").items == []
    assert "no reported activities" in (brief.section("need_to_know").note or "")
    assert "no reported activities" in render_markdown(brief)
    assert "<h2>What you need to know</h2>" in render_html(brief)


def test_without_dates_the_brief_covers_the_archives_last_week(store: Store) -> None:
    brief = build_brief(store)
    assert (brief.since, brief.until) == (date(2024, 10, 26), date(2024, 11, 1))
    assert any("Hwasong-19" in t for t in item_texts(brief, "need_to_know"))


def test_a_reversed_period_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError):
        build_brief(store, date(2024, 5, 2), date(2024, 5, 1))


# -- stories ---------------------------------------------------------------------------------


def test_story_brief_is_the_same_from_any_member_of_the_story(store: Store) -> None:
    original = build_story_brief(store, "fx-rep-cruise-test")
    republished = build_story_brief(store, "fx-rep-cruise-test-repub")
    assert item_texts(original, "need_to_know") == item_texts(republished, "need_to_know")
    assert len(original.section("need_to_know").items) == 1
    assert (original.since, original.until) == (date(2024, 4, 19), date(2024, 4, 19))


def test_story_brief_of_a_foreign_report_covers_the_dispatch_it_reports_on(store: Store) -> None:
    brief = build_story_brief(store, "ex-report-munitions-tour")
    assert brief.story == "ex-report-munitions-tour"
    assert {c.doc_id for c in brief.section("need_to_know").items[0].sentences} == {"ex-kcna-munitions-tour"}
    assert "ex-report-munitions-tour" in {d.id for d in brief.sources}


def test_story_brief_of_an_unknown_id_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError):
        build_story_brief(store, "no-such-document")


# -- renderings ------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse_tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_html_is_one_self_contained_file(april: Brief) -> None:
    html = render_html(april)
    tags = parse_tags(html)
    names = {name for name, _ in tags}
    assert not names & {"script", "link", "img", "iframe", "object", "embed"}
    assert not any("src" in attrs for _, attrs in tags)
    assert "@media print" in html
    for name, attrs in tags:
        href = attrs.get("href")
        if href is None:
            continue
        assert name == "a"
        internal = href.startswith(("#note-", "#detail-"))
        assert internal or (href.startswith("https://") and attrs.get("class") in ("source", "photo"))


def test_html_escapes_titles_and_never_links_a_non_http_url(april: Brief) -> None:
    html = render_html(april)
    assert "Tractor Factory &lt;Modernized&gt; &amp; Renewed" in html
    assert "<Modernized>" not in html
    assert "javascript:" not in html
    assert "<code>fx-rep-plenary</code>, characters" in html  # cited, but shown without a link


def test_html_notes_give_document_id_and_span(april: Brief) -> None:
    html = render_html(april)
    first = next(april.citations())
    assert f'<li id="note-1"><a class="source" href="{first.link}">' in html.replace("&amp;", "&")
    assert f"characters {first.span[0]}–{first.span[1]}" in html


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=60), st.text(max_size=60))
def test_html_and_markdown_never_let_text_become_markup(text: str, evidence: str) -> None:
    cited = Cited(text, "doc<&>", (0, 1), "https://example.invalid/a?b=1&c=<x>", evidence)
    brief = Brief(title=text, since=None, until=None, sections=[Section("need_to_know", "What", [Item([cited])])])
    tags = {name for name, _ in parse_tags(render_html(brief))}
    assert tags <= {"html", "head", "meta", "title", "style", "body", "h1", "p", "section", "h2", "ul", "li"} | {
        "sup",
        "a",
        "ol",
        "code",
        "q",
    }
    md = render_markdown(brief)
    assert "\n## " not in md.split("## What")[0][len("# ") :]  # the title stays one heading


def test_json_round_trips(store: Store, april: Brief) -> None:
    data = json.loads(json.dumps(april.to_json()))
    assert Brief.from_json(data) == april
    assert data["sections"][0]["items"][0]["sentences"][0]["span"] == list(next(april.citations()).span)
    story = build_story_brief(store, "ex-kcna-icbm-test")
    assert Brief.from_json(json.loads(json.dumps(story.to_json()))) == story


def test_same_archive_same_brief(tmp_path: Path, store: Store) -> None:
    with make_store(tmp_path / "again.db") as other:
        for period in (APRIL, AUGUST):
            ours, theirs = build_brief(store, *period), build_brief(other, *period)
            assert render_markdown(ours) == render_markdown(theirs)
            assert render_html(ours) == render_html(theirs)
            assert json.dumps(ours.to_json()) == json.dumps(theirs.to_json())
        assert render_markdown(build_brief(store, *APRIL)) == render_markdown(build_brief(store, *APRIL))


def test_citation_link_opens_the_cited_sentence() -> None:
    short = Cited("x", "d", (0, 5), "https://example.invalid/a#old", "Test-fire, of a missile")
    assert short.link == "https://example.invalid/a#:~:text=Test%2Dfire%2C%20of%20a%20missile"
    long = Cited("x", "d", (0, 5), "https://example.invalid/a", "one two three four five six seven eight nine")
    assert long.link == "https://example.invalid/a#:~:text=one%20two%20three%20four,six%20seven%20eight%20nine"
    assert Cited("x", "d", (0, 5), "ftp://example.invalid/a", "words").link is None


@pytest.mark.postgres
def test_postgresql_archive_gives_the_same_brief(pg_url: str, store: Store) -> None:
    schema = f"fg_report_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    try:
        url = f"{pg_url}{'&' if '?' in pg_url else '?'}options=-csearch_path%3D{schema}"
        with Store.open(url) as pg:
            ingest([str(p) for p in INPUTS], pg, extractor=Extractor(load()))
            for period in (APRIL, AUGUST):
                assert render_markdown(build_brief(pg, *period)) == render_markdown(build_brief(store, *period))
            assert build_story_brief(pg, "ex-report-munitions-tour") == build_story_brief(
                store, "ex-report-munitions-tour"
            )
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def test_events_of_one_occasion_are_one_activity(store: Store) -> None:
    brief = build_story_brief(store, "ex-kcna-factory-ceremony")
    (bullet,) = item_texts(brief, "need_to_know")
    assert "attended a ceremony" in bullet and "made a speech" in bullet
    (details,) = brief.section("details").items
    # "looked round the production lines" after the ceremony is part of the ceremony, not an inspection
    assert details.heading is not None and details.heading.startswith("Ceremony and speech, 28 September")


def test_quotes_are_his_statements_not_what_others_say_of_him() -> None:
    text = (
        "Pyongyang, May 2 (KCNA) -- Kim Jong Un visited a farm.\n"
        "He said:\n"
        "A farmer said that the respected General Secretary had brought them happiness.\n"
        "He stressed that the respected General Secretary must be followed by all.\n"
        "The international community said that the farm was a model.\n"
        "Kim Jong Un said that the farm should raise its grain output next year.\n"
        "He expressed satisfaction with the new threshing floor."
    )
    doc = Document(id="q", text=text)
    spans = quotes.candidates(doc, [], Citer({"q": doc}))
    assert [text[a:b] for a, b in spans] == [
        "Kim Jong Un said that the farm should raise its grain output next year.",
        "He expressed satisfaction with the new threshing floor.",
    ]
