"""Where to point a result about something missing: the heading of the section it belongs in,
else line 1, with the section named so a reader knows where to add it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dcrdraft.ingest.document import Document
from dcrdraft.review.models import FileReport
from dcrdraft.review.rubric import Rule

EXPECTED: dict[str, tuple[str, ...]] = {
    "C01": ("summary", "overview"), "C02": ("methodology", "evaluation"),
    "C03": ("evaluation",), "C04": ("evaluation",), "C05": ("segments", "evaluation"),
    "C06": ("evaluation",), "C07": ("failure_modes", "risks", "evaluation"),
    "C08": ("risks",), "C09": ("risks",), "C10": ("risks",),
    "C11": ("monitoring", "conditions", "deployment"),
    "C12": ("rollback", "conditions", "deployment"),
    "C13": ("rollback", "conditions", "deployment"),
    "C14": ("human_review", "conditions", "deployment"), "C15": ("fairness", "segments"),
    "C16": ("privacy", "security", "safety"), "C17": ("regulatory",), "C18": ("signoff",),
    "C19": ("user_docs", "deployment"), "C20": ("recommendation", "summary"),
    "M02": ("evaluation",), "M03": ("rollback", "conditions", "deployment"),
    "M04": ("segments", "evaluation"), "M05": ("monitoring", "conditions", "deployment"),
}
"""The section kinds each code's content belongs in, best first."""

KIND_TITLES: dict[str, str] = {
    "summary": "Executive Summary", "overview": "System Overview",
    "methodology": "Evaluation Methodology", "evaluation": "Evaluation Results",
    "segments": "Segment Analysis", "failure_modes": "Failure Modes",
    "risks": "Risks & Mitigations", "monitoring": "Monitoring", "rollback": "Rollback",
    "conditions": "Deployment Conditions", "deployment": "Deployment Plan",
    "human_review": "Human Review", "fairness": "Fairness", "privacy": "Privacy",
    "security": "Security", "safety": "Safety", "regulatory": "Regulatory Compliance",
    "signoff": "Sign-off", "recommendation": "Go/No-Go Recommendation",
    "user_docs": "User Documentation",
}
"""How a missing section is named when the document has none of the expected kinds."""


@dataclass(frozen=True)
class Anchor:
    """A line to point at and the section it names."""

    line: int
    section: str
    """The heading found (``Deployment Conditions``) or the section expected."""
    found: bool
    """True when the document has the section; False when it is expected but absent."""

    def phrase(self) -> str:
        """``in section "X"`` or ``expected a "X" section``, for messages."""
        if self.found:
            return f'belongs in section "{self.section}" at line {self.line}'
        return f'expected under a heading like "{self.section}"; none found'

    def to_dict(self) -> dict[str, object]:
        return {"line": self.line, "section": self.section, "found": self.found}


def expected_kinds(code: str, rule: Rule | None) -> tuple[str, ...]:
    """Section kinds for ``code``: the table above, else the rule's own ``kinds``/``topic``."""
    if code in EXPECTED:
        return EXPECTED[code]
    if rule is not None:
        kinds = rule.params.get("kinds")
        if isinstance(kinds, list):
            return tuple(str(k) for k in kinds)
        topic = rule.params.get("topic")
        if isinstance(topic, str):
            return (topic,)
    return ()


def anchor(doc: Document, code: str, rule: Rule | None = None) -> Anchor | None:
    """The anchor for something ``code`` finds missing in ``doc``; None without a known kind."""
    kinds = expected_kinds(code, rule)
    if not kinds:
        return None
    sections = [s for s in doc.sections() if s.kind]
    for kind in kinds:
        s = next((s for s in sections if s.kind == kind), None)
        if s is not None:
            return Anchor(doc.source_line(max(1, s.line)),
                          s.title.strip() or KIND_TITLES.get(kind, kind), True)
    return Anchor(1, KIND_TITLES.get(kinds[0], kinds[0].replace("_", " ").title()), False)


def anchors_for(doc: Document, report: FileReport, rules: dict[str, Rule]) -> dict[str, Anchor]:
    """Anchors for unmet items without a line, and for findings reported at line 1 (which the
    checks use for "nowhere in the document")."""
    out: dict[str, Anchor] = {}
    codes = [i.code for i in report.checklist if i.status != "pass" and i.line is None]
    codes += [f.code for f in report.findings if f.line <= 1]
    for code in codes:
        a = anchor(doc, code, rules.get(code))
        if a is not None:
            out[code] = a
    return out
