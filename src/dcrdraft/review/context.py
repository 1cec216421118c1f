"""What every check reads: a document cut into located units (sentences, table rows, record
lines) tagged with the DCR section kinds they sit under, computed once per document.

Checks share analyses (risk entries, sign-off rows, metric figures) through ``Context.memo``
so a document is walked once however many rules look at it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from dcrdraft.ingest.document import Block, Document, Section
from dcrdraft.review.text import clean, is_gap, sentences, without_gap

T = TypeVar("T")

# Used only when the reader left every heading unrecognised (documents built by hand).
_TITLE_KINDS: tuple[tuple[str, str], ...] = (
    (r"exec|summary|tl;?dr|at a glance|bottom line", "summary"),
    (r"overview|purpose|background|introduction|about|system description|scope", "overview"),
    (r"method", "methodology"),
    (r"segment|subgroup|slice|breakdown|cohort", "segments"),
    (r"failure|error analysis|known issues|limitations", "failure_modes"),
    (r"eval|result|performance|metric|benchmark|findings|evidence", "evaluation"),
    (r"risk|hazard|threat", "risks"),
    (r"monitor|observab|alert|guardrail|watch", "monitoring"),
    (r"roll ?back|revert|kill switch|abort|back-?out", "rollback"),
    (r"human review|escalation|oversight|human-in-the-loop|staffing", "human_review"),
    (r"condition|launch criteria|pre-?deployment|readiness|go-live", "conditions"),
    (r"deploy|launch|rollout|release", "deployment"),
    (r"fair|bias|equity", "fairness"),
    (r"privacy|data protection", "privacy"),
    (r"security", "security"),
    (r"safety|harm|responsible", "safety"),
    (r"regulat|compliance|legal", "regulatory"),
    (r"sign|approv|stakeholder", "signoff"),
    (r"recommend|decision|go/no|verdict|conclusion", "recommendation"),
    (r"user doc|documentation|user guid|support", "user_docs"),
    (r"appendix|annex", "appendix"),
)
LOCATE_LINES = 200
"""Blocks up to this many lines locate each sentence from their first line; longer ones from
the previous sentence's line on (see ``Context._locate``)."""
_TITLE_RE = [(re.compile(p, re.I), k) for p, k in _TITLE_KINDS]


def guess_kind(title: str) -> str | None:
    """A section kind from a heading, for documents whose reader set no kinds."""
    for rx, kind in _TITLE_RE:
        if rx.search(title):
            return kind
    return None


@dataclass
class Unit:
    """A sentence, table row or record line with its span and the section kinds above it."""

    text: str
    line: int
    end_line: int
    section: Section
    kinds: frozenset[str]
    block: Block
    row: int | None = None
    """Index into ``block.rows`` for table rows."""


