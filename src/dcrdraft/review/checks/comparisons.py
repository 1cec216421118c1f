"""Judgments over metric facts (``review.facts``): is the headline metric set against a
comparator figure (C04, M02), and does a claimed PASS meet its own threshold (X03)?

Each is a predicate over the facts a document states; the fact layer decides what a figure
is (value, baseline, threshold) once, so these checks never read surface words.
"""

from __future__ import annotations

import re

from dcrdraft.review.checks.base import Hit, Params, Verdict, check
from dcrdraft.review.checks.metrics import comparisons, primary_metric
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts import Comparator, Facts, MetricFact, facts_of
from dcrdraft.review.facts.columns import BAND, bound_of, status_of
from dcrdraft.review.facts.metrics import PROSE_FIGURE, direction, figure
from dcrdraft.review.facts.nearby import figure_in
from dcrdraft.review.text import RESULT_CLAIM_RE, to_float

_KINDS = ("baseline", "delta", "threshold")


_STATED_RESULTS = frozenset({"summary", "evaluation", "methodology", "segments"})
"""Sections whose words report results; an overview, risk or usage section describes the
system, and its "improved" or "predecessor" names no result."""


_OLD_WAY = re.compile(r"\b(?:baselines?|previous|prior|predecessor|legacy|incumbent|"
                      r"status quo|old (?:model|system|version)|than)\b", re.I)
"""Words naming the comparator itself (the system or way of working a result is set
against), which say so in any section."""


def _reports_result(u: Unit) -> bool:
    """Whether ``u`` reports a result: a claim set against a comparator, or any sentence of a
    section that reports results."""
    return bool(RESULT_CLAIM_RE.search(u.text) or not u.kinds or u.kinds & _STATED_RESULTS)


def _names_result(u: Unit) -> bool:
    """Whether a baseline word in ``u`` can name a result's comparator: in a sentence that
    reports a result, or a word naming the old way. A version number, "improved" or "against"
    in a section describing the system, its data or its uses names no result."""
    return _reports_result(u) or bool(_OLD_WAY.search(u.text))


def _accepted(params: Params) -> set[str]:
    return set(params.get("accept") or _KINDS)


_RESULTS = frozenset({"summary", "overview", "evaluation", "methodology"})
"""Sections that report results: a figure here may be the evidence even under a heading that
is also one of ``not_in`` ("Evaluation > Fairness")."""


def _reports_results(kinds: frozenset[str], params: Params) -> bool:
    """Whether a figure under ``kinds`` can be a comparison's evidence: not one from a section
    of ``not_in`` (default fairness, whose figures set groups against each other)."""
    excluded = set(params.get("not_in", ["fairness"]))
    return not kinds & excluded or bool(kinds & _RESULTS)


def _surface(ctx: Context, facts: Facts, params: Params) -> Verdict:
    """The verdict from surface words, when no metric figure was read: a comparison in a
    results section passes; one that sets a segment against another, or sits in a section of
    ``not_in``, is a mention."""
    strong, mentions = comparisons(ctx)
    peers = {id(u) for u in facts.peers}
    usable: list[Unit] = [u for u in strong if id(u) not in peers
                          and _reports_results(u.kinds, params)]
    if usable:
        return Verdict("pass", next((u for u in usable if u.kinds & _RESULTS), usable[0]))
    paired = _paired_comparator(facts, params)
    if paired is not None:
        return Verdict("pass", paired)
    beside = _beside_a_result(ctx, facts, params)
    if beside is not None:
        return Verdict("pass", beside)
    said = [u for u in _named(ctx, facts, params) if _names_result(u)]
    if said:
        return Verdict("weak", min(said, key=lambda u: u.line))
    return Verdict("missing")


def _named(ctx: Context, facts: Facts, params: Params) -> list[Unit]:
    """Units naming a comparator that no result of the document is set against."""
    strong, mentions = comparisons(ctx)
    peers = {id(u) for u in facts.peers}
    return mentions + [u for u in strong if id(u) in peers
                       or not _reports_results(u.kinds, params)]


