"""The gaps an inputs file leaves open, each tied to the checklist items it blocks.

A gap is shown in place in the draft and again in the "Open gaps" list near the top.
"""

from __future__ import annotations

from dcrdraft.analysis.views import Analysis, Gap


def find_gaps(a: Analysis) -> list[Gap]:
    """Every gap of the inputs, in document order."""
    i = a.inputs
    s, d, ev, dep = i.system, i.document, i.evaluation, i.deployment
    out: list[Gap] = []

    def gap(key: str, what: str, *items: int) -> None:
        out.append(Gap(key, what, items))

    if not s.version:
        gap("title.version", "no system version")
    if not d.author:
        gap("title.author", "no DCR author")
    if not d.eval_period:
        gap("title.eval_period", "no evaluation period")
    if not d.approval_date:
        gap("title.approval_date", "no approval date (set when clearance is granted)")
    if not (s.summary or s.purpose):
        gap("overview.purpose", "no description of what the system does", 1)
    if not s.users:
        gap("overview.users", "no description of who uses the system", 1)
    if not s.integration:
        gap("overview.integration", "no description of how the system integrates with existing infrastructure", 1)
    if not s.business_case:
        gap("overview.business_case", "no business case", 1)

    if not ev.methodology:
        gap("evaluation.methodology", "no evaluation methodology (data, graders, how metrics were measured)", 2)
    pm = ev.primary_metric
    if pm is None:
        gap("evaluation.primary", "no primary metric", 3, 4)
    else:
        if not pm.results:
            gap("evaluation.primary", f"no results for {pm.name}", 3)
        if pm.baseline is None:
            gap("evaluation.baseline", f"no baseline for {pm.name} (previous version, human performance or a "
                "simple system) — without one the result cannot be judged", 4)
        if pm.threshold is None:
            gap("evaluation.threshold", f"no deployment threshold for {pm.name}", 4)
        for r in pm.results:
            if r.n is None and r.ci is None:
                gap("evaluation.n", f"no sample size for {pm.name} on {r.dataset}, so no "
                    "confidence interval", 6)
    if not ev.segments:
        gap("evaluation.segments", "no segment-level breakdown (language, domain, user type, demographic "
            "group ...)", 5)
    if not ev.failure_modes:
        gap("evaluation.failure_modes", "no failure-mode analysis (what the system gets wrong, in which patterns)", 7)

    if not i.risks:
        gap("risks.none", "no risks documented", 8, 9, 10)
    for rv in a.risks:
        if rv.missing:
            items = sorted({_RISK_ITEMS[m] for m in rv.missing})
            gap(f"risks.{rv.label}", f"{rv.label} lacks {', '.join(rv.missing)}", *items)
    for f in a.uncovered_failures:
        gap("risks.segments", f"no risk covers the segment failure {f.text}", 5, 8)

    if not dep.conditions:
        gap("deployment.conditions", "no pre-deployment conditions")
    if not dep.monitoring:
        gap("deployment.monitoring", "no monitoring thresholds (metric, window, alert threshold, action)", 11)
    for t in dep.monitoring:
        lacks = [n for n, v in (("threshold", t.threshold), ("window", t.window),
                                ("red alert", t.red), ("action", t.action)) if v is None]
        if lacks:
            gap("deployment.monitoring", f"monitoring of {t.metric} lacks {', '.join(lacks)}", 11)
    if not dep.rollback_triggers:
        gap("deployment.rollback_triggers", "no rollback triggers defined", 12, 13)
    proc = dep.rollback_procedure
    if proc is None or not proc.description:
        gap("deployment.rollback_procedure", "no rollback procedure", 13)
    if proc is None or not proc.tested:
        gap("deployment.rollback_procedure", "rollback procedure not tested (execute it in staging and record the date)", 13)
    if not dep.human_review:
        gap("deployment.human_review", "no human review or escalation process described", 14)
    elif not all(h.ready for h in dep.human_review):
        gap("deployment.human_review", "human review processes not confirmed staffed and trained", 14)
    if not dep.user_documentation:
        gap("deployment.user_documentation", "no user documentation of limitations and how to escalate", 19)

    if not i.safety.fairness:
        gap("safety.fairness", "no fairness and bias analysis", 15)
    if not i.safety.privacy:
        gap("safety.privacy", "no privacy review", 16)
    if not i.safety.security:
        gap("safety.security", "no security review", 16)
    if not i.safety.regulatory:
        gap("safety.regulatory", "no regulatory assessment (state the regulations that apply, or that none do)", 17)

    if not i.signoffs:
        gap("signoff.none", "no stakeholder sign-offs", 18)
    for so in i.signoffs:
        lacks = [n for n, v in (("name", so.name), ("decision", so.decision), ("date", so.date))
                 if v is None]
        if lacks:
            gap("signoff.rows", f"sign-off by {so.role} lacks {', '.join(lacks)}", 18)

    if i.recommendation.decision is None:
        gap("recommendation.decision", "no deployment recommendation (approve, approve with conditions, or "
            "disapprove)", 20)
    elif i.recommendation.decision == "approve-with-conditions" and not i.recommendation.conditions:
        gap("recommendation.conditions", "approval is conditional but no conditions are listed", 20)
    return out


_RISK_ITEMS = {
    "severity": 8,
    "likelihood": 8,
    "description": 9,
    "mitigations": 9,
    "residual risk": 10,
    "owner": 8,
    "monitoring": 11,
    "escalation": 11,
    "review cadence": 10,
}
