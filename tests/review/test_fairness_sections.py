"""C15 reads what a section headed for fairness or for groups of people says as the topic
touched (weak) even when no sentence of it grades on its own, without letting that heading
hide a result by group given elsewhere."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document
from dcrdraft.review.facts.governance import fairness_grade


def _status(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C15")


def test_an_assertion_under_a_fairness_heading_is_weak(tmp_path: Path) -> None:
    doc = ("# Ferry timetable helper\n\nThe helper answers questions about sailings.\n\n"
           "# Equity and inclusion\n\nEvery passenger is welcome on our boats, and the helper "
           "gives each of them the same answers.\n")
    assert _status(tmp_path, doc) == "weak"


def test_a_question_about_groups_answered_without_figures_is_weak(tmp_path: Path) -> None:
    doc = ("# Intake form\n\n## 5. Could the planner affect different groups differently?\n\n"
           "The planner follows the same rules for every school and every pupil.\n")
    assert _status(tmp_path, doc) == "weak"


def test_a_heading_naming_groups_hides_no_result_elsewhere(tmp_path: Path) -> None:
    doc = ("# Results by language\n\nThe helper is offered in Welsh and in English.\n\n"
           "# Fairness\n\nSensitivity by sex: female 93.8%, male 94.3%; by age band the "
           "largest gap is 1.9 points.\n")
    assert _status(tmp_path, doc) == "pass"


def test_judging_no_person_and_comparing_what_it_judges_passes(tmp_path: Path) -> None:
    # the system rates things, not people, and its results are compared across the
    # groups those things serve: the fairness analysis such a system can give
    doc = ("# Fairness\n\nThe planner does not score individuals. Grit was spread on time "
           "on 91% of rural roads and 93% of town roads last winter.\n")
    assert _status(tmp_path, doc) == "pass"
    doc = ("# Equity\n\nNo person is ranked by the forecaster, so we compared its error "
           "between the hill farms and the valley farms: 12% against 11%.\n")
    assert _status(tmp_path, doc) == "pass"


def test_judging_no_person_without_a_comparison_is_not_a_pass(tmp_path: Path) -> None:
    doc = ("# Fairness\n\nThe planner does not score individuals, and we have not looked "
           "at its results by area.\n")
    assert _status(tmp_path, doc) != "pass"


def test_age_as_an_input_is_no_group_of_people() -> None:
    # age as one property of what is priced or measured, not people grouped by it
    assert fairness_grade("The price estimate uses mileage, age and service history; its "
                          "error is 6% on vans and 4% on cars.", False) != "by_group"
    assert fairness_grade("Boiler age is read from the survey; the error rate is 7% on "
                          "gas units.", False) != "by_group"


def test_people_grouped_by_age_are_still_a_group() -> None:
    assert fairness_grade("Error by age band: under 30, 6%; 30 and over, 4%.",
                          False) == "by_group"
    assert fairness_grade("Recall was 88% for callers by age 65 and over against 91% "
                          "for younger callers.", False) == "by_group"
