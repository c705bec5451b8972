"""Corrections of the record: an analyst marks an extracted fact wrong, fixes it or adds a missing one.

    c = record_correction(store, doc_id="kcna-1", fact_kind="event", action="fix",
                          target={"span": [120, 180], "value": "military_exercise"},
                          value={"type": "weapons_test"}, author="ana", reason="a test-fire")
    corrections_for(store, "kcna-1")             # every correction of the document, oldest first
    withdraw_correction(store, c.id, "ana", "the dispatch says drill after all")
    review_queue(store, limit=20)                # extracted events, least likely right first
    gold_records(store)                          # corrected documents as gold records (fieldguide eval)

Corrections are stored apart from extraction (table ``corrections``, who, when and why) and are
applied where a document's extraction is written (store/extractions.py ``write``, through
store/correcting.py), so every reader sees corrected facts, and a re-extraction keeps them.
Recording or withdrawing one stores its document's extraction again from the record as extracted
(``extractions.extracted``), without the knowledge base, in one write transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from fieldguide.errors import CorrectionError, NotFoundError
from fieldguide.model import LEADER, Event, Extraction
from fieldguide.store import correcting
from fieldguide.store import extractions as extraction_rows
from fieldguide.store.correcting import ACTIONS, FACT_KINDS, Action, FactKind, Status
from fieldguide.store.documents import document_from_row
from fieldguide.store.documents import stored_id as resolve_id
from fieldguide.store.event_reads import as_date
from fieldguide.store.schema import corrections, documents, events, extractions

if TYPE_CHECKING:
    from fieldguide.store import Store

__all__ = [
    "ACTIONS",
    "FACT_KINDS",
    "Action",
    "Correction",
    "FactKind",
    "ReviewItem",
    "Status",
    "corrections_for",
    "extracted_record",
    "get_correction",
    "gold_record",
    "gold_records",
    "record_correction",
    "review_queue",
    "stored_event_target",
    "withdraw_correction",
]


@dataclass(frozen=True, slots=True)
class Correction:
    """One stored correction. ``status``: applied, added (a fix whose fact extraction no longer
    gives, added as corrected), moot (a reject whose fact is gone), pending (the document has no
    extraction yet) or withdrawn; a withdrawal is a row of its own (``action`` withdraw,
    ``target`` {"correction": id}) and ``superseded_by`` of the withdrawn one is its id."""

    id: int
    doc_id: str
    fact_kind: str
    action: str
    target: dict[str, Any]
    value: dict[str, Any]
    author: str
    reason: str
    created_at: datetime
    superseded_by: int | None
    status: str

    @property
    def in_force(self) -> bool:
        return self.action != "withdraw" and self.superseded_by is None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "fact_kind": self.fact_kind,
            "action": self.action,
            "target": self.target,
            "value": self.value,
            "author": self.author,
            "reason": self.reason,
            "created_at": self.created_at.isoformat(),
            "superseded_by": self.superseded_by,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """An extracted event to review. ``target`` is ready to pass to ``record_correction``."""

    doc_id: str
    n: int  # the event's place in its document
    title: str | None
    published: date | None
    fact_kind: str
    type: str
    start: date | None
    end: date | None
    sites: list[str]
    evidence: str
    confidence: float | None
    rule: str
    target: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "n": self.n,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "fact_kind": self.fact_kind,
            "type": self.type,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "sites": self.sites,
            "evidence": self.evidence,
            "confidence": self.confidence,
            "rule": self.rule,
            "target": self.target,
        }


def _as_datetime(raw: Any) -> datetime:
    value = raw if isinstance(raw, datetime) else datetime.fromisoformat(str(raw))
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite keeps no zone


def _correction(row: Any) -> Correction:
    return Correction(
        id=int(row.id),
        doc_id=row.doc_id,
        fact_kind=row.fact_kind,
        action=row.action,
        target=dict(row.target or {}),
        value=dict(row.value or {}),
        author=row.author,
        reason=row.reason,
        created_at=_as_datetime(row.created_at),
        superseded_by=int(row.superseded_by) if row.superseded_by is not None else None,
        status=row.status,
    )


def _store_again(conn: sa.Connection, doc_id: str) -> None:
    """Write the document's extraction again from the record as extracted, so that its corrections
    in force, and only those, are applied. A document never extracted is left as it is."""

    row = conn.execute(
        sa.select(extractions.c.record, extractions.c.extracted, extractions.c.extracted_at).where(
            extractions.c.doc_id == doc_id
        )
    ).one_or_none()
    if row is None:
        return
    original = Extraction.from_record(row.extracted or row.record)
    doc = document_from_row(conn.execute(sa.select(documents).where(documents.c.id == doc_id)).one())
    extraction_rows.write(conn, [(doc, original)], _as_datetime(row.extracted_at))


def _current_record(conn: sa.Connection, doc_id: str) -> dict[str, Any] | None:
    record = conn.execute(sa.select(extractions.c.record).where(extractions.c.doc_id == doc_id)).scalar()
    return dict(record) if record is not None else None


def _matching_event(record: Mapping[str, Any], target: Mapping[str, Any]) -> dict[str, Any] | None:
    """The stored event a target names, as stored (its type, an overlapping evidence span)."""
    extraction = Extraction.from_record(dict(record))
    for event in extraction.events:
        if event.type == target.get("value") and correcting.overlaps(event.evidence, target.get("span")):
            return event.to_json()
    return None


def stored_event_target(store: Store, doc_id: str, n: int) -> dict[str, Any]:
    """The target naming a document's stored event number ``n`` (0 first, as ``events`` and the
    review queue number them); NotFoundError (E404) when it has no such event."""
    with store.engine.connect() as conn:
        stored_id = resolve_id(conn, doc_id)
        record = conn.execute(sa.select(events.c.record).where(events.c.doc_id == stored_id, events.c.n == n)).scalar()
    if record is None:
        raise NotFoundError(f"{stored_id} has no event {n}")
    return correcting.event_target(Event.from_json(record))


# Work done inside a correction's write transaction after its document is stored again: the
# caller passes the regrouping of the leader's activities (fieldguide.review does), so that readers
# never see the events changed and the grouping not. The store itself knows nothing of activities.
AfterWrite = Callable[[sa.Connection], object]


def record_correction(
    store: Store,
    *,
    doc_id: str,
    fact_kind: str,
    action: str,
    target: Mapping[str, Any] | None = None,
    value: Mapping[str, Any] | None = None,
    author: str,
    reason: str,
    then: AfterWrite | None = None,
) -> Correction:
    """Record a correction and store its document's facts corrected, in one write transaction
    (``then`` runs last in it).

    ``target`` names the extracted fact for a reject or fix: {"span": [start, end], "value":
    original} (an event's type, a name, a weapon category, a site's words); an addition may give
    a span where the text says it (a site's addition: the span of its event). ``value``: an
    event's fields (type, start, end, sites, places, weapons, designations, people, actor,
    sector), or {"name": ...} for a person, place, weapon category or site. NotFoundError (E404)
    for an unknown document; CorrectionError (E800) for a bad kind, action, value or a target
    that names no stored fact."""
    if not author.strip():
        raise CorrectionError("a correction names its author")
    if not reason.strip():
        raise CorrectionError("a correction says why (reason)")
    with store.write_transaction() as conn:
        stored_id = resolve_id(conn, doc_id)
        length = conn.execute(sa.select(sa.func.length(documents.c.text)).where(documents.c.id == stored_id)).scalar()
        stored_target, stored_value = correcting.check(fact_kind, action, target, value, int(length or 0))
        record = _current_record(conn, stored_id)
        if record is not None and action != "add":
            trial = correcting.Pending(0, fact_kind, action, stored_target, stored_value)
            _, outcome = correcting.apply(Extraction.from_record(record), "", [trial])
            if outcome[0] != "applied":
                raise CorrectionError(
                    f"no {fact_kind} {stored_target['value']!r} extracted"
                    + (f" at {stored_target['span']}" if stored_target.get("span") else "")
                    + f" in {stored_id}"
                )
            if fact_kind == "event":
                # The event as it stood, so that a fix outlives a re-extraction that no longer finds it.
                stored_target["fact"] = _matching_event(record, stored_target)
        new_id = conn.execute(
            corrections.insert()
            .values(
                doc_id=stored_id,
                fact_kind=fact_kind,
                action=action,
                target=stored_target,
                value=stored_value,
                author=author.strip(),
                reason=reason.strip(),
                created_at=datetime.now(UTC),
                status="pending",
            )
            .returning(corrections.c.id)
        ).scalar_one()
        _store_again(conn, stored_id)
        if then is not None:
            then(conn)
        return _correction(conn.execute(sa.select(corrections).where(corrections.c.id == new_id)).one())


def get_correction(store: Store, correction_id: int) -> Correction:
    """One correction by id; NotFoundError (E404) when there is none."""
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(corrections).where(corrections.c.id == correction_id)).one_or_none()
    if row is None:
        raise NotFoundError(f"no correction {correction_id} in the archive")
    return _correction(row)


def corrections_for(store: Store, doc_id: str | None = None, *, in_force_only: bool = False) -> list[Correction]:
    """The corrections of one document (or of the whole archive), withdrawals included, oldest first."""
    with store.engine.connect() as conn:
        return corrections_of(conn, None if doc_id is None else resolve_id(conn, doc_id), in_force_only=in_force_only)


def corrections_of(conn: sa.Connection, doc_id: str | None, *, in_force_only: bool = False) -> list[Correction]:
    """``corrections_for`` on a connection, for the document stored under ``doc_id`` (None: all)."""
    query = sa.select(corrections).order_by(corrections.c.id)
    if in_force_only:
        query = query.where(corrections.c.superseded_by.is_(None), corrections.c.action != "withdraw")
    if doc_id is not None:
        query = query.where(corrections.c.doc_id == doc_id)
    return [_correction(row) for row in conn.execute(query)]


def withdraw_correction(
    store: Store, correction_id: int, author: str, reason: str, then: AfterWrite | None = None
) -> Correction:
    """Withdraw a correction: the fact goes back to what extraction gives, and the withdrawal is
    kept with who, when and why. Returns the withdrawal. NotFoundError (E404) for an unknown id,
    CorrectionError (E800) for one already withdrawn or a withdrawal itself."""
    if not author.strip() or not reason.strip():
        raise CorrectionError("a withdrawal names its author and says why (reason)")
    with store.write_transaction() as conn:
        row = conn.execute(sa.select(corrections).where(corrections.c.id == correction_id)).one_or_none()
        if row is None:
            raise NotFoundError(f"no correction {correction_id} in the archive")
        if row.action == "withdraw":
            raise CorrectionError(f"correction {correction_id} is a withdrawal: it cannot be withdrawn")
        if row.superseded_by is not None:
            raise CorrectionError(f"correction {correction_id} was withdrawn already (by {row.superseded_by})")
        new_id = conn.execute(
            corrections.insert()
            .values(
                doc_id=row.doc_id,
                fact_kind=row.fact_kind,
                action="withdraw",
                target={"correction": correction_id},
                value={},
                author=author.strip(),
                reason=reason.strip(),
                created_at=datetime.now(UTC),
                status="applied",
            )
            .returning(corrections.c.id)
        ).scalar_one()
        conn.execute(
            corrections.update()
            .where(corrections.c.id == correction_id)
            .values(superseded_by=new_id, status="withdrawn")
        )
        _store_again(conn, row.doc_id)
        if then is not None:
            then(conn)
        return _correction(conn.execute(sa.select(corrections).where(corrections.c.id == new_id)).one())


def review_queue(store: Store, *, limit: int = 50, offset: int = 0) -> list[ReviewItem]:
    """Extracted events least likely right first (confidence ascending; none stored counts as 0),
    leaving out those a correction made or changed."""
    confidence = extraction_rows.event_confidence()
    rule = events.c.record["rule"].as_string()
    query = (
        sa.select(events.c.doc_id, events.c.n, events.c.record, documents.c.title, documents.c.published)
        .join(documents, documents.c.id == events.c.doc_id)
        .where(sa.or_(rule.is_(None), sa.not_(rule.startswith("correction:"))))
        .order_by(sa.func.coalesce(confidence, 0.0), events.c.doc_id, events.c.n)
        .limit(max(0, limit))
        .offset(max(0, offset))
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    items = []
    for row in rows:
        record = dict(row.record)
        event = Event.from_json(record)
        items.append(
            ReviewItem(
                doc_id=row.doc_id,
                n=int(row.n),
                title=row.title,
                published=as_date(row.published),
                fact_kind="event",
                type=event.type,
                start=event.start,
                end=event.end,
                sites=list(event.sites),
                evidence=event.evidence_text,
                confidence=record.get("confidence"),
                rule=event.rule,
                target=correcting.event_target(event),
            )
        )
    return items


def extracted_record(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document's record as extraction made it, before corrections (None if never extracted)."""
    with store.engine.connect() as conn:
        stored_id = resolve_id(conn, doc_id)
        row = conn.execute(
            sa.select(extractions.c.record, extractions.c.extracted).where(extractions.c.doc_id == stored_id)
        ).one_or_none()
    if row is None:
        return None
    return dict(row.extracted or row.record)


