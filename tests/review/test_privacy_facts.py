"""Privacy and security (checklist item 16): a review counts as done when the document shows
who carried it out, when or what it found; the team that keeps the review document ("held
by") shows none of that."""

from __future__ import annotations

import pytest

from dcrdraft.review.facts.governance import privacy_grade


def test_a_review_carried_out_by_a_named_team_is_shown() -> None:
    assert privacy_grade("The DPIA was carried out by Harbour Records.", False) == "review"


@pytest.mark.parametrize("text", [
    "Appendix D: DPIA (held by Harbour Records)",
    "The security review is kept by the Harbour IT desk; personal data is handled under our "
    "privacy policy.",
])
def test_a_review_in_a_teams_keeping_is_not_shown_done(text: str) -> None:
    assert privacy_grade(text, False) != "review"
