"""Alert regions as intervals of a metric's value: a red alert "below 85%" is (-inf, 0.85),
a yellow band "85-88%" is [0.85, 0.88]; the warning region is the yellow band less the red.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dcrdraft.monitoring.reading import NUM, figure_comparisons, to_float

_RANGE_RE = re.compile(
    rf"^\s*(?P<a>{NUM})\s?(?P<ua>%|ms|s)?\s*(?:-|–|—|to)\s*(?P<b>{NUM})\s?(?P<ub>%|ms|s)?\s*$")


def scale(value: float, unit: str, rate: bool) -> float | None:
    """A figure as written in the unit its series holds: rates as 0-1 ratios, durations in
    seconds; None when the unit cannot be the metric's ("12" for a rate)."""
    if unit == "%":
        out = value / 100
    elif unit in ("pp", "points", "point"):
        if not rate:
            return None
        out = value / 100
    elif unit == "ms":
        out = value / 1000
    elif unit == "s":
        out = value
    elif rate and value > 1:
        return None
    else:
        out = value
    return round(out, 10)


def number(value: float) -> str:
    """A figure for PromQL and YAML: no float noise (``0.85``, ``1e-06``)."""
    return f"{value:.10g}"


@dataclass(frozen=True)
class Bound:
    value: float
    inclusive: bool


@dataclass(frozen=True)
class Interval:
    """Values from ``lower`` to ``upper``; a missing end is unbounded."""

    lower: Bound | None
    upper: Bound | None

    @property
    def half_line(self) -> bool:
        return (self.lower is None) != (self.upper is None)

    def promql(self, value: str) -> str:
        """``value`` filtered to this interval (PromQL comparisons chain left to right)."""
        out = value
        if self.lower is not None:
            out += f" {'>=' if self.lower.inclusive else '>'} {number(self.lower.value)}"
        if self.upper is not None:
            out += f" {'<=' if self.upper.inclusive else '<'} {number(self.upper.value)}"
        return out

    def contains(self, x: float) -> bool:
        lo, hi = self.lower, self.upper
        return (lo is None or x > lo.value or (lo.inclusive and x == lo.value)) and \
            (hi is None or x < hi.value or (hi.inclusive and x == hi.value))

    def minus(self, red: Interval) -> Interval | None:
        """This interval without the half-line ``red``; None when nothing is left."""
        lower, upper = self.lower, self.upper
        if red.lower is None and red.upper is not None:
            cut = Bound(red.upper.value, not red.upper.inclusive)
            if lower is None or cut.value > lower.value or (
                    cut.value == lower.value and not cut.inclusive):
                lower = cut
        elif red.upper is None and red.lower is not None:
            cut = Bound(red.lower.value, not red.lower.inclusive)
            if upper is None or cut.value < upper.value or (
                    cut.value == upper.value and not cut.inclusive):
                upper = cut
        if lower is not None and upper is not None and (
                lower.value > upper.value or (lower.value == upper.value and not (
                    lower.inclusive and upper.inclusive))):
            return None
        return Interval(lower, upper)


def band_of(text: str, rate: bool) -> Interval | None:
    """A band ("85-88%", both ends included) or one comparison ("below 85%", "4% or more")
    read from ``text``; None when it is neither or a figure's unit does not fit."""
    m = _RANGE_RE.match(text)
    if m:
        unit = m.group("ua") or m.group("ub") or ""
        a = scale(to_float(m.group("a")), m.group("ua") or unit, rate)
        b = scale(to_float(m.group("b")), m.group("ub") or unit, rate)
        if a is None or b is None:
            return None
        lo, hi = min(a, b), max(a, b)
        return Interval(Bound(lo, True), Bound(hi, True))
    found = figure_comparisons(text)
    if len(found) != 1 or not found[0].definite:
        return None
    c = found[0]
    value = scale(c.value, c.unit, rate)
    if value is None:
        return None
    bound = Bound(value, c.inclusive)
    return Interval(None, bound) if c.direction == "floor" else Interval(bound, None)
