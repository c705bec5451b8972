"""The story brief: a headline from the facts, a tour told site by site, the dispatch's photographs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.report import Brief, build_story_brief, render_html, render_markdown
from fieldguide.sources import read
from fieldguide.sources.html import page_photos
from fieldguide.store import Store
from test_report import EXAMPLES, parse_tags

PAGE = Path(__file__).resolve().parent / "fixtures" / "sources" / "dispatch-photos.html"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("story") / "archive.db"
    with Store.open(f"sqlite:///{path}") as s:
        ingest([str(EXAMPLES / "dispatches.jsonl"), str(PAGE)], s, extractor=Extractor(load()))
        yield s


@pytest.fixture(scope="module")
def page_id() -> str:
    (doc,) = list(read(str(PAGE)))
    assert not isinstance(doc, Exception) and hasattr(doc, "id")
    return str(doc.id)


@pytest.fixture(scope="module")
def tour(store: Store) -> Brief:
    return build_story_brief(store, "ex-kcna-munitions-tour")


def test_html_pages_keep_captioned_photographs_with_web_addresses_only() -> None:
    photos = page_photos(PAGE.read_text(encoding="utf-8"), "https://news.example.invalid/en/article/fishery-station")
    assert photos == [
        {
            "src": "https://news.example.invalid/siteFiles/photo/2024/09/fishery-1.jpg",
            "caption": "Kim Jong Un looks round the cold-storage warehouse of the station.",
        },
        {"src": "https://cdn.example.invalid/fishery-2.jpg", "caption": "He speaks with fishermen at the wharf."},
        {
            "src": "https://news.example.invalid/siteFiles/photo/2024/09/fishery-3.jpg",
            "caption": "Kim Jong Un <b>waves</b> goodbye to the workers.",
        },
    ]  # no logo, no spacer, no javascript: or data: address


def test_ingest_stores_the_photographs_with_the_document(store: Store, page_id: str) -> None:
    doc = store.get_document(page_id)
    assert [p["caption"] for p in doc.extra["photos"]][:2] == [
        "Kim Jong Un looks round the cold-storage warehouse of the station.",
        "He speaks with fishermen at the wharf.",
    ]


def test_story_brief_links_each_caption_to_its_image(store: Store, page_id: str) -> None:
    brief = build_story_brief(store, page_id)
    assert [p.caption for p in brief.photos][1] == "He speaks with fishermen at the wharf."
    markdown = render_markdown(brief)
    assert "## Photographs" in markdown
    assert "- [He speaks with fishermen at the wharf.](https://cdn.example.invalid/fishery-2.jpg)" in markdown
    assert "![" not in markdown  # a link, never an embedded remote image
    html = render_html(brief)
    assert '<a class="photo" href="https://cdn.example.invalid/fishery-2.jpg">' in html
    assert "Kim Jong Un &lt;b&gt;waves&lt;/b&gt; goodbye" in html and "<b>waves" not in html
    assert not any(name == "img" for name, _ in parse_tags(html))
    assert Brief.from_json(brief.to_json()).photos == brief.photos


def test_story_headline_is_written_from_the_facts(tour: Brief) -> None:
    assert tour.title == (
        "Kim Jong Un's three-day tour of three sites, beginning at a factory producing shells "
        "for large-calibre multiple rocket launchers"
    )


def test_a_tour_is_told_site_by_site_in_the_dispatchs_order(tour: Brief) -> None:
    details = tour.section("details").items
    assert [item.heading for item in details] == [
        "A factory producing shells for large-calibre multiple rocket launchers, 3–5 August 2024",
        "A factory manufacturing launcher vehicles for tactical ballistic missiles and intercontinental "
        "ballistic missiles",
        "Another factory, 5 August 2024",
    ]
    first, second, third = (" ".join(c.text for c in item.sentences) for item in details)
    assert "accompanied by Jo Chun Ryong" in first and "accompanied" not in second + third
    assert second.startswith("He then inspected a factory manufacturing launcher vehicles")
    assert "increase their output in the second half of the year" in second
    assert "rifles of new calibres" in third


def test_weekly_brief_keeps_one_paragraph_per_activity(store: Store) -> None:
    from datetime import date

    from fieldguide.report import build_brief

    week = build_brief(store, date(2024, 8, 1), date(2024, 8, 7))
    assert week.title.startswith("Briefing:")
    assert len(week.section("details").items) == len(
        [i for i in week.section("need_to_know").items if not any(r.startswith("routine") for r in i.reasons)]
    )
