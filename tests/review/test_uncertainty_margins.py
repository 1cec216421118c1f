"""A ± quantifies uncertainty (C06) only beside its estimate or in a sentence that names an
interval; a ± that defines a measure or a trigger is a tolerance ("within ±5 minutes of the
timetable", "rolls back if the mix moves by more than ±2 points")."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document

RUBRIC = load_rubric()


def _c06(text: str) -> str:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return next(i.status for i in report.checklist if i.code == "C06")


@pytest.mark.parametrize("text", [
    "# Results\n\nArrivals predicted within ±5 minutes of the timetable: 84% of buses.\n",
    "# Results\n\n| Gate | Target | Result |\n|---|---|---|\n| Ferry arrivals within ±3 min | ≥ 80% |"
    " 86% |\n",
    "# Rollback\n\nWe switch back if the share of rerouted lorries moves by more than ±2 points"
    " in a week.\n",
])
def test_a_tolerance_is_no_interval(text: str) -> None:
    assert _c06(text) == "missing"


@pytest.mark.parametrize("text", [
    "# Results\n\nOn-time prediction rate 0.84 ± 0.02 across the depots.\n",
    "# Results\n\nThe bootstrap intervals are wide for the night routes: ±0.06, and ±0.02 for day"
    " routes.\n",
    "# Results\n\nPunctuality 84% (95% CI 81%–87%) against 78% for the timetable.\n",
])
def test_a_margin_beside_its_estimate_passes(text: str) -> None:
    assert _c06(text) == "pass"
