"""Linking against the archive: candidate dispatches found by date window or full-text search,
on SQLite and PostgreSQL, and the development reports of ../shared when they are there."""

from __future__ import annotations

import json
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest

from archive_fixtures import store_url  # noqa: F401  (the fixture: a fresh archive on each back end)
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.link.linker import ReportLinker
from fieldguide.model import Document, Reject
from fieldguide.sources import read
from fieldguide.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "link" / "reports.jsonl"
EXAMPLES = str(resources.files("fieldguide") / "examples" / "dispatches.jsonl")
EXTRACTOR = Extractor(load())


def _gold(path: Path) -> dict[str, set[str]]:
    return {r["id"]: set(r["reports_on"]) for r in map(json.loads, path.read_text().splitlines()) if r}


def test_reports_from_files_and_from_the_archive_are_linked(store_url: str) -> None:  # noqa: F811
    with Store.open(store_url) as store:
        ingest([EXAMPLES, str(FIXTURES)], store, extractor=EXTRACTOR)
        linker = ReportLinker(store, EXTRACTOR)
        from_file = {doc.id: linker.link(doc, ext).reports_on for doc, ext in linker.read([str(FIXTURES)])}
        assert {k: set(v) for k, v in from_file.items()} == _gold(FIXTURES)
        (stored,) = list(linker.read(["fx-daily-floods"]))
        assert not isinstance(stored, Reject)
        assert linker.link(*stored).reports_on == ["ex-kcna-flood-inspection"]


def test_an_unknown_id_is_rejected_with_a_reason(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        (item,) = list(ReportLinker(store, EXTRACTOR).read(["no-such-report"]))
    assert isinstance(item, Reject) and "no document" in item.reason


def test_a_report_without_a_date_is_linked_through_its_quoted_phrases(tmp_path: Path) -> None:
    undated = Document(
        id="undated",
        kind="report",
        text=(
            "Kim Jong-un directed the rescue by helicopters, North Korean state media said, and said the damage "
            'in Jagang and Ryanggang provinces "must also be surveyed at once".'
        ),
    )
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        ingest([EXAMPLES], store, extractor=EXTRACTOR)
        result = ReportLinker(store, EXTRACTOR).link(undated, EXTRACTOR(undated))
    assert result.reports_on == ["ex-kcna-flood-inspection"]


def test_a_dated_report_of_a_year_the_archive_does_not_hold_links_to_nothing(tmp_path: Path) -> None:
    """The same words two years earlier are another event: a dated report is not searched for
    across the archive, while the same text with a dateline that gives no year still is."""
    text = (
        "Kim Jong-un directed the rescue by helicopters, North Korean state media said, and said the damage "
        'in Jagang and Ryanggang provinces "must also be surveyed at once".'
    )
    older = Document(id="older", kind="report", text=text, published=date(2021, 3, 2))
    guessed = Document(
        id="guessed", kind="report", text=text, published=date(2021, 3, 2),
        extra={"published_inferred": "year taken from the file's date"},
    )
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        ingest([EXAMPLES], store, extractor=EXTRACTOR)
        linker = ReportLinker(store, EXTRACTOR)
        assert linker.link(older, EXTRACTOR(older)).reports_on == []
        assert linker.link(guessed, EXTRACTOR(guessed)).reports_on == ["ex-kcna-flood-inspection"]


def test_copies_of_one_dispatch_are_looked_at_once(tmp_path: Path) -> None:
    docs = [d for d in read(EXAMPLES) if isinstance(d, Document) and d.id == "ex-kcna-mrl-drill"]
    copy = Document(
        id="ex-kcna-mrl-drill-again",
        text=docs[0].text.replace("highly appreciated", "appreciated"),
        title=docs[0].title,
        published=docs[0].published,
        source="KCNA",
    )
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        store.put_batch(docs, extractor=EXTRACTOR)
        store.put_batch([copy], extractor=EXTRACTOR)
        assert len(store.story("ex-kcna-mrl-drill")) == 2
        linker = ReportLinker(store, EXTRACTOR)
        (item,) = [
            i for i in linker.read([str(FIXTURES)]) if not isinstance(i, Reject) and i[0].id == "fx-wire-rocket-drill"
        ]
        assert linker.link(*item).reports_on == ["ex-kcna-mrl-drill"]


def test_additions_come_with_each_link(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'a.db'}") as store:
        ingest([EXAMPLES], store, extractor=EXTRACTOR)
        linker = ReportLinker(store, EXTRACTOR)
        (item,) = [
            i for i in linker.read([str(FIXTURES)]) if not isinstance(i, Reject) and i[0].id == "fx-daily-floods"
        ]
        out = linker.link(*item, additions=True).to_json()
    added = {(a["dispatch_id"], a["kind"], a["report"]["text"]) for a in out["additions"]}
    assert ("ex-kcna-flood-inspection", "number", "1,500") in added
    assert ("ex-kcna-flood-inspection", "place", "Dandong") in added


@pytest.fixture(scope="module")
def corpus_store(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}")
    ingest([str(shared_dir / "corpus" / "kcna-2024.jsonl")], store, extractor=EXTRACTOR)
    return store


def test_secondary_dev_precision_and_recall(corpus_store: Store, shared_dir: Path) -> None:
    path = shared_dir / "eval" / "secondary-dev.jsonl"
    gold = _gold(path)
    linker = ReportLinker(corpus_store, EXTRACTOR)
    tp = fp = fn = 0
    for doc, extraction in (i for i in linker.read([str(path)]) if not isinstance(i, Reject)):
        got = set(linker.link(doc, extraction).reports_on)
        tp, fp, fn = tp + len(got & gold[doc.id]), fp + len(got - gold[doc.id]), fn + len(gold[doc.id] - got)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"secondary-dev: precision {precision:.3f}, recall {recall:.3f} ({tp} right, {fp} wrong, {fn} missed)")
    assert precision >= 0.9 and recall >= 0.85


