"""Conditions of going live whose date passed before the document's own date, still open."""

from __future__ import annotations

from dcrdraft.review.checks.base import Hit, Params, check
from dcrdraft.review.checks.conditions import shorten
from dcrdraft.review.context import Context
from dcrdraft.review.facts.deadlines import document_date, overdue_conditions


@check("condition_past_due", "finding")
def condition_past_due(ctx: Context, params: Params) -> list[Hit]:
    """Each condition whose due date is before the document's own date, with no status
    saying it was met."""
    when = document_date(ctx)
    return [Hit(d.unit.line, d.unit.end_line,
                f"\"{shorten(d.unit.text)}\" was due {d.due.isoformat()}; the document is "
                f"dated {when.isoformat() if when else '?'} and does not say it was met")
            for d in overdue_conditions(ctx)]
