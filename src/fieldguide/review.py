"""Analysts' corrections as the CLI and the web app make them: recorded by the store, and the
leader's activities of the changed days regrouped in the same write transaction.

The store keeps corrections and applies them where a document's facts are written
(store/corrections.py); grouping activities is the analysis' job (analyze/activities.py). This
module joins the two, so that neither imports the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldguide.analyze.activities import regroup_on
from fieldguide.store import Store
from fieldguide.store.corrections import Correction, record_correction, withdraw_correction


def correct(
    store: Store,
    *,
    doc_id: str,
    fact_kind: str,
    action: str,
    target: Mapping[str, Any] | None = None,
    value: Mapping[str, Any] | None = None,
    author: str,
    reason: str,
) -> Correction:
    """Record a correction (see ``store.corrections.record_correction``) and regroup his activities."""
    return record_correction(
        store,
        doc_id=doc_id,
        fact_kind=fact_kind,
        action=action,
        target=target,
        value=value,
        author=author,
        reason=reason,
        then=regroup_on,
    )


def withdraw(store: Store, correction_id: int, author: str, reason: str) -> Correction:
    """Withdraw a correction (see ``store.corrections.withdraw_correction``) and regroup his activities."""
    return withdraw_correction(store, correction_id, author, reason, then=regroup_on)
