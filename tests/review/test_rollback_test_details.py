"""A rollback test's record gives when, where or with what outcome it ran (C13 pass): a test
named as a lead-in ("Fallback rehearsed.") is told in the sentence after it, and a duration
may be written in words ("within ten minutes")."""

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
    "# Go-live checks\n\nFallback rehearsed. On 3 February the depot team put the sorting "
    "belt back on the hand-keyed labels for a whole shift.\n",
    "# Readiness\n\nRollback drill. The ticket desk switched every kiosk back to "
    "the paper queue in the test environment.\n",
    "# Readiness\n\nWe rehearsed the switch-off on the night shift: the lockers went back to PIN "
    "codes within five minutes.\n",
])
def test_a_rehearsal_told_in_its_next_sentence_or_in_words_passes(tmp_path: Path,
                                                                  text: str) -> None:
    assert c13(tmp_path, text) == "pass"


@pytest.mark.parametrize("text", [
    # the next paragraph is another matter: the lead-in stays a bare claim
    "# Go-live checks\n\nFallback rehearsed.\n\nOn 3 February the orchard crew picked the "
    "north rows.\n",
    # a duration in words that is no test's outcome ("in five minutes we decide") is no record
    "# Readiness\n\nWe will rehearse the switch-off with the depot team within five minutes "
    "of the handover next month.\n",
])
def test_no_detail_is_borrowed_across_paragraphs_or_from_a_plan(tmp_path: Path,
                                                                text: str) -> None:
    assert c13(tmp_path, text) == "weak"
