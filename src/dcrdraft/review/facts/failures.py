"""Failure statements: what a document says its system gets wrong, found by *where* it is
said rather than by its words. A sentence under a failure-modes heading ("Known issues",
"Where it goes wrong") or after a lead-in ("Known oddities: ...") states a failure whatever
verb it uses ("mixes up tariffs", "pulls in unrelated items"). Each is graded ``pattern``
(a rate, a count or a share: "in about 1 in 60 answers", "54 queries") or ``named``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dcrdraft.review.absence import negated
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import FIGURE_RE

Grade = Literal["pattern", "named"]

_COUNT = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?\s*(?:(?:of|in|out of|per)\s+\d|[a-z]{3,})",
                    re.I)
"""A count or rate of cases: "17 of 24", "1 in 60", "54 queries", "3 per shift"."""
_SHARE = re.compile(r"\b(?:most(?:ly)?|majority|half|a third|a quarter|nearly all|almost all)\b",
                    re.I)


@dataclass(frozen=True)
class Failure:
    """One statement of what the system gets wrong."""

    unit: Unit
    grade: Grade


def _grade(text: str) -> Grade:
    """A disclaimer that would fit any system ("like any model, it may make mistakes") names
    a failure at most, whatever figure it carries."""
    if vocab("failure_disclaimer").search(text):
        return "named"
    return "pattern" if FIGURE_RE.search(text) or _COUNT.search(text) or _SHARE.search(text) \
        else "named"


def _stated(u: Unit) -> bool:
    """A statement with content: a few words, not a question, a boilerplate claim or a
    denial."""
    text = u.text.strip()
    return len(text.split()) >= 5 and not text.endswith("?") and not negated(text) and \
        not is_boilerplate(text)


def failure_statements(ctx: Context) -> list[Failure]:
    """Sentences under a failure-modes heading, and those a failure lead-in introduces (the
    rest of its paragraph), read once per document."""
    def compute() -> list[Failure]:
        out: dict[int, Failure] = {}
        lead_blocks: set[int] = set()
        for u in ctx.units:
            m = vocab("failure_lead_in").search(u.text)
            if m and u.row is None:
                lead_blocks.add(id(u.block))
        for u in ctx.units:
            if u.row is not None and "failure_modes" not in u.kinds:
                continue
            if ("failure_modes" in u.kinds or id(u.block) in lead_blocks) and _stated(u):
                text = vocab("failure_lead_in").sub("", u.text, count=1)
                out[id(u)] = Failure(u, _grade(text))
        return sorted(out.values(), key=lambda f: f.unit.line)
    return ctx.cached("failure_statements", compute)
