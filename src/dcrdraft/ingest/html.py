"""Reader stub: replaced by the real html reader."""

from __future__ import annotations

from ..document import Document
from ..errors import ReadError


def parse_html(text: str, path: str) -> Document:
    """Not available yet."""
    raise ReadError(f"{path}: the html reader is not available yet")
