"""The leader's activities on a map: a GeoJSON FeatureCollection (RFC 7946), streamed.

One Point feature per activity whose reports name a place the knowledge base locates
(``rows.located_place``); coordinates are [longitude, latitude] as RFC 7946 orders them.
Activities without a located place are left out (the CSV and Parquet exports have them all).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import IO, Any


def feature(row: Mapping[str, Any]) -> dict[str, Any] | None:
    """The feature of an activity row (``serialize.activity_fact``), or None when it has no coordinates."""
    if row.get("lat") is None or row.get("lon") is None:
        return None
    properties = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items() if k not in ("lat", "lon")}
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row["lon"], row["lat"]]},
        "properties": properties,
    }


def write_geojson(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """The FeatureCollection, one feature at a time; returns how many features."""
    out.write('{"type": "FeatureCollection", "features": [')
    count = 0
    for row in rows:
        found = feature(row)
        if found is None:
            continue
        out.write(("," if count else "") + "\n  " + json.dumps(found, ensure_ascii=False))
        count += 1
    out.write("\n]}\n")
    return count
