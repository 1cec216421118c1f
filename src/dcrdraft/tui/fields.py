"""What each section's form shows: scalar fields and editable tables, by inputs path, with
the text ↔ value conversions the widgets need; help text comes from the model's field docs."""

from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal, get_args

from pydantic import BaseModel

from dcrdraft.inputs import model as m
from dcrdraft.inputs import types as t
from dcrdraft.editing.session import get_path, split_path

Kind = Literal["text", "long", "int", "rate", "figure", "date", "bool", "choice", "lines",
               "metrics"]


@dataclass(frozen=True)
class Field:
    """One editable value: ``path`` from the inputs root (or from a table row)."""

    path: str
    label: str
    kind: Kind = "text"
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """An editable list of rows at ``path``; ``columns`` are row paths shown in the grid."""

    path: str
    title: str
    row_model: type[BaseModel]
    columns: tuple[str, ...]
    fields: tuple[Field, ...]
    metric_columns: bool = False
    """Segments: every extra key of a row is a metric column."""
    stacked: tuple[tuple[str, ...], ...] = ()
    """Grid cells that each stack several row paths on their own lines (instead of one
    column per path), so a table with long values fits the form's width without scrolling."""


Item = Field | Table


def _choices(alias: Any) -> tuple[str, ...]:
    return tuple(str(a) for a in get_args(alias))


LEVEL, LIKELY = _choices(t.Level), _choices(t.Likelihood)

DATASETS = Table("evaluation.datasets", "Datasets", m.Dataset, ("name", "size", "description"), (
    Field("name", "Name"), Field("size", "Size", "int"), Field("description", "Description", "long")))
RESULTS = Table("evaluation.primary_metric.results", "Primary-metric results", m.Result,
                ("dataset", "value", "n", "ci"), (
    Field("dataset", "Dataset"), Field("value", "Value", "rate"), Field("n", "n", "int")))
SECONDARY = Table("evaluation.secondary_metrics", "Secondary metrics", m.SecondaryMetric,
                  ("name", "value", "n", "baseline", "threshold", "higher_is_better"), (
    Field("name", "Name"), Field("value", "Value", "figure"), Field("n", "n", "int"),
    Field("baseline", "Baseline", "figure"), Field("threshold", "Threshold", "figure"),
    Field("higher_is_better", "Higher is better", "bool"), Field("dataset", "Dataset")))
SEGMENTS = Table("evaluation.segments", "Segments", m.Segment, ("name", "n"), (
    Field("name", "Name"), Field("n", "n", "int"),
    Field("metrics", "Metric columns (one 'column: value' per line, e.g. accuracy: 91%)",
          "metrics"),
    Field("note", "Note", "long")), metric_columns=True)
RISKS = Table("risks", "Risks", m.Risk,
              ("id", "title", "severity", "likelihood", "residual_risk", "owner.name"), (
    Field("id", "ID"), Field("title", "Title"), Field("category", "Category"),
    Field("severity", "Severity", "choice", LEVEL),
    Field("likelihood", "Likelihood", "choice", LIKELY), Field("evidence", "Evidence", "long"),
    Field("description", "Description", "long"), Field("mitigations", "Mitigations", "lines"),
    Field("residual_risk", "Residual risk", "choice", LEVEL),
    Field("residual_note", "Residual note", "long"), Field("owner.name", "Owner name"),
    Field("owner.role", "Owner role"), Field("monitoring", "Monitoring", "long"),
    Field("escalation", "Escalation", "long"), Field("review_cadence", "Review cadence"),
    Field("segments", "Segments covered", "lines")))
CONDITIONS = Table("deployment.conditions", "Pre-deployment conditions", m.Condition,
                   ("condition", "status", "evidence"), (
    Field("condition", "Condition", "long"),
    Field("status", "Status", "choice", _choices(t.ConditionStatus)),
    Field("evidence", "Evidence")))
MONITORING = Table("deployment.monitoring", "Monitoring thresholds", m.Threshold,
                   ("metric", "threshold", "direction", "window", "red", "action"), (
    Field("metric", "Metric"), Field("threshold", "Threshold", "figure"),
    Field("direction", "Direction", "choice", _choices(t.Direction)),
    Field("window", "Window"), Field("yellow", "Yellow alert"), Field("red", "Red alert"),
    Field("action", "Action", "long")))