def _paired_comparator(facts: Facts, params: Params) -> Unit | None:
    """A sentence the fact layer read a comparator figure in, beside another figure of its
    own: a result set against its comparator ("98.1% (release 2.3: 97.7%)", "1,888 a day
    against 2,140 last year") whose measure the figure reader could not name."""
    gaps = {id(u) for u in facts.peers}
    return next((u for _c, _k, u in facts.loose if id(u) not in gaps
                 and _reports_results(u.kinds, params)
                 and sum(1 for _m in PROSE_FIGURE.finditer(u.text)) >= 2), None)


def _beside_a_result(ctx: Context, facts: Facts, params: Params) -> Unit | None:
    """A comparator sentence beside another sentence with a figure: a result the figure
    reader could not tie to a measure ("It got 81% of calls right. The desk's own call got
    70% right.")."""
    if not facts.nearby:
        return None
    gaps = {id(p) for p in facts.peers}
    figured: dict[tuple[int, int], int] = {}  # (section, block ordinal) -> sentences with a figure
    for v in ctx.units:
        if v.row is None and id(v) not in gaps and figure_in(v.text):
            key = (id(v.section), facts.order.get(id(v.block), -9))
            figured[key] = figured.get(key, 0) + 1
    for _c, u in facts.nearby:
        if not _reports_results(u.kinds, params):
            continue
        at = facts.order.get(id(u.block), -9)
        own, before, after = (figured.get((id(u.section), at + d), 0) for d in (0, -1, 1))
        if own > 1 or before or after:  # another sentence with a figure beside it
            return u
    return None


def _comparators(facts: Facts, metric: MetricFact, params: Params) -> list[Comparator]:
    ok = _accepted(params)
    return [c for c in facts.comparators_for(metric) if c.kind in ok]


@check("comparator", "item")
def comparator(ctx: Context, params: Params) -> Verdict:
    """Pass when the headline metric is set against a comparator figure (a baseline, previous
    version, control or threshold); weak when only other metrics are, or a baseline is named
    without a figure; missing otherwise."""
    facts = facts_of(ctx)
    head = facts.headline
    if head is None:
        return _surface(ctx, facts, params)  # no metric figure read: judge the words
    found = _comparators(facts, head, params)
    if found:
        return Verdict("pass", head.unit_ref, line=found[0].line)
    other = next((m for m in facts.metrics if _comparators(facts, m, params)
                  and not m.method_statistic and m.segment is None), None)
    if other is not None and params.get("any_result", False):
        return Verdict("pass", other.unit_ref, line=other.line)
    if other is not None:
        return Verdict("weak", other.unit_ref, line=other.line,
                       detail=f"the headline metric ({head.name}) has none")
    if params.get("any_result", False):
        worded = _surface(ctx, facts, params)
        if worded.status == "pass":
            return worded  # a comparison in words the figure facts did not tie to a metric
    _strong, mentions = comparisons(ctx)
    said = [u for u in mentions if _names_result(u)]
    if said:
        return Verdict("weak", said[0])
    return Verdict("missing")


@check("comparator_absent", "finding")
def comparator_absent(ctx: Context, params: Params) -> list[Hit]:
    """Fires when the document reports results (a metric, with or without its figure, or a
    comparison in words) but sets no headline figure against a comparator figure (baseline,
    previous version, control or threshold): the C04 judgment short of a pass, on a document
    that claims something to compare."""
    verdict = comparator(ctx, params)
    if verdict.status == "pass":
        return []
    head = facts_of(ctx).headline
    if head is not None:
        return [Hit(head.line, head.line,
                    f"{head.name} {head.value:g}{head.unit}: no comparator")]
    claim = primary_metric(ctx, params)
    named = _named(ctx, facts_of(ctx), params)
    if named:
        # No figure read: a word like "improved" or "its predecessor" describes the system,
        # not a result; only a claim set against a comparator ("outperforms the old rules")
        # reports a result that lacks its baseline figure.
        _strong, mentions = comparisons(ctx)
        first = min(named, key=lambda u: u.line)
        said = next((u for u in [first, *mentions] if _reports_result(u)), None)
        return [] if said is None else [Hit(said.line, said.end_line,
                                            "a baseline named without a figure")]
    if claim.unit is None:
        return []  # no result reported: nothing lacks a baseline
    return [Hit(claim.unit.line, claim.unit.end_line, "results stated without any comparator")]


