"""Read HTML with the standard library's parser: h1-h6 headings, paragraphs, list items,
tables, ``pre`` code and blockquotes, each at the source line the parser reports.

Script, style and template contents are skipped; text outside any block element becomes a
paragraph of its own.
"""

from __future__ import annotations

from html.parser import HTMLParser

from dcrdraft.ingest.document import Block, BlockKind, Document, SourceFormat
from dcrdraft.errors import ReadError
from dcrdraft.ingest._tree import TreeBuilder, clean, table_block
from dcrdraft.ingest.source import split_lines

_SKIP = {"script", "style", "template", "noscript", "title", "svg", "math"}
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = {
    "div", "section", "article", "header", "footer", "main", "nav", "aside", "ul", "ol",
    "dl", "hr", "figure", "form", "details", "body", "html", "center", "table", "tr",
}
_TEXT_BLOCKS: dict[str, BlockKind] = {
    "p": "paragraph", "dt": "paragraph", "dd": "paragraph", "caption": "paragraph",
    "figcaption": "paragraph", "summary": "paragraph", "address": "paragraph",
    "li": "list_item", "pre": "code", "blockquote": "quote",
}


class _Table:
    """A table being collected: rows of cells and the line of each row."""

    def __init__(self, line: int) -> None:
        self.line = line
        self.rows: list[list[str]] = []
        self.row_lines: list[int] = []
        self.cell: list[str] | None = None

    def close_cell(self) -> None:
        """End the open cell (HTML lets authors leave out ``</td>``)."""
        if self.cell is not None and self.rows:
            self.rows[-1].append(clean("".join(self.cell)))
        self.cell = None


class _Reader(HTMLParser):
    """Streams parser events into a tree builder."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tree = TreeBuilder()
        self.skip: list[str] = []
        self.open: list[str] = []
        self.buf: list[str] = []
        self.buf_text = False
        """Whether ``buf`` holds more than whitespace (kept, not re-joined per event)."""
        self.buf_line = 0
        self.heading: tuple[int, int] | None = None
        self.tables: list[_Table] = []

    def _line(self) -> int:
        return self.getpos()[0]

    def _kind(self) -> BlockKind:
        for tag in reversed(self.open):
            if tag in _TEXT_BLOCKS:
                kind = _TEXT_BLOCKS[tag]
                if kind == "paragraph" and "blockquote" in self.open:
                    return "quote"
                return kind
        return "paragraph"

    def flush(self) -> None:
        """Emit the collected text as a block of the innermost open kind."""
        kind = self._kind()
        raw = "".join(self.buf).strip() if kind != "code" else "".join(self.buf).strip("\n")
        text = raw if kind == "code" else clean(raw)
        if text and self.heading is None:
            end = self.buf_line + raw.count("\n")
            self.tree.block(Block(kind, text, self.buf_line, end))
        self.buf, self.buf_text = [], False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip or tag in _SKIP:
            if tag in _SKIP:
                self.skip.append(tag)
            return
        table = self.tables[-1] if self.tables else None
        if tag == "br":
            (table.cell if table is not None and table.cell is not None else self.buf).append("\n")
            return
        if table is not None and tag in ("td", "th"):
            table.close_cell()
            table.cell = []
            return
        if table is not None and tag == "tr":
            table.close_cell()
            table.rows.append([])
            table.row_lines.append(self._line())
            return
        if tag in _HEADINGS or tag in _TEXT_BLOCKS or tag in _CONTAINERS:
            if self.heading is not None and self.buf_text:
                self._end_heading()
            if self.heading is None and not (table is not None and table.cell is not None):
                self.flush()
        if tag in _HEADINGS:
            self.heading = (_HEADINGS[tag], self._line())
        elif tag == "table":
            self.tables.append(_Table(self._line()))
        if tag in _TEXT_BLOCKS:
            if tag in ("p", "li", "dt", "dd") and self.open and self.open[-1] == tag:
                self.open.pop()
            self.open.append(tag)
            self.buf_line = self._line()

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and tag in ("td", "th"):
            table.close_cell()
            return
        if tag == "table" and table is not None:
            table.close_cell()
            self.tables.pop()
            rows = [r for r in table.rows if r]
            lines = [n for r, n in zip(table.rows, table.row_lines) if r]
            if rows:
                self.tree.block(table_block(rows, lines, self._line()))
            return
        if tag in _HEADINGS and self.heading is not None:
            self._end_heading()
            return
        if tag in _TEXT_BLOCKS or tag in _CONTAINERS:
            self.flush()
        if tag in _TEXT_BLOCKS and tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def _end_heading(self) -> None:
        if self.heading is not None:
            level, line = self.heading
            title = clean("".join(self.buf))
            self.heading, self.buf, self.buf_text = None, [], False
            if title:
                self.tree.heading(title, level, line)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell.append(data)
            return
        if table is not None:
            return
        if not self.buf_text:
            stripped = data.lstrip()
            if stripped:
                self.buf_line = self._line() + data[: len(data) - len(stripped)].count("\n")
                self.buf_text = True
        self.buf.append(data)


def _close_tail(text: str) -> str:
    """``text`` with each ``<`` after the last ``>`` written ``&lt;``: nothing there can close,
    and the standard parser would rescan the rest of the text for every one of them (200 KB of
    ``<!--`` took minutes); as ``&lt;`` they read as the same text in one pass."""
    last = text.rfind(">")
    tail = text[last + 1:]
    if "<" not in tail:
        return text
    return text[:last + 1] + tail.replace("<", "&lt;")


def parse_html(text: str, path: str, fmt: SourceFormat = "html") -> Document:
    """Parse HTML text into a Document (sections not yet recognised)."""
    reader = _Reader()
    try:
        reader.feed(_close_tail(text))
        reader.close()
    except (AssertionError, ValueError) as exc:
        raise ReadError(f"{path}: cannot parse HTML: {exc}") from None
    reader._end_heading()
    reader.flush()
    lines = split_lines(text)
    return Document(path=path, format=fmt, root=reader.tree.finish(len(lines)), lines=lines)
