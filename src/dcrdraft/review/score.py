"""The 0-100 score and the ``ready`` gate.

    checklist = 100 * sum(weight * credit) / sum(weight)     credit: pass 1, weak 0.5, missing 0
    penalty   = 5 per distinct M-code found                  (the guide's five mistakes)
              + min(10, 2 per X error + 1 per X warning)      (extra checks; info costs nothing)
    score     = clamp(round(checklist - penalty), 0, 100)

A DCR is ``ready`` only when every checklist item passes and no blocking finding remains: any
finding at ``error`` severity (a stale sign-off X09, an overdue condition X10, or a common
mistake a team raised to ``error``). The built-in mistakes are warnings until a sealed set
shows them right 95% of the time (rubrics/mistakes.yaml). The score ranks documents, the gate
decides.
"""

from __future__ import annotations

from collections.abc import Sequence

from dcrdraft.review.models import Finding, ItemResult

CREDIT = {"pass": 1.0, "weak": 0.5, "missing": 0.0}
MISTAKE_PENALTY = 5
EXTRA_PENALTY = {"error": 2, "warning": 1, "info": 0}
EXTRA_CAP = 10


def score(items: Sequence[ItemResult], findings: Sequence[Finding],
          weights: Sequence[float] | None = None) -> int:
    """The document's score from its checklist results and findings (see module doc)."""
    w = list(weights) if weights else [1.0] * len(items)
    total = sum(w) or 1.0
    checklist = 100.0 * sum(wi * CREDIT[i.status] for wi, i in zip(w, items)) / total
    mistakes = {f.code for f in findings if f.code.startswith("M")}
    extra = sum(EXTRA_PENALTY[f.severity] for f in findings if not f.code.startswith("M"))
    value = checklist - MISTAKE_PENALTY * len(mistakes) - min(EXTRA_CAP, extra)
    return max(0, min(100, round(value)))


def blocks(finding: Finding) -> bool:
    """Whether ``finding`` alone keeps a document from being ready and fails the default gate:
    any finding reported at ``error`` severity. Severity alone decides, so a mistake blocks
    once a team raises it to ``error`` (``--severity M=error``)."""
    return finding.severity == "error"


def is_ready(items: Sequence[ItemResult], findings: Sequence[Finding]) -> bool:
    """All items pass and no blocking finding."""
    return all(i.status == "pass" for i in items) and not any(blocks(f) for f in findings)
