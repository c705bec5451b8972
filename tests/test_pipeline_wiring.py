"""Extraction runs as components over one working document, each declaring what it reads and
writes: an order in which a component reads what nothing before it wrote is refused, and each
component touches only what it declares."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from fieldguide.extract.pipeline import INITIAL_FIELDS, Extractor, _Work, check_wiring
from fieldguide.extract.text import lowercase
from fieldguide.kb import load
from fieldguide.model import Document

TEXT = (
    "Pyongyang, March 3 (KCNA) -- Kim Jong Un, general secretary of the Workers' Party of Korea, "
    "inspected the Ryongsong Machine Complex in Hamhung on March 2. He was accompanied by Jo Yong Won. "
    "He watched a test-fire of a new-type cruise missile and said the complex did well."
)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load())


class _Tracing:
    """The working document seen through a recorder of the fields a component reads and writes."""

    def __init__(self, work: _Work) -> None:
        object.__setattr__(self, "_work", work)
        object.__setattr__(self, "read", set())
        object.__setattr__(self, "written", set())

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._work, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.written.add(name)
        setattr(self._work, name, value)


def test_the_packaged_order_is_wired(extractor: Extractor) -> None:
    check_wiring(extractor.components)  # the constructor checks it too; this names the test


def test_a_component_reading_before_its_input_is_written_is_refused(extractor: Extractor) -> None:
    by_name = {c.name: c for c in extractor.components}
    misordered = (by_name["dateline"], by_name["events"], by_name["sentences"], by_name["people"])
    with pytest.raises(ValueError, match="'events' reads"):
        check_wiring(misordered)
    typo = dataclasses.replace(by_name["dates"], reads=frozenset({"doc", "reportd"}))
    with pytest.raises(ValueError, match="reportd"):
        check_wiring((typo,))


def test_each_component_touches_only_what_it_declares(extractor: Extractor) -> None:
    doc = Document(id="wiring-1", text=TEXT, title="Kim Jong Un Inspects Machine Complex", published=date(2030, 3, 3))
    lowered = lowercase(doc.text)
    work = _Work(doc, lowered=lowered, hits=extractor.scanner.scan(lowered))
    assert {f.name for f in dataclasses.fields(_Work)} >= INITIAL_FIELDS
    for component in extractor.components:
        traced = _Tracing(work)
        component.run(traced)  # type: ignore[arg-type]
        assert traced.read <= component.reads | component.writes, component.name
        assert traced.written <= component.writes, component.name
    assert work.events and work.people  # the fixture exercised every step
