"""Readers never crash: random text and bytes give a Document or a ReadError, and a 50 MB
file is refused before it is read."""

from __future__ import annotations

import tempfile
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcrdraft.ingest.document import Document, SourceFormat
from dcrdraft.errors import ReadError
from dcrdraft.ingest import read_document, read_text

PIECES = [
    "# ", "## ", "###### ", "\n", "\n\n", "- ", "* ", "1. ", "(2) ", "> ", "| a | b |\n",
    "|---|---|\n", "```\n", "    ", "<p>", "</p>", "<li>", "<table><tr><td>", "</td></tr>",
    "<h2>", "</h2>", "<script>", "<!-- x -->", "====\n", "----\n", "RISK REGISTER\n",
    "4.2 Segments\n", "Mitigations:\n", "**", "_", "`", "[x](y)", "&amp;", "\t", "  ", "\r",
    "Severity: high. Likelihood: low. Mitigation: review.", "\x00", "\u2028", "é",
]

markdownish = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)),
                       max_size=60).map("".join)


def _check(doc: Document) -> None:
    last = max(len(doc.lines), 1)
    for section in doc.sections():
        assert 1 <= section.line <= section.end_line <= last
    for block in doc.blocks():
        assert 1 <= block.line <= block.end_line <= last
        if block.kind == "table":
            assert block.rows is not None and block.row_lines is not None
            assert len(block.rows) == len(block.row_lines)


@pytest.mark.parametrize("fmt", ["markdown", "text", "html"])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markdownish)
def test_random_text_never_crashes(fmt: SourceFormat, text: str) -> None:
    try:
        doc = read_text(text, "fuzz", fmt)
    except ReadError:
        return
    _check(doc)


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html", ".docx", ".pdf", ".yaml", ".json"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400), markdownish.map(lambda s: s.encode("utf-8")),
                      st.binary(max_size=200).map(lambda b: b"%PDF-1.4\n" + b),
                      st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b)))
def test_random_bytes_never_crash(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except ReadError as exc:
            assert "\n" not in str(exc) and "fuzz" in str(exc)
            return
        _check(doc)


def test_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    with pytest.raises(ReadError, match=r"huge.md: 50.0 MB is larger than the 20.0 MB limit"):
        read_document(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 1024 * 1024  # never read; the time it takes: bench/timing_bounds.py


def test_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "dcr.md"
    path.write_text("# Risks\n\n" + "A risk line.\n" * 200, encoding="utf-8")
    with pytest.raises(ReadError, match="limit"):
        read_document(path, max_bytes=1000)
    with pytest.raises(ReadError, match="limit"):
        read_text("x" * 2000, "mem.md", "markdown", max_bytes=1000)
    assert read_document(path, max_bytes=10_000).root.children[0].kind == "risks"


def test_a_large_document_within_the_limit_reads(tmp_path: Path) -> None:
    section = "## Risk {n}\n\nSeverity: high. Mitigation: review. Owner: Ana.\n\n- item\n\n"
    path = tmp_path / "big.md"
    path.write_text("# DCR\n\n" + "".join(section.format(n=n) for n in range(5000)),
                    encoding="utf-8")
    doc = read_document(path)
    assert len(doc.root.children[0].children) == 5000  # how quickly: bench/timing_bounds.py


def test_folder_is_not_a_document(tmp_path: Path) -> None:
    folder = tmp_path / "dir.md"
    folder.mkdir()
    with pytest.raises(ReadError, match="is a folder"):
        read_document(folder)
