"""Read Markdown with markdown-it-py into a ``Document``: headings, paragraphs, list items,
tables, code and quotes, each mapped to its source lines; inline formatting becomes plain text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from dcrdraft.ingest._tree import TreeBuilder, clean, table_block
from dcrdraft.ingest.document import Block, BlockKind, Document, SourceFormat
from dcrdraft.ingest.source import split_lines

if TYPE_CHECKING:
    from markdown_it.token import Token

_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>", re.I)
_ATX = re.compile(r"#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)$")
_PARSER: MarkdownIt | None = None
_UNLINKED: MarkdownIt | None = None
CHUNK_CHARS = 500_000
"""Texts longer than this are parsed a piece at a time, which bounds the token memory."""


_INLINE_MARKUP = re.compile(r"[\\`*_~\[<&]")
"""Characters that start inline markup (escapes, code, emphasis, strikethrough, links and
images, autolinks and HTML, entities); text without them parses to itself."""


def _parser() -> MarkdownIt:
    """One parser for every document. Its inline phase is left to ``inline_text``, which
    runs it only on text holding markup (most paragraphs and cells hold none)."""
    global _PARSER
    if _PARSER is None:
        _PARSER = MarkdownIt("commonmark", {"html": True}).enable(
            ["table", "strikethrough"]).disable(["inline", "text_join"])
    return _PARSER


def _unlinked() -> MarkdownIt:
    """The parser without its link and image rules, for inline text with no ``]``: there no
    ``[`` can open a link or an image, so the rules can only fail, and each failure scans
    ahead for a closing bracket (a run of 40,000 ``[`` took a second)."""
    global _UNLINKED
    if _UNLINKED is None:
        _UNLINKED = MarkdownIt("commonmark", {"html": True}).enable(
            ["table", "strikethrough"]).disable(["inline", "text_join", "link", "image"])
    return _UNLINKED


def inline_text(token: Token, env: dict[str, object] | None = None) -> str:
    """The plain text of an inline token: emphasis, links and inline HTML stripped.

    A token the core parser left unparsed is parsed here, with the document's ``env`` (its
    link reference definitions), exactly as markdown-it's own inline phase would; plain text
    (no markup characters) needs no parse at all, since it yields text and line breaks only.
    """
    children = token.children
    if not children:  # never parsed (block rules leave an empty list)
        if not _INLINE_MARKUP.search(token.content):
            return clean(token.content)
        md = _parser() if "]" in token.content else _unlinked()
        children = []
        md.inline.parse(token.content, md, env if env is not None else {}, children)
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "text_special"):
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




class _Walker:
    """Turns markdown-it's flat token stream into builder calls."""

    def __init__(self, tokens: list[Token], tree: TreeBuilder, offset: int = 0,
                 env: dict[str, object] | None = None) -> None:
        self.tokens = tokens
        self.env = env
        self.tree = tree
        self.offset = offset
        self.containers: list[_Item | str] = []

    def _span(self, token: Token) -> tuple[int, int]:
        """1-based first and last source line of a block token."""
        start, end = token.map if token.map else (0, 1)
        return start + 1 + self.offset, max(start + 1, end) + self.offset

    def run(self) -> None:
        """Walk every token once, emitting headings and blocks in order."""
        i = 0
        tokens = self.tokens
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "heading_open":
                i = self._heading(i)
                continue
            if kind == "paragraph_open" and i + 1 < len(tokens):
                self._paragraph(tokens[i + 1], self._span(tok))
            elif kind == "list_item_open":
                self._flush_item()
                self.containers.append(_Item(self._span(tok)[0]))
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
                start, end = self._span(tok)
                self._emit("code", tok.content.rstrip("\n"), start, end)
            elif kind == "html_block":
                start, end = self._span(tok)
                self._emit(self._para_kind(), html_text(tok.content), start, end)
            i += 1

    def _heading(self, i: int) -> int:
        """Open a section; list items around a heading hold plain paragraphs from then on."""
        self._flush_item()
        for item in self.containers:
            if isinstance(item, _Item):
                item.loose = True
        tok = self.tokens[i]
        title = inline_text(self.tokens[i + 1], self.env) if i + 1 < len(self.tokens) else ""
        level = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        self.tree.heading(title, level, self._span(tok)[0])
        return i + 3

    def _para_kind(self) -> BlockKind:
        for container in reversed(self.containers):
            if container == "quote":
                return "quote"
        return "paragraph"

    def _paragraph(self, inline: Token, span: tuple[int, int]) -> None:
        text = inline_text(inline, self.env)
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
        end = self._span(tokens[i])[1]
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "tr_open":
                rows.append([])
                row_lines.append(self._span(tok)[0])
            elif tok.type == "inline" and rows:
                rows[-1].append(inline_text(tok, self.env))
            i += 1
        if rows:
            self.tree.block(table_block(rows, row_lines, end))
        return i + 1


def _blank_front_matter(lines: list[str]) -> list[str]:
    """The lines with a leading YAML front-matter block blanked (line numbers kept)."""
    if lines and lines[0].strip() == "---":
        for end in range(1, min(len(lines), 500)):
            if lines[end].strip() in ("---", "..."):
                return [""] * (end + 1) + lines[end + 1 :]
    return lines


def _chunks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """(offset, lines) pieces of at least ``CHUNK_CHARS`` characters, cut only before a top-level
    ATX heading that follows a blank line outside code fences and HTML comments, where
    Markdown cannot carry any open block across the cut."""
    start, count, fence, comment, size = 0, 0, "", False, CHUNK_CHARS
    for i, line in enumerate(lines):
        if count >= size and not fence and not comment and _ATX.match(line) \
                and not lines[i - 1].strip():
            yield start, lines[start:i]
            start, count = i, 0
        count += len(line) + 1
        m = _FENCE.match(line)
        if m and (not fence or (m.group(1).startswith(fence) and not m.group(2).strip())):
            fence = "" if fence else m.group(1)[0] * 3
        if not fence:
            opened, closed = line.rfind("<!--"), line.rfind("-->")
            comment = opened > closed if opened >= 0 else comment and closed < 0
    yield start, lines[start:]


def parse_markdown(text: str, path: str, fmt: SourceFormat = "markdown") -> Document:
    """Parse Markdown text into a Document (sections not yet recognised).

    A YAML front-matter block at the top (``---`` ... ``---``) is metadata, not content.
    Long texts are parsed in pieces (see ``_chunks``) so memory stays bounded.
    """
    lines = split_lines(text)
    tree = TreeBuilder()
    for offset, chunk in _chunks(_blank_front_matter(lines)):
        env: dict[str, object] = {}  # the piece's link reference definitions
        _Walker(_parser().parse("\n".join(chunk), env), tree, offset, env).run()
    root = tree.finish(len(lines))
    return Document(path=path, format=fmt, root=root, lines=lines)
