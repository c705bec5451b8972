"""The weekly brief against the hand-written reference briefs of four weeks of the 2024 corpus
(evaluation/gold/reference-briefs.jsonl): each key activity named once, routine groups gathered,
no non-activity made an item, at most 8 items of at most 60 words.

Key activities the extractor records no event of his for (others' acts, a digest line merged
into another activity) or whose item lacks the reference's key words are marked as expected
failures, so that the day they are found the test says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from brief_reference import MAX_ITEMS, MAX_WORDS, REFERENCE, items, names, score, weeks
from fieldguide.extract.pipeline import Extractor
from fieldguide.ingest import ingest
from fieldguide.kb import load
from fieldguide.report import build_brief
from fieldguide.store import Store

pytestmark = [pytest.mark.shared, pytest.mark.slow]
# The first reference weeks, then two later dev sets written the same way (every key named once,
# routine kinds gathered); the order test reads the first weeks only.
ORDERED_WEEKS = weeks()
WEEKS = ORDERED_WEEKS + [w for n in (3, 4) for w in weeks(REFERENCE.with_name(f"reference-briefs-dev{n}.jsonl"))]
# (week's first day, reference rank): why the brief cannot name it yet.
NOT_YET: dict[tuple[str, int], str] = {}


@pytest.fixture(scope="module")
def briefs(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    folder = tmp_path_factory.mktemp("reference")
    with Store.open(f"sqlite:///{folder / 'archive.db'}") as store:
        ingest([str(shared_dir / "corpus" / "kcna-2024.jsonl")], store, extractor=Extractor(load()))
        yield {
            w["since"]: build_brief(store, date.fromisoformat(w["since"]), date.fromisoformat(w["until"])).to_json()
            for w in WEEKS
        }


def _key_params() -> list[Any]:
    out = []
    for week in WEEKS:
        for key in week["need_to_know"]:
            reason = NOT_YET.get((week["since"], key["rank"]))
            marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
            out.append(pytest.param(week["since"], key["rank"], marks=marks, id=f"{week['since']}-{key['rank']}"))
    return out


@pytest.mark.parametrize(("since", "rank"), _key_params())
def test_each_key_activity_is_named_exactly_once(briefs: dict[str, dict[str, Any]], since: str, rank: int) -> None:
    week = next(w for w in WEEKS if w["since"] == since)
    key = next(k for k in week["need_to_know"] if k["rank"] == rank)
    found = [i for i, item in enumerate(items(briefs[since])) if names(item, key)]
    assert len(found) == 1, (key["summary"], json.dumps(items(briefs[since]), indent=1)[:3000])


@pytest.mark.parametrize("since", [w["since"] for w in WEEKS])
def test_routine_groups_are_gathered_and_no_non_activity_is_an_item(
    briefs: dict[str, dict[str, Any]], since: str
) -> None:
    week = next(w for w in WEEKS if w["since"] == since)
    result = score(briefs[since], week)
    assert [g for g in result["gathered_detail"] if not g["ok"]] == []
    assert result["not_item_mains"] == []
    found = items(briefs[since])
    assert len(found) <= MAX_ITEMS
    assert all(sum(len(c["text"].split()) for c in item["sentences"]) <= MAX_WORDS for item in found)


# Weeks whose found key items may stand one pair out of the reference's order, and why.
ORDER_NOT_YET: dict[str, str] = {
    "2024-09-09": "two first appearances in the top tier: the reference leads with the Nuclear Weapons "
    "Institute, the brief with the 600mm test (tests first within a tier, as the 2024-10-07 week wants)",
    "2024-10-07": "two acts of the military command in one tier: the brief keeps their days' order (the border "
    "sealed on 9 October, then the artillery order of 12 October); the reference leads with the later order",
}


def test_found_key_items_keep_the_reference_order(briefs: dict[str, dict[str, Any]]) -> None:
    for week in ORDERED_WEEKS:
        result = score(briefs[week["since"]], week)
        allowed = 1 if week["since"] in ORDER_NOT_YET else 0
        assert result["pairs"] - result["pairs_in_order"] <= allowed, week["since"]
