"""The charts of a DCR as data: the primary metric against baseline and threshold, and each
thresholded segment column against its deployment threshold.

Every value comes from the inputs or the ``Analysis``. Markdown carries a chart as a Mermaid
``xychart-beta`` block; the HTML and DOCX renderers recognise that exact block in the Markdown
and draw the same ``Chart`` as inline SVG or a PNG, as bars with the intervals Mermaid cannot
draw.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from dcrdraft.analysis.core import Analysis
from dcrdraft.figures import pct

BarKind = Literal["result", "baseline", "segment"]


@dataclass(frozen=True)
class Bar:
    """One bar: a result, the baseline, or a segment's value (fractions in [0, 1])."""

    label: str
    value: float
    kind: BarKind
    interval: tuple[float, float] | None = None
    meets: bool | None = None
    """Whether the value meets the threshold; None when there is no threshold to judge by."""


@dataclass(frozen=True)
class Chart:
    """A bar chart with an optional deployment-threshold line."""

    key: str
    title: str
    metric: str
    bars: tuple[Bar, ...]
    threshold: float | None
    higher_is_better: bool = True

    @property
    def y_max(self) -> float:
        """The top of the value axis: 100% for rates where higher is better, else the largest
        figure drawn (so error rates are not flattened against a 100% axis)."""
        if self.higher_is_better:
            return 1.0
        tops = [b.interval[1] if b.interval else b.value for b in self.bars]
        return max([*tops, self.threshold or 0.0]) or 1.0

    @property
    def mermaid(self) -> str:
        """The chart as a Mermaid ``xychart-beta`` block body (without the fence).

        Values are bars on a fixed 0-100% axis (Mermaid would otherwise start the axis at the
        smallest value and shrink that bar to nothing); the threshold is a flat line. Mermaid
        cannot draw intervals: the table beside the chart gives them.
        """
        labels = ", ".join(f'"{_label(b.label)}"' for b in self.bars)
        lines = [
            "xychart-beta",
            f'    title "{_label(self.title)}"',
            f"    x-axis [{labels}]",
            f'    y-axis "{_label(self.metric)} (%)" 0 --> 100',
            f"    bar [{', '.join(_num(b.value) for b in self.bars)}]",
        ]
        if self.threshold is not None:
            lines.append(f"    line [{', '.join([_num(self.threshold)] * len(self.bars))}]")
        return "\n".join(lines)


@dataclass(frozen=True)
class ChartSet:
    """The charts of one draft, in the order the evaluation section shows them."""

    primary: Chart | None = None
    segments: list[Chart] = field(default_factory=list)

    @property
    def all(self) -> list[Chart]:
        return ([self.primary] if self.primary else []) + self.segments


def _label(text: str) -> str:
    """Text safe inside a quoted Mermaid label and a Markdown code fence."""
    return " ".join(text.split()).replace('"', "'").replace("`", "'")


def _num(fraction: float) -> str:
    """A fraction as the percentage number the draft writes (0.89 → 89, 0.023 → 2.3)."""
    return pct(fraction).rstrip("%")


def primary_chart(a: Analysis) -> Chart | None:
    """Each primary result with its interval, and the baseline, against the threshold (when
    there are at least two bars to compare)."""
    pm = a.inputs.evaluation.primary_metric
    if pm is None or not a.primary:
        return None
    bars = [Bar(r.dataset, r.value, "result", r.ci,
                None if r.status is None else r.status == "PASS") for r in a.primary]
    if pm.baseline is not None:
        label = f"Baseline: {pm.baseline.label}" if pm.baseline.label else "Baseline"
        bars.append(Bar(label, pm.baseline.value, "baseline"))
    if len(bars) < 2:
        return None  # one result and nothing to compare: the table says it all
    against = "baseline and deployment threshold" if pm.baseline else "deployment threshold"
    if pm.threshold is None:
        against = "baseline" if pm.baseline else ""
    title = f"{pm.name} against {against}" if against else pm.name
    return Chart("primary", title, pm.name, tuple(bars), pm.threshold, pm.higher_is_better)


def segment_charts(a: Analysis) -> list[Chart]:
    """One chart per segment column that has a deployment threshold."""
    out = []
    for col in a.columns:
        if col.threshold is None or col.metric is None:
            continue
        bars = tuple(
            Bar(seg.name, seg.metrics[col.key], "segment",
                meets=not a.cell_below(seg, col.key))
            for seg in a.inputs.evaluation.segments
            if col.key in seg.metrics
        )
        if bars:
            title = f"{col.metric} by segment against the deployment threshold"
            out.append(Chart(f"segments:{col.key}", title, col.metric, bars, col.threshold,
                             col.higher_is_better))
    return out


def charts_for(a: Analysis) -> ChartSet:
    """Every chart a draft of ``a`` shows."""
    return ChartSet(primary_chart(a), segment_charts(a))


def chart_for_block(source: str, charts: list[Chart]) -> Chart | None:
    """The chart whose Mermaid block is exactly ``source`` (a fence's content), if any."""
    wanted = source.strip()
    return next((c for c in charts if c.mermaid == wanted), None)
