"""Load a document's bytes safely: refuse oversized files, binary data and undecodable text.

Files above ``max_bytes`` are refused before a byte is read, so a huge file costs neither
memory nor time; everything else is read whole, since every reader needs the whole text.
"""

from __future__ import annotations

import re
from pathlib import Path

from dcrdraft.errors import ReadError
from dcrdraft.io import read_regular

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Documents larger than this (20 MB) are refused; no real DCR comes near it."""

REVIEW_CHARS = 128 * 1024
"""Characters of a document that are parsed and reviewed. Beyond this (some 120 pages; no
real DCR comes near it) the rest is left out and the review says so in one warning finding,
so a document up to the 20 MB limit costs bounded time."""

_NEWLINE = re.compile(r"\r\n?|\n")


def within_budget(text: str, budget: int = REVIEW_CHARS) -> tuple[str, int | None]:
    """``text`` cut at the last line break within ``budget`` characters (inside a line that
    alone fills most of the budget), and the number of the first line not read whole (the
    one cut, if any); the text itself and None when it fits."""
    if len(text) <= budget:
        return text, None
    cut = text.rfind("\n", 0, budget)
    if cut < budget // 2:  # one long line: cut inside it (at a space), not before it
        space = text.rfind(" ", budget // 2, budget)
        cut = space if space > 0 else budget
        head = text[:cut]
        return head, len(split_lines(head))
    head = text[:cut]
    return head, len(split_lines(head)) + 1


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The file's bytes, or ReadError when it is missing, a folder, a FIFO or device, or too
    large (checked before a byte is read)."""
    return read_regular(path, max_bytes, "document")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def decode(data: bytes, path: str) -> str:
    """Text from UTF-8 (with or without BOM) or BOM-marked UTF-16; binary data is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ReadError(f"{path}: invalid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise ReadError(f"{path}: looks like a binary file, not a text document")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReadError(
            f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


def check_size(text: str, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    """Refuse in-memory text beyond the same limit as files (counted in characters)."""
    if len(text) > max_bytes:
        raise ReadError(f"{path}: larger than the {_mb(max_bytes)} limit for a document")


def split_lines(text: str) -> list[str]:
    """Source lines as Markdown parsers count them (CRLF, CR and LF all end a line)."""
    lines = _NEWLINE.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines
