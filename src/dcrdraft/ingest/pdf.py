"""Reader stub: replaced by the real pdf reader."""

from __future__ import annotations

from ..document import Document
from ..errors import ReadError


def parse_pdf(data: bytes, path: str, max_bytes: int = 0) -> Document:
    """Not available yet."""
    raise ReadError(f"{path}: the pdf reader is not available yet")
