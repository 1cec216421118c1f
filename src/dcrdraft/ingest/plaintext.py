"""Read plain text into a ``Document`` by layout: underlined, numbered, ALL-CAPS and short
"Title:" headings, bulleted and numbered lists, pipe and column-aligned tables, paragraphs.

``scan`` yields headings and blocks from any list of lines; the PDF reader reuses it per page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dcrdraft.ingest.document import Block, BlockKind, Document, SourceFormat
from dcrdraft.ingest._tree import TreeBuilder, clean, table_block
from dcrdraft.ingest.source import split_lines

_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_RULE = re.compile(r"^\s*([=\-*_~#])\1{2,}\s*$")
_NUMBERED = re.compile(
    r"^(?:(?:section|part|chapter)\s+)?(\d{1,2}(?:\.\d{1,2})*|[IVX]{1,5})(?:[.)]|(?=\s))\s*"
    r"(?:[-—–:]\s*)?(\S.*)$", re.I,
)
_LIST = re.compile(r"^(\s*)([-*+•‣◦▪–]|\d{1,3}[.)]|\(\d{1,3}\)|\([a-z]\)|[a-z]\))\s+(\S.*)$")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_COLUMNS = re.compile(r"\t+|\s{2,}")
_SMALL = {"a", "an", "and", "the", "of", "for", "to", "in", "on", "or", "by", "with", "vs", "at"}
_MAX_TITLE = 90


@dataclass
class Heading:
    """A heading found by layout; ``style`` decides its level (first seen, highest)."""

    title: str
    style: str
    line: int


def _title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower() not in _SMALL and w[:1].isalpha()]
    if not significant:
        return False
    capital = sum(1 for w in significant if w[0].isupper())
    return words[0][:1].isupper() and capital / len(significant) >= 0.6


def heading_at(line: str) -> Heading | None:
    """The heading a single line looks like, judged without context (line number 0)."""
    if line[:1].isspace() or len(line.strip()) > _MAX_TITLE:
        return None
    text = line.strip()
    words = text.split()
    if not words or len(words) > 12 or text[-1] in ".,;!?":
        return None
    m = _NUMBERED.match(text)
    if m and m.group(2)[:1].isupper():
        title, depth = m.group(2).strip(), m.group(1).count(".") + 1
        if depth > 1 or _title_case(title.rstrip(":").split()):
            return Heading(title.rstrip(":").strip(), f"number{depth}", 0)
        return None
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters) and \
            len(letters) >= 0.5 * len(text.replace(" ", "")):
        return Heading(text.rstrip(":").strip(), "caps", 0)
    if text.endswith(":") and len(words) <= 6 and _title_case(words):
        return Heading(text[:-1].strip(), "colon", 0)
    return None


def standalone_title(line: str) -> Heading | None:
    """A short Title Case line set off by blank lines ("Rollback Triggers")."""
    text = line.strip()
    words = text.split()
    if line[:1].isspace() or not words or len(words) > 8 or len(text) > 70:
        return None
    if text[-1] in ".,;:!" or _LIST.match(line) or not _title_case(words):
        return None
    return Heading(text, "title", 0)


def _cells(line: str) -> list[str]:
    if "|" in line:
        parts = [c.strip() for c in line.strip().strip("|").split("|")]
        return parts if len(parts) >= 2 else []
    return [c for c in _COLUMNS.split(line.strip()) if c]


def _is_pipe_row(line: str) -> bool:
    return line.count("|") >= 2 or (line.strip().startswith("|") and line.count("|") >= 1)


def _table_end(lines: list[str], i: int) -> int:
    """The index after a table starting at ``i``, or ``i`` when none starts there."""
    if _is_pipe_row(lines[i]):
        j = i
        while j < len(lines) and lines[j].strip() and _is_pipe_row(lines[j]):
            j += 1
        return j if j - i >= 2 else i
    first = _cells(lines[i])
    if len(first) < 2 or "|" in lines[i]:
        return i
    last_col = lines[i].rstrip().rfind(first[-1])
    j = i + 1
    while j < len(lines):
        row = _cells(lines[j])
        col = lines[j].rstrip().rfind(row[-1]) if row else -1
        aligned = "\t" in lines[j] or abs(col - last_col) <= 1
        if len(row) != len(first) or not aligned or "|" in lines[j]:
            break
        j += 1
    return j if j - i >= 2 else i


def _starts_block(lines: list[str], i: int) -> bool:
    return bool(_LIST.match(lines[i])) or _table_end(lines, i) > i


class _Scanner:
    """One pass over the lines, collecting headings and blocks in order."""

    def __init__(self, lines: list[str], offset: int = 0, loose: bool = False) -> None:
        self.lines = lines
        self.offset = offset
        self.loose = loose
        self.out: list[Heading | Block] = []

    def run(self) -> list[Heading | Block]:
        lines, i = self.lines, 0
        while i < len(lines):
            text = lines[i].strip()
            after_blank = self.loose or i == 0 or not lines[i - 1].strip() or isinstance(
                self.out[-1] if self.out else None, Heading)
            if not text or _RULE.match(text) and not self._underlined(i - 1):
                i += 1
            elif after_blank and self._underlined(i):
                style = "underline" + lines[i + 1].strip()[0]
                self.out.append(Heading(text, style, i + 1 + self.offset))
                i += 2
            elif after_blank and (h := heading_at(lines[i]) or self._standalone(i)):
                h.line = i + 1 + self.offset
                self.out.append(h)
                i += 1
            elif (end := _table_end(lines, i)) > i:
                self._table(i, end)
                i = end
            elif m := _LIST.match(lines[i]):
                i = self._list_item(i, len(m.group(1)), m.group(3))
            else:
                i = self._paragraph(i)
        return self.out

    def _standalone(self, i: int) -> Heading | None:
        if i + 1 < len(self.lines) and self.lines[i + 1].strip():
            return None
        return standalone_title(self.lines[i])

    def _underlined(self, i: int) -> bool:
        lines = self.lines
        if i < 0 or i + 1 >= len(lines) or not lines[i].strip():
            return False
        text = lines[i].strip()
        return bool(_UNDERLINE.match(lines[i + 1])) and len(lines[i + 1].strip()) >= 3 and \
            len(text) <= _MAX_TITLE and not _LIST.match(lines[i]) and not _RULE.match(text)

    def _block(self, kind: BlockKind, text: str, start: int, end: int) -> None:
        self.out.append(Block(kind, clean(text), start + 1 + self.offset, end + self.offset))

    def _table(self, i: int, end: int) -> None:
        rows, row_lines = [], []
        for j in range(i, end):
            if _PIPE_SEP.match(self.lines[j]):
                continue
            rows.append(_cells(self.lines[j]))
            row_lines.append(j + 1 + self.offset)
        self.out.append(table_block(rows, row_lines, end + self.offset))

    def _list_item(self, i: int, indent: int, first: str) -> int:
        parts, j = [first], i + 1
        while j < len(self.lines):
            line = self.lines[j]
            if not line.strip() or _LIST.match(line) or _RULE.match(line):
                break
            own = len(line) - len(line.lstrip())
            if own <= indent and (indent > 0 or heading_at(line) or _table_end(self.lines, j) > j):
                break
            parts.append(line)
            j += 1
        self._block("list_item", " ".join(parts), i, j)
        return j

    def _paragraph(self, i: int) -> int:
        j = i + 1
        while j < len(self.lines) and self.lines[j].strip() and not _starts_block(self.lines, j) \
                and not self._underlined(j) and not (self.loose and heading_at(self.lines[j])):
            j += 1
        self._block("paragraph", " ".join(self.lines[i:j]), i, j)
        return j


def scan(lines: list[str], offset: int = 0, loose: bool = False) -> list[Heading | Block]:
    """Headings and blocks of ``lines`` in order; line numbers start at ``offset + 1``.

    ``loose`` accepts numbered and ALL-CAPS headings without a blank line before them, as
    text extracted from PDF pages rarely keeps blank lines.
    """
    return _Scanner(lines, offset, loose).run()


class Leveller:
    """Levels from heading styles: each new style ranks below those seen before it (as in
    reStructuredText); "Label:" headings are minor labels, always at the deepest level 6."""

    def __init__(self) -> None:
        self.rank: dict[str, int] = {}

    def level(self, heading: Heading) -> int:
        if heading.style == "colon":
            return 6
        if heading.style not in self.rank:
            self.rank[heading.style] = min(5, len(self.rank) + 1)
        return self.rank[heading.style]


def build(events: list[Heading | Block], tree: TreeBuilder | None = None) -> TreeBuilder:
    """Feed scanned events into a tree builder."""
    tree = tree or TreeBuilder()
    levels = Leveller()
    for event in events:
        if isinstance(event, Heading):
            tree.heading(event.title, levels.level(event), event.line)
        else:
            tree.block(event)
    return tree


def parse_plaintext(text: str, path: str, fmt: SourceFormat = "text") -> Document:
    """Parse plain text into a Document (sections not yet recognised)."""
    lines = split_lines(text)
    root = build(scan(lines)).finish(len(lines))
    return Document(path=path, format=fmt, root=root, lines=lines)
