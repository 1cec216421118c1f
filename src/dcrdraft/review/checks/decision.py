"""The deployment recommendation (C20), judged on the decision facts
(``review.facts.decision``): a stated decision passes, a hedged lean is weak."""

from __future__ import annotations

from dcrdraft.review.checks.base import Params, Verdict, check
from dcrdraft.review.context import Context
from dcrdraft.review.facts.decision import Decision, decision_facts

__all__ = ["Decision", "recommendation", "recommendation_item"]


def recommendation(ctx: Context) -> Decision | None:
    """The decision the document states, if any."""
    found = decision_facts(ctx).decision
    return found.decision if found else None


@check("recommendation", "item")
def recommendation_item(ctx: Context, params: Params) -> Verdict:
    """Pass on an explicit decision (approve, approve with conditions, disapprove) stated in a
    recommendation section, on a labelled line, or as people phrase one; weak when a
    recommendation section only leans towards one, or when the document speaks of deploying the
    system without deciding; missing otherwise (nothing on deployment, a template's list of
    options, advice to a model's users)."""
    facts = decision_facts(ctx)
    if facts.decision is not None:
        return Verdict("pass", facts.decision.unit, detail=facts.decision.decision)
    if facts.hedged:
        return Verdict("weak", facts.hedged[0])
    if facts.discussed is not None:
        # the document speaks of deploying the system and decides nothing explicitly: the
        # decision is implied, which the guide's conventions call weak, not absent
        return Verdict("weak", facts.discussed)
    return Verdict("missing")
