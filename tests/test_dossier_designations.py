"""A named weapon's dossier holds every document that names it, an event of the leader or not."""

from __future__ import annotations

from datetime import date

from archive_fixtures import doc, store, store_url  # noqa: F401  (fixtures)
from extract_helpers import extractor
from fieldguide.analyze import dossier
from fieldguide.kb import load
from fieldguide.store import Store

TEST = (
    "Pyongyang, October 31 (KCNA) -- Kim Jong Un oversaw the test-fire of the new-type ICBM Hwasong-19 on "
    "October 31."
)
STATEMENT = (
    "Pyongyang, November 2 (KCNA) -- A spokesperson for the Ministry of National Defence said that the test-fire "
    "of the Hwasongpho-19 was a just exercise of the right to self-defence."
)


def test_a_statement_naming_the_missile_is_in_its_dossier(store: Store) -> None:  # noqa: F811
    docs = [
        doc("t-test", TEST, published=date(2024, 10, 31)),
        doc("t-statement", STATEMENT, published=date(2024, 11, 2)),
    ]
    store.put_batch(docs)
    store.put_extractions([(d, extractor()(d)) for d in docs])
    found = dossier(store, "Hwasongpho-19", load())
    assert (found.kind, found.name) == ("designation", "Hwasong-19")
    assert {a.citation.doc_id for a in found.appearances} == {"t-test", "t-statement"}
    assert found.mentioned_only == 1
