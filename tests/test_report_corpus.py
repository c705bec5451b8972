"""Briefs over the real KCNA corpus (../shared): scraped text with its defects, dense weeks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.report import build_brief, render_html, render_markdown
from fieldguide.store import Store
from fieldguide.store import activities as stored

pytestmark = [pytest.mark.shared, pytest.mark.slow]
FIRST, LAST = date(2024, 8, 1), date(2024, 9, 15)


@pytest.fixture(scope="module")
def store(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("corpus")
    subset = folder / "kcna-aug-sep.jsonl"
    with (shared_dir / "corpus" / "kcna-2024.jsonl").open(encoding="utf-8") as lines, subset.open("w") as out:
        for line in lines:
            record = json.loads(line)
            if FIRST.isoformat() <= record["published"][:10] <= LAST.isoformat():
                out.write(line)
    with Store.open(f"sqlite:///{folder / 'archive.db'}") as s:
        ingest([str(subset)], s, extractor=Extractor(load()))
        yield s


def test_weekly_briefs_cite_real_text_and_render(store: Store) -> None:
    monday = date(2024, 8, 5)
    while monday + timedelta(days=6) <= LAST:
        brief = build_brief(store, monday, monday + timedelta(days=6))
        assert brief.section("need_to_know").items, monday
        for cited in brief.citations():
            text = store.get_document(cited.doc_id).text
            assert text[cited.span[0] : cited.span[1]] == cited.evidence
        read_more = brief.section("read_more")
        assert len(read_more.items) <= 8 and (read_more.items or read_more.note)
        assert "## Read more" in render_markdown(brief)
        assert render_html(brief).count("<h2>") == 5
        monday += timedelta(weeks=1)


def test_weekly_briefs_from_the_stored_activities_equal_those_grouped_in_memory(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    weeks = [(FIRST + timedelta(weeks=w), FIRST + timedelta(weeks=w, days=6)) for w in range(6)]
    from_table = [build_brief(store, since, until).to_json() for since, until in weeks]
    monkeypatch.setattr(stored, "is_current", lambda *_args: False)  # as a stale grouping reads
    assert [build_brief(store, since, until).to_json() for since, until in weeks] == from_table
