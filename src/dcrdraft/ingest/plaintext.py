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
_CELL = re.compile(r"\S+(?:[^\S\t]\S+)*")
"""A cell of a column-aligned row with its place: words apart by single spaces."""
_FIGURE = re.compile(r"[~≈<>≤≥±+\-−–$£€(]*\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
_PLAIN_FIGURE = re.compile(r"[~≈<>≤≥±+\-−–$£€(]*\d[\d,.:/\-–]*\s?(?:%|pp|x|ms|s)?\)?")
"""A cell that is a figure and nothing else ("94.2%", "15,250", "2026-06-03"): a value, where
a figure with words ("2024/25 actual", "30-day recall") may name a column."""
_CI_LABEL = re.compile(r"\(?\d{2}(?:\.\d)?\s?%\s*(?:CI|C\.I\.|conf)", re.I)
"""A column title naming an interval ("95% CI"), not a figure."""
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


def _body_end(lines: list[str], i: int) -> int:
    """The index after a run of rows from ``i`` with one cell count (two or more) and the
    last column aligned (or tab-separated); ``i`` when fewer than two rows align."""
    first = _cells(lines[i]) if i < len(lines) else []
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


def _spans(line: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _CELL.finditer(line)]


def _is_figure(cell: str) -> bool:
    return bool(_FIGURE.match(cell)) and not _YEAR.fullmatch(cell) and \
        not _CI_LABEL.match(cell)


def _table_rule(line: str) -> bool:
    """A rule under a column header: dashes or equals signs, whole or one run per column."""
    text = line.strip()
    return len(text) >= 3 and not text.strip("-=_~+ ") and text.count(" ") < len(text) / 2


def _header(lines: list[str], heads: range, body: range) -> list[str] | None:
    """The header that ``heads`` (one or two lines) give the aligned rows of ``body``: each
    header cell goes to the one body column it overlaps (or lies nearest, in a gutter); a
    column no header cell names (the corner, mostly) stays empty. None when the lines do not
    read as a header: a figure, a cell across two columns, fewer than two columns named."""
    rows = [_spans(lines[j]) for j in body]
    n = len(rows[0])
    if any(len(r) != n for r in rows) or any("\t" in lines[j] for j in (*heads, *body)):
        return None
    cols = [(min(r[k][0] for r in rows), max(r[k][1] for r in rows)) for k in range(n)]
    header = [""] * n
    for nth, j in enumerate(heads):
        line = lines[j]
        if not line.strip() or "|" in line or _LIST.match(line) or _table_rule(line):
            return None
        named: set[int] = set()
        for start, end, text in _spans(line):
            if _is_figure(text):
                return None
            over = [k for k, (a, b) in enumerate(cols) if start < b and a < end]
            if len(over) > 1:
                return None
            k = over[0] if over else min(
                range(n), key=lambda c: (max(cols[c][0] - end, start - cols[c][1]), -c))
            if k in named:
                return None
            named.add(k)
            header[k] = f"{header[k]} {text}".strip()
        if nth == 0 and len(named - {0}) < min(2, n - 1):
            return None
    return header


_Aligned = tuple[int, list[list[str]], list[int]]
"""A column-aligned table: the index after it, its rows (header first), each row's line index."""


def _aligned(lines: list[str], i: int) -> _Aligned | None:
    """A column-aligned table starting at ``i``: its end, rows (header first) and the line
    index of each row. The header is one or two lines above the body (or above a rule line),
    placed by the body's columns, so it may sit off the columns, leave the corner blank or
    wrap; a body whose first row already carries figures has no header, and gets an empty
    one rather than losing its first row to it."""
    ruled = [(h, h + 1) for h in (1, 2) if i + h < len(lines) and _table_rule(lines[i + h])]
    found = _headed(lines, i, ruled)
    if found:
        return found
    end = _body_end(lines, i)
    if 0 < end - i <= 2 and not any(_is_figure(c) for j in range(i, end)
                                    for c in _cells(lines[j])):
        # two aligned lines of words over a body with more columns: a header that wraps
        found = _headed(lines, i, [(end - i, end - i)])
        if found:
            return found
    if end > i:
        body = range(i, end)
        first = _cells(lines[i])
        if any(_is_figure(c) for c in first[1:]) and \
                not _names_columns(first, _cells(lines[i + 1])):
            return end, [[""] * len(first), *(_cells(lines[j]) for j in body)], [i, *body]
        return end, [_cells(lines[j]) for j in body], list(body)
    return _headed(lines, i, [(1, 1), (2, 2)])


def _names_columns(first: list[str], second: list[str]) -> bool:
    """Whether a first row whose figures carry words ("2024/25 actual", "30-day recall") is
    the header of a second row of plain figures: a row of values states none with words."""
    def plain(row: list[str]) -> int:
        return sum(1 for c in row[1:] if _PLAIN_FIGURE.fullmatch(c))
    return plain(first) == 0 and plain(second) > 0


def _headed(lines: list[str], i: int, tries: list[tuple[int, int]],
            ) -> _Aligned | None:
    """The first of ``tries`` (header lines, offset of the body) that reads as a header
    over aligned rows; after a rule line one body row is enough. A header heads its block:
    under a line of columns, the lines are a row that wraps, not a header."""
    if i > 0 and len(_cells(lines[i - 1])) >= 2 and not _table_rule(lines[i - 1]):
        return None
    for h, skip in tries:
        start = i + skip
        end = _body_end(lines, start) if start < len(lines) else start
        if end == start and skip > h and start < len(lines) and \
                len(_cells(lines[start])) >= 2 and "|" not in lines[start]:
            end = start + 1
        if end == start:
            continue
        header = _header(lines, range(i, i + h), range(start, end))
        if header is not None:
            body = range(start, end)
            return end, [header, *(_cells(lines[j]) for j in body)], [i, *body]
    return None


def _table_at(lines: list[str], i: int) -> tuple[int, _Aligned | None]:
    """The index after a table starting at ``i`` (``i`` when none starts there), with the
    rows of a column-aligned one, so the scanner reads them without aligning it again."""
    if _is_pipe_row(lines[i]):
        j = i
        while j < len(lines) and lines[j].strip() and _is_pipe_row(lines[j]):
            j += 1
        return (j if j - i >= 2 else i), None
    found = _aligned(lines, i)
    return (found[0], found) if found else (i, None)


def _table_end(lines: list[str], i: int) -> int:
    """The index after a table starting at ``i``, or ``i`` when none starts there."""
    return _table_at(lines, i)[0]


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
            elif (table := _table_at(lines, i))[0] > i:
                self._table(i, *table)
                i = table[0]
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

    def _table(self, i: int, end: int, found: _Aligned | None) -> None:
        if found:
            rows = found[1]
            row_lines = [j + 1 + self.offset for j in found[2]]
            self.out.append(table_block(rows, row_lines, end + self.offset))
            return
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


_QUOTED = re.compile(r"^[ \t]*>(?:[ \t]?>)*[ \t]?")
"""An e-mail reply's quote marks ("> ", ">> ", "> > "), one or more levels."""
_NESTED = re.compile(r"^[ \t]*>[ \t]?>|^[ \t]*>[ \t]*$")


def unquoted(lines: list[str]) -> list[str]:
    """``lines`` with e-mail quote marks taken off each run of three or more quoted lines
    that looks like a reply (a bare ">" line or a nested quote in it), so a quoted message
    reads as the headings, lists and tables it was written with. A lone line opening with ">"
    ("> 5% errors: page the on-call") is a comparison and stays as it is."""
    out = list(lines)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _QUOTED.match(lines[j]):
            j += 1
        if j - i >= 3 and any(_NESTED.match(lines[k]) for k in range(i, j)):
            for k in range(i, j):
                out[k] = _QUOTED.sub("", lines[k], count=1)
        i = max(j, i + 1)
    return out


def parse_plaintext(text: str, path: str, fmt: SourceFormat = "text") -> Document:
    """Parse plain text into a Document (sections not yet recognised); e-mail quote marks
    are read past, the source lines kept as written for evidence."""
    lines = split_lines(text)
    root = build(scan(unquoted(lines))).finish(len(lines))
    return Document(path=path, format=fmt, root=root, lines=lines)
