"""Pure-Python statistics for a DCR: Wilson intervals, deltas, pass/fail and risk levels.

Nothing here formats text; ``analysis`` turns these figures into what the draft shows.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # annotations only: the reviewer uses these functions without pydantic
    from dcrdraft.inputs.types import Level, Likelihood

Z95 = 1.959963984540054
"""Two-sided 95% normal quantile."""

Status = Literal["PASS", "FAIL"]


def wilson_interval(p: float, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion ``p`` observed on ``n`` trials."""
    if n <= 0:
        raise ValueError("n must be positive")
    if not 0.0 <= p <= 1.0:
        raise ValueError("p must be within [0, 1]")
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    # Clamp so rounding never puts the interval beside the estimate (p = 0 or 1).
    return min(p, max(0.0, centre - half)), max(p, min(1.0, centre + half))


def delta_points(value: float, baseline: float) -> float:
    """Difference in percentage points (value and baseline are fractions)."""
    return round((value - baseline) * 100, 10)


def meets(value: float, threshold: float, higher_is_better: bool = True) -> bool:
    """Whether ``value`` meets ``threshold``; at the threshold counts as meeting it."""
    return value >= threshold if higher_is_better else value <= threshold


def status(value: float, threshold: float, higher_is_better: bool = True) -> Status:
    """PASS or FAIL against a threshold, honouring the metric's direction."""
    return "PASS" if meets(value, threshold, higher_is_better) else "FAIL"


def improved(value: float, baseline: float, higher_is_better: bool = True) -> bool:
    """Whether ``value`` is better than ``baseline`` in the metric's direction."""
    return value > baseline if higher_is_better else value < baseline


# Risk level from severity (rows) by likelihood (columns): the usual 4x3 risk matrix.
RISK_MATRIX: dict[Level, dict[Likelihood, Level]] = {
    "critical": {"low": "high", "medium": "critical", "high": "critical"},
    "high": {"low": "medium", "medium": "high", "high": "critical"},
    "medium": {"low": "low", "medium": "medium", "high": "high"},
    "low": {"low": "low", "medium": "low", "high": "medium"},
}

LEVEL_RANK: dict[str, int] = {"low": 1, "medium": 2, "high": 3, "critical": 4}


def risk_level(severity: Level | None, likelihood: Likelihood | None) -> Level | None:
    """The risk level for severity x likelihood, or None when either is unknown."""
    if severity is None or likelihood is None:
        return None
    return RISK_MATRIX[severity][likelihood]


def risk_score(severity: Level | None, likelihood: Likelihood | None) -> int:
    """Severity rank times likelihood rank (0 when unknown), for ordering risks."""
    if severity is None or likelihood is None:
        return 0
    return LEVEL_RANK[severity] * LEVEL_RANK[likelihood]
