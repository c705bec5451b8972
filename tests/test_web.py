"""The web app and its JSON API: every page renders and has its .json, the OpenAPI schema
describes them, the security headers and token rules hold, and a hostile document renders inert."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from archive_fixtures import store_url  # noqa: F401  (a fixture)
from fieldguide.errors import ServeError
from fieldguide.web.app import create_app
from fieldguide.web.cache import Answer, PageCache
from fieldguide.web.server import check_access, check_workers
from web_fixtures import HOSTILE_ID, fill, knowledge

PAGES = [
    "/",
    "/search?q=munitions",
    "/documents/ex-kcna-munitions-tour",
    "/documents/ex-report-munitions-tour",
    "/appearances",
    "/appearances?since=2024-01-01&until=2024-12-31",
    "/events?type=inspection",
    "/dossiers/Jo%20Chun%20Ryong",
    "/map?since=2024-01-01&until=2024-12-31",
    "/brief?since=2024-08-01&until=2024-08-07",
    "/brief?story=ex-kcna-munitions-tour",
]


def _json_path(page: str) -> str:
    path, _, query = page.partition("?")
    return f"{path}.json" + (f"?{query}" if query else "")


@pytest.fixture(scope="module")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{folder / 'archive.db'}"
    fill(url, folder)
    return url


@pytest.fixture(scope="module")
def client(sqlite_url: str) -> Iterator[TestClient]:
    app = create_app(sqlite_url, kb=knowledge())
    with TestClient(app) as c:
        yield c
    app.state.store.close()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_and_has_its_json(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200, html.text[:300]
    assert html.headers["content-type"].startswith("text/html")
    assert _json_path(page).split("?")[0] in html.text  # the page links its JSON
    data = client.get(_json_path(page))
    assert data.status_code == 200
    assert isinstance(data.json(), dict)


def test_the_document_page_highlights_every_fact_at_its_span(client: TestClient) -> None:
    data = client.get("/documents/ex-kcna-munitions-tour.json").json()
    text = data["document"]["text"]
    assert "".join(s["text"] for s in data["segments"]) == text
    events = [f for f in data["facts"] if f["kind"] == "event"]
    assert events and all(f["spans"] for f in events)
    for fact in data["facts"]:
        for start, end in fact["spans"]:
            covering = [s for s in data["segments"] if fact["n"] in s["facts"]]
            assert "".join(s["text"] for s in covering) == text[start:end] or text[start:end] in text
    html = client.get("/documents/ex-kcna-munitions-tour").text
    assert re.search(r'<mark class="fact[^"]*k-event[^"]*" data-facts="[0-9 ]+"', html)
    assert 'id="facts"' in html and "Jo Chun Ryong" in html


def test_a_report_page_names_the_dispatch_it_retells_and_marks_what_the_press_added(client: TestClient) -> None:
    data = client.get("/documents/ex-report-munitions-tour.json").json()
    assert [link["id"] for link in data["retells"]] == ["ex-kcna-munitions-tour"]
    assert any(f["kind"] == "addition" for f in data["facts"])
    assert "k-addition" in client.get("/documents/ex-report-munitions-tour").text
    dispatch = client.get("/documents/ex-kcna-munitions-tour.json").json()
    assert [r["id"] for r in dispatch["retold_by"]] == ["ex-report-munitions-tour"]


def test_search_marks_the_matches_counts_facets_and_pages(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "munitions"}).json()
    assert "ex-kcna-munitions-tour" in [h["id"] for h in data["hits"]]
    facets = data["facets"]
    assert {"source", "month", "type", "weapon", "person", "place"} <= set(facets)
    assert any(f["value"] == "inspection" and f["count"] >= 2 for f in facets["type"])
    assert facets["month"][0]["since"].endswith("-01")
    html = client.get("/search", params={"q": "munitions"}).text
    assert "<mark>munitions</mark>" in html
    typed = client.get("/search.json", params={"q": "Kim", "type": "weapons_test"}).json()
    assert typed["hits"] and all(h["id"] in ("ex-kcna-icbm-test", "ex-report-icbm-test") for h in typed["hits"])
    assert client.get("/search.json", params={"q": "Kim", "page": 2}).json()["hits"] == []


def test_a_bad_query_or_a_missing_document_is_a_clear_error(client: TestClient) -> None:
    assert client.get("/search.json", params={"q": '"unclosed'}).status_code == 400
    missing = client.get("/documents/nothing-here.json")
    assert missing.status_code == 404 and "E404" in missing.json()["error"]
    assert client.get("/documents/nothing-here", headers={"accept": "text/html"}).status_code == 404


def test_the_brief_downloads_as_markdown_and_html(client: TestClient) -> None:
    md = client.get("/brief/download.md", params={"since": "2024-08-01", "until": "2024-08-07"})
    assert md.status_code == 200 and md.headers["content-type"].startswith("text/markdown")
    assert "attachment" in md.headers["content-disposition"]
    html = client.get("/brief/download.html", params={"story": "ex-kcna-munitions-tour"})
    assert html.status_code == 200 and html.text.lstrip().lower().startswith("<!doctype html")


def test_the_map_places_activities_on_the_outline(client: TestClient) -> None:
    data = client.get("/map.json", params={"since": "2024-01-01", "until": "2024-12-31"}).json()
    assert data["places"] and all(p["activities"] for p in data["places"])
    page = client.get("/map", params={"since": "2024-01-01", "until": "2024-12-31"}).text
    assert "<circle" in page and f'href="#{data["places"][0]["anchor"]}"' in page
    assert f'id="{data["places"][0]["anchor"]}"' in page


def test_openapi_describes_every_page_and_its_json(client: TestClient) -> None:
    from openapi_spec_validator import validate

    schema = client.get("/openapi.json").json()
    validate(schema)
    pages = ("/", "/search", "/documents/{doc_id}", "/appearances", "/events", "/dossiers/{name}", "/map", "/brief")
    for page in pages:
        assert page in schema["paths"]
        assert (page + ".json" if page != "/" else "/.json") in schema["paths"]


@pytest.mark.parametrize("page", ["/", "/search?q=kim", "/documents/nothing", "/openapi.json", "/static/app.js"])
def test_every_answer_carries_the_security_headers(client: TestClient, page: str) -> None:
    headers = client.get(page).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"


HOSTILE_PAGES = [
    "/",
    f"/documents/{quote(HOSTILE_ID)}",
    "/search?q=munitions",
    "/events?since=2024-08-07&until=2024-08-08",
    "/brief?since=2024-08-05&until=2024-08-11",
]


@pytest.mark.parametrize("page", HOSTILE_PAGES)
def test_a_hostile_document_renders_as_text(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assert html.count("<script") == 1 and '<script src="/static/app.js" defer></script>' in html
    assert "<img" not in html and "<b " not in html
    tags = _tags(html)
    assert not [t for t in tags if t[0] in ("img", "iframe", "object", "embed", "b")]
    assert [t for t in tags if t[0] == "script"] == [("script", {"src": "/static/app.js", "defer": None})]
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]  # no event handler anywhere
    links = [attrs.get("href") or "" for name, attrs in tags if name == "a"]
    assert all(href.startswith(("/", "#", "http://", "https://")) for href in links)


def test_the_hostile_document_keeps_its_words_escaped(client: TestClient) -> None:
    html = client.get(f"/documents/{quote(HOSTILE_ID)}").text
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    data = client.get(f"/documents/{quote(HOSTILE_ID)}.json").json()
    assert data["document"]["url"] == "javascript:alert(1)" and data["document"]["link"] is None


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    """Every start tag of a page with its attributes, as a browser's parser reads them."""
    found: list[tuple[str, dict[str, str | None]]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, dict(attrs)))

    Collect().feed(html)
    return found


