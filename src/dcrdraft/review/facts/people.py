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


_GENERIC = re.compile(r"^(?:human|manual) (?:oversight|review)$", re.I)


def _generic_oversight(text: str, who: re.Pattern[str]) -> bool:
    """Whether "human oversight" is named only as an abstract safeguard, with no one doing
    it ("mitigated through monitoring, human oversight and continuous improvement")."""
    found = [m.group(0) for m in vocab("human_oversight").finditer(text)]
    return bool(found) and all(_GENERIC.match(f) for f in found) and \
        re.search(r"\bhuman oversight\b", text, re.I) is not None and \
        not [m for m in who.finditer(text) if not _GENERIC.match(m.group(0))]


def _rater(text: str) -> bool:
    """People who labelled the evaluation data ("each case labelled by two trained
    nurses"): raters of the test set, not reviewers of the live system."""
    return vocab("evaluation_rater").search(text) is not None


_COUNT_BEFORE = re.compile(r"\b\d+\s+(?:[\w()&-]+\s+){0,3}$")


def _headcount(text: str, who: re.Pattern[str]) -> bool:
    """Whether a number counts the reviewers ("18 intake keyers", "2 regional supervisors"),
    whatever their role is called."""
    return any(_COUNT_BEFORE.search(text, max(0, m.start() - 40), m.start())
               for m in who.finditer(text))


def readiness_grade(text: str, absent: bool) -> ReadinessGrade | None:
    """The readiness a sentence or paragraph states, if any."""
    who, state = vocab("reviewer_role"), vocab("readiness_state")
    if _rater(text) or _generic_oversight(text, who):
        return None
    if vocab("readiness_planned").search(text) and who.search(text) and \
            not vocab("model_training").search(text):
        return "planned"
    if not absent and not vocab("model_training").search(text) and who.search(text) \
            and state.search(text):
        checkable = bool(vocab("readiness_figure").search(text)) or _headcount(text, who)
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
