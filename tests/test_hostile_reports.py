"""Briefs and STIX made from hostile documents: nothing a source wrote becomes markup, a
script, a non-http link or an invalid URL. Markdown is checked as a CommonMark renderer
that lets raw HTML through (markdown-it-py) would show it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from fieldguide.cli import app
from fieldguide.report import Brief, Cited, Item, Section, build_brief, render_html, render_markdown
from fieldguide.report import markdown_escape as md
from fieldguide.report.export import export_events
from fieldguide.report.stix import to_stix
from fieldguide.report.urls import web_url
from fieldguide.store import Store
from hostile_fixtures import make_hostile_db
from test_report import parse_tags

MAY = (date(2024, 5, 1), date(2024, 5, 10))
HOSTILE_TITLE = "<img src=x onerror=alert(1)>"
RENDERED_MARKDOWN_TAGS = {"h1", "h2", "h3", "p", "em", "ul", "li", "blockquote", "a", "code"}
URI = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(f"sqlite:///{make_hostile_db(tmp_path_factory.mktemp('hostile') / 'archive.db')}") as s:
        yield s


@pytest.fixture(scope="module")
def brief(store: Store) -> Brief:
    return build_brief(store, *MAY)


def as_rendered(markdown: str) -> str:
    """The Markdown as HTML, raw HTML allowed; footnote marks dropped (no footnote plugin here)."""
    without_notes = re.sub(r"\[\^\d+\]:? ?", "", markdown)
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(without_notes)


def assert_valid_web_url(url: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme in ("http", "https") and parts.hostname, url
    assert URI.fullmatch(url) and not re.search(r"%(?![0-9A-Fa-f]{2})", url), url


def test_hostile_markdown_renders_no_tag_and_no_foreign_link(brief: Brief) -> None:
    rendered = as_rendered(render_markdown(brief))
    tags = parse_tags(rendered)
    assert {name for name, _ in tags} <= RENDERED_MARKDOWN_TAGS
    hrefs = [attrs["href"] for name, attrs in tags if name == "a"]
    assert hrefs
    for href in hrefs:
        assert href is not None and "javascript" not in href.split("#")[0]
        assert_valid_web_url(href)
    assert any(h.startswith("http://x/a%29b#:~:text=") for h in hrefs if h)  # ')' did not close the link
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered  # the title, shown as words
    assert "<code>hostile-`x`&lt;b&gt;</code>" in rendered  # the id, whole, in its code span
    # the title's escape character is removed at ingest (characters.py); what is left is plain text
    assert "\x1b" not in rendered and "[31mred" in rendered


def test_hostile_markdown_shows_the_sources_words_as_written(brief: Brief) -> None:
    rendered = as_rendered(render_markdown(brief))
    assert "=cmd|' /C calc'!A0".replace("'", "&#x27;") in rendered or "=cmd|' /C calc'!A0" in rendered
    assert "[link](javascript:alert(1))" in rendered
    assert "- The respected Comrade Kim Jong Un" in rendered  # a quotation, not a list item


def test_hostile_html_is_escaped_and_locked_down(brief: Brief) -> None:
    html = render_html(brief)
    tags = parse_tags(html)
    assert not {name for name, _ in tags} & {"script", "img", "iframe", "object", "embed", "link"}
    csp = [a["content"] for name, a in tags if name == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"]
    for _, attrs in tags:
        href = attrs.get("href")
        if href is not None and not re.fullmatch(r"#(?:note|detail)-\d+", href):  # a note, or a site's paragraph
            assert_valid_web_url(href)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "\x1b" not in html


def test_stix_references_only_valid_web_urls(store: Store) -> None:
    bundle = to_stix(export_events(store, *MAY))
    refs = [ref for obj in bundle["objects"] for ref in obj.get("external_references", [])]
    assert refs
    for ref in refs:
        if "url" in ref:
            assert_valid_web_url(ref["url"])
    bad = [ref for ref in refs if ref["external_id"] == "hostile-`x`<b>"]
    assert bad and all("url" not in ref for ref in bad)
    assert all("not an http(s) address: javascript:alert(1)" in ref["description"] for ref in bad)
    spaced = {ref["url"] for ref in refs if ref["external_id"] == "@SUM(1+1)-hostile"}
    assert "http://x/press%20review?q=%3Cb%3E" in spaced


def test_hostile_brief_through_the_cli_is_inert(store: Store) -> None:
    db = str(store.engine.url.database)
    result = CliRunner().invoke(app, ["brief", "--since", "2024-05-01", "--until", "2024-05-10", "--db", db])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "``hostile-`x`<b>``" in result.stdout
    result = CliRunner().invoke(app, ["export", "-f", "stix", "--since", "2024-05-01", "--db", db])
    objects = json.loads(result.stdout)["objects"]
    urls = [ref["url"] for obj in objects for ref in obj.get("external_references", []) if "url" in ref]
    assert urls and all(web_url(url) == url for url in urls)


# -- the escaping itself -----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["a`b", "`start", "end`", "``double``", "<b>", " spaced ", "a\\b"])
def test_a_code_span_holds_any_id_whole(value: str) -> None:
    rendered = MarkdownIt("commonmark").render(f"x {md.code(value)} y")
    code = re.search(r"<code>(.*)</code>", rendered)
    assert code is not None
    assert code.group(1) == value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.parametrize(
    "url, expected",
    [
        ("javascript:alert(1)", None),
        ("data:text/html,<script>", None),
        ("/relative/path", None),
        ("http:no-host", None),
        ("http://x/a)b", "[d](http://x/a%29b)"),
        ("https://h/a b?q=<x>", "[d](https://h/a%20b?q=%3Cx%3E)"),
    ],
)
def test_only_http_urls_become_links(url: str, expected: str | None) -> None:
    assert md.link("d", url) == expected


def test_web_url_keeps_a_good_url_as_it_is() -> None:
    url = "https://kcnawatch.org/newstream/1234/kim-jong-un-inspects/?t=1&x=a%20b#top"
    assert web_url(url) == url


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
    st.text(max_size=30),
)
def test_no_text_id_or_url_becomes_markup(text: str, doc_id: str, url: str) -> None:
    cited = Cited(text, doc_id, (0, 1), url, text)
    brief = Brief(title=text, since=None, until=None, sections=[Section("need_to_know", "What", [Item([cited])])])
    tags = parse_tags(as_rendered(render_markdown(brief)))
    assert {name for name, _ in tags} <= RENDERED_MARKDOWN_TAGS
    for name, attrs in tags:
        assert name != "a" or urlsplit(attrs["href"] or "").scheme in ("http", "https")


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=40))
def test_a_title_shows_exactly_its_characters(title: str) -> None:
    rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(f"# {md.text(title)}")
    heading = re.fullmatch(r"<h1>(.*)</h1>\n", rendered, re.S)
    assert heading is not None, rendered
    expected = title.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    assert heading.group(1) == expected
