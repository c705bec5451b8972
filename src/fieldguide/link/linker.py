"""Linking reports against the archive: read the reports, find candidate dispatches, link, and
(on request) list what each report added to the dispatch it reports on.

    with Store.open(url) as store:
        linker = ReportLinker(store, Extractor(load()))
        for item in linker.read(["reports.jsonl", "sec-024"]):   # files, or ids already stored
            if isinstance(item, Reject): ...
            else: print(linker.link(*item, additions=True).to_json())
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from fieldguide.errors import NotFoundError
from fieldguide.link.additions import Addition, press_additions
from fieldguide.link.candidates import CandidateFinder
from fieldguide.link.evidence import profile
from fieldguide.link.reports import THRESHOLD, Link, link_profiles
from fieldguide.model import Document, Extraction, Reject
from fieldguide.sources import read
from fieldguide.store import Store
from fieldguide.store.link_reads import record_text

Record = Mapping[str, Any]


@dataclass(slots=True)
class ReportLinks:
    """One report's links, and per linked dispatch what the report added."""

    id: str
    links: list[Link]
    additions: dict[str, list[Addition]] | None = None
    title: str | None = None
    origin: str = ""  # where the report was read: a file, file:line of a JSONL, a URL (the id is a hash)

    def at_least(self, min_confidence: float) -> ReportLinks:
        """The links whose confidence reaches ``min_confidence`` (and what the report added to them)."""
        links = [link for link in self.links if link.confidence >= min_confidence]
        kept = {link.id for link in links}
        additions = None if self.additions is None else {k: v for k, v in self.additions.items() if k in kept}
        return ReportLinks(self.id, links, additions, self.title, self.origin)

    @property
    def reports_on(self) -> list[str]:
        return [link.id for link in self.links]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "origin": self.origin,
            "reports_on": self.reports_on,
            "links": [link.to_json() for link in self.links],
        }
        if self.additions is not None:
            out["additions"] = [
                {"dispatch_id": dispatch_id, **a.to_json()}
                for dispatch_id, items in self.additions.items()
                for a in items
            ]
        return out


def report_origin(doc: Document) -> str:
    """Where a report came from, in the words a user gave: its file (file:line in a JSONL), its URL,
    else its id (a report named by its id in the archive)."""
    return doc.origin or doc.url or doc.id


class ReportLinker:
    """Links reports to the dispatches of one store. Reuse one linker for a batch: it keeps the
    profiles of the dispatches it has read."""

    def __init__(
        self,
        store: Store,
        extractor: Callable[[Document], Extraction] | None = None,
        threshold: float = THRESHOLD,
    ) -> None:
        self.store = store
        self.extractor = extractor
        self.threshold = threshold
        self.finder = CandidateFinder(store)

    def close(self) -> None:
        """Give back the connection the linker keeps for its batch."""
        self.finder.close()

    def __enter__(self) -> ReportLinker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def read(self, targets: Iterable[str]) -> Iterator[tuple[Document, Extraction | Record] | Reject]:
        """Each report of ``targets`` (files, folders, URLs, or ids of stored documents) with its
        extraction; a Reject for what cannot be read or found."""
        for target in targets:
            if Path(target).expanduser().exists() or target.lower().startswith(("http://", "https://")):
                for item in read(target):
                    yield item if isinstance(item, Reject) else (item, self._extract(item))
                continue
            try:
                doc = self.store.get_document(target)
            except NotFoundError:
                yield Reject(target, "no such file, and no document with this id in the archive")
                continue
            stored = self.stored_record(doc.id)
            yield doc, stored if stored is not None else self._extract(doc)

    def link(self, doc: Document, extraction: Extraction | Record, additions: bool = False) -> ReportLinks:
        """The dispatches ``doc`` reports on (and, with ``additions``, what it adds to each)."""
        report = profile(doc, extraction)
        links = link_profiles(report, self.finder(report), self.threshold)
        result = ReportLinks(doc.id, links, title=doc.title, origin=report_origin(doc))
        if additions:
            result.additions = {}
            for link in links:
                dispatch = self.store.get_document(link.id)
                record = self.stored_record(link.id) or self._extract(dispatch)
                result.additions[link.id] = press_additions(doc, extraction, dispatch, record)
        return result

    def stored_record(self, doc_id: str) -> Record | None:
        """The stored extraction record of a document, if it has one."""
        value = record_text(self.store.engine, doc_id)
        if value is None:
            return None
        record: Record = value if isinstance(value, dict) else orjson.loads(value)
        return record

    def _extract(self, doc: Document) -> Extraction | Record:
        if self.extractor is None:
            return {}
        return self.extractor(doc)
