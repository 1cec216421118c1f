"""Statistics against independent implementations (scipy)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from scipy import stats as sps

from dcrdraft.analysis import stats


def _reference(k: int, n: int) -> tuple[float, float]:
    """scipy's Wilson score interval (no continuity correction) for k successes of n."""
    ci = sps.binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return ci.low, ci.high


@pytest.mark.parametrize(
    ("k", "n"),
    [(374, 420), (1032, 1200), (1974, 2100), (0, 10), (10, 10), (1, 2), (0, 1),
     (1, 1), (10, 420), (5, 5), (2, 3), (4, 5)],
)
def test_wilson_matches_scipy(k: int, n: int) -> None:
    low, high = stats.wilson_interval(k / n, n)
    ref_low, ref_high = _reference(k, n)
    assert low == pytest.approx(ref_low, abs=1e-12)
    assert high == pytest.approx(ref_high, abs=1e-12)


@given(st.integers(1, 10**6).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_property(kn: tuple[int, int]) -> None:
    k, n = kn
    p = k / n
    low, high = stats.wilson_interval(p, n)
    ref_low, ref_high = _reference(k, n)
    assert 0.0 <= low <= p <= high <= 1.0
    assert math.isclose(low, max(0.0, ref_low), abs_tol=1e-9)
    assert math.isclose(high, min(1.0, ref_high), abs_tol=1e-9)


@given(st.floats(0, 1), st.integers(1, 10**6))
def test_wilson_contains_any_proportion(p: float, n: int) -> None:
    low, high = stats.wilson_interval(p, n)
    assert 0.0 <= low <= p <= high <= 1.0


def test_z_is_the_95_quantile() -> None:
    assert stats.Z95 == pytest.approx(sps.norm.ppf(0.975), abs=1e-12)


def test_wilson_rejects_bad_n_and_p() -> None:
    with pytest.raises(ValueError):
        stats.wilson_interval(0.5, 0)
    with pytest.raises(ValueError):
        stats.wilson_interval(1.5, 10)


def test_interval_narrows_with_n() -> None:
    small = stats.wilson_interval(0.9, 20)
    large = stats.wilson_interval(0.9, 2000)
    assert small[1] - small[0] > large[1] - large[0]


def test_status_honours_direction() -> None:
    assert stats.status(0.89, 0.85) == "PASS"
    assert stats.status(0.84, 0.85) == "FAIL"
    assert stats.status(0.85, 0.85) == "PASS"  # at the threshold meets it
    # Error rates: lower is better.
    assert stats.status(0.023, 0.03, higher_is_better=False) == "PASS"
    assert stats.status(0.04, 0.03, higher_is_better=False) == "FAIL"


def test_delta_points() -> None:
    assert stats.delta_points(0.89, 0.76) == pytest.approx(13.0)
    assert stats.delta_points(0.86, 0.88) == pytest.approx(-2.0)


@pytest.mark.parametrize(
    ("sev", "lik", "level"),
    [("critical", "medium", "critical"), ("high", "medium", "high"),
     ("medium", "high", "high"), ("low", "low", "low"), ("medium", "medium", "medium"),
     ("critical", "low", "high"), (None, "low", None)],
)
def test_risk_level(sev: str | None, lik: str | None, level: str | None) -> None:
    assert stats.risk_level(sev, lik) == level  # type: ignore[arg-type]


def test_risk_score_orders_by_severity_times_likelihood() -> None:
    assert stats.risk_score("critical", "medium") > stats.risk_score("medium", "medium")
    assert stats.risk_score(None, "high") == 0
