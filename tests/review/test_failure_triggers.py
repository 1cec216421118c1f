"""C07 and rollback triggers: a sentence saying what is done when the system goes wrong
("should labels be misread, the reader is switched off") names a failure only as its
condition, so it is no failure pattern; a pattern seen passes beside it."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document


def _c07(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C07")


def test_a_rollback_trigger_is_no_failure_pattern(tmp_path: Path) -> None:
    memo = ("Depot memo\n\nIf more than 5% of parcel labels are misread on any shift, the reader "
            "is switched off until the vendor has looked at it.\n")
    assert _c07(tmp_path, memo) == "weak"


def test_a_pattern_seen_passes_beside_a_trigger(tmp_path: Path) -> None:
    memo = ("Depot memo\n\nMost misreads happen on torn labels (31 of 40 in the trial). If "
            "misreads pass 5% on any shift, we switch the reader off.\n")
    assert _c07(tmp_path, memo) == "pass"
