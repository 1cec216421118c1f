"""Build a ``Document`` section tree from a reader's stream of headings and blocks.

Every reader reports headings (title, level, line) and blocks in document order; the builder
nests sections by level, gives each its heading path and closes its line span.
"""

from __future__ import annotations

import re

from dcrdraft.ingest.document import Block, Section

_SPACE = re.compile(r"\s+")


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
        """Add a block to the innermost open section."""
        if block.text or block.rows:
            self._stack[-1].blocks.append(block)
            self._last = max(self._last, block.end_line)

    def finish(self, last_line: int) -> Section:
        """Close every open section at ``last_line`` and return the root."""
        end = max(last_line, self._last, 1)
        for section in self._stack[1:]:
            section.end_line = max(end, section.line)
        self.root.end_line = end
        return self.root
