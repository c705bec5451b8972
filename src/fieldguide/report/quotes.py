"""'In their words': sentences of the dispatches that carry the leader's own statements.

A sentence qualifies when it reports speech ("he said", "he stressed", "noting that" ...)
or holds one of his events' verdicts or tasks. Quotes are taken round-robin from the
dispatches in the order of the brief, so that the most significant activities speak first
and no single dispatch fills the section.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from fieldguide.model import LEADER, Document
from fieldguide.report.citing import Citer

MAX_QUOTES = 4
LONGEST = 600  # characters: a longer sentence is quoted only when nothing shorter qualifies
SHORTEST = 40  # "He said:" introduces a quotation; it is not one

STATEMENT = re.compile(
    r"\b(?:he|Kim Jong Un)\s+(?:also\s+|then\s+|once again\s+)?"
    r"(?:said|stressed|noted|emphasi[sz]ed|underlined|underscored|pointed out|expressed|praised|"
    r"called|urged|set forth|indicated|declared|clarified|specified|affirmed)\b"
    r"|\b(?:noting|saying|stressing|adding)\s+that\b",
    re.IGNORECASE,
)
DATELINE = re.compile(r"\(KCNA\)\s*--")
# Others speak of "the respected General Secretary"; he does not speak of himself so.
ABOUT_HIM = re.compile(r"\brespected\s+(?:General Secretary|Comrade|Kim Jong Un|leader)", re.IGNORECASE)


def candidates(doc: Document, records: list[dict[str, Any]], citer: Citer) -> list[tuple[int, int]]:
    """Spans of the sentences of ``doc`` worth quoting: those holding a verdict or task of his
    events first (the extractor tied them to him), then statements that name him, then the
    rest, each in text order; never sentences that speak of him in the third person."""
    marked = {
        citer.sentence_span(doc, *m["span"])
        for r in records
        for m in (r.get("verdicts") or []) + (r.get("tasks") or [])
        if m.get("span")
    }
    marked_first: list[tuple[int, int]] = []
    named: list[tuple[int, int]] = []
    other: list[tuple[int, int]] = []
    for s in citer.sentences(doc):
        span = (s.span.start, s.span.end)
        if DATELINE.search(s.text) or len(s.text) < SHORTEST or s.text.endswith(":") or ABOUT_HIM.search(s.text):
            continue
        if span in marked:
            marked_first.append(span)
        elif STATEMENT.search(s.text):
            (named if LEADER in s.text else other).append(span)
    found = marked_first + named + other
    fitting = [span for span in found if span[1] - span[0] <= LONGEST]
    return fitting or found[:1]


def pick(
    docs: list[Document], records: dict[str, list[dict[str, Any]]], citer: Citer, limit: int = MAX_QUOTES
) -> list[tuple[Document, tuple[int, int]]]:
    """Up to ``limit`` quotes, round-robin over ``docs`` (already in the brief's order)."""
    queues = [(doc, iter(candidates(doc, records[doc.id], citer))) for doc in docs]
    out: list[tuple[Document, tuple[int, int]]] = []
    while queues and len(out) < limit:
        still: list[tuple[Document, Iterator[tuple[int, int]]]] = []
        for doc, spans in queues:
            span = next(spans, None)
            if span is None:
                continue
            if len(out) < limit:
                out.append((doc, span))
            still.append((doc, spans))
        queues = still
    return out
