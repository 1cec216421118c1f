"""Read Markdown with markdown-it-py into a ``Document``: headings, paragraphs, list items,
tables, code and quotes, each mapped to its source lines; inline formatting becomes plain text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import Block, BlockKind, Document, SourceFormat
from ._tree import TreeBuilder, clean, table_block
from .source import split_lines

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_PARSER: MarkdownIt | None = None


def _parser() -> MarkdownIt:
    global _PARSER
    if _PARSER is None:
        from markdown_it import MarkdownIt

        _PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    return _PARSER


def inline_text(token: Token) -> str:
    """The plain text of an inline token: emphasis, links and inline HTML stripped."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
        elif child.type == "html_inline" and _BREAK.match(child.content):
            parts.append(" ")
    return clean("".join(parts))


def html_text(source: str) -> str:
    """Visible text of a raw HTML block (comments and tags dropped, entities decoded)."""
    return clean(html.unescape(_TAG.sub(" ", _COMMENT.sub(" ", source))))


@dataclass
class _Item:
    """A list item being collected: its own paragraphs, not those of nested lists."""

    line: int
    parts: list[str] = field(default_factory=list)
    end: int = 0
    loose: bool = False
    """Set once a heading appears inside the item: its paragraphs are then plain paragraphs."""


def _span(token: Token) -> tuple[int, int]:
    start, end = token.map if token.map else (0, 1)
    return start + 1, max(start + 1, end)


class _Walker:
    """Turns markdown-it's flat token stream into builder calls."""

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.tree = TreeBuilder()
        self.containers: list[_Item | str] = []

    def run(self) -> None:
        i = 0
        tokens = self.tokens
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                self._flush_item()
                for item in self.containers:
                    if isinstance(item, _Item):
                        item.loose = True
                title = inline_text(tokens[i + 1]) if i + 1 < len(tokens) else ""
                self.tree.heading(title, int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1,
                                  _span(tok)[0])
                i += 3
                continue
            if kind == "paragraph_open" and i + 1 < len(tokens):
                self._paragraph(tokens[i + 1], _span(tok))
            elif kind == "list_item_open":
                self._flush_item()
                self.containers.append(_Item(_span(tok)[0]))
            elif kind == "list_item_close":
                self._flush_item()
                if self.containers:
                    self.containers.pop()
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self._flush_item()
            elif kind == "blockquote_open":
                self._flush_item()
                self.containers.append("quote")
            elif kind == "blockquote_close":
                if self.containers:
                    self.containers.pop()
            elif kind == "table_open":
                i = self._table(i)
                continue
            elif kind in ("fence", "code_block"):
                start, end = _span(tok)
                self._emit("code", tok.content.rstrip("\n"), start, end)
            elif kind == "html_block":
                start, end = _span(tok)
                self._emit(self._para_kind(), html_text(tok.content), start, end)
            i += 1

    def _para_kind(self) -> BlockKind:
        for container in reversed(self.containers):
            if container == "quote":
                return "quote"
        return "paragraph"

    def _paragraph(self, inline: Token, span: tuple[int, int]) -> None:
        text = inline_text(inline)
        top = self.containers[-1] if self.containers else None
        if isinstance(top, _Item) and not top.loose:
            if not top.parts:
                top.line = span[0]
            top.parts.append(text)
            top.end = max(top.end, span[1])
            return
        self._emit(self._para_kind(), text, *span)

    def _flush_item(self) -> None:
        top = self.containers[-1] if self.containers else None
        if isinstance(top, _Item) and top.parts:
            text = clean(" ".join(top.parts))
            self._emit("list_item", text, top.line, max(top.line, top.end))
            top.parts = []

    def _emit(self, kind: BlockKind, text: str, line: int, end: int) -> None:
        self.tree.block(Block(kind, text, line, end))

    def _table(self, i: int) -> int:
        self._flush_item()
        tokens = self.tokens
        rows: list[list[str]] = []
        row_lines: list[int] = []
        end = _span(tokens[i])[1]
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                rows.append([])
                row_lines.append(_span(tok)[0])
            elif tok.type == "inline" and rows:
                rows[-1].append(inline_text(tok))
            i += 1
        if rows:
            self.tree.block(table_block(rows, row_lines, end))
        return i + 1


def _blank_front_matter(lines: list[str]) -> str:
    """The text with a leading YAML front-matter block blanked (line numbers kept)."""
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 500)):
            if lines[end].strip() in ("---", "..."):
                return "\n".join([""] * (end + 1) + lines[end + 1 :])
    return "\n".join(lines)


def parse_markdown(text: str, path: str, fmt: SourceFormat = "markdown") -> Document:
    """Parse Markdown text into a Document (sections not yet recognised).

    A YAML front-matter block at the top (``---`` ... ``---``) is metadata, not content.
    """
    lines = split_lines(text)
    walker = _Walker(_parser().parse(_blank_front_matter(lines)))
    walker.run()
    root = walker.tree.finish(len(lines))
    return Document(path=path, format=fmt, root=root, lines=lines)
