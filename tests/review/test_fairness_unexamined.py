"""C15 reads a statement that results were not looked at by group of people as the weak
fairness item the conventions describe ("explicitly not assessed"), whatever words it uses,
and a content-free fairness claim as the topic touched even beside other fairness text."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document
from dcrdraft.review.facts.governance import fairness_grade


def _status(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C15")


@pytest.mark.parametrize("text", [
    "The depot has not checked if specific groups of riders wait longer for a van.",
    "No comparison between tenant groups was made, since the landlord holds no tenant data.",
    "There is no review of outcomes by claimant group.",
    "The lender has not analysed approval rates by the age or sex of the applicant.",
    "I haven't done anything on equality monitoring yet.",
])
def test_results_not_looked_at_by_group_are_graded(text: str) -> None:
    assert fairness_grade(text, False) == "not_by_group"


@pytest.mark.parametrize("text", [
    "The depot has not yet tested the rollback script.",
    "No monitoring dashboard has been built for the kiln sensors.",
    "The steering group met on 3 May and approved the pilot.",
])
def test_an_absence_about_no_group_of_people_is_no_fairness_statement(text: str) -> None:
    assert fairness_grade(text, False) is None


def test_a_paragraph_gap_elsewhere_is_no_group_left_unexamined() -> None:
    # the absence ("not yet") and the groups sit in different sentences
    text = ("Accuracy holds across age groups and both depots. The dashboard is not yet built.")
    assert fairness_grade(text, False) != "not_by_group"


def test_not_looked_at_by_group_is_weak_not_missing(tmp_path: Path) -> None:
    doc = ("# People\n\nDelivery times have not been compared across different groups of "
           "customers; the first quarterly review will do it.\n")
    assert _status(tmp_path, doc) == "weak"
    assert _status(tmp_path, "# Fairness\n\nWe have not assessed fairness.\n") == "weak"


def test_a_fairness_claim_counts_beside_other_fairness_text(tmp_path: Path) -> None:
    doc = ("# Summary\n\n| Area | Rating |\n|---|---|\n| Fairness | Green |\n\n"
           "# Equity and inclusion\n\nThe council values inclusion in all its services. "
           "The vendor says its model was trained on diverse data, which ensures fair "
           "outcomes for every household.\n")
    assert _status(tmp_path, doc) == "weak"


def test_results_for_two_language_groups_touch_fairness(tmp_path: Path) -> None:
    rows = ("# Results by language\n\n| Language | Orders | Correct |\n|---|---|---|\n"
            "| Welsh | 300 | 91% |\n| Gaelic | 120 | 84% |\n")
    assert _status(tmp_path, rows) == "weak"
    pair = "# Pilot\n\nFrench-language forms were read right in 88% of cases against 93% for Dutch.\n"
    assert _status(tmp_path, pair) == "weak"


def test_one_language_figure_or_a_plain_language_note_is_no_group_result(
        tmp_path: Path) -> None:
    one = "# Pilot\n\nFrench-language forms were read right in 88% of cases.\n"
    assert _status(tmp_path, one) == "missing"
    plain = ("# Notes\n\nThe plain-language summary scored 71% on the reading test. The "
             "plain-language letter scored 64%.\n")
    assert _status(tmp_path, plain) == "missing"