def test_links_are_the_same_whether_the_archive_stored_the_dispatches_terms_and_facts_or_not(
    store_url: str,  # noqa: F811
) -> None:
    import sqlalchemy as sa

    from fieldguide.reextract import reextract
    from fieldguide.store.schema import extractions

    def links(store: Store) -> dict[str, list[tuple[str, float, tuple[str, ...]]]]:
        with ReportLinker(store, EXTRACTOR) as linker:
            return {
                doc.id: [(link.id, link.score, link.reasons) for link in linker.link(doc, ext).links]
                for doc, ext in linker.read([str(FIXTURES)])
            }

    with Store.open(store_url) as store:
        ingest([EXAMPLES], store, extractor=EXTRACTOR)
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).where(extractions.c.link_facts.is_(None))).scalar() == 0
        stored = links(store)
        with store.engine.begin() as conn:  # as an archive extracted before migration 0008
            conn.execute(extractions.update().values(link_words=None, link_numbers=None, link_facts=None))
        assert links(store) == stored
        summary = reextract(store, EXTRACTOR, EXTRACTOR.kb_version)  # fills them in again
        assert summary.extracted > 0
        with store.engine.connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).where(extractions.c.link_words.is_(None))).scalar() == 0
    assert stored and any(stored.values())


def _window_candidates(store: Store, spans: list[tuple[date, date]]) -> tuple[list[str], list[str]]:
    """The dispatches a window offers, through the back end's own path and the generic SQL."""
    import sqlalchemy as sa

    from fieldguide.link.candidates import CandidateFinder
    from fieldguide.store.schema import documents

    finder = CandidateFinder(store)
    with store.engine.connect() as conn:
        fast = finder._look_up_windows(conn, spans)
        in_any = sa.or_(*(documents.c.published.between(a, b) for a, b in spans))
        generic = finder._one_per_dispatch(conn, in_any)
        ids = dict(conn.execute(sa.select(documents.c.seq, documents.c.id)).all())
    return sorted(ids[s] for s in fast), sorted(ids[s] for s in generic)


def test_a_story_spread_over_titles_and_days_gives_one_dispatch_per_story_then_title(
    store_url: str,  # noqa: F811
) -> None:
    from archive_fixtures import FARM, MISSILE, MUNITIONS, doc

    day = date(2024, 9, 13)
    reworded = MUNITIONS.replace("praised the workers", "thanked the workers")  # a near-duplicate
    with Store.open(store_url) as store:
        store.put_batch(
            [
                doc("s1", MUNITIONS, title="X", published=day),  # story S, first under title X
                doc("s2", reworded, title="A", published=day),  # story S again, under title A
                doc("t1", FARM, title="A", published=day),  # story T: its own text, title A
                doc("u1", MISSILE, title="B", published=day + timedelta(days=1)),
            ]
        )
        assert store.story("s2") == ["s1", "s2"]
        spans = [(day - timedelta(days=1), day + timedelta(days=2))]
        fast, generic = _window_candidates(store, spans)
        assert fast == generic == ["s1", "t1", "u1"]
        two_spans = [(day, day), (day + timedelta(days=1), day + timedelta(days=1))]
        fast, generic = _window_candidates(store, two_spans)
        assert fast == generic == ["s1", "t1", "u1"]
