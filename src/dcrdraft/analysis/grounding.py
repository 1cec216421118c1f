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

from dcrdraft.analysis.core import Analysis, secondary_ci, secondary_delta
from dcrdraft.figures import ISO_DATE, canonical, numbers_in

def _rate_forms(x: float) -> set[str]:
    forms = {canonical(repr(x))}
    for decimals in (0, 1, 2):
        forms.add(canonical(f"{x * 100:.{decimals}f}"))
    return forms


def _walk(node: Any) -> Iterator[Any]:
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name))
        for key, value in (node.model_extra or {}).items():
            yield key
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
    re.compile(r"Section \d\b"),
    re.compile(r"\bRisk \d+\b"),  # the positional label of a risk the inputs gave no ID
    re.compile(r'y-axis "[^"\n]*\(%\)" 0 --> 100'),  # a chart's percentage scale
]


def strip_structure(markdown: str) -> str:
    """The draft with structural numbers removed, leaving only claims to check."""
    for pattern in _STRUCTURE:
        markdown = pattern.sub(" ", markdown)
    return markdown


# -- Claims beyond figures: dates, IDs and names (the LLM grounding guard) ----------------

_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], 1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_TEXT_DATES = [
    # 14 October 2026, 14 Oct 2026
    (re.compile(rf"\b(\d{{1,2}})\s+({_MON})\s+(\d{{4}})\b"), ("d", "m", "y")),
    # October 14, 2026
    (re.compile(rf"\b({_MON})\s+(\d{{1,2}}),?\s+(\d{{4}})\b"), ("m", "d", "y")),
    # October 2026
    (re.compile(rf"\b({_MON})\s+(\d{{4}})\b"), ("m", "y")),
    # 14/10/2026 or 10/14/2026
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("a", "b", "y")),
]
ID_RE = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z]-\d+[A-Z0-9-]*\b")
_WORD = r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
_NAME = re.compile(rf"\b(?:(Dr|Mr|Mrs|Ms|Prof)\.?\s+)?({_WORD})(?:\s+({_WORD}))?\b")

COMMON_TITLE_WORDS = frozenset("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
the this that these those we our it its if when where while all any each every after
before during until once within for with without from into over under above below and
or but not no yes a an in on at by of to as is are be will must should may can could
risk risks residual owner monitoring escalation escalate escalated review reviewed weekly
monthly daily quarterly yearly annually medical safety lead engineer engineering product
legal privacy officer team support customer customers manager director head chief
compliance operations data science scientist quality assurance trust incident response
platform deployment clearance report executive summary task completion rate baseline
threshold status pass fail evidence mitigation mitigations severity likelihood level high
medium low critical approve approved approval conditions condition recommendation system
overview evaluation test set production sample version gap gaps section appendix register
human agent agents knowledge base documentation alert alerts rollback dashboard dashboards
sign off stakeholder stakeholders business sponsor success service desk help center centre
board committee council ml ai llm machine learning model models accuracy error errors
factual incorrect ambiguous requests request queries query users user chatbot assistant
analyst analysts specialist specialists reviewer reviewers tier content policy security
fairness regulatory harm harms what how who why which could go wrong well works true
first second third next last new current previous prior weekly-review on-call oncall
wilson score interval confidence percentile median mean
""".split())
"""Capitalised words common in DCR prose that are not, on their own, a person's name."""




def _month(token: str) -> int | None:
    return _MONTHS.get(token.lower().rstrip(".")[:3])


def text_dates(text: str) -> Iterator[tuple[str, tuple[int, int, int | None] | None, int, int]]:
    """(as written, (year, month, day or None) or None when invalid, start, end)."""
    taken: list[tuple[int, int]] = []
    for pattern, order in _TEXT_DATES:
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            parts = dict(zip(order, m.groups(), strict=True))
            y = int(parts["y"])
            day: int | None
            if "a" in parts:
                a, b = int(parts["a"]), int(parts["b"])
                day, month = (a, b) if a > 12 else (b, a)
            else:
                month = _month(parts["m"]) or 0
                day = int(parts["d"]) if "d" in parts else None
            try:
                if day is not None:
                    dt.date(y, month, day)
                valid: tuple[int, int, int | None] | None = (y, month, day)
            except ValueError:
                valid = None
            yield m.group(0), valid, m.start(), m.end()


