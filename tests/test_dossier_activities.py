"""A dossier lists an activity of the leader once, with every document that reports it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from fieldguide.analyze import dossier
from fieldguide.cli import app
from fieldguide.kb import load
from fieldguide.store import Store
from test_report import make_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("dossier-activities") / "archive.db"
    make_store(path).close()
    yield path


def test_a_republished_activity_is_one_appearance_with_both_documents(db: Path) -> None:
    with Store.open(f"sqlite:///{db}") as store:
        d = dossier(store, "Kim Jong Un", load())
    cruise = [a for a in d.appearances if "fx-rep-cruise-test" in a.docs or "fx-rep-cruise-test-repub" in a.docs]
    assert len(cruise) == 1
    assert cruise[0].docs == ("fx-rep-cruise-test", "fx-rep-cruise-test-repub")
    assert cruise[0].citation.doc_id == "fx-rep-cruise-test"  # the main report is cited
    assert "fx-rep-cruise-test-repub" not in {a.citation.doc_id for a in d.appearances}  # not listed again
    assert cruise[0].to_json()["docs"] == ["fx-rep-cruise-test", "fx-rep-cruise-test-repub"]


def test_the_limit_counts_activities_not_their_reports(db: Path) -> None:
    with Store.open(f"sqlite:///{db}") as store:
        full = dossier(store, "Kim Jong Un", load())
        short = dossier(store, "Kim Jong Un", load(), limit=3)
    assert short.appearances == full.appearances[:3]


def test_the_dossier_table_names_the_other_documents(db: Path) -> None:
    result = CliRunner().invoke(app, ["dossier", "Kim Jong Un", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "also in 1: fx-rep-cruise-test-repub" in result.stdout
