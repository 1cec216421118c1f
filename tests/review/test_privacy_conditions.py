"""Privacy and security (checklist item 16): a review or control that is only a condition of
going live, dated and not said to be met, is required rather than done, so it is weak; the
same condition reported met still passes."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document

_HEAD = ("# Ferry booking assistant: go/no-go\n\nDate: 12 June 2026\n\n"
         "The assistant suggests sailings to callers on the harbour booking line.\n\n")


def _c16(tmp_path: Path, body: str) -> str:
    path = tmp_path / "minutes.md"
    path.write_text(_HEAD + body, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C16")


def test_a_review_set_as_a_dated_condition_is_required_not_done(tmp_path: Path) -> None:
    body = ("## Conditions\n\n1. The DPIA for caller recordings is approved by the records "
            "office by 30 June 2026.\n")
    assert _c16(tmp_path, body) == "weak"


def test_a_condition_row_not_reported_met_is_required_not_done(tmp_path: Path) -> None:
    body = ("## Conditions\n\n| Condition | Owner | Due | Status |\n|---|---|---|---|\n"
            "| Caller-recordings DPIA approved by the records office | Harbour IT | 30 June 2026 | "
            "Draft sent to the DPO |\n")
    assert _c16(tmp_path, body) == "weak"


def test_a_condition_reported_met_still_shows_the_review(tmp_path: Path) -> None:
    body = ("## Conditions\n\n| Condition | Owner | Due | Status |\n|---|---|---|---|\n"
            "| Caller-recordings DPIA approved by the records office | Harbour IT | 30 May 2026 | "
            "Done, signed 28 May |\n")
    assert _c16(tmp_path, body) == "pass"
