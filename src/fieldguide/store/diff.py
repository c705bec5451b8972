"""Word-level differences between two versions of a text (difflib on word tokens)."""

from __future__ import annotations

import difflib
from typing import Literal

Op = Literal["equal", "delete", "insert"]


def word_diff(old: str, new: str) -> list[tuple[Op, str]]:
    """The change from ``old`` to ``new`` as runs of equal, deleted and inserted words."""
    a, b = old.split(), new.split()
    out: list[tuple[Op, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", " ".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            out.append(("delete", " ".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            out.append(("insert", " ".join(b[j1:j2])))
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