def gold_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A stored (corrected) record in the gold schema of the annotation guidelines: the leader's
    events (type, dates, sites, evidence), weapons, people and places."""
    return {
        "id": record["id"],
        "events": [
            {
                "type": e["type"],
                "start": e.get("start"),
                "end": e.get("end"),
                "sites": list(e.get("sites") or []),
                "evidence": e.get("evidence") or "",
            }
            for e in record.get("events") or []
            if (e.get("actor") or LEADER) == LEADER
        ],
        "weapons": list(record.get("weapons") or []),
        "people": list(record.get("people") or []),
        "places": list(record.get("places") or []),
    }


def gold_records(store: Store, doc_ids: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
    """Gold records of the documents with corrections in force (or of ``doc_ids``), in the order
    their first correction was made: their full corrected fact sets, as ``fieldguide eval`` reads them."""
    first = (
        sa.select(corrections.c.doc_id, sa.func.min(corrections.c.id).label("first"))
        .where(corrections.c.superseded_by.is_(None), corrections.c.action != "withdraw")
        .group_by(corrections.c.doc_id)
        .subquery()
    )
    query = sa.select(extractions.c.record).join(first, first.c.doc_id == extractions.c.doc_id).order_by(first.c.first)
    with store.engine.connect() as conn:
        if doc_ids is not None:
            query = query.where(extractions.c.doc_id.in_([resolve_id(conn, d) for d in doc_ids]))
        for record in conn.execute(query).scalars():
            yield gold_record(record)
