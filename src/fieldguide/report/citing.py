"""Citations: turn the extractor's spans into the sentences a reader can check.

Evidence spans are often a few words ("gave field guidance"); the brief cites the whole
sentence that holds them, which is what a reader wants to see behind a link. Verdicts and
tasks are cited at their exact span, since the brief quotes them word for word.
"""

from __future__ import annotations

from typing import Any

from fieldguide.extract.text import Sentence, sentence_at, sentences
from fieldguide.model import Document
from fieldguide.report.brief import Cited


class Citer:
    """Makes ``Cited`` sentences for the documents of one brief (sentence splits are cached)."""

    def __init__(self, docs: dict[str, Document]) -> None:
        self.docs = docs
        self._sentences: dict[str, list[Sentence]] = {}

    def sentences(self, doc: Document) -> list[Sentence]:
        if doc.id not in self._sentences:
            self._sentences[doc.id] = sentences(doc.text)
        return self._sentences[doc.id]

    def text(self, doc: Document, start: int, end: int) -> str:
        return doc.text[start:end]

    def sentence_span(self, doc: Document, start: int, end: int) -> tuple[int, int]:
        """From the start of the sentence holding ``start`` to the end of the one holding ``end``."""
        sents = self.sentences(doc)
        first = sentence_at(sents, start)
        last = sentence_at(sents, max(start, end - 1))
        return (first.span.start if first else start, last.span.end if last else end)

    def lead(self, doc: Document) -> tuple[int, int]:
        sents = self.sentences(doc)
        return (sents[0].span.start, sents[0].span.end) if sents else (0, len(doc.text))

    def evidence(self, doc: Document, record: dict[str, Any]) -> tuple[int, int]:
        """The sentence that shows an event happened: its first evidence span, else its
        evidence text found in the document, else the document's lead."""
        for start, end in record.get("evidence_spans") or []:
            if 0 <= start < end <= len(doc.text):
                return self.sentence_span(doc, start, end)
        said = (record.get("evidence") or "").strip()
        found = doc.text.find(said) if said else -1
        if found >= 0:
            return self.sentence_span(doc, found, found + len(said))
        return self.lead(doc)

    def mention(self, doc: Document, name: str) -> tuple[int, int] | None:
        """The sentence where ``name`` is first written, if it is written as it is named."""
        found = doc.text.casefold().find(name.casefold())
        return self.sentence_span(doc, found, found + len(name)) if found >= 0 else None

    def cite(self, doc: Document, text: str, start: int, end: int) -> Cited:
        """``text`` cited to the sentence(s) covering [start, end)."""
        start, end = self.sentence_span(doc, max(0, start), min(len(doc.text), end))
        return Cited(text, doc.id, (start, end), doc.url, doc.text[start:end])

    def exact(self, doc: Document, text: str, mention: dict[str, Any]) -> Cited:
        """``text`` cited to a mention's own span (a quotation of it)."""
        start, end = (int(x) for x in mention["span"])
        if not 0 <= start < end <= len(doc.text):
            return self.cite(doc, text, *self.lead(doc))
        return Cited(text, doc.id, (start, end), doc.url, doc.text[start:end])
