"""The real corpus reads exactly as it is: 995 dispatches, no rejects, its ids, its names repaired."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from fieldguide.model import Document
from fieldguide.sources import read

pytestmark = pytest.mark.shared

GLUED = re.compile(r"[a-z]Kim Jong Un|Kim Jong Un[a-z]")


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> tuple[Path, list[Document]]:
    path = shared_dir / "corpus" / "kcna-2024.jsonl"
    items = list(read(str(path)))
    assert all(isinstance(i, Document) for i in items), [i for i in items if not isinstance(i, Document)][:3]
    return path, items  # type: ignore[return-value]


def test_corpus_reads_whole_with_its_ids(corpus: tuple[Path, list[Document]]):
    path, docs = corpus
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    assert len(docs) == len(records) == 995
    assert [d.id for d in docs] == [r["id"] for r in records]
    assert all(d.kind == "dispatch" and d.source == "KCNA" for d in docs)
    assert [d.published.isoformat() if d.published else None for d in docs] == [r["published"] for r in records]


def test_no_glued_leader_name_is_left(corpus: tuple[Path, list[Document]]):
    _, docs = corpus
    assert [d.id for d in docs if GLUED.search(d.text)] == []


def test_offsets_lead_back_to_the_original(corpus: tuple[Path, list[Document]]):
    _, docs = corpus
    changed = [d for d in docs if d.original_text is not None]
    assert changed, "the corpus has glued names: some texts must change"
    for doc in changed:
        original = doc.original_text
        assert original is not None
        for i, ch in enumerate(doc.text):
            if not ch.isspace():
                assert original[doc.offsets.to_original(i)] == ch, (doc.id, i)
