"""A result given with the count it was measured on is a headline figure (C03) whatever words
name its measure: "matched the clerk's code in 88% of forms (176 of 200)", "the planner kept
the suggestion for 64 of them (80%)"."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document

RUBRIC = load_rubric()


def _c03(text: str) -> str:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return next(i.status for i in report.checklist if i.code == "C03")


@pytest.mark.parametrize("text", [
    "Trial note\n\nOver the spring the tool's code matched the clerk's code in 88% of forms (176"
    " of 200).\n",
    "Trial note\n\nThe tool suggested 80 reorders in March; the planner kept the suggestion for 64"
    " of them (80%).\n",
])
def test_a_counted_result_is_a_headline(text: str) -> None:
    assert _c03(text) == "pass"


def test_a_counted_alert_level_is_no_result() -> None:
    text = ("# Rollback\n\nWe switch the tool off if the planner rejects 20 of them (25%) in a"
            " week.\n")
    assert _c03(text) == "missing"
