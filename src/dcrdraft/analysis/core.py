"""Everything a draft states that is computed rather than typed: intervals, deltas, statuses,
segment failures, risk levels, and the gaps the inputs leave open.
The value types live in ``views`` and are re-exported here.

The template engine and the LLM prompts both read an ``Analysis``; neither computes.
"""

from __future__ import annotations

import re

from dcrdraft import figures as fmt
from dcrdraft.analysis import stats
from dcrdraft.analysis.gaps import find_gaps
from dcrdraft.analysis.views import (Analysis, Derivation, Gap, ResultView, RiskView, SegmentColumn,
                                     SegmentFailure)
from dcrdraft.inputs.model import Inputs, PrimaryMetric, Risk, SecondaryMetric

__all__ = [
    "Analysis", "Derivation", "Gap", "ResultView", "RiskView", "SegmentColumn", "SegmentFailure",
    "analyse", "secondary_ci", "secondary_delta", "secondary_status",
]


_STOP = frozenset({"a", "an", "the", "at", "of", "on", "in", "for", "by", "to", "and", "or",
                   "with", "rate", "than", "less", "more"})
_UNITS = {"%": " pct ", "percent": "pct", "pc": "pct"}


def tokens(text: str) -> frozenset[str]:
    """The normalised tokens of a name: lower case, '%' and 'percent' as 'pct', numbers split
    from their units ('1pct' -> '1', 'pct'), plurals singular, filler words dropped, so
    ``fraud_recall_at_1pct_hold_rate`` and "Fraud recall at 1% hold rate" agree."""
    t = text.lower().replace("%", " pct ")
    t = re.sub(r"(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)", " ", t)
    out = set()
    for w in re.split(r"[^a-z0-9.]+", t):
        w = w.strip(".")
        w = _UNITS.get(w, w)
        if len(w) > 4 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            w = w[:-1]
        if w and w not in _STOP:
            out.add(w)
    return frozenset(out)


def _matches(key: str, name: str) -> bool:
    a, b = tokens(key), tokens(name)
    return bool(a) and bool(b) and (a <= b or b <= a)


def _core_tokens(segment: str) -> frozenset[str]:
    """A segment's name without its qualifier in brackets or figures ("New merchants (< 30
    days)" -> {new, merchant})."""
    bare = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", segment)
    return frozenset(t for t in tokens(bare) if not t[:1].isdigit() and t != "pct")


def covers(risk: Risk, segment: str) -> bool:
    """Whether ``risk`` covers ``segment``: it names the segment in ``segments`` (by normalised
    tokens), its title carries all of the segment's tokens, or its text names it verbatim."""
    seg = tokens(segment)
    if any(tokens(s) == seg or (_core_tokens(s) and _core_tokens(s) == _core_tokens(segment))
           for s in risk.segments):
        return True
    core = _core_tokens(segment)
    if core and core <= tokens(risk.title):
        return True
    return segment.lower() in _risk_text(risk)


def _column(key: str, inputs: Inputs) -> SegmentColumn:
    pm = inputs.evaluation.primary_metric
    if pm is not None and _matches(key, pm.name):
        return SegmentColumn(key, pm.name, pm.threshold, pm.higher_is_better)
    for sm in inputs.evaluation.secondary_metrics:
        if _matches(key, sm.name):
            thr = sm.threshold if isinstance(sm.threshold, float) else None
            return SegmentColumn(key, sm.name, thr, sm.higher_is_better)
    return SegmentColumn(key, None, None, True)


def _results(pm: PrimaryMetric, derivations: list[Derivation]) -> list[ResultView]:
    out = []
    for r in pm.results:
        ci, source = None, None
        if r.ci is not None:
            ci, source = (r.ci[0], r.ci[1]), "reported"
        elif r.n is not None:
            ci, source = stats.wilson_interval(r.value, r.n), "computed"
            derivations.append(
                Derivation(
                    f"{pm.name} on {r.dataset}: 95% CI [{fmt.pct1(ci[0])}, {fmt.pct1(ci[1])}]",
                    f"Wilson score interval for {fmt.pct(r.value)} on n = {fmt.count(r.n)}.",
                )
            )
        status = None
        if pm.threshold is not None:
            status = stats.status(r.value, pm.threshold, pm.higher_is_better)
            derivations.append(
                Derivation(
                    f"{pm.name} on {r.dataset}: {status}",
                    f"{fmt.pct(r.value)} against the {fmt.pct(pm.threshold)} threshold "
                    f"({'higher' if pm.higher_is_better else 'lower'} is better).",
                )
            )
        delta = None
        if pm.baseline is not None:
            delta = stats.delta_points(r.value, pm.baseline.value)
            derivations.append(
                Derivation(
                    f"{pm.name} on {r.dataset}: {fmt.points(delta)} against the baseline",
                    f"{fmt.pct(r.value)} minus {fmt.pct(pm.baseline.value)}.",
                )
            )
        out.append(ResultView(r.dataset, r.value, r.n, ci, source, status, delta))
    return out


