"""C07 over failure statements: the words of a failure pattern wherever written (the
``evidence`` alternatives), or a statement the document files as a failure (under a
failure-modes heading or a lead-in) with its rate or count."""

from __future__ import annotations

from dcrdraft.review.checks.base import Params, Verdict, check, negated
from dcrdraft.review.checks.evidence import evidence
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.failures import failure_statements
from dcrdraft.review.facts.vocab import vocab


@check("failure_modes", "item")
def failure_modes(ctx: Context, params: Params) -> Verdict:
    """As ``evidence``; and a failure statement passes with a rate, count or share
    ("mixes up two tariffs in about 1 in 60 answers"), or is weak without one. A generic
    admission that the system errs ("like any model, it may make mistakes") is weak, never
    missing: the conventions define C07's weak as exactly that generic mention."""
    verdict = evidence(ctx, params)
    if verdict.status == "pass":
        return verdict
    facts = failure_statements(ctx)
    rated = next((f for f in facts if f.grade == "pattern"), None)
    if rated is not None:
        return Verdict("pass", rated.unit)
    if verdict.status == "missing" and facts:
        return Verdict("weak", facts[0].unit)
    if verdict.status == "missing":
        admitted = _admitted(ctx)
        if admitted is not None:
            return Verdict("weak", admitted)
    return verdict


def _admitted(ctx: Context) -> Unit | None:
    """The first statement admitting, in words that would fit any system, that this one
    gets things wrong: the topic touched, without a pattern (a question asks, it admits
    nothing)."""
    return next((u for u in ctx.units if vocab("failure_disclaimer").search(u.text)
                 and not u.text.rstrip().endswith("?") and not negated(u.text)), None)
