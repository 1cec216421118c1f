"""The inputs model: one YAML/JSON file per system, covering the guide's nine DCR sections.

Every field is optional except the system name and each risk's title: what is missing is a
gap the draft shows, never something it invents.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from dcrdraft.inputs.types import (
    ConditionStatus,
    Decision,
    Direction,
    Figure,
    Level,
    Likelihood,
    Rate,
    SignDecision,
    TriggerType,
    parse_rate,
)


class Strict(BaseModel):
    """Base for models read from user files: unknown keys are errors, fields self-document."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True, frozen=False)


# -- 1. Title page and 3. System overview -------------------------------------------------


class System(Strict):
    name: str = Field(min_length=1)
    """The system's name as stakeholders know it."""
    version: str | None = None
    """The version being cleared (free text, e.g. 2.0.0)."""
    summary: str | None = None
    """One line: what the system does and for whom (the title page's one-line summary)."""
    purpose: str | None = None
    """A longer description of what the system does, for a non-technical reader."""
    users: str | None = None
    """Who uses the system and how."""
    business_case: str | None = None
    """Why the system is worth deploying."""
    integration: str | None = None
    """How the system fits into existing infrastructure and workflow."""
    risk_tier: Likelihood | None = None
    """The organisation's risk tier for the system: low, medium or high."""

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, v: object) -> object:
        return str(v) if isinstance(v, int | float) else v


class Period(Strict):
    start: dt.date
    """First day of the evaluation (ISO date)."""
    end: dt.date
    """Last day of the evaluation (ISO date)."""

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError("end is before start")
        return self


class DocumentInfo(Strict):
    author: str | None = None
    """The DCR author: name and role."""
    eval_period: Period | None = None
    """The evaluation date range."""
    approval_date: dt.date | None = None
    """The date clearance was granted, once it is."""


# -- 4. Evaluation ------------------------------------------------------------------------


class Dataset(Strict):
    name: str
    """The dataset's name, referenced by metric results."""
    size: int | None = Field(default=None, ge=0)
    """Number of examples."""
    description: str | None = None
    """Where the data comes from and what it covers."""


class Result(Strict):
    dataset: str
    """Name of the dataset this result was measured on."""
    value: Rate
    """The measured value (89% or 0.89)."""
    n: int | None = Field(default=None, ge=1)
    """Sample size; needed for a confidence interval."""
    ci: tuple[Rate, Rate] | None = None
    """A reported 95% interval [low, high]; computed from n when absent."""

    @model_validator(mode="after")
    def _ci_brackets(self) -> Result:
        if self.ci and not self.ci[0] <= self.value <= self.ci[1]:
            raise ValueError("ci must contain the value: [low, high]")
        return self


class Baseline(Strict):
    label: str | None = None
    """What the baseline is: previous version, human performance, a rule-based system."""
    value: Rate
    """The baseline's value on the same metric."""


class PrimaryMetric(Strict):
    name: str
    """The one metric that matters most."""
    results: list[Result] = Field(default_factory=list)
    """Results per dataset (test set, production sample ...)."""
    baseline: Baseline | None = None
    """The comparator; without one the result cannot be judged (common mistake 2)."""
    threshold: Rate | None = None
    """The deployment threshold the metric must meet."""
    higher_is_better: bool = True
    """False for error rates, where lower is better."""
    definition: str | None = None
    """How the metric is measured."""

    @field_validator("baseline", mode="before")
    @classmethod
    def _bare_baseline(cls, v: object) -> object:
        return {"value": v} if isinstance(v, str | int | float) else v


class SecondaryMetric(Strict):
    name: str
    """Metric name."""
    value: Figure
    """The measured value: a rate (94%) or a figure with units (1.2 s)."""
    n: int | None = Field(default=None, ge=1)
    """Sample size."""
    baseline: Figure | None = None
    """The comparator value."""
    threshold: Figure | None = None
    """The deployment threshold, if the metric has one."""
    higher_is_better: bool = True
    """False for error rates and latencies."""
    dataset: str | None = None
    """Dataset the value was measured on."""


