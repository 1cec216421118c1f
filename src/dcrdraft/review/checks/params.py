"""What each check type reads and which parameters it takes, in plain words: the source of
rule-parameter validation (an unknown or misspelt key is a located error) and of the "How it
is judged" part of ``dcrdraft rules CODE``."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CheckDoc:
    """A check type explained for a reader of ``dcrdraft rules``."""

    reads: str
    judged: str
    params: dict[str, str] = field(default_factory=dict)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Parameters whose value (or each item of a list value) must be one of these words."""


_SCOPE = {"kinds": "section kinds whose text is read first (e.g. [monitoring, rollback])",
          "anywhere": "whether text outside those sections may also count (default true)"}

_SIGNOFF_FIELDS = ("name", "date", "decision")
"""The fields of a sign-off fact a rule may require."""

DOCS: dict[str, CheckDoc] = {
    "evidence": CheckDoc(
        "the sections named by `kinds` (then the whole document unless anywhere: false)",
        "passes on a sentence matching one `pass` alternative (every pattern of it); weak on a "
        "`weak` alternative; statements of absence (\"has not been assessed\") and content-free "
        "boilerplate are never evidence",
        {**_SCOPE, "pass": "alternatives that pass: lists of patterns one sentence must all match",
         "weak": "alternatives that make the item weak",
         "reject": "patterns that disqualify a passing sentence",
         "deny": "patterns by which the document denies the item (pass drops to weak)",
         "prefer": "section kinds that, when present, are the only ones that can pass",
         "negation": "whether statements of absence are ignored (default true)",
         "own_threshold": "a passing figure that misses the limit beside it is only weak",
         "section_words": "a recognised section of at least this many words is weak, not missing",
         "answers": "{asks: patterns, words: N}: a sentence of at least N words under a heading, "
                    "question or run-in label matching `asks` passes (\"What it does\")",
         "opening": "{units: N, words: W, pass: alternatives}: one of the document's first N "
                    "sentences of at least W words, under any heading, matching an alternative "
                    "passes; `reject` patterns and `not_in` section kinds rule a sentence out of the "
                    "opening",
         "signoff_roles": "whether an approver's role in a sign-off row (\"Legal and "
                          "Compliance\") may count (default true)",
         "identifiers": "whether the cell numbering a table row (\"ID: R-02\") may count "
                        "(default true)",
         "headings": "whether a section's heading is read with its first sentence (\"Pilot "
                     "results (24 sites)\" over what the pilot measured; default false)",
         "claims_touch": "a content-free claim matching a `weak` or `pass` alternative makes "
                         "the item weak, never more (default false)",
         "title_weak": "a document with a title is weak, not missing: it names what it is "
                       "about (default false)"}),
    "graded": CheckDoc(
        "the family's graded facts (what each sentence or paragraph says about the topic), "
        "in the sections named by `kinds` or sections whose heading names the topic's subject, "
        "then the whole document unless anywhere: false",
        "passes on a fact whose grade is listed under `pass`, weak on one under `weak`; a "
        "`demote` grade stated anywhere drops a pass to weak and a weak to missing; statements "
        "of absence earn only their own grade and content-free boilerplate is never a fact",
        {**_SCOPE, "family": "readiness, fairness, privacy or user_docs: which facts are read",
         "pass": "grades that pass", "weak": "grades that make the item weak",
         "demote": "grades that, stated anywhere, demote the item",
         "prefer": "section kinds that, when present, are the only ones that can pass",
         "own_threshold": "a passing figure that misses the limit beside it is only weak",
         "section_words": "a recognised section of at least this many words is weak, not missing"}),
    "primary_metric": CheckDoc(
        "summary, evaluation, methodology, segments and fairness sections",
        "passes on a named metric with its value, or on any result set against a comparator "
        "figure; weak on a metric named without a value",
        {"not_in": "for the comparison: section kinds whose figures are never the evidence "
                   "(as the comparator check)",
         "any_result": "for the comparison: any overall result counts, not only the headline "
                       "(as the comparator check)"}),
    "baseline": CheckDoc(
        "the whole document (surface words)",
        "passes on a figure set against a baseline, previous version or threshold figure; weak "
        "on a baseline named without a figure"),
    "condition_past_due": CheckDoc(
        "the document's own date (header, e-mail headers, page metadata) and the conditions it "
        "sets for going live: conditions sections and checklists, lists led in by \"subject "
        "to\" or \"conditions:\", tables with a due column",
        "fires on each condition whose due date is before the document's date with no status "
        "saying it was met (\"done\", \"closed\", a tick); silent when the document states no "
        "date of its own"),
    "alertable": CheckDoc(
        "monitoring tables under monitoring, deployment and conditions sections",
        "fires on each monitoring signal whose window or red-alert figure cannot be read as "
        "an alert rule"),
    "baseline_absent": CheckDoc(
        "the whole document (surface words)",
        "fires at the first metric figure when no sentence compares any figure with a "
        "baseline, previous version or threshold"),
    "comparator": CheckDoc(
        "the metric facts: results tables whose value column is certain, and result sentences",
        "passes when the headline metric has a comparator figure (baseline, previous version, "
        "control, champion, the process it replaces, or a threshold); weak when only other "
        "metrics have one or a baseline is named without a figure; a segment set against "
        "another segment (\"79% against 94% for simple queries\") is never a comparator",
        {"accept": "comparator kinds that count: baseline, delta, threshold (default all)",
         "not_in": "section kinds whose figures are never the evidence unless the section also "
                   "reports results (default [fairness])",
         "any_result": "pass when any overall result (not a segment's, not a method statistic) "
                       "has a comparator figure, since which result is the headline is often "
                       "not certain (default false)"}),
    "comparator_absent": CheckDoc(
        "the metric facts, through the comparator judgment and the primary-metric judgment",
        "fires when the document reports a result (a metric with or without its figure, or a "
        "comparison in words) and the comparator judgment falls short of a pass: no result "
        "set against a comparator figure",
        {"accept": "comparator kinds that count: baseline, delta, threshold (default all)",
         "not_in": "as for comparator (default [fairness])",
         "any_result": "as for comparator (default false)"}),
    "claim_vs_threshold": CheckDoc(
        "results tables with certain value, threshold and status columns; record blocks with "
        "one value line, one threshold line and one status line",
        "fires when a PASS is claimed for a value that misses its threshold, only when the "
        "bound's direction is stated (≥, max, at least) or known from the metric's name"),
    "pass_claim": CheckDoc(
        "tables, record blocks and sentences (surface words)",
        "fires when a PASS is claimed for a value that misses its threshold"),
    "segments": CheckDoc(
        "breakdown tables and sentences in result sections",
        "passes on a per-segment table or several per-segment figures; weak on segment words "
        "without figures, or one segment figure in prose"),
    "uncertainty": CheckDoc(
        "the whole document",
        "passes on an interval or margin with numbers; weak on uncertainty words or a sample "
        "size alone"),
    "risk_register": CheckDoc(
        "risk entries: tables, labelled records and list items under a risks heading, and the "
        "rows of an audit's or a validation's findings table",
        "passes when enough entries state every required field; weak when entries exist "
        "without them",
        {"require": "fields each entry needs (severity, likelihood, mitigation, owner, residual)",
         "share": "share of entries that must be complete (0-1)",
         "min": "fewest entries for a pass",
         "notes_min_words": "with no entries, fewest words of failure notes (known issues "
                            "naming no risk) that count as risks stated in prose"}),
    "specific_mitigations": CheckDoc(
        "risk entries",
        "passes when enough entries carry a concrete mitigation (a mechanism, owner, figure or "
        "cadence); weak when some do",
        {"share": "share of entries that must be concrete (0-1)"}),
    "failure_modes": CheckDoc(
        "as `evidence`, plus failure statements (facts): sentences under a failure-modes "
        "heading or after a lead-in such as \"Known issues:\"",
        "passes as `evidence` does, or on a failure statement with a rate, count or share; "
        "weak on a failure statement without one",
        {**_SCOPE, "pass": "alternatives that pass: lists of patterns one sentence must all match",
         "weak": "alternatives that make the item weak",
         "reject": "patterns that disqualify a passing sentence",
         "identifiers": "whether the cell numbering a table row (\"ID: R-02\") may count "
                        "(default true)"}),
    "residual_risk": CheckDoc(
        "risk entries, and statements in risk, safety, summary or fairness sections",
        "passes when most entries (or a section statement with a level) give the residual "
        "risk; weak on a mention",
        {"share": "share of entries that must state a residual risk (0-1)"}),
    "monitoring_plan": CheckDoc(
        "monitoring signals (facts): monitoring table rows, record lines and sentences under "
        "monitoring, conditions or deployment sections or a monitoring lead-in, and alert "
        "sentences anywhere",
        "passes on enough signals stating every required part (the metric, its window, the "
        "alert threshold as a figure with a direction, and the action on an alert); weak on a "
        "signal with a threshold, or a metric with a window, or when only a rollback trigger "
        "watches a metric's figure; \"we will monitor closely\", "
        "statements of absence and boilerplate are no signal",
        {"require": "parts each signal needs: metric, window, threshold, action (default all)",
         "min": "fewest complete signals for a pass",
         "require_quality": "one complete signal must watch an outcome, not only latency or "
                            "uptime"},
        {"require": ("metric", "window", "threshold", "action")}),
    "monitoring_plan_absent": CheckDoc(
        "monitoring signals and rollback triggers (facts)",
        "fires when no monitoring signal states an alert threshold (a rollback trigger's "
        "figure counts when the monitoring names metrics and windows, or when the trigger "
        "itself names a metric and a window and no monitoring is said vaguely): at a vague or "
        "absence statement, else where metrics are named "
        "without a threshold, else the monitoring heading",
        {"count_rollback": "whether a rollback trigger's figure counts as the threshold of "
                           "metrics the monitoring watches (default true)",
         "only_if_mentioned": "fire only when monitoring is mentioned at all"}),
    "rollback_criteria": CheckDoc(
        "rollback triggers (facts): sentences, list items and table rows under rollback, "
        "conditions, deployment or monitoring sections, or naming a rollback",
        "passes on a trigger that is measurable (a metric, a comparison with a figure and a "
        "window) or names an incident type (\"any confirmed data leak\"); weak on a trigger "
        "lacking parts; \"TBD\", \"to be defined\" and placeholders are missing",
        {"min": "fewest measurable triggers for a pass",
         "require_window": "a figure trigger needs a window to pass (default true)"}),
    "rollback_criteria_absent": CheckDoc(
        "rollback triggers (facts)",
        "fires when no trigger states a figure or names an incident type",
        {"only_if_mentioned": "fire only when rollback is mentioned at all"}),
    "rollback_tested": CheckDoc(
        "rollback procedure statements (facts): under a rollback heading, naming a rollback, "
        "or in a paragraph that names one",
        "passes on an executed test record that says when, where or with what outcome "
        "(\"rehearsed on <date> in staging, traffic back in 4 minutes\"); weak on a test "
        "talked through (tabletop), planned, or a procedure only documented; a procedure "
        "\"to be defined\" is missing; boilerplate is never a record",
        {"details": "how many of when, where and outcome an executed record needs (default 1)",
         "weak": "record kinds that make the item weak: tabletop, planned, documented"},
        {"weak": ("tabletop", "planned", "documented")}),
    "rollback_vs_alert": CheckDoc(
        "monitoring and rollback conditions",
        "fires when a rollback trigger is looser than the red alert for the same metric",
        {"tolerance_points": "points of slack allowed between them"}),
    "signoff": CheckDoc(
        "the sign-off facts: approver rows of sign-off tables, approver lines of sign-off "
        "sections and \"approved by\" sentences, each with role, name, date and decision",
        "passes when enough approvers are complete (a real name, not a placeholder, with a "
        "date or a decision); weak when some are or names lack dates; an approver's role "
        "(\"Legal and Compliance\") is never evidence of anything else",
        {"min": "fewest complete sign-offs for a pass", "share": "share that must be complete",
         "require": "fields every complete sign-off states (name, date, decision; default "
                    "[name])",
         "one_of": "fields of which a complete sign-off states at least one (default "
                   "[date, decision])"},
        {"require": _SIGNOFF_FIELDS, "one_of": _SIGNOFF_FIELDS}),
    "signoff_rows": CheckDoc(
        "the sign-off facts",
        "fires on each approver lacking a field of `require`; a placeholder name (\"[Name]\", "
        "\"TBD\") is no name",
        {"require": "fields every approver needs (name, date, decision; default [name, date])"},
        {"require": _SIGNOFF_FIELDS}),
    "recommendation": CheckDoc(
        "recommendation and summary sections, labelled decision lines",
        "passes on an explicit decision (approve, with conditions, or not); weak when a "
        "recommendation section decides nothing"),
    "vague_risk": CheckDoc("risk entries",
                           "fires on an entry whose mitigation is absent or vague"),
    "vague_risk_anywhere": CheckDoc(
        "risk entries, and risks stated in prose anywhere in the document",
        "fires on a register entry whose mitigation is absent or vague, and on a prose risk "
        "answered only generically (\"staff should check\")",
        {"unanswered": "also fire on a prose risk with no answer at all"}),
    "risk_fields": CheckDoc("risk entries of a structured register",
                            "fires on each entry leaving empty a required field the register "
                            "carries, and once for a required field no entry gives",
                            {"require": "fields each entry needs"}),
    "ignored_segment": CheckDoc(
        "the segment facts (breakdown tables, blank leading cells taking the label above, and "
        "prose figures for a segment), the text outside each table, the headline metric fact",
        "fires on a breakdown row far below overall (or below its metric's threshold) that no "
        "text outside its table mentions, or when metrics are reported with no breakdown at "
        "all; comparator rows (\"the rule it replaces\") and experiment arms (control, "
        "treatment) are no segments",
        {"gap_points": "points below overall that make a segment weak",
         "require_breakdown": "fire when there is no breakdown at all"}),
    "segment_below_threshold": CheckDoc(
        "the segment facts and the thresholds stated for their metrics",
        "fires on a breakdown row below its metric's threshold that the named sections never "
        "mention, only when the segment, its value, the one threshold and the direction are "
        "certain (otherwise it stays quiet)",
        {"mentioned_in": "section kinds where a mention counts"}),
    "summary_consistency": CheckDoc(
        "summary and evaluation figures",
        "fires when the summary gives a metric a figure the evaluation never shows"),
    "interval_plausible": CheckDoc(
        "sentences with an interval and a sample size",
        "fires when an interval excludes its estimate or is far narrower (or, with `high`, far "
        "wider) than Wilson's; only "
        "in a sentence with exactly one interval and one sample size, or a table cell beside its "
        "row's count column (the n is that interval's)",
        {"low": "smallest ratio of its width to the Wilson interval's accepted",
         "high": "largest ratio accepted (unset: no upper bound)"}),
    "pattern": CheckDoc(
        "every sentence (or the sections named by `kinds`)",
        "fires on each sentence matching `patterns` (the built-in placeholder list when none)",
        {**_SCOPE, "patterns": "patterns that fire", "unless": "patterns that silence a match"}),
}


