"""Reader stub: replaced by the real word reader."""

from __future__ import annotations

from ..document import Document
from ..errors import ReadError


def parse_docx(data: bytes, path: str, max_bytes: int = 0) -> Document:
    """Not available yet."""
    raise ReadError(f"{path}: the word reader is not available yet")
