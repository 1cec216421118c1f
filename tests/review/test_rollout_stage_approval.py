"""An approval of a stage of the rollout (a pilot, production, a share of traffic) is the
deployment decision taken (review/facts/decision.py, vocabulary decision_approved)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.reviewing import review, status


def _c20(tmp_path: Path, text: str) -> str:
    return status(review(tmp_path, text), "C20")


BODY = "# Overview\n\nThe fare engine sets off-peak prices for the tram network.\n\n"


@pytest.mark.parametrize("line", [
    "Numbers look right to me. Approved for prod.\n",
    "Pricing panel decision: approved for a 3-month pilot on two lines.\n",
    "On 4 June the pricing panel approved the 25% step.\n",
    "They approved 10% of traffic, with a review after two weeks.\n",
])
def test_a_rollout_stage_approved_is_a_decision(tmp_path: Path, line: str) -> None:
    assert _c20(tmp_path, BODY + line) == "pass"


@pytest.mark.parametrize("line", [
    # a study's protocol, or a stage still to be approved, decides no deployment
    "The ethics panel approved the pilot study protocol.\n",
    "The pricing panel will approve the 25% step in June.\n",
])
def test_a_protocol_or_a_stage_to_come_is_no_decision(tmp_path: Path, line: str) -> None:
    assert _c20(tmp_path, BODY + line) != "pass"
