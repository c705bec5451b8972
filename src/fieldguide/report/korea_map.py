"""A map of Korea drawn offline: a bundled outline of the peninsula and labelled points, as inline SVG.

    svg = korea_map_svg([MapPoint("Pyongyang", 39.03, 125.75, "#item-1")], width=320)

No tile server and no external asset: the outline is a few dozen hand-placed coordinates of
the coasts and of the borders with China and Russia (accurate to some kilometres, enough to
see where in the country a site lies), the Military Demarcation Line drawn dashed, and the
points projected with an equirectangular projection scaled for the peninsula's latitude.
Every label and link is escaped; a link other than http(s) or a fragment ("#...") is dropped.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

# (longitude, latitude), clockwise from the mouth of the Amnok (Yalu).
_PENINSULA: tuple[tuple[float, float], ...] = (
    (124.20, 39.85),  # Amnok estuary, Sinuiju
    (124.40, 40.10),
    (124.90, 40.45),
    (125.40, 40.65),
    (126.00, 40.90),
    (126.30, 41.15),  # Manpo
    (126.90, 41.75),
    (127.50, 41.45),
    (128.15, 41.40),  # Hyesan
    (128.05, 42.00),  # Mt Paektu
    (128.60, 42.05),
    (129.20, 42.20),  # Musan
    (129.75, 42.45),  # Hoeryong
    (130.00, 42.95),  # Onsong, the northernmost bend of the Tuman
    (130.25, 42.70),
    (130.70, 42.30),  # Tuman estuary, the border with Russia
    (130.40, 42.20),  # Rason
    (129.80, 41.78),  # Chongjin
    (129.70, 41.30),
    (129.20, 40.68),  # Kimchaek
    (128.60, 40.30),
    (128.20, 40.00),
    (127.60, 39.75),  # Hamhung coast
    (127.40, 39.40),
    (127.50, 39.10),  # Wonsan
    (127.90, 38.80),
    (128.37, 38.61),  # east end of the demarcation line
    (128.60, 38.20),  # Sokcho
    (128.90, 37.75),  # Gangneung
    (129.20, 37.45),
    (129.40, 37.00),
    (129.57, 36.08),  # Homigot, Pohang
    (129.40, 35.50),  # Ulsan
    (129.05, 35.08),  # Busan
    (128.60, 34.88),
    (128.00, 34.85),
    (127.60, 34.70),  # Yeosu
    (127.00, 34.50),
    (126.50, 34.30),  # Haenam, the southern tip
    (126.35, 34.80),  # Mokpo
    (126.40, 35.10),
    (126.65, 35.95),  # Gunsan
    (126.50, 36.35),
    (126.15, 36.75),  # Taean
    (126.60, 37.00),
    (126.60, 37.45),  # Incheon
    (126.55, 37.75),  # Han estuary, west end of the demarcation line
    (126.10, 37.75),
    (125.70, 38.00),  # Haeju
    (125.20, 37.90),  # Ongjin peninsula
    (124.75, 38.10),  # Cape Changsan
    (125.10, 38.60),
    (125.35, 38.72),  # Nampho
    (125.15, 39.10),
    (125.30, 39.50),
    (124.75, 39.65),
)
_JEJU: tuple[tuple[float, float], ...] = ((126.15, 33.30), (126.50, 33.20), (126.95, 33.45), (126.50, 33.56))
# The Military Demarcation Line, west to east.
_DEMARCATION: tuple[tuple[float, float], ...] = (
    (126.55, 37.75),
    (126.68, 37.96),
    (127.10, 38.15),
    (127.30, 38.30),
    (127.80, 38.32),
    (128.10, 38.30),
    (128.37, 38.61),
)
WEST, EAST, SOUTH, NORTH = 123.9, 131.1, 33.0, 43.2
_LAT_SCALE = 1 / math.cos(math.radians(38.0))  # a degree of latitude is longer than one of longitude here
DEFAULT_WIDTH = 300
_MARGIN = 6


@dataclass(frozen=True, slots=True)
class MapPoint:
    """A labelled point; ``href`` (a fragment like "#detail-2" or an http(s) URL) makes it a link."""

    label: str
    lat: float
    lon: float
    href: str | None = None


def on_map(lat: float, lon: float) -> bool:
    """Does the map's frame hold this point?"""
    return SOUTH <= lat <= NORTH and WEST <= lon <= EAST


def korea_map_svg(points: list[MapPoint], *, width: int = DEFAULT_WIDTH, title: str = "Map of Korea") -> str:
    """The outline of Korea with ``points`` marked and labelled, as one <svg> element.
    Points outside the frame are left out; points at one place share one marker."""
    scale = (width - 2 * _MARGIN) / (EAST - WEST)
    height = round((NORTH - SOUTH) * _LAT_SCALE * scale + 2 * _MARGIN)

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (_MARGIN + (lon - WEST) * scale, _MARGIN + (NORTH - lat) * _LAT_SCALE * scale)

    def path(coords: tuple[tuple[float, float], ...], close: bool) -> str:
        steps = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(xy(*c) for c in coords))
        return steps + (" Z" if close else "")

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="korea-map" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{_escape(title)}">',
        f"<title>{_escape(title)}</title>",
        f'<path d="{path(_PENINSULA, True)} {path(_JEJU, True)}" fill="#eef1f4" stroke="#5b6570" stroke-width="0.8"/>',
        f'<path d="{path(_DEMARCATION, False)}" fill="none" stroke="#5b6570" stroke-width="0.8" '
        'stroke-dasharray="3 2"/>',
    ]
    for (lat, lon), labels, href in _merged(points):
        x, y = xy(lon, lat)
        label = _escape("; ".join(labels))
        anchor = "end" if x > width * 0.62 else "start"
        dx = -5 if anchor == "end" else 5
        mark = (
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.2" fill="#b3261e" stroke="#fff" stroke-width="0.8"/>'
            f'<text x="{x + dx:.1f}" y="{y + 3:.1f}" text-anchor="{anchor}" '
            f'font-family="system-ui, sans-serif" font-size="9" fill="#1d232a">{label}</text>'
        )
        link = _safe_href(href)
        parts.append(f'<a href="{_escape(link)}">{mark}</a>' if link else mark)
    parts.append("</svg>")
    return "".join(parts)


def _merged(points: list[MapPoint]) -> list[tuple[tuple[float, float], list[str], str | None]]:
    """One marker per place (to a hundredth of a degree), its labels in the order given."""
    out: dict[tuple[float, float], tuple[list[str], list[str | None]]] = {}
    for p in points:
        if not (math.isfinite(p.lat) and math.isfinite(p.lon) and on_map(p.lat, p.lon)):
            continue
        labels, hrefs = out.setdefault((round(p.lat, 2), round(p.lon, 2)), ([], []))
        if p.label not in labels:
            labels.append(p.label)
        hrefs.append(p.href)
    return [(key, labels, next((h for h in hrefs if h), None)) for key, (labels, hrefs) in out.items()]


def _safe_href(href: str | None) -> str | None:
    if not href:
        return None
    if href.startswith("#") or href.lower().startswith(("http://", "https://")):
        return href
    return None


def _escape(text: str) -> str:
    return html.escape("".join(ch if ch.isprintable() else " " for ch in text))
