"""Read Word .docx files with python-docx: heading styles make sections, list styles make list
items, tables keep their rows.

Line numbers count the body in document order: each paragraph (empty ones too) is one line
and each table row is one line, so ``Document.lines[n - 1]`` is the text of line ``n``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from dcrdraft.errors import ReadError
from dcrdraft.ingest._tree import TreeBuilder, clean, table_block
from dcrdraft.ingest.document import Block, BlockKind, Document

_HEADING_STYLE = re.compile(r"heading\s*([1-9])\b", re.I)
_EXPANSION = 20
"""A .docx may unpack to at most this many times the size limit (zip-bomb guard)."""


def _check_zip(data: bytes, path: str, max_bytes: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError(f"{path}: not a Word .docx file (not a zip archive)") from None
    if "word/document.xml" not in names:
        raise ReadError(f"{path}: not a Word .docx file (no word/document.xml)")
    if unpacked > _EXPANSION * max_bytes:
        raise ReadError(f"{path}: unpacks to {unpacked // 2**20} MB, too large to read")


def _outline_level(paragraph: Any) -> int | None:
    """Heading level from the style name ("Heading 2", "Title") or the outline level."""
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    if name.lower() == "title":
        return 1
    m = _HEADING_STYLE.match(name)
    if m:
        return int(m.group(1))
    for element in (paragraph._p, style.element if style is not None else None):
        ppr = element.pPr if element is not None else None
        lvl = ppr.find(_qn("w:outlineLvl")) if ppr is not None else None
        if lvl is not None:
            value = lvl.get(_qn("w:val"))
            if value is not None and value.isdigit() and int(value) < 6:
                return int(value) + 1
    return None


def _qn(tag: str) -> str:
    return str(qn(tag))


def _is_list(paragraph: Any) -> bool:
    style = paragraph.style
    name = (style.name or "") if style is not None else ""
    ppr = paragraph._p.pPr
    return name.lower().startswith("list") or (ppr is not None and ppr.numPr is not None)


def _body_items(parent: Any, element: Any) -> Iterator[Any]:
    """Paragraphs and tables in document order, looking inside content controls."""
    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent)
        elif tag == "tbl":
            yield Table(child, parent)
        elif tag in ("sdt", "sdtContent", "customXml"):
            yield from _body_items(parent, child)


def _row_cells(row: Any) -> list[str]:
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(clean(cell.text))
    return cells


def _walk(doc: Any, tree: TreeBuilder, lines: list[str]) -> None:
    for item in _body_items(doc, doc.element.body):
        if isinstance(item, Table):
            rows, row_lines = [], []
            for row in item.rows:
                cells = _row_cells(row)
                lines.append(" | ".join(cells))
                rows.append(cells)
                row_lines.append(len(lines))
            if rows:
                tree.block(table_block(rows, row_lines))
            continue
        text = clean(item.text)
        lines.append(text)
        if not text:
            continue
        level = _outline_level(item)
        if level is not None:
            tree.heading(text, level, len(lines))
        else:
            kind: BlockKind = "list_item" if _is_list(item) else "paragraph"
            tree.block(Block(kind, text, len(lines), len(lines)))


def parse_docx(data: bytes, path: str, max_bytes: int) -> Document:
    """Parse .docx bytes into a Document (sections not yet recognised)."""
    _check_zip(data, path, max_bytes)

    tree, lines = TreeBuilder(), list[str]()
    try:
        _walk(docx.Document(io.BytesIO(data)), tree, lines)
    except ReadError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types on malformed files
        raise ReadError(f"{path}: cannot read Word document: {exc}".splitlines()[0]) from None
    return Document(path=path, format="docx", root=tree.finish(len(lines)), lines=lines)
