"""Records read back into the typed model: ``Extraction.from_record`` undoes ``to_record``."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from fieldguide.cli import app
from fieldguide.model import EVENT_TYPES, Event, Extraction, Mention, Participant, Span
from fieldguide.store import Store
from fieldguide.store.schema import events, extractions

NAMES = st.text(alphabet="abcdefghijk -'", min_size=1, max_size=12)
DAYS = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
SPANS = st.builds(lambda a, b: Span(a, a + b), st.integers(0, 5000), st.integers(1, 300))
# What a stored record can hold as an attribute: JSON values (lists, never tuples).
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-1000, 1000) | st.floats(allow_nan=False, allow_infinity=False) | NAMES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(NAMES, inner, max_size=3),
    max_leaves=6,
)
ATTRS = st.dictionaries(
    st.sampled_from(["confidence", "foreign", "history", "display", "designation", "rule"]), JSON_VALUES
)


def _mention(kind: Any) -> st.SearchStrategy[Mention]:
    return st.builds(Mention, kind=kind, span=SPANS, text=NAMES, canonical=NAMES, attrs=ATTRS)


MENTIONS = _mention(st.sampled_from(["person", "place", "weapon", "date", "site", "organization"]))
PARTICIPANTS = st.builds(
    Participant,
    name=NAMES,
    role=st.sampled_from(["accompanied", "met", "present"]),
    title=st.none() | NAMES,
    span=st.none() | SPANS,
)
EVENTS = st.builds(
    Event,
    type=st.sampled_from(EVENT_TYPES),
    actor=NAMES,
    start=DAYS,
    end=DAYS,
    precision=st.sampled_from([None, "day", "month", "year"]),
    sites=st.lists(NAMES, max_size=3),
    sector=st.none() | NAMES,
    places=st.lists(NAMES, max_size=3),
    weapons=st.lists(NAMES, max_size=3),
    designations=st.lists(NAMES, max_size=2),
    people=st.lists(PARTICIPANTS, max_size=3),
    evidence=st.lists(SPANS, max_size=2),
    evidence_text=st.text(max_size=40),
    verdicts=st.lists(_mention(st.just("verdict")), max_size=2),
    tasks=st.lists(_mention(st.just("task")), max_size=2),
    references=st.lists(
        st.fixed_dictionaries(
            {"text": NAMES, "date": st.none() | NAMES, "span": st.lists(st.integers(0, 99), min_size=2, max_size=2)}
        ),
        max_size=2,
    ),
    # a record keeps an event's confidence to three places
    confidence=st.integers(0, 1000).map(lambda n: round(n / 1000, 3)),
    rule=NAMES | st.just(""),
)
EXTRACTIONS = st.builds(
    Extraction,
    doc_id=NAMES,
    reported=DAYS,
    events=st.lists(EVENTS, max_size=3),
    mentions=st.lists(MENTIONS, max_size=6),
    kb_version=st.text(alphabet="0123456789abcdef", max_size=8),
    problems=st.lists(NAMES, max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(EXTRACTIONS)
def test_an_extraction_reads_back_from_its_record_exactly(extraction: Extraction) -> None:
    record = extraction.to_record()
    again = Extraction.from_record(record)
    assert again == extraction
    assert again.to_record() == record


def test_every_stored_record_of_the_examples_reads_back_into_the_model(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'fg.db'}"
    examples = resources.files("fieldguide").joinpath("examples")
    paths = [str(Path(str(examples.joinpath(name)))) for name in ("dispatches.jsonl", "reports.jsonl")]
    result = CliRunner().invoke(app, ["ingest", *paths, "--db", db])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store, store.engine.connect() as conn:
        records = conn.execute(sa.select(extractions.c.record)).scalars().all()
        event_records = conn.execute(sa.select(events.c.record)).scalars().all()
    assert len(records) >= 12 and any(r["events"] for r in records)
    for record in records:
        extraction = Extraction.from_record(record)
        assert extraction.to_record() == record
        assert all(isinstance(e, Event) and (e.start is None or isinstance(e.start, date)) for e in extraction.events)
    assert event_records
    for stored in event_records:
        assert Event.from_json(stored).to_json() == stored
