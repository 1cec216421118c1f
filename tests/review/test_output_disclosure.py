"""A mark shown with the output telling its readers it is machine-made, or warning them,
is user documentation touched (checklist item 19, weak): users are told something, however
briefly. It names no limit and no recourse, so it never makes the item complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.review.facts.governance import docs_grade
from tests.review.reviewing import review, status


@pytest.mark.parametrize("text", [
    'Every recipe card the planner writes carries an "AI-suggested" badge in its corner.',
    'Quotes sent to growers end with the footer "Priced by an automated estimator; ask us why".',
    'Sommelier notes show the "Written with machine help from tasting data" label.',
    "The kiosk banner warns visitors that the wait estimate can be off at weekends.",
])
def test_a_mark_telling_readers_is_documentation_touched(text: str) -> None:
    assert docs_grade(text, False) == "mentioned"


@pytest.mark.parametrize("text", [
    "The AI model assigns each parcel a label from the carrier list.",  # a class, no mark shown
    "Pallets whose shipping label is torn go to the manual lane.",      # a physical label
    "Air freight labels are printed at the dock.",                      # "air" is no AI
])
def test_labels_that_tell_no_reader_are_not_documentation(text: str) -> None:
    assert docs_grade(text, False) is None


def test_a_disclosure_footer_lifts_item_19_from_missing_to_weak(tmp_path: Path) -> None:
    report = review(tmp_path, "# Pilot\n\nThe tutor drafts feedback on each essay for the "
                    "teacher.\n\nFeedback shown to pupils carries the footer \"Drafted by an AI "
                    "tutor\".\n")
    assert status(report, "C19") == "weak"
