"""The brief's activity chart: the leader's activities per day, stacked by kind, as inline SVG.

    svg = activity_chart_svg(brief.chart, since, until)

One bar per day of the period (an empty day shows as an empty slot, so a quiet stretch can be
seen), a legend of the kinds present, and each bar's total above it. Periods longer than
``MAX_BARS`` days are counted per week instead.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date, timedelta

from fieldguide.report.brief import CHART_KINDS, DayCount

COLOURS = {
    "military": "#b3261e",
    "diplomacy": "#0b5cad",
    "politics": "#7a4fb0",
    "society": "#2e7d32",
    "routine": "#9aa3ad",
}
MAX_BARS = 31
_BAR_AREA = 90  # pixels for the tallest bar
_SLOT = 26


def activity_chart_svg(counts: list[DayCount], since: date, until: date) -> str:
    """The chart for [since, until]; an empty string when there is nothing to count."""
    if not counts or until < since:
        return ""
    days = (until - since).days + 1
    step = 1 if days <= MAX_BARS else 7
    slots = [since + timedelta(days=i) for i in range(0, days, step)]
    totals: dict[date, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in counts:
        if since <= c.day <= until:
            slot = slots[(c.day - since).days // step]
            totals[slot][c.kind] += c.count
    top = max((sum(t.values()) for t in totals.values()), default=0)
    if top == 0:
        return ""
    kinds = [k for k in CHART_KINDS if any(t.get(k) for t in totals.values())]
    unit = _BAR_AREA / top
    width = len(slots) * _SLOT + 10
    legend_top = _BAR_AREA + 44
    height = legend_top + 14 * len(kinds) + 4
    what = "week" if step == 7 else "day"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="activity-chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Activities of the leader per {what}">',
        f"<title>Activities of the leader per {what}, by kind</title>",
    ]
    base = _BAR_AREA + 16
    for i, slot in enumerate(slots):
        x = 6 + i * _SLOT
        y = float(base)
        for kind in kinds:
            n = totals.get(slot, {}).get(kind, 0)
            if n:
                h = n * unit
                y -= h
                parts.append(
                    f'<rect x="{x}" y="{y:.1f}" width="{_SLOT - 6}" height="{h:.1f}" fill="{COLOURS[kind]}">'
                    f"<title>{_escape(f'{slot.isoformat()}: {n} {CHART_KINDS[kind]}')}</title></rect>"
                )
        total = sum(totals.get(slot, {}).values())
        if total:
            parts.append(_text(x + (_SLOT - 6) / 2, y - 3, str(total), anchor="middle"))
        label = slot.strftime("%a") if step == 1 and days <= 7 else f"{slot.day}/{slot.month}"
        parts.append(_text(x + (_SLOT - 6) / 2, base + 12, label, anchor="middle"))
    parts.append(f'<line x1="4" y1="{base}" x2="{width - 4}" y2="{base}" stroke="#5b6570" stroke-width="0.6"/>')
    for j, kind in enumerate(kinds):
        y = legend_top + 14 * j
        parts.append(f'<rect x="6" y="{y - 8}" width="9" height="9" fill="{COLOURS[kind]}"/>')
        parts.append(_text(20, y, CHART_KINDS[kind]))
    parts.append("</svg>")
    return "".join(parts)


def _text(x: float, y: float, text: str, anchor: str = "start") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-family="system-ui, sans-serif" '
        f'font-size="9" fill="#1d232a">{_escape(text)}</text>'
    )


def _escape(text: str) -> str:
    return html.escape(text)
