"""A sample size alone makes uncertainty weak (C06), but only a count of evaluated cases: a
year ("the 2025 intake"), a digit of a product's name ("Plan-2 ranks offers") or a handful of
cases is no sample size."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document

RUBRIC = load_rubric()


def _c06(text: str) -> str:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return next(i.status for i in report.checklist if i.code == "C06")


@pytest.mark.parametrize("text", [
    "# Evaluation\n\nWe tested the ranker on 3,200 orders from the spring season.\n",
    "# Evaluation\n\nAccuracy 91% (n = 1,450 letters).\n",
    "# Evaluation\n\nTested on 2,000 invoices from 2024 suppliers.\n",
])
def test_a_sample_size_alone_is_weak(text: str) -> None:
    assert _c06(text) == "weak"


@pytest.mark.parametrize("text", [
    "# Evaluation\n\nIn the 2025 intake applications were trialled with the new form.\n",
    "# Evaluation\n\nPlan-2 ranks applications for the lending desk; we tested it in a pilot.\n",
])
def test_a_year_or_a_name_is_no_sample_size(text: str) -> None:
    assert _c06(text) == "missing"


@pytest.mark.parametrize("text", [
    "# Notes\n\nHold-out of 5,300 bookings from the autumn, none used to fit the model.\n",
    "# Notes\n\nValidation: 640 kennel records from two shelters, read by the shelter vet.\n",
])
def test_a_sample_named_by_its_design_is_weak(text: str) -> None:
    assert _c06(text) == "weak"


@pytest.mark.parametrize("text", [
    "# Trial\n\nWe trialled the kiln scheduler in 16 potteries over the spring.\n",
    "# Why\n\nReplayed the 230 merged CLs from the last quarter through the new linter.\n",
    "# Results\n\nMeasured on our 180-recipe regression set before release.\n",
])
def test_a_small_count_or_a_counted_set_that_was_tested_is_a_sample_size(text: str) -> None:
    assert _c06(text) == "weak"


@pytest.mark.parametrize("text", [
    "# Trial\n\nThe scheduler was trialled for 16 weeks in one pottery.\n",
    "# Trial\n\nA 10-week pilot of the scheduler in one pottery.\n",
    "# Trial\n\nThe scheduler is piloted for the 2026–27 firing season.\n",
])
def test_a_duration_or_a_year_range_is_no_sample_size(text: str) -> None:
    assert _c06(text) == "missing"
