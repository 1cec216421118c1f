"""Approval steps named by role or body, with no named and dated approver
(review/facts/accountable.py): stakeholder sign-off is weak there, not missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.reviewing import review, status


def _c18(tmp_path: Path, text: str) -> str:
    return status(review(tmp_path, text), "C18")


BODY = "# Overview\n\nThe tide planner proposes berth slots for the ferry terminal.\n\n"


@pytest.mark.parametrize("line", [
    "Reviewed by: Harbour Master; Head of Marine Safety\n",
    "- Accountable: Terminal Operations Director\n",
    "Executive sponsor: Priya Lomas, Head of Ferry Services\n",
    "The port steering group has reviewed and endorsed the planner for the summer timetable.\n",
    "The planner was reviewed by the relevant stakeholders before the trial.\n",
    # an approval on record with its date, no approver named beside it
    "The timetable change was agreed at the network steering group on 16 June.\n",
    "Marine validation (ref MV-12, 14 Aug): approved with conditions\n",
])
def test_an_approval_step_named_by_role_or_body_is_weak(tmp_path: Path, line: str) -> None:
    assert _c18(tmp_path, BODY) == "missing"
    assert _c18(tmp_path, BODY + line) == "weak"


@pytest.mark.parametrize("line", [
    # a blank or placeholder value, and an approval still to come, name no step taken
    "Reviewed by: [Name]\n",
    "Executive sponsor: TBD\n",
    "The planner will be reviewed by the port steering group in June.\n",
    "The berth change needs to be agreed by 30 June.\n",
    # who maintains a model is not who clears it
    "Owner: Marine Data Science team\n",
])
def test_a_gap_or_an_approval_to_come_names_no_step(tmp_path: Path, line: str) -> None:
    assert _c18(tmp_path, BODY + line) == "missing"