TRIGGERS = Table("deployment.rollback_triggers", "Rollback triggers", m.Trigger,
                 ("type", "condition"), (
    Field("type", "Type", "choice", _choices(t.TriggerType)),
    Field("condition", "Condition", "long")))
HUMAN = Table("deployment.human_review", "Human review processes", m.HumanReview,
              ("process", "ready", "detail"), (
    Field("process", "Process"), Field("ready", "Staffed and trained", "bool"),
    Field("detail", "Detail", "long")))
SIGNOFFS = Table("signoffs", "Sign-offs", m.SignOff, ("role", "name", "decision", "date"), (
    Field("role", "Role"), Field("name", "Name"),
    Field("decision", "Decision", "choice", _choices(t.Decision)),
    Field("date", "Date", "date"), Field("note", "Note", "long")),
    stacked=(("role", "name"), ("decision", "date")))
APPROVAL = Table("recommendation.conditions", "Conditions of approval", m.DeployCondition,
                 ("condition", "owner", "due"), (
    Field("condition", "Condition", "long"), Field("owner", "Owner"), Field("due", "Due", "date")))
APPENDICES = Table("appendices", "Appendices", m.Appendix, ("title",), (
    Field("title", "Title"), Field("content", "Content (Markdown)", "long")))

FORMS: dict[str, tuple[Item, ...]] = {
    "title": (
        Field("system.name", "System name"), Field("system.version", "Version"),
        Field("system.summary", "One-line summary", "long"),
        Field("document.author", "DCR author"),
        Field("document.eval_period.start", "Evaluation start", "date"),
        Field("document.eval_period.end", "Evaluation end", "date"),
        Field("document.approval_date", "Approval date", "date"),
    ),
    "system": (
        Field("system.purpose", "Purpose", "long"), Field("system.users", "Users", "long"),
        Field("system.business_case", "Business case", "long"),
        Field("system.integration", "Integration", "long"),
        Field("system.risk_tier", "Risk tier", "choice", LIKELY),
    ),
    "evaluation": (
        Field("evaluation.methodology", "Methodology", "long"),
        Field("evaluation.raters", "Raters"),
        DATASETS,
        Field("evaluation.primary_metric.name", "Primary metric"),
        Field("evaluation.primary_metric.definition", "Definition"),
        Field("evaluation.primary_metric.threshold", "Deployment threshold", "rate"),
        Field("evaluation.primary_metric.baseline.label", "Baseline (what it is)"),
        Field("evaluation.primary_metric.baseline.value", "Baseline value", "rate"),
        Field("evaluation.primary_metric.higher_is_better", "Higher is better", "bool"),
        RESULTS, SECONDARY, SEGMENTS,
        Field("evaluation.failure_modes", "Failure modes (one per line)", "lines"),
    ),
    "risks": (RISKS,),
    "deployment": (
        CONDITIONS, MONITORING, TRIGGERS,
        Field("deployment.rollback_procedure.description", "Rollback procedure", "long"),
        Field("deployment.rollback_procedure.tested", "Rollback tested", "bool"),
        Field("deployment.rollback_procedure.tested_on", "Tested on", "date"),
        Field("deployment.rollback_procedure.duration", "Rollback duration"),
        HUMAN,
        Field("deployment.user_documentation", "User documentation", "long"),
    ),
    "safety": tuple(Field(f"safety.{k}", k.capitalize(), "long")
                    for k in ("fairness", "privacy", "security", "regulatory", "harms")),
    "signoff": (
        SIGNOFFS,
        Field("recommendation.decision", "Recommendation", "choice", _choices(t.Decision)),
        Field("recommendation.rationale", "Rationale", "long"),
        APPROVAL,
    ),
    "appendices": (APPENDICES,),
}


def items_of(section: str) -> tuple[Item, ...]:
    return FORMS.get(section, ())


def section_with(path: str) -> str | None:
    """The section whose form has a field or table at ``path``."""
    for section, items in FORMS.items():
        if any(i.path == path for i in items):
            return section
    return None


@lru_cache(maxsize=None)
def help_for(path: str, root: Any = m.Inputs) -> str:
    """The model's docstring for the field at ``path`` (list indices ignored)."""
    model: Any = root
    doc = ""
    for part in split_path(path):
        if isinstance(part, int):
            continue
        info = (model.model_fields.get(part)
                if isinstance(model, type) and issubclass(model, BaseModel) else None)
        if info is None:
            return doc if part == "metrics" else ""
        doc = info.description or ""
        model = _inner_model(info.annotation)
    return doc


