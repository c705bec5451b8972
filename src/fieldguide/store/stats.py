"""What the archive holds, in numbers: the body of ``fieldguide stats``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from fieldguide.store.processes import is_alive
from fieldguide.store.schema import documents, events, extractions, rejects, runs, sightings, stories

RECENT_RUNS = 20
RECENT_REJECTS = 100


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, datetime) else value


def run_status(finished: Any, counts: dict[str, Any] | None, later_runs: bool) -> str:
    """finished; running or interrupted (its process is alive or gone); for a run of another host, or
    of a fieldguide that did not record its process: interrupted once a later run has started, else
    unfinished (it may still be going)."""
    if finished is not None:
        return "finished"
    process = (counts or {}).get("process")
    alive = is_alive(process) if isinstance(process, dict) else None
    if alive is not None:
        return "running" if alive else "interrupted"
    return "interrupted" if later_runs else "unfinished"


def _run_json(run: sa.Row[Any], latest_id: int) -> dict[str, Any]:
    counts = dict(run.counts or {})
    process = counts.pop("process", None)
    return {
        "id": run.id,
        "started": _iso(run.started),
        "finished": _iso(run.finished),
        "status": run_status(run.finished, run.counts, later_runs=run.id < latest_id),
        "inputs": run.inputs,
        "counts": counts or None,
        "process": process,
    }


def stats(conn: sa.Connection) -> dict[str, Any]:
    """Counts, documents per source and per month, recent runs and their rejects (latest first)."""

    def count(table: sa.Table, *where: Any) -> int:
        return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(*where)).scalar_one())

    if conn.dialect.name == "postgresql":
        month = sa.func.to_char(documents.c.published, "YYYY-MM")
    else:
        month = sa.func.substr(documents.c.published, 1, 7)
    per_source = conn.execute(
        sa.select(documents.c.source, sa.func.count()).group_by(documents.c.source).order_by(sa.func.count().desc())
    ).all()
    per_month = conn.execute(
        sa.select(month.label("month"), sa.func.count())
        .where(documents.c.published.is_not(None))
        .group_by("month")
        .order_by("month")
    ).all()
    recent_runs = conn.execute(sa.select(runs).order_by(runs.c.id.desc()).limit(RECENT_RUNS)).all()
    recent_rejects = conn.execute(
        sa.select(rejects.c.run_id, rejects.c.origin, rejects.c.reason)
        .order_by(rejects.c.run_id.desc(), rejects.c.id)
        .limit(RECENT_REJECTS)
    ).all()
    total_versions = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(documents.c.version), 0))).scalar_one()
    return {
        "documents": count(documents),
        "stories": count(stories),
        "versions": int(total_versions),
        "sightings": count(sightings),
        "duplicates": count(sightings, sightings.c.alias_id != sightings.c.doc_id),
        "extractions": count(extractions),
        "events": count(events),
        "per_source": {source or "(none)": n for source, n in per_source},
        "per_month": {m: n for m, n in per_month},
        "runs": [_run_json(r, recent_runs[0].id) for r in recent_runs],
        "run_count": count(runs),
        "rejects": [{"run_id": r.run_id, "origin": r.origin, "reason": r.reason} for r in recent_rejects],
        "reject_count": count(rejects),
    }
