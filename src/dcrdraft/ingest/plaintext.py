"""Reader stub: replaced by the real plaintext reader."""

from __future__ import annotations

from ..document import Document
from ..errors import ReadError


def parse_plaintext(text: str, path: str) -> Document:
    """Not available yet."""
    raise ReadError(f"{path}: the plaintext reader is not available yet")
