"""The knowledge base kept on disk for the command line: the same as loading it, never stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldguide.errors import KnowledgeBaseError
from fieldguide.kb import load
from fieldguide.kb.cache import load_cached


def _kb_folder(directory: Path, alias: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "places.yaml").write_text(
        "places:\n  - name: Testville\n    kind: city\n    country: KP\n"
        f"    aliases: [{alias}]\n    lat: 40.0\n    lon: 127.0\n",
        encoding="utf-8",
    )
    return directory


def test_a_kept_knowledge_base_is_the_one_loading_gives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    built = load_cached()
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1
    kept = load_cached()
    loaded = load()
    assert kept.version == loaded.version == built.version
    assert kept.places == loaded.places and kept.people == loaded.people and kept.raw == loaded.raw


def test_an_edited_folder_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    extra = _kb_folder(tmp_path / "kb", "Testburg")
    assert load_cached([extra]).place("Testburg") is not None
    _kb_folder(extra, "Testgrad")
    again = load_cached([extra])
    assert again.place("Testgrad") is not None and again.place("Testburg") is None
    assert again.version == load([extra]).version


def test_a_bad_folder_still_fails_and_off_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDGUIDE_CACHE_DIR", str(tmp_path / "cache"))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "places.yaml").write_text("places: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError):
        load_cached([bad])
    with pytest.raises(KnowledgeBaseError):
        load_cached([bad])
    monkeypatch.setenv("FIELDGUIDE_CACHE_DIR", "off")
    assert load_cached().version == load().version
