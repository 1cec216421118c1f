"""One long paragraph costs what its length costs. Checks read a sentence's whole paragraph
(or line) for context, so a paragraph of n sentences read once per sentence cost n²: 160 KB of
short sentences on one line took 14 s through the CLI, 80 KB 4 s. Work is counted here as the
characters handed to the pattern layer and the text cleaner, which, unlike time, is the same
on a loaded machine; bench/hostile_speed.py times the same shapes beside proselint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from dcrdraft.ingest import read_document, read_text
from dcrdraft.ingest._tree import MAX_BLOCK
from dcrdraft.review import context, fastre, linear
from dcrdraft.review.engine import review_document

SENTENCE = "Recall was 91% on 2,000 cases; the manual process caught 71% of the same cases. "

SHAPES: dict[str, Callable[[int], tuple[str, str]]] = {
    "paragraph": lambda n: ("# Results\n\n" + SENTENCE * n, "markdown"),
    "list item": lambda n: ("# Results\n\n- " + SENTENCE * n + "\n", "markdown"),
    "code block": lambda n: ("# Results\n\n```\n" + (SENTENCE + "\n") * n + "```\n", "markdown"),
    "text lines": lambda n: ("Results\n\n" + (SENTENCE + "\n") * n, "text"),
    "text paragraph": lambda n: ("Results\n\n" + SENTENCE * n, "text"),
    "html paragraph": lambda n: ("<html><body><h1>Results</h1><p>" + SENTENCE * n + "</p>", "html"),
}


def _scanned(monkeypatch: pytest.MonkeyPatch, text: str, fmt: str) -> int:
    """Characters handed to patterns, their RE2 twins and the cleaner reviewing ``text``."""
    seen = [0]

    def counting(fn: Callable[..., Any]) -> Callable[..., Any]:
        def wrapped(self: object, string: str, *args: Any, **kw: Any) -> Any:
            seen[0] += len(string)
            return fn(self, string, *args, **kw)
        return wrapped

    with monkeypatch.context() as m:
        for name in ("search", "match", "fullmatch", "finditer", "findall"):
            m.setattr(fastre.FastPattern, name, counting(getattr(fastre.FastPattern, name)))
        for name in ("start", "at_start"):
            m.setattr(linear.Twin, name, counting(getattr(linear.Twin, name)))
        real_clean = context.clean
        m.setattr(context, "clean", lambda s: (seen.__setitem__(0, seen[0] + len(s)),
                                               real_clean(s))[1])
        review_document(read_text(text, f"long.{fmt}", fmt))  # type: ignore[arg-type]
    return seen[0]


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_work_on_one_long_paragraph_grows_linearly(monkeypatch: pytest.MonkeyPatch,
                                                   shape: str) -> None:
    make = SHAPES[shape]
    review_document(read_text(*make(40)))  # type: ignore[arg-type]  # warm: twins, literals
    small = _scanned(monkeypatch, *make(300))
    large = _scanned(monkeypatch, *make(1200))
    assert small > 0, "nothing was counted: the test measures nothing"
    assert large <= 5 * small, (small, large)  # 4x the text; n² gave 9-16x


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_block_outgrows_the_limit(shape: str) -> None:
    text, fmt = SHAPES[shape](2000)
    doc = read_text(text, f"long.{fmt}", fmt)  # type: ignore[arg-type]
    blocks = list(doc.blocks())
    assert len(blocks) > 1 and all(len(b.text) <= MAX_BLOCK for b in blocks)
    # nothing lost in the cut: every figure is still there
    assert sum(b.text.count("91%") for b in blocks) == 2000


def test_a_long_code_block_keeps_each_line_number() -> None:
    lines = [f"step {i}: recall {i % 100}%" for i in range(2000)]
    doc = read_text("# Log\n\n```\n" + "\n".join(lines) + "\n```\n", "log.md")
    blocks = [b for b in doc.blocks() if b.kind == "code"]
    assert len(blocks) > 1
    for b in blocks:  # a code block's text starts on the line after its own line
        first = b.text.split("\n")[0]
        assert doc.lines[b.line] == first, (b.line, first)


def test_a_short_paragraph_stays_one_block() -> None:
    text = "# Results\n\n" + SENTENCE * 20
    assert [b.text for b in read_text(text, "short.md").blocks()] == [(SENTENCE * 20).strip()]


def test_the_cli_reads_within_the_review_budget(tmp_path: Any) -> None:
    from dcrdraft.ingest.source import REVIEW_CHARS
    from dcrdraft.review.ci import _read

    path = tmp_path / "wall.md"
    path.write_text("# Results\n\n" + SENTENCE * (2 * REVIEW_CHARS // len(SENTENCE)))
    doc = _read(str(path))
    assert not isinstance(doc, type(None)) and hasattr(doc, "unreviewed_from")
    assert doc.unreviewed_from is not None  # type: ignore[union-attr]
    # one long line is cut inside, not before it: most of the budget is still reviewed
    read = sum(len(b.text) for b in doc.blocks())  # type: ignore[union-attr]
    assert REVIEW_CHARS // 2 < read <= REVIEW_CHARS
    assert read_document(path).unreviewed_from is None  # without a budget, all is read


def test_a_line_cut_partway_is_not_claimed_as_reviewed() -> None:
    from dcrdraft.ingest.source import REVIEW_CHARS

    text = "# Results\n\n" + SENTENCE * (2 * REVIEW_CHARS // len(SENTENCE))
    doc = read_text(text, "wall.md", budget=REVIEW_CHARS)
    assert doc.unreviewed_from == 3  # line 3 was cut: only lines 1-2 were read whole
    [found] = [f for f in review_document(doc).findings if f.code == "X93"]
    assert "only lines 1-2 were reviewed" in found.message
    one_line = read_text(SENTENCE * (2 * REVIEW_CHARS // len(SENTENCE)), "wall.txt", "text",
                         budget=REVIEW_CHARS)
    [found] = [f for f in review_document(one_line).findings if f.code == "X93"]
    assert "only the start of line 1 was reviewed" in found.message