class Segment(BaseModel):
    """A performance segment; every key besides name and n is a metric column (94% or 0.94)."""

    model_config = ConfigDict(extra="allow", use_attribute_docstrings=True)

    name: str
    """The segment (user type, language, domain ...)."""
    n: int | None = Field(default=None, ge=1)
    """Sample size of the segment."""
    note: str | None = None
    """Why the segment matters or how its gap is managed."""

    @model_validator(mode="before")
    @classmethod
    def _metric_columns(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        out = dict(data)
        for key, value in data.items():
            if key in ("name", "n", "note"):
                continue
            try:
                out[key] = parse_rate(value)
            except ValueError as exc:
                raise ValueError(f"segment column {key!r}: {exc}") from None
        return out

    @property
    def metrics(self) -> dict[str, float]:
        """The metric columns, in the order written."""
        return dict(self.model_extra or {})


class Evaluation(Strict):
    methodology: str | None = None
    """How metrics were measured: data, graders or raters, agreement."""
    raters: str | None = None
    """Who graded the outputs and their agreement."""
    datasets: list[Dataset] = Field(default_factory=list)
    """The evaluation datasets."""
    primary_metric: PrimaryMetric | None = None
    """The most important measure of success."""
    secondary_metrics: list[SecondaryMetric] = Field(default_factory=list)
    """Other metrics reported."""
    segments: list[Segment] = Field(default_factory=list)
    """Results broken down by segment."""
    failure_modes: list[str] = Field(default_factory=list)
    """What the system gets wrong, as observed patterns."""


# -- 5. Risk register ---------------------------------------------------------------------


class Owner(Strict):
    name: str | None = None
    """The accountable person."""
    role: str | None = None
    """Their role."""


class Risk(Strict):
    title: str = Field(min_length=1)
    """What can go wrong, in one line."""
    id: str | None = None
    """A stable identifier such as RAD-001."""
    category: str | None = None
    """Risk category (clinical accuracy, fairness, operational ...)."""
    severity: Level | None = None
    """Severity if it occurs: low, medium, high or critical."""
    likelihood: Likelihood | None = None
    """Probability of occurrence: low, medium or high."""
    evidence: str | None = None
    """The observed rate or finding behind the risk."""
    description: str | None = None
    """The specific scenario and harm."""
    mitigations: list[str] = Field(default_factory=list)
    """Concrete, measurable mitigations."""
    residual_risk: Level | None = None
    """The risk that remains after mitigation."""
    residual_note: str | None = None
    """Why the residual risk is what it is."""
    owner: Owner | None = None
    """Who owns the risk."""
    monitoring: str | None = None
    """How the risk is watched in production."""
    escalation: str | None = None
    """When and to whom it escalates."""
    review_cadence: str | None = None
    """How often the risk is reviewed after deployment."""
    segments: list[str] = Field(default_factory=list)
    """Names of the evaluation segments this risk covers, as written under
    ``evaluation.segments`` (compared by normalised words, so case, plurals and punctuation do
    not matter). A segment below its threshold that no risk covers is listed as a risk gap; a
    risk whose title carries every word of a segment's name covers it without this list."""

    @field_validator("owner", mode="before")
    @classmethod
    def _owner_text(cls, v: object) -> object:
        return {"name": v} if isinstance(v, str) else v


# -- 6. Deployment conditions -------------------------------------------------------------


class Condition(Strict):
    condition: str
    """What must be true before going live."""
    status: ConditionStatus = "pending"
    """met, pending or not-met."""
    evidence: str | None = None
    """Where the evidence is (ticket, dashboard, test run)."""


class Threshold(Strict):
    metric: str
    """The monitored metric."""
    threshold: Figure | None = None
    """The value it must stay above or below."""
    direction: Direction = "above"
    """above: must stay above the threshold; below: must stay below it."""
    window: str | None = None
    """Aggregation window (4-hour rolling, daily ...)."""
    yellow: str | None = None
    """The yellow-alert band."""
    red: str | None = None
    """The red-alert band."""
    action: str | None = None
    """What happens on an alert."""
    series: str | None = Field(default=None, pattern=r"^[a-zA-Z_:][a-zA-Z0-9_:]*$")
    """The Prometheus series holding the metric, averaged over the window in alert rules
    (default: ``dcrdraft_`` and the metric's name in snake case; rates as 0-1 ratios)."""
    expr: str | None = Field(default=None, min_length=1)
    """A PromQL expression for the metric's value over its window, used in alert rules as
    written; ``{window}`` in it becomes the window's range (e.g. ``4h``)."""

    @model_validator(mode="after")
    def _one_source(self) -> Threshold:
        if self.series and self.expr:
            raise ValueError("give series or expr, not both")
        return self


class Trigger(Strict):
    type: TriggerType = "manual"
    """automatic, manual or incident."""
    condition: str
    """The specific condition that triggers rollback."""


class RollbackProcedure(Strict):
    description: str | None = None
    """How the rollback is executed."""
    tested: bool = False
    """Whether the procedure has been executed and verified."""
    tested_on: dt.date | None = None
    """When it was last tested."""
    duration: str | None = None
    """How long a rollback takes."""


class HumanReview(Strict):
    process: str
    """The review or escalation workflow."""
    ready: bool = False
    """Staffed and trained."""
    detail: str | None = None
    """Who staffs it and how."""


class Deployment(Strict):
    conditions: list[Condition] = Field(default_factory=list)
    """Pre-deployment conditions."""
    monitoring: list[Threshold] = Field(default_factory=list)
    """Post-deployment monitoring thresholds."""
    rollback_triggers: list[Trigger] = Field(default_factory=list)
    """Conditions that trigger rollback."""
    rollback_procedure: RollbackProcedure | None = None
    """How rollback is done and whether it was tested."""
    human_review: list[HumanReview] = Field(default_factory=list)
    """Human review and escalation processes."""
    user_documentation: str | None = None
    """What users are told about limitations and how to escalate."""


# -- 7. Safety and fairness, 8. Sign-off, recommendation, 9. Appendices -------------------


class Safety(Strict):
    fairness: str | None = None
    """Performance across demographic groups; disparities found."""
    privacy: str | None = None
    """How sensitive data is handled."""
    security: str | None = None
    """Security review outcome."""
    regulatory: str | None = None
    """Regulatory requirements and how they are met."""
    harms: str | None = None
    """Other potential harms considered."""


class SignOff(Strict):
    role: str
    """The signing role (Engineering lead, Legal ...)."""
    name: str | None = None
    """Who signs."""
    decision: SignDecision | None = None
    """approve, approve-with-conditions or disapprove (as in the recommendation)."""
    date: dt.date | None = None
    """When they signed."""
    note: str | None = None
    """Conditions or remarks."""
    content_hash: str | None = None
    """Hash of the material content signed (written by ``dcrdraft sign``); when it no longer
    matches the inputs, the sign-off is for an earlier version."""


class DeployCondition(Strict):
    condition: str
    """A condition of approval."""
    owner: str | None = None
    """Who must meet it."""
    due: dt.date | None = None
    """By when."""


class Recommendation(Strict):
    decision: Decision | None = None
    """approve, approve-with-conditions or disapprove."""
    rationale: str | None = None
    """Why."""
    conditions: list[DeployCondition] = Field(default_factory=list)
    """What must be done, by whom and by when, for the approval to hold."""

    @field_validator("conditions", mode="before")
    @classmethod
    def _bare_conditions(cls, v: object) -> object:
        if isinstance(v, list):
            return [{"condition": c} if isinstance(c, str) else c for c in v]
        return v


class Appendix(Strict):
    title: str
    """Appendix heading."""
    content: str
    """Appendix text (Markdown)."""


class Inputs(Strict):
    """Structured inputs for one DCR."""

    system: System
    """Title page and system overview."""
    document: DocumentInfo = Field(default_factory=DocumentInfo)
    """Document metadata."""
    evaluation: Evaluation = Field(default_factory=Evaluation)
    """Evaluation summary."""
    risks: list[Risk] = Field(default_factory=list)
    """Risk register."""
    deployment: Deployment = Field(default_factory=Deployment)
    """Deployment conditions."""
    safety: Safety = Field(default_factory=Safety)
    """Safety and fairness analysis."""
    signoffs: list[SignOff] = Field(default_factory=list)
    """Stakeholder sign-offs."""
    recommendation: Recommendation = Field(default_factory=Recommendation)
    """The clearance decision."""
    appendices: list[Appendix] = Field(default_factory=list)
    """Extra material."""
