"""The risk family (C07-C10, M01) judged on how short documents really state risks: a memo's
safeguards with no risk named, failure notes that list no risks, a register's fields."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.models import FileReport


def review(text: str) -> FileReport:
    return review_document(read_text(text, "x.md", "markdown"))


def status(report: FileReport, code: str) -> str:
    item = report.item(code)
    assert item is not None
    return item.status


MEMO = ("# Go-live: parcel photo checker\n\nThe checker looks at each delivery photo and "
        "tells the courier when the parcel is not visible.\n\n# Safeguards\n\n{safeguards}\n")


def test_safeguards_without_named_risks_are_some_mitigation() -> None:
    said = ("- The depot lead samples 40 flagged photos every Monday and logs the misses.\n"
            "- Couriers can override any warning from the handset.\n")
    assert status(review(MEMO.format(safeguards=said)), "C09") == "weak"


def test_content_free_safeguards_earn_no_mitigation() -> None:
    said = "- Appropriate safeguards are in place, in line with all applicable regulations.\n"
    assert status(review(MEMO.format(safeguards=said)), "C09") == "missing"


def test_a_spot_check_and_a_switch_off_are_mechanisms() -> None:
    from dcrdraft.review.facts.risks import MECHANISM
    assert MECHANISM.search("Clerks spot-check 5% of accepted forms in the first month.")
    assert MECHANISM.search("If the error rate passes 3% we turn the reader off.")
    assert MECHANISM.search("Agents can override the suggested category.")
    assert not MECHANISM.search("We will keep an eye on it and take care.")


REGISTER = ("# Risks\n\n| Risk | {sev} | {mit} | {res} | Owner |\n|---|---|---|---|---|\n"
            "| Late pickups missed | High | Depot lead phones any van 20 min late | Low | R. Osei |\n"
            "| Wrong address read | Medium | Driver confirms the street on the handset | Low | "
            "T. Varga |\n\nRatings use the depot's three-level scale; the board reviewed the "
            "table on 3 May.\n")


def test_plain_register_headers_name_their_fields() -> None:
    from dcrdraft.review.checks.risk_entries import entries
    from dcrdraft.review.context import Context
    text = REGISTER.format(sev="Level", mit="What we do", res="What is left")
    es = entries(Context.of(read_text(text, "x.md", "markdown")))
    assert len(es) == 2  # the note under the table is its commentary, no third risk
    assert all({"severity", "mitigation", "residual", "owner"} <= e.fields for e in es)
    report = review(text)
    assert status(report, "C08") == "pass" and status(report, "C10") == "pass"


def test_a_residual_rating_column_is_no_severity() -> None:
    text = REGISTER.format(sev="Likelihood", mit="Actions", res="Residual rating")
    assert status(review(text), "C08") == "weak"


def codes(report: FileReport) -> set[str]:
    return {f.code for f in report.findings}


def test_a_blanket_claim_that_risks_are_handled_is_vague() -> None:
    text = "# Governance\n\nAll identified risks have been mitigated through established controls.\n"
    assert "M01" in codes(review(text))
    pointed = text.replace("controls.", "controls (see the register in section 6).")
    assert "M01" not in codes(review(pointed))


def test_vague_qualifiers_outweigh_one_mechanism() -> None:
    from dcrdraft.review.checks.risk_entry import Entry
    from dcrdraft.review.checks.risk_mitigations import specific
    mit = "ongoing monitoring, continuous improvement and retraining as required"
    assert not specific(Entry("Drift", f"Drift. Mitigation: {mit}.", 1, 1, {"mitigation"}, mit))
    mit = "every flagged order is held for a clerk, and 5% of releases are re-checked weekly"
    assert specific(Entry("Fraud", f"Fraud. Mitigation: {mit}.", 1, 1, {"mitigation"}, mit))


def test_a_brief_answer_in_a_careful_register_is_not_vague() -> None:
    rows = ["| Wrong bin | High | Label scanned before the lid opens, every parcel | K. Ito |",
            "| Sensor dust | Medium | Lens wiped at each shift start and logged daily | K. Ito |",
            "| Peak queue | Medium | Extra packer rota from 11:00 to 14:00 | L. Moss |",
            "| Staff distrust | Low | Briefing card at each station | L. Moss |"]
    head = "# Risks\n\n| Risk | Level | Mitigation | Owner |\n|---|---|---|---|\n"
    assert "M01" not in codes(review(head + "\n".join(rows) + "\n"))
    rows[3] = "| Staff distrust | Low | Ongoing engagement as needed | L. Moss |"
    assert "M01" in codes(review(head + "\n".join(rows) + "\n"))
    rows[3] = "| Staff distrust | Low | Briefings | L. Moss |"
    assert "M01" in codes(review(head + "\n".join(rows) + "\n"))


def test_a_failure_among_the_results_lists_no_risk() -> None:
    results = ("# Results\n\nThe reader matched 96.1% of 2,400 forms against the clerks. Most "
               "of its misses were faxed pages with a skewed header.\n")
    assert status(review(results), "C08") == "missing"
    listed = results + ("\n# Known limitations\n\n- Faxed pages with a skewed header are "
                        "misread more often than scans, and the misread field is most often "
                        "the policy number, so a claim can be filed against the wrong "
                        "customer's policy.\n- Forms photographed on a phone at an angle lose "
                        "the bottom line, where the signature date sits, and go to a clerk "
                        "flagged as unsigned.\n")
    assert status(review(listed), "C08") == "weak"
    named = results + "\nThe main risk we see is a late feed leaving the queue unsorted.\n"
    assert status(review(named), "C08") == "weak"


def test_a_claim_that_unnamed_risks_are_handled_lists_no_risk() -> None:
    text = "# Governance\n\nAny potential risks are managed under our group framework.\n"
    assert status(review(text), "C08") == "missing"


def test_residual_levels_after_vague_mitigations_are_bare() -> None:
    head = "# Risks\n\n| Risk | Severity | Mitigation | Residual |\n|---|---|---|---|\n"
    vague = head + ("| Drift | High | Ongoing monitoring | Low |\n"
                    "| Misuse | Medium | Clear communication | Low |\n")
    assert status(review(vague), "C10") == "weak"
    concrete = head + ("| Drift | High | Weekly PSI check; retrain above 0.2 | Low |\n"
                       "| Misuse | Medium | Clear communication | Low |\n")
    assert status(review(concrete), "C10") == "pass"


def test_a_blanket_paragraph_under_a_risks_heading_is_no_register_entry() -> None:
    from dcrdraft.review.checks.risk_entries import entries
    from dcrdraft.review.context import Context
    text = ("# Risk management\n\nAll potential risks were assessed under our group method. "
            "Suitable controls are in place, including oversight and training.\n")
    assert entries(Context.of(read_text(text, "x.md", "markdown"))) == []
    assert status(review(text), "C09") != "pass"


def test_a_disclaimer_is_no_failure_pattern() -> None:
    text = ("# Limitations\n\nAs with any scoring model, the ranker may occasionally produce "
            "false positives when traffic is unusual.\n")
    assert status(review(text), "C07") == "weak"


def test_a_register_rows_number_is_no_rate_of_failure() -> None:
    # "R-07" numbers the row; the failure it names is said with no where or how often
    row = "| R-07 | Wrong bin day given in a reply | High | Crew lead checks each reply |\n"
    head = "# Risks\n\n| ID | Risk | Severity | Mitigation |\n|---|---|---|---|\n"
    assert status(review(head + row), "C07") != "pass"
    rated = row.replace("in a reply", "in 9 of 400 replies, mostly on bank holidays")
    assert status(review(head + rated), "C07") == "pass"


def test_a_generic_admission_of_errors_touches_failure_modes() -> None:
    # weak by the conventions' own definition ("may make mistakes"), wherever it is said
    text = ("# Help for tenants\n\nNo AI tool is perfect: now and then the booking bot "
            "will offer a slot that does not suit the trade.\n")
    assert status(review(text), "C07") == "weak"
    assert status(review("# Help for tenants\n\nIs the booking bot perfect?\n"), "C07") \
        == "missing"


def test_a_long_mitigation_leaning_on_a_vague_qualifier_is_not_concrete() -> None:
    # length alone is no mechanism: "ongoing", "robust", "regular" say what kind of thing
    # is done, never what
    text = ("# Risk management\n\nRisks to riders have been identified and are considered "
            "low after mitigation. Key mitigations include operator-in-the-loop checks, model "
            "refreshes and ongoing service monitoring.\n")
    assert status(review(text), "C09") != "pass"


FINDINGS = ("# Validation report: till-roll reader\n\n# 4. Findings\n\n| ID | Finding | Severity | "
            "Action required | Owner | Due |\n|---|---|---|---|---|---|\n"
            "| V1 | Faded thermal rolls read wrongly in 6% of the sample | High | Faded rolls "
            "routed to a clerk when confidence is below 0.8 | M. Osei | 1 May |\n"
            "| V2 | Totals in foreign currency mis-read on 2 of 90 receipts | Medium | Currency "
            "symbol checked against the store country | L. Brandt | 15 May |\n"
            "| V3 | Model card out of date | Low | Documentation update | L. Brandt | 1 May |\n")


def test_a_validation_reports_findings_table_is_its_risk_register() -> None:
    report = review(FINDINGS)
    assert status(report, "C08") == "pass"
    # a finding's action fixes a gap ("documentation update"): no vague risk mitigation
    assert "M01" not in codes(report)


def test_an_overall_residual_level_needs_its_reasons() -> None:
    bare = "# Risk\n\nResidual risk after the change: Low.\n"
    reasoned = ("# Risk\n\nResidual risk after the change is low, because every flagged "
                "order still goes to a packer before it ships.\n")
    assert status(review(bare), "C10") == "weak"
    assert status(review(reasoned), "C10") == "pass"


def test_a_register_of_words_nobody_could_act_on_is_not_complete() -> None:
    head = "# Risks\n\n| Risk | Severity | Mitigation | Owner |\n|---|---|---|---|\n"
    rows = ["| Drift | High | Ongoing monitoring | Data team |",
            "| Misuse | Medium | Clear communication | Product |",
            "| Outage | Low | Resilient design | Platform |"]
    report = review(head + "\n".join(rows) + "\n")
    assert status(report, "C08") == "weak"
    item = report.item("C08")
    assert item is not None and "concrete mitigation" in item.message
    rows[0] = "| Drift | High | Weekly PSI check; retrain when PSI passes 0.2 | Data team |"
    assert status(review(head + "\n".join(rows) + "\n"), "C08") == "pass"


def test_a_failure_owned_only_through_a_disclaimer_is_a_vague_risk() -> None:
    from dcrdraft.review.context import Context
    from dcrdraft.review.facts.risks import disclaimed_risks

    def said(text: str) -> list[str]:
        ctx = Context.of(read_text(f"# Notes\n\n{text}\n", "x.md", "markdown"))
        return [r.response for r in disclaimed_risks(ctx)]

    assert said("Like any model, the scorer can get things wrong. We keep improving it.") \
        == ["none"]
    assert said("No tool is perfect; staff should check the output.") == ["generic"]
    assert said("As with any parser, it may occasionally make mistakes. Each low-confidence "
                "field is routed to a clerk.") == ["concrete"]
    # a figure makes it a measured failure; a comparison with other systems names none
    assert said("Like any model, it misses about 4% of late payments.") == []
    assert said("Like any other service in our estate, it runs on the shared cluster.") == []
    report = review("# Notes\n\nLike any AI tool, the helper is not perfect and may "
                    "misunderstand slang.\n")
    assert any(f.code == "M01" for f in report.findings)


def test_ratings_and_denials_of_impact_are_no_risk_entries() -> None:
    from dcrdraft.review.checks.risk_entries import entries
    from dcrdraft.review.context import Context
    text = ("# Risk and impact\n\n- Risk rated as Low: a threshold change on a live service.\n"
            "- No customer-facing impact expected.\n- Residual risk: low.\n"
            "- Low-quality scans are misread. Mitigation: rescans requested at the counter.\n")
    es = entries(Context.of(read_text(text, "x.md", "markdown")))
    assert [e.title[:9] for e in es] == ["Low-quali"]


def test_a_risk_answered_after_a_dash_is_brief_not_vague() -> None:
    from dcrdraft.review.checks.risk_mitigations import answered_briefly
    assert answered_briefly("Config typo — the file is validated in CI before release")
    assert not answered_briefly("Model drift — monitored on an ongoing basis")
    assert not answered_briefly("Bias — handled under our governance framework")
    assert not answered_briefly("Model drift")
    assert answered_briefly("Scanner offline → clerks key the parcel number by hand")
    assert answered_briefly("Price file late -> yesterday's prices stay on the labels")
    assert not answered_briefly("Wrong shelf suggested → ongoing tuning with the supplier")


BOARD = "# Board pack, page 6\n\n| Risk area | Mitigation |\n|---|---|\n{rows}"


def test_a_risk_and_mitigation_table_is_a_register_wherever_it_sits() -> None:
    from dcrdraft.review.checks.risk_entries import entries
    from dcrdraft.review.context import Context
    rows = ("| Data gaps | Nightly job rejects any feed with more than 2% empty fields |\n"
            "| Low uptake | Two floor coaches sit with each team for its first week |\n")
    es = entries(Context.of(read_text(BOARD.format(rows=rows), "x.md", "markdown")))
    assert [e.title for e in es] == ["Data gaps", "Low uptake"]
    assert status(review(BOARD.format(rows=rows)), "C09") == "pass"


def test_mitigations_in_words_that_fit_any_system_are_none() -> None:
    rows = ("| Data gaps | Robust data governance |\n"
            "| Low uptake | Comprehensive change management |\n")
    report = review(BOARD.format(rows=rows))
    assert status(report, "C09") == "missing"
    assert any(f.code == "M01" for f in report.findings)
    # one plain but checkable answer among them makes it a mix, not nothing
    mixed = rows + "| Outage | Orders fall back to the old pick list |\n"
    assert status(review(BOARD.format(rows=mixed)), "C09") == "weak"


def test_risks_named_only_by_kind_in_a_claim_are_vague() -> None:
    text = ("# Assurance\n\nMain risks, such as late alerts and duplicate tickets, were "
            "assessed and mitigated by the operations group.\n")
    assert any(f.code == "M01" for f in review(text).findings)


def test_a_risks_lead_in_line_heads_the_list_below_it() -> None:
    from dcrdraft.review.checks.risk_entries import entries
    from dcrdraft.review.context import Context
    text = ("# Intake questionnaire\n\n**5. Main risks and mitigations**\n"
            "- Wrong aisle suggested to pickers → every pick list is checked against the "
            "shelf map before printing.\n- Scanner outage → pickers fall back to paper lists."
            "\n\n**6. Who uses it**\n- Night-shift pickers at two depots.\n")
    es = entries(Context.of(read_text(text, "x.md", "markdown")))
    assert [e.title[:12] for e in es] == ["Wrong aisle ", "Scanner outa"]


def test_a_control_qualified_only_by_a_vague_cadence_is_generic() -> None:
    from dcrdraft.review.facts.risks import MECHANISM, unqualified
    assert not MECHANISM.search(unqualified("We address this through regular retraining."))
    assert not MECHANISM.search(unqualified("Handled by periodic audits of the queue."))
    assert MECHANISM.search(unqualified("Weekly retraining on the last 90 days of labels."))
    report = review("# Limitations\n\nThe tagger may mislabel new product lines. We address "
                    "this through regular retraining.\n")
    assert any(f.code == "M01" for f in report.findings)


def test_a_generic_answer_is_judged_apart_from_the_risk_it_answers() -> None:
    # "routing" names the risk, not a control: the answer after it says nothing concrete
    text = ("# Risks\n\n- Couriers may learn to game the routing order once they notice it. "
            "We'll monitor.\n- Parcels left at the wrong door. Drivers photograph every "
            "doorstep drop and support reviews 50 photos a week.\n")
    report = review(text)
    assert any(f.code == "M01" for f in report.findings)
    assert status(report, "C09") == "weak"


def test_risk_as_what_a_model_predicts_or_a_team_is_named_no_risk() -> None:
    from dcrdraft.review.checks.unregistered_risks import names_risk
    assert names_risk("The main risk is stale prices after a supplier change.")
    assert names_risk("A risk of double charging remains for split orders.")
    assert not names_risk("The tool gives each patient a risk score from recent vitals.")
    assert not names_risk("Quotes reflect a finer view of risk than before.")
    assert not names_risk("Credit Risk checks the arrears rate for every monthly group.")
    assert not names_risk("Customers at risk of leaving get a call.")


def test_a_forms_answer_about_risks_is_judged_as_prose() -> None:
    from dcrdraft.review.context import Context
    from dcrdraft.review.facts.risks import answered_questions
    form = ("# Intake form\n\n| # | Question | Response |\n|---|---|---|\n"
            "| 4 | What are the main risks? | {a} |\n| 5 | Who uses it? | Depot planners. |\n")

    def said(answer: str) -> list[str]:
        ctx = Context.of(read_text(form.format(a=answer), "x.md", "markdown"))
        return [r.response for r in answered_questions(ctx)]

    assert said("Data and model risk, handled through our established risk framework.") \
        == ["generic"]
    assert said("Stale prices; any price 20% off the shelf price is held for a buyer.") \
        == ["concrete"]


def test_caveats_a_disclaimer_opens_identify_no_risk() -> None:
    caveats = ("# Known limitations\n\n- As with any forecasting tool, the planner may not "
               "always be right in unusual weeks.\n- Results depend on the quality of the "
               "till data it is given.\n- Planners should use the forecast alongside their "
               "own experience.\n")
    assert status(review(caveats), "C08") == "missing"
    named = caveats + "- The main risk is understocking fresh lines before bank holidays.\n"
    assert status(review(named), "C08") == "weak"
    measured = caveats + ("- Stock counts older than 3 days lower accuracy by 4%, and by 9% "
                          "for chilled lines, where a short count leaves the shelf empty by "
                          "noon.\n- Stores that receive two deliveries a day see the forecast "
                          "run 6% high on the second delivery, so chilled waste rises when "
                          "managers order to it.\n")
    assert status(review(measured), "C08") == "weak"


def test_limitations_and_requirements_are_no_mechanism() -> None:
    from dcrdraft.review.facts.risks import MECHANISM
    assert not MECHANISM.search("Harbour Freight Limited is registered in Scotland.")
    assert not MECHANISM.search("The card lists the known limitations of the sorter.")
    assert not MECHANISM.search("It meets the applicable accessibility requirements.")
    assert MECHANISM.search("Refunds are limited to 40 EUR without a second approver.")
    assert MECHANISM.search("Every refund above 40 EUR requires a second approver.")
    assert MECHANISM.search("The bot limits each answer to the filed policy text.")


def _fields(text: str) -> list[set[str]]:
    from dcrdraft.review.checks.risk_entries import entries
    from dcrdraft.review.context import Context
    return [e.fields for e in entries(Context.of(read_text(text, "x.md", "markdown")))]


def test_a_level_beside_the_risk_title_is_its_severity() -> None:
    text = ("# Risks\n\n**K1 — Ferry timetable shown a day late (High).** Mitigation: the feed "
            "is re-pulled every 15 minutes and a stale feed hides the board. Owner: L. Brandt.\n\n"
            "**K2 — Wrong platform announced — Medium.** Mitigation: announcements are read "
            "from the signalling log, never typed. Owner: L. Brandt.\n\n"
            "**K3 — Kiosk outage.** Residual: low. Mitigation: paper timetables stay posted "
            "at every pier. Owner: O. Sayer.\n")
    found = _fields(text)
    assert ["severity" in f for f in found] == [True, True, False]
    assert status(review(text), "C08") == "pass"


def test_register_headers_that_rate_before_and_after_or_pair_action_and_owner() -> None:
    text = ("# Risks\n\n| ID | Hazard | Inherent | Action and owner | Residual |\n"
            "|---|---|---|---|---|\n"
            "| H1 | Crane load over the limit | High | Load cell cuts the hoist at 95% of rated "
            "load; yard lead T. Obi | Low |\n"
            "| H2 | Container misplaced in the stack | Medium | Every move is scanned at the "
            "gate; planner A. Ng | Low |\n\n"
            "| ID | Hazard | Rating (before → after mitigation) | Control | Owner |\n"
            "|---|---|---|---|---|\n"
            "| H3 | Reefer power lost | High → Low | Alarm pages the night electrician within "
            "2 minutes | P. Dahl |\n")
    found = _fields(text)
    assert len(found) == 3
    assert all({"severity", "mitigation", "residual"} <= f for f in found)
    assert "owner" in found[0] and "owner" in found[2]


def test_a_position_on_the_whole_is_a_bare_residual() -> None:
    doc = ("# Tram signal advisor\n\nThe advisor suggests a speed to each driver.\n\n"
           "# Risks\n\n{said}\n")
    for said in ("Every identified risk sits within the operator's risk appetite.",
                 "The hazards have been brought down to an acceptable level.",
                 "Overall programme risk: amber."):
        assert status(review(doc.format(said=said)), "C10") == "weak", said
    # a reading within a gauge's tolerance states no risk left over
    said = "Speeds shown were within tolerance of the track limit on all runs."
    assert status(review(doc.format(said=said)), "C10") == "missing"


def test_a_reasoned_overall_residual_passes_beside_a_register_without_one() -> None:
    text = ("# Risks\n\n| Risk | Severity | Mitigation | Owner |\n|---|---|---|---|\n"
            "| Greenhouse vents left shut | High | Vents open by timer if the sensor reads "
            "above 30 C | G. Lund |\n| Misread humidity | Medium | Two probes per bay; a gap "
            "over 5% pages the grower | G. Lund |\n\nResidual risk after these controls is low, "
            "since the vents also open by hand from the yard panel.\n")
    assert status(review(text), "C10") == "pass"
    bare = text.split("\n\nResidual")[0] + "\n\nResidual risk after these controls: low.\n"
    assert status(review(bare), "C10") == "weak"


def test_a_findings_table_rates_what_remains_of_each_finding() -> None:
    text = ("# Validation of the berth planner\n\n## Findings\n\n"
            "| ID | Finding | Severity | Required action | Owner | Residual |\n"
            "|---|---|---|---|---|---|\n"
            "| F1 | Tide tables a day stale on bank holidays | High | Feed checked every 6 "
            "hours; a stale feed blocks the plan | P. Roos | Low |\n"
            "| F2 | Tug availability ignored at night | Medium | Night plans go to the duty "
            "harbour master for sign-off | P. Roos | Low |\n")
    assert status(review(text), "C10") == "pass"


def test_an_faq_question_on_what_goes_wrong_is_judged_by_its_answer() -> None:
    faq = ("# Ferry timetable helper: questions and answers\n\n## Who uses it?\n\nHarbour "
           "staff answering travellers at the ticket desk.\n\n## {q}\n\n{a}\n")
    generic = "The crossings team will watch it closely and act quickly if anything looks odd."
    concrete = ("A wrong sailing time is the main error; every answer quoting a time is "
                "checked against the port schedule, and desk staff review 30 answers a week.")
    for q in ("What happens if the helper gets it wrong?", "What about mistakes?"):
        assert any(f.code == "M01" for f in review(faq.format(q=q, a=generic)).findings)
        assert not any(f.code == "M01" for f in review(faq.format(q=q, a=concrete)).findings)
    line = faq.replace("## {q}\n\n{a}", "**Q: What if something goes wrong?**\n{a}")
    assert any(f.code == "M01" for f in review(line.format(a=generic)).findings)
    residual = faq.format(q="What risk remains after these steps?", a=generic)
    assert not any(f.code == "M01" for f in review(residual).findings)


def test_a_risk_named_as_its_sentences_subject_and_a_promise_to_watch_it_is_vague() -> None:
    memo = ("# Pool camera go-live\n\nThe camera flags swimmers who stay still under water "
            "for more than 20 seconds.\n\n# What worries us\n\n{risk} We'll watch how it goes "
            "over the summer.\n")
    for risk in ("Another risk is that lifeguards lean on the camera and scan the pool less.",
                 "The concern here is that lifeguards scan the pool less."):
        assert any(f.code == "M01" for f in review(memo.format(risk=risk)).findings)


def test_a_risk_dashed_to_an_answer_that_only_keeps_it_under_review_is_vague() -> None:
    risks = ("# Risks\n\n- Tide table out of date — the harbour office will keep it under "
             "review.\n- Lens fouled by weed — divers clean the lens every Friday and log it.\n"
             "- Power lost at night — the buoy falls back to its battery for 12 hours.\n")
    hits = [f for f in review(risks).findings if f.code == "M01"]
    assert [f.line for f in hits] == [3]


def test_a_few_known_issues_identify_no_risk_but_a_limitations_account_does() -> None:
    notes = ("# Tram arrival board 4.2\n\nArrival times now come from the new signal feed.\n\n"
             "# {head}\n\n- Night trams after 01:00 sometimes show twice.\n- The stop "
             "name is cut short on the old screens.\n")
    assert status(review(notes.format(head="Known issues")), "C08") == "missing"
    assert status(review(notes.format(head="Known issues and risks")), "C08") == "weak"
    long = notes.format(head="Known issues") + (
        "- During snow the feed lags, and arrival times run up to four minutes early for the "
        "outer stops, so riders waiting there can miss a tram they were told was still "
        "coming; the depot has seen this on six nights this winter.\n")
    assert status(review(long), "C08") == "weak"


def test_a_control_with_its_cadence_or_its_named_owner_is_concrete() -> None:
    from dcrdraft.review.checks.risk_entries import entries
    from dcrdraft.review.checks.risk_mitigations import specific
    from dcrdraft.review.context import Context
    from dcrdraft.review.facts.risks import MECHANISM
    table = ("# Risks\n\n| Risk | Level | Mitigation |\n|---|---|---|\n"
             "| Stale pollen counts | Medium | {a} |\n")

    def concrete(answer: str) -> bool:
        es = entries(Context.of(read_text(table.format(a=answer), "x.md", "markdown")))
        return specific(es[0])

    assert concrete("Recalibrate weekly") and concrete("Sensor audit monthly")
    assert not concrete("Periodic recalibration") and not concrete("Ongoing monitoring")
    listed = ("# Risks\n\n- Sensor offline — readings pause and the map greys out "
              "(owner: M. Adeyemi).\n- Wrong station shown — station list checked at each "
              "release (owner: K. Lund).\n")
    es = entries(Context.of(read_text(listed, "x.md", "markdown")))
    assert len(es) == 2 and all(map(specific, es))
    assert MECHANISM.search("the feed falls back to yesterday's readings")


MIXED = ("# Risks\n\n| Risk | Severity | Mitigation | Owner |\n|---|---|---|---|\n"
         "| Robot drops fragile items | High | Grip force capped at 8 N for items flagged "
         "fragile | K. Ames |\n"
         "| Picker walks into a robot aisle | High | Aisle gates lock while a robot is inside "
         "| L. Brand |\n"
         "| Wrong bin scanned | Medium | Second scan required for every bin over 20 kg | "
         "M. Cole |\n"
         "| Battery wear | Low | {last} | N. Dale |\n")


def test_one_mitigation_in_words_that_answer_nothing_makes_a_register_a_mix() -> None:
    assert status(review(MIXED.format(last="Ongoing monitoring and regular review")),
                  "C09") == "weak"


def test_a_mitigation_answered_elsewhere_leaves_the_register_concrete() -> None:
    assert status(review(MIXED.format(last="See the charging plan below")), "C09") == "pass"


def test_a_ticket_header_rating_the_change_names_no_risk() -> None:
    ticket = ("# CHG-2231 — Move the shelf camera to release 5.2\n\n**Type:** Normal change · "
              "**Risk:** Medium · **Board:** 2026-02-03 (approved)\n**Requested by:** Ana Ruiz"
              "\n\n## Description\nThe shelf camera's detector moves to release 5.2 in all "
              "stores.\n\n## Justification\nRecall 91% against 84% for release 5.1 on 2,000 "
              "shelf photos.\n\n## Implementation plan\n1. Deploy release 5.2 to the store "
              "fleet at 06:00.\n\n## Backout plan\nRedeploy release 5.1 from the fleet "
              "console.\n")
    assert status(review(ticket), "C08") == "missing"


def test_a_claim_that_unnamed_risks_are_handled_is_no_register() -> None:
    memo = ("# Kiosk launch note\n\nThe ticket kiosk sells day passes at the two ferry "
            "piers.\n\n# Readiness\n\n| Stream | Status | Comment |\n|---|---|---|\n"
            "| Risk | Green | Risks identified and mitigated |\n| Training | Amber | Rota "
            "drafted |\n")
    assert status(review(memo), "C08") == "missing"


CHAT = ("Ferry app go-live chat\n\n[08:02] Ines: the timetable scraper is ready for the "
        "summer season, all harbours loaded.\n[08:05] Karl: {said}\n[08:09] Ines: noted, "
        "we go live on Monday.\n")


def test_a_worry_voiced_in_a_chat_names_a_risk() -> None:
    said = "what worries me is the app quoting old departures after a mid-season change."
    assert status(review(CHAT.format(said=said)), "C08") == "weak"


def test_a_worry_felt_by_a_user_names_no_risk() -> None:
    said = "a passenger was worried after the delay notice, so I phoned her back."
    assert status(review(CHAT.format(said=said)), "C08") == "missing"
