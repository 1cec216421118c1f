"""What a document only requires: the text of its conditions of going live that carry a date
to be met by and no word that they were met (``deadlines.condition_deadlines``). "The DPIA is
approved by the records office by 3 June" sets a task; a graded family reads what is left of a
statement once such conditions are taken out of it.
"""

from __future__ import annotations

from dcrdraft.review.context import Context
from dcrdraft.review.facts.deadlines import condition_deadlines


def unmet_conditions(ctx: Context) -> list[str]:
    """The text of each dated condition not said to be met, read once per document."""
    return ctx.cached("facts.unmet_conditions",
                      lambda: [d.unit.text for d in condition_deadlines(ctx) if not d.met])


def without_conditions(ctx: Context, text: str) -> str | None:
    """``text`` with its unmet conditions cut out, or None when it holds none."""
    rest = text
    for cond in unmet_conditions(ctx):
        if cond and cond in rest:
            rest = rest.replace(cond, " ")
    return None if rest == text else rest
