"""The timeline as a chart file (PNG or SVG), drawn with matplotlib's Agg backend (no display).

Bars per period stacked by event type; a line for the days with a reported appearance;
the longest absence shaded. The same timeline always draws the same picture (SVG output
carries no date stamp and a fixed hash salt).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot: charts are written to files, never shown

import matplotlib.pyplot as plt

from fieldguide.analyze.timeline import Timeline
from fieldguide.errors import InputError, OutputError

FORMATS = (".png", ".svg")


def write_chart(tl: Timeline, path: str | Path) -> Path:
    """Draw ``tl`` into ``path`` (.png or .svg) and return the path."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"chart file must end in .png or .svg, not {out.name!r}")
    labels = [b.period for b in tl.buckets]
    types = list(tl.by_type)
    with plt.rc_context({"svg.hashsalt": "fieldguide", "svg.fonttype": "none"}):
        fig, ax = plt.subplots(figsize=(max(8.0, 0.35 * len(labels) + 4), 4.5))
        try:
            bottom = [0] * len(labels)
            colours = plt.get_cmap("tab20")
            for i, type_ in enumerate(types):
                heights = [b.by_type.get(type_, 0) for b in tl.buckets]
                ax.bar(labels, heights, bottom=bottom, label=type_, color=colours(i % 20))
                bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
            ax.plot(labels, [b.days for b in tl.buckets], color="black", marker=".", label="days seen")
            ax.set_ylabel("reported events")
            ax.set_title(_title(tl))
            if tl.gaps:
                longest = tl.gaps[0]
                ax.text(
                    0.01,
                    0.97,
                    f"longest absence: {longest.absent} days ({longest.after} to {longest.before})",
                    transform=ax.transAxes,
                    va="top",
                    fontsize=8,
                )
            ax.tick_params(axis="x", labelrotation=60, labelsize=7)
            if types:
                ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
            fig.tight_layout()
            metadata = {"Date": None} if suffix == ".svg" else {"Software": "fieldguide"}
            try:
                out.parent.mkdir(parents=True, exist_ok=True)
                fig.savefig(out, format=suffix[1:], metadata=metadata)
            except OSError as e:  # a folder of that name, a parent that is a file, a full disk
                raise OutputError.writing(out, e) from None
        finally:
            plt.close(fig)
    return out


def _title(tl: Timeline) -> str:
    shown = [f"{k} {v}" for k, v in tl.filters.to_json().items() if v]
    return "Kim Jong Un: reported activity per " + tl.by + (f" ({', '.join(shown)})" if shown else "")
