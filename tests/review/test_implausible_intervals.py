"""An interval that cannot be its estimate's 95% interval (it leaves the estimate out, or is
far narrower than a percentage on its n allows) does not quantify uncertainty: C06 is weak
unless another interval of the document is plausible."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document
from dcrdraft.review.facts.intervals import implausible, intervals

RUBRIC = load_rubric()


def _c06(text: str) -> str:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return next(i.status for i in report.checklist if i.code == "C06")


@pytest.mark.parametrize("text", [
    # 0.4 points wide on 600 tenancies: a Wilson interval is about 6 points wide
    "# Results\n\nArrears flagged early: 71.3% of 600 tenancies (95% CI 71.1–71.5%).\n",
    "# Results\n\nPlots classified correctly: 88.0% (95% CI 89.2%–93.0%).\n",
    "# Results\n\nMeasure: Lots priced within the band (n = 1,250); Result: 64.0% (95% CI"
    " 63.9–64.1%)\n",
])
def test_an_implausible_interval_is_weak(text: str) -> None:
    assert _c06(text) == "weak"


@pytest.mark.parametrize("text", [
    "# Results\n\nArrears flagged early: 71.3% of 600 tenancies (95% CI 67.6–74.8%).\n",
    # a difference in points: no sample size of the sentence bounds its width
    "# Results\n\nLate lorries: 9.1% against 12.0% on 4,800 trips; difference 2.9 points"
    " (95% CI 2.8 to 3.0).\n",
    "# Results\n\nArrears flagged early: 71.3% (95% CI 71.2–71.4%).\n\nMissed arrears: 6.0% of"
    " 900 tenancies (95% CI 4.6–7.7%).\n",
])
def test_a_plausible_interval_passes(text: str) -> None:
    assert _c06(text) == "pass"


def test_a_span_of_years_is_no_interval() -> None:
    assert intervals("Agreement 74% (2019–2023 seasons).") == []


def test_an_interval_too_narrow_for_its_n() -> None:
    [iv] = intervals("Caught 80.0% of 1,000 parcels (95% CI 79.9–80.1%).")
    assert iv.n == 1000 and implausible(iv)


def _x08(text: str) -> list[str]:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return [f.message for f in report.findings if f.code == "X08"]


@pytest.mark.parametrize("text", [
    # C06 and X08 read one interval reader: the interval named inside its brackets counts
    "# Results\n\nKilns flagged before a crack: 62.5% of 480 cases (95% CI 62.4–62.6%).\n",
    "# Results\n\nKilns flagged before a crack: 62.5% on 480 cases, 95% CI [66.0%, 70.0%].\n",
    "# Results\n\nKilns flagged before a crack: 62.5% ± 0.1 points on 480 cases.\n",
])
def test_x08_flags_an_interval_c06_finds_implausible(text: str) -> None:
    assert len(_x08(text)) == 1


@pytest.mark.parametrize("text", [
    # wider than Wilson: clustered kilns or a bootstrap over plants honestly widen it
    "# Results\n\nKilns flagged before a crack: 62.5% on 480 cases (95% CI 50.0–75.0%).\n",
    # too few cases to judge any interval's width
    "# Results\n\nKilns flagged before a crack: 62.5% on 24 cases (95% CI 62.0–63.0%).\n",
    # two sample sizes: the interval could belong to either
    "# Results\n\nFlagged: 62.5% on 480 cases of 900 cases (95% CI 62.4–62.6%).\n",
])
def test_x08_stays_quiet_where_the_width_proves_nothing(text: str) -> None:
    assert _x08(text) == []


def test_x08_pairs_a_table_interval_with_its_count_column() -> None:
    table = ("# Results\n\n| Depot | Late trips (n) | On-time share (95% CI) | Early trips (n) |"
             " Early share (95% CI) |\n|---|---|---|---|---|\n"
             "| North | 64 | {share} | 410 | 71.0% (66.4–75.2) |\n")
    [message] = _x08(table.format(share="81.3% (80.9–81.7)"))
    assert "n=64" in message  # the count to its left, not the other column's 410
    assert _x08(table.format(share="81.3% (70.1–89.0)")) == []


def test_a_rubric_may_still_bound_how_wide_an_interval_is(tmp_path: Path) -> None:
    # X08 once took `high: 2.0` by default; a rubric written then keeps working and keeps
    # flagging wide intervals, while the built-in rule leaves them alone
    extra = tmp_path / "r.yaml"
    extra.write_text("rules:\n  - code: X08\n    params: {low: 0.5, high: 2.0}\n")
    text = "# Results\n\nKilns flagged before a crack: 62.5% on 480 cases (95% CI 50.0–75.0%).\n"
    wide = review_document(read_text(text, "<doc>", "markdown"), load_rubric([extra]))
    assert [f.code for f in wide.findings if f.code == "X08"] == ["X08"]
    assert _x08(text) == []
