"""User documentation known by its audience (checklist item 19): a guide, note or briefing
named after the people it is for, or a statement that they are told, is documentation
touched; it is complete only when it says what the system gets wrong or what to do then."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document
from dcrdraft.review.facts.governance import docs_grade


@pytest.mark.parametrize(("text", "grade"), [
    # named by its audience, before or after the kind of document
    ("Inspector guidance on the lane counter: draft v0.2, out for comment.", "pending"),
    ("A one-page quick guide for ferry passengers goes out with the May roster.", "mentioned"),
    ("Members are told at the poolside briefing that lane counts can drift.", "mentioned"),
    ("Technicians get a laminated card on what the berth sensor cannot see in fog.", "published"),
    ("Visitor-facing information sits beside every kiosk.", "mentioned"),
    # a date says when it went out, not what it tells its readers
    ("Drivers received a pocket card, version 2, on 3 May.", "mentioned"),
])
def test_documentation_named_by_its_audience_is_graded(text: str, grade: str) -> None:
    assert docs_grade(text, False) == grade


@pytest.mark.parametrize("text", [
    "A notice of loss from the owner opens every marine claim.",  # a notification, no document
    "Deckhand training and comms are complete.",                  # training named, not a guide
    "The harbour authority publishes its guidance every spring.",  # no audience named
])
def test_other_guides_and_notices_are_not_user_documentation(text: str) -> None:
    assert docs_grade(text, False) is None


def test_a_draft_guide_for_the_people_who_use_it_is_weak_not_missing(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text("# Go-live\n\nThe berth planner proposes a quay for each arriving ferry.\n\n"
                    "Harbour officer guidance on reading the proposals: draft v0.3, due 12 May.\n",
                    encoding="utf-8")
    report = review_document(read_document(path))
    assert next(c.status for c in report.checklist if c.code == "C19") == "weak"


def _c19(tmp_path: Path, scope: str) -> str:
    path = tmp_path / "card.md"
    path.write_text("# Orchard frost predictor\n\n## Intended use\n\nThe predictor tells growers "
                    "which blocks need frost fans switched on tonight.\n\n" + scope + "\n",
                    encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C19")


def test_an_intended_use_that_names_what_is_excluded_is_a_limitations_note(tmp_path: Path) -> None:
    # where not to rely on it is what its users are told: touched, not complete
    assert _c19(tmp_path, "Out of scope: vineyards on the valley floor; hail warnings.") == "weak"


def test_an_exclusion_of_nothing_in_particular_is_no_limitations_note(tmp_path: Path) -> None:
    assert _c19(tmp_path, "Out of scope: every use other than the stated purpose.") == \
        "missing"


@pytest.mark.parametrize("text", [
    # the records an auditor reads, or a vendor supplies, are not what users are told
    "Fieldwork covered walkthroughs and a review of supporting documentation for the kiln model.",
    "Finding 2: vendor documentation lists the firmware versions in two places.",
    # a questionnaire asks about documentation; the answer, if any, says whether there is some
    "What documentation do you give the warehouse pickers?",
])
def test_documentation_kept_as_records_or_asked_about_is_not_user_documentation(text: str) -> None:
    assert docs_grade(text, False) is None


def test_documentation_for_its_readers_is_still_mentioned() -> None:
    assert docs_grade("Documentation for the pickers explains the new bay labels.", False) \
        is not None


@pytest.mark.parametrize("text", [
    "The help page explaining what the scanner cannot read goes live on the portal at launch.",
    "Cashier guide drafted (it says what the till assistant cannot price and how to call "
    "a supervisor).",
    "The member FAQ describing how to appeal a price is published before switch-on.",
])
def test_documentation_that_goes_out_only_at_launch_is_pending(text: str) -> None:
    assert docs_grade(text, False) == "pending"


_NOTES = ("# Loom tension monitor 4.2 — release notes\n\n## What changed\n\n"
          "- The model now reads the weft sensor every 50 ms (was 200 ms).\n\n"
          "## Known issues\n\n- Tension on silk warps is read about 4% high; weavers should "
          "check the first metre by hand.\n")


def _notes_c19(tmp_path: Path, text: str) -> str:
    path = tmp_path / "notes.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C19")


def test_release_notes_listing_known_issues_are_a_limitations_note(tmp_path: Path) -> None:
    # notes go to the people who run the product: their known issues tell users its limits
    assert _notes_c19(tmp_path, _NOTES) == "weak"


def test_release_notes_that_say_how_to_report_a_problem_are_complete(tmp_path: Path) -> None:
    route = "\n## If something looks wrong\n\nReport a bad reading with the Flag button.\n"
    assert _notes_c19(tmp_path, _NOTES + route) == "pass"


def test_release_notes_of_content_free_claims_are_not_completed_by_a_contact(
        tmp_path: Path) -> None:
    claims = ("\n## Quality\n\nThe monitor is validated at scale with statistically robust "
              "gains.\n\nBuilt on diverse data, it ensures fair outcomes for every mill.\n\n"
              "If a reading looks wrong, contact the loom team.\n")
    assert _notes_c19(tmp_path, _NOTES + claims) == "weak"


_FAQ = ("# Allotment waiting list: FAQ for applicants\n\n**How is my place decided?**\n\n"
        "Software ranks applications by distance and waiting time; an officer checks each "
        "offer.\n\n")


@pytest.mark.parametrize(("route", "status"), [
    # a way to contest an output when it is wrong: what users need beside the limits
    ("If you think your ranking is wrong, email plots@example.org.\n", "pass"),
    ("You can appeal an offer decision to the allotments committee.\n", "pass"),
    # a way to get in touch, about nothing in particular
    ("Questions? Contact the allotments office on 0100 000 000.\n", "weak"),
])
def test_a_page_for_users_is_complete_when_it_says_how_to_contest(
        tmp_path: Path, route: str, status: str) -> None:
    assert _notes_c19(tmp_path, _FAQ + route) == status


@pytest.mark.parametrize("text", [
    # a kind of document, issued, saying the limits or what to do: whoever reads it
    "The kiln SOP v4 was issued in March and states that the controller cannot see "
    "cracked shelves.",
    "Laminated help cards went out to every depot in May. They explain what the sorter "
    "cannot read and how to flag a lane it got wrong.",
])
def test_an_issued_document_that_says_its_limits_is_complete(text: str) -> None:
    assert docs_grade(text, False) == "published"


@pytest.mark.parametrize("text", [
    # a task, not a document issued; a noun that only looks like a verb
    "Action: the depot to amend its SOP to state the sorter's blind spots.",
    "The SOP was checked against the sea state logs; errors were rare.",
])
def test_a_document_only_to_be_changed_is_not_shown_complete(text: str) -> None:
    assert docs_grade(text, False) != "published"


@pytest.mark.parametrize("text", [
    # a form's field answered for the reviewers
    "Known limitations: the counter misreads tickets left out in the rain.",
    "Q4. Known limitations? Slow on scans of folded tickets.",
])
def test_limitations_in_a_forms_field_are_not_user_documentation(text: str) -> None:
    assert docs_grade(text, False) is None


@pytest.mark.parametrize("text", [
    # addressed to users, or a page that holds them
    "Known limitations: users should not rely on the counter in heavy rain.",
    "The help page published in May lists the known limitations of the counter.",
])
def test_limitations_told_to_users_still_count(text: str) -> None:
    assert docs_grade(text, False) is not None


@pytest.mark.parametrize("text", [
    # to be handed out, in draft, or said to be unfinished or to need changing
    "Ward clerks will receive the two-page bed-board guide on 9 June.",
    "The repairs web page on how tenants ask about a slot will go out on 2 July.",
    "A draft of the help page on what the meter reader cannot see is with the web team.",
    "Finding: driver guidance incomplete; it does not say when to override the route.",
    "The courier FAQ still says every parcel is scanned twice and will need an update.",
])
def test_documentation_not_yet_out_or_unfinished_is_pending(text: str) -> None:
    assert docs_grade(text, False) == "pending"
