"""An offline outline of the Korean peninsula and a projection onto it, for maps drawn as
inline SVG (the web app's /map, and any HTML output): no tiles, no network.

The outline is simplified by hand from coastline and border points (latitude, longitude) at
roughly 10-30 km spacing: good for placing a county on the right side of a province, not
for navigation.

    x, y = project(39.02, 125.75)        # Pyongyang, in the VIEW_WIDTH x VIEW_HEIGHT box
    svg_path(MAINLAND)                   # "M x y L x y ... Z"
"""

from __future__ import annotations

import math
from collections.abc import Sequence

# The box drawn: longitude 124 to 131 E, latitude 33 to 43.2 N.
WEST, EAST, SOUTH, NORTH = 124.0, 131.0, 33.0, 43.2
VIEW_WIDTH = 420.0
# Equirectangular with the scale of the box's middle latitude: close enough at this size.
_X_SCALE = VIEW_WIDTH / (EAST - WEST)
_Y_SCALE = _X_SCALE / math.cos(math.radians((NORTH + SOUTH) / 2))
VIEW_HEIGHT = round((NORTH - SOUTH) * _Y_SCALE, 1)

LatLon = tuple[float, float]

# Clockwise from the mouth of the Yalu: up the Yalu and the Tumen, down the east coast, along
# the south coast, up the west coast.
MAINLAND: tuple[LatLon, ...] = (
    (39.95, 124.35), (40.1, 124.4), (40.45, 124.9), (40.9, 125.45), (41.15, 126.3), (41.45, 126.9),
    (41.75, 127.25), (41.45, 128.15), (41.65, 128.3), (42.0, 128.05), (42.15, 128.6), (42.25, 129.2),
    (42.45, 129.75), (42.95, 129.98), (42.7, 130.25), (42.3, 130.65), (42.25, 130.3), (41.78, 129.8),
    (41.4, 129.6), (40.67, 129.2), (40.45, 128.9), (40.05, 128.3), (39.83, 127.62), (39.4, 127.45),
    (39.15, 127.45), (38.95, 127.9), (38.6, 128.35), (38.2, 128.6), (37.75, 128.9), (37.45, 129.17),
    (36.9, 129.4), (36.03, 129.38), (35.5, 129.45), (35.1, 129.05), (34.85, 128.6), (34.9, 128.1),
    (34.73, 127.7), (34.5, 127.3), (34.55, 126.9), (34.3, 126.5), (34.8, 126.4), (35.4, 126.45),
    (35.98, 126.7), (36.35, 126.55), (36.75, 126.15), (37.05, 126.75), (37.45, 126.6), (37.7, 126.4),
    (37.75, 126.1), (37.9, 125.9), (38.0, 125.7), (37.85, 125.3), (38.1, 125.0), (38.2, 124.7),
    (38.55, 125.1), (38.73, 125.4), (38.9, 125.15), (39.25, 125.35), (39.6, 125.4), (39.7, 124.7),
    (39.95, 124.35),
)
JEJU: tuple[LatLon, ...] = ((33.5, 126.15), (33.55, 126.9), (33.3, 126.95), (33.2, 126.25), (33.5, 126.15))
# The Military Demarcation Line, roughly, from the Han estuary to the east coast.
DEMARCATION: tuple[LatLon, ...] = (
    (37.75, 126.1), (37.95, 126.68), (38.1, 126.95), (38.3, 127.1), (38.3, 127.6), (38.33, 127.9),
    (38.6, 128.35),
)
SHAPES = (MAINLAND, JEJU)


def project(lat: float, lon: float) -> tuple[float, float]:
    """A point's place in the VIEW_WIDTH x VIEW_HEIGHT box (y grows southward)."""
    return round((lon - WEST) * _X_SCALE, 1), round((NORTH - lat) * _Y_SCALE, 1)


def inside(lat: float, lon: float) -> bool:
    """Whether the point falls in the box drawn."""
    return SOUTH <= lat <= NORTH and WEST <= lon <= EAST


def svg_path(points: Sequence[LatLon], closed: bool = True) -> str:
    """The SVG path data of a line through ``points``."""
    coords = [project(lat, lon) for lat, lon in points]
    body = " L ".join(f"{x} {y}" for x, y in coords)
    return f"M {body}{' Z' if closed else ''}"


def outline_paths() -> dict[str, str]:
    """The land (every shape as one path) and the demarcation line, as SVG path data."""
    return {"land": " ".join(svg_path(s) for s in SHAPES), "border": svg_path(DEMARCATION, closed=False)}
