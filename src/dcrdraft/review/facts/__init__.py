"""The fact layer: a ``Document`` read once into typed facts (metrics and their comparators,
the headline metric, boilerplate claims), each with its source line and section. Judgments
(the check types in ``review.checks``) are predicates over these facts.

``facts_of(ctx)`` computes them once per document and caches them on the ``Context``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import boilerplate_units
from dcrdraft.review.facts.nearby import nearby_comparators, neighbourhoods
from dcrdraft.review.facts.segments import segment_facts
from dcrdraft.review.facts.metrics import EVAL_KINDS, RESULT_KINDS, Comparator, MetricFact
from dcrdraft.review.facts.prose_metrics import prose_facts
from dcrdraft.review.facts.table_metrics import table_facts


_LEADS = frozenset({"summary", "overview", "evaluation"})
"""Sections a headline figure may come from even when they are also about fairness."""


@dataclass
class Facts:
    """Everything the judgments read about one document."""

    metrics: list[MetricFact] = field(default_factory=list)
    loose: list[tuple[Comparator, str | None, Unit]] = field(default_factory=list)
    """Comparator figures with no metric figure beside them: (comparator, metric key, unit)."""
    boilerplate: list[Unit] = field(default_factory=list)
    peers: list[Unit] = field(default_factory=list)
    """Sentences setting one part of the population against another ("79% against 94% for
    simple queries"): a segment gap, never a baseline comparison."""
    nearby: list[tuple[Comparator, Unit]] = field(default_factory=list)
    """Sentences whose figure is a comparator stated beside a result, not in its sentence."""
    order: dict[int, int] = field(default_factory=dict)
    """Each prose block's ordinal (``nearby.neighbourhoods``)."""

    def near(self, a: Unit, b: Unit) -> bool:
        """Two distinct prose sentences of one paragraph, or of adjacent blocks under one
        heading (one list's items)."""
        return a is not b and a.row is None and b.row is None and a.section is b.section \
            and abs(self.order.get(id(a.block), -9) - self.order.get(id(b.block), 9)) <= 1

    @property
    def segments(self) -> list[MetricFact]:
        """Figures for one part of the population (table rows, then prose)."""
        return segment_facts(self.metrics)

    @property
    def headline(self) -> MetricFact | None:
        """The metric the document leads with: one it marks primary, else the first overall
        figure in the summary, else in the evaluation, else any; never a figure of a fairness
        section, which sets groups against each other."""
        overall = [m for m in self.metrics if (m.segment is None or
                   m.segment.strip().lower() in ("overall", "all", "total"))
                   and (m.kinds & RESULT_KINDS or not m.kinds) and not m.method_statistic
                   and not (m.kinds & {"fairness"} and not m.kinds & _LEADS)]
        pool = overall
        for pred in (lambda m: m.headline, lambda m: bool(m.kinds & {"summary", "overview"}),
                     lambda m: bool(m.kinds & EVAL_KINDS), lambda m: True):
            found = [m for m in pool if pred(m)]
            if found:
                return min(found, key=lambda m: m.line)
        return None

    def comparators_for(self, metric: MetricFact) -> list[Comparator]:
        """Comparator figures tied to ``metric``: its own, those of other figures for the same
        metric, and loose ones naming it (or naming no metric, in the same section)."""
        out = list(metric.comparators)
        key = metric.key
        for m in self.metrics:
            if m is not metric and key is not None and m.key == key:
                out += m.comparators
        for c, k, u in self.loose:
            if (key is not None and k == key) or (k is None and u.section.title == metric.section):
                out.append(c)
        if metric.unit_ref is not None:
            tied = {id(u) for _c, _k, u in self.loose}  # read as loose already
            out += [c for c, u in self.nearby if id(u) not in tied
                    and self.near(u, metric.unit_ref)]
        return out


def _restated(table: list[MetricFact], prose: list[MetricFact]) -> list[MetricFact]:
    """Prose figures, each one that restates a breakdown row (the same metric and figure in a
    sentence naming the row's segment: "Returning users: resolution rate 11.8%") marked as
    that segment's figure rather than an overall result."""
    rows: dict[tuple[str | None, float, str], list[MetricFact]] = {}
    for t in table:
        if t.segment:
            rows.setdefault((t.key, t.value, t.unit), []).append(t)
    out: list[MetricFact] = []
    for m in prose:
        text = (m.unit_ref.text if m.unit_ref else "").lower()
        row = next((t for t in rows.get((m.key, m.value, m.unit), ())
                    if t.segment and t.segment.lower() in text), None) if m.segment is None \
            else None
        out.append(replace(m, segment=row.segment) if row is not None else m)
    return out


def facts_of(ctx: Context) -> Facts:
    """The document's facts, extracted on first use."""
    def compute() -> Facts:
        table = table_facts(ctx)
        prose, loose, peers = prose_facts(ctx)
        metrics = sorted(table + _restated(table, prose), key=lambda m: m.line)
        gaps = {id(u) for u in peers}  # a segment gap is never a baseline comparison
        nearby = [(c, u) for c, u in nearby_comparators(ctx) if id(u) not in gaps]
        return Facts(metrics=metrics, loose=loose, boilerplate=boilerplate_units(ctx),
                     peers=peers, nearby=nearby, order=neighbourhoods(ctx))
    return ctx.cached("facts", compute)


__all__ = ["Comparator", "Facts", "MetricFact", "facts_of"]