# --- access ---------------------------------------------------------------------------------


def test_a_host_others_reach_refuses_to_start_without_a_token() -> None:
    with pytest.raises(ServeError):
        check_access("0.0.0.0", None)
    assert check_access("0.0.0.0", "s3cret") is True
    assert check_access("127.0.0.1", None) is False
    assert check_access("::1", None) is False
    assert check_access("localhost", "s3cret") is False


def test_with_a_token_on_a_reachable_host_every_request_needs_it(sqlite_url: str) -> None:
    app = create_app(sqlite_url, token="s3cret", every_request=True, kb=knowledge())
    with TestClient(app) as c:
        assert c.get("/").status_code == 401
        assert c.get("/search.json?q=kim").status_code == 401
        assert c.get("/openapi.json").status_code == 401
        assert c.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/", headers={"Authorization": "Basic s3cret"}).status_code == 401
        answer = c.get("/", headers={"Authorization": "Bearer s3cret"})
        assert answer.status_code == 200
        assert c.get("/").headers["www-authenticate"] == "Bearer"
    app.state.store.close()


def test_on_loopback_reading_is_open_even_with_a_token(sqlite_url: str) -> None:
    app = create_app(sqlite_url, token="s3cret", every_request=False, kb=knowledge())
    with TestClient(app) as c:
        assert c.get("/search.json?q=kim").status_code == 200
    app.state.store.close()


def test_serve_refuses_a_reachable_host_without_a_token_on_the_command_line(sqlite_url: str) -> None:
    from typer.testing import CliRunner

    from fieldguide.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", sqlite_url, "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "E900" in result.output


