"""Decision facts (C20): each stated decision with its class and rank, read through the
``decision_*`` vocabularies; C20 is a predicate over them."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts.decision import classify, decision_facts


def _facts(text: str):  # type: ignore[no-untyped-def]
    return decision_facts(Context.of(read_text(text, "x.md", "markdown")))


def _c20(text: str) -> str:
    report = review_document(read_text(text, "x.md", "markdown"))
    return next(i.status for i in report.checklist if i.code == "C20")


def test_classes_of_decision() -> None:
    assert classify("Decision: deploy to the two pilot wards.") == "approve"
    assert classify("Recommendation: approve, subject to the conditions below.") == \
        "approve-with-conditions"
    assert classify("We do not recommend launch until the error budget recovers.") == "disapprove"
    assert classify("The weights are for research purposes only.") == "disapprove"
    # a published model's stance on deployment is a decision against production use
    assert classify("This detector is for demonstration purposes and not for production usage.") \
        == "disapprove"
    assert classify("Any deployed use of the model, paid or free, is currently out of scope.") \
        == "disapprove"
    assert classify("We do not recommend using the tagger in real-world applications yet.") \
        == "disapprove"
    assert classify("Use in any manner that breaks the usage policy is out of scope.") is None
    assert classify("The team met on Tuesday.") is None


def test_a_recommendation_section_outranks_a_labelled_line_and_a_mention() -> None:
    text = ("# Notes\n\nThe new triage model was cleared for launch in two wards.\n\n"
            "# Summary\n\nVerdict: no-go until the audit closes.\n\n"
            "# Recommendation\n\nWe recommend approval for production deployment.\n")
    facts = _facts(text)
    assert [(f.rank, f.decision, f.line) for f in facts.stated] == [
        ("section", "approve", 11), ("labelled", "disapprove", 7), ("mention", "approve", 3)]


def test_phrasings_people_use_are_decisions_anywhere() -> None:
    text = "# Next steps\n\nOnce the fix ships we plan to roll out to every depot in March.\n"
    facts = _facts(text)
    assert facts.decision is not None and facts.decision.decision == "approve"
    assert _c20(text) == "pass"


def test_options_placeholders_mail_headers_and_advice_decide_nothing() -> None:
    for text in ("# Decision\n\nDecision: approve / reject\n",
                 "# Recommendation\n\nRecommendation: [TBD]\n",
                 "Subject: go/no-go for the parser launch on Friday\n\nSee the notes below.\n",
                 "# Intended use\n\nWe recommend that developers evaluate the model on their "
                 "own data before deployment.\n"):
        assert _facts(text).stated == [], text


def test_a_lean_in_a_recommendation_section_is_weak_and_no_decision() -> None:
    text = "# Recommendation\n\nThe committee is inclined to wait for the March audit.\n"
    facts = _facts(text)
    assert facts.stated == [] and len(facts.hedged) == 1
    assert _c20(text) == "weak"
    assert _c20("# Recommendation\n\nKeep the glossary current.\n") == "missing"


def test_an_approval_given_with_its_object_or_its_date_is_a_decision() -> None:
    for text in ("Hi all,\n\nI'm comfortable approving go-live for the Oslo office next week.\n",
                 "# Governance\n\nThe model board approves the planner for production use.\n",
                 "# Outcome\n\nApproved at the operations forum, 12 March 2026 (Kim Lee, Ana Ruiz).\n",
                 "Hi,\n\nAgreed, launching the new ranker to 100% tomorrow.\n"):
        facts = _facts(text)
        assert facts.decision is not None and facts.decision.decision == "approve", text


def test_an_approval_to_come_a_request_or_a_part_review_decides_nothing() -> None:
    for text in ("# Plan\n\nThe board will approve the deployment once the audit closes.\n",
                 "# Ask\n\nApprove the planner for launch in all regions.\n",
                 "# Privacy\n\nApproved by privacy counsel Jo Park, 4 May 2026.\n",
                 "# Status\n\nThe planner is not yet ready for deployment.\n",
                 "# Data\n\nWe use the state-approved address service in production.\n"):
        assert _facts(text).stated == [], text


def test_named_approvers_each_recording_a_decision_decide() -> None:
    rows = "| Nurse lead | Ada Quist | {0} | 2026-03-02 |\n| Pharmacy | Tomas Berg | Go | 2026-03-02 |\n"
    table = "# Present\n\n| Role | Name | Decision | Date |\n|---|---|---|---|\n" + rows
    facts = _facts(table.format("Go"))
    assert facts.decision is not None and facts.decision.rank == "signed"
    assert facts.decision.decision == "approve"
    rejected = _facts(table.format("Rejected"))
    assert rejected.decision is not None and rejected.decision.decision == "disapprove"


def test_decisions_as_memos_minutes_and_release_notes_state_them() -> None:
    """A run-in label, a body's approval on record, the use of a system approved, a dated
    switch-over and a reviewer's "ship it" each state the decision."""
    for text, decision in (
            ("Memo\n\nDecision. We will turn the planner on at both depots on 2 June.\n",
             "approve"),
            ("# Minutes\n\nThe Model Risk Committee approved v5 on 12 March 2026.\n", "approve"),
            ("# Outcome\n\nContinued use of the ranker is approved on the conditions above.\n",
             "approve-with-conditions"),
            ("# Rollout\n\nAll depots switch to planner 2.1 on 9 March at 06:00.\n", "approve"),
            ("Review\n\nThe numbers hold up. Ship it.\n", "approve")):
        facts = _facts(text)
        assert facts.decision is not None and facts.decision.decision == decision, text


