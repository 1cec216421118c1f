"""Judgments are predicates over facts: content-free claims earn nothing, thin-but-real
segment figures are weak, a risk answered only generically is Mistake 1 wherever written."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.review import review_document
from tests.review.reviewing import review, status

CONTENT_FREE = """# Clearance: Vesta scheduler

## Summary
Vesta is a tool that proposes shift rosters for ward managers. It delivers best-in-class
performance and was extensively validated. All results are statistically robust.

## Fairness
Because Vesta was trained on broad and representative data, it treats all groups fairly.

## Legal
Vesta complies with all applicable regulations.

## Decision
We recommend going ahead.
"""


def test_boilerplate_earns_nothing_above_the_conventions_weak(tmp_path: Path) -> None:
    report = review(tmp_path, CONTENT_FREE)
    # fairness asserted without figures is the conventions' own example of a weak C15, and
    # compliance asserted generically of a weak C17
    assert status(report, "C15") == "weak"
    assert status(report, "C17") == "weak"


def test_a_single_prose_segment_figure_is_weak(tmp_path: Path) -> None:
    report = review(tmp_path, "# Results\n\nOverall recall is 0.81 against 0.74 for the "
                              "previous rules, though recall drops to about 0.6 on weekends.\n")
    assert status(report, "C05") == "weak"
    assert "M04" not in {f.code for f in report.findings}


def test_headline_without_comparator_is_m02_even_when_c03_is_not_clean(tmp_path: Path) -> None:
    report = review(tmp_path, "# Notes\n\nOn the pilot, mean absolute error came in at 0.23 "
                              "kWh per meter-day.\n")
    assert "M02" in {f.code for f in report.findings}
    assert status(report, "C04") != "pass"


def test_prose_risk_with_a_generic_answer_is_m01(tmp_path: Path) -> None:
    report = review(tmp_path, "# Limitations\n\nThe bot may give outdated refund rules to "
                              "callers; agents should keep an eye on it.\n")
    assert "M01" in {f.code for f in report.findings}


def test_prose_risk_with_a_mechanism_is_not_m01(tmp_path: Path) -> None:
    report = review(tmp_path, "# Limitations\n\nThe bot may give outdated refund rules to "
                              "callers; refund answers are generated only from the policy "
                              "table, which is re-synced nightly.\n")
    assert "M01" not in {f.code for f in report.findings}


def test_a_product_name_doing_its_job_states_the_purpose() -> None:
    from dcrdraft.ingest import read_text
    from dcrdraft.review import review_document

    def c01(text: str) -> str:
        item = review_document(read_text(text, "x.txt", "text")).item("C01")
        assert item is not None
        return item.status

    notes = ("DEPOT OPS - review notes\n\nBackground\n----------\n"
             "Every night StockPilot builds the next day's replenishment list for each store, "
             "and the store manager confirms it in the morning.\n")
    assert c01(notes) == "pass"
    assert c01(notes.replace("StockPilot builds", "the stockpilot tool is used for")) != "pass"


@pytest.mark.parametrize("said", [
    "Below a confidence of 0.7 the form goes to the manual intake desk instead.",
    "A high score makes the kiosk ask for a supervisor approval before the refund.",
])
def test_a_hand_off_to_people_is_human_review_not_shown_ready(said: str) -> None:
    from dcrdraft.ingest import read_text
    from dcrdraft.review import review_document
    text = f"# Overview\n\nThe reader sorts incoming refund forms by type.\n\n# Operation\n\n{said}\n"
    item = review_document(read_text(text, "x.md", "markdown")).item("C14")
    assert item is not None and item.status == "weak"


def test_rows_under_a_per_thousand_corner_cell_are_rates_with_their_comparator() -> None:
    from dcrdraft.ingest import read_text
    from dcrdraft.review import review_document
    text = ("# Overview\n\nThe checker scores refund claims at the counter for the clerks.\n\n"
            "# Trial\n\n| Per 1,000 refund claims | Control branches | Checker branches |\n"
            "|---|---|---|\n| Refunds later found to be abusive (lower is better) | 28 | 17 |\n"
            "| Claims escalated to a supervisor | 5 | 41 |\n")
    report = review_document(read_text(text, "x.md", "markdown"))
    assert not any(f.code == "M02" for f in report.findings)
    item = report.item("C04")
    assert item is not None and item.status == "pass"


@pytest.mark.parametrize("praise", [
    "The ranker shows excellent precision and beats every industry benchmark.",
    "Tested to the highest standards through a comprehensive, multi-site evaluation.",
])
def test_praise_of_results_names_no_metric_and_no_method(tmp_path: Path, praise: str) -> None:
    report = review(tmp_path, f"# Evaluation\n\n{praise}\n")
    assert (status(report, "C02"), status(report, "C03")) == ("missing", "missing")


def test_a_metric_named_plainly_is_still_weak(tmp_path: Path) -> None:
    report = review(tmp_path, "# Evaluation\n\nWe measure precision on the weekly audit.\n")
    assert status(report, "C03") == "weak"


def test_a_range_in_brackets_around_its_figure_is_an_interval(tmp_path: Path) -> None:
    report = review(tmp_path, "# Results\n\nField accuracy was 96.2% (95.4–96.9) on 4,100 "
                              "invoices.\n")
    assert status(report, "C06") == "pass"


def test_a_range_that_misses_its_figure_is_no_interval(tmp_path: Path) -> None:
    report = review(tmp_path, "# Results\n\nField accuracy was 96.2% (days 3–9 of the trial).\n")
    assert status(report, "C06") != "pass"


def test_c01_reads_the_opening_of_any_document_and_not_a_page_of_claims() -> None:
    from dcrdraft.ingest import read_text
    from dcrdraft.review import review_document

    def c01(text: str) -> str:
        report = review_document(read_text(text, "x.md", "markdown"))
        return next(i.status for i in report.checklist if i.code == "C01")
    # the opening sentence says who uses it and for what, under a heading of no known kind
    assert c01("# Change 2207\n\nFrom Monday the night-shift nurses will get their job list "
               "from the RotaMind app, which orders transfer requests by urgency.\n") == "pass"
    # a promise in sales words is not a purpose
    assert c01("# Brief\n\nOur customers deserve an innovative experience that transforms how "
               "they shop every single day.\n") != "pass"


def test_a_named_system_using_its_means_for_a_task_states_the_purpose() -> None:
    from dcrdraft.ingest import read_text
    from dcrdraft.review import review_document

    def c01(text: str) -> str:
        item = review_document(read_text(text, "x.md", "markdown")).item("C01")
        assert item is not None
        return item.status
    # the system named, what it works with and the task it does: a purpose anyone can follow
    assert c01("# Scope\n\nHarbourCount (boat counter) uses two radar masts on the breakwater "
               "to count boats entering the harbour each night.\n") == "pass"
    # the same shape with the team as subject describes a method, not the system
    assert c01("# Scope\n\nThe team uses two radar masts on the breakwater to count boats "
               "entering the harbour each night.\n") != "pass"
    # means without a task says what it is built from, not what it does
    assert c01("# Scope\n\nHarbourCount uses two radar masts on the breakwater together with "
               "a deep network.\n") != "pass"


@pytest.mark.parametrize("said, vague", [
    ("| Area | Status | Comment |\n|---|---|---|\n| Hazards | Amber | Risks reviewed and "
     "managed by the depot |\n", True),
    ("Risks relating to the kiosk have been reviewed and are being closely managed by the "
     "depot board.\n", True),
    ("| Area | Status | Comment |\n|---|---|---|\n| Risk | Amber | Jammed ticket rolls: the "
     "kiosk pages the depot clerk within 2 minutes |\n", False),
])
def test_risks_said_to_be_found_and_handled_with_none_named_are_vague(
        tmp_path: Path, said: str, vague: bool) -> None:
    report = review(tmp_path, f"# Ticket kiosk readiness\n\n## Assurance\n\n{said}")
    assert any(f.code == "M01" for f in report.findings) is vague
