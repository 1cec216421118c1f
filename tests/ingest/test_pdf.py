"""The PDF reader, on PDFs written by the tiny writer in pdfgen.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.errors import ReadError
from dcrdraft.ingest import read_document

from .pdfgen import make_pdf

PAGES = [
    ["CHECKOUT ASSISTANT DCR", "1. Executive Summary", "We recommend approval of the",
     "assistant under conditions.", "2. Risk Register", "- Wrong price: severity high"],
    ["Slow answers at peak: severity low", "3. Monitoring", "Alert below 85% over 4 hours.",
     "3.1 Rollback Triggers", "Roll back below 82%."],
]


def test_pages_headings_and_blocks(tmp_path: Path) -> None:
    path = tmp_path / "dcr.pdf"
    path.write_bytes(make_pdf(PAGES))
    doc = read_document(path)
    assert doc.format == "pdf" and doc.pages and len(doc.lines) == 2
    assert doc.line_text(2).startswith("Slow answers at peak")
    assert [(s.level, s.title, s.line, s.end_line, s.kind) for s in doc.sections()] == [
        (1, "CHECKOUT ASSISTANT DCR", 1, 2, None),
        (2, "Executive Summary", 1, 1, "summary"),
        (2, "Risk Register", 1, 2, "risks"),
        (2, "Monitoring", 2, 2, "monitoring"),
        (3, "Rollback Triggers", 2, 2, "rollback"),
    ]
    got = [(b.kind, b.text, b.line) for b in doc.blocks()]
    assert got == [
        ("paragraph", "We recommend approval of the assistant under conditions.", 1),
        ("list_item", "Wrong price: severity high", 1),
        ("paragraph", "Slow answers at peak: severity low", 2),
        ("paragraph", "Alert below 85% over 4 hours.", 2),
        ("paragraph", "Roll back below 82%.", 2),
    ]


def test_empty_page_pdf(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(make_pdf([[]]))
    doc = read_document(path)
    assert doc.lines == [""] and list(doc.blocks()) == []


@pytest.mark.parametrize(
    "data", [b"not a pdf at all", b"%PDF-1.4\n garbage", make_pdf([["Hi"]])[:60]],
)
def test_broken_pdf_raises_read_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="bad.pdf"):
        read_document(path)
