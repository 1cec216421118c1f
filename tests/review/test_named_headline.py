"""A primary metric named with its figure left blank (C03 weak) may sit outside any
evaluation section: FAQs, notes and decks name their measure in an overview or an answer.
A measure named there without such a slot is the prose of any service, and one named only
as a monitoring or rollback level names no result."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document

RUBRIC = load_rubric()


def _status(text: str, code: str) -> str:
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return next(i.status for i in report.checklist if i.code == code)


@pytest.mark.parametrize("text", [
    "# What does the tide planner do?\n\nIt suggests berth slots for ferries. Slot "
    "accuracy: XX% (figure to follow from the harbour office).\n",
    "# About the kiln scheduler\n\nThe scheduler plans firings for the pottery. Its "
    "precision on cracked pots was [insert pilot figure].\n",
])
def test_a_metric_with_its_figure_left_blank_outside_the_evaluation_is_weak(text: str) -> None:
    assert _status(text, "C03") == "weak"


@pytest.mark.parametrize("text", [
    "# About the kiln scheduler\n\nThe scheduler helps our potters deliver high-quality "
    "work with fewer errors.\n",
    "# About the kiln scheduler\n\nThe scheduler plans firings for the pottery.\n\n"
    "# Monitoring\n\nWe will watch the on-time rate every week and alert at XX%.\n",
    "# About the kiln scheduler\n\nThe scheduler plans firings for the pottery.\n\n"
    "# Rollback\n\nWe switch it off if accuracy drops below [TBD].\n",
])
def test_a_metric_named_without_a_slot_or_as_a_level_is_no_headline(text: str) -> None:
    assert _status(text, "C03") == "missing"
