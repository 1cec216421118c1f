"""C01 reads a document's title as the system named: release notes or a thread headed by the
system's name, that never say what it does, leave the purpose weak, not missing."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document


def _status(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C01")


def test_a_titled_document_that_never_says_what_it_does_is_weak(tmp_path: Path) -> None:
    doc = ("# Ferrylog 3.2 release notes\n\n- Fixed the export button.\n"
           "- Rollout to every harbour on 4 May.\n")
    assert _status(tmp_path, doc) == "weak"


def test_a_title_over_nothing_is_still_missing(tmp_path: Path) -> None:
    assert _status(tmp_path, "# Draft\n") == "missing"
