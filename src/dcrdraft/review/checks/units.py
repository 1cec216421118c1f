"""The units of a document that state a metric with its figure: the selection the metric and
segment checks both start from."""

from __future__ import annotations

import re

from dcrdraft.review.context import Context, Unit
from dcrdraft.monitoring.reading import METRIC
from dcrdraft.review.text import FIGURE_RE, METRIC_RE, NUM

EVAL_KINDS = {"evaluation", "summary", "methodology", "segments", "fairness"}
NOT_RESULT_KINDS = frozenset({"monitoring", "rollback", "risks", "conditions", "signoff",
                              "metadata"})
"""Sections whose figures are bars, alert levels or risk ratings, never a result."""


def has_figure(text: str) -> bool:
    """The text states a figure (a percentage, a decimal score or a count with its unit)."""
    return bool(FIGURE_RE.search(text))


_NOT_METRIC = (r"(?i:of|in|for|on|at|to|from|by|the|a|an|and|or|it|this|that|which|what|"
               r"volume|traffic|share|mix|growth|increase|decrease|drop|rise|change|more|less|"
               r"fewer|higher|lower|up|down|only|about|around|roughly|nearly|almost|over|"
               r"under|above|below|than|there|here|each|every|all|some|most|we|our|it|its|they|"
               r"he|she|which|who|rest|remainder|half|target|threshold|bar|goal|budget)")
_MEASURE = (r"(?!(?:API|SKU|GPU|CPU|PII|USD|EUR|GBP)\b)[a-z]?[A-Z]{3,7}(?:@\d+|-\d+)?"
            r"|[A-Za-z][a-z-]*(?:acy|ity|age|ion|ance|ence|rate|score)")
"""An acronym (WAPE, sMAPE, NDCG@10) or a measure noun (coverage, purity, recall rate)."""
PROSE_METRIC_RE = re.compile(
    rf"\b(?!{_NOT_METRIC}\b)(?:{_MEASURE})\s+(?:is|was|reached|reaches|stands at|stood at|"
    rf"came in at|comes to|came to)\s+(?:about |around |roughly |~|only |just )?"
    rf"(?:{NUM})\s?%(?!\s*(?:of|in|for)\b)"
    rf"|(?<![\w.])(?:{NUM})\s?%\s+(?!{_NOT_METRIC}\b)(?:{_MEASURE})\b")
"""A metric named in prose by its value: "WAPE is 18.4%", "Coverage was 97%", "18.4% WAPE",
"97% coverage" (metrics outside the shared list, such as WAPE or coverage)."""


def names_metric(text: str) -> bool:
    """The text names a metric, from the shared list or in prose by its value."""
    return bool(METRIC_RE.search(text) or PROSE_METRIC_RE.search(text))


def metric_units(ctx: Context) -> list[Unit]:
    """The units of the evaluation (or of the whole document when it has none) that name a
    metric and state its figure, computed once per document."""
    def compute() -> list[Unit]:
        pool = [u for u in ctx.units if u.kinds & EVAL_KINDS] or ctx.units
        return [u for u in pool if names_metric(u.text) and has_figure(u.text)]
    return ctx.cached("metric_units", compute)


_STATED = re.compile(rf"(?:{METRIC})[^.;:\d]{{0,25}}[:=]?\s*(?:about |around |~)?"
                     rf"(?:(?:{NUM})\s?%|(?<![\w.])0?\.\d{{2,}}(?![\w]))", re.I)
"""A metric named and its rate right after it ("Overall accuracy: 92.4%", "precision
reached 0.91"), not a metric word some way from a setting ("resolution 512x512 ... 10%")."""


_LEVEL = re.compile(r"\b(?:interval|confidence|level|significance)\b", re.I)


def _rate_of(text: str) -> bool:
    """A metric given its rate, never a confidence level ("score interval at 95%")."""
    m = _STATED.search(text)
    return m is not None and not _LEVEL.search(m.group(0))


def stated_units(ctx: Context) -> list[Unit]:
    """Sentences and list items outside monitoring, rollback, risk, condition, sign-off and
    metadata sections that give a metric its rate: where a headline stands when the
    evaluation holds only a breakdown (a deck's "Overall accuracy: 92%" bullet under a
    heading no section kind names). A table row is read as a table."""
    def compute() -> list[Unit]:
        return [u for u in ctx.units if not u.kinds & NOT_RESULT_KINDS
                and u.block.kind != "table" and (_rate_of(u.text)
                                                 or PROSE_METRIC_RE.search(u.text))]
    return ctx.cached("stated_units", compute)
