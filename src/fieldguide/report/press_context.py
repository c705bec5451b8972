"""What the foreign press added to the week's dispatches, for the brief's Context.

A foreign report of these days that reports on one of the brief's dispatches (as its source
said: ``reports_on``, else as ``link`` finds now, for a few reports only) is compared with that
dispatch (``link.additions``): its weapons, dates, places, numbers and names the dispatch does
not give. The brief quotes the report's sentences that hold them, attributed to the outlet, so
a reader sees "South Korea's military said ..." as the outlet's claim, not the dispatch's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from fieldguide.link.additions import Addition, press_additions
from fieldguide.model import Document
from fieldguide.report import prose
from fieldguide.report.brief import Cited
from fieldguide.report.citing import Citer
from fieldguide.store import Store
from fieldguide.store.brief_reads import extraction_records
from fieldguide.store.types import Connection

MAX_LINKED_NOW = 20  # reports without a stored ``reports_on`` linked while the brief is built
MAX_SENTENCES = 3  # quoted per report
QUOTE_WORDS = 45


@dataclass(slots=True)
class PressAdditions:
    report: Document
    dispatch: Document
    additions: list[Addition]


def reported_on(store: Store, reports: Iterable[Document], dispatches: set[str]) -> dict[str, list[str]]:
    """Per report, the brief's dispatches it reports on: those its source named, else (for the
    first ``MAX_LINKED_NOW`` reports that name none) those linking finds in the archive."""
    out: dict[str, list[str]] = {}
    unnamed: list[Document] = []
    for doc in reports:
        named = [str(t) for t in doc.extra.get("reports_on") or []]
        if named:
            out[doc.id] = [t for t in named if t in dispatches]
        else:
            unnamed.append(doc)
    if unnamed and dispatches:
        from fieldguide.link.linker import ReportLinker  # linking is only imported when it is needed

        with ReportLinker(store) as linker:
            for doc in unnamed[:MAX_LINKED_NOW]:
                record = linker.stored_record(doc.id)
                if record is not None:
                    out[doc.id] = [t for t in linker.link(doc, record).reports_on if t in dispatches]
    return {k: v for k, v in out.items() if v}


def additions(conn: Connection, links: dict[str, list[str]], docs: dict[str, Document]) -> list[PressAdditions]:
    """What each report added to each dispatch it reports on, in the order of ``links``."""
    records = extraction_records(conn, [d for report, targets in links.items() for d in (report, *targets)])
    out = []
    for report_id, targets in links.items():
        for target in targets:
            if report_id in records and target in records and target in docs:
                found = press_additions(docs[report_id], records[report_id], docs[target], records[target])
                if found:
                    out.append(PressAdditions(docs[report_id], docs[target], found))
    return out


def outlet(doc: Document) -> str:
    name = doc.extra.get("outlet") or doc.source or doc.extra.get("site_name")
    return str(name) if name else "A foreign report"


def sentences(found: PressAdditions, citer: Citer) -> list[Cited]:
    """The report's sentences that hold what it added, each quoted and attributed to its outlet."""
    doc = found.report
    spans: dict[tuple[int, int], list[Addition]] = {}
    for a in found.additions:
        if a.kind == "place" and doc.text[a.span.end : a.span.end + 2] in ("'s", "’s"):
            continue  # "South Korea's military said": who said it, not where it happened
        if 0 <= a.span.start < a.span.end <= len(doc.text):
            spans.setdefault(citer.sentence_span(doc, a.span.start, a.span.end), []).append(a)
    out = []
    for (start, end), held in list(spans.items())[:MAX_SENTENCES]:
        words = prose.trim_quote(doc.text[start:end], QUOTE_WORDS)
        what = _listing(held)
        text = f"{outlet(doc)} added what the dispatch does not say ({what}): “{words}”."
        out.append(Cited(text, doc.id, (start, end), doc.url, doc.text[start:end]))
    return out


_KIND_WORDS = {"weapon": "a weapon", "date": "a date", "place": "a place", "number": "a number", "name": "a name"}


def _listing(held: list[Addition]) -> str:
    kinds: dict[str, list[str]] = {}
    for a in held:
        kinds.setdefault(a.kind, []).append(" ".join(a.text.split()))
    parts = [f"{_KIND_WORDS[k]}: {', '.join(dict.fromkeys(v))}" for k, v in kinds.items()]
    return "; ".join(parts)
