"""Stakeholder sign-off judged over the sign-off facts (``review.facts.signoffs``): C18 passes
when enough approvers are named with a date or a decision; X07 fires on an approver lacking a
required field."""

from __future__ import annotations

import re

from dcrdraft.review.absence import negated
from dcrdraft.review.checks.base import Hit, Params, Verdict, absent_value, check
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.accountable import approval_step
from dcrdraft.review.facts.decision import decision_facts
from dcrdraft.review.facts.meeting import TOOK_PART, agreeing_attendees, named_count
from dcrdraft.review.facts.signoffs import (BY, SignOff, approval_discussed, attributed_approval,
                                            mail_approvals, signature, signoffs)
from dcrdraft.review.facts.vocab import vocab

_FIELDS = ("name", "date", "decision")
_PROPOSED = re.compile(r"\b(?:propos\w*|plan(?:s|ned|ning)?|(?<!as )ask(?:s|ed|ing)?|"
                       r"(?<!as )request(?:ed|ing)?|recommend\w*|seek\w*|suggest\w*)\b", re.I)
"""A decision still put to others ("we propose to launch", "decision requested"): nobody has
taken it yet. What was asked, granted ("approved as requested"), and the things a system
handles ("all new requests", "the planner") put nothing to anyone."""


_GIVEN = re.compile(r"\b(?:approved|signed[- ]off|endorsed|accepted|agreed)\b", re.I)
"""An approval already given, as a decision states it."""


def _has(s: SignOff, field: str) -> bool:
    return {"name": s.name is not None, "date": s.date is not None,
            "decision": s.decision is not None or s.approved}[field]


@check("signoff", "item")
def signoff(ctx: Context, params: Params) -> Verdict:
    """Pass on at least ``min`` complete sign-offs (every field of ``require``, and one of
    ``one_of``: by default a name with a date or a decision); weak on fewer, or on roles set
    out to sign whose names are still placeholders; missing when absent."""
    rs = signoffs(ctx)
    need = [f for f in params.get("require", ["name"]) if f in _FIELDS]
    either = [f for f in params.get("one_of", ["date", "decision"]) if f in _FIELDS]
    done = [r for r in rs if all(_has(r, f) for f in need)
            and (not either or any(_has(r, f) for f in either))]
    share = float(params.get("share", 0.5))
    agreed = agreeing_attendees(ctx)
    if len(agreed) >= int(params.get("min", 2)) and len(agreed) > len(done):
        # minutes recording each attendee's assent: every one an approver on the meeting's
        # date, whatever row (the minutes' own approval) the sign-off facts hold
        at = decision_facts(ctx).decision
        return Verdict("pass", at.unit if at else None, detail=str(len(agreed)))
    if len(done) >= int(params.get("min", 2)) and len(done) >= share * len(rs):
        return Verdict("pass", None, detail=str(len(done)), line=done[0].line)
    if done:
        return Verdict("weak", None, detail=f"{len(done)} of {len(rs)}", line=done[0].line)
    named = [r for r in rs if r.name]
    if named:
        return Verdict("weak", None, detail="names without dates", line=named[0].line)
    roles = [r for r in rs if (r.approved or r.decision) and not r.placeholder]
    if roles:
        return Verdict("weak", None, detail="roles without named approvers",
                       line=roles[0].line)
    blank = [r for r in rs if r.placeholder and r.role]
    if blank:
        # "Legal | [Name] | [Date]": the roles who must sign are set out and nobody has
        # signed, which the labelling conventions grade weak (roles without names)
        return Verdict("weak", None, detail="roles whose approvers are placeholders",
                       line=blank[0].line)
    if not rs:
        mailed = mail_approvals(ctx)
        if mailed:
            # one or two senders approving in their own dated messages: a single signer,
            # the other often the one who asked
            return Verdict("weak", None, detail="an approval given in a sender's own message",
                           line=mailed[0].line)
        said = next((u for u in ctx.units if not negated(u.text) and (
            BY.search(u.text) or re.search(
                r"\bapproved (?:in|at|by) (?:the )?[\w-]+ (?:meeting|board|committee|forum)",
                u.text, re.I))), None)
        if said is not None and not absent_value(BY.split(said.text)[-1]):
            return Verdict("weak", said, detail="an approval without named approvers")
        decided = decision_facts(ctx).decision
        present = [line for line in ctx.doc.lines if TOOK_PART.match(line)]
        if decided is not None and not _PROPOSED.search(decided.unit.text) and present:
            together, attendees = _collective(ctx), named_count(present[0])
            if together is not None and attendees >= int(params.get("min", 2)):
                # every named attendee is on record as approving, on the meeting's date
                return Verdict("pass", together, detail=str(attendees))
            # minutes or a thread: the people present decided, none signs by name
            return Verdict("weak", decided.unit, detail="a decision no named approver signs")
        signed = _signed_decision(ctx)
        if signed is not None:
            return Verdict("weak", signed, detail="a decision one named approver signs")
        given = next((f.unit for f in decision_facts(ctx).stated
                      if _GIVEN.search(f.unit.text) and not _PROPOSED.search(f.unit.text)),
                     None)
        if given is not None:
            # "The risk committee approved v2 on 3 May": one approval on record, one signer
            return Verdict("weak", given, detail="a single approval on record")
    if not any(r.placeholder for r in rs):
        # a blank or placeholder approver row is a template's gap, never an approval
        by = next((u for u in ctx.units if attributed_approval(u.block.text)), None)
        if by is not None:
            return Verdict("weak", by, detail="an approval by a named reviewer, not a dated "
                                              "sign-off by each role")
    topic = approval_discussed(ctx) or approval_step(ctx)
    if topic is not None:
        # the approval is discussed with a role or body to give it: sign-off is touched,
        # though no named, dated approver shows it given
        return Verdict("weak", topic, detail="an approval discussed, no named approver")
    return Verdict("missing", None, line=rs[0].line if rs else None)


def _collective(ctx: Context) -> Unit | None:
    """The statement, in a section that states the decision, that everyone present took it
    ("agreed unanimously", "all present: go")."""
    sections = {id(f.unit.section) for f in decision_facts(ctx).stated}
    return next((u for u in ctx.units if id(u.section) in sections and not negated(u.text)
                 and vocab("collective_decision").search(u.text)), None)


def _signed_decision(ctx: Context) -> Unit | None:
    """The signature a stated decision carries, in its own line or the next one of its
    section ("GO - Ana Ruiz, Ops lead, 3 May 2026"; "Approved as requested." over "Ana Ruiz,
    Director of Operations - May 3, 2026"): a decision taken, one named signer."""
    at = {id(u): i for i, u in enumerate(ctx.units)}
    for f in decision_facts(ctx).stated:
        if _PROPOSED.search(f.unit.text) or id(f.unit) not in at:
            continue
        i = at[id(f.unit)]
        near = [u for u in ctx.units[i:i + 2] if u.section is f.unit.section]
        signed = next((u for u in near if signature(u.text)), None)
        if signed is not None:
            return signed
    return None


@check("signoff_rows", "finding")
def signoff_rows(ctx: Context, params: Params) -> list[Hit]:
    """Sign-off rows lacking a field of ``require`` (default name and date)."""
    need = [f for f in params.get("require", ["name", "date"]) if f in _FIELDS]
    hits = []
    for r in signoffs(ctx):
        lack = [f for f in need if not _has(r, f)]
        if lack:
            hits.append(Hit(r.line, r.line, " and ".join(lack)))
    return hits
