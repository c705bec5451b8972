"""The project's gold sets are well formed, and extraction keeps its blind figures (no regression)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldguide.evaluate import score
from fieldguide.model import EVENT_TYPES
from gold_sets import numbered

EVALUATION = Path(__file__).resolve().parent.parent / "evaluation"
GOLD = EVALUATION / "gold"
WEAPON_CATEGORIES = {
    "icbm", "irbm", "srbm", "slbm", "hypersonic", "cruise_missile", "mlrs", "artillery", "air_defense", "uav",
    "small_arms", "armored_vehicle", "naval_vessel", "aircraft", "nuclear", "satellite", "torpedo", "missile",
}


def records(name: str) -> dict[str, dict]:
    path = GOLD / name
    if not path.exists():
        pytest.skip(f"{path} is not written yet")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["id"]: r for r in rows}


@pytest.mark.parametrize(
    "name", ["dispatches-dev.jsonl", "dispatches-dev-3.jsonl", "dispatches-dev-4.jsonl", "dispatches-blind.jsonl"]
)
def test_dispatch_gold_follows_the_guidelines_schema_and_the_split(name: str) -> None:
    split = json.loads((EVALUATION / "split.json").read_text())
    gold = records(name)
    wanted = "blind" if "blind" in name else "dev"
    assert gold and all(split[doc_id]["split"] == wanted for doc_id in gold)
    for record in gold.values():
        assert set(record) >= {"id", "events", "weapons", "people", "places"}
        assert set(record["weapons"]) <= WEAPON_CATEGORIES
        for event in record["events"]:
            assert event["type"] in EVENT_TYPES
            assert all(isinstance(s, str) and s for s in event["sites"])
            assert (event["start"] is None) == (event["end"] is None)


OTHER_YEARS = {  # gold records -> the texts written for them (2012-2025; the corpus holds only 2024)
    "other-years-dev.jsonl": "other-years-texts.jsonl",
    "other-years-blind.jsonl": "other-years-texts.jsonl",
    "other-years-blind-2.jsonl": "other-years-texts-6.jsonl",
    **{path.name: f"other-years-texts-{n}.jsonl" for n, path in numbered("other-years-dev-")},
}
OTHER_YEARS_TEXTS = [GOLD / name for name in sorted(set(OTHER_YEARS.values()))]


@pytest.mark.parametrize("name", sorted(OTHER_YEARS))
def test_other_years_gold_follows_the_schema_and_names_written_texts(name: str) -> None:
    gold = records(name)
    texts = records(OTHER_YEARS[name])
    assert gold and set(gold) <= set(texts)
    for record in gold.values():
        assert set(record["weapons"]) <= WEAPON_CATEGORIES
        for event in record["events"]:
            assert event["type"] in EVENT_TYPES
            assert (event["start"] is None) == (event["end"] is None)
            assert all(isinstance(site, str) and site for site in event["sites"])


@pytest.mark.parametrize(
    "name",
    [
        "reports-dev.jsonl", "reports-dev-2.jsonl", "reports-dev-3.jsonl", "reports-dev-4.jsonl",
        "reports-blind.jsonl", "reports-other-years.jsonl",
    ],
)
def test_reports_name_the_dispatches_they_retell(name: str) -> None:
    reports = records(name)
    assert reports
    for report in reports.values():
        assert report["text"] and isinstance(report["reports_on"], list)
        # 2024 corpus dispatches, or the other years' dispatches written for the project
        written = {doc_id for path in OTHER_YEARS_TEXTS for doc_id in records(path.name)}
        assert all(doc_id.startswith("kcna-") or doc_id in written for doc_id in report["reports_on"])


@pytest.mark.shared
def test_blind_and_dev_figures_do_not_fall_below_their_recorded_floor(shared_dir: Path) -> None:
    """A floor a little under the figures recorded in the README: a change that lowers them fails here."""
    from extract_helpers import extractor
    from fieldguide.model import Document
    from fieldguide.sources import read

    floors = json.loads((EVALUATION / "floors.json").read_text())
    texts = [shared_dir / "corpus" / "kcna-2024.jsonl", *OTHER_YEARS_TEXTS]
    predicted = {
        doc.id: extractor()(doc).to_record()
        for path in texts
        for doc in read(str(path))
        if isinstance(doc, Document)
    }
    for name, floor in floors.items():
        report = score(records(f"{name}.jsonl"), predicted)
        figures = {f: s.f1 for f, s in report.fields.items()} | {"mean_f1": report.mean_f1}
        low = {f: round(figures[f], 4) for f in floor if figures[f] < floor[f]}
        assert not low, f"{name}: below the floor {floor}: {low}"
