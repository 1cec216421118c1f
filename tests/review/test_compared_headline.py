"""A result set against a comparator figure is a primary metric (C03) whatever words name its
measure: a document that reports "glaze faults 2.1% against 3.4% on the control kilns" leads
with that figure, though "glaze faults" is no listed metric word."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document

RUBRIC = load_rubric()


def _status(text: str, code: str) -> str:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return next(i.status for i in report.checklist if i.code == code)


@pytest.mark.parametrize("text", [
    "# Kiln trial\n\nCracked pots fell from 6.2% to 3.9% of firings against the eight weeks "
    "before.\n",
    "# Summary\n\n- kiln loads on time 93% vs 81% on the control kilns\n",
    "# Pilot\n\n- glaze faults 2.1% vs 3.4% on the control kilns\n",
])
def test_a_compared_result_is_the_primary_metric(text: str) -> None:
    assert _status(text, "C04") == "pass"
    assert _status(text, "C03") == "pass"


@pytest.mark.parametrize("text", [
    "# Evaluation\n\nThe kiln planner performs well on accuracy.\n",
    "# Evaluation\n\nThe planner was compared with the old rota and teams liked it.\n",
])
def test_without_a_compared_figure_nothing_changes(text: str) -> None:
    assert _status(text, "C03") != "pass"
