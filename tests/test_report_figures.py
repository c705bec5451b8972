"""The HTML brief's figures: the activity chart and the offline map of Korea."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from xml.etree import ElementTree

import pytest

from fieldguide.report import Brief, build_brief, render_html
from fieldguide.report.activity_chart import activity_chart_svg
from fieldguide.report.brief import DayCount, MapSite
from fieldguide.report.korea_map import MapPoint, korea_map_svg, on_map
from fieldguide.report.site_coordinates import locate
from fieldguide.store import Store
from test_report import APRIL, make_store, parse_tags

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with make_store(tmp_path_factory.mktemp("figures") / "archive.db") as s:
        yield s


@pytest.fixture(scope="module")
def april(store: Store) -> Brief:
    return build_brief(store, *APRIL)


def circles(svg: str) -> list[tuple[float, float]]:
    root = ElementTree.fromstring(svg)
    return [(float(c.get("cx", "")), float(c.get("cy", ""))) for c in root.iter(f"{SVG}circle")]


def test_map_places_pyongyang_west_of_wonsan_and_north_of_seoul() -> None:
    svg = korea_map_svg(
        [MapPoint("Pyongyang", 39.03, 125.75), MapPoint("Wonsan", 39.15, 127.44), MapPoint("Seoul", 37.57, 126.98)]
    )
    (px, py), (wx, _), (_, sy) = circles(svg)
    assert px < wx  # x grows eastward
    assert py < sy  # y grows southward
    assert "stroke-dasharray" in svg  # the demarcation line is dashed


def test_map_escapes_labels_and_links_only_fragments_and_web_addresses() -> None:
    svg = korea_map_svg(
        [
            MapPoint("<script>alert(1)</script> & co", 39.0, 125.7, "javascript:alert(1)"),
            MapPoint("Hamhung", 39.9, 127.5, "#detail-2"),
            MapPoint("Rason", 42.25, 130.3, "https://example.org/a?b=1&c=2"),
        ]
    )
    ElementTree.fromstring(svg)  # well-formed
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "javascript:" not in svg
    assert 'href="#detail-2"' in svg and 'href="https://example.org/a?b=1&amp;c=2"' in svg


def test_map_leaves_out_points_off_the_peninsula_and_merges_one_place() -> None:
    svg = korea_map_svg(
        [MapPoint("Moscow", 55.75, 37.62), MapPoint("Visit A", 39.03, 125.75), MapPoint("Visit B", 39.03, 125.75)]
    )
    assert not on_map(55.75, 37.62)
    assert len(circles(svg)) == 1
    assert "Visit A; Visit B" in svg and "Moscow" not in svg


def test_sites_are_located_from_the_knowledge_base_or_a_parent() -> None:
    pyongyang = locate(["Pyongyang"])
    assert pyongyang is not None and on_map(pyongyang.lat, pyongyang.lon)
    assert locate(["nowhere at all", "pyongyang"]) == pyongyang
    assert locate(["nowhere at all"]) is None


def test_chart_has_a_bar_slot_for_every_day_and_totals_per_day() -> None:
    counts = [
        DayCount(date(2024, 8, 1), "military", 2),
        DayCount(date(2024, 8, 1), "routine", 1),
        DayCount(date(2024, 8, 5), "diplomacy", 1),
    ]
    svg = activity_chart_svg(counts, date(2024, 8, 1), date(2024, 8, 7))
    root = ElementTree.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    weekdays = "Thu Fri Sat Sun Mon Tue Wed".split()
    assert [t for t in texts if t in weekdays] == weekdays
    assert "3" in texts and "1" in texts  # the totals of 1 and 5 August
    assert {"weapons and military", "messages and gifts", "foreign leaders and envoys"} <= set(texts)
    assert activity_chart_svg([], date(2024, 8, 1), date(2024, 8, 7)) == ""


def test_html_brief_carries_the_chart_and_the_map_inline(april: Brief) -> None:
    assert april.chart and april.sites
    html = render_html(april)
    tags = parse_tags(html)
    assert [name for name, _ in tags].count("svg") == 2
    assert not any("src" in attrs for _, attrs in tags)  # nothing loaded from elsewhere
    first = april.sites[0]
    assert first.detail is not None and f'href="#detail-{first.detail}"' in html
    assert f'<h3 id="detail-{first.detail}">' in html
    assert "break-inside: avoid" in html.split("@media print", 1)[1] and "figure" in html.split("@media print", 1)[1]


def test_chart_and_map_survive_json(april: Brief) -> None:
    again = Brief.from_json(april.to_json())
    assert again.chart == april.chart and again.sites == april.sites
    assert all(isinstance(s, MapSite) for s in again.sites)
