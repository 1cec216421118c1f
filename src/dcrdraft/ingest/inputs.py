"""Reader stub: replaced by the real inputs reader."""

from __future__ import annotations

from ..document import Document
from ..errors import ReadError


def parse_inputs(text: str, path: str) -> Document:
    """Not available yet."""
    raise ReadError(f"{path}: the inputs reader is not available yet")
