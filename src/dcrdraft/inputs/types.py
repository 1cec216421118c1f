"""Value types shared by the inputs model: rates written as ``89%`` or ``0.89``, and levels."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

Level = Literal["low", "medium", "high", "critical"]
Likelihood = Literal["low", "medium", "high"]
Decision = Literal["approve", "approve-with-conditions", "disapprove"]
"""The guide's one vocabulary for a clearance decision: the recommendation's and each
sign-off's (``dcrdraft sign --decision``)."""
DECISIONS: tuple[str, ...] = ("approve", "approve-with-conditions", "disapprove")
TriggerType = Literal["automatic", "manual", "incident"]
Direction = Literal["above", "below"]
ConditionStatus = Literal["met", "pending", "not-met"]

_PERCENT = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*%\s*$")


def _decision_alias(value: object) -> object:
    """``reject`` (what sign-offs once said) reads as ``disapprove``, so older files validate."""
    return "disapprove" if isinstance(value, str) and value.strip().lower() == "reject" else value


SignDecision = Annotated[Decision, BeforeValidator(_decision_alias)]
"""A sign-off's decision: the same vocabulary as the recommendation's."""


def parse_rate(value: object) -> float:
    """Read ``89%``, ``"0.89"`` or ``0.89`` as the fraction 0.89; reject anything outside 0-1."""
    if isinstance(value, bool):
        raise ValueError("expected a percentage like 89% or a fraction like 0.89")
    written = value.strip() if isinstance(value, str) else None
    if isinstance(value, str):
        m = _PERCENT.match(value)
        if m:
            pct = float(m.group(1))
            if not 0 <= pct <= 100:
                raise ValueError(f"{value.strip()} is outside 0%-100%")
            return round(pct / 100, 10)
        try:
            value = float(value)
        except ValueError:
            raise ValueError(
                f"expected a percentage like 89% or a fraction like 0.89, got {value!r}"
            ) from None
    if isinstance(value, int | float):
        number = float(value)
        shown = written if written is not None else value
        if 0 <= number <= 1:
            return number
        if 1 < number <= 100:
            raise ValueError(f"{shown} is ambiguous: write {shown}% or {number / 100:g}")
        raise ValueError(f"{shown} is outside 0-1 (or 0%-100%)")
    raise ValueError("expected a percentage like 89% or a fraction like 0.89")


def _rate_out(value: float) -> str:
    return f"{value * 100:g}%"


Rate = Annotated[
    float,
    BeforeValidator(parse_rate),
    PlainSerializer(_rate_out, return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": 1},
                {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*%\s*$"},
            ],
            "description": "A rate: 89% or 0.89",
        }
    ),
]
"""A proportion in [0, 1]; inputs may write it as a percentage."""


_BARE_NUMBER = re.compile(r"^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$")


def parse_figure(value: object) -> float | str:
    """A rate (``90%``, ``0.9``) or a figure with its units (``1.2 s``, ``300 ms``).

    A bare number is read by the one rule for rates, as every rate field reads it: 0-1 is a
    fraction, and anything else (``94``) is refused as ambiguous rather than kept as text."""
    if isinstance(value, bool):
        raise ValueError("expected a rate like 89% or 0.89, or a figure with units like 1.2 s")
    if isinstance(value, int | float) or (isinstance(value, str) and _BARE_NUMBER.match(value)):
        try:
            return parse_rate(value)
        except ValueError as exc:
            raise ValueError(f"{exc}; a figure in other units needs its unit (e.g. 1.2 s)") \
                from None
    try:
        return parse_rate(value)
    except ValueError:
        if isinstance(value, str):
            return value.strip()
        raise


Figure = Annotated[
    float | str,
    BeforeValidator(parse_figure),
    PlainSerializer(lambda v: _rate_out(v) if isinstance(v, float) else v, when_used="json"),
    WithJsonSchema({"type": ["number", "string"], "description": "90%, 0.9 or a figure with units"}),
]
"""A rate (stored as a fraction) or a figure in other units kept as written (``3 s``)."""
