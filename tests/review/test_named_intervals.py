"""An interval named by its words (C06) is read across the decimals between the name and its
range: "95% CI on the 0.71: 0.69-0.73" and "CI: +2.4 pts (+1.9 to +2.9)" state an interval
as plainly as "95% CI 69%-73%"."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document

RUBRIC = load_rubric()


def _c06(text: str) -> str:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return next(i.status for i in report.checklist if i.code == "C06")


@pytest.mark.parametrize("text", [
    "# Results\n\nGerminated seed share 0.71 on the trial trays; 95% CI on the 0.71: 0.69-0.73.\n",
    "# Results\n\nShare of bins emptied on time, difference (95% CI): +2.4 pts (+1.9 to +2.9).\n",
])
def test_an_interval_after_a_decimal_is_read(text: str) -> None:
    assert _c06(text) == "pass"


def test_a_sentence_end_still_bounds_the_interval_words() -> None:
    text = ("# Results\n\nWe report no CI here. Bins emptied on time rose 12-15 in each depot.\n")
    assert _c06(text) != "pass"
