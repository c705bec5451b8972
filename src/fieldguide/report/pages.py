"""What each page of the web app shows, as plain data the page and its JSON share: one
function per page, over the same library calls the command line makes (search, appearances,
timeline, events, dossier, novelties, brief, activity rows). The web layer only renders.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from fieldguide.kb import KnowledgeBase
from fieldguide.report import korea_map
from fieldguide.report.export import event_facts
from fieldguide.report.urls import web_url
from fieldguide.store import Store
from fieldguide.store import documents as stored
from fieldguide.store.engine import TIMEOUT
from fieldguide.store.facets import search_facets
from fieldguide.store.search import RANK_WINDOW

PAGE_SIZE = 20
HOME_DAYS = 30  # the front page's "recent": days up to the newest document
APPEARANCE_DAYS = 365  # /appearances without dates: the year up to the newest document
MAP_DAYS = 90
MAP_WIDTH = 420


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _day_text(value: date | str | None) -> str | None:
    """A day as YYYY-MM-DD, whether a row gives it as a date or already as text."""
    return value.isoformat() if isinstance(value, date) else value


def _newest(store: Store) -> date:
    with store.snapshot() as conn:
        return stored.newest_published(conn) or date.today()


# --- / ------------------------------------------------------------------------------------


def home_page(store: Store, kb: KnowledgeBase) -> dict[str, Any]:
    """What is new: the latest documents and activities, first appearances, days since the
    leader's last public appearance (counted to the newest document)."""
    from fieldguide.analyze.activities import appearances
    from fieldguide.analyze.novelty import novelties

    newest = _newest(store)
    with store.snapshot() as conn:
        latest = [d.to_json() for d in stored.latest_documents(conn)]
    seen = appearances(store, newest - timedelta(days=APPEARANCE_DAYS), newest)
    last = max((a.anchor for a in seen if a.anchor), default=None)
    recent = [a.appearance_json() for a in seen if a.anchor and a.anchor >= newest - timedelta(days=HOME_DAYS)]
    novelty = novelties(store, newest - timedelta(days=HOME_DAYS), kb).to_json()
    return {
        "newest_document": _iso(newest),
        "latest_documents": latest,
        "latest_appearances": list(reversed(recent))[:PAGE_SIZE],
        "last_appearance": _iso(last),
        "days_since_last_appearance": (newest - last).days if last else None,
        "first_appearances": novelty.get("items", [])[:PAGE_SIZE],
    }


# --- /search --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str
    since: date | None = None
    until: date | None = None
    source: str | None = None
    type: str | None = None
    page: int = 1


def search_facets_json(store: Store, p: SearchParams) -> dict[str, Any]:
    """The facets of every match of a search (whatever its page)."""
    with store.snapshot() as conn:
        conn.execution_options(**{TIMEOUT: store.statement_timeout})
        facets = search_facets(conn, p.q, since=p.since, until=p.until, source=p.source, type=p.type)
    return facets.to_json()


def search_page(
    store: Store, p: SearchParams, facets_of: Callable[[SearchParams], dict[str, Any]] | None = None
) -> dict[str, Any]:
    """One page of hits (snippets marked [like this]) and the facets of every match (``facets_of``
    gives them when the caller keeps them: they are the same for every page of a search)."""
    offset = (p.page - 1) * PAGE_SIZE
    out: dict[str, Any] = {
        "query": p.q,
        "filters": {"since": _iso(p.since), "until": _iso(p.until), "source": p.source, "type": p.type},
        "page": p.page,
        "page_size": PAGE_SIZE,
        "hits": [],
        "has_more": False,
        "facets": None,
    }
    if not p.q.strip():
        return out
    wanted = min(offset + PAGE_SIZE + 1, RANK_WINDOW)
    hits = store.search(p.q, since=p.since, until=p.until, source=p.source, limit=wanted, event_type=p.type)
    shown = hits[offset : offset + PAGE_SIZE]
    out["hits"] = [{**h.to_json(), "link": web_url(h.url)} for h in shown]
    out["has_more"] = len(hits) > offset + PAGE_SIZE
    out["facets"] = facets_of(p) if facets_of else search_facets_json(store, p)
    return out


# --- /appearances ---------------------------------------------------------------------------


