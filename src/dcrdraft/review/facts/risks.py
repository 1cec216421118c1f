"""Risks stated in prose wherever they are written ("the assistant may cite an outdated
policy; staff should check"), each with the response the text gives: concrete (a mechanism,
an owner, a figure or a cadence), generic (the ``generic_mitigation`` vocabulary) or none.

Structured registers (tables, labelled records under a risks heading) are read by
``review.checks.risks``; this module adds the risks that prose states outside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import FIGURE_RE, WINDOW_RE

Response = Literal["concrete", "generic", "none"]

_OWNER = re.compile(r"\b(?:owner|owned by|on-?call|team lead|manager|[A-Z][a-z]+ [A-Z][a-z]+)\b")
_SUMMARY = re.compile(r"^\W*(?:overall|in summary|taken together|all in all|on balance)\b|"
                      r"\b(?:overall|aggregate|combined|total) (?:residual )?risk\b", re.I)


@dataclass(frozen=True)
class ProseRisk:
    """A risk a sentence states, with the response beside it."""

    text: str
    line: int
    end_line: int
    response: Response
    unit: Unit


def _response(text: str) -> Response:
    from dcrdraft.review.checks.risks import _MECHANISM

    if vocab("generic_mitigation").search(text) and not FIGURE_RE.search(text):
        return "generic"
    if _MECHANISM.search(text) or FIGURE_RE.search(text) or WINDOW_RE.search(text) or \
            _OWNER.search(text[1:]):
        return "concrete"
    return "none"


def prose_risks(ctx: Context) -> list[ProseRisk]:
    """Risks stated in sentences, read once per document; the response is looked for in the
    same sentence and in the next one of the same paragraph."""
    def compute() -> list[ProseRisk]:
        out: list[ProseRisk] = []
        units = [u for u in ctx.units if u.row is None]
        for i, u in enumerate(units):
            if not vocab("risk_statement").search(u.text) or _SUMMARY.search(u.text):
                continue
            if u.text.rstrip().endswith("?") or re.match(r"^\W*(?:if|when|whether)\b", u.text,
                                                         re.I):
                continue
            after = re.split(r";|\bbut\b|\bso\b|\bwhich is why\b", u.text, maxsplit=1)
            rest = after[1] if len(after) > 1 else ""
            nxt = units[i + 1] if i + 1 < len(units) and units[i + 1].block is u.block else None
            response = _response(rest)
            if response == "none" and nxt is not None and \
                    not vocab("risk_statement").search(nxt.text):
                response = _response(nxt.text)
            end = nxt.end_line if nxt is not None and response != "none" else u.end_line
            out.append(ProseRisk(u.text, u.line, end, response, u))
        return out
    return ctx.cached("prose_risks", compute)
