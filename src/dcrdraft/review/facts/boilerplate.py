"""Boilerplate: content-free claims ("statistically robust", fairness from "diverse data",
blanket compliance), recognised from the ``boilerplate`` vocabulary. Never evidence."""

from __future__ import annotations

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import vocab


def is_boilerplate(text: str) -> bool:
    """Whether ``text`` makes a content-free claim: a ``boilerplate`` phrase, or ``praise``
    of results or of an evaluation in a sentence that states no figure to check it by."""
    if vocab("boilerplate").search(text):
        return True
    return not any(c.isdigit() for c in text) and bool(vocab("praise").search(text))


def boilerplate_units(ctx: Context) -> list[Unit]:
    """The document's sentences that make content-free claims."""
    return [u for u in ctx.units if is_boilerplate(u.text)]
