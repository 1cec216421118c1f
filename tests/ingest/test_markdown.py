"""The Markdown reader: section tree, line spans, lists, tables, inline text, comments."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest.document import Document
from dcrdraft.errors import ReadError
from dcrdraft.ingest import read_document, read_text

from ..conftest import shared

SOURCE = """\
# Checkout Assistant DCR

Intro paragraph with **bold**, *em*, `code` and a [link](http://x.example).

## 1. Executive Summary

We recommend approval.

## 5. Risk Register

| Risk | Severity | Owner |
|------|----------|-------|
| Hallucinated **prices** | High | Ana |
| Slow responses | Low | Bo |

### Mitigations

- First mitigation
  continues here
  - Nested detail
- Second mitigation
1. Numbered one
2. Numbered two

> Quoted *note*

```python
print("hi")
```

<!-- dcrdraft-disable C13 -->
## Sign-off
Setext Title
============

Text under setext.
"""


@pytest.fixture
def doc() -> Document:
    return read_text(SOURCE, "dcr.md", "markdown")


def test_section_tree_paths_and_spans(doc: Document) -> None:
    got = [(s.level, s.path, s.line, s.end_line) for s in doc.sections()]
    assert got == [
        (1, ("Checkout Assistant DCR",), 1, 32),
        (2, ("Checkout Assistant DCR", "1. Executive Summary"), 5, 8),
        (2, ("Checkout Assistant DCR", "5. Risk Register"), 9, 31),
        (3, ("Checkout Assistant DCR", "5. Risk Register", "Mitigations"), 16, 31),
        (2, ("Checkout Assistant DCR", "Sign-off"), 32, 32),
        (1, ("Setext Title",), 33, 36),
    ]
    assert doc.root.level == 0 and doc.root.end_line == len(doc.lines) == 36
    assert doc.format == "markdown" and not doc.pages


def test_inline_formatting_is_stripped(doc: Document) -> None:
    first = doc.root.children[0].blocks[0]
    assert first.kind == "paragraph"
    assert first.text == "Intro paragraph with bold, em, code and a link."
    assert first.line == first.end_line == 3


def test_list_items_one_block_each_nested_too(doc: Document) -> None:
    items = [(b.text, b.line, b.end_line) for b in doc.blocks() if b.kind == "list_item"]
    assert items == [
        ("First mitigation continues here", 18, 19),
        ("Nested detail", 20, 20),
        ("Second mitigation", 21, 21),
        ("Numbered one", 22, 22),
        ("Numbered two", 23, 23),
    ]


def test_table_rows_and_row_lines(doc: Document) -> None:
    (table,) = [b for b in doc.blocks() if b.kind == "table"]
    assert table.rows == [
        ["Risk", "Severity", "Owner"],
        ["Hallucinated prices", "High", "Ana"],
        ["Slow responses", "Low", "Bo"],
    ]
    assert table.row_lines == [11, 13, 14]
    assert (table.line, table.end_line) == (11, 14)
    assert table.text.splitlines()[1] == "Hallucinated prices | High | Ana"


def test_quote_code_and_comment(doc: Document) -> None:
    kinds = {b.kind: b for b in doc.blocks()}
    assert kinds["quote"].text == "Quoted note" and kinds["quote"].line == 25
    assert kinds["code"].text == 'print("hi")'
    assert (kinds["code"].line, kinds["code"].end_line) == (27, 29)
    assert doc.line_text(31) == "<!-- dcrdraft-disable C13 -->"
    assert all("dcrdraft-disable" not in b.text for b in doc.blocks())


def test_blocks_before_first_heading_stay_in_root() -> None:
    doc = read_text("Preamble.\n\n# Title\n\nBody.\n", "x.md")
    assert [b.text for b in doc.root.blocks] == ["Preamble."]
    assert doc.root.children[0].blocks[0].text == "Body."


def test_skipped_levels_and_headings_inside_lists() -> None:
    doc = read_text("# A\n### C\ntext\n## B\n- ### Q?\n\n  Answer.\n", "x.md")
    assert [s.path for s in doc.sections()] == [("A",), ("A", "C"), ("A", "B"), ("A", "B", "Q?")]
    q = list(doc.sections())[-1]
    assert [(b.kind, b.text, b.line) for b in q.blocks] == [("paragraph", "Answer.", 7)]


def test_html_block_text_kept_and_crlf_lines() -> None:
    doc = read_text('# T\r\n\r\n<p align="center">Hello &amp; bye</p>\r\n', "x.md")
    assert [b.text for b in doc.blocks()] == ["Hello & bye"]
    assert doc.lines == ["# T", "", '<p align="center">Hello &amp; bye</p>']


def test_read_document_markdown_file(tmp_path: Path) -> None:
    path = tmp_path / "dcr.markdown"
    path.write_text(SOURCE, encoding="utf-8")
    doc = read_document(path)
    assert doc.path == str(path) and doc.format == "markdown"
    assert len(list(doc.sections())) == 6


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary", b"caf\xe9 latin-1 text"])
def test_unreadable_bytes_raise_read_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(data)
    with pytest.raises(ReadError, match="bad.md"):
        read_document(path)


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.md")
    with pytest.raises(ReadError, match="unsupported file type"):
        read_document(tmp_path / "x.exe")


def _shape(doc: Document) -> list[object]:
    return [(s.path, s.line, s.end_line, [(b.kind, b.text, b.line, b.end_line, b.rows)
                                          for b in s.blocks]) for s in doc.root.walk()]


def test_long_texts_parsed_in_pieces_give_the_same_document(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from dcrdraft.ingest import markdown

    corpus = shared("corpus", "real")
    texts = [SOURCE, "# A\n\n```\n\n# not a heading\n```\n\n<!-- c\n\n# hidden\n-->\n# B\n"]
    texts += [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.md"))] if corpus else []
    whole = [_shape(read_text(t, "x.md")) for t in texts]
    monkeypatch.setattr(markdown, "CHUNK_CHARS", 5)
    pieces = [_shape(read_text(t, "x.md")) for t in texts]
    assert pieces == whole
