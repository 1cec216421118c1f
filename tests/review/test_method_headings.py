"""How a method is written: a heading often names the method of the paragraph under it
("Trial results (310 parcels, checked by the depot lead)"), and a design, a sample and what
it was judged against make a methodology (C02); a heading's own number ("3.2 Results") is
no count of anything evaluated."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document

RUBRIC = load_rubric()


def _c02(text: str) -> str:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return next(i.status for i in report.checklist if i.code == "C02")


@pytest.mark.parametrize("text", [
    "# Trial results (310 parcels, each weighed again by the depot lead)\n\n| Check | Result |\n"
    "|---|---|\n| Weight within 50 g | 96% |\n",
    "# Evidence: A/B test over three weeks\n\nHalf the stores by store number, 2.2M baskets per"
    " arm.\n",
])
def test_a_method_named_in_a_heading_passes(text: str) -> None:
    assert _c02(text) == "pass"


def test_a_heading_number_is_no_sample() -> None:
    text = ("# 4.2 Validation findings\n\nThe tool went through a structured validation and was"
            " reviewed by the team.\n")
    assert _c02(text) != "pass"


@pytest.mark.parametrize("text", [
    "# Results\n\nBack-test: 5,200 freight bookings from last winter; outcome = whether the lorry"
    " left on time.\n",
    "# Results\n\nValidation on 880 kennel records, with the vet's final decision as truth.\n",
])
def test_a_design_a_sample_and_its_reference_pass(text: str) -> None:
    assert _c02(text) == "pass"


def test_a_design_and_a_sample_without_reference_do_not_pass() -> None:
    assert _c02("# Results\n\nBack-test over 5,200 freight bookings from last winter.\n") != "pass"


@pytest.mark.parametrize(("text", "status"), [
    ("# Evaluation\n\nThe evaluation dataset was drawn from representative orchard traffic and reviewed"
     " by seasoned horticulture experts.\n", "weak"),
    ("# Evaluation\n\nThe evaluation dataset was drawn from April orchard traffic and reviewed by two"
     " horticulture experts.\n", "pass"),
])
def test_a_test_set_and_its_judges_need_a_checkable_detail(text: str, status: str) -> None:
    assert _c02(text) == status
