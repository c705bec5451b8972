"""Alembic migrations of the archive; run by ``Store.open`` (see store/engine.py)."""