def test_a_recommendation_pending_the_deciding_body_is_a_lean() -> None:
    text = ("# Summary\n\nThe scorer is recommended for production deployment pending final "
            "review by the risk committee.\n")
    facts = _facts(text)
    assert facts.stated == [] and len(facts.hedged) == 1
    assert _c20(text) == "weak"
    # a body approving something other than the deployment decides nothing
    assert _facts("# Minutes\n\nThe change board approved the hiring plan on 2 May 2026.\n"
                  ).stated == []


def test_a_stance_on_use_implies_the_decision_without_stating_it() -> None:
    implied = ("# Intended use\n\nThe tagger is intended for research and internal "
               "prototyping.\n\n# Limitations\n\nIt should not be used in products without "
               "further safety evaluation.\n")
    facts = _facts(implied)
    assert facts.decision is None
    assert [u.line for u in facts.hedged] == [3, 7]
    assert _facts("# Scope\n\nThe tagger reads scanned invoices.\n").hedged == []
    assert _c20(implied) == "weak"


def test_an_approval_agreed_extended_or_recorded_on_a_change_record_decides() -> None:
    """A body agreeing go-live, an approval for general availability or for extending the
    system, and a change board's approval on a change record's field or ticked box."""
    for text in ("# Status\n\nThe steering group agreed go-live for both depots on 3 May 2026.\n",
                 "Planner 4 · Status: approved for general availability\n",
                 "# Plan\n\nThe faculty board approved extending the planner to every campus.\n",
                 "Type: normal · Change board: approved 12 April 2026 (chair: Ravi Menon)\n",
                 "# Checklist\n\n- [x] CAB 4410 approved 2 June 2026\n"):
        facts = _facts(text)
        assert facts.decision is not None and facts.decision.decision == "approve", text
    for text in ("# Checklist\n\n- [ ] Change board approved (due 12 June 2026)\n",
                 "# Minutes\n\nThe panel agreed the release notes wording on 4 May 2026.\n",
                 "# Notes\n\nStudents with an extension agreed are flagged less often.\n"):
        assert _facts(text).stated == [], text


def test_deployment_discussed_without_a_decision_is_weak() -> None:
    # going ahead is implied (a plan with its when, a partial rollout on record): weak
    assert _c20("# Timeline\n\nProduction use in four clinics is planned for Q3 2026, "
                "after the pilot review.\n") == "weak"
    assert _c20("# Background\n\nVersion 2 was deployed to 10% of stores in March 2026 as a "
                "shadow test.\n") == "weak"


def test_deployment_words_without_substance_leave_the_decision_missing() -> None:
    # boilerplate with nothing to check, a record's field, a phase named after deployment
    assert _c20("# Evaluation\n\nThe model was rigorously tested before launch.\n") == "missing"
    assert _c20("# Model details\n\nModel version: 2.1 (production candidate)\n") == "missing"
    assert _c20("# Scope\n\nThis 2026 pre-deployment review covers the scoring model.\n") == \
        "missing"


def test_a_deployment_stated_as_done_is_a_decision_carried_out() -> None:
    # the system went live, is switched on for a group, or a status field gives the rollout
    # with its figure: the decision was taken and carried out, which passes
    assert _c20("# About\n\nHarbourLog went live at the four ferry terminals in May 2027.\n") \
        == "pass"
    assert _c20("# FAQ\n\nFrom Monday 7 June it is switched on for all tellers in 12 branches.\n") \
        == "pass"
    assert _c20("Tillwise · Shipped 4 May 2027 · Rollout: 25% of stores 4 May, all 18 May\n") \
        == "pass"
    fact = _facts("# About\n\nThe sorter was deployed to 6 depots in April 2027.\n").decision
    assert fact is not None and fact.decision == "approve" and fact.rank == "mention"


