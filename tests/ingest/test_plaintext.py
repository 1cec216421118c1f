"""The plain-text reader: each heading style, lists, tables, paragraphs with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest.document import Document
from dcrdraft.ingest import read_document, read_text
from dcrdraft.ingest.plaintext import heading_at

SOURCE = """\
Checkout Assistant DCR
======================

1. Executive Summary

We recommend approval
under the conditions below.

1.1 Segments

  Segment          Accuracy   n
  Overall          91%        2340
  Spanish          62%        280

2. Risk Register

| Risk | Severity |
|------|----------|
| Wrong price | High |

Mitigations:
- Read prices from the catalogue
  API only
* Second
• Third
1. Numbered
(2) Parenthesised

MONITORING
Alert when accuracy < 85% over 4 hours.

Rollback Triggers

Automatic rollback below 82%.
"""


@pytest.fixture
def doc() -> Document:
    return read_text(SOURCE, "dcr.txt", "text")


def test_heading_styles_and_levels(doc: Document) -> None:
    got = [(s.level, s.title, s.line, s.end_line) for s in doc.sections()]
    # Each new style ranks below those seen before it; "Label:" headings sit at level 6.
    assert got == [
        (1, "Checkout Assistant DCR", 1, 34),
        (2, "Executive Summary", 4, 14),
        (3, "Segments", 9, 14),
        (2, "Risk Register", 15, 34),
        (6, "Mitigations", 21, 28),
        (4, "MONITORING", 29, 34),
        (5, "Rollback Triggers", 32, 34),
    ]
    kinds = {s.title: s.kind for s in doc.sections()}
    assert kinds["Risk Register"] == "risks" and kinds["Rollback Triggers"] == "rollback"
    assert kinds["MONITORING"] == "monitoring" and kinds["Segments"] == "segments"


def test_paragraph_joined_with_span(doc: Document) -> None:
    para = next(b for b in doc.blocks() if b.text.startswith("We recommend"))
    assert (para.kind, para.line, para.end_line) == ("paragraph", 6, 7)
    assert para.text == "We recommend approval under the conditions below."


def test_column_and_pipe_tables(doc: Document) -> None:
    cols, pipe = [b for b in doc.blocks() if b.kind == "table"]
    assert cols.rows == [["Segment", "Accuracy", "n"], ["Overall", "91%", "2340"],
                         ["Spanish", "62%", "280"]]
    assert cols.row_lines == [11, 12, 13]
    assert pipe.rows == [["Risk", "Severity"], ["Wrong price", "High"]]
    assert pipe.row_lines == [17, 19]


def test_list_markers(doc: Document) -> None:
    items = [(b.text, b.line, b.end_line) for b in doc.blocks() if b.kind == "list_item"]
    assert items == [
        ("Read prices from the catalogue API only", 22, 23),
        ("Second", 24, 24),
        ("Third", 25, 25),
        ("Numbered", 26, 26),
        ("Parenthesised", 27, 27),
    ]


@pytest.mark.parametrize(
    ("line", "style"),
    [
        ("1. Executive Summary", "number1"),
        ("4.2 Segments", "number2"),
        ("IV. Risk Register", "number1"),
        ("Section 5 — Deployment Conditions", "number1"),
        ("RISK REGISTER", "caps"),
        ("Deployment Conditions:", "colon"),
        ("1. Opening paragraph describing the system", None),
        ("  1. Indented Item", None),
        ("The system answers questions.", None),
        ("Your task: Write a 2-page executive summary for this chatbot DCR. Include:", None),
        ("OK", None),
        ("91%", None),
    ],
)
def test_heading_at(line: str, style: str | None) -> None:
    h = heading_at(line)
    assert (h.style if h else None) == style


def test_numbered_list_is_not_headings() -> None:
    doc = read_text("Steps\n\n1. Open the app\n2. Ask a question\n", "x.txt", "text")
    assert [b.kind for b in doc.blocks()] == ["list_item", "list_item"]


def test_text_without_headings_and_no_suffix(tmp_path: Path) -> None:
    path = tmp_path / "DCR"
    path.write_text("just some words here\nand more.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "text" and list(doc.sections()) == []
    assert [(b.line, b.end_line) for b in doc.root.blocks] == [(1, 2)]
