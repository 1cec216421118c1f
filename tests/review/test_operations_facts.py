"""Operations facts and the judgments over them: monitoring signals (metric, window, threshold,
action), rollback triggers (a figure or a named incident type; automatic or manual) and the
rollback test record (executed, tabletop, planned, documented, undefined)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.errors import ConfigError
from dcrdraft.review import review_document
from dcrdraft.review.facts.monitoring import monitoring_signals
from dcrdraft.review.facts.rollback import rollback_records, rollback_triggers
from dcrdraft.review.models import FileReport
from tests.review.reviewing import ctx_of, review, status


def codes(report: FileReport) -> set[str]:
    return {f.code for f in report.findings}


def test_a_monitoring_table_row_is_one_signal_with_every_part(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Watching\n\n| Signal | Window | Red alert | Action |\n|---|---|---|---|\n"
                           "| Wrong-queue rate | 6-hour rolling | above 4% | Queue lead reroutes |\n")
    [sig] = monitoring_signals(ctx)
    assert (sig.metric, sig.window, sig.action) == ("Wrong-queue rate", "6-hour rolling",
                                                    "Queue lead reroutes")
    assert sig.threshold is not None and sig.threshold.value == 4.0
    assert sig.threshold.direction == "ceiling" and sig.line == 5 and sig.source == "table"
    assert sig.lacks() == []


def test_a_prose_signal_takes_metric_and_window_from_its_paragraph(tmp_path: Path) -> None:
    text = ("# Monitoring\n\nDraft acceptance rate is computed over 12-hour windows. "
            "The on-call editor is paged when it falls under 70%.\n")
    sigs = [s for s in monitoring_signals(ctx_of(tmp_path, text)) if s.threshold is not None]
    assert [(s.metric, s.window) for s in sigs] == [("Draft acceptance rate",
                                                     "over 12-hour windows")]
    assert sigs[0].threshold is not None and sigs[0].threshold.direction == "floor"
    assert sigs[0].lacks() == [] and sigs[0].quality
    assert status(review(tmp_path, text), "C11") == "pass"


def test_a_bare_figure_in_a_threshold_column_is_a_threshold(tmp_path: Path) -> None:
    report = review(tmp_path, "# Monitoring\n\n| Metric | Window | Threshold |\n|---|---|---|\n"
                              "| Match precision | daily | 0.9 |\n")
    assert "M05" not in codes(report) and status(report, "C11") == "weak"


@pytest.mark.parametrize("text", [
    "# Monitoring\n\nWe will keep a close watch on quality and respond quickly.\n",
    "# Monitoring\n\nMonitoring thresholds have not been agreed yet.\n",
])
def test_watching_closely_or_nothing_is_no_plan(tmp_path: Path, text: str) -> None:
    report = review(tmp_path, text)
    assert status(report, "C11") == "missing" and "M05" in codes(report)


def test_a_threshold_without_an_action_is_weak(tmp_path: Path) -> None:
    report = review(tmp_path, "# Monitoring\n\n| Metric | Window | Threshold |\n|---|---|---|\n"
                              "| Draft acceptance rate | weekly | below 70% |\n")
    assert status(report, "C11") == "weak"
    report = review(tmp_path, "# Monitoring\n\n| Metric | Window | Threshold | Red alert |\n"
                              "|---|---|---|---|\n| Draft acceptance rate | weekly | 70% | below 65% |\n")
    assert status(report, "C11") == "pass"  # a red-alert column says what happens
    report = review(tmp_path, "# Monitoring\n\nDraft acceptance rate is reported weekly and "
                              "expected to stay over 70%.\n")
    assert status(report, "C11") == "weak" and "M05" not in codes(report)


@pytest.mark.parametrize("text, kind, mode", [
    ("# Rollback\n\nAutomatic rollback if match precision drops below 88% over any 6-hour "
     "window.\n", "figure", "automatic"),
    ("# Rollback\n\nThe scheduler is switched off on any confirmed leak of staff rosters.\n",
     "incident", "unstated"),
    ("# Rollback\n\nManual rollback after a safety incident reported by a midwife.\n",
     "incident", "manual"),
])
def test_rollback_triggers_are_figures_or_named_incidents(tmp_path: Path, text: str, kind: str,
                                                          mode: str) -> None:
    [trig] = rollback_triggers(ctx_of(tmp_path, text))
    assert (trig.kind, trig.mode, trig.measurable) == (kind, mode, True)
    report = review(tmp_path, text)
    assert status(report, "C12") == "pass" and "M03" not in codes(report)


@pytest.mark.parametrize("text", [
    "# Rollback\n\nRollback triggers: TBD\n",
    "# Rollback\n\nThe rollback criteria are still to be defined.\n",
    "# Rollback\n\nWe can roll back if needed.\n\nRollback criteria: to be agreed.\n",
    # a statement that none exist names rollback, but is no mention of one
    "# Conditions\n\nNo launch conditions, alert levels or rollback triggers are defined.\n",
    "# Rollback\n\nThere are no rollback criteria yet.\n",
])
def test_tbd_rollback_is_missing_and_m03(tmp_path: Path, text: str) -> None:
    report = review(tmp_path, text)
    assert status(report, "C12") == "missing" and "M03" in codes(report)


@pytest.mark.parametrize("text", [
    "# Rollback\n\nWe would roll back if things went badly.\n",
    "# After launch\n\nThe old scorer stays deployed so we can switch back to it if needed.\n",
])
def test_a_rollback_named_without_a_trigger_is_weak_and_m03(tmp_path: Path, text: str) -> None:
    # The labelling conventions: "rollback mentioned with no trigger" is weak, not missing,
    # and still no rollback criterion.
    report = review(tmp_path, text)
    assert status(report, "C12") == "weak" and "M03" in codes(report)


@pytest.mark.parametrize("text, want", [
    ("# Rollback\n\nRehearsed on 2026-09-14 in staging: traffic was back on 3.1 in 4 minutes.\n",
     "executed"),
    ("# Rollback\n\nThe rollback was walked through in a tabletop exercise.\n", "tabletop"),
    ("# Rollback\n\nA rollback drill is scheduled for the week before launch.\n", "planned"),
    ("# Rollback\n\nRolling back is a single config change in the router.\n", "documented"),
    ("# Rollback\n\nRollback procedure: to be defined.\n", "undefined"),
])
def test_rollback_records_by_status(tmp_path: Path, text: str, want: str) -> None:
    records = rollback_records(ctx_of(tmp_path, text))
    assert [r.status for r in records] == [want]


def test_an_executed_record_carries_when_where_and_outcome(tmp_path: Path) -> None:
    [rec] = rollback_records(ctx_of(
        tmp_path, "# Rollback\n\nRehearsed on 2026-09-14 in staging: traffic was back on 3.1 "
                  "in 4 minutes.\n"))
    assert (rec.when, rec.where, rec.line) == ("2026-09-14", "staging", 3)
    assert rec.outcome is not None and rec.details == 3


@pytest.mark.parametrize("text, want", [
    ("# Rollback\n\nRehearsed on 2026-09-14 in staging: traffic was back on 3.1 in 4 minutes.\n",
     "pass"),
    ("# Rollback\n\nThe rollback was walked through in a tabletop exercise.\n", "weak"),
    ("# Rollback\n\nA rollback drill is scheduled for the week before launch.\n", "weak"),
    ("# Rollback\n\nRollback procedure: to be defined.\n", "missing"),
    ("# Rollback\n\nThe rollback has been rigorously tested.\n", "missing"),
])
def test_c13_grades_the_record(tmp_path: Path, text: str, want: str) -> None:
    assert status(review(tmp_path, text), "C13") == want


def test_a_rehearsal_of_something_else_is_no_rollback_record(tmp_path: Path) -> None:
    records = rollback_records(ctx_of(tmp_path, "# Evaluation\n\nThe model was tested on "
                                                "3,000 held-out invoices.\n"))
    assert records == []


def test_an_unknown_signal_part_is_a_located_error(tmp_path: Path) -> None:
    from dcrdraft.review.rubric import load_rubric

    rubric = tmp_path / "mine.yaml"
    rubric.write_text("family: checklist\nrules:\n  - code: C11\n    check: monitoring_plan\n"
                      "    params: {require: [metric, windw]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mine\.yaml:5: C11\.params\.require: unknown value "
                                          r"'windw'; did you mean 'window'\?"):
        load_rubric([rubric])


def _x04(text: str) -> list[int]:
    from dcrdraft.ingest import read_text

    report = review_document(read_text(text, "x.md", "markdown"))
    return [f.line for f in report.findings if f.code == "X04"]


def test_x04_reads_the_red_alert_and_the_trigger_from_facts() -> None:
    table = ("# Monitoring\n\n| Metric | Window | Amber | Red |\n|---|---|---|---|\n"
             "| Refund error rate | daily | > 1.5% | > 2% |\n\n# Rollback\n\n"
             "Roll back if the refund error rate exceeds {x}% on any day.\n")
    assert _x04(table.format(x=9)) == [9]
    assert _x04(table.format(x=2.5)) == []
    # Prose: the figure after the red word is the red alert, not the warning before it.
    prose = ("# Monitoring\n\nRefund error rate, daily: warn above 1.5%, critical above 6%.\n\n"
             "# Rollback\n\nRoll back if the refund error rate exceeds 6% on any day.\n")
    assert _x04(prose) == []
    # Figures in different units are never compared.
    units = ("# Monitoring\n\nLatency p95: red alert above 2 s over 5 minutes.\n\n# Rollback\n\n"
             "Roll back if latency p95 exceeds 900 ms for 10 minutes.\n")
    assert _x04(units) == []


def _m05(text: str) -> bool:
    from dcrdraft.ingest import read_text
    report = review_document(read_text(text, "x.md", "markdown"))
    return any(f.code == "M05" for f in report.findings)


def test_a_trigger_with_metric_window_and_figure_is_a_watched_signal() -> None:
    text = ("# Go-live\n\nThe router sends parcels to depots from 1 May.\n\n"
            "Weekly audit of 200 routed parcels. Switch routing back to manual if "
            "misroutes go above 4% two weeks running.\n")
    assert not _m05(text)


def test_a_trigger_does_not_excuse_monitoring_said_vaguely() -> None:
    text = ("# Go-live\n\nThe router sends parcels to depots from 1 May.\n\n"
            "# Monitoring\n\nWe will monitor the router closely after launch.\n\n"
            "# Rollback\n\nSwitch routing back to manual if misroutes go above 4% in any "
            "week.\n")
    assert _m05(text)


def test_a_trigger_without_a_window_is_no_monitoring() -> None:
    text = ("# Go-live\n\nThe router sends parcels to depots from 1 May.\n\n"
            "Switch routing back to manual if misroutes go above 4%.\n")
    assert _m05(text)


def test_keeping_a_close_eye_is_vague_monitoring() -> None:
    text = ("# Go-live\n\nThe router sends parcels to depots from 1 May.\n\n"
            "# Monitoring\n\nWe will keep a close eye on the router after launch.\n\n"
            "# Rollback\n\nSwitch routing back to manual if misroutes go above 4% in any "
            "week.\n")
    assert _m05(text)


@pytest.mark.parametrize("verb", ["pull auto-routing", "pull the routing flag"])
def test_pulling_the_automation_is_a_rollback(verb: str) -> None:
    from dcrdraft.ingest import read_text
    text = ("# Go-live\n\nThe router sends parcels to depots from 1 May.\n\n"
            f"Weekly audit of 200 routed parcels; we {verb} if misroutes go above 4% two "
            "weeks running.\n")
    report = review_document(read_text(text, "x.md", "markdown"))
    item = report.item("C12")
    assert item is not None and item.status == "pass"
    assert not any(f.code in ("M03", "M05") for f in report.findings)


@pytest.mark.parametrize("text", [
    "# After launch\n\nIf the weekly miss rate goes above 4%, we pin the service back to 2.1.\n",
    "# After launch\n\nIf the weekly miss rate goes above 4%, the old ranker is reinstated.\n",
    "# After launch\n\nIf the weekly miss rate goes above 4%, we route all cases to the manual "
    "queue.\n",
    "# After launch\n\nIf the weekly miss rate goes above 4%, scoring in that region is paused.\n",
])
def test_putting_the_old_system_back_is_a_rollback_trigger(tmp_path: Path, text: str) -> None:
    [t] = rollback_triggers(ctx_of(tmp_path, text))
    assert t.kind == "figure" and t.measurable and not t.absent


def test_a_trigger_set_against_a_measured_comparator_is_relative(tmp_path: Path) -> None:
    [t] = rollback_triggers(ctx_of(tmp_path, "# After launch\n\nIf the approval error rate is "
                                   "above the control group's for two weeks running, we "
                                   "revert to the previous model.\n"))
    assert t.kind == "relative" and t.measurable


def test_the_criteria_sentence_of_a_rollback_paragraph_is_a_trigger(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Live running\n\nRollback means turning the ranker off. Criteria "
                           "agreed: click-through below 2% over any 3-day window.\n")
    assert [t.kind for t in rollback_triggers(ctx)] == [None, "figure"]


def test_a_heading_that_names_the_rollback_owns_its_conditions(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Plan\n\n## Handing a belt back to manual sorting\n\n"
                           "- Missed-defect rate above 2% over one shift\n")
    [t] = rollback_triggers(ctx)
    assert t.kind == "figure" and t.measurable


def test_an_untested_switch_does_not_make_its_trigger_absent(tmp_path: Path) -> None:
    [t] = rollback_triggers(ctx_of(tmp_path, "# Rollback\n\nIf weekly recall falls below 80% "
                                   "the flag is switched off; the flip is not yet rehearsed.\n"))
    assert t.kind == "figure" and not t.absent
    [u] = rollback_triggers(ctx_of(tmp_path, "# Rollback\n\nRollback criteria are not yet "
                                   "defined.\n"))
    assert u.absent


def test_an_error_counts_as_an_incident_type_only_when_graded(tmp_path: Path) -> None:
    [t] = rollback_triggers(ctx_of(tmp_path, "# Conditions\n\nAny serious misread of a dose "
                                   "field: we switch extraction off.\n"))
    assert t.kind == "incident"
    [u] = rollback_triggers(ctx_of(tmp_path, "# Conditions\n\nIf there is an error we switch "
                                   "extraction off.\n"))
    assert u.kind is None


@pytest.mark.parametrize("text", [
    "# Guardrails\n\nTurning the scorer off is a single setting in the case tool; it has not been "
    "tried on live traffic.\n",
    "# Rollback\n\nSwitching is a configuration change in the job scheduler; not yet exercised.\n",
    "# After launch\n\nIf recall drops under 80% in a week we pin the app back to 3.1 (one-click "
    "in the release console).\n",
])
def test_a_rollback_described_by_its_instrument_is_a_documented_procedure(
        tmp_path: Path, text: str) -> None:
    assert [r.status for r in rollback_records(ctx_of(tmp_path, text))] == ["documented"]


def test_a_run_after_but_counts_as_the_test(tmp_path: Path) -> None:
    [r] = rollback_records(ctx_of(tmp_path, "# Guardrails\n\nReverting is one toggle; it is not "
                                  "yet tried live, but it was run in the UAT stack on 4 March."))
    assert r.status == "executed" and r.when == "4 March"


def test_a_bare_untested_rollback_is_no_procedure(tmp_path: Path) -> None:
    assert rollback_records(ctx_of(tmp_path, "# Rollback\n\nRollback has not been tested.\n")) == []


def test_a_rollback_trigger_on_a_metric_is_some_monitoring(tmp_path: Path) -> None:
    report = review(tmp_path, "# After launch\n\nIf the weekly complaint rate goes above 2%, we "
                              "switch the chatbot off.\n")
    assert status(report, "C11") == "weak" and status(report, "C12") == "pass"
    bare = review(tmp_path, "# After launch\n\nWe can switch the chatbot off if needed.\n")
    assert status(bare, "C11") == "missing"


def test_a_metric_takes_the_cadence_its_paragraph_reviews_it_on(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Operating notes\n\nThe dashboard shows approval rate and "
                           "complaint volume. The duty manager reviews it daily.\n")
    assert any(s.metric and s.window == "daily" for s in monitoring_signals(ctx))


@pytest.mark.parametrize("text", [
    "# Operations\n\nThe earlier model is kept, so it can be re-activated when we must.\n",
    "# Operations\n\nThe previous release can be restored should that be necessary.\n",
    "# Safeguards\n\nWe can pause the service if needed.\n",
])
def test_a_rollback_named_without_a_trigger_is_weak(tmp_path: Path, text: str) -> None:
    report = review(tmp_path, text)
    assert status(report, "C12") == "weak" and "M03" in codes(report)


def test_the_first_weeks_after_launch_are_a_window(tmp_path: Path) -> None:
    [t] = rollback_triggers(ctx_of(tmp_path, "# After go-live\n\nIf upheld appeals go above 10% "
                                   "in the first four weeks after launch, we switch scoring off.\n"))
    assert t.window == "in the first four weeks" and t.measurable


@pytest.mark.parametrize("text", [
    "# Notes\n\n**Rollback:** shops go back to 4.1 (kept on the spare slot). Spare-slot boot "
    "tested on till 7 on 3 March.\n",
    "# Plan\n\n## Rehearsal of the fallback\n\nOn 2 May the desk ran a full day on the paper "
    "forms.\n",
    "# Guardrails\n\nSwitching back is a flag flip; we did it in staging on 4 March.\n",
])
def test_a_rollback_test_said_plainly_is_executed(tmp_path: Path, text: str) -> None:
    assert "executed" in [r.status for r in rollback_records(ctx_of(tmp_path, text))]


def test_an_undated_test_of_something_else_beside_a_rollback_is_none(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Safety\n\nThe service was tested for robustness under heavy load. "
                           "The platform offers rollback capability.\n")
    assert "executed" not in [r.status for r in rollback_records(ctx)]


def test_a_table_row_takes_its_window_from_a_cell_or_the_lead_in(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Monitoring\n\nAlerts are computed every 6 hours over the trailing "
                           "day of traffic:\n\n| Measure | Warn | Page |\n|---|---|---|\n"
                           "| Wrongful decline share | > 1% | > 2% |\n")
    [sig] = [s for s in monitoring_signals(ctx) if s.source == "table"]
    assert sig.window == "every 6 hours" and sig.quality
    ctx = ctx_of(tmp_path, "# Monitoring\n\n| Metric | How measured | Red | Action |\n"
                           "|---|---|---|---|\n| Misrouted parcel rate | Daily sample of 300 | "
                           "> 2% | revert within 2 hours |\n")
    [sig] = monitoring_signals(ctx)
    assert sig.window == "Daily"


def test_an_operational_metric_cell_is_no_quality_signal(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Monitoring\n\n| Metric | Window | Threshold |\n|---|---|---|\n"
                           "| p99 latency | 5-minute | > 300 ms |\n| Operator takeovers | 7-day "
                           "rolling | >= 3 |\n")
    assert [s.quality for s in monitoring_signals(ctx)] == [False, True]


def test_the_answer_to_a_question_about_the_rollback_test_is_its_record(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Vendor questions\n\n**Q7. Has the switch back to manual been "
                           "rehearsed?**\n\nYes. On 9 May in the training environment the feature "
                           "was disabled and enabled again.\n")
    assert [(r.status, r.when) for r in rollback_records(ctx)] == [("executed", "9 May")]


@pytest.mark.parametrize("text", [
    # the window in the sentence before, in the same paragraph: the check's cadence
    "# Safeguards\n\nEvery week the desk samples 50 closed claims. If more than 4 are wrong, "
    "we switch the scorer off.\n",
    # a window said as a part of the day
    "# Guardrails\n\nIf the error share goes above 3% on any morning, we switch back to the "
    "old planner.\n",
])
def test_a_figure_trigger_takes_its_window_from_its_paragraph(tmp_path: Path, text: str) -> None:
    triggers = [t for t in rollback_triggers(ctx_of(tmp_path, text)) if t.kind == "figure"]
    assert triggers and triggers[0].window is not None and triggers[0].measurable
    assert status(review(tmp_path, text), "C12") == "pass"


def test_a_window_from_another_paragraph_or_a_table_is_not_the_triggers(tmp_path: Path) -> None:
    text = ("# Safeguards\n\nEvery week the desk samples 50 closed claims.\n\n"
            "If more than 4 are wrong, we switch the scorer off.\n")
    triggers = [t for t in rollback_triggers(ctx_of(tmp_path, text)) if t.kind == "figure"]
    assert triggers and triggers[0].window is None


def test_a_confirmed_report_of_a_named_wrong_field_is_an_incident_trigger(tmp_path: Path) -> None:
    text = ("# Letters\n\nIf a customer reports a renewal letter with a wrong premium "
            "and the pricing team confirms it, we switch the generated letters off that day.\n")
    triggers = rollback_triggers(ctx_of(tmp_path, text))
    assert any(t.kind == "incident" for t in triggers)
    report = review(tmp_path, text)
    assert status(report, "C12") == "pass" and "M03" not in codes(report)
    vague = "# Letters\n\nIf customers report problems, we switch the generated letters off.\n"
    assert status(review(tmp_path, vague), "C12") != "pass"


def test_work_switched_over_to_what_ran_before_is_a_rollback(tmp_path: Path) -> None:
    text = ("# Actions\n\nIf the monthly hit rate is still under 30% in June, switch all parcel "
            "routing to the old rule table.\n")
    triggers = rollback_triggers(ctx_of(tmp_path, text))
    assert triggers and triggers[0].measurable
    assert not rollback_triggers(ctx_of(tmp_path, "# Plan\n\nIn June we switch all parcel "
                                                   "routing to the new planner.\n"))


@pytest.mark.parametrize("said", [
    "Backout: the switch-off is in runbook OPS-7; it has never been tested.",
    "Backout means we set autoprice_enabled=false for the region; the backout itself was "
    "not separately tested.",
])
def test_a_procedure_said_untested_is_still_a_procedure(tmp_path: Path, said: str) -> None:
    text = f"# Release\n\nThe pricing rules ship on 3 May.\n\n{said}\n"
    records = rollback_records(ctx_of(tmp_path, text))
    assert [r.status for r in records] == ["documented"]
    assert status(review(tmp_path, text), "C13") == "weak"
    bare = "# Release\n\nA flag is shown beside each price the rules changed; nothing was tested.\n"
    assert status(review(tmp_path, bare), "C13") == "missing"


def test_a_control_plan_table_names_its_limits_and_its_reaction(tmp_path: Path) -> None:
    text = ("# Control plan\n\n| Indicator | Window | Warning | Intervention | Reaction |\n"
            "|---|---|---|---|---|\n| Rejected-part share | per shift | > 1% | > 2% | Line lead "
            "stops auto-accept |\n")
    signals = monitoring_signals(ctx_of(tmp_path, text))
    assert signals and not signals[0].lacks()
    assert status(review(tmp_path, text), "C11") == "pass"


@pytest.mark.parametrize("text", [
    # a single case of a named kind is the trigger, however the case is described
    "# Kill switch\n\nWe turn the matcher off after any confirmed case of a tenant shown "
    "another tenant's file.\n",
    "# Safeguards\n\nIf the weekly audit finds any stage-3 case that the reader marked as clear, "
    "we switch the reader off.\n",
    "# Backout\n\nBackout trigger: any bank account number found unmasked in an exported "
    "letter.\n",
    "# Backout\n\nIf an overpaid benefit is traced to a suggested figure (any single case), "
    "suggestions are withdrawn.\n",
    "# Fallback\n\nIf three or more upheld complaints in a quarter involve a scored "
    "application, scoring reverts to the manual rules.\n",
])
def test_a_single_case_of_a_named_kind_is_an_incident_trigger(tmp_path: Path,
                                                              text: str) -> None:
    assert any(t.kind == "incident" for t in rollback_triggers(ctx_of(tmp_path, text)))
    report = review(tmp_path, text)
    assert status(report, "C12") == "pass" and "M03" not in codes(report)


def test_a_case_in_general_is_no_incident_type(tmp_path: Path) -> None:
    text = "# Rollback\n\nIn that case we can roll back to the old rules if needed.\n"
    assert not any(t.kind == "incident" for t in rollback_triggers(ctx_of(tmp_path, text)))


def test_a_rollback_only_claimed_to_exist_describes_no_procedure(tmp_path: Path) -> None:
    bare = ("# Operations\n\nRollback arrangements are fully documented, in line with our "
            "usual release standards.\n")
    assert not rollback_records(ctx_of(tmp_path, bare))
    assert status(review(tmp_path, bare), "C13") == "missing"
    # the same claim with its instrument is a procedure described
    said = ("# Operations\n\nRollback arrangements are in place: the scorer flag is set back "
            "to the old rules in the admin console.\n")
    assert status(review(tmp_path, said), "C13") == "weak"


@pytest.mark.parametrize("text, found", [
    ("- [x] Rollback rehearsed in staging on 4 March", None),
    ("[X] Switch-back drill done, 12 minutes", None),
    ("1. [ ] Canary dashboard built", None),
    ("Recall on the holdout was [X]%", "[X]"),
    ("Owner: [Name]", "[Name]"),
])
def test_a_task_box_is_a_status_not_a_placeholder(text: str, found: str | None) -> None:
    from dcrdraft.review.absence import placeholder_in

    m = placeholder_in(text)
    assert (m.group(0) if m else None) == found


def test_a_ticked_rollback_test_is_not_read_as_a_placeholder_trigger(tmp_path: Path) -> None:
    # The box is what the author ticked; the trigger it lacks is a figure, not a value to fill.
    report = review(tmp_path, "# Launch checklist\n\n- [x] Rollback rehearsed in staging on "
                              "4 March, traffic back on the old model in 6 minutes\n")
    m03 = [f.message for f in report.findings if f.code == "M03"]
    assert m03 and all("placeholder" not in m for m in m03)
    assert status(report, "C13") == "pass"


@pytest.mark.parametrize("text", [
    "# Go-live checklist\n\n| Item | Owner | State |\n|---|---|---|\n"
    "| Failover drill of the seat-booking engine | Ravi | booked for 14 Feb, in progress |\n",
    "# Actions\n\n- Priya: switch-off rehearsal on the live scheduler\n",
    "# Decisions\n\nRevert to the old matcher exercised in staging, due 9 October.\n",
    "# Backout\n\nBackout tested in the sandbox: to be confirmed.\n",
])
def test_a_rollback_test_still_to_do_is_planned_not_run(tmp_path: Path, text: str) -> None:
    assert {r.status for r in rollback_records(ctx_of(tmp_path, text))} == {"planned"}
    assert status(review(tmp_path, text), "C13") == "weak"


def test_a_test_with_its_outcome_was_run_whatever_else_its_line_says(tmp_path: Path) -> None:
    text = ("# Open items\n\nRollback drill done 3 June: the kiosks were back on 2.2 in 7 minutes; "
            "no pending orders lost.\n")
    [r] = rollback_records(ctx_of(tmp_path, text))
    assert r.status == "executed"


def test_a_heading_saying_the_fallback_was_never_rehearsed_reports_no_test(
        tmp_path: Path) -> None:
    text = ("# Finding 2: the return to paper rosters has never been rehearsed\n\n"
            "Management response agreed with the ward sisters.\n\nDue: 12 May 2026.\n")
    assert not [r for r in rollback_records(ctx_of(tmp_path, text)) if r.status == "executed"]
    assert status(review(tmp_path, text), "C13") != "pass"


@pytest.mark.parametrize("text", [
    "# Monitoring\n\nEach month a clerk re-reads a random sample of 60 closed parking appeals.\n",
    "# After launch\n\nThe kennel team reviews adoption-match feedback every week.\n",
])
def test_a_check_on_a_calendar_cadence_is_monitoring_without_a_threshold(
        tmp_path: Path, text: str) -> None:
    assert status(review(tmp_path, text), "C11") == "weak"


@pytest.mark.parametrize("text", [
    "# After launch\n\nThe matcher is monitored continuously in real time by the data team.\n",
    "# After launch\n\nModel performance will be tracked and reported to the board quarterly.\n",
])
def test_continuous_or_bare_performance_monitoring_is_no_plan(tmp_path: Path, text: str) -> None:
    assert status(review(tmp_path, text), "C11") == "missing"


@pytest.mark.parametrize("text", [
    "# After launch\n\nEach quarter a librarian re-checks a random sample of 40 new catalogue "
    "records.\n",
    "# After launch\n\nWeekly: share of bookings moved by hand, guest complaints per 100 stays.\n",
    "# After launch\n\nEvery term the registrar samples 30 graded scripts from each subject.\n",
])
def test_a_cadence_leading_its_check_is_monitoring_without_a_threshold(
        tmp_path: Path, text: str) -> None:
    assert status(review(tmp_path, text), "C11") == "weak"


def test_a_meeting_on_a_cadence_is_no_check(tmp_path: Path) -> None:
    text = "# After launch\n\nQuarterly governance reviews with the museum's trustees.\n"
    assert status(review(tmp_path, text), "C11") == "missing"


@pytest.mark.parametrize("text", [
    "# Backout\n\nRe-install build 7.4 on the kiosks from the depot share.\n",
    "# Backout\n\nSet the ranker version back to 2.9 and restart the nightly job (about 20 min).\n",
    "# Release\n\nRollback to 3.1.2 is supported by the package mirror.\n",
])
def test_a_step_naming_the_version_it_puts_back_is_a_documented_procedure(
        tmp_path: Path, text: str) -> None:
    assert [r.status for r in rollback_records(ctx_of(tmp_path, text))] == ["documented"]
    assert status(review(tmp_path, text), "C13") == "weak"


def test_reverting_to_some_previous_version_names_no_procedure(tmp_path: Path) -> None:
    text = "# Release\n\nThe platform can revert to a previous version where required.\n"
    assert status(review(tmp_path, text), "C13") == "missing"


def test_a_version_someone_may_go_back_to_is_no_procedure(tmp_path: Path) -> None:
    text = "# Release\n\nIf trouble appears we might consider rolling back to 5.2.\n"
    assert status(review(tmp_path, text), "C13") == "missing"


@pytest.mark.parametrize("text", [
    "# After launch\n\nIf the weekly match rate drops under 60%, the desk goes back to "
    "Shelver v2.\n",
    "# After launch\n\nIf more than 4 in 50 sampled tickets are misfiled in a month, we will "
    "stop the auto-filing and sort by hand.\n",
])
def test_stopping_the_use_or_going_back_is_a_rollback_trigger(tmp_path: Path,
                                                               text: str) -> None:
    [trigger] = rollback_triggers(ctx_of(tmp_path, text))
    assert trigger.kind == "figure"
    report = review(tmp_path, text)
    assert status(report, "C12") == "pass" and "M03" not in codes(report)
