"""Metadata for browsing the archive in Datasette: ``datasette fieldguide.db -m metadata.json``.

Titles, descriptions, facets and column notes for the views of migration 0011 (view_activities,
view_events, view_people, view_places, view_weapons). The database key is the SQLite file's
name without its suffix, as Datasette names it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

EVENT_COLUMNS = {
    "day": "The day the event counts on: its start, else its dispatch's date.",
    "start": "First day, when the dispatch gives one.",
    "end": "Last day (the same as start for one day).",
    "type": "Event type (the closed set of the evaluation guidelines).",
    "actor": "Who acted: Kim Jong Un, or another official or body.",
    "sector": "Military, economy, society, ...",
    "site": "The first site named (a noun phrase as the dispatch writes it).",
    "evidence": "The sentence the event was read from.",
    "title": "The dispatch's headline.",
    "published": "The dispatch's date.",
}
MENTION_COLUMNS = {
    "name": "The canonical name (the knowledge base's, or as KCNA writes it).",
    "written": "The name as the document writes it.",
    "start": "Character offset of the mention in the stored text.",
    "evidence": "The text around the mention.",
    "published": "The document's date.",
}

TABLES: dict[str, dict[str, Any]] = {
    "view_activities": {
        "title": "The leader's activities",
        "description": "Kim Jong Un's events in KCNA dispatches, one row per report; "
        "`fieldguide appearances` groups the reports of one activity.",
        "facets": ["type", "sector", "site", "published"],
        "sort_desc": "day",
        "columns": EVENT_COLUMNS,
    },
    "view_events": {
        "title": "Events",
        "description": "Every extracted event, of any actor, in dispatches and foreign reports.",
        "facets": ["type", "actor", "sector", "document_kind"],
        "sort_desc": "day",
        "columns": EVENT_COLUMNS,
    },
    "view_people": {
        "title": "People",
        "description": "Every mention of a person, with its document and the text around it.",
        "facets": ["name", "document_kind"],
        "sort_desc": "published",
        "columns": MENTION_COLUMNS,
    },
    "view_places": {
        "title": "Places",
        "description": "Every mention of a place, with its document and the text around it.",
        "facets": ["name", "document_kind"],
        "sort_desc": "published",
        "columns": MENTION_COLUMNS,
    },
    "view_weapons": {
        "title": "Weapons",
        "description": "Every mention of a weapon category or designation, with its document and the text around it.",
        "facets": ["name", "kind"],
        "sort_desc": "published",
        "columns": MENTION_COLUMNS,
    },
}


def database_name(url: str) -> str:
    """Datasette's name for the database of a store URL: the file's stem (``fieldguide``)."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).stem or "fieldguide"
    return "fieldguide"


def datasette_metadata(url: str) -> dict[str, Any]:
    return {
        "title": "fieldguide archive",
        "description": "KCNA dispatches and foreign reports, with the events, people, places and weapons "
        "fieldguide extracted from them; every row points to its document and evidence.",
        "databases": {database_name(url): {"tables": TABLES}},
    }
