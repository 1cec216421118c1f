"""M01 over risk facts wherever written: the register's vague entries, and risks stated in
prose whose only response is generic ("staff should check", "we will monitor")."""

from __future__ import annotations

import re

from dcrdraft.review.checks.base import Hit, Params, check, negated
from dcrdraft.review.checks.risk_entries import entries
from dcrdraft.review.checks.risks import vague_risk
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.risks import (answered_questions, answered_together, disclaimed_risks,
                                         placed_risks, prose_risks)
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import FIGURE_RE


@check("vague_risk_anywhere", "finding")
def vague_risk_anywhere(ctx: Context, params: Params) -> list[Hit]:
    """As ``vague_risk`` for register entries; plus each risk stated in prose (outside the
    register) whose response is generic, and each failure owned only through a disclaimer. A prose risk with no response at all is not
    flagged unless ``unanswered: true``."""
    hits: list[Hit] = vague_risk(ctx, params)
    spans = [(e.line, e.end_line) for e in entries(ctx)] + [(h.line, h.end_line) for h in hits]
    flag = {"generic"} | ({"none"} if params.get("unanswered") else set())
    for r in prose_risks(ctx):
        if r.response not in flag or any(a <= r.line <= b for a, b in spans):
            continue
        short = r.text if len(r.text) <= 60 else r.text[:57].rstrip() + "..."
        hits.append(Hit(r.line, r.end_line, f"\"{short}\" (answered only generically)"))
    # A failure owned only through a disclaimer ("like any model, it can get things wrong")
    # is described generically, so it is vague unless a concrete answer follows it.
    # A form's answer to "what are the risks?" is judged as prose is: generic is vague.
    said = [(r, "a disclaimer, no failure named") for r in disclaimed_risks(ctx)
            if r.response != "concrete"]
    said += [(r, "answered only generically") for r in answered_questions(ctx)
             if r.response == "generic"]
    for r, why in said:
        if any(h.line <= r.line <= h.end_line for h in hits) or \
                any(a <= r.line <= b for a, b in spans):
            continue
        short = r.text if len(r.text) <= 60 else r.text[:57].rstrip() + "..."
        hits.append(Hit(r.line, r.end_line, f"\"{short}\" ({why})"))
    # A register entry may be a whole paragraph of risks (a minute's "risks discussed"):
    # each sentence of it that turns to a generic answer is vague whatever its neighbours
    # say, and so is an answer given to several risks at once by kinds of control only.
    late = [(r.unit, "answered only generically") for r in placed_risks(ctx)
            if r.response == "generic"]
    late += [(u, "risks answered together, no control scoped") for u in answered_together(ctx)]
    for u, why in late:
        if not any(h.line <= u.line <= h.end_line for h in hits):
            short = u.text if len(u.text) <= 60 else u.text[:57].rstrip() + "..."
            hits.append(Hit(u.line, u.end_line, f"\"{short}\" ({why})"))
    for u in blanket_claims(ctx):
        if not any(h.line <= u.line <= h.end_line for h in hits):
            hits.append(Hit(u.line, u.end_line, "risks said to be handled, none named"))
    return sorted(hits, key=lambda h: h.line)


_ELSEWHERE = re.compile(r"\b(?:see|below|above|register|table|section|appendix|annex)\b|§",
                        re.I)


def blanket_claims(ctx: Context) -> list[Unit]:
    """Sentences claiming that risks, none named or named only by kind, were found and
    handled: no figure, and no pointer to the register or section where they would be
    named. A claim that they were found and handled says so in a table cell too (a status
    table's "Risks identified and mitigated")."""
    return [u for u in ctx.units if _claims_handled(u)
            and not FIGURE_RE.search(u.text) and not _ELSEWHERE.search(u.text)
            and not negated(u.text)]


def _claims_handled(u: Unit) -> bool:
    if vocab("handled_risk_claim").search(u.text):
        return True
    return u.row is None and bool(vocab("blanket_risk_claim").search(u.text)
                                  or vocab("listed_risk_claim").search(u.text)
                                  or vocab("unnamed_risks_answered").search(u.text))
