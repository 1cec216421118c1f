"""C16 reads "data protection" as naming privacy: a statement that a system follows a data
protection policy touches the item (weak), as a privacy policy would, without any control."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document
from dcrdraft.review.facts.governance import privacy_grade


def _status(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C16")


def test_a_data_protection_policy_is_a_privacy_claim() -> None:
    assert privacy_grade("Sensor readings are handled under the depot's data protection "
                         "policy.", False) == "claim"


def test_following_a_data_protection_policy_is_weak(tmp_path: Path) -> None:
    doc = "# Operations\n\nThe rota planner follows the trust's data protection policy.\n"
    assert _status(tmp_path, doc) == "weak"
