"""A rollback test set as a condition of going ahead ("conditional on the drill being done")
or said to be scheduled after an aside ("the drill (item 2) has been scheduled") is a plan:
C13 weak, however precisely its venue is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document


def c13(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C13")


@pytest.mark.parametrize("text", [
    "# Decision\n\nGo-ahead for the harbour kiosks from 4 May, conditional on the failover "
    "drill in the test environment being finished by the ferry desk.\n",
    "# Response\n\nWe accept point 2. The switch-off rehearsal (point 2) has been scheduled for "
    "the June staging window.\n",
])
def test_a_test_still_to_come_is_planned(tmp_path: Path, text: str) -> None:
    assert c13(tmp_path, text) == "weak"


def test_a_test_already_run_under_conditions_still_passes(tmp_path: Path) -> None:
    text = ("# Decision\n\nGo-ahead for the harbour kiosks from 4 May. The failover drill was "
            "run in the test environment on 2 April and the kiosks were back on paper tickets "
            "in 6 minutes.\n")
    assert c13(tmp_path, text) == "pass"
