"""What the press added: the claims of a linked report that its dispatch does not support.

A weapon, a date, a place, a number or a name that the report gives and the dispatch never does is
listed with the report's words and span beside the dispatch's closest words and span (or None when
the dispatch has nothing close), so that an analyst sees at once what came from elsewhere. A name is
set beside a person of a similar name or the same title only, never beside the leader.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from fieldguide.link.evidence import Number, fold, number_key, numbers
from fieldguide.model import LEADER, Document, Extraction, Span

AdditionKind = Literal["weapon", "date", "place", "number", "name"]
_MENTION_KINDS: dict[str, AdditionKind] = {"weapon": "weapon", "place": "place", "person": "name"}
CLOSE_ENOUGH = 0.5  # difflib ratio under which the dispatch has "nothing close"
DATE_SLACK_DAYS = 7


@dataclass(frozen=True, slots=True)
class Addition:
    kind: AdditionKind
    text: str  # the report's words
    span: Span
    dispatch_text: str | None  # the dispatch's closest words
    dispatch_span: Span | None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "report": {"text": self.text, "span": self.span.to_json()},
            "dispatch": (
                {"text": self.dispatch_text, "span": self.dispatch_span.to_json()}
                if self.dispatch_text is not None and self.dispatch_span is not None
                else None
            ),
        }


def _record(extraction: Extraction | Mapping[str, Any]) -> Mapping[str, Any]:
    return extraction.to_record() if isinstance(extraction, Extraction) else extraction


def _mentions(record: Mapping[str, Any], kind: str) -> list[dict[str, Any]]:
    return [m for m in record.get("mentions", []) if m.get("kind") == kind]


def _key(m: Mapping[str, Any]) -> str:
    attrs = m.get("attrs") or {}
    return fold(str(attrs.get("designation") or m.get("canonical") or m.get("text", "")))


def _span(m: Mapping[str, Any]) -> Span:
    start, end = m["span"]
    return Span(int(start), int(end))


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _closest_words(text: str, others: list[dict[str, Any]], threshold: float = CLOSE_ENOUGH) -> tuple[str, Span] | None:
    best, best_ratio = None, threshold
    folded = fold(text)
    for m in others:
        ratio = difflib.SequenceMatcher(None, folded, fold(str(m.get("text", "")))).ratio()
        if ratio >= best_ratio:
            best, best_ratio = m, ratio
    return (str(best["text"]), _span(best)) if best else None


def _name_words(m: Mapping[str, Any]) -> list[str]:
    return fold(str(m.get("canonical") or m.get("text", ""))).split()


def _similar_people(mine: Mapping[str, Any], theirs: Mapping[str, Any]) -> bool:
    """Two people who may be one: the same surname (first or last word) and given names alike
    ("Ri Yong Sik" and "Ri Yong Gil"), or the same title. Letters alone pair anyone with anyone
    ("Kang Pong Hun" with "Kim Jong Un")."""
    title, other_title = ((m.get("attrs") or {}).get("title") for m in (mine, theirs))
    if title and other_title and fold(str(title)) == fold(str(other_title)):
        return True
    a, b = _name_words(mine), _name_words(theirs)
    if len(a) < 2 or len(b) < 2:
        return False
    if a[0] == b[0]:  # Korean order: surname first
        given, other_given = a[1:], b[1:]
    elif a[-1] == b[-1]:  # "Sergei Shoigu" and "Sergey Shoigu"
        given, other_given = a[:-1], b[:-1]
    else:
        return False
    return difflib.SequenceMatcher(None, " ".join(given), " ".join(other_given)).ratio() >= CLOSE_ENOUGH


def _closest_person(m: Mapping[str, Any], others: list[dict[str, Any]]) -> tuple[str, Span] | None:
    """The dispatch's person closest to the report's, among those who may be the same person;
    never the leader, whom KCNA names in every dispatch he is in and who is no one else."""
    alike = [o for o in others if o.get("canonical") != LEADER and _similar_people(m, o)]
    return _closest_words(str(m.get("text", "")), alike, threshold=0.0)


_DATELINE_END = re.compile(r"^[\w ,.'()]{0,30}?(?:—|--|–| - |\()")


def _is_dateline(text: str, span: Span) -> bool:
    """A place that opens a paragraph before a dash ("SEOUL, South Korea (AP) —") says where the
    reporter wrote, not where anything happened."""
    line_start = text.rfind("\n", 0, span.start) + 1
    return not text[line_start : span.start].strip() and bool(_DATELINE_END.match(text[span.end :]))


def _entity_additions(
    report: Mapping[str, Any], dispatch: Mapping[str, Any], report_text: str, dispatch_text: str
) -> list[Addition]:
    out: list[Addition] = []
    folded_dispatch = fold(dispatch_text)
    for kind, addition_kind in _MENTION_KINDS.items():
        theirs = _mentions(dispatch, kind)
        supported = {_key(m) for m in theirs}
        if kind == "weapon":
            supported |= {fold(str(m.get("canonical", ""))) for m in theirs}
        seen: set[str] = set()
        for m in _mentions(report, kind):
            attrs = m.get("attrs") or {}
            key = _key(m)
            if key in seen or attrs.get("generic") or (kind == "person" and m.get("canonical") == LEADER):
                continue
            seen.add(key)
            if key in supported or fold(str(m.get("text", ""))) in folded_dispatch:
                continue
            if kind == "place" and _is_dateline(report_text, _span(m)):
                continue
            close = _closest_person(m, theirs) if kind == "person" else _closest_words(str(m.get("text", "")), theirs)
            out.append(Addition(addition_kind, str(m["text"]), _span(m), *(close or (None, None))))
    return out


def _date_additions(
    report: Mapping[str, Any], dispatch: Mapping[str, Any], report_doc: Document, dispatch_doc: Document
) -> list[Addition]:
    theirs = [(m, _day((m.get("attrs") or {}).get("start"))) for m in _mentions(dispatch, "date")]
    supported = {d for _, d in theirs if d}
    supported |= {d for e in dispatch.get("events", []) for d in (_day(e.get("start")), _day(e.get("end"))) if d}
    # The day the dispatch came out and the report's own dateline are not claims about the activity.
    supported |= {d for d in (dispatch_doc.published, report_doc.published, _day(report.get("reported"))) if d}
    out: list[Addition] = []
    for m in _mentions(report, "date"):
        attrs = m.get("attrs") or {}
        day = _day(attrs.get("start"))
        if attrs.get("precision") != "day" or day is None or day in supported:
            continue
        near = [(abs((d - day).days), mm) for mm, d in theirs if d and abs((d - day).days) <= DATE_SLACK_DAYS]
        close = min(near, key=lambda pair: pair[0])[1] if near else None
        out.append(
            Addition(
                "date",
                str(m["text"]),
                _span(m),
                str(close["text"]) if close else None,
                _span(close) if close else None,
            )
        )
    return out


def _closest_number(value: Number, theirs: list[Number]) -> Number | None:
    try:
        mine = float(number_key(value.value))
    except ValueError:
        return None
    best, best_gap = None, 0.25  # relative difference beyond which no number is close
    for other in theirs:
        try:
            gap = abs(float(number_key(other.value)) - mine) / max(mine, 1.0)
        except ValueError:
            continue
        if gap <= best_gap:
            best, best_gap = other, gap
    return best


def _number_additions(report_doc: Document, dispatch_doc: Document) -> list[Addition]:
    theirs = numbers(dispatch_doc.text)
    supported = {number_key(n.value) for n in theirs}
    out: list[Addition] = []
    seen: set[str] = set()
    for n in numbers(report_doc.text):
        key = number_key(n.value)
        if key in supported or key in seen:
            continue
        seen.add(key)
        close = _closest_number(n, theirs)
        out.append(
            Addition(
                "number",
                n.text,
                Span(n.start, n.end),
                close.text if close else None,
                Span(close.start, close.end) if close else None,
            )
        )
    return out


def press_additions(
    report_doc: Document,
    report_extraction: Extraction | Mapping[str, Any],
    dispatch_doc: Document,
    dispatch_extraction: Extraction | Mapping[str, Any],
) -> list[Addition]:
    """The report's weapons, dates, places, numbers and names that the dispatch does not give,
    in the order the report gives them."""
    report, dispatch = _record(report_extraction), _record(dispatch_extraction)
    found = _entity_additions(report, dispatch, report_doc.text, dispatch_doc.text)
    found += _date_additions(report, dispatch, report_doc, dispatch_doc)
    found += _number_additions(report_doc, dispatch_doc)
    return sorted(found, key=lambda a: (a.span.start, a.kind))
