"""People acting on the system's output read from the sentence's subject
(review/facts/acting.py): a brief but real mention of human review is weak, not missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.review.facts.acting import acts_on_output
from dcrdraft.review.facts.people import readiness_grade
from tests.review.reviewing import review, status


@pytest.mark.parametrize("text", [
    # the decision kept by people, whatever their role is called
    "Mitigation: farriers retain the final decision on every shoeing plan.",
    "The vet makes the treatment decision.",
    "Mitigation: wardens can apply their own judgement on race days.",
    # the output set aside as people do in use
    "Lock-keepers can skip any suggested sluice setting on the panel.",
    # a review of every case standing as a rule
    "Curator review is still required for every caption.",
    "A mandatory proofreader check applies to the weekend edition.",
    # one person by role checking each case
    "The depot dispatcher approves each timetable as now.",
    "A qualified glazier confirms the measurements before any order is cut.",
])
def test_someone_acting_on_the_output_is_read(text: str) -> None:
    assert acts_on_output(text)
    assert readiness_grade(text, False) == "oversight"


@pytest.mark.parametrize("text", [
    # the system as the subject, a negation, or people the system helps to decide
    "The ranker makes the final decision on each listing.",
    "The kiln planner is a scheduling aid and does not make decisions about staff.",
    "Tidewatch helps harbour masters make better berth decisions.",
    # a decision about the system itself is governance, not review of its cases
    "The steering group will make the launch decision in May.",
    # a plural noun is no person checking ("the weekly checks before each release")
    "The weekly checks before each release cover latency only.",
    # a review of every version of the system is its governance
    "Quarterly review of all models by the risk office.",
])
def test_the_system_or_governance_is_not_someone_acting_on_the_output(text: str) -> None:
    assert not acts_on_output(text)


def test_a_single_line_of_human_review_is_weak_not_missing(tmp_path: Path) -> None:
    body = "# Notes\n\nThe glazing planner proposes cut lists for the night shift.\n\n"
    before = status(review(tmp_path, body), "C14")
    after = status(review(tmp_path, body + "Foremen can skip any proposed cut list.\n"), "C14")
    assert (before, after) == ("missing", "weak")
