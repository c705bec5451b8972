"""Coordinates of the knowledge base's places for the brief's map, read without building the whole
knowledge base (which checks every entry and takes far longer than a brief may).

    locate(["Pyongyang", "Hamhung"])   # Located("Pyongyang", 39.03, 125.75)

A place without coordinates of its own takes its nearest parent's (a county its province's).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

PLACE_FILES = ("places.yaml", "foreign_places.yaml")


@dataclass(frozen=True, slots=True)
class Located:
    name: str  # the place named, as the knowledge base writes it
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    parent: str | None
    lat: float | None
    lon: float | None


@cache
def _entries() -> dict[str, _Entry]:
    """Every packaged place by its folded name and aliases."""
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = resources.files("fieldguide.kb").joinpath("data")
    out: dict[str, _Entry] = {}
    for name in PLACE_FILES:
        document = yaml.load(data.joinpath(name).read_text(encoding="utf-8"), Loader=loader) or {}
        for spec in document.get("places") or []:
            if not isinstance(spec, dict) or not spec.get("name"):
                continue
            lat, lon = spec.get("lat"), spec.get("lon")
            entry = _Entry(
                str(spec["name"]),
                str(spec["parent"]) if spec.get("parent") else None,
                float(lat) if lat is not None else None,
                float(lon) if lon is not None else None,
            )
            for key in (entry.name, *(str(a) for a in spec.get("aliases") or [])):
                out.setdefault(key.casefold(), entry)
    return out


def locate(names: Iterable[str]) -> Located | None:
    """The first of ``names`` the knowledge base places on the map (its own coordinates or a parent's)."""
    entries = _entries()
    for name in names:
        entry = entries.get(name.casefold())
        seen: set[str] = set()
        while entry is not None and entry.name not in seen:
            if entry.lat is not None and entry.lon is not None:
                return Located(entry.name, entry.lat, entry.lon)
            seen.add(entry.name)
            entry = entries.get(entry.parent.casefold()) if entry.parent else None
    return None
