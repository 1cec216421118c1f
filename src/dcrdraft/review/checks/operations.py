"""Judgments over the operations facts: the monitoring plan (signals with metric, window,
threshold and action), rollback criteria (a measurable trigger or a named incident type) and
the rollback test record (executed, or only talked through, planned or documented)."""

from __future__ import annotations

import re

from dcrdraft.review.checks.base import PLACEHOLDER_X, Hit, Params, Verdict, check
from dcrdraft.review.checks.conditions import absent_at, shorten
from dcrdraft.review.context import Context
from dcrdraft.review.facts.conditions import TOPICS, Cond, analyse_conditions
from dcrdraft.review.facts.monitoring import PARTS, Signal, monitoring_signals
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.facts.rollback import UNDEFINED as _UNDEFINED
from dcrdraft.review.facts.rollback import TICK, rollback_records, rollback_triggers

WEAK_RECORDS = ("tabletop", "planned", "documented")
_CHECKED = re.compile(r"\b(?:spot-?check\w*|sampl(?:e|ed|es|ing)|audit\w*|re-?check\w*|"
                      r"hand-?check\w*|re-?evaluat\w*|re-?review\w*)\b", re.I)
"""A trigger's figure read from a check of live output ("more than 2% of spot-checked
forms"): the metric is watched by that check even when no window is named."""
_CALENDAR = re.compile(r"\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|"
                       r"yearly|annual(?:ly)?|(?:each|every|per)\s+(?:day|week|month|quarter|"
                       r"shift|term|season|year))\b", re.I)
"""A window that is a calendar cadence, as a recurring check keeps one."""
_PERFORMANCE = re.compile(r"\bperformance\b", re.I)
_DIGIT = re.compile(r"\d")
_CRITERIA = re.compile(r"\b(?:criteri\w*|triggers?|thresholds?|conditions?|plans?)\b|"
                       r"^\W*roll ?-?back\W*:", re.I)
"""What a statement that rollback is undefined must be about to undefine the criteria."""


def _complete(signals: list[Signal], params: Params) -> list[Signal]:
    require = tuple(str(p) for p in params.get("require") or PARTS)
    full = [s for s in signals if not s.lacks(require) and not s.placeholder]
    if params.get("require_quality") and not any(s.quality for s in full):
        return []
    return full


@check("monitoring_plan", "item")
def monitoring_plan(ctx: Context, params: Params) -> Verdict:
    """Pass on enough monitoring signals stating every ``require``d part (metric, window,
    threshold, action); weak on a signal with a threshold, or a metric with a window, or
    on a rollback trigger's figure on a metric."""
    signals = monitoring_signals(ctx)
    full = _complete(signals, params)
    if len(full) >= int(params.get("min", 1)):
        return Verdict("pass", full[0].unit, detail=str(len(full)))
    part = [s for s in signals if s.threshold is not None or (s.metric and s.window)]
    if part:
        first = part[0]
        lacks = first.lacks(tuple(params.get("require") or PARTS))
        detail = ", ".join(lacks) or ("a filled-in threshold" if first.placeholder else
                                      "an outcome metric beyond latency or uptime")
        return Verdict("weak", first.unit, detail=detail)
    # A rollback trigger on a metric's figure watches that metric, though as a plan for the
    # rollback rather than the monitoring: some monitoring, not a plan; unless the document
    # says its monitoring vaguely ("we will monitor closely"), which is no monitoring at all.
    watched = [t for t in rollback_triggers(ctx) if t.kind in ("figure", "relative")
               and t.metric and not t.absent and not t.placeholder]
    if watched and not any(c.vague or c.absent for c in analyse_conditions(ctx, "monitoring")):
        return Verdict("weak", watched[0].unit, detail="an alert threshold of its own, beyond "
                                                       "the rollback trigger")
    # A check of live output on a calendar cadence ("a monthly sample of 100 answers graded
    # by staff") is monitoring without an alert threshold; "continuous" or "real-time"
    # monitoring names no check that anyone runs, and "performance reviewed weekly" no measure.
    cadenced = [s for s in signals if s.window and _CALENDAR.search(s.unit.text) and not s.vague
                and not (_PERFORMANCE.search(s.unit.text) and not _DIGIT.search(s.unit.text))]
    if cadenced:
        return Verdict("weak", cadenced[0].unit, detail="threshold")
    return Verdict("missing")


