"""Read PDF text with pypdf, page by page; line numbers are page numbers (``pages=True``).

Headings are best effort: numbered and ALL-CAPS lines of the extracted text, found by the
plain-text scanner. ``Document.lines`` holds one entry per page: that page's text.
"""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from dcrdraft.errors import ReadError
from dcrdraft.ingest.document import Block, Document
from dcrdraft.ingest.plaintext import Heading, build, scan
from dcrdraft.ingest.source import split_lines

MAX_PAGES = 5000
"""PDFs with more pages than this are refused; no DCR comes near it."""


def _page_texts(data: bytes, path: str) -> list[str]:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(f"{path}: the PDF is encrypted")
        if len(reader.pages) > MAX_PAGES:
            raise ReadError(f"{path}: {len(reader.pages)} pages is more than {MAX_PAGES}")
        return [page.extract_text() or "" for page in reader.pages]
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many types on malformed files
        message = str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReadError(f"{path}: cannot read PDF: {message}") from None


def _on_page(event: Heading | Block, page: int) -> Heading | Block:
    if isinstance(event, Heading):
        return replace(event, line=page)
    rows = event.row_lines and [page] * len(event.row_lines)
    return replace(event, line=page, end_line=page, row_lines=rows or None)


def parse_pdf(data: bytes, path: str) -> Document:
    """Parse PDF bytes into a Document (sections not yet recognised)."""
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ReadError(f"{path}: not a PDF file")
    texts = _page_texts(data, path)
    events: list[Heading | Block] = []
    for page, text in enumerate(texts, start=1):
        events += [_on_page(e, page) for e in scan(split_lines(text), loose=True)]
    root = build(events).finish(len(texts))
    return Document(path=path, format="pdf", root=root, lines=texts, pages=True)
