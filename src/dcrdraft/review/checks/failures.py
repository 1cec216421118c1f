"""C07 over failure statements: the words of a failure pattern wherever written (the
``evidence`` alternatives), or a statement the document files as a failure (under a
failure-modes heading or a lead-in) with its rate or count."""

from __future__ import annotations

from dcrdraft.review.checks.base import Params, Verdict, check
from dcrdraft.review.checks.evidence import evidence
from dcrdraft.review.context import Context
from dcrdraft.review.facts.failures import failure_statements


@check("failure_modes", "item")
def failure_modes(ctx: Context, params: Params) -> Verdict:
    """As ``evidence``; and a failure statement passes with a rate, count or share
    ("mixes up two tariffs in about 1 in 60 answers"), or is weak without one."""
    verdict = evidence(ctx, params)
    if verdict.status == "pass":
        return verdict
    facts = failure_statements(ctx)
    rated = next((f for f in facts if f.grade == "pattern"), None)
    if rated is not None:
        return Verdict("pass", rated.unit)
    if verdict.status == "missing" and facts:
        return Verdict("weak", facts[0].unit)
    return verdict
