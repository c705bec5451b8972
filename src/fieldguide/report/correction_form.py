"""A correction as the web app's forms send it: flat text fields turned into the target and
value that ``review.correct`` takes (lists separated by ';', as the
command line's --set takes them), recorded under the author the form names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldguide.errors import CorrectionError
from fieldguide.review import correct
from fieldguide.store import Store
from fieldguide.store.correcting import EVENT_FIELDS
from fieldguide.store.corrections import Correction, review_queue

REVIEW_PAGE = 50


def _span(raw: str) -> list[int]:
    start, sep, end = raw.replace(",", "-").partition("-")
    try:
        if not sep:
            raise ValueError
        return [int(start), int(end)]
    except ValueError:
        raise CorrectionError(f"span {raw!r} is not START-END") from None


def form_correction(form: Mapping[str, str | None]) -> dict[str, Any]:
    """The keyword arguments of ``review.correct`` (but the store, document and author)."""
    kind = (form.get("fact_kind") or "").strip()
    target: dict[str, Any] = {}
    if (form.get("target_span") or "").strip():
        target["span"] = _span(str(form["target_span"]).strip())
    if (form.get("target_value") or "").strip():
        target["value"] = str(form["target_value"]).strip()
    names = EVENT_FIELDS if kind == "event" else ("name",)
    value = {name: str(form[name]).strip() for name in names if (form.get(name) or "").strip()}
    return {
        "fact_kind": kind,
        "action": (form.get("action") or "").strip(),
        "target": target or None,
        "value": value or None,
        "reason": (form.get("reason") or "").strip(),
    }


def submit_correction(store: Store, doc_id: str, form: Mapping[str, str | None], author: str) -> Correction:
    """Record the correction a form describes; CorrectionError (E800) says what is wrong with it."""
    return correct(store, doc_id=doc_id, author=author, **form_correction(form))


def review_page(store: Store, page: int = 1) -> dict[str, Any]:
    """The review queue: extracted events, least likely right first, REVIEW_PAGE a page."""
    items = review_queue(store, limit=REVIEW_PAGE + 1, offset=(page - 1) * REVIEW_PAGE)
    return {
        "page": page,
        "items": [i.to_json() for i in items[:REVIEW_PAGE]],
        "has_more": len(items) > REVIEW_PAGE,
    }
