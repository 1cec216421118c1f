"""Rollback wordings the operations facts read: a condition that sends the work back to
what ran before, whatever that was called, is a rollback trigger."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.review.facts.rollback import rollback_triggers
from tests.review.reviewing import ctx_of, review, status


def test_a_condition_that_sends_the_work_back_to_its_old_process_is_a_trigger(
        tmp_path: Path) -> None:
    text = ("# Library returns sorter\n\nThe sorter goes live in all branches on 3 May.\n\n"
            "If misfiled returns exceed 3% in any week, that branch goes back to hand "
            "sorting at the counter.\n")
    [trigger] = [t for t in rollback_triggers(ctx_of(tmp_path, text)) if t.kind]
    assert trigger.kind == "figure" and trigger.metric and trigger.window == "in any week"
    report = review(tmp_path, text)
    assert status(report, "C12") == "pass"
    assert "M03" not in {f.code for f in report.findings}


def test_going_back_on_a_date_is_a_plan_not_a_rollback(tmp_path: Path) -> None:
    text = ("# Library returns sorter\n\nThe sorter runs in two branches over the summer. "
            "After September we go back to the usual opening hours (tills close at 18:00).\n")
    assert rollback_triggers(ctx_of(tmp_path, text)) == []


@pytest.mark.parametrize("condition", [
    "if the four-week hit rate of the reorder hints falls below 70%",
    "if reorder hint precision stays under 60% over two quarters",
    "if hint precision is under 50% in the first week",
    "if precision of the hints is under 50% in any single season",
])
def test_a_trigger_window_the_shared_reader_misses_still_counts(tmp_path: Path,
                                                                condition: str) -> None:
    text = f"# Stock hints\n\nThe pantry team switches the hints off {condition}.\n"
    [trigger] = [t for t in rollback_triggers(ctx_of(tmp_path, text)) if t.kind]
    assert trigger.measurable and trigger.window is not None
    assert status(review(tmp_path, text), "C12") == "pass"
