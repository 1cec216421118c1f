"""The plain-text reader: each heading style, lists, tables, paragraphs with line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest.document import Document
from dcrdraft.ingest import read_document, read_text
from dcrdraft.ingest.plaintext import heading_at

from ..tools import count_calls

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


def test_an_email_reply_is_read_past_its_quote_marks() -> None:
    text = ("Agreed, ship it.\n\n> On Tuesday, Priya wrote:\n>\n>> Results on 900 claims:\n"
            ">>\n>>   - North depot 91%\n>>   - South depot 84%\n>>\n>> Priya\n")
    doc = read_text(text, "x.txt", "text")
    items = [(b.line, b.text) for b in doc.blocks() if b.kind == "list_item"]
    assert items == [(7, "North depot 91%"), (8, "South depot 84%")]
    assert doc.lines[6].startswith(">>")  # the source lines stay as written


def test_a_lone_line_opening_with_a_comparison_is_no_quote() -> None:
    doc = read_text("Alerts\n\n> 5% errors: page the on-call\n", "x.txt", "text")
    assert [b.text for b in doc.blocks()] == ["> 5% errors: page the on-call"]


# -- column-aligned tables: the header is placed by the body's columns ----------------------

def _table(text: str) -> tuple[list[list[str]], list[int]]:
    doc = read_text(text, "t.txt", "text")
    tables = [b for b in doc.blocks() if b.kind == "table"]
    assert len(tables) == 1, [b.text for b in doc.blocks()]
    return tables[0].rows or [], tables[0].row_lines or []


def test_header_offset_from_the_body_columns() -> None:
    rows, lines = _table(
        "Where it is weaker\n\n"
        "   Depot                      parcels    hit rate\n"
        "   Northgate (old scanners)      610       93.1%\n"
        "   Riverside                      75       88.4%\n")
    assert rows == [["Depot", "parcels", "hit rate"],
                    ["Northgate (old scanners)", "610", "93.1%"], ["Riverside", "75", "88.4%"]]
    assert lines == [3, 4, 5]


def test_blank_corner_cell_is_kept_empty() -> None:
    rows, lines = _table(
        "scores at the cut-off (0.7):\n"
        "                  old      new\n"
        "   hit rate       0.81     0.86\n"
        "   false alarm    0.12     0.09\n")
    assert rows == [["", "old", "new"], ["hit rate", "0.81", "0.86"],
                    ["false alarm", "0.12", "0.09"]]
    assert lines == [2, 3, 4]


def test_header_wrapped_over_two_lines() -> None:
    rows, _ = _table(
        "  Dialect      Clips    Recall     Word error\n"
        "                        (95% CI)   rate\n"
        "  Lowland       300     0.91       7.2%\n"
        "  Upland        120     0.84       11.5%\n")
    assert rows[0] == ["Dialect", "Clips", "Recall (95% CI)", "Word error rate"]
    assert rows[1:] == [["Lowland", "300", "0.91", "7.2%"], ["Upland", "120", "0.84", "11.5%"]]


def test_two_line_header_with_blank_corner_over_more_columns() -> None:
    rows, lines = _table(
        "By card type:\n"
        "                 valid     approved     forged    forged\n"
        "                 cards     (valid)      cards     caught\n"
        "Debit            1,200     97.0%          80      92.5%\n"
        "Prepaid            300     88.0%          40      85.0%\n")
    assert rows[0] == ["", "valid cards", "approved (valid)", "forged cards", "forged caught"]
    assert lines == [2, 4, 5]


def test_header_above_a_rule_line() -> None:
    rows, lines = _table(
        "  Shift      Accuracy   n\n"
        "  --------   --------   ----\n"
        "  Day        95%        800\n"
        "  Night      90%        200\n")
    assert rows == [["Shift", "Accuracy", "n"], ["Day", "95%", "800"], ["Night", "90%", "200"]]
    assert lines == [1, 3, 4]


def test_block_without_header_gets_an_empty_one() -> None:
    rows, lines = _table(
        "Results (new rota vs old rota)\n"
        "  Missed pickups, % of orders     3.1%    vs 4.0%\n"
        "  Pickups on time                 96%     vs 93%\n")
    assert rows == [["", "", ""], ["Missed pickups, % of orders", "3.1%", "vs 4.0%"],
                    ["Pickups on time", "96%", "vs 93%"]]
    assert lines == [2, 2, 3]
    doc = read_text("Results\n\n  a rate   3.1%   vs 4.0%\n  b rate   96%    vs 93%\n",
                    "t.txt", "text")
    table = next(b for b in doc.blocks() if b.kind == "table")
    assert table.text == "a rate | 3.1% | vs 4.0%\nb rate | 96% | vs 93%"


def test_words_only_first_row_stays_the_header() -> None:
    rows, _ = _table("  Region   Owner\n  North    Ana\n  South    Bo\n")
    assert rows == [["Region", "Owner"], ["North", "Ana"], ["South", "Bo"]]


def test_a_wrapped_row_is_not_taken_for_a_header() -> None:
    doc = read_text(
        "Actions\n\n"
        "Ana      - rerun the test on the new photo set and then\n"
        "           report back to the team                      by 3 May\n"
        "Bo       - send the list of models                      by 9 May\n"
        "Cy       - brief the steering group                     by 2 Jun\n", "t.txt", "text")
    table = next(b for b in doc.blocks() if b.kind == "table")
    assert table.rows and table.rows[0][0] != ""
    assert all("report back" not in c for r in table.rows for c in r)


def test_prose_above_a_table_is_not_a_header() -> None:
    doc = read_text(
        "The numbers below were measured on the March sample, before the fix:\n"
        "  Region    Recall    n\n"
        "  North     0.91      400\n"
        "  South     0.88      350\n", "t.txt", "text")
    kinds = [b.kind for b in doc.blocks()]
    assert kinds == ["paragraph", "table"]
    table = next(b for b in doc.blocks() if b.kind == "table")
    assert table.rows and table.rows[0] == ["Region", "Recall", "n"]


def test_header_names_the_cells_the_reviewer_reads() -> None:
    from dcrdraft.review.context import Context

    doc = read_text(
        "Segments\n\n"
        "                 Recall     n\n"
        "  North          0.91       400\n"
        "  South          0.88       350\n", "t.txt", "text")
    texts = [u.text for u in Context.of(doc).units if u.row is not None]
    assert texts == ["North; Recall: 0.91; n: 400", "South; Recall: 0.88; n: 350"]


def _read_calls(text: str) -> int:
    return count_calls(read_text, text, "t.txt", "text")


@pytest.mark.parametrize("make", [
    lambda n: "                 a b     c d\n" * (n // 28),
    lambda n: "  Name   Score\n" + "".join(f"  row{i:06d}   {i % 97}%\n" for i in range(n // 20)),
    lambda n: "".join(f"  w{i}   x\n  y   {i}%   z\n" for i in range(n // 24)),
    lambda n: "a" + " " * n + "b   c\n  d   1%\n",
], ids=["header-like", "long-table", "misaligned", "wide-gutter"])
def test_reading_aligned_text_grows_linearly(make: object) -> None:
    small, large = _read_calls(make(8_000)), _read_calls(make(32_000))  # type: ignore[operator]
    assert large <= 5 * small, (small, large)


def test_a_header_naming_periods_stays_the_header() -> None:
    # "2025/26 actual" and "14-day recall" name columns; the rows below state plain figures
    rows, _ = _table(
        "  Check                 Target    14-day recall   2025/26 actual\n"
        "  Frost nights caught   >= 90%    93.0%           88.5%\n"
        "  Dry nights treated    <= 25%    18.0%           27.0%\n")
    assert rows[0] == ["Check", "Target", "14-day recall", "2025/26 actual"]
    # a first row of values stays a row, under an empty header
    rows, _ = _table("  Ana Ruiz       Safety lead     2026-03-02\n"
                     "  Bo Lindqvist   Product owner   2026-03-04\n")
    assert rows[0] == ["", "", ""]
