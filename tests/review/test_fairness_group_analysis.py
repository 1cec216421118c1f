"""C15 reads an analysis by a group of people named without its figures (planned, under way
or reported in words) as fairness touched, which the conventions call weak."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.review.facts.governance import fairness_grade
from tests.review.reviewing import review, status


def _status(tmp_path: Path, text: str) -> str:
    return status(review(tmp_path, text), "C15")


@pytest.mark.parametrize("text", [
    "A split of parcel wait times by age band is due at the June depot review.",
    "The age-band split of booking delays goes on the quarterly board report.",
    "Pooled ethnicity results for the screening clinics come to the panel in October.",
    "An equality impact assessment of the new bus timetable, covering riders with "
    "disabilities, is in progress.",
])
def test_an_analysis_by_group_without_figures_is_mentioned(text: str) -> None:
    assert fairness_grade(text, False) == "mentioned"


@pytest.mark.parametrize("text", [
    "Purge scan logs older than 30 days; the audit of the purge job runs monthly.",
    "Trial results (depot test line, 2 to 30 June, 1,200 scans from 640 parcels handled by "
    "the night shift, plus 300 more scanned by the yard team on volunteers matched by sex).",
    "The age-from-photo feature is one input; its analysis is in the appendix.",
])
def test_a_group_word_that_is_no_group_analysed_is_not_graded(text: str) -> None:
    assert fairness_grade(text, False) is None


def test_planned_group_analysis_makes_the_item_weak(tmp_path: Path) -> None:
    doc = ("# Notes\n\nThe kiosk answers questions about parking permits for residents.\n\n"
           "# Follow-up\n\nAn analysis of wait times by age band is under way for the board.\n")
    assert _status(tmp_path, doc) == "weak"

