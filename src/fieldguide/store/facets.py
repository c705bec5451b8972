"""Search facets: for the documents a query matches, how many come from each source and month,
and how many tell of each event type, weapon, person and place.

Counting every match of a broad query ("Kim" matches most of an archive) would cost as much
as the archive is large, so facets count the FACET_WINDOW most recently archived matches
(with the filters applied: the matches a search ranks, store/search.py) and say so
(``counted``); a specific question has fewer matches and is counted whole. The query is
parsed and written for each back end by store/query.py, as search does; every value is a
bound parameter.
"""

from __future__ import annotations

import calendar
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa

from fieldguide.store import query as query_language
from fieldguide.store.search import RANK_WINDOW, _facet_match, _filters

FACET_WINDOW = RANK_WINDOW  # matches counted at most: the ones a search ranks
TOP = 12  # values listed per facet
FACET_KINDS = ("weapon", "person", "place")


@dataclass(slots=True)
class Facets:
    """Counts of documents per value of each facet, largest first."""

    counted: int = 0  # matches counted (at most FACET_WINDOW)
    complete: bool = True  # False when there were more matches than were counted
    source: list[tuple[str, int]] = field(default_factory=list)
    month: list[tuple[str, int]] = field(default_factory=list)
    type: list[tuple[str, int]] = field(default_factory=list)
    weapon: list[tuple[str, int]] = field(default_factory=list)
    person: list[tuple[str, int]] = field(default_factory=list)
    place: list[tuple[str, int]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"counted": self.counted, "complete": self.complete}
        for name in ("source", "type", "weapon", "person", "place"):
            out[name] = [{"value": v, "count": n} for v, n in getattr(self, name)]
        out["month"] = [{"value": v, "count": n, **_month_range(v)} for v, n in self.month]
        return out


def _month_range(month: str) -> dict[str, str]:
    """The first and last day of a month written YYYY-MM."""
    year, number = int(month[:4]), int(month[5:7])
    return {"since": f"{month}-01", "until": f"{month}-{calendar.monthrange(year, number)[1]:02d}"}


def _matches(
    conn: sa.Connection, query: str, since: date | None, until: date | None, source: str | None, type: str | None
) -> tuple[str, dict[str, Any]]:
    """A CTE body selecting the ``seq`` of the newest matches, and its parameters."""
    node = query_language.parse(query)
    where, params = _filters(since, until, source, None)
    if type:
        where += " AND d.id IN (SELECT e.doc_id FROM events e WHERE e.type = :event_type)"
        params["event_type"] = type
    params["window"] = FACET_WINDOW + 1
    if conn.dialect.name == "postgresql":
        params["tsquery"] = query_language.to_tsquery(node)
        return (
            "SELECT d.seq FROM documents d WHERE d.search_vector @@ to_tsquery('english', :tsquery)"
            f"{where} ORDER BY d.seq DESC LIMIT :window",
            params,
        )
    match = query_language.to_fts5(node)
    if since or until or source:
        match = _facet_match(conn, match, since, until, source)
    params["match"] = match
    # Date and source filters read the (seq, published, source, topic) index of migration 0006,
    # not each match's row; the event type needs the row's id.
    index = "" if type else " INDEXED BY ix_documents_seq_filters"
    joined = f" JOIN documents d{index} ON d.seq = f.rowid" if where else ""
    return (
        f"SELECT f.rowid AS seq FROM documents_fts f{joined} "
        f"WHERE documents_fts MATCH :match{where} ORDER BY f.rowid DESC LIMIT :window",
        params,
    )


def search_facets(
    conn: sa.Connection,
    query: str,
    *,
    since: date | None = None,
    until: date | None = None,
    source: str | None = None,
    type: str | None = None,
) -> Facets:
    """The facets of the documents matching ``query`` and the filters (see the module's note)."""
    matches, params = _matches(conn, query, since, until, source, type)
    rows = conn.execute(
        sa.text(
            f"WITH m AS ({matches}) SELECT d.id, d.source, d.published FROM m JOIN documents d ON d.seq = m.seq "
            "ORDER BY d.seq DESC"
        ),
        params,
    ).all()
    facets = Facets(counted=min(len(rows), FACET_WINDOW), complete=len(rows) <= FACET_WINDOW)
    rows = rows[:FACET_WINDOW]
    if not rows:
        return facets
    facets.source = Counter(r.source or "(none)" for r in rows).most_common(TOP)
    months = Counter(str(r.published)[:7] for r in rows if r.published is not None)
    facets.month = sorted(months.items(), reverse=True)
    ids = [r.id for r in rows]
    types: Counter[str] = Counter()
    values: dict[str, Counter[str]] = {kind: Counter() for kind in FACET_KINDS}
    for part in _chunks(ids):
        for row in conn.execute(
            sa.text(
                "SELECT type, count(DISTINCT doc_id) AS n FROM events WHERE doc_id IN :ids GROUP BY type"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": part},
        ):
            types[row.type] += row.n
        # Every kind is grouped and the unwanted ones dropped here: a condition on the kind
        # would lead SQLite's planner to walk the (kind, value) index over the whole archive.
        for row in conn.execute(
            sa.text(
                "SELECT f.kind, f.value, count(DISTINCT e.doc_id) AS n FROM events e "
                "JOIN event_facets f ON f.event_id = e.id "
                "WHERE e.doc_id IN :ids GROUP BY f.kind, f.value"
            ).bindparams(sa.bindparam("ids", expanding=True)),
            {"ids": part},
        ):
            if row.kind in values:
                values[row.kind][row.value] += row.n
    facets.type = types.most_common(TOP)
    facets.weapon = values["weapon"].most_common(TOP)
    facets.person = values["person"].most_common(TOP)
    facets.place = values["place"].most_common(TOP)
    return facets


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]
