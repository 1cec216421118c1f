"""The prose statements of an extracted inputs file: fairness (C15), privacy and security
(C16), the regulatory position (C17), user documentation (C19) and the human review (C14).

Each is the document's own sentence (or table) that the item's check rests on, quoted with
its line, when the check finds the item at least touched (pass or weak): extract writes what
the reviewer read, in the document's words, and never a summary of them. A missing item is
left out, so the draft shows it as a gap; human review counts as ready only where C14 passes.
"""

from __future__ import annotations

import json

from dcrdraft.review.checks import CHECKS, Verdict
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.rubric import load_rubric

_LONGEST = 600
"""Characters kept of a quoted table: the statement, not pages of rows."""


def _verdict(ctx: Context, code: str) -> Verdict | None:
    """The built-in rule ``code``'s judgement of the document."""
    rule = next((r for r in load_rubric().items if r.code == code), None)
    return CHECKS[rule.check].fn(ctx, rule.params) if rule is not None else None


def _statement(v: Verdict | None, ctx: Context) -> tuple[str, int] | None:
    """The sentence (or table) a judgement rests on when the item passes or is weak, with its
    line; None when it is missing."""
    if v is None or v.status == "missing" or v.unit is None:
        return None
    text = _said(ctx, v.unit)
    if len(text) > _LONGEST:
        text = text[:_LONGEST - 3].rsplit(" ", 1)[0] + "..."
    return text, v.line or v.unit.line


def _said(ctx: Context, u: Unit) -> str:
    """What a judgement rests on, on one line: its sentence, or for a table row the whole
    table (results by group are the rows together, not the first of them)."""
    if u.row is None:
        return " ".join(u.text.split())
    return " ".join("; ".join(r.text for r in ctx.units if r.block is u.block).split())


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def safety_lines(ctx: Context) -> list[str]:
    """The ``safety:`` mapping (fairness, privacy, regulatory), empty when none is stated."""
    body = []
    for code, key in (("C15", "fairness"), ("C16", "privacy"), ("C17", "regulatory")):
        found = _statement(_verdict(ctx, code), ctx)
        if found is not None:
            body.append(f"  {key}: {_q(found[0])}  # line {found[1]}")
    return ["safety:", *body] if body else []


def people_lines(ctx: Context) -> list[str]:
    """Lines of the ``deployment:`` mapping for human review and user documentation."""
    out = []
    readiness = _verdict(ctx, "C14")
    review = _statement(readiness, ctx)
    if readiness is not None and review is not None:
        ready = "true" if readiness.status == "pass" else "false"
        out += ["  human_review:", f"    - process: {_q(review[0])}  # line {review[1]}",
                f"      ready: {ready}"]
    docs = _statement(_verdict(ctx, "C19"), ctx)
    if docs is not None:
        out.append(f"  user_documentation: {_q(docs[0])}  # line {docs[1]}")
    return out