def secondary_delta(m: SecondaryMetric) -> float | None:
    """Points against the baseline, when both are rates."""
    if isinstance(m.value, float) and isinstance(m.baseline, float):
        return stats.delta_points(m.value, m.baseline)
    return None


def secondary_status(m: SecondaryMetric) -> stats.Status | None:
    if isinstance(m.value, float) and isinstance(m.threshold, float):
        return stats.status(m.value, m.threshold, m.higher_is_better)
    return None


def secondary_ci(m: SecondaryMetric) -> tuple[float, float] | None:
    if isinstance(m.value, float) and m.n is not None:
        return stats.wilson_interval(m.value, m.n)
    return None


def _risk_text(r: Risk) -> str:
    parts = [r.title, r.description, r.evidence, r.category, *r.mitigations, *r.segments]
    return " ".join(p for p in parts if p).lower()


def _risk_views(inputs: Inputs) -> list[RiskView]:
    out = []
    for i, r in enumerate(inputs.risks, 1):
        missing = [
            name
            for name, present in (
                ("severity", r.severity),
                ("likelihood", r.likelihood),
                ("description", r.description or r.evidence),
                ("mitigations", r.mitigations),
                ("residual risk", r.residual_risk),
                ("owner", r.owner and (r.owner.name or r.owner.role)),
                ("monitoring", r.monitoring),
                ("escalation", r.escalation),
                ("review cadence", r.review_cadence),
            )
            if not present
        ]
        out.append(
            RiskView(
                r,
                r.id or f"Risk {i}",
                stats.risk_level(r.severity, r.likelihood),
                stats.risk_score(r.severity, r.likelihood),
                missing,
            )
        )
    return out


def analyse(inputs: Inputs) -> Analysis:
    """Compute every derived figure of a DCR and list its gaps."""
    ev = inputs.evaluation
    pm = ev.primary_metric
    derivations: list[Derivation] = []
    primary = _results(pm, derivations) if pm else []
    statuses = [r.status for r in primary if r.status]
    primary_status: stats.Status | None = None
    if statuses:
        primary_status = "PASS" if all(s == "PASS" for s in statuses) else "FAIL"

    keys: list[str] = []
    for seg in ev.segments:
        keys += [k for k in seg.metrics if k not in keys]
    columns = [_column(k, inputs) for k in keys]
    risks = _risk_views(inputs)
    failures: list[SegmentFailure] = []
    failing_cells: set[tuple[str, str]] = set()
    for seg in ev.segments:
        for col in columns:
            value = seg.metrics.get(col.key)
            if value is None or col.threshold is None or col.metric is None:
                continue
            if not stats.meets(value, col.threshold, col.higher_is_better):
                covered = [rv.label for rv in risks if covers(rv.risk, seg.name)]
                failures.append(
                    SegmentFailure(seg.name, col.metric, value, col.threshold,
                                   col.higher_is_better, covered)
                )
                failing_cells.add((seg.name, col.key))
                derivations.append(
                    Derivation(
                        f"{seg.name}: {col.metric} below threshold",
                        f"{fmt.pct(value)} against the deployment threshold "
                        f"{fmt.pct(col.threshold)} of {col.metric}.",
                    )
                )
    for rv in risks:
        if rv.level:
            derivations.append(
                Derivation(
                    f"{rv.label} risk level: {rv.level.upper()}",
                    f"Severity {rv.risk.severity} x likelihood {rv.risk.likelihood}, "
                    "from the risk matrix in this appendix.",
                )
            )

    analysis = Analysis(inputs, primary, primary_status, columns, failures, risks, [],
                        derivations, failing_cells)
    analysis.gaps = find_gaps(analysis)
    return analysis
