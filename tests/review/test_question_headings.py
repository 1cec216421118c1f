"""Headings as a reader's question (FAQs, public notes): the question over the results is an
evaluation section, the one on the reader's own data a privacy section."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.ingest.sections import classify_heading
from dcrdraft.review import review_document


@pytest.mark.parametrize(("heading", "kind"), [
    ("How well does it work?", "evaluation"),
    ("How accurate is the sorter?", "evaluation"),
    ("Does it work for every branch?", "evaluation"),
    ("Has it been tested?", "evaluation"),
    ("Your data", "privacy"),
    ("What happens to my information?", "privacy"),
    ("How does it work?", None),
    ("Who does it work for?", None),
])
def test_a_question_heading_names_its_section(heading: str, kind: str | None) -> None:
    assert classify_heading(heading) == kind


FAQ = ("# Book-return sorter: questions from branch staff\n\n## What is it?\n\n"
       "The sorter reads the barcode of each returned book and drops it in the crate for its "
       "branch.\n\n## How well does it work?\n\nIts sorting accuracy is high, and the "
       "porters check each crate before the van leaves.\n")


def test_a_result_under_a_question_heading_is_read_as_one() -> None:
    item = review_document(read_text(FAQ, "x.md", "markdown")).item("C03")
    assert item is not None and item.status == "weak"  # a result without its figure
