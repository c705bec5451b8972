"""The timeline as a chart file (PNG or SVG), drawn with matplotlib's Agg backend (no display).

Bars per period stacked by event type, every period drawn, empty or not (a long absence is
a run of empty periods); periods without any document in the archive are shaded grey, since
there the archive, not the leader, is silent; a line for the days with a reported appearance.
The same timeline always draws the same picture (SVG output
carries no date stamp and a fixed hash salt).
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # before pyplot: charts are written to files, never shown

import matplotlib.pyplot as plt

from fieldguide.analyze.timeline import Timeline, chart_periods
from fieldguide.errors import InputError, OutputError

FORMATS = (".png", ".svg")


def write_chart(tl: Timeline, path: str | Path) -> Path:
    """Draw ``tl`` into ``path`` (.png or .svg) and return the path."""
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"chart file must end in .png or .svg, not {out.name!r}")
    periods = chart_periods(tl)
    labels = [p.period for p in periods]
    types = list(tl.by_type)
    with plt.rc_context({"svg.hashsalt": "fieldguide", "svg.fonttype": "none"}):
        fig, ax = plt.subplots(figsize=(max(8.0, 0.35 * len(labels) + 4), 4.5))
        try:
            bottom = [0] * len(labels)
            colours = plt.get_cmap("tab20")
            for i, type_ in enumerate(types):
                heights = [p.by_type.get(type_, 0) for p in periods]
                ax.bar(labels, heights, bottom=bottom, label=type_, color=colours(i % 20))
                bottom = [a + b for a, b in zip(bottom, heights, strict=True)]
            ax.plot(labels, [p.days for p in periods], color="black", marker=".", label="days seen")
            # After the bars: the categorical axis is set up by then, so position i is period i.
            gap_label = "no documents in the archive"
            for i, period in enumerate(periods):
                if period.archive_gap:
                    ax.axvspan(i - 0.5, i + 0.5, color="0.85", zorder=0, label=gap_label)
                    gap_label = "_nolegend_"  # one legend entry for all archive gaps
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
            if types or any(p.archive_gap for p in periods):
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