# --- serving ---------------------------------------------------------------------------------


def _served_with(monkeypatch: pytest.MonkeyPatch, *options: str) -> tuple[int, dict[str, object]]:
    """The exit code of ``fieldguide serve OPTIONS`` and what it would have served with."""
    from typer.testing import CliRunner

    import fieldguide.web.server
    from fieldguide.cli import app

    given: dict[str, object] = {}

    def pretend(url: str, host: str, port: int, token: str | None, **kwargs: object) -> None:
        given.update(url=url, host=host, port=port, **kwargs)

    monkeypatch.setattr(fieldguide.web.server, "serve", pretend)
    result = CliRunner().invoke(app, ["serve", "--db", "sqlite:///x.db", *options])
    return result.exit_code, given


def test_serve_takes_a_number_of_worker_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _served_with(monkeypatch)[1]["workers"] == 1
    code, given = _served_with(monkeypatch, "--workers", "2", "--cache-mb", "0")
    assert code == 0 and given["workers"] == 2 and given["cache_mb"] == 0
    assert _served_with(monkeypatch, "--workers", "0")[0] == 2
    assert _served_with(monkeypatch, "--workers", "many")[0] == 2
    with pytest.raises(ServeError):
        check_workers(0)


def test_each_worker_process_builds_its_app_from_the_settings_serve_left(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from fieldguide.web.server import SETTINGS_VARIABLE, app_from_environment

    settings = {"url": sqlite_url, "token": "s3cret", "every_request": True, "cache_bytes": 1 << 20}
    monkeypatch.setenv(SETTINGS_VARIABLE, json.dumps(settings))
    app = app_from_environment()
    with TestClient(app) as c:
        assert c.get("/").status_code == 401
        assert c.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    # a correction posted to one process is looked for by the others on their next request
    assert app.state.cache.check_seconds == 0 and app.state.cache.max_bytes == 1 << 20
    app.state.store.close()


# --- pages kept until the archive changes -------------------------------------------------------


@pytest.fixture
def own_archive(tmp_path: Path) -> str:
    """An archive of the test's own, which it may correct."""
    url = f"sqlite:///{tmp_path / 'archive.db'}"
    fill(url, tmp_path)
    return url


def _reject_first_event(client: TestClient, doc_id: str, reason: str) -> None:
    page = f"/documents/{quote(doc_id)}"
    fact = next(f for f in client.get(f"{page}.json").json()["facts"] if f["kind"] == "event")
    start, end = fact["target"]["span"]
    form = {
        "fact_kind": "event", "action": "reject", "reason": reason, "author": "ana",
        "target_span": f"{start}-{end}", "target_value": fact["target"]["value"],
    }  # fmt: skip
    assert client.post(f"{page}/corrections.json", data=form).status_code == 201


def test_a_page_seen_before_a_correction_shows_it_after(own_archive: str) -> None:
    app = create_app(own_archive, kb=knowledge())
    with TestClient(app) as c:
        page = "/documents/ex-kcna-munitions-tour"
        assert "kept pages go stale" not in c.get(page).text
        assert "kept pages go stale" not in c.get(page).text  # now kept
        _reject_first_event(c, "ex-kcna-munitions-tour", "kept pages go stale")
        assert "kept pages go stale" in c.get(page).text
        assert c.get(f"{page}.json").json()["corrections"][0]["reason"] == "kept pages go stale"
    app.state.store.close()


def test_a_correction_another_process_records_shows_once_the_archive_is_read_again(own_archive: str) -> None:
    from fieldguide.review import correct
    from fieldguide.store import Store

    app = create_app(own_archive, kb=knowledge(), cache_check_seconds=0)  # the state read on every request
    with TestClient(app) as c:
        page = "/documents/ex-kcna-munitions-tour.json"
        fact = next(f for f in c.get(page).json()["facts"] if f["kind"] == "event")
        assert c.get(page).json()["corrections"] == []
        with Store.open(own_archive, "write") as other:  # as `fieldguide correct` would
            correct(
                other, doc_id="ex-kcna-munitions-tour", fact_kind="event", action="reject",
                target=fact["target"], value=None, author="ana", reason="written elsewhere",
            )  # fmt: skip
        assert [x["reason"] for x in c.get(page).json()["corrections"]] == ["written elsewhere"]
    app.state.store.close()


def test_the_appearances_are_computed_once_per_state_of_the_archive(
    own_archive: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldguide.report import pages

    computed = []
    original = pages.appearances_page

    def counted(*args: object, **kwargs: object) -> dict[str, object]:
        computed.append(args)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "appearances_page", counted)
    app = create_app(own_archive, kb=knowledge())
    with TestClient(app) as c:
        for _ in range(3):
            assert c.get("/appearances").status_code == 200
        assert len(computed) == 1
        assert c.get("/appearances.json").status_code == 200  # the JSON is an answer of its own
        assert len(computed) == 2
        _reject_first_event(c, "ex-kcna-munitions-tour", "an inspection that was not")
        assert c.get("/appearances").status_code == 200
        assert len(computed) == 3
    app.state.store.close()


def test_a_search_counts_its_facets_once_for_all_its_pages(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldguide.report import pages

    counted = []
    original = pages.search_facets_json

    def counting(*args: object) -> dict[str, object]:
        counted.append(args)
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pages, "search_facets_json", counting)
    app = create_app(sqlite_url, kb=knowledge())
    with TestClient(app) as c:
        first = c.get("/search.json?q=Kim").json()["facets"]
        assert c.get("/search.json?q=Kim&page=2").json()["facets"] == first
        assert c.get("/search?q=Kim").status_code == 200
        assert len(counted) == 1
        c.get("/search.json?q=Kim&source=KCNA")  # another question: counted anew
        assert len(counted) == 2
    app.state.store.close()


def test_kept_pages_stay_within_their_memory_dropping_the_least_recently_used() -> None:
    state = [0]
    cache = PageCache(lambda: state[0], max_bytes=16 * (1000 + 256), check_seconds=0)
    made: list[str] = []

    def page(name: str) -> Answer:
        made.append(name)
        return Answer(name.encode().ljust(1000), "text/html")

    for n in range(16):
        cache.get_or_make(n, lambda n=n: page(str(n)))  # type: ignore[misc]
    cache.get_or_make(0, lambda: page("0 again"))  # kept: 0 is now the most recently used
    cache.get_or_make(16, lambda: page("16"))  # past the bound: 1, the least recently used, goes
    assert cache.bytes <= cache.max_bytes and len(cache) == 16
    cache.get_or_make(0, lambda: page("0 again"))
    cache.get_or_make(1, lambda: page("1 again"))
    assert made[16:] == ["16", "1 again"]
    state[0] = 1  # the archive changed: nothing kept is valid
    cache.get_or_make(0, lambda: page("0 anew"))
    assert made[-1] == "0 anew" and len(cache) == 1
    assert PageCache(lambda: 0, max_bytes=1000).get_or_make(0, lambda: page("big")).body.startswith(b"big")


# --- invalid parameters -----------------------------------------------------------------------


def test_an_invalid_parameter_is_an_html_page_for_a_browser_and_json_for_the_api(client: TestClient) -> None:
    browser = {"Accept": "text/html,application/xhtml+xml"}
    page = client.get("/search?q=kim&page=0", headers=browser)
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "<h1>Error 422</h1>" in page.text and "page: " in page.text
    api = client.get("/search.json?q=kim&page=0", headers=browser)
    assert api.status_code == 422 and api.headers["content-type"] == "application/json"
    assert api.json()["detail"][0]["loc"] == ["query", "page"]
    assert client.get("/search?q=kim&page=0").json()["detail"]  # a client that is no browser: JSON


# --- both back ends -------------------------------------------------------------------------


def test_document_and_search_pages_on_each_back_end(store_url: str, tmp_path: Path) -> None:  # noqa: F811
    fill(store_url, tmp_path)
    app = create_app(store_url, kb=knowledge())
    with TestClient(app) as c:
        doc = c.get("/documents/ex-kcna-munitions-tour.json").json()
        assert any(f["kind"] == "event" for f in doc["facts"])
        assert "<mark class=\"fact" in c.get("/documents/ex-kcna-munitions-tour").text
        found = c.get("/search.json", params={"q": "munitions"}).json()
        assert "ex-kcna-munitions-tour" in [h["id"] for h in found["hits"]]
        assert found["facets"]["type"]
        hostile = c.get(f"/documents/{quote(HOSTILE_ID)}").text
        assert "<img" not in hostile and hostile.count("<script") == 1
    app.state.store.close()


# --- the pieces under the pages ---------------------------------------------------------------


def test_overlapping_facts_cut_the_text_into_pieces_that_each_name_theirs() -> None:
    from fieldguide.report.document_page import Fact, segments_of

    text = "Kim Jong Un visited the Ryongsong Machine Complex."
    facts = [Fact(0, "event", "inspection", [(0, 49)]), Fact(1, "person", "person", [(0, 11)])]
    pieces = segments_of(text, facts)
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.facts) for p in pieces] == [
        ("Kim Jong Un", (0, 1)),
        (" visited the Ryongsong Machine Complex", (0,)),
        (".", ()),
    ]