def appearances_page(store: Store, since: date | None, until: date | None) -> dict[str, Any]:
    """The leader's public appearances (one row per activity with all its documents), per
    week, and his longest absences; without dates the year up to the newest document."""
    from fieldguide.analyze.activities import appearances
    from fieldguide.analyze.timeline import Filters, timeline

    if since is None and until is None:
        until = _newest(store)
        since = until - timedelta(days=APPEARANCE_DAYS)
    found = appearances(store, since, until)
    weekly = timeline(store, by="week", filters=Filters(since=since, until=until), lean=True)
    weeks = [{"period": b.period, "start": b.start.isoformat(), "appearances": b.appearances} for b in weekly.buckets]
    return {
        "since": _iso(since),
        "until": _iso(until),
        "appearances": [a.appearance_json() for a in found],
        "weeks": weeks,
        "most_in_a_week": max((b.appearances for b in weekly.buckets), default=0),
        "gaps": [g.to_json() for g in weekly.gaps],
        "days_since_last": weekly.days_since_last,
    }


# --- /events --------------------------------------------------------------------------------


def events_page(
    store: Store,
    type: str | None = None,
    weapon: str | None = None,
    person: str | None = None,
    place: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """Stored events matching every filter, latest first."""
    rows = store.events(type=type, weapon=weapon, person=person, place=place, since=since, until=until, limit=limit)
    return {
        "filters": {
            "type": type,
            "weapon": weapon,
            "person": person,
            "place": place,
            "since": _iso(since),
            "until": _iso(until),
        },
        "events": event_facts(store, rows),  # the shape of `events --format json` and `export`
    }


# --- /dossiers/{name} -----------------------------------------------------------------------


def dossier_page(store: Store, name: str, kb: KnowledgeBase) -> dict[str, Any]:
    """Everything on one name (see analyze/dossier.py), with its events per month."""
    from fieldguide.analyze.dossier import dossier

    data = dossier(store, name, kb).to_json()
    per_month = data.get("per_month") or {}
    data["most_in_a_month"] = max(per_month.values(), default=0)
    return data


# --- /map -----------------------------------------------------------------------------------


def map_page(store: Store, kb: KnowledgeBase, since: date | None, until: date | None) -> dict[str, Any]:
    """The places of the leader's activities in a period (without dates the 90 days up to the
    newest document), each with its activities, and the map of them (``svg``: the outline of
    Korea with a marker per place linking to its entry, every label escaped; report/korea_map.py)."""
    from fieldguide.exports.rows import activity_rows

    if since is None and until is None:
        until = _newest(store)
        since = until - timedelta(days=MAP_DAYS)
    places: dict[str, dict[str, Any]] = {}
    unplaced = 0
    for row in activity_rows(store, since, until, kb):
        lat, lon = row["lat"], row["lon"]
        if lat is None or lon is None or not korea_map.on_map(lat, lon):
            unplaced += 1
            continue
        spot = places.setdefault(row["place"], {"place": row["place"], "lat": lat, "lon": lon, "activities": []})
        spot["activities"].append(
            {"date": _day_text(row["date"]), "type": row["type"], "site": row["site"], "doc_id": row["main_doc"]}
        )
    ordered = sorted(places.values(), key=lambda p: -len(p["activities"]))
    for n, spot in enumerate(ordered, 1):
        spot["anchor"] = f"place-{n}"
    points = [
        korea_map.MapPoint(f"{p['place']} ({len(p['activities'])})", p["lat"], p["lon"], f"#{p['anchor']}")
        for p in ordered
    ]
    return {
        "since": _iso(since),
        "until": _iso(until),
        "places": ordered,
        "unplaced": unplaced,
        "svg": korea_map.korea_map_svg(points, width=MAP_WIDTH, title="Places of the leader's activities"),
    }


# --- /brief ---------------------------------------------------------------------------------


def _brief(store: Store, since: date | None, until: date | None, story: str | None) -> Any:
    from fieldguide.errors import QueryError
    from fieldguide.report.compose import build_brief, build_story_brief

    if story and (since or until):
        raise QueryError("give either story or since/until, not both")
    return build_story_brief(store, story) if story else build_brief(store, since, until)


def brief_page(store: Store, since: date | None, until: date | None, story: str | None) -> dict[str, Any]:
    """The briefing (see report/compose.py) as data."""
    data: dict[str, Any] = _brief(store, since, until, story).to_json()
    return data


def brief_download(
    store: Store, since: date | None, until: date | None, story: str | None, format: str
) -> tuple[str, str, str]:
    """The briefing as a file: (text, media type, file name); ``format`` md or html."""
    from fieldguide.report.html import render_html
    from fieldguide.report.markdown import render_markdown

    brief = _brief(store, since, until, story)
    if format == "html":
        return render_html(brief), "text/html; charset=utf-8", "brief.html"
    return render_markdown(brief), "text/markdown; charset=utf-8", "brief.md"