def _inner_model(ann: Any) -> Any:
    for _ in range(3):
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            return ann
        args = [a for a in get_args(ann) if a is not type(None)]
        if not args:
            return None
        ann = args[0]
    return ann if isinstance(ann, type) and issubclass(ann, BaseModel) else None


# -- text ↔ value -------------------------------------------------------------------------


def to_text(value: Any, kind: Kind = "text") -> str:
    """How a stored value shows in an input."""
    if value is None:
        return ""
    if kind == "lines" and isinstance(value, list):
        return "\n".join(str(v) for v in value)
    if kind == "metrics" and isinstance(value, dict):
        return "\n".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def cell_text(value: Any) -> str:
    """How a stored value shows in a table cell (one line)."""
    if isinstance(value, list):
        return "; ".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(cell_text(v) for v in value.values() if v is not None)
    text = to_text(value)
    return text if len(text) <= 60 else text[:59] + "…"


def from_text(text: str, kind: Kind = "text") -> Any:
    """The value to store for what the author typed; text that does not convert is kept as
    typed, so validation can say what is wrong with it."""
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    if kind == "metrics":
        out: dict[str, Any] = {}
        for line in text.splitlines():
            key, sep, value = line.partition(":")
            if key.strip():
                out[key.strip()] = value.strip() if sep else ""
        return out
    stripped = text.strip()
    if not stripped:
        return None
    if kind == "int":
        try:
            return int(stripped.replace(",", ""))
        except ValueError:
            return stripped
    if kind in ("rate", "figure"):
        try:
            return float(stripped)
        except ValueError:
            return stripped
    if kind == "date":
        try:
            return dt.date.fromisoformat(stripped)
        except ValueError:
            return stripped
    if kind == "long":
        return text.strip("\n")
    return stripped


STACK_WIDTH = 18
"""Widest line of a stacked cell whose lines can wrap at spaces (a role, a name)."""

STATE_MARK: dict[str, str] = {
    "current": "✓ current", "stale": "⚠ stale", "unbound": "· unbound", "pending": "· pending",
}
"""A sign-off's state (``dcrdraft.inputs.signing``) as the sign-off table shows it."""


def stacked_cell(values: list[Any], width: int = STACK_WIDTH) -> list[str]:
    """The lines of one stacked cell: each non-empty value on its own line(s); values with
    spaces wrap at ``width``, words (a decision such as approve-with-conditions) never break."""
    lines: list[str] = []
    for value in values:
        text = cell_text(value)
        if text:
            lines += textwrap.wrap(text, width, break_long_words=False,
                                   break_on_hyphens=False) or [text]
    return lines


def grid_header(table: Table, cols: list[str]) -> list[str]:
    """The grid's column headings (``cols``: ``table_columns`` of its rows)."""
    if table.stacked:
        return [" / ".join(paths) for paths in table.stacked]
    return [c.replace("_", " ").replace(".name", "") for c in cols]


def grid_cells(table: Table, row: Any, cols: list[str], state: str | None = None) -> list[str]:
    """One row's cells; a sign-off's ``state`` (current, stale ...) joins its last cell."""
    if not table.stacked:
        return [cell_text(get_path(row, c)) for c in cols]
    cells = [stacked_cell([get_path(row, p) for p in paths]) for paths in table.stacked]
    mark = STATE_MARK.get(state or "", "")
    if mark:
        last = cells[-1]
        if last and len(last[-1]) + len(mark) + 1 <= len("approve-with-conditions"):
            last[-1] = f"{last[-1]} {mark}"
        else:
            last.append(mark)
    return ["\n".join(c) for c in cells]


ROW_FIXED = {"name", "n", "note"}


def row_metrics(row: dict[str, Any]) -> dict[str, Any]:
    """A segment row's metric columns."""
    return {k: v for k, v in row.items() if k not in ROW_FIXED}


def table_columns(table: Table, rows: list[Any]) -> list[str]:
    """The grid's columns: the table's own, plus every metric column for segments."""
    cols = list(table.columns)
    if table.metric_columns:
        for row in rows:
            if isinstance(row, dict):
                cols += [k for k in row_metrics(row) if k not in cols]
        cols.append("note")
    return cols
