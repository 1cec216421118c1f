"""A ``Chart`` as a small inline SVG bar chart: bars from zero, 95% intervals as whiskers, the
deployment threshold as a dashed line.

Hand-written SVG keeps the HTML self-contained and deterministic (golden files). The only
numbers drawn are the chart's own figures, formatted as the draft formats them; the value axis
carries no tick labels, so nothing appears that the inputs do not state.
"""

from __future__ import annotations

from html import escape

from dcrdraft.analysis.charts import Bar, Chart
from dcrdraft.figures import pct

COLOURS = {"pass": "#3b6ea5", "fail": "#d9822b", "neutral": "#6b8fb8", "baseline": "#9a9a9a",
           "threshold": "#b3261e", "whisker": "#222222", "grid": "#e4e4e4"}
"""Bar colours by state; shared with the DOCX renderer so both formats look alike."""

_W, _H = 640, 300
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 16, 52, 64


def bar_colour(bar: Bar) -> str:
    """Grey for the baseline, orange below threshold, blue otherwise."""
    if bar.kind == "baseline":
        return COLOURS["baseline"]
    if bar.meets is None:
        return COLOURS["neutral"]
    return COLOURS["pass"] if bar.meets else COLOURS["fail"]


def _f(x: float) -> str:
    return f"{x:.1f}"


def wrap_label(label: str, width: int = 16) -> list[str]:
    """Split a category label into at most two lines at spaces."""
    words, lines, line = label.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])[: width - 1] + "…"]
    return lines


def chart_svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element; every label is escaped."""
    plot_w, plot_h = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    top = chart.y_max

    def y(v: float) -> float:
        return _TOP + plot_h * (1 - min(v, top) / top)

    slot = plot_w / max(len(chart.bars), 1)
    bw = min(64.0, slot * 0.6)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_W} {_H}" width="{_W}" '
        f'height="{_H}" role="img" aria-label="{escape(chart.title)}" class="chart">',
        f'<text x="{_LEFT}" y="18" class="title">{escape(chart.title)}</text>',
        f'<text x="12" y="{_TOP + plot_h / 2:.1f}" transform="rotate(-90 12 {_TOP + plot_h / 2:.1f})" '
        f'text-anchor="middle" class="axis">{escape(chart.metric)}</text>',
    ]
    for frac in (0.25, 0.5, 0.75, 1.0):
        gy = _f(y(top * frac))
        out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{gy}" y2="{gy}" '
                   f'stroke="{COLOURS["grid"]}"/>')
    base = _f(y(0))
    for i, bar in enumerate(chart.bars):
        cx = _LEFT + slot * (i + 0.5)
        by = y(bar.value)
        out.append(f'<rect x="{_f(cx - bw / 2)}" y="{_f(by)}" width="{_f(bw)}" '
                   f'height="{_f(y(0) - by)}" fill="{bar_colour(bar)}"/>')
        label_y = by - 6
        if bar.interval:
            lo, hi = y(bar.interval[0]), y(bar.interval[1])
            out.append(f'<path d="M{_f(cx)} {_f(lo)}V{_f(hi)}M{_f(cx - 8)} {_f(lo)}H{_f(cx + 8)}'
                       f'M{_f(cx - 8)} {_f(hi)}H{_f(cx + 8)}" stroke="{COLOURS["whisker"]}" '
                       'stroke-width="1.5" fill="none"/>')
            label_y = min(label_y, hi - 6)
        out.append(f'<text x="{_f(cx)}" y="{_f(label_y)}" text-anchor="middle" '
                   f'class="value">{pct(bar.value)}</text>')
        for k, line in enumerate(wrap_label(bar.label)):
            out.append(f'<text x="{_f(cx)}" y="{_f(y(0) + 16 + 13 * k)}" text-anchor="middle" '
                       f'class="label">{escape(line)}</text>')
    out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{base}" y2="{base}" stroke="#555"/>')
    if chart.threshold is not None:
        ty = _f(y(chart.threshold))
        out.append(f'<line x1="{_LEFT}" x2="{_W - _RIGHT}" y1="{ty}" y2="{ty}" '
                   f'stroke="{COLOURS["threshold"]}" stroke-width="1.5" stroke-dasharray="6 4"/>')
        lx = _W - _RIGHT - 150  # a legend entry above the plot, clear of the bar labels
        out.append(f'<line x1="{lx}" x2="{lx + 24}" y1="32" y2="32" stroke="{COLOURS["threshold"]}" '
                   'stroke-width="1.5" stroke-dasharray="6 4"/>')
        out.append(f'<text x="{lx + 30}" y="36" class="threshold">deployment threshold '
                   f'{pct(chart.threshold)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def legend(chart: Chart) -> str:
    """One sentence saying how to read the chart (used as its caption in every format)."""
    parts = ["Bars start at zero"]
    if any(b.interval for b in chart.bars):
        parts.append("whiskers are 95% intervals")
    if chart.threshold is not None:
        parts.append("the dashed line is the deployment threshold; orange bars miss it")
    if any(b.kind == "baseline" for b in chart.bars):
        parts.append("the grey bar is the baseline")
    if not chart.higher_is_better:
        parts.append("lower is better")
    return "; ".join(parts) + "."
