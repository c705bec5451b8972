"""Re-extraction: when the knowledge base changes, extract again what was extracted with another version.

Each batch is one transaction (``Store.put_extractions``), so readers keep seeing a
document's old events until its new ones are committed, and a killed run loses
nothing: the next run picks up the documents still on the old version. At the end the
stored grouping of the leader's activities is brought up to date (analyze/activities.py),
or made for an archive that has none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from fieldguide.analyze.activities import regroup
from fieldguide.model import Document, Extraction
from fieldguide.store import Store, extraction_reads


@dataclass(slots=True)
class ReextractSummary:
    kb_version: str
    checked: int = 0
    extracted: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (doc id, what failed)


def stale_ids(store: Store, kb_version: str) -> Iterator[list[str]]:
    """Ids of documents with no extraction, one made with another knowledge base, or one stored
    before linking's terms and facts were (migrations 0008, 0010), page by page."""
    return extraction_reads.stale_ids(store.engine, kb_version)


def reextract(
    store: Store,
    extractor: Callable[[Document], Extraction],
    kb_version: str,
    *,
    on_batch: Callable[[int], None] | None = None,
) -> ReextractSummary:
    """Extract every stale document again; one transaction per batch."""
    summary = ReextractSummary(kb_version)
    for ids in stale_ids(store, kb_version):
        items: list[tuple[Document, Extraction]] = []
        for doc in store.get_documents(ids):  # one query a page, not one a document
            extraction = extractor(doc)
            items.append((doc, extraction))
            if extraction.problems:
                summary.problems.append((doc.id, "; ".join(extraction.problems)))
        store.put_extractions(items)
        summary.checked += len(ids)
        summary.extracted += len(items)
        if on_batch is not None:
            on_batch(len(ids))
    regroup(store)
    store.refresh_statistics(summary.extracted)
    return summary
