"""Word-level differences between two versions of a text.

The diff runs in two steps, as ``git diff --word-diff`` reads: paragraphs first (a moved or
unchanged paragraph is matched whole), then the words of each stretch of changed paragraphs.
Both steps use Google's diff-match-patch (Myers' O(ND) algorithm with its speed-ups), each
token, paragraph or word, mapped to one character as its documentation advises. difflib's
SequenceMatcher, used before, is quadratic on long texts whose words recur (two versions of
419 KB took 47 s). One time budget covers the whole diff: past it, what is left to compare is
reported as removed and added whole, so a diff always ends in about a second.
"""

from __future__ import annotations

import time
from typing import Literal

from diff_match_patch import diff_match_patch

Op = Literal["equal", "delete", "insert"]
TIME_BUDGET = 1.0  # seconds for one diff
_OPS: dict[int, Op] = {
    diff_match_patch.DIFF_EQUAL: "equal",
    diff_match_patch.DIFF_DELETE: "delete",
    diff_match_patch.DIFF_INSERT: "insert",
}


def _token_diff(old: list[str], new: list[str], deadline: float) -> list[tuple[Op, list[str]]]:
    """The change from the token list ``old`` to ``new`` (tokens hold no newline)."""
    if not old or not new:
        return [("delete", list(old)), ("insert", list(new))]
    dmp = diff_match_patch()
    # No half-match speed-up (it may miss a shorter edit): with the deadline alone, the diff
    # is a shortest edit whenever it ends in time.
    dmp.Diff_Timeout = 0
    chars_old, chars_new, tokens = dmp.diff_linesToChars("\n".join(old) + "\n", "\n".join(new) + "\n")
    diffs = dmp.diff_main(chars_old, chars_new, False, deadline)
    dmp.diff_charsToLines(diffs, tokens)
    return [(_OPS[op], text.split("\n")[:-1]) for op, text in diffs]


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """The change from ``old`` to ``new`` as runs of equal, deleted and inserted words."""
    deadline = time.time() + TIME_BUDGET
    paragraphs_old = [" ".join(p.split()) for p in old.splitlines() if p.strip()]
    paragraphs_new = [" ".join(p.split()) for p in new.splitlines() if p.strip()]
    runs: list[tuple[Op, list[str]]] = []
    removed: list[str] = []
    added: list[str] = []

    def refine() -> None:  # the words of the changed paragraphs since the last equal ones
        runs.extend(_token_diff(removed, added, deadline))
        removed.clear()
        added.clear()

    for op, paragraphs in _token_diff(paragraphs_old, paragraphs_new, deadline):
        words = [w for p in paragraphs for w in p.split()]
        if op == "equal":
            refine()
            runs.append(("equal", words))
        else:
            (removed if op == "delete" else added).extend(words)
    refine()
    return _merged(runs)


def _merged(runs: list[tuple[Op, list[str]]]) -> list[tuple[Op, str]]:
    """Adjacent runs of the same kind joined; within a change, removed words before added ones."""
    out: list[tuple[Op, str]] = []
    for op, words in runs:
        if not words:
            continue
        if out and out[-1][0] == op:
            out[-1] = (op, f"{out[-1][1]} {' '.join(words)}")
        else:
            out.append((op, " ".join(words)))
    return out


def elide(runs: list[tuple[Op, str]], context: int) -> list[tuple[Op, str]]:
    """Shorten long unchanged runs to ``context`` words either side of a change."""
    out: list[tuple[Op, str]] = []
    for i, (op, text) in enumerate(runs):
        words = text.split()
        if op != "equal" or len(words) <= 2 * context + 1:
            out.append((op, text))
            continue
        head = words[:context] if i > 0 else []
        tail = words[-context:] if i < len(runs) - 1 else []
        out.append(("equal", " ".join([*head, "…", *tail])))
    return out


def render_word_diff(old: str, new: str, context: int | None = None) -> str:
    """``old`` to ``new`` as text, removed words as [-...-] and added ones as {+...+}."""
    runs = word_diff(old, new)
    if context is not None:
        runs = elide(runs, context)
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return " ".join(marks[op].format(text) for op, text in runs if text)