@dataclass
class Context:
    """One document prepared for the checks; the gaps of a dcrdraft draft ("Gap: no ...")
    are left out, since they say only what is missing."""

    doc: Document
    units: list[Unit] = field(default_factory=list)
    chunks: list[Unit] = field(default_factory=list)
    """Whole blocks (paragraphs, list items, code paragraphs, table rows) for co-occurrence."""
    kinds_of: dict[int, frozenset[str]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)
    _cursor: int = 0
    _cursor_block: Block | None = None

    @classmethod
    def of(cls, doc: Document) -> Context:
        ctx = cls(doc)
        guess = all(s.kind is None for s in doc.sections())
        ctx._index(doc.root, frozenset(), guess)
        return ctx

    def _index(self, section: Section, above: frozenset[str], guess: bool) -> None:
        kind = guess_kind(section.title) if guess and section.title else section.kind
        kinds = above | {kind} if kind else above
        self.kinds_of[id(section)] = kinds
        for block in section.blocks:
            self._add_block(block, section, kinds)
        for child in section.children:
            self._index(child, kinds, guess)

    def _add_block(self, block: Block, section: Section, kinds: frozenset[str]) -> None:
        if block.kind == "table" and block.rows:
            header = [clean(c) for c in block.rows[0]]
            lines = block.row_lines or [block.line] * len(block.rows)
            for i, row in enumerate(block.rows[1:], start=1):
                cells = [clean(c) for c in row]
                # A row with a gap states an absence ("Date: not signed"): it stays negated.
                cells = ["not yet given" if is_gap(c) else c for c in cells]
                text = "; ".join(f"{h}: {c}" if h else c for h, c in zip(header, cells) if c)
                ln = lines[i] if i < len(lines) else block.line
                unit = Unit(text, ln, ln, section, kinds, block, i)
                self.units.append(unit)
                self.chunks.append(unit)
            return
        if block.kind == "code" or "\n" in block.text.strip():
            # Record-style text ("Metric: ...\nThreshold: ...") keeps one unit per line.
            parts = [p for p in block.text.split("\n")]
            ln = block.line + (1 if block.kind == "code" else 0)
            start = ln
            buf: list[str] = []
            for off, raw in enumerate(parts):
                here = ln + off
                t = without_gap(clean(raw))
                if t:
                    self.units.append(Unit(t, here, here, section, kinds, block))
                    if not buf:
                        start = here
                    buf.append(t)
                elif buf:
                    self.chunks.append(Unit("\n".join(buf), start, here - 1, section, kinds,
                                            block))
                    buf = []
            if buf:
                self.chunks.append(Unit("\n".join(buf), start, block.end_line, section, kinds,
                                        block))
            return
        text = without_gap(clean(block.text))
        if not text:
            return  # a gap says what is missing: evidence of nothing
        self.chunks.append(Unit(text, block.line, block.end_line, section, kinds, block))
        sents = sentences(text)
        if len(sents) == 1:
            self.units.append(Unit(text, block.line, block.end_line, section, kinds, block))
            return
        for s in sents:
            s = without_gap(s)
            if not s:
                continue
            ln = self._locate(s, block)
            self.units.append(Unit(s, ln, ln, section, kinds, block))

    def _locate(self, sentence: str, block: Block) -> int:
        """The first line of ``block`` holding the sentence's first 12 characters. A block
        longer than ``LOCATE_LINES`` lines is searched from the previous sentence's line and
        at most ``LOCATE_LINES`` lines on, so locating stays linear in the block's length."""
        probe = sentence[:24].lower()[:12]
        last = min(block.end_line, len(self.doc.lines))
        if not probe or last <= block.line:
            return block.line  # one line: nothing to search (a long line would cost n² to scan)
        first, stop = block.line, last
        if last - block.line >= LOCATE_LINES:
            cursor = self._cursor if self._cursor_block is block else block.line
            first, stop = cursor, min(last, cursor + LOCATE_LINES)
        for ln in range(first, stop + 1):
            if probe in clean(self.doc.lines[ln - 1]).lower():
                self._cursor, self._cursor_block = ln, block
                return ln
        return block.line

    # -- queries ---------------------------------------------------------------------------

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """The analysis ``key`` for this document, computed on first use."""
        if key not in self.memo:
            self.memo[key] = compute()
        value: T = self.memo[key]
        return value

    def in_kinds(self, kinds: Iterable[str] | None, chunks: bool = False) -> list[Unit]:
        """Units (or chunks) under any of ``kinds``; all of them when ``kinds`` is empty."""
        pool = self.chunks if chunks else self.units
        wanted = set(kinds or ())
        if not wanted:
            return pool
        return [u for u in pool if u.kinds & wanted]

    def sections_of(self, kinds: Iterable[str]) -> list[Section]:
        """Sections recognised as any of ``kinds`` (outermost first, in document order)."""
        wanted = set(kinds)
        out: list[Section] = []
        inside: set[int] = set()  # sections under one already chosen (by identity, one pass)
        for s in self.doc.sections():
            if id(s) in inside:
                continue
            if self.kinds_of.get(id(s), frozenset()) & wanted:
                out.append(s)
                inside.update(id(d) for d in s.walk())
        return out

    def tables(self, kinds: Iterable[str] | None = None) -> Iterator[tuple[Block, Section]]:
        """Tables (with their section) under ``kinds``, or all tables."""
        wanted = set(kinds or ())
        for s in self.doc.root.walk():
            if wanted and not (self.kinds_of.get(id(s), frozenset()) & wanted):
                continue
            for b in s.blocks:
                if b.kind == "table" and b.rows and len(b.rows) >= 2:
                    yield b, s

    def quote(self, line: int | None, fallback: str = "") -> str | None:
        """The source line, trimmed to 160 characters, as evidence."""
        text = self.doc.line_text(line) if line else ""
        text = clean(text) or clean(fallback)
        if not text:
            return None
        return text if len(text) <= 160 else text[:157].rstrip() + "..."
