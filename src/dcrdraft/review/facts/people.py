"""Review-team readiness (checklist item 14): who reviews the system's output and whether
they are ready (staffed, trained, rostered, tooling live), with a headcount or a date, or
only to be ready ("will be trained"), or human review named without either.

Grades: ``ready`` (people + a ready state + a figure, date or cover), ``ready_unquantified``
(people + a ready state, nothing to check it by), ``planned`` (readiness still to come),
``oversight`` (human review, escalation or an override named).
"""

from __future__ import annotations

import re
from typing import Literal

from dcrdraft.review.context import Context
from dcrdraft.review.facts.graded import Graded, graded
from dcrdraft.review.facts.vocab import vocab

ReadinessGrade = Literal["ready", "ready_unquantified", "planned", "oversight"]
GRADES: tuple[str, ...] = ("ready", "ready_unquantified", "planned", "oversight")

_STAFFED = re.compile(r"\b(?:is|are|was|were|fully)\s+(?:staffed|rostered)\b", re.I)


def _near(text: str, who: re.Pattern[str], state: re.Pattern[str], reach: int) -> bool:
    """Whether a role and a ready state stand within ``reach`` characters of each other."""
    roles = [m.span() for m in who.finditer(text)]
    return any(abs(s.start() - b) <= reach or abs(a - s.end()) <= reach
               for s in state.finditer(text) for a, b in roles)


def readiness_grade(text: str, absent: bool) -> ReadinessGrade | None:
    """The readiness a sentence or paragraph states, if any."""
    who, state = vocab("reviewer_role"), vocab("readiness_state")
    if vocab("readiness_planned").search(text) and who.search(text) and \
            not vocab("model_training").search(text):
        return "planned"
    if not absent and not vocab("model_training").search(text) and who.search(text) \
            and state.search(text):
        checkable = bool(vocab("readiness_figure").search(text))
        if checkable or _STAFFED.search(text):
            return "ready"
        return "ready_unquantified" if _near(text, who, state, 60) else "oversight"
    if not absent and (vocab("human_oversight").search(text) or (
            who.search(text) and state.search(text))):
        return "oversight"
    return None


def _names_reviewers(title: str) -> bool:
    return bool(vocab("reviewer_role").search(title))


def readiness_facts(ctx: Context) -> list[Graded]:
    """What the document says about the people who review the output, each with its line."""
    return graded(ctx, "readiness", readiness_grade, "human_review", _names_reviewers)
