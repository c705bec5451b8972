"""analyze: timeline, dossiers, novelty and entity resolution over the archive.

    from fieldguide.analyze import timeline, dossier, novelties, back_references, Filters
    timeline(store, by="month", filters=Filters(type="inspection")).to_json()
    dossier(store, "Jo Yong-won", kb).to_json()
    novelties(store, since=date(2024, 10, 1), kb=kb).to_json()

Every function reads the store and returns plain dataclasses with ``to_json()``; nothing
here needs a language model, and every result cites its documents and evidence spans.
"""

from fieldguide.analyze.dossier import Appearance, Dossier, Subject, Tally, dossier, resolve
from fieldguide.analyze.entities import FacilityKey, SiteGroup, TitleSeen, facility_key, group_sites, resolve_weapon
from fieldguide.analyze.novelty import NewItem, Novelty, TitleChange, Unusual, novelties
from fieldguide.analyze.queries import Citation
from fieldguide.analyze.references import BackReference, back_references, find_back_references
from fieldguide.analyze.timeline import Bucket, Filters, Gap, Timeline, timeline

__all__ = [
    "Appearance",
    "BackReference",
    "Bucket",
    "Citation",
    "Dossier",
    "FacilityKey",
    "Filters",
    "Gap",
    "NewItem",
    "Novelty",
    "SiteGroup",
    "Subject",
    "Tally",
    "Timeline",
    "TitleChange",
    "TitleSeen",
    "Unusual",
    "back_references",
    "dossier",
    "facility_key",
    "find_back_references",
    "group_sites",
    "novelties",
    "resolve",
    "resolve_weapon",
    "timeline",
]
