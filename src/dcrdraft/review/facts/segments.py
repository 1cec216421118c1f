"""Segment facts: a metric's figure for one part of the population, from breakdown tables
(read by the metrics module) and from prose ("precision falls to about 0.7 on weekends")."""

from __future__ import annotations

import re
from dataclasses import replace

from dcrdraft.review.facts.metrics import MetricFact
from dcrdraft.review.facts.vocab import matches

_MOVE = re.compile(r"\b(?:falls?|fell|drops?|dropped|dips?|slips?|lower|higher|worse|better|"
                   r"only|rises?|rose|climbs?|lags?|trails?|reaches|stays?)\b", re.I)
_NEXT_FIG = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%?|(?<![\w.])\.\d+")
_WHERE = re.compile(r"\b(?:on|for|in|among|with|at|during|from)\s+(?:the\s+|a\s+)?"
                    r"(?P<seg>(?!(?:the|a|an|this|that|our|average|total|overall|test|"
                    r"held-?out|validation|eval\w*|sample|set|data|all)\b)[\w-]+(?:\s[\w-]+)?)",
                    re.I)


def prose_segments(metrics: list[MetricFact]) -> list[MetricFact]:
    """Prose figures stated for a part of the population: a movement word ("falls to",
    "only") and a place or group ("on weekends", "for Welsh speakers") beside the figure; an
    experiment's arm ("in the treatment group") is no part of the population."""
    out: list[MetricFact] = []
    for m in metrics:
        if m.source != "prose" or m.segment is not None or m.unit_ref is None:
            continue
        text = m.unit_ref.text
        at = text.find(f"{m.value:g}") if m.unit != "%" else text.find(f"{m.value:g}%")
        if at < 0:
            at = text.find(f"{m.value}")
        if at < 0:
            continue
        nxt = _NEXT_FIG.search(text, at + len(f"{m.value:g}") + 1)
        stop = min(len(text), at + 60, nxt.start() if nxt else len(text))
        last = max((x.end() for x in _NEXT_FIG.finditer(text, 0, at)), default=0)
        window = text[max(last, at - 40): stop]
        where = _WHERE.search(text, at, stop)
        if _MOVE.search(window) and where and not matches("experiment_arm", where.group("seg")):
            out.append(replace(m, segment=where.group("seg")))
    return out


def segment_facts(metrics: list[MetricFact]) -> list[MetricFact]:
    """Every segment figure: breakdown-table rows first, then prose."""
    return [m for m in metrics if m.segment is not None] + prose_segments(metrics)