def _misses(m: MetricFact, threshold: float) -> bool | None:
    """Whether ``m`` misses ``threshold``; None when the direction is not certain. A band
    ("0.65–0.80") is missed only outside it, whichever way the metric improves."""
    bound = bound_of(m.threshold_text) if m.threshold_text else None
    band = BAND.match(m.threshold_text) if m.threshold_text and bound is None else None
    if band is not None:
        low, high = to_float(band.group(1)), to_float(band.group(2))
        if low < high:
            return not low <= m.value <= high
    side = bound or ({"higher": "floor", "lower": "ceiling"}.get(m.direction or ""))
    if side is None:
        return None
    return m.value < threshold if side == "floor" else m.value > threshold


@check("claim_vs_threshold", "finding")
def claim_vs_threshold(ctx: Context, params: Params) -> list[Hit]:
    """A table row claiming PASS while its value misses the threshold beside it; read only
    from tables whose value, threshold and status columns are certain, and only when the
    bound's direction is stated or known from the metric's name."""
    hits: list[Hit] = []
    for m in facts_of(ctx).metrics:
        if m.source != "table" or m.status != "pass" or len(m.thresholds) != 1:
            continue
        thr = m.thresholds[0]
        if (m.unit == "%") != ("%" in thr.text) and max(m.value, thr.value) > 1:
            continue  # a percentage beside a plain number: not the same scale
        if _misses(m, thr.value):
            hits.append(Hit(m.line, m.line, f"{m.name}: {m.value:g}{m.unit} against "
                                            f"{thr.text.strip()}"))
    return hits + _record_claims(ctx)


_STATUS_LINE = re.compile(r"^\W*(?:status|result|verdict|outcome|gate)\b[^:]{0,20}:", re.I)
_THRESHOLD_LINE = re.compile(r"\b(?:threshold|target|minimum|bar|required|acceptance|limit|"
                             r"slo)\b[^:]{0,40}:", re.I)
_OLD_LINE = re.compile(r"\b(?:baseline|previous|prior|legacy|incumbent|control|old)\b", re.I)


def _record_claims(ctx: Context) -> list[Hit]:
    """Record blocks ("Metric: 83%" / "Threshold: ≥ 85%" / "Status: PASS") with exactly one
    value line, whose direction is stated by the threshold or known from the metric."""
    hits: list[Hit] = []
    for chunk in ctx.chunks:
        if chunk.row is not None or "\n" not in chunk.text:
            continue
        lines = chunk.text.split("\n")
        status = [ln for ln in lines if _STATUS_LINE.match(ln)]
        if len(status) != 1 or status_of(status[0].split(":", 1)[1]) != "pass":
            continue
        thr_lines = [ln for ln in lines if _THRESHOLD_LINE.search(ln) and ln not in status]
        if len(thr_lines) != 1:
            continue
        values = [ln for ln in lines if ln not in status and ln not in thr_lines
                  and ":" in ln and not _OLD_LINE.search(ln.split(":", 1)[0])
                  and figure(ln.split(":", 1)[1]) is not None]
        thr = figure(thr_lines[0].split(":", 1)[1])
        if len(values) != 1 or thr is None:
            continue
        name, cell = values[0].split(":", 1)
        got = figure(cell)
        if got is None or got[1] != thr[1]:
            continue
        side = bound_of(thr_lines[0].split(":", 1)[1]) or \
            {"higher": "floor", "lower": "ceiling"}.get(direction(name) or "")
        if side is None:
            continue
        if (got[0] < thr[0]) if side == "floor" else (got[0] > thr[0]):
            hits.append(Hit(chunk.line, chunk.end_line,
                            f"{name.strip()}: {got[0]:g}{got[1]} against {thr[0]:g}{thr[1]}"))
    return hits
