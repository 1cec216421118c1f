"""The .docx reader, on documents built in the test with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from dcrdraft.errors import ReadError
from dcrdraft.ingest import read_document


def _build(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("Checkout Assistant DCR", style="Title")          # 1
    d.add_paragraph("Prepared by Ana.")                               # 2
    d.add_heading("1. Executive Summary", level=1)                    # 3
    d.add_paragraph("We recommend approval.")                         # 4
    d.add_paragraph("")                                               # 5 (empty)
    d.add_heading("Risk Register", level=1)                           # 6
    table = d.add_table(rows=3, cols=2)                               # 7, 8, 9
    for r, (a, b) in enumerate([("Risk", "Severity"), ("Wrong price", "High"),
                                ("Slow", "Low")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    d.add_heading("Mitigations", level=2)                             # 10
    d.add_paragraph("Read prices from the catalogue", style="List Bullet")  # 11
    d.add_paragraph("Autoscale at peak", style="List Number")          # 12
    d.add_heading("Monitoring", level=2)                              # 13
    p = d.add_paragraph("Alert below ")                               # 14
    p.add_run("85%").bold = True
    d.save(path)
    return path


def test_sections_from_heading_styles(tmp_path: Path) -> None:
    doc = read_document(_build(tmp_path / "dcr.docx"))
    assert doc.format == "docx" and not doc.pages
    assert [(s.level, s.title, s.line, s.end_line, s.kind) for s in doc.sections()] == [
        (1, "Checkout Assistant DCR", 1, 2, None),
        (1, "1. Executive Summary", 3, 5, "summary"),
        (1, "Risk Register", 6, 14, "risks"),
        (2, "Mitigations", 10, 12, "risks"),
        (2, "Monitoring", 13, 14, "monitoring"),
    ]
    assert list(doc.sections())[3].path == ("Risk Register", "Mitigations")


def test_blocks_lists_tables_and_lines(tmp_path: Path) -> None:
    doc = read_document(_build(tmp_path / "dcr.docx"))
    got = [(b.kind, b.text, b.line) for b in doc.blocks()]
    assert got == [
        ("paragraph", "Prepared by Ana.", 2),
        ("paragraph", "We recommend approval.", 4),
        ("table", "Risk | Severity\nWrong price | High\nSlow | Low", 7),
        ("list_item", "Read prices from the catalogue", 11),
        ("list_item", "Autoscale at peak", 12),
        ("paragraph", "Alert below 85%", 14),
    ]
    table = next(b for b in doc.blocks() if b.kind == "table")
    assert table.rows == [["Risk", "Severity"], ["Wrong price", "High"], ["Slow", "Low"]]
    assert table.row_lines == [7, 8, 9] and table.end_line == 9
    assert doc.line_text(8) == "Wrong price | High" and doc.line_text(14) == "Alert below 85%"
    assert len(doc.lines) == 14


def test_not_a_docx(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"this is not a zip")
    with pytest.raises(ReadError, match="bad.docx: not a Word .docx file"):
        read_document(bad)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    other = tmp_path / "other.docx"
    other.write_bytes(buf.getvalue())
    with pytest.raises(ReadError, match="no word/document.xml"):
        read_document(other)


def test_corrupt_document_xml(tmp_path: Path) -> None:
    src = _build(tmp_path / "ok.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, b"<w:document" if item.filename == "word/document.xml" else data)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(buf.getvalue())
    with pytest.raises(ReadError, match="broken.docx"):
        read_document(broken)


def test_zip_bomb_guard(tmp_path: Path) -> None:
    src = _build(tmp_path / "ok.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, zin.read(item))
        zout.writestr("word/media/padding.bin", b"\0" * 3_000_000)
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(buf.getvalue())
    with pytest.raises(ReadError, match="unpacks to"):
        read_document(bomb, max_bytes=100_000)


def _rich_cells() -> docx.document.Document:
    """A table whose cells hold what a run or paragraph can: several paragraphs, tabs, line
    and page breaks, a no-break hyphen, a hyperlink, an empty cell and a nested table."""
    from docx.enum.text import WD_BREAK
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    table = d.add_table(rows=2, cols=3)
    a = table.cell(0, 0)
    a.text = "first\tsecond"
    run = a.add_paragraph("line one").add_run(" after")
    run.add_break()
    run.add_text("wrapped")
    run.add_break(WD_BREAK.PAGE)
    run.add_text("paged")
    b = table.cell(0, 1).paragraphs[0]
    b.add_run("see ")
    b._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="rId99"><w:r><w:t>the '
                          f'guide</w:t></w:r><w:r><w:noBreakHyphen/><w:t xml:space="preserve">'
                          f' v2 </w:t><w:cr/><w:ptab w:relativeTo="margin" w:alignment="right"'
                          f' w:leader="none"/></w:r></w:hyperlink>'))
    b.add_run(" now")
    table.cell(1, 0).add_table(rows=1, cols=1).cell(0, 0).text = "nested"
    table.cell(1, 2).text = "85%"
    return d


def test_cells_read_from_the_tree_as_python_docx_reads_them(tmp_path: Path) -> None:
    from docx.table import Table

    from dcrdraft.ingest.word import _cell_text

    sources = [_rich_cells()] + [docx.Document(str(p)) for p in sorted(
        Path(__file__).resolve().parents[2].glob("fixtures/**/*.docx"))
        if not any("sealed-" in part for part in p.parts)]
    cells = [(tc, Table(tbl, d)) for d in sources
             for tbl in d.element.body.iter(qn_("w:tbl")) for tc in tbl.iter(qn_("w:tc"))]
    assert len(cells) > 6, "no cells were read: the test compares nothing"
    from docx.table import _Cell

    for tc, table in cells:
        assert _cell_text(tc) == _Cell(tc, table).text
    assert [_cell_text(tc) for tc in sources[0].element.body.iter(qn_("w:tc"))] == [
        "first\tsecond\nline one after\nwrappedpaged", "see the guide- v2 \n\t now", "", "\n",
        "nested", "", "85%"]


def qn_(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))
