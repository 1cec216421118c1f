"""Hostile documents (issue 12): every one is reviewed, or refused in one line, and the work
grows in proportion to the document. Time bounds live in bench/hostile_speed.py; here the
documents are small and the scaling test counts operations, never seconds."""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dcrdraft.ingest import read_text
from dcrdraft.ingest.source import REVIEW_CHARS
from dcrdraft.review.api import review_path
from dcrdraft.review.engine import review_document

from ..tools import count_calls

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

import hostile_docs  # noqa: E402

SCALE = 0.008
"""A 1.6 KB line of dots, an 800-row table, a 160 KB realistic DCR (over the budget)."""

NAMES = sorted([*hostile_docs.HOSTILE, *hostile_docs.FUZZ_FOUND])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    return {p.name: p for p in hostile_docs.build(folder, SCALE)}


@pytest.mark.parametrize("name", NAMES)
def test_hostile_document_is_reviewed(hostile: dict[str, Path], name: str) -> None:
    report = review_path(hostile[name])
    assert report.error is None, report.error
    assert 0 <= report.score <= 100 and len(report.checklist) >= 20
    budget = [f for f in report.findings if f.code == "X93"]
    over = hostile[name].stat().st_size > REVIEW_CHARS * 1.05 and name.endswith((".md", ".txt"))
    assert len(budget) == (1 if over else 0), [f.message for f in report.findings]


def test_zip_bomb_is_refused_in_one_line(hostile: dict[str, Path]) -> None:
    report = review_path(hostile["bomb.docx"])
    assert report.error is not None and "\n" not in report.error
    assert "zip bomb" in report.error and "bomb.docx" in report.error


def test_zip_bomb_cli_exits_2_with_one_line(hostile: dict[str, Path]) -> None:
    import subprocess

    out = subprocess.run([sys.executable, "-m", "dcrdraft", "review", "--no-cache",
                          "--isolated", str(hostile["bomb.docx"])], capture_output=True,
                         text=True, env={"PYTHONPATH": str(ROOT / "src"),
                                         "DCRDRAFT_NO_REGEX_CACHE": "1", "PATH": ""},
                         check=False)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    assert [ln for ln in out.stderr.splitlines() if "zip bomb" in ln]


def _docx(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_docx_with_too_many_parts_is_refused_before_unpacking(tmp_path: Path) -> None:
    parts = {f"word/media/p{i}.xml": b"x" for i in range(2100)}
    parts["word/document.xml"] = b"<w:document/>"
    path = tmp_path / "many.docx"
    path.write_bytes(_docx(parts))
    report = review_path(path)
    assert report.error is not None and "more than 2000" in report.error


def test_budget_finding_names_where_review_stopped() -> None:
    para = "Recall is 91% on 2,000 held-out cases, above the 85% threshold.\n\n"
    text = "# Evaluation\n\n" + para * (REVIEW_CHARS // len(para) + 50)
    doc = read_text(text, "long.md", budget=REVIEW_CHARS)
    assert doc.unreviewed_from is not None and doc.size == len(text)
    assert sum(len(line) + 1 for line in doc.lines) <= REVIEW_CHARS
    found = [f for f in review_document(doc).findings if f.code == "X93"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert f"lines 1-{doc.unreviewed_from - 1}" in found[0].message
    assert read_text(text, "long.md").unreviewed_from is None  # no budget, all read
    short = read_text("# Evaluation\n\n" + para, "short.md", budget=REVIEW_CHARS)
    assert short.unreviewed_from is None
    assert not [f for f in review_document(short).findings if f.code == "X93"]


# -- linear scaling, counted in operations --------------------------------------------------

def _calls(text: str, fmt: str = "markdown") -> int:
    """Python function calls made reviewing ``text`` (deterministic, unlike time)."""
    doc = read_text(text, f"scale.{fmt}", fmt)  # type: ignore[arg-type]
    review_document(doc)  # warm: lazy compiles and twins are not the document's cost
    doc = read_text(text, f"scale.{fmt}", fmt)  # type: ignore[arg-type]
    return count_calls(review_document, doc)


@pytest.mark.parametrize("make", [
    lambda n: hostile_docs._realistic(n),
    lambda n: hostile_docs._table_md(n // 40),
    lambda n: hostile_docs._prose(n),
    lambda n: "# Risks\n\n" + "".join(f"## Risk {i}\n\nOwner: A. Lee. Severity: high.\n\n"
                                      for i in range(n // 45)),
], ids=["realistic", "table", "prose", "many-sections"])
def test_review_work_grows_linearly(make: object) -> None:
    small, large = _calls(make(8_000)), _calls(make(32_000))  # type: ignore[operator]
    assert large <= 5 * small, (small, large)


# -- the RE2 twin gives re's answers -----------------------------------------------------------

def _patterns() -> list[re.Pattern[str]]:
    import dcrdraft.review.checks as checks_pkg
    from dcrdraft.review import load_rubric, text
    from dcrdraft.review.fastre import FastPattern, fast

    found: list[re.Pattern[str]] = []
    for mod in [text] + [m for m in vars(checks_pkg).values() if hasattr(m, "__file__")]:
        for value in vars(mod).values():
            if isinstance(value, FastPattern):
                found.append(value)  # type: ignore[arg-type]
    for rule in load_rubric().rules:
        for value in rule.params.values():
            for p in value if isinstance(value, list) else [value]:
                for q in p if isinstance(p, list) else [p]:
                    if isinstance(q, str):
                        try:
                            found.append(fast(q, re.I))
                        except re.error:
                            pass
    return list({(p.pattern, p.flags): p for p in found}.values())  # shared ones, once


PATTERNS = _patterns()
TOKENS = ["0", "0.91", "1.1.", "87%", "0,", ",", ".", " ", "\n", "%", "pp", "recall", "Recall",
          "threshold", "below", "above 5%", "per day", "<", ">", "<!--", "|", "#", "*", "[x]",
          "TBD", "owner", "sign-off", "approve", "rollback", "monitor", "not yet", "n=120",
          "95% CI", "±", "≥", "’", "é", "K", "ſ", "İ", "no", "has not been tested", "Gap:",
          "segment", "baseline", "x", "ms", "2026-10-31", "ab", "_", "\t", "\x0b", "\x1c"]


def _same(p: re.Pattern[str], text: str) -> None:
    plain = p.re  # type: ignore[attr-defined]
    a, b = p.search(text), plain.search(text)
    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), p.pattern[:80]
    got = [(m.span(), m.groups()) for m in p.finditer(text)]
    assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], p.pattern[:80]
    assert p.findall(text) == plain.findall(text)
    ma, mb = p.match(text), plain.match(text)
    assert (ma and ma.span()) == (mb and mb.span())


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), min_size=60, max_size=300))
def test_twin_answers_like_re_on_long_texts(tokens: list[str]) -> None:
    text = "".join(tokens)
    if len(text) < 256:
        text = (text + " ") * (256 // max(len(text), 1) + 1)
    for p in PATTERNS:
        _same(p, text)


def test_twin_answers_like_re_on_the_fixtures() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "review").glob("*"))
             if p.suffix in (".md", ".txt", ".html")]
    assert len(texts) > 20
    for text in texts:  # the first 3,000 characters of each: headings, tables and prose
        for p in PATTERNS:
            _same(p, text[:3000])
