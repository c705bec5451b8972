"""Reads of the dossier that are not in analyze/: which stored events are among given ids (the
dossier asks which activities hold the events it lists)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from fieldguide.store.schema import events


def events_among(event_ids: Sequence[int]) -> sa.Select[Any]:
    """A select of these event ids, for ``read_activities(matching=...)``."""
    return sa.select(events.c.id).where(events.c.id.in_(sorted(set(event_ids))))
