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
_EXPANSION = 5
"""A .docx may unpack to at most this many times the size limit (zip-bomb guard)."""
_MAX_ENTRIES = 2000
"""Parts a .docx may hold; Word writes a few dozen."""
_MAX_RATIO = 100
_RATIO_FLOOR = 1 << 20
"""A part over a MB that unpacks to more than ``_MAX_RATIO`` times its packed size is a
zip bomb: Word's XML packs 5-30 times, even for long tables."""


def _check_zip(data: bytes, path: str, max_bytes: int) -> None:
    """Refuse a .docx by its directory (entry count, unpacked sizes) before unpacking it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ReadError(f"{path}: not a Word .docx file (not a zip archive)") from None
    if len(infos) > _MAX_ENTRIES:
        raise ReadError(f"{path}: {len(infos)} parts in the archive, more than {_MAX_ENTRIES}")
    if "word/document.xml" not in {info.filename for info in infos}:
        raise ReadError(f"{path}: not a Word .docx file (no word/document.xml)")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > _EXPANSION * max_bytes:
        raise ReadError(f"{path}: unpacks to {unpacked // 2**20} MB, too large to read")
    for info in infos:
        if info.file_size > _RATIO_FLOOR and \
                info.file_size > _MAX_RATIO * max(info.compress_size, 1):
            raise ReadError(f"{path}: {info.filename} unpacks {info.file_size // 2**20} MB from "
                            f"{max(info.compress_size // 1024, 1)} KB (a zip bomb); not read")


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


_TC, _TCPR, _VMERGE = qn("w:tc"), qn("w:tcPr"), qn("w:vMerge")
_P, _R, _HYPERLINK = qn("w:p"), qn("w:r"), qn("w:hyperlink")
_RUN_CONTENT = frozenset(qn(f"w:{t}") for t in ("br", "cr", "noBreakHyphen", "ptab", "t", "tab"))
"""A run's children that carry text (each element's ``str`` is its text, as python-docx has it)."""


def _run_text(r: Any) -> str:
    return "".join(str(e) for e in r.iterchildren() if e.tag in _RUN_CONTENT)


def _cell_text(tc: Any) -> str:
    """A cell's text as python-docx's ``_Cell.text`` gives it (paragraphs joined by newlines,
    each the text of its runs and hyperlinks), read from the element tree directly: its
    XPath queries per paragraph and run cost most of a long table's reading."""
    paragraphs = []
    for p in tc.iterchildren(_P):
        parts = []
        for e in p.iterchildren(_R, _HYPERLINK):
            parts.append(_run_text(e) if e.tag == _R else
                         "".join(_run_text(r) for r in e.iterchildren(_R)))
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _row_cells(row: Any, table: Any) -> list[str]:
    """The texts of a row's cells; a row without vertically merged cells is read straight
    from its ``w:tc`` elements (python-docx's grid walk costs a lookup per cell)."""
    tcs = list(row._tr.iterchildren(_TC))
    if not any((pr := tc.find(_TCPR)) is not None and pr.find(_VMERGE) is not None
               for tc in tcs):
        return [clean(_cell_text(tc)) for tc in tcs]
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(clean(cell.text))
    return cells


def _walk(doc: Any, tree: TreeBuilder, lines: list[str], budget: int) -> bool:
    """Read the body into ``tree`` and ``lines``; False when it stopped at ``budget``
    characters."""
    read = 0
    for item in _body_items(doc, doc.element.body):
        if read > budget:
            return False
        if isinstance(item, Table):
            rows, row_lines = [], []
            for row in item.rows:
                if read > budget:
                    break
                cells = _row_cells(row, item)
                lines.append(" | ".join(cells))
                read += len(lines[-1]) + 1
                rows.append(cells)
                row_lines.append(len(lines))
            if rows:
                tree.block(table_block(rows, row_lines))
            continue
        text = clean(item.text)
        read += len(text) + 1
        lines.append(text)
        if not text:
            continue
        level = _outline_level(item)
        if level is not None:
            tree.heading(text, level, len(lines))
        else:
            kind: BlockKind = "list_item" if _is_list(item) else "paragraph"
            tree.block(Block(kind, text, len(lines), len(lines)))
    return read <= budget


def parse_docx(data: bytes, path: str, max_bytes: int, budget: int | None = None) -> Document:
    """Parse .docx bytes into a Document (sections not yet recognised), stopping after about
    ``budget`` characters of text when one is given."""
    _check_zip(data, path, max_bytes)

    tree, lines = TreeBuilder(), list[str]()
    try:
        whole = _walk(docx.Document(io.BytesIO(data)), tree, lines,
                      budget if budget is not None else max_bytes)
    except ReadError:
        raise
    except Exception as exc:  # python-docx and lxml raise many types on malformed files
        raise ReadError(f"{path}: cannot read Word document: {exc}".splitlines()[0]) from None
    doc = Document(path=path, format="docx", root=tree.finish(len(lines)), lines=lines)
    if not whole:
        doc.unreviewed_from = len(lines) + 1
    return doc
