"""Statistics against what they are defined to be: the Wilson interval's bounds are the
proportions at which the score test's statistic equals the normal quantile, and four of them
are printed in Newcombe (1998), "Two-sided confidence intervals for the single proportion",
Statistics in Medicine 17:857-872, table II, method 3."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dcrdraft.analysis import stats

Z = NormalDist().inv_cdf(0.975)
"""The 95% two-sided normal quantile, from the standard library, not from ``stats``."""


def _score(p_hat: float, p0: float, n: int) -> float:
    """The score test's statistic for observing ``p_hat`` on ``n`` trials if the true
    proportion were ``p0``: Wilson's bounds are where it is +Z (lower) and -Z (upper)."""
    return (p_hat - p0) / math.sqrt(p0 * (1 - p0) / n)


@pytest.mark.parametrize(("k", "n", "low", "high"), [
    (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_matches_newcombes_table(k: int, n: int, low: float, high: float) -> None:
    got = stats.wilson_interval(k / n, n)
    assert (round(got[0], 4), round(got[1], 4)) == (low, high)


@pytest.mark.parametrize(
    ("k", "n"),
    [(374, 420), (1032, 1200), (1974, 2100), (0, 10), (10, 10), (1, 2), (0, 1),
     (1, 1), (10, 420), (5, 5), (2, 3), (4, 5)],
)
def test_wilson_bounds_are_where_the_score_statistic_is_z(k: int, n: int) -> None:
    _check_bounds(k, n)


@given(st.integers(1, 10**6).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_wilson_property(kn: tuple[int, int]) -> None:
    _check_bounds(*kn)


def _check_bounds(k: int, n: int) -> None:
    """Each bound is an endpoint of [0, 1] exactly when the estimate is (k = 0 or k = n),
    and otherwise solves the score equation; the estimate lies between them."""
    p = k / n
    low, high = stats.wilson_interval(p, n)
    assert 0.0 <= low <= p <= high <= 1.0
    if k == 0:
        assert low == 0.0
    else:
        assert 0.0 < low < p
        assert math.isclose(_score(p, low, n), Z, rel_tol=1e-7)
    if k == n:
        assert high == 1.0
    else:
        assert p < high < 1.0
        assert math.isclose(_score(p, high, n), -Z, rel_tol=1e-7)


@given(st.floats(0, 1), st.integers(1, 10**6))
def test_wilson_contains_any_proportion(p: float, n: int) -> None:
    low, high = stats.wilson_interval(p, n)
    assert 0.0 <= low <= p <= high <= 1.0


def test_z_is_the_95_quantile() -> None:
    assert stats.Z95 == pytest.approx(Z, abs=1e-12)


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
