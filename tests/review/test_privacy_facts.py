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


@pytest.mark.parametrize("text", [
    # a retention period on named data, however the sentence is built
    "Booking recordings are kept 21 days on the kiosk, then overwritten.",
    "Caller audio is stored in the harbour archive for 6 months.",
    "The kiosk stores caller audio and transcripts for 14 days for quality checks.",
])
def test_a_retention_period_on_named_data_is_a_control(text: str) -> None:
    assert privacy_grade(text, False) == "controls"


def test_something_kept_running_is_no_retention_of_data() -> None:
    # the old model kept warm names no data handling, only a way back
    assert privacy_grade("Old model kept warm for 60 days; booking records unchanged.",
                         False) != "controls"


@pytest.mark.parametrize("text", [
    # who someone is: a title, a team, a name's affiliation
    "Role: Data Protection Lead; Name: Ines Varga; Date: 3 May 2026",
    "Present: Tom Reyes (Harbour IT), Ana Ruiz (Platform Security), Jo Park (Operations)",
    "Head of Information Security: Omar Vale",
])
def test_privacy_named_only_in_a_title_is_no_statement(text: str) -> None:
    assert privacy_grade(text, False) is None


def test_privacy_named_beside_a_title_is_still_a_claim() -> None:
    assert privacy_grade("The Data Protection Lead says privacy is handled as usual.",
                         False) == "claim"


@pytest.mark.parametrize("text", [
    # a review known only by its reference: privacy touched, nothing shown
    "Linked records: change CHG-88, DPIA-2026-014, test plan TP-3",
    "No change to the data flows (DPIA ref HB-DPIA-07 unchanged).",
])
def test_a_review_named_by_its_reference_is_a_claim(text: str) -> None:
    assert privacy_grade(text, False) == "claim"
