"""The web app in a real browser (Debian's Chromium, driven by Playwright): search, open a
document, see a highlighted fact and what it says, correct a fact and find the correction after a
reload and after reextract, and a hostile document that fires nothing."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from web_fixtures import HOSTILE_ID, fill

CHROMIUM = Path(os.environ.get("FIELDGUIDE_CHROMIUM", "/usr/bin/chromium"))
SRC = Path(__file__).resolve().parent.parent / "src"

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Served:
    base: str  # http://127.0.0.1:PORT
    db: str  # the archive's URL


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A fieldguide server on a free loopback port, over the examples and the hostile dispatch."""
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does) for the browser tests")
    pytest.importorskip("playwright.sync_api", reason="pip install playwright for the browser tests")
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'archive.db'}"
    fill(url, folder)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "fieldguide", "serve", "--db", url, "--port", str(port)],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):  # the knowledge base loads first: up to a minute on a busy machine
            try:
                urllib.request.urlopen(f"{base}/openapi.json", timeout=2).close()
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"the server stopped: {process.stdout.read().decode() if process.stdout else ''}")
                time.sleep(0.25)
        else:
            pytest.fail("the server did not answer within a minute")
        yield Served(base, url)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(served: Served) -> str:
    return served.base


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield launched
        launched.close()


def test_search_open_a_document_and_see_a_fact(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/")
    page.fill("nav input[name=q]", "munitions")
    page.press("nav input[name=q]", "Enter")
    page.wait_for_url("**/search?q=munitions")
    assert page.locator(".snippet mark").first.inner_text().lower() == "munitions"
    page.click("a[href='/documents/ex-kcna-munitions-tour']")
    page.wait_for_url("**/documents/ex-kcna-munitions-tour")
    event = page.locator("mark.fact.k-event").first
    assert event.is_visible()
    event.click()
    popup = page.locator("#fact-popup")
    assert popup.is_visible()
    assert "inspection" in popup.inner_text()
    assert page.locator(".fact-item.active").count() >= 1
    page.close()


def test_a_hostile_document_fires_nothing(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"{server}/documents/{quote(HOSTILE_ID)}")
    page.locator("mark.fact").first.hover()
    page.goto(f"{server}/search?q=munitions")
    page.goto(f"{server}/")
    page.wait_for_timeout(300)
    assert dialogs == []
    page.goto(f"{server}/documents/{quote(HOSTILE_ID)}")
    assert "<script>alert('text')</script>" in page.locator("#text").inner_text()
    page.close()


def test_a_fact_corrected_in_the_browser_survives_a_reload_and_reextract(
    served: Served, server: str, browser: object
) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(f"{server}/documents/ex-kcna-icbm-test")
    item = page.locator(".fact-item.k-event").first
    item.locator("details.correct summary").click()
    form = item.locator("form.correction")
    form.locator("input[name=action][value=fix]").check()
    form.locator("input[name=type]").fill("military_exercise")
    form.locator("input[name=author]").fill("ana")
    form.locator("input[name=reason]").fill("checked against the photos")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.url.endswith("/documents/ex-kcna-icbm-test#facts"), page.content()[:2000]
    page.reload()
    assert "military_exercise" in page.locator(".fact-item.k-event").first.inner_text()
    assert "checked against the photos" in page.locator("ul.corrections").inner_text()
    subprocess.run(
        [sys.executable, "-m", "fieldguide", "reextract", "--db", served.db],
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=True,
        capture_output=True,
    )
    page.reload()
    assert "military_exercise" in page.locator(".fact-item.k-event").first.inner_text()
    page.close()