@check("monitoring_plan_absent", "finding")
def monitoring_plan_absent(ctx: Context, params: Params) -> list[Hit]:
    """Fires when no monitoring signal states an alert threshold (a rollback trigger's figure
    counts for metrics the monitoring watches over a window, and a trigger with its own metric
    and window counts unless monitoring is said vaguely): at the vague or absence statement,
    else where metrics are named
    without one, else the monitoring heading."""
    signals = monitoring_signals(ctx)
    if any(s.threshold is not None or (s.placeholder and s.metric) for s in signals):
        return []  # an unfilled slot in a named signal is X01's placeholder finding
    watched = any(s.metric and s.window for s in signals)
    count = params.get("count_rollback", True)
    triggers = [t for t in rollback_triggers(ctx)
                if t.kind in ("figure", "relative") and not t.absent]
    if watched and count and triggers:
        return []  # the metrics are watched; the rollback trigger gives their figure
    conds = analyse_conditions(ctx, "monitoring")
    if count and not any(c.vague or c.absent for c in conds) and any(
            t.metric and (t.window is not None or _CHECKED.search(t.text)) and
            not t.placeholder for t in triggers):
        # no monitoring said vaguely, and a trigger that is itself a watched signal: a
        # metric, its window and the figure that acts on it
        return []
    if params.get("only_if_mentioned") and not conds:
        return []
    if any(c.vague or c.absent for c in conds) or not any(s.metric for s in signals):
        return absent_at(ctx, "monitoring")
    said = next(s for s in signals if s.metric)
    return [Hit(said.line, said.end_line,
                f"metrics without an alert threshold: \"{shorten(said.unit.text)}\"")]


@check("rollback_criteria", "item")
def rollback_criteria(ctx: Context, params: Params) -> Verdict:
    """Pass on a measurable rollback trigger (a figure with its metric and window) or a named
    incident type; weak on a trigger lacking parts; a placeholder or "TBD" is missing."""
    triggers = [t for t in rollback_triggers(ctx) if not t.absent and not t.placeholder]
    window = params.get("require_window", True)
    full = [t for t in triggers if t.measurable or (
        not window and t.kind == "figure" and t.metric)]
    if len(full) >= int(params.get("min", 1)):
        return Verdict("pass", full[0].unit, detail=str(len(full)))
    part = [t for t in triggers if t.partial]
    if part:
        return Verdict("weak", part[0].unit)
    said = _rollback_said(ctx)
    if said is not None and params.get("mention_is_weak", True):
        return Verdict("weak", said.unit, detail="a rollback named with no trigger")
    return Verdict("missing")


def _rollback_said(ctx: Context) -> Cond | None:
    """A statement that names a rollback without a condition ("we can roll back if needed",
    "rollback procedures are documented"): neither a placeholder nor a statement of absence."""
    said = re.compile(TOPICS["rollback"][0], re.I)
    conds = analyse_conditions(ctx, "rollback")
    if any((PLACEHOLDER_X.search(TICK.sub(" ", c.unit.text)) or c.absent or
            _UNDEFINED.search(c.unit.text)) and _CRITERIA.search(c.unit.text) for c in conds):
        return None  # the document says its rollback criteria are not defined yet
    return next((c for c in conds if said.search(c.unit.text)
                 and not vocab("rollback_rehearsal").search(c.unit.text)), None)


@check("rollback_criteria_absent", "finding")
def rollback_criteria_absent(ctx: Context, params: Params) -> list[Hit]:
    """Fires when no rollback trigger states a figure or names an incident type (a trigger
    that is "TBD" or a placeholder is none; "we can roll back if needed" is none either)."""
    triggers = rollback_triggers(ctx)
    if any(t.partial and not t.absent and not t.placeholder for t in triggers):
        return []
    if params.get("only_if_mentioned") and not triggers:
        return []
    return absent_at(ctx, "rollback")


@check("rollback_tested", "item")
def rollback_tested(ctx: Context, params: Params) -> Verdict:
    """Pass on a rollback test record that was executed and says when, where or with what
    outcome (``details`` of them); weak on a test talked through, planned, or a procedure
    only documented; a procedure "to be defined" is missing."""
    records = rollback_records(ctx)
    need = int(params.get("details", 1))
    done = [r for r in records if r.status == "executed" and r.details >= need]
    if done:
        return Verdict("pass", done[0].unit)
    weak = tuple(params.get("weak") or WEAK_RECORDS)
    thin = [r for r in records if r.status == "executed" or r.status in weak]
    if thin:
        return Verdict("weak", thin[0].unit, detail=thin[0].status)
    return Verdict("missing")
