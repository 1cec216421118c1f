"""Review a text as a user's document reaches the reviewer: written to a file, then read.

Tests of one judgment state a short document and ask for one item's status; going through a
file keeps the reader's own line handling (and format detection by name) in the path.
"""

from __future__ import annotations

from pathlib import Path

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document
from dcrdraft.review.context import Context
from dcrdraft.review.models import FileReport


def ctx_of(tmp_path: Path, text: str, name: str = "doc.md") -> Context:
    """The review context (facts read on demand) of ``text`` saved as ``name``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Context.of(read_document(path))


def review(tmp_path: Path, text: str, name: str = "doc.md") -> FileReport:
    """The review of ``text`` saved as ``name``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return review_document(read_document(path))


def status(report: FileReport, code: str) -> str:
    """The status of checklist item ``code`` in ``report``."""
    return next(c.status for c in report.checklist if c.code == code)
