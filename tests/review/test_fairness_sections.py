"""C15 reads what a section headed for fairness or for groups of people says as the topic
touched (weak) even when no sentence of it grades on its own, without letting that heading
hide a result by group given elsewhere."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document


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
