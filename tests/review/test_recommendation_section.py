"""A recommendation section that states no decision still touches the recommendation
(review/facts/decision.py): the guide's item 20 is weak there, not missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.review.reviewing import review, status


def _c20(tmp_path: Path, text: str) -> str:
    return status(review(tmp_path, text), "C20")


BODY = "# Overview\n\nThe kiln scheduler plans firing slots for the pottery studio.\n\n"


@pytest.mark.parametrize("section", [
    "# Recommendation\n\nThe studio board should note the steady firing results so far.\n",
    "# Conclusion\n\nThe scheduler looks well suited to the studio's needs and a good fit.\n",
])
def test_a_recommendation_section_without_a_decision_is_weak(tmp_path: Path,
                                                             section: str) -> None:
    assert _c20(tmp_path, BODY) == "missing"
    assert _c20(tmp_path, BODY + section) == "weak"


@pytest.mark.parametrize("section", [
    # a template's list of options, or a placeholder, says nothing yet
    "# Recommendation\n\nRecommendation: [approve / approve with conditions / disapprove]\n",
    "# Recommendation\n\nTBD.\n",
])
def test_a_template_recommendation_stays_missing(tmp_path: Path, section: str) -> None:
    assert _c20(tmp_path, BODY + section) == "missing"
