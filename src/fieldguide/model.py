"""The types every stage speaks: Document, Span, Mention, Event, Extraction.

Stages talk only through these. Offsets are always character offsets into
``Document.text`` (the normalized text); ``Document.offsets`` maps them back to
the original text as it was read.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

DocumentKind = Literal["dispatch", "report"]

EVENT_TYPES: tuple[str, ...] = (
    "inspection",
    "weapons_test",
    "military_exercise",
    "ceremony",
    "commemoration",
    "meeting",
    "speech",
    "diplomacy",
    "message_sent",
    "message_received",
    "gift",
    "cultural_event",
    "other",
)

# What he sends or receives: dated by its sending or handing over, never an appearance of his
SENT_OR_RECEIVED = frozenset({"message_sent", "message_received", "gift"})

WEAPON_CATEGORIES: tuple[str, ...] = (
    "icbm",
    "irbm",
    "srbm",
    "slbm",
    "hypersonic",
    "cruise_missile",
    "mlrs",
    "artillery",
    "air_defense",
    "uav",
    "small_arms",
    "armored_vehicle",
    "naval_vessel",
    "aircraft",
    "nuclear",
    "satellite",
    "torpedo",
    "missile",
)

LEADER = "Kim Jong Un"
# The leaders of the past: never the actor, the correspondent or the companion of a report of today.
LATE_LEADERS = frozenset({"Kim Il Sung", "Kim Jong Il", "Kim Jong Suk"})


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in normalized text back to offsets in the original text.

    Stored as breakpoints: from normalized offset ``norm[i]`` on, the original
    offset is ``orig[i] + (pos - norm[i])``. An empty map is the identity.
    """

    norm: tuple[int, ...] = ()
    orig: tuple[int, ...] = ()

    def to_original(self, pos: int) -> int:
        i = bisect_right(self.norm, pos) - 1
        if i < 0:
            return pos
        return self.orig[i] + (pos - self.norm[i])

    def to_json(self) -> list[list[int]]:
        return [[n, o] for n, o in zip(self.norm, self.orig, strict=True)]

    @classmethod
    def from_json(cls, pairs: list[list[int]] | None) -> OffsetMap:
        if not pairs:
            return cls()
        return cls(tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))


@dataclass(slots=True)
class Document:
    """One dispatch or report, its text normalized, its metadata as read."""

    id: str
    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    topic: str | None = None
    kind: DocumentKind = "dispatch"
    origin: str = ""  # where it was read from: a path, an archive member, a URL
    original_text: str | None = None  # the text as read, when normalization changed it
    offsets: OffsetMap = field(default_factory=OffsetMap)
    extra: dict[str, Any] = field(default_factory=dict)  # fields of the input we keep but do not model
    _hashed: tuple[str, str] | None = field(default=None, repr=False, compare=False)

    @property
    def content_hash(self) -> str:
        """SHA-1 of the normalized text; computed once per text (ingest asks for it many times)."""
        if self._hashed is None or self._hashed[0] is not self.text:
            self._hashed = (self.text, text_hash(self.text))
        return self._hashed[1]


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Reject:
    """An input that could not be read, and why. The batch goes on."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def to_json(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_json(cls, pair: list[int] | tuple[int, int]) -> Span:
        start, end = pair
        return cls(int(start), int(end))


MentionKind = Literal["person", "place", "weapon", "date", "site", "organization", "quote", "task", "verdict"]


@dataclass(slots=True)
class Mention:
    """A stretch of text that names something, with what it was resolved to."""

    kind: MentionKind
    span: Span
    text: str
    canonical: str  # the resolved name: "Kim Jong Un", "North Phyongan Province", "icbm"
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def confidence(self) -> float | None:
        """How likely the mention is right (0-1), set by extract/confidence.py; None for dates."""
        value = self.attrs.get("confidence")
        return float(value) if isinstance(value, int | float) else None

    @property
    def counts(self) -> bool:
        """A fact of the DPRK's present: not foreign, not history, not a generic word for a named system."""
        return not (self.attrs.get("foreign") or self.attrs.get("history") or self.attrs.get("generic"))

    def to_json(self) -> dict[str, Any]:
        # written out flat: a document's record holds dozens of mentions, so this runs per mention
        span = self.span
        out: dict[str, Any] = {
            "kind": self.kind, "text": self.text, "canonical": self.canonical, "span": [span.start, span.end]
        }
        if self.attrs:
            out["attrs"] = self.attrs
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Mention:
        return cls(
            kind=data["kind"],
            span=Span.from_json(data["span"]),
            text=data["text"],
            canonical=data["canonical"],
            attrs=dict(data.get("attrs") or {}),
        )


