"""A terminal bar chart of segment results: one bar per segment and metric column, the
threshold drawn as a line, failing cells in red (the analysis decides what fails)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import Static

from dcrdraft.figures import pct

if TYPE_CHECKING:
    from dcrdraft.analysis.core import Analysis

WIDTH = 30


def _floor(a: Analysis) -> float:
    """The bars' left edge: a round 10% step below every value and threshold shown."""
    values = [v for s in a.inputs.evaluation.segments for v in s.metrics.values()]
    values += [c.threshold for c in a.columns if c.threshold is not None]
    low = min(values, default=0.0)
    return max(0.0, int(low * 10 - 0.5) / 10)


def chart_text(a: Analysis, width: int = WIDTH) -> Text:
    """The chart as styled text (empty when there are no segments)."""
    segs = a.inputs.evaluation.segments
    out = Text()
    if not segs:
        return out
    name_w = min(18, max(len(s.name) for s in segs))
    lo = _floor(a)
    span = (1.0 - lo) or 1.0
    out.append(f"bars from {pct(lo)} to 100%; │ marks the threshold\n\n", style="dim")
    for col in a.columns:
        title = col.metric or col.key
        thr = f" (threshold {pct(col.threshold)})" if col.threshold is not None else ""
        out.append(f"{title}{thr}\n", style="bold")
        mark = None
        if col.threshold is not None:
            mark = min(width - 1, round((col.threshold - lo) / span * width))
        for s in segs:
            value = s.metrics.get(col.key)
            if value is None:
                continue
            filled = round((value - lo) / span * width)
            failing = a.cell_below(s, col.key)
            bar = Text(s.name[:name_w].ljust(name_w) + " ")
            for i in range(width):
                if mark is not None and i == mark:
                    bar.append("│", style="bold yellow")
                elif i < filled:
                    bar.append("█", style="red" if failing else "green")
                else:
                    bar.append("·", style="dim")
            bar.append(f" {pct(value)}" + (" ✗" if failing else ""),
                       style="bold red" if failing else "")
            out.append_text(bar).append("\n")
        out.append("\n")
    return out


class SegmentChart(Static):
    """Shows ``chart_text`` for the latest analysis."""

    def show(self, analysis: Analysis) -> None:
        text = chart_text(analysis)
        self.display = bool(text.plain)
        self.update(text)
