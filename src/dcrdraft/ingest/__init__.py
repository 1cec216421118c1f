"""Read DCRs in any supported format into the one ``Document`` model and recognise sections.

``read_document(path)`` picks a reader by suffix; ``read_text(text, path, format)`` parses
text already in memory. Unreadable input raises ``ReadError`` with a one-line message.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from dcrdraft.ingest.document import Document, SourceFormat
from dcrdraft.errors import ReadError
from dcrdraft.ingest.sections import classify_heading, classify_text, heading_kinds, recognise
from dcrdraft.ingest.source import DEFAULT_MAX_BYTES, check_size, decode, read_bytes, \
    within_budget

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_BY_SUFFIX",
    "classify_heading",
    "classify_text",
    "format_for",
    "heading_kinds",
    "read_document",
    "read_text",
    "recognise",
]

FORMAT_BY_SUFFIX: dict[str, SourceFormat] = {
    ".md": "markdown", ".markdown": "markdown",
    ".txt": "text", ".text": "text", "": "text",
    ".html": "html", ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".yaml": "inputs", ".yml": "inputs", ".json": "inputs",
}
"""Which reader handles a file, by its lower-cased suffix."""


def format_for(path: str | Path) -> SourceFormat:
    """The format a file is read as, or ReadError for an unsupported suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMAT_BY_SUFFIX:
        known = ", ".join(s for s in FORMAT_BY_SUFFIX if s)
        raise ReadError(f"{path}: unsupported file type {suffix!r} (expected one of {known})")
    return FORMAT_BY_SUFFIX[suffix]


def read_document(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
                  budget: int | None = None) -> Document:
    """Read and parse a document file; files over ``max_bytes`` are refused with ReadError.
    With ``budget``, only about that many characters are parsed (``Document.unreviewed_from``
    says where the rest starts)."""
    p = Path(path)
    fmt = format_for(p)
    data = read_bytes(p, max_bytes)
    if fmt == "docx":
        # lazy: each reader pulls in its parser library only for its format
        from dcrdraft.ingest.word import parse_docx

        return recognise(parse_docx(data, str(p), max_bytes, budget))
    if fmt == "pdf":
        from dcrdraft.ingest.pdf import parse_pdf  # lazy: as above

        return recognise(parse_pdf(data, str(p)))
    return read_text(decode(data, str(p)), str(p), fmt, max_bytes, budget)


def read_text(
    text: str, path: str = "<text>", format: SourceFormat = "markdown",
    max_bytes: int = DEFAULT_MAX_BYTES, budget: int | None = None,
) -> Document:
    """Parse text already in memory as ``format`` (markdown, text, html or inputs); with
    ``budget``, only the lines within that many characters."""
    check_size(text, path, max_bytes)
    parser = _text_parser(format, path)
    head, cut = (text, None) if budget is None or format == "inputs" else \
        within_budget(text, budget)
    doc = recognise(parser(head.replace("\x00", "\ufffd"), path))
    if cut is not None:
        doc.unreviewed_from, doc.size = cut, len(text)
    return doc


def _text_parser(fmt: SourceFormat, path: str) -> Callable[[str, str], Document]:
    if fmt == "markdown":
        from dcrdraft.ingest.markdown import parse_markdown  # lazy: as above

        return parse_markdown
    if fmt == "text":
        from dcrdraft.ingest.plaintext import parse_plaintext  # lazy: as above

        return parse_plaintext
    if fmt == "html":
        from dcrdraft.ingest.html import parse_html  # lazy: as above

        return parse_html
    if fmt == "inputs":
        # lazy: as above (inputs pull in pydantic, ruamel and the drafter)
        from dcrdraft.ingest.inputs import parse_inputs

        return parse_inputs
    raise ReadError(f"{path}: {fmt} documents are binary; read them with read_document")
