"""The HTML reader: headings, paragraphs, lists, tables, pre, quotes; scripts ignored."""

from __future__ import annotations

from pathlib import Path

from dcrdraft.ingest import read_document, read_text

SOURCE = """\
<!doctype html>
<html><head><title>T</title><style>h1 {color: red}</style></head>
<body>
<h1>Checkout <em>DCR</em></h1>
<script>var x = "<h2>Fake</h2><p>hidden</p>";</script>
<p>Intro &amp; more
text.</p>
Loose text
<h2>Risk Register</h2>
<table>
<tr><th>Risk</th><th>Severity</th></tr>
<tr><td>Wrong <b>price</b></td><td>High</td></tr>
</table>
<ul>
<li>One
  <ul><li>Nested</li></ul>
</li>
<li>Two<li>Three
</ul>
<blockquote><p>Quoted</p></blockquote>
<pre>code
  kept</pre>
<!-- dcrdraft-disable C01 -->
<h3>Monitoring</h3><p>Alert below 85%.</p>
</body></html>"""


def test_headings_and_section_tree() -> None:
    doc = read_text(SOURCE, "dcr.html", "html")
    assert [(s.level, s.path, s.line, s.end_line, s.kind) for s in doc.sections()] == [
        (1, ("Checkout DCR",), 4, 25, None),
        (2, ("Checkout DCR", "Risk Register"), 9, 25, "risks"),
        (3, ("Checkout DCR", "Risk Register", "Monitoring"), 24, 25, "monitoring"),
    ]


def test_blocks_lines_and_script_ignored() -> None:
    doc = read_text(SOURCE, "dcr.html", "html")
    got = [(b.kind, b.text, b.line, b.end_line) for b in doc.blocks() if b.kind != "table"]
    assert got == [
        ("paragraph", "Intro & more text.", 6, 7),
        ("paragraph", "Loose text", 8, 8),
        ("list_item", "One", 15, 15),
        ("list_item", "Nested", 16, 16),
        ("list_item", "Two", 18, 18),
        ("list_item", "Three", 18, 18),
        ("quote", "Quoted", 20, 20),
        ("code", "code\n  kept", 21, 22),
        ("paragraph", "Alert below 85%.", 24, 24),
    ]
    assert all("hidden" not in b.text and "Fake" not in b.text for b in doc.blocks())


def test_table_rows_and_lines() -> None:
    doc = read_text(SOURCE, "dcr.html", "html")
    (table,) = [b for b in doc.blocks() if b.kind == "table"]
    assert table.rows == [["Risk", "Severity"], ["Wrong price", "High"]]
    assert table.row_lines == [11, 12]


def test_comment_kept_in_source_lines(tmp_path: Path) -> None:
    path = tmp_path / "dcr.htm"
    path.write_text(SOURCE, encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "html"
    assert doc.line_text(23) == "<!-- dcrdraft-disable C01 -->"


def test_broken_html_does_not_crash() -> None:
    doc = read_text("<h2>Risks<p>unclosed <b>bold<td>cell</table></h9><li>x", "x.html", "html")
    assert [s.title for s in doc.sections()] == ["Risks"]
    assert [b.text for b in doc.blocks()] == ["unclosed boldcell", "x"]


def test_omitted_end_tags_and_breaks_in_cells() -> None:
    src = ("<html><head><title>Ignored</title><body><h2>Sign-off</h2>\n"
           "<table><tr><th>Role<th>Name\n<tr><td>CTO<td>Ana<br>Ruiz</table>")
    doc = read_text(src, "x.html", "html")
    (section,) = doc.sections()
    assert section.kind == "signoff"
    (table,) = section.blocks
    assert table.rows == [["Role", "Name"], ["CTO", "Ana Ruiz"]] and table.row_lines == [2, 3]