def test_a_deployment_to_come_or_without_a_figure_is_no_decision() -> None:
    # a condition, a staging environment, or no figure saying when or how far
    assert _c20("# Plan\n\nOnce it is switched on for all 12 branches we will audit it.\n") \
        != "pass"
    assert _c20("# Status\n\nThe prompt is live in the staging build for 3 testers.\n") != "pass"
    assert _c20("# About\n\nThe assistant went live after thorough and robust testing.\n") != "pass"
    # a stated decision still outranks the deployment stated as done
    assert _facts("# About\n\nIt went live for 2 wards in May 2027.\n\n# Recommendation\n\n"
                  "Do not deploy to further wards.\n").decision.decision == "disapprove"  # type: ignore[union-attr]


def test_an_approval_asserted_without_its_record_implies_the_decision() -> None:
    """An approval claimed with no date (a sign-off list of roles marked approved, "was
    approved through the usual governance") implies the decision: weak, not missing."""
    for text in ("# Sign-off\n\n- Head of Nursing — approved\n- Pharmacy lead — approved\n",
                 "# Governance\n\nThe rota planner was approved through our standard forums.\n",
                 "# Oversight\n\nApproved by the Depot Operations Board.\n"):
        assert _facts(text).decision is None, text
        assert _c20(text) == "weak", text
    # a sale approved automatically, a refusal and a placeholder approver imply nothing
    for text in ("# Results\n\nMost small refunds were auto-approved.\n",
                 "# Status\n\nThe planner has not been approved.\n",
                 "# Sign-off\n\n- [Name] — approved\n"):
        assert _c20(text) == "missing", text
    assert _c20("# Sign-off\n\nApproved by: N/A\n") == "missing"


_THREAD = ("From: Ines Morel <ines@example.org>\nDate: Wed, 4 Mar 2026 08:10\n"
           "Subject: RE: tide planner for the east quays\n\n{reply}\n\nInes\n\n"
           "> From: Pavel Duda\n> Date: Tue, 3 Mar 2026 17:30\n>\n"
           "> Ines, the trial numbers are in the sheet: missed berthings fell from 14 to 5.\n"
           "> Could we use the planner on the east quays from Monday?\n")


def test_a_sender_approving_in_their_own_dated_message_decides() -> None:
    for reply in ("Fine by me, on the two conditions in your sheet.",
                  "Thanks, that answers it. Go ahead from Monday for the east quays only.",
                  "I'm OK with Monday; keep the paper charts at the desk for a month."):
        text = _THREAD.format(reply=reply)
        assert _c20(text) == "pass", reply
        report = review_document(read_text(text, "x.md", "markdown"))
        assert report.item("C18") is not None and report.item("C18").status == "weak"


def test_a_sender_asking_or_deferring_in_a_thread_decides_nothing() -> None:
    for reply in ("Can you approve the east quays for Monday?",
                  "Not yet: send me the night-tide figures first.",
                  "We can go ahead once the harbour master has seen the figures."):
        assert _c20(_THREAD.format(reply=reply)) != "pass", reply


def test_a_decision_on_use_names_no_deployment_word() -> None:
    # a body that approved the system's use, or a dated status line recommending it for use
    for text in ("# Governance\n\nThe parish council has approved the use of the bin-route "
                 "planner and looks at it every quarter.\n",
                 "# Approval\n\nRecommended for use from the 2027 spring survey by the "
                 "harbour board, 4 March 2027.\n"):
        assert _c20(text) == "pass", text
    # advice to users, and an approval whose use is refused, decide nothing
    for text in ("# Intended use\n\nRecommended for use with short English passages.\n",
                 "# Governance\n\nThe board has not approved the use of the tagger.\n"):
        assert _c20(text) != "pass", text


def test_a_release_to_production_or_to_all_users_is_a_deployment_done() -> None:
    # release notes open with the release to the system's users: the rollout was decided
    assert _c20("# Tide tables 3.2\n\n*Released 9 March 2027 to all harbour office staff "
                "(north and south quays).*\n") == "pass"
    assert _c20("# Changelog\n\nState: released to production 2 April 2027 (all quays).\n") \
        == "pass"
    # weights put out to the public are no deployment of the system
    assert _c20("# Notes\n\nThe checkpoint was released on 2 April 2027 to the public.\n") \
        != "pass"


def test_a_boards_dated_approval_in_a_change_record_decides() -> None:
    # the meeting's date stands between the board and its outcome
    assert _c20("# Approval\n\nChange board 14 Mar 2027 — **Approved**. Chair: L. Marsh.\n") \
        == "pass"
    assert _c20("Kind: standard change · **CAB:** 2027-03-14 (approved) · Owner: Ops\n") == "pass"
    # a dated board meeting with no outcome records no decision
    assert _c20("# Approval\n\nCAB 14 Mar 2027: agenda item 4.\n") != "pass"
