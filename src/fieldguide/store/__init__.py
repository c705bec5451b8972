"""The archive: documents, their versions, sightings and stories, full-text search, and
the extraction engine's results, in SQLite or PostgreSQL behind one ``Store``."""

from fieldguide.store.archive import Store
from fieldguide.store.types import BatchResult, SearchHit, Version

__all__ = ["BatchResult", "SearchHit", "Store", "Version"]
