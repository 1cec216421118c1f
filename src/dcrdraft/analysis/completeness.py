"""How complete each of the nine DCR sections is, and where in the inputs a checklist item or
finding is fixed; front ends use it to show progress and to jump to the field that matters.

Completeness is the share of a section's expected facts that the inputs state, counted by the
same presence tests the gap analysis uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dcrdraft.inputs.model import Inputs


@dataclass(frozen=True)
class SectionInfo:
    """One DCR section as the drafting front ends show it."""

    key: str
    """Stable key (``evaluation``); ``overview`` is the inputs overview, not a DCR section."""
    number: int
    """Section number in the DCR (0 for the inputs overview)."""
    title: str


SECTIONS: tuple[SectionInfo, ...] = (
    SectionInfo("inputs", 0, "Inputs overview"),
    SectionInfo("title", 1, "Title page"),
    SectionInfo("summary", 2, "Executive summary"),
    SectionInfo("system", 3, "System overview"),
    SectionInfo("evaluation", 4, "Evaluation"),
    SectionInfo("risks", 5, "Risk register"),
    SectionInfo("deployment", 6, "Deployment conditions"),
    SectionInfo("safety", 7, "Safety and fairness"),
    SectionInfo("signoff", 8, "Sign-off and decision"),
    SectionInfo("appendices", 9, "Appendices"),
)

Check = Callable[[Inputs], object]

_CHECKS: dict[str, tuple[Check, ...]] = {
    "title": (
        lambda i: i.system.name, lambda i: i.system.version, lambda i: i.system.summary,
        lambda i: i.document.author, lambda i: i.document.eval_period,
    ),
    "system": (
        lambda i: i.system.summary or i.system.purpose, lambda i: i.system.users,
        lambda i: i.system.business_case, lambda i: i.system.integration,
        lambda i: i.system.risk_tier,
    ),
    "evaluation": (
        lambda i: i.evaluation.methodology, lambda i: i.evaluation.datasets,
        lambda i: i.evaluation.primary_metric,
        lambda i: i.evaluation.primary_metric and i.evaluation.primary_metric.results,
        lambda i: i.evaluation.primary_metric and i.evaluation.primary_metric.baseline,
        lambda i: i.evaluation.primary_metric and i.evaluation.primary_metric.threshold is not None,
        lambda i: i.evaluation.primary_metric and all(
            r.n or r.ci for r in i.evaluation.primary_metric.results),
        lambda i: i.evaluation.segments, lambda i: i.evaluation.failure_modes,
    ),
    "risks": (
        lambda i: i.risks,
        lambda i: i.risks and all(r.severity and r.likelihood for r in i.risks),
        lambda i: i.risks and all(r.mitigations for r in i.risks),
        lambda i: i.risks and all(r.residual_risk for r in i.risks),
        lambda i: i.risks and all(r.owner for r in i.risks),
        lambda i: i.risks and all(r.monitoring and r.escalation for r in i.risks),
    ),
    "deployment": (
        lambda i: i.deployment.conditions, lambda i: i.deployment.monitoring,
        lambda i: i.deployment.rollback_triggers,
        lambda i: i.deployment.rollback_procedure and i.deployment.rollback_procedure.description,
        lambda i: i.deployment.rollback_procedure and i.deployment.rollback_procedure.tested,
        lambda i: i.deployment.human_review, lambda i: i.deployment.user_documentation,
    ),
    "safety": (
        lambda i: i.safety.fairness, lambda i: i.safety.privacy, lambda i: i.safety.security,
        lambda i: i.safety.regulatory,
    ),
    "signoff": (
        lambda i: i.signoffs,
        lambda i: i.signoffs and all(s.name and s.decision and s.date for s in i.signoffs),
        lambda i: i.recommendation.decision, lambda i: i.recommendation.rationale,
    ),
}


def section_completeness(inputs: Inputs) -> dict[str, float]:
    """Share (0-1) of each section's expected facts the inputs state; summary and appendices
    are written from the rest, so they follow the mean and count as complete respectively."""
    out: dict[str, float] = {}
    for key, checks in _CHECKS.items():
        out[key] = sum(1 for c in checks if c(inputs)) / len(checks)
    out["summary"] = sum(out.values()) / len(out)
    out["appendices"] = 1.0
    out["inputs"] = out["summary"]
    return out


ITEM_TARGET: dict[str, str] = {
    "C01": "system.purpose", "C02": "evaluation.methodology",
    "C03": "evaluation.primary_metric.name", "C04": "evaluation.primary_metric.baseline.value",
    "C05": "evaluation.segments", "C06": "evaluation.primary_metric.results",
    "C07": "evaluation.failure_modes", "C08": "risks", "C09": "risks", "C10": "risks",
    "C11": "deployment.monitoring", "C12": "deployment.rollback_triggers",
    "C13": "deployment.rollback_procedure.tested", "C14": "deployment.human_review",
    "C15": "safety.fairness", "C16": "safety.privacy", "C17": "safety.regulatory",
    "C18": "signoffs", "C19": "deployment.user_documentation",
    "C20": "recommendation.decision",
    "M01": "risks", "M02": "evaluation.primary_metric.baseline.value",
    "M03": "deployment.rollback_triggers", "M04": "evaluation.segments",
    "M05": "deployment.monitoring",
}
"""Checklist item or mistake code → the inputs field (or table) that fixes it."""

_PREFIX_SECTION = (
    ("system.name", "title"), ("system.version", "title"), ("system.summary", "title"),
    ("document", "title"), ("system", "system"), ("evaluation", "evaluation"),
    ("risks", "risks"), ("deployment", "deployment"), ("safety", "safety"),
    ("signoffs", "signoff"), ("recommendation", "signoff"), ("appendices", "appendices"),
)


def section_of_field(path: str) -> str:
    """The section whose form holds the inputs field ``path`` (``risks[2].title`` → risks)."""
    for prefix, section in _PREFIX_SECTION:
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            return section
    return "inputs"


_HEADING = re.compile(r"^##\s+(\d)\.\s")
_NUMBER_SECTION = {s.number: s.key for s in SECTIONS}


def section_of_line(markdown: str, line: int) -> str | None:
    """The DCR section containing 1-based ``line`` of a drafted Markdown DCR."""
    current: str | None = None
    for n, text in enumerate(markdown.splitlines(), 1):
        if n > line:
            break
        m = _HEADING.match(text)
        if m:
            current = _NUMBER_SECTION.get(int(m.group(1)))
    return current


def target_of(code: str, line: int | None = None, markdown: str = "") -> tuple[str, str | None]:
    """(section, field path or None) that fixes the item or finding ``code``."""
    path = ITEM_TARGET.get(code)
    if path:
        return section_of_field(path), path
    if line and markdown:
        section = section_of_line(markdown, line)
        if section:
            return section, None
    return "inputs", None
