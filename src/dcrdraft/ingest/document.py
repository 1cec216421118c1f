"""The one ``Document`` model every reader produces and every review check reads.

A document is a tree of sections (heading path, line span) holding blocks: paragraphs, list
items, tables as rows of cells, code. Every piece keeps the source line it came from (the
page number for PDF), so findings point at something an author can open.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["paragraph", "list_item", "table", "code", "quote"]
SourceFormat = Literal["markdown", "text", "html", "docx", "pdf", "inputs"]
SectionKind = Literal[
    "metadata", "summary", "overview", "evaluation", "methodology", "segments",
    "failure_modes", "risks", "deployment", "conditions", "monitoring", "rollback",
    "human_review", "user_docs", "safety", "fairness", "privacy", "security", "regulatory",
    "signoff", "recommendation", "appendix",
]
"""What a heading is recognised as: the guide's nine sections and the parts the checklist
looks for inside them (monitoring and rollback inside deployment conditions, and so on)."""


@dataclass
class Block:
    """A paragraph, list item, table or code block with its source span."""

    kind: BlockKind
    text: str
    """Plain text; for a table, its rows joined as ``cell | cell`` lines."""
    line: int
    """First source line (1-based), or page number for PDF."""
    end_line: int
    rows: list[list[str]] | None = None
    """Tables only: the header row first, then body rows, each a list of cell texts."""
    row_lines: list[int] | None = None
    """Tables only: the source line of each row in ``rows``."""


@dataclass
class Section:
    """A heading and everything under it until the next heading of the same or higher level."""

    title: str
    level: int
    """Heading level 1-6; 0 for the document root."""
    line: int
    end_line: int
    path: tuple[str, ...] = ()
    """Titles from the top-level section down to this one."""
    blocks: list[Block] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)
    kind: SectionKind | None = None
    """The DCR section this heading was recognised as (``risks``, ``monitoring`` ...)."""

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_blocks(self) -> Iterator[Block]:
        """Blocks of this section and its subsections, in document order."""
        for section in self.walk():
            yield from section.blocks

    @property
    def text(self) -> str:
        """All text under the section, heading included."""
        parts = [self.title] if self.title else []
        parts += [b.text for b in self.all_blocks()]
        return "\n".join(parts)


@dataclass
class Document:
    """A whole document: the section tree plus the source lines for evidence quotes."""

    path: str
    format: SourceFormat
    root: Section
    lines: list[str] = field(default_factory=list)
    """Source text lines (for PDF, the extracted text of each page joined by line)."""
    pages: bool = False
    """True when ``line`` numbers are page numbers (PDF)."""
    unreviewed_from: int | None = None
    """The first source line left out because the document exceeds the review budget
    (``ingest.source.REVIEW_CHARS``); None when the whole document was read."""
    size: int = 0
    """The document's whole length in characters, when ``unreviewed_from`` is set."""
    origin: list[int] | None = None
    """For the draft of an inputs file: the inputs file's line each line came from (index
    ``line - 1``); reports point there, since the draft itself is never on disk."""

    def source_line(self, line: int) -> int:
        """The line a report names for ``line``: the inputs line for a draft, else itself."""
        if self.origin is None or not self.origin:
            return line
        return self.origin[min(max(line, 1), len(self.origin)) - 1]

    def sections(self) -> Iterator[Section]:
        """Every section except the root, in document order."""
        it = self.root.walk()
        next(it)
        yield from it

    def blocks(self) -> Iterator[Block]:
        """Every block in document order."""
        yield from self.root.all_blocks()

    def line_text(self, line: int) -> str:
        """The source text of a 1-based line (empty when out of range)."""
        return self.lines[line - 1].strip() if 0 < line <= len(self.lines) else ""