ParticipantRole = Literal["accompanied", "received", "reported_to", "met", "present", "sender", "recipient"]


@dataclass(slots=True)
class Participant:
    name: str
    role: str
    title: str | None = None
    span: Span | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "role": self.role}
        if self.title:
            out["title"] = self.title
        if self.span:
            out["span"] = self.span.to_json()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Participant:
        span = data.get("span")
        return cls(data["name"], data["role"], data.get("title"), Span.from_json(span) if span else None)


DatePrecision = Literal["day", "month", "year"]


@dataclass(slots=True)
class Event:
    """One activity: who did what, when, where, with which weapons and people."""

    type: str
    actor: str = LEADER
    start: date | None = None
    end: date | None = None
    precision: DatePrecision | None = None
    sites: list[str] = field(default_factory=list)
    sector: str | None = None  # munitions, military_unit, economic, social, construction
    places: list[str] = field(default_factory=list)
    weapons: list[str] = field(default_factory=list)  # categories
    designations: list[str] = field(default_factory=list)  # Hwasong-19, 600mm MRL
    people: list[Participant] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)
    evidence_text: str = ""
    verdicts: list[Mention] = field(default_factory=list)  # praise, satisfaction, criticism
    tasks: list[Mention] = field(default_factory=list)
    references: list[dict[str, Any]] = field(default_factory=list)  # earlier visits: {text, date, span}
    # How likely the event is right (0-1) and the rule that says so; set by extract/confidence.py,
    # the last stage. 0.0 and "" until then.
    confidence: float = 0.0
    rule: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "actor": self.actor,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "sites": list(self.sites),
            "sector": self.sector,
            "places": list(self.places),
            "weapons": list(self.weapons),
            "designations": list(self.designations),
            "people": [p.to_json() for p in self.people],
            "evidence": self.evidence_text,
            "evidence_spans": [s.to_json() for s in self.evidence],
            "verdicts": [m.to_json() for m in self.verdicts],
            "tasks": [m.to_json() for m in self.tasks],
            "references": list(self.references),
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Event:
        """The event of a stored record (``to_json``). A record stored before a field existed
        reads with that field's default (no confidence: 0.0)."""
        return cls(
            type=data["type"],
            actor=data.get("actor", LEADER),
            start=_day(data.get("start")),
            end=_day(data.get("end")),
            precision=data.get("precision"),
            sites=list(data.get("sites") or []),
            sector=data.get("sector"),
            places=list(data.get("places") or []),
            weapons=list(data.get("weapons") or []),
            designations=list(data.get("designations") or []),
            people=[Participant.from_json(p) for p in data.get("people") or []],
            evidence=[Span.from_json(s) for s in data.get("evidence_spans") or []],
            evidence_text=data.get("evidence") or "",
            verdicts=[Mention.from_json(m) for m in data.get("verdicts") or []],
            tasks=[Mention.from_json(m) for m in data.get("tasks") or []],
            references=[dict(r) for r in data.get("references") or []],
            confidence=float(data.get("confidence") or 0.0),
            rule=data.get("rule") or "",
        )


def _day(value: Any) -> date | None:
    """A record's ISO day (or a date, as some back ends give it) as a date."""
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


