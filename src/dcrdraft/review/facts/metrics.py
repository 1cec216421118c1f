"""Metric facts, the model every metric reader shares: a reported figure for a named metric
(``MetricFact``) with the comparators (baseline, previous version, control, threshold) tied to
it, and the readings both the table and the prose readers ask of a figure or a name (a cell's
figure, a prose figure, a metric's direction, whether a name names a measure).

The readers live in ``table_metrics`` and ``prose_metrics``; this module stands alone so that
they, the segment and one-part readers and the checks read the one model without importing a
reader. Figures inside a metric's name ("recall at 1% hold rate", "precision@10") are part of
the name, never its value; counts, intervals and shares are never values either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from dcrdraft.review.context import Unit
from dcrdraft.review.facts.vocab import matches, vocab
from dcrdraft.review.text import METRIC_RE, NUM, clean, metric_key, to_float

Direction = Literal["higher", "lower"]
ComparatorKind = Literal["baseline", "threshold", "delta"]

EVAL_KINDS = frozenset({"evaluation", "summary", "methodology", "segments", "fairness"})
RESULT_KINDS = EVAL_KINDS | {"overview", "recommendation", "conditions", "deployment"}

_VALUE = re.compile(rf"(?<![\w.])(?P<sign>[+−-])?(?P<num>{NUM})\s?(?P<unit>%|pp\b|points?\b|"
                    rf"ms\b|s\b|x\b)?|(?<![\w.])(?P<frac>0?\.\d+)(?![\w%])")
PROSE_FIGURE = re.compile(rf"(?<![\w.])(?P<sign>[+−-]\s?)?(?P<num>{NUM})\s?(?P<unit>%|pp\b|"
                          rf"percentage points?\b|points?\b|ms\b)"
                          rf"|(?<![\w.])(?P<frac>0\.\d+|\.\d{{2,}})(?![\w%]|\.\d)")


@dataclass
class Comparator:
    """A figure a metric is set against, with where it was read."""

    kind: ComparatorKind
    value: float
    text: str
    line: int
    label: str = ""
    """What the comparator is (the baseline column's header, "the rule it replaces", ...)."""


@dataclass
class MetricFact:
    """One reported figure for a metric."""

    name: str
    value: float
    unit: str
    line: int
    section: str
    kinds: frozenset[str]
    source: Literal["table", "prose"]
    direction: Direction | None = None
    segment: str | None = None
    """The row label when the figure is one segment's (a breakdown row)."""
    status: Literal["pass", "fail"] | None = None
    comparators: list[Comparator] = field(default_factory=list)
    unit_ref: Unit | None = None
    headline: bool = False
    """Marked primary / headline / key metric by the document."""
    dataset: str | None = None
    """The data set the figure was measured on, when a table's rows name data sets."""
    n: int | None = None
    """The sample size beside the figure."""
    threshold_text: str = ""
    """The threshold cell as written (it may state the bound: "≥ 85%")."""
    method_statistic: bool = False
    """A statistic of the evaluation's method (rater agreement), not a result."""

    @property
    def key(self) -> str | None:
        return metric_key(self.name) or (clean(self.name).lower() or None)

    @property
    def thresholds(self) -> list[Comparator]:
        return [c for c in self.comparators if c.kind == "threshold"]

    @property
    def baselines(self) -> list[Comparator]:
        return [c for c in self.comparators if c.kind in ("baseline", "delta")]


def direction(name: str) -> Direction | None:
    """A metric's direction from what the text says, else from its name; None when unknown."""
    stated = re.search(r"\b(higher|lower) is better\b|([↑↓])", name, re.I)
    if stated:
        word = (stated.group(1) or "").lower()
        return "lower" if word == "lower" or stated.group(2) == "↓" else "higher"
    lower, higher = matches("lower_is_better", name), matches("higher_is_better", name)
    if lower and not higher:
        return "lower"
    if higher and not lower:
        return "higher"
    return None


def operating_point_spans(text: str) -> list[tuple[int, int]]:
    return list(_spans(vocab("operating_point"), text))


@lru_cache(maxsize=64)
def _spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    # Every figure of a sentence asks for its sentence's operating points: read once per
    # sentence, or a sentence of n figures costs n scans of itself (quadratic: 24 KB of
    # "1% " took 73 s under load).
    return tuple(m.span() for m in pattern.finditer(text))


_SHARE = re.compile(r"^\W*(\d[\d,]*)\s*(?:of|out of|/)\s*(\d[\d,]*)(?![\d/.,-]|\s*%)", re.I)
"""A count of a total opening a cell: "5 of 6", "41/48" (never a date "12/05/2025")."""


def figure(cell: str) -> tuple[float, str] | None:
    """The first metric figure of a table cell (never one inside an operating point); a
    cell that opens with a count of a total ("5 of 6", "41/48") is that share in percent."""
    share = _SHARE.match(cell)
    if share:
        k, n = (int(g.replace(",", "")) for g in share.groups())
        if 0 <= k <= n and n > 0:
            return round(100 * k / n, 1), "%"
    spans = operating_point_spans(cell)
    for m in _VALUE.finditer(cell):
        if any(a <= m.start() < b for a, b in spans) or m.group("sign"):
            continue
        if not m.group("unit") and re.search(r"[A-Za-z]\s?$", cell[:m.start()]):
            continue  # "VIM 2.1", "release 3": a name's number
        if m.group("frac"):
            return float(m.group("frac")), ""
        unit = (m.group("unit") or "").strip()
        return to_float(m.group("num")), unit
    return None


_GENERIC = re.compile(r"^\W*(?:rate|score|share|percentage|ratio|quality|change|value|result)s?"
                      r"\W*$", re.I)


def is_metric_name(name: str) -> bool:
    """Whether ``name`` names a measure (not a bare "rate" or "percentage", not a count, not
    a setting such as a learning rate)."""
    return bool((METRIC_RE.search(name) or direction(name)) and not _GENERIC.match(name)
                and not matches("not_a_metric", name))
