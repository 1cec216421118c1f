"""People and governance facts (review/facts/people.py, governance.py): each statement graded
once, with its line, and the items C14, C15, C16 and C19 judged as predicates over the grades."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review.absence import negated
from dcrdraft.review import review_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts.governance import docs_grade, fairness_grade, privacy_grade
from dcrdraft.review.facts.people import readiness_facts, readiness_grade


def _status(tmp_path: Path, text: str, code: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == code)


@pytest.mark.parametrize(("text", "grade"), [
    ("Six nurses are rostered 24/7 from launch day.", "ready"),
    ("The moderators completed the queue training on 3 March.", "ready"),
    ("The moderators are trained.", "ready_unquantified"),
    ("Agents will be trained before the pilot starts.", "planned"),
    ("Complex cases go to human review.", "oversight"),
    ("The model was trained on 2 million support tickets.", None),
])
def test_readiness_grades(text: str, grade: str | None) -> None:
    assert readiness_grade(text, False) == grade


@pytest.mark.parametrize(("text", "grade"), [
    # a step only people take names people, whatever their role is called
    ("All seven harbour pilots completed the berth-planner course in June 2026.", "ready"),
    ("Bakery counter staff at the four branches will get a 20-minute briefing in May.",
     "planned"),
    ("Ferry deckhands: e-learning module due 14 Jun, 2 sessions per port.", "planned"),
    # ... but with nothing to check it by, or dated only by the message it sits in, it is weak
    ("Depot crews had a toolbox talk on the new alerts.", "oversight"),
    ("[2026-05-04 08:12] Lee: the night porters had the refresher last week.", "oversight"),
    # a generic promise of training, or a briefing that is a paper for a board, is none
    ("Branch tellers will receive appropriate training as part of the rollout.", None),
    ("This briefing asks the Trust Board to note the go-live from 3 March 2026.", None),
])
def test_training_of_people_whatever_they_are_called(text: str, grade: str | None) -> None:
    assert readiness_grade(text, False) == grade


@pytest.mark.parametrize(("text", "grade"), [
    ("Recall for women was 88% against 90% for men.", "by_group"),
    ("Fairness was not assessed because the tool makes no decisions about people.",
     "not_assessed_reason"),
    ("Fairness has not been assessed.", "not_assessed"),
    ("We care about fairness.", "mentioned"),
])
def test_fairness_grades(text: str, grade: str) -> None:
    assert fairness_grade(text, False) == grade


def test_privacy_and_docs_grades() -> None:
    assert privacy_grade("The DPIA was signed off by the privacy office on 2 May.", False) == "review"
    assert privacy_grade("Prompts are redacted before they leave our network.", False) == "controls"
    assert privacy_grade("Privacy matters to us.", False) == "claim"


@pytest.mark.parametrize(("text", "grade"), [
    ("Item: User guide; Status: Complete", "mentioned"),
    ("A quick-start leaflet for counter staff is in preparation, due 12 May.", "pending"),
    ("Action: issue the guidance note to depot planners; Owner: R. Hale; Due: 3 June", "pending"),
    ("Help-centre content will be refreshed in due course.", "pending"),
    ("The assistant answers tenants on the council website about repairs.", None),
    ("A page on the council website explains how applications are screened and how to "
     "reach a person.", "published"),
])
def test_documentation_is_a_thing_users_read_not_a_tick_or_a_channel(text: str,
                                                                      grade: str | None) -> None:
    assert docs_grade(text, False) == grade


@pytest.mark.parametrize(("text", "grade"), [
    ("Our cloud supplier is certified to ISO 27001 and audited under SOC 2.", "claim"),
    ("Customer records are protected with strong encryption and access controls.", "claim"),
    ("Customer records are encrypted at rest and kept for 30 days.", "controls"),
    ("Item: security review sign-off; Owner: IT; Status: in progress", "claim"),
    ("Requirement: privacy review completed; Status: ✔", "claim"),
    ("The DPIA was approved on 2 June; a security review is booked for July.", "review"),
    ("Customer records sit in the warehouse with role-based access.", "controls"),
])
def test_a_certificate_an_adjective_or_a_tick_is_no_control_or_review(text: str,
                                                                        grade: str) -> None:
    assert privacy_grade(text, False) == grade
    assert docs_grade("The help centre article was published on 2 May.", False) == "published"
    assert docs_grade("The user guide will be published after launch.", False) == "pending"


def test_a_readiness_section_named_after_the_reviewers_is_read(tmp_path: Path) -> None:
    text = ("# Pharmacists\n\nThree pharmacists check every flagged order; all three finished "
            "the review-screen training on 4 June.\n")
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    facts = readiness_facts(Context.of(read_document(path)))
    assert facts and facts[0].grade == "ready" and facts[0].line == 3
    assert "human_review" in facts[0].kinds
    assert _status(tmp_path, text, "C14") == "pass"


def test_trained_without_a_figure_or_date_is_weak(tmp_path: Path) -> None:
    assert _status(tmp_path, "# Readiness\n\nThe reviewers are trained.\n", "C14") == "weak"


def test_explained_not_assessed_is_weak_and_diverse_data_is_only_weak(tmp_path: Path) -> None:
    assert _status(tmp_path, "# Fairness\n\nFairness was not assessed because the tool makes "
                             "no decisions about people.\n", "C15") == "weak"
    # the conventions' own example of a weak fairness item: asserted without figures
    assert _status(tmp_path, "# Fairness\n\nThe model was trained on diverse data, so it is "
                             "fair to all groups.\n", "C15") == "weak"
    assert _status(tmp_path, "# Data\n\nThe model was trained on diverse data.\n",
                   "C15") == "missing"


def test_a_blanket_claim_is_weak_a_review_that_happened_passes(tmp_path: Path) -> None:
    assert _status(tmp_path, "# Privacy\n\nPrivacy matters to us.\n", "C16") == "weak"
    assert _status(tmp_path, "# Privacy\n\nThe DPIA was signed off by the privacy office on "
                             "2 May with no open findings.\n", "C16") == "pass"


def test_a_limitations_section_for_users_is_weak_docs(tmp_path: Path) -> None:
    assert _status(tmp_path, "# Limitations\n\nUsers should not rely on the summaries for "
                             "legal advice.\n", "C19") == "weak"


@pytest.mark.parametrize(("text", "grade"), [
    ("Group: Riders aged 65+; n: 120; Correct: 86.5%", "by_group"),
    ("Its weakest group is callers with English as a second language (17.9% WER).", "by_group"),
    ("By home language: Polish 88.1% resolved, Tagalog 80.4% resolved.", "by_group"),
    ("Riders aged 18+ can sign up; 40% of bookings come from the app.", None),
])
def test_a_group_written_as_an_age_band_or_a_language_background_has_results(
        text: str, grade: str | None) -> None:
    assert fairness_grade(text, False) == grade


@pytest.mark.parametrize("text, grade", [
    ("Evidence: 18 intake keyers and 2 shift supervisors trained on the new screen.", "ready"),
    ("Status: 12 of 12 dispatchers trained 3-5 May.", "ready"),
    ("Front-desk staff (40 people) attend a session; 15 trained so far, remaining sessions "
     "booked for June.", "partial"),
    ("Each case was labelled by two trained nurses working independently.", None),
    # generic oversight said of something touches the topic; as a title or label it is none
    ("Risks are mitigated through careful design, human oversight and monitoring.", "discussed"),
    ("Slide 4 - Human in the loop", None),
    ("Human oversight: the board keeps an eye on the product roadmap.", None),
    ("Complex cases go to human review.", "oversight"),
])
def test_readiness_grades_counted_partial_rater_and_generic(text: str, grade: str | None) -> None:
    assert readiness_grade(text, False) == grade


def test_seniority_is_no_age_group_and_privacy_signs_off_with_its_date() -> None:
    assert fairness_grade("Senior engineers rated 81% useful, against 52% for the linter.",
                          False) is None
    assert privacy_grade("The privacy office signed off on 3 March.", False) == "review"
    assert privacy_grade("No voice audio leaves the kiosk.", False) == "controls"
    assert privacy_grade("Call audio is deleted after 24 hours.", False) == "controls"


def test_a_document_written_for_its_users_is_their_documentation(tmp_path: Path) -> None:
    """An FAQ or transparency note is the user documentation itself: complete when it tells
    its readers what goes wrong and how often, only a limitations note when it reassures."""
    specific = ("# Returns helper: FAQ for store staff\n\n**What does it get wrong?**\n\n"
                "In the March check it misread 14 of 300 receipts (4.7%), mostly faded "
                "thermal paper. Ask a supervisor to key those in by hand.\n")
    vague = ("# Transparency note: our route planner\n\nThe planner was built with care. Like "
             "any AI system, it may occasionally make mistakes. Contact us with any "
             "questions.\n")
    assert _status(tmp_path, specific, "C19") == "pass"
    assert _status(tmp_path, vague, "C19") == "weak"

@pytest.mark.parametrize(("text", "grade"), [
    # a person acting on every output, whatever the role is called
    ("The optician accepts or dismisses each mark before the report is sent.", "oversight"),
    ("Every refund over the limit is cleared by a duty supervisor.", "oversight"),
    ("Selection decisions are made by the panel chair.", "oversight"),
    ("No letter leaves the office without a solicitor's sign-off.", "oversight"),
    ("Surveyors can overwrite any estimate in the claims tool.", "oversight"),
    # ... but not the system doing it
    ("The assistant reads each upload and marks it OK or Check.", None),
    ("Every invoice is checked by the matching engine overnight.", None),
    # a headcount made ready, whatever they are called
    ("14 surveyors trained on the triage screen on 9 April.", "ready"),
    ("All 9 completed the referral training on 3 March.", "ready"),
    ("Our hosting provider is SOC 2 Type II certified.", None),
    ("3 candidate models trained on 2 May were compared.", None),
    # fewer ready than there are, unless the rest are kept off the work until trained
    ("19 of the 26 ward pharmacists have done the module.", "partial"),
    ("150 of 180 triage nurses trained; the rest are kept off the rota until they finish.",
     "ready"),
    ("47 of 50 adjusters trained on 2 May.", "ready"),
    # operations, not review: alerts to an on-call rota; a section number is no headcount
    ("Drift alerts are routed to the platform on-call rota.", None),
    ("3.6 People. Line operators have been briefed on the system.", "ready_unquantified"),
    ("Human in the loop: the business keeps oversight of strategy.", None),
    # reviewers said not to be in place
    ("No auditors have been assigned to the exception queue so far.", "unstaffed"),
])
def test_readiness_read_from_the_shape_of_the_sentence(text: str, grade: str | None) -> None:
    assert readiness_grade(text, negated(text)) == grade


@pytest.mark.parametrize(("text", "grade"), [
    # human review that exists, however thinly: people sampling the live output on a cadence
    ("A shift lead re-reads 25 closed cases each week.", "oversight"),
    ("Wardens audit a random 5% of permits before they are posted.", "oversight"),
    ("The monthly sample of 80 letters is checked by the complaints desk.", "oversight"),
    # ... a case handed, appealed or answered by people
    ("Tenants may appeal a refusal to the lettings desk.", "oversight"),
    ("Queries the bot cannot answer are passed on and answered by branch staff.", "oversight"),
    ("Our casework team reviews appeals within ten days.", "oversight"),
    # ... a person deciding each case, or approving output before it takes effect
    ("Each refund request is reviewed and decided by a caseworker.", "oversight"),
    ("You check each draft rota before publishing it.", "oversight"),
    ("Gaugers still sign off the nightly tank readings, as now.", "oversight"),
    # a test sample labelled in the past, or a report sent on, is no review in use
    ("A random sample of 300 claims was reviewed by two adjusters.", None),
    ("Send the weekly report to the analytics team.", None),
    ("The ranker still checks each listing before it is shown.", None),
])
def test_human_review_that_exists_without_readiness_is_oversight(text: str,
                                                                   grade: str | None) -> None:
    assert readiness_grade(text, negated(text)) == grade


@pytest.mark.parametrize("text", [
    # people counted with an aside after the role, as the agent, or finished by a date
    "The permit desk: 5 licensing officers (3.5 WTE) trained on the screen on 12 March.",
    "The two-hour course was attended by 19 of 21 surveyors; the other two get no case access "
    "before they finish it.",
    "40 of 42 wardens and all 6 shift leads completed by 14 April.",
])
def test_readiness_counted_in_the_ways_people_write_it(text: str) -> None:
    assert readiness_grade(text, negated(text)) == "ready"


def test_a_gate_on_the_untrained_is_no_absence_of_reviewers(tmp_path: Path) -> None:
    text = ("# Readiness\n\n18 claims handlers (all shifts) trained on 2 May.\n\n"
            "# Conditions\n\nNo queue access for staff not yet trained.\n")
    assert readiness_grade("No queue access for staff not yet trained.", True) is None
    assert _status(tmp_path, text, "C14") == "pass"


def test_partial_readiness_anywhere_keeps_human_review_weak(tmp_path: Path) -> None:
    text = ("# Readiness\n\nThe 4 pilot moderators were briefed on 2 March.\n\n"
            "# Rollout\n\nModerators for the full rollout: 12 of 40 trained so far by 9 March, "
            "the remaining sessions booked for April.\n")
    assert _status(tmp_path, text, "C14") == "weak"
    text = "# Readiness\n\nModerators: 12 of 40 have done the queue module by 9 March.\n"
    assert _status(tmp_path, text, "C14") == "weak"


def test_a_review_step_nobody_staffs_is_missing(tmp_path: Path) -> None:
    text = ("# Risks\n\nMitigation: every held invoice is checked by an auditor within 3 days.\n\n"
            "# Conditions\n\nNo auditors have been assigned to the exception queue so far.\n")
    assert _status(tmp_path, text, "C14") == "missing"
    assert _status(tmp_path, text.split("# Conditions")[0], "C14") == "weak"


def test_a_table_of_figures_under_a_fairness_heading_is_results_by_group(tmp_path: Path) -> None:
    table = ("# Is it fair to every shop?\n\n| Shop group | Share of orders held |\n|---|---|\n"
             "| Shops open under a year | 4.1% |\n| Older shops | 2.2% |\n")
    assert _status(tmp_path, table, "C15") == "pass"
    # the same table under a heading about something else is no fairness result
    other = ("# Holds by warehouse\n\n| Warehouse | Share of orders held |\n|---|---|\n"
             "| North | 4.1% |\n| South | 2.2% |\n")
    assert _status(tmp_path, other, "C15") != "pass"
    assert _status(tmp_path, other.replace("Holds by warehouse", "Fairness"), "C15") == "pass"


@pytest.mark.parametrize(("text", "grade"), [
    # said done with no when, who or finding: any vendor can write it
    ("Our privacy impact assessment is complete and signed off.", "claim"),
    ("Review: security sign-off; Reviewer: Head of IT; Outcome: Approved", "claim"),
    # a review's name listed as a mitigation is no control on data
    ("Risk: leak of customer data; Mitigation: privacy by design; DPIA", "claim"),
    # the privacy or security function's review with its date or reference
    ("Information security reviewed the scheduler on 4 March 2026 and found no open issues.",
     "review"),
    ("Reviewed by the data protection office (ref DP-44, closed 9 May 2026).", "review"),
    ("DPIA ref DP-44 refreshed 9 May after the new data feed was added.", "review"),
    ("The data protection office confirmed on 3 June that the planner handles no extra personal fields.",
     "review"),
])
def test_a_privacy_review_counts_when_it_shows_it_took_place(text: str, grade: str) -> None:
    assert privacy_grade(text, False) == grade


@pytest.mark.parametrize(("text", "grade"), [
    # a group of people named whose result could not be measured: touched, not shown
    ("Results by ethnicity are not possible: the booking system does not record it.",
     "mentioned"),
    ("Few callers had a hearing impairment, so we cannot say how it performs for disability.",
     "mentioned"),
    ("The two vans with the older camera model do worse; we do not have enough frames yet.",
     None),
    # where people live, by deprivation or income, is a group a result is reported for
    ("IMD decile 1-2: recall 81%; IMD decile 9-10: recall 88%", "by_group"),
    ("In the lowest-income districts 22% of trips were surcharged vs 19% city-wide.", "by_group"),
    ("Drivers on night shifts show more sleep deprivation.", None),
])
def test_groups_not_measured_and_area_deprivation(text: str, grade: str | None) -> None:
    assert fairness_grade(text, False) == grade


@pytest.mark.parametrize(("text", "grade"), [
    # any role, any wording: a person acting on the output is the topic, discussed
    ("Histologists confirm the highlighted regions.", "discussed"),
    ("Draft letters are proofread and corrected by a benefits technician.", "discussed"),
    ("Berth technicians stay in the loop.", "discussed"),
    # a field label is the document's own review record, no review of the output
    ("Author: K. Obi · Reviewed: L. Marsh, Head of Audit, 2 June", None),
    ("The parser fills the form from the upload.", None),
])
def test_human_review_named_in_any_words_is_discussed(text: str, grade: str | None) -> None:
    assert readiness_grade(text, False) == grade


def test_the_bare_topic_is_weak_but_not_from_the_test_set_or_the_sign_off(tmp_path: Path) -> None:
    used = "# How it works\n\nHistologists confirm the highlighted regions.\n"
    assert _status(tmp_path, used, "C14") == "weak"
    rated = ("# Evaluation\n\nHistologists confirmed each highlighted region in the 400-slide "
             "test set.\n")
    assert _status(tmp_path, rated, "C14") == "missing"


@pytest.mark.parametrize(("text", "grade"), [
    # only said to exist: named, not shown complete
    ("The staff guide is published on the intranet.", "mentioned"),
    # what it tells its readers, or a date or version to check it by, shows it
    ("The staff guide on the intranet says what the scorer cannot see and when to override "
     "it.", "published"),
    ("The staff guide (version 3) is published on the intranet.", "published"),
])
def test_documentation_is_complete_when_shown_not_when_only_said_to_exist(
        text: str, grade: str) -> None:
    assert docs_grade(text, False) == grade


def test_a_documentation_section_is_the_document_it_describes(tmp_path: Path) -> None:
    doc = ("# 7. User documentation\n\nIssue 4 of the depot operating note went out on 3 March; "
           "it says what the planner cannot see and how to override a route.\n")
    assert _status(tmp_path, doc, "C19") == "pass"
    named = "# Launch\n\nThe staff guide is published on the intranet.\n"
    assert _status(tmp_path, named, "C19") == "weak"


def test_generic_oversight_said_of_the_output_is_weak_a_title_is_missing(tmp_path: Path) -> None:
    assert _status(tmp_path, "# Safeguards\n\nEvery tenancy match is produced with human "
                             "oversight built in at each stage.\n", "C14") == "weak"
    assert _status(tmp_path, "# Slide 7\n\nHuman in the loop\n", "C14") == "missing"


@pytest.mark.parametrize("text", [
    "# Readiness\n\nThe 6 licensing clerks at the east office were briefed in March. Training "
    "for all 30 clerks is scheduled for May, before the full switch-on.\n",
    "# Readiness\n\nDesk staff briefed at the morning stand-up: about 25 clerks so far, the "
    "rest in June.\n",
    "# Conditions\n\n| # | Condition | Status |\n|---|---|---|\n"
    "| 2 | Ticket desk staff (8) briefed on the new queue | Status: Scheduled 4 May |\n",
])
def test_readiness_with_the_rest_still_to_come_is_weak(tmp_path: Path, text: str) -> None:
    assert _status(tmp_path, text, "C14") == "weak"


def test_so_far_as_practicable_is_no_partial_readiness() -> None:
    assert readiness_grade("All 9 wardens trained on 4 May; we keep the rota safe so far as is "
                           "reasonably practicable.", False) == "ready"
