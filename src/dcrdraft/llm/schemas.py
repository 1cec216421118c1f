"""Output schemas the model fills: their field docs are prompt text, written for the model."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from dcrdraft.inputs.types import Level


class Output(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class RiskEntry(Output):
    """A risk-register entry in the DCR guide's template."""

    description: str = Field(min_length=20)
    """The specific scenario and harm, quoting the observed rate from the evidence."""
    mitigations: list[str] = Field(min_length=2, max_length=4)
    """Two to four concrete, measurable mitigations, one action each."""
    residual_risk: Level
    """The risk that remains after the mitigations: low, medium, high or critical."""
    residual_note: str
    """One sentence on why that residual risk remains."""
    monitoring: str
    """The metric watched in production, how, and the alert condition (thresholds only from the data)."""
    escalation: str
    """When the risk escalates and to which role."""
    review_cadence: str
    """How often the risk is reviewed after deployment, in words."""


Verdict = Literal["pass", "weak", "missing"]


class ItemVerdict(Output):
    """The judge's verdict on one checklist item."""

    code: str
    """The checklist item's code, such as C01."""
    verdict: Verdict
    """pass (addressed with substance), weak (mentioned, not enough) or missing."""
    quote: str
    """Text copied verbatim from one line of the document that supports the verdict; empty for missing."""
    reason: str
    """One sentence on why."""


class JudgeVerdicts(Output):
    """Verdicts on every checklist item asked about."""

    verdicts: list[ItemVerdict]
    """One verdict per item, in the order asked."""
