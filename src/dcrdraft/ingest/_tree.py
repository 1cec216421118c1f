"""Build a ``Document`` section tree from a reader's stream of headings and blocks.

Every reader reports headings (title, level, line) and blocks in document order; the builder
nests sections by level, gives each its heading path and closes its line span.
"""

from __future__ import annotations

import re

from dcrdraft.ingest.document import Block, Section

_SPACE = re.compile(r"\s+")
MAX_BLOCK = 4000
"""Characters one paragraph, list item or code block holds. A longer one (a file without
blank lines, a pasted wall of text) is cut into blocks of at most this size, at a sentence
end where there is one: checks read a sentence's whole block for context, so one block of n
sentences read once per sentence cost n² (a 160 KB paragraph took 14 s). No paragraph of a
real DCR or model card in the corpus comes near it (the longest holds about 1,400)."""


def clean(text: str) -> str:
    """Collapse runs of whitespace to single spaces and trim."""
    return _SPACE.sub(" ", text).strip()


def table_block(rows: list[list[str]], row_lines: list[int], end_line: int | None = None) -> Block:
    """A table block whose text is its rows joined as ``cell | cell`` lines (an empty header
    row, standing for a table that has none, adds no line)."""
    text = "\n".join(" | ".join(row) for row in rows if any(row))
    last = end_line if end_line is not None else (row_lines[-1] if row_lines else 1)
    first = row_lines[0] if row_lines else last
    return Block("table", text, first, max(first, last), rows=rows, row_lines=row_lines)


class TreeBuilder:
    """Collects headings and blocks in document order and nests them into sections."""

    def __init__(self) -> None:
        self.root = Section(title="", level=0, line=1, end_line=1)
        self._stack: list[Section] = [self.root]
        self._last = 1

    @property
    def current(self) -> Section:
        """The section that receives the next block."""
        return self._stack[-1]

    def heading(self, title: str, level: int, line: int) -> Section:
        """Open a section; it closes at the next heading of the same or a higher level (or on
        that heading's line, when lines are pages and its last block shares the page)."""
        level = max(1, min(level, 6))
        while self._stack[-1].level >= level:
            closed = self._stack.pop()
            closed.end_line = max(line - 1, closed.line, self._last)
        parent = self._stack[-1]
        section = Section(title=title, level=level, line=line, end_line=line,
                          path=(*parent.path, title))
        parent.children.append(section)
        self._stack.append(section)
        self._last = max(self._last, line)
        return section

    def block(self, block: Block) -> None:
        """Add a block to the innermost open section (a long one as several: ``MAX_BLOCK``)."""
        if block.text or block.rows:
            self._stack[-1].blocks.extend(bounded(block))
            self._last = max(self._last, block.end_line)

    def finish(self, last_line: int) -> Section:
        """Close every open section at ``last_line`` and return the root."""
        end = max(last_line, self._last, 1)
        for section in self._stack[1:]:
            section.end_line = max(end, section.line)
        self.root.end_line = end
        return self.root


def bounded(block: Block) -> list[Block]:
    """``block`` as blocks of at most ``MAX_BLOCK`` characters: prose cut after a sentence
    (else a word), code and record lines at a line end. A table stays whole: its rows are
    its units already. Each piece keeps the lines it came from."""
    text = block.text
    if len(text) <= MAX_BLOCK or block.kind == "table":
        return [block]
    out: list[Block] = []
    start, lines, first = 0, "\n" in text, block.line
    while start < len(text):
        stop = len(text) if len(text) - start <= MAX_BLOCK else _cut(text, start, lines)
        span = text[start:stop]
        piece = span.rstrip("\n") if lines else span.strip()
        if piece and lines:  # the piece's first line is the block's, counted on
            last = min(block.end_line, first + piece.count("\n") + 1)
            out.append(Block(block.kind, piece, first, max(first, last)))
        elif piece:
            out.append(Block(block.kind, piece, block.line, block.end_line))
        first += span.count("\n")
        start = stop
    return out


def _cut(text: str, start: int, lines: bool) -> int:
    """Where the piece starting at ``start`` ends: after the last line break (code, records)
    or sentence end (prose) in its second half, else after a space, else at the limit."""
    low, high = start + MAX_BLOCK // 2, start + MAX_BLOCK
    for marks in (("\n",) if lines else (". ", "? ", "! ", "; "), (" ",)):
        at = max(text.rfind(mark, low, high) for mark in marks)
        if at >= 0:
            return at + len(marks[0])
    return high