@dataclass(slots=True)
class Extraction:
    """Everything extract found in one document."""

    doc_id: str
    reported: date | None = None  # the dateline's date, kept apart from activity dates
    events: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    kb_version: str = ""
    problems: list[str] = field(default_factory=list)  # components that failed on this text, and why

    def facts(self, kind: MentionKind) -> list[Mention]:
        """Mentions of one kind that are facts of the DPRK's present: not foreign, not history."""
        return [m for m in self.mentions if m.kind == kind and m.counts]

    def names(self, kind: MentionKind) -> list[str]:
        """Distinct canonical names of one kind, in order of first appearance."""
        return list(dict.fromkeys(m.canonical for m in self.facts(kind)))

    def surface_names(self, kind: MentionKind, *, leave_out: str | None = None) -> list[str]:
        """Distinct names of one kind as the text first writes them in full (the longest form, first seen)."""
        return list(self._written(kind, leave_out).values())

    def _written(
        self, kind: MentionKind, leave_out: str | None, facts: list[Mention] | None = None
    ) -> dict[str, str]:
        """Each canonical name of one kind with the form ``surface_names`` gives it.
        ``facts``: ``self.facts(kind)``, when the caller has them already."""
        seen: dict[str, str] = {}
        for m in self.facts(kind) if facts is None else facts:
            if m.canonical == leave_out:
                continue
            written = str(m.attrs.get("display", m.text))
            if len(written.split()) > len(seen.get(m.canonical, "").split()):
                seen[m.canonical] = written
        return seen

    def fact_confidences(
        self,
        kind: MentionKind,
        *,
        leave_out: str | None = None,
        written: dict[str, str] | None = None,
        facts: list[Mention] | None = None,
    ) -> dict[str, float]:
        """Each fact of one kind, named as the record names it, with its confidence: the highest of its
        mentions' (a name written once with certainty is not made doubtful by a weaker mention).
        ``written`` and ``facts``: the names as ``_written`` gives them and ``self.facts(kind)``,
        when the caller has them already."""
        best: dict[str, float] = {}
        for m in self.facts(kind) if facts is None else facts:
            if m.canonical != leave_out and m.confidence is not None:
                best[m.canonical] = max(best.get(m.canonical, 0.0), m.confidence)
        if kind == "weapon":
            return {name: round(c, 3) for name, c in best.items()}
        if written is None:
            written = self._written(kind, leave_out, facts)
        return {written[canonical]: round(c, 3) for canonical, c in best.items()}

    def at_least(self, min_confidence: float) -> Extraction:
        """A copy without the events, people, places and weapons whose confidence is below ``min_confidence``
        (and without the participants whose mention is dropped); dates are kept."""
        dropped = {
            (m.span.start, m.span.end)
            for m in self.mentions
            if m.kind == "person" and (m.confidence or 0.0) < min_confidence
        }
        mentions = [
            m
            for m in self.mentions
            if m.kind not in ("person", "place", "weapon") or (m.confidence or 0.0) >= min_confidence
        ]
        events = []
        for e in self.events:
            if e.confidence < min_confidence:
                continue
            kept = [p for p in e.people if p.span is None or (p.span.start, p.span.end) not in dropped]
            events.append(replace(e, people=kept))
        return replace(self, events=events, mentions=mentions)

    def to_record(self) -> dict[str, Any]:
        """The extraction contract: a superset of the gold schema of the eval guidelines."""
        # the facts of each kind picked out in one pass, and each list's names worked out once
        facts: dict[str, list[Mention]] = {"person": [], "place": [], "weapon": []}
        for m in self.mentions:
            if m.kind in facts and m.counts:
                facts[m.kind].append(m)
        people = self._written("person", LEADER, facts["person"])
        places = self._written("place", None, facts["place"])
        return {
            "id": self.doc_id,
            "reported": self.reported.isoformat() if self.reported else None,
            "events": [e.to_json() for e in self.events],
            "weapons": list(dict.fromkeys(m.canonical for m in facts["weapon"])),
            "designations": sorted(
                {
                    str(m.attrs["designation"])
                    for m in self.mentions
                    if m.kind == "weapon" and m.attrs.get("designation")
                }
            ),
            "people": list(people.values()),
            "places": list(places.values()),
            "mentions": [m.to_json() for m in self.mentions],
            "fact_confidence": {
                "people": self.fact_confidences("person", leave_out=LEADER, written=people, facts=facts["person"]),
                "places": self.fact_confidences("place", written=places, facts=facts["place"]),
                "weapons": self.fact_confidences("weapon", facts=facts["weapon"]),
            },
            "kb_version": self.kb_version,
            **({"problems": list(self.problems)} if self.problems else {}),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Extraction:
        """The extraction a stored record (``to_record``) was made from: events and mentions as
        written; the document-level lists and fact confidences are worked out from the mentions
        again, so ``Extraction.from_record(x.to_record()).to_record() == x.to_record()``."""
        return cls(
            doc_id=str(record["id"]),
            reported=_day(record.get("reported")),
            events=[Event.from_json(e) for e in record.get("events") or []],
            mentions=[Mention.from_json(m) for m in record.get("mentions") or []],
            kb_version=record.get("kb_version") or "",
            problems=list(record.get("problems") or []),
        )
