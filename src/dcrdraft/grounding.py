"""Which figures a draft may state: those in the inputs and those computed from them.

``allowed_figures`` collects every number the inputs contain (as typed, in their text, and
as percentages of rates) plus every computed figure; ``unsupported_figures`` lists the
numbers of a text that are in neither. Both the draft's honesty test and the LLM grounding
guard use it, so "0.89" and "89%", "2,100" and "2100" are the same figure everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import BaseModel

from .analysis import Analysis, secondary_ci, secondary_delta

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\w])")


def canonical(token: str) -> str:
    """A number token in one spelling: no sign, no thousands separators, no trailing zeros."""
    raw = token.replace(",", "").lstrip("+-")
    try:
        value = Decimal(raw)
    except InvalidOperation:
        return raw
    text = format(value.normalize(), "f")
    return text


def numbers_in(text: str) -> Iterator[str]:
    """Canonical numbers of a text; ISO dates are yielded whole, not as three numbers."""
    for date in _DATE.findall(text):
        yield date
    for m in _NUMBER.finditer(_DATE.sub(" ", text)):
        yield canonical(m.group(0))


def _rate_forms(x: float) -> set[str]:
    forms = {canonical(repr(x))}
    for decimals in (0, 1, 2):
        forms.add(canonical(f"{x * 100:.{decimals}f}"))
    return forms


def _walk(node: Any) -> Iterator[Any]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name))
        for value in (node.model_extra or {}).values():
            yield from _walk(value)
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(k)
            yield from _walk(v)
    elif isinstance(node, list | tuple):
        for v in node:
            yield from _walk(v)
    else:
        yield node


def _from_values(values: Iterable[Any]) -> set[str]:
    out: set[str] = set()
    for v in values:
        if isinstance(v, bool) or v is None:
            continue
        if isinstance(v, float):
            out |= _rate_forms(v)
        elif isinstance(v, int):
            out.add(str(v))
        elif isinstance(v, dt.date):
            out.add(v.isoformat())
        elif isinstance(v, str):
            out |= set(numbers_in(v))
    return out


def allowed_figures(a: Analysis) -> set[str]:
    """Every figure a draft of ``a.inputs`` may state, in canonical spelling."""
    out = _from_values(_walk(a.inputs))
    for r in a.primary:
        if r.ci:
            out |= _rate_forms(r.ci[0]) | _rate_forms(r.ci[1])
        if r.delta is not None:
            out.add(canonical(f"{abs(r.delta):.2f}"))
    for m in a.inputs.evaluation.secondary_metrics:
        ci, delta = secondary_ci(m), secondary_delta(m)
        if ci:
            out |= _rate_forms(ci[0]) | _rate_forms(ci[1])
        if delta is not None:
            out.add(canonical(f"{abs(delta):.2f}"))
    # Counts the draft states: how many gaps, risks, sign-offs, conditions.
    i = a.inputs
    counts = [len(a.gaps), len(a.risks), len(a.top_risks), len(i.signoffs),
              sum(1 for s in i.signoffs if s.name and s.decision and s.date)]
    out |= {str(c) for c in counts}
    return out


def unsupported_figures(text: str, allowed: set[str]) -> list[str]:
    """Numbers in ``text`` that are not in ``allowed`` (each reported once, in order)."""
    seen: list[str] = []
    for n in numbers_in(text):
        if n not in allowed and n not in seen:
            seen.append(n)
    return seen


# Numbers that are document structure, not claims: section and appendix numbering, list
# enumerations, checklist-item references and the confidence level of an interval.
_STRUCTURE = [
    re.compile(r"^#{1,6} \d+\.", re.M),
    re.compile(r"^\s*\d+\. ", re.M),
    re.compile(r"\(\d+\) "),
    re.compile(r"checklist items? \d+(?:[–-]\d+)?(?:, \d+)*(?: and \d+)?"),
    re.compile(r"common mistake \d+"),
    re.compile(r"\b95% (?=CI|interval|score|confidence)|at 95%|Wilson 95%"),
    re.compile(r"2–4 concrete"),
    re.compile(r"Section \d\b"),
]


def strip_structure(markdown: str) -> str:
    """The draft with structural numbers removed, leaving only claims to check."""
    for pattern in _STRUCTURE:
        markdown = pattern.sub(" ", markdown)
    return markdown
