"""Boilerplate: content-free claims ("statistically robust", fairness from "diverse data",
blanket compliance), recognised from the ``boilerplate`` vocabulary. Never evidence."""

from __future__ import annotations

import re

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import vocab

_DIGIT = re.compile(r"\d")
"""Any figure at all. A scan in C: this runs on every sentence for several items."""


def is_boilerplate(text: str) -> bool:
    """Whether ``text`` makes a content-free claim: a ``boilerplate`` phrase, or ``praise``
    of results or of an evaluation in a sentence that states no figure to check it by."""
    if vocab("boilerplate").search(text):
        return True
    return bool(vocab("praise").search(text)) and not _DIGIT.search(text)


def boilerplate_units(ctx: Context) -> list[Unit]:
    """The document's sentences that make content-free claims."""
    return [u for u in ctx.units if is_boilerplate(u.text)]
