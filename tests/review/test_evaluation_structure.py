"""Where the evaluation items are read from: a result or a breakdown counts wherever the
document can report results (a heading no section kind names included), and a claim that
results hold across parts of the population is a weak breakdown, whatever its wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.reviewing import review, status

LEAD = "# Overview\n\nThe sorter routes incoming letters to the right desk.\n\n"


def test_a_compared_headline_under_an_unnamed_heading_is_the_primary_metric(
        tmp_path: Path) -> None:
    report = review(tmp_path, LEAD + "# A month in the post room\n\n"
                    "| | Hand sorting (today) | Sorter |\n|---|---|---|\n"
                    "| Urgent letters spotted | 64% | 91% |\n")
    assert status(report, "C03") == "pass"


def test_a_breakdown_in_prose_under_an_unnamed_heading_passes(tmp_path: Path) -> None:
    report = review(tmp_path, LEAD + "# A month in the post room\n\nOn the night shift 88% of "
                    "letters went to the right desk, on the day shift 94%.\n")
    assert status(report, "C05") == "pass"


@pytest.mark.parametrize("claim", [
    "The sorter is robust across all shift types and weather conditions.",
    "Accuracy was consistent for every site we tried, large or small.",
    "Results hold regardless of language.",
])
def test_results_claimed_to_hold_across_segments_are_a_weak_breakdown(
        tmp_path: Path, claim: str) -> None:
    report = review(tmp_path, LEAD + "# Is it any good?\n\n" + claim + "\n")
    assert status(report, "C05") == "weak"


@pytest.mark.parametrize("said", [
    "The sorter was trained on letters from across all regions.",
    "We have not yet analysed results across age groups.",
    "The pilot was performed across all regions by the post room team.",
])
def test_training_data_negations_and_other_verbs_are_no_breakdown(
        tmp_path: Path, said: str) -> None:
    report = review(tmp_path, LEAD + "# Is it any good?\n\n" + said + "\n")
    assert status(report, "C05") == "missing"


@pytest.mark.parametrize("said", [
    "The sorter spotted 35 of 38 misaddressed parcels (92.1%).",
    "Parcels rerouted: 88% (36/41).",
])
def test_a_result_with_its_count_states_a_sample_size(tmp_path: Path, said: str) -> None:
    report = review(tmp_path, LEAD + "# Notes from the depot\n\n" + said + "\n")
    assert status(report, "C06") == "weak"


def test_a_count_larger_than_its_total_is_no_sample(tmp_path: Path) -> None:
    report = review(tmp_path, LEAD + "# Notes from the depot\n\nWe moved 50 of 12 bins (40%).\n")
    assert status(report, "C06") == "missing"
