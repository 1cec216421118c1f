"""Merge LLM-expanded risk entries into edited inputs data without overwriting the author:
empty fields are filled, fields the author typed that the LLM would change are conflicts that
a front end must ask about."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from dcrdraft.inputs.model import Risk

EXPANDABLE = ("description", "mitigations", "residual_risk", "residual_note", "monitoring",
              "escalation", "review_cadence")
"""The risk fields the LLM engine writes."""


@dataclass(frozen=True)
class FieldChange:
    """One risk field the LLM would set: ``index`` into ``risks``, the field and both values."""

    index: int
    label: str
    field: str
    old: Any
    new: Any


def risk_label(row: dict[str, Any], index: int) -> str:
    """The label a risk row gets in the draft (its id, else ``Risk N``)."""
    rid = row.get("id")
    return str(rid) if rid else f"Risk {index + 1}"


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def plan(rows: list[Any], expanded: dict[str, Risk]) -> tuple[list[FieldChange], list[FieldChange]]:
    """(fills, conflicts): changes to empty fields, and changes to fields with author text."""
    fills: list[FieldChange] = []
    conflicts: list[FieldChange] = []
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            continue
        label = risk_label(row, i)
        risk = expanded.get(label)
        if risk is None:
            continue
        new_values = risk.model_dump(mode="json", include=set(EXPANDABLE))
        for name in EXPANDABLE:
            new = new_values.get(name)
            if _empty(new):
                continue
            old = row.get(name)
            if _empty(old):
                fills.append(FieldChange(i, label, name, old, new))
            elif old != new:
                conflicts.append(FieldChange(i, label, name, old, new))
    return fills, conflicts


def apply(rows: list[Any], changes: list[FieldChange]) -> None:
    """Write ``changes`` into the risk rows in place."""
    for c in changes:
        rows[c.index][c.field] = c.new