NESTED: dict[tuple[str, str], dict[str, str]] = {
    ("evidence", "answers"): {"asks": "patterns", "words": "count"},
    ("evidence", "opening"): {"units": "count", "words": "count", "claims": "count",
                              "pass": "alternatives", "reject": "patterns", "not_in": "kinds"},
}
"""Parameters whose value is a mapping of its own, with the keys it takes: a misspelt inner
key would otherwise be read as absent, and the check would quietly use its default."""


NUMBERS = frozenset({"min", "share", "section_words", "gap_points", "tolerance_points", "low",
                     "high", "details", "notes_min_words", "prose_min"})
"""Parameters that hold a number, in whichever check takes them (a count, a share, a ratio,
points): a word there would stop the review of every document mid-way, so a rubric that
gives one is refused when it loads."""


def nested(check: str, key: str) -> dict[str, str] | None:
    """The inner keys (and what each holds) of parameter ``key`` of ``check``, when its value
    is a mapping."""
    return NESTED.get((check, key))


def choices(check: str, key: str) -> tuple[str, ...] | None:
    """The values parameter ``key`` of ``check`` may take (None: any value)."""
    doc = DOCS.get(check)
    return None if doc is None else doc.choices.get(key)


def known_params(check: str) -> set[str] | None:
    """The parameter names ``check`` accepts (None: the check is undocumented, accept any)."""
    doc = DOCS.get(check)
    return None if doc is None else set(doc.params)
