"""The word diff behind `history`: it rebuilds both versions, and on one paragraph it is minimal."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from fieldguide.store.diff import render_word_diff, word_diff

WORDS = st.lists(st.sampled_from(["the", "of", "Kim", "Jong", "Un", "factory", "missile", "a"]), max_size=30)


def sides(runs: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    old = [w for op, text in runs if op != "insert" for w in text.split()]
    new = [w for op, text in runs if op != "delete" for w in text.split()]
    return old, new


def fewest_changes(a: list[str], b: list[str]) -> int:
    """Words removed plus words added by a shortest edit (via the longest common subsequence)."""
    lcs = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            lcs[i + 1][j + 1] = lcs[i][j] + 1 if x == y else max(lcs[i][j + 1], lcs[i + 1][j])
    return len(a) + len(b) - 2 * lcs[-1][-1]


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
def test_one_paragraph_diff_is_a_shortest_edit(a: list[str], b: list[str]) -> None:
    runs = word_diff(" ".join(a), " ".join(b))
    assert sides(runs) == (a, b)
    changed = sum(len(text.split()) for op, text in runs if op != "equal")
    assert changed == fewest_changes(a, b)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=6), st.lists(WORDS, max_size=6))
def test_diff_of_paragraphs_rebuilds_both_versions(old: list[list[str]], new: list[list[str]]) -> None:
    runs = word_diff("\n\n".join(" ".join(p) for p in old), "\n".join(" ".join(p) for p in new))
    assert sides(runs) == ([w for p in old for w in p], [w for p in new for w in p])
    assert all(text for _, text in runs)
    assert all(x[0] != y[0] for x, y in itertools.pairwise(runs))  # runs of one kind are joined


def test_a_moved_paragraph_is_one_removal_and_one_addition() -> None:
    old = "First paragraph here.\nSecond one, longer than the first.\nThird and last."
    new = "Third and last.\nFirst paragraph here.\nSecond one, longer than the first."
    assert render_word_diff(old, new) == (
        "{+Third and last.+} First paragraph here. Second one, longer than the first. [-Third and last.-]"
    )


def test_a_word_changed_in_a_long_repetitive_text_is_found() -> None:
    paragraph = "Kim Jong Un inspected the factory and the workers of the factory at the site."
    old = "\n".join(f"{n}. {paragraph}" for n in range(3000))
    new = old.replace("1234. Kim Jong Un inspected", "1234. Kim Jong Un visited")
    runs = word_diff(old, new)
    assert [r for r in runs if r[0] != "equal"] == [("delete", "inspected"), ("insert", "visited")]
