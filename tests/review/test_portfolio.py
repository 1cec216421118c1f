"""The portfolio page of a batch review: a golden file over fixtures, counts equal to the JSON
report's, every quoted text escaped, ``-o``/``--report html=`` writes, ``--compare-to``."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.review.ci import RunOptions, run_ci
from dcrdraft.review.formats import render

from ..ci.conftest import git, repo  # noqa: F401  (the temporary git repository fixture)
from ..conftest import ROOT, check_golden

GOLDEN = Path(__file__).resolve().parent / "golden"
REVIEW = ROOT / "fixtures" / "review"
GOLDEN_SET = ["fixtures/review/strong-guide-style.md", "fixtures/review/strong-html.html",
              "fixtures/review/trap-rollback-tbd.md", "fixtures/review/weak-memo.md",
              "fixtures/review/trap-several.md", "fixtures/radiology.yaml"]


class _Page(HTMLParser):
    """The numbers the page states, by the data attributes they carry."""

    def __init__(self) -> None:
        super().__init__()
        self.summary: dict[str, str] = {}
        self.codes: dict[str, int] = {}
        self.items: dict[str, tuple[int, int]] = {}
        self.bins: dict[int, int] = {}
        self.docs: list[str] = []
        self.finding_lists: list[int] = []
        self.scripts = 0
        self._field: tuple[str, object] | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        if "data-summary" in a:
            self._field, self._text = ("summary", a["data-summary"]), ""
        if "data-bin" in a:
            self._field, self._text = ("bin", int(a["data-bin"] or 0)), ""
        if "data-code" in a:
            self.codes[a["data-code"] or ""] = int(a["data-documents"] or 0)
        if "data-item" in a:
            self.items[a["data-item"] or ""] = (int(a["data-missing"] or 0),
                                                int(a["data-weak"] or 0))
        if tag == "details":
            self.docs.append(a.get("id") or "")

    def handle_data(self, data: str) -> None:
        if self._field:
            self._text += data
        m = re.fullmatch(r"Findings \((\d+)\)", data)
        if m:
            self.finding_lists.append(int(m.group(1)))

    def handle_endtag(self, tag: str) -> None:
        if self._field and tag in ("dd", "td"):
            kind, key = self._field
            if kind == "summary":
                self.summary[str(key)] = self._text
            else:
                self.bins[int(key)] = int(self._text)  # type: ignore[call-overload]
            self._field = None


def _page(html: str) -> _Page:
    p = _Page()
    p.feed(html)
    return p


def test_golden_over_fixtures(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    run = run_ci(RunOptions(GOLDEN_SET, isolated=True))
    check_golden("portfolio.html", render(run, "html"), GOLDEN)


def test_counts_equal_the_json_report(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    # the labelled fixtures one level down only: the tuned sets add nothing to counting, and a
    # sealed set (fixtures/review/sealed-*) is read by its accuracy benchmark alone
    files = [str(p.relative_to(ROOT)) for p in sorted(REVIEW.iterdir()) if p.is_file()]
    run = run_ci(RunOptions(files, isolated=True))
    page, data = _page(render(run, "html")), json.loads(render(run, "json"))
    reports, s = data["files"], data["summary"]
    read = [f for f in reports if f["error"] is None]
    assert len(read) >= 30
    assert page.summary["files"] == str(s["files"]) and page.summary["ready"] == str(s["ready"])
    assert float(page.summary["mean_score"]) == s["mean_score"]
    assert page.codes == s["by_code"]
    items: dict[str, tuple[int, int]] = {}
    for f in read:
        for i in f["checklist"]:
            m, w = items.get(i["code"], (0, 0))
            items[i["code"]] = (m + (i["status"] == "missing"), w + (i["status"] == "weak"))
    assert page.items == {k: v for k, v in items.items() if sum(v)}
    assert page.bins == {b: sum(min(f["score"] // 10, 9) == b for f in read) for b in range(10)}
    assert page.docs == [f"doc-{i}" for i in range(len(reports))]
    assert page.finding_lists == [len(f["findings"]) for f in read]


def test_quoted_text_is_escaped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    evil = "<script>alert(1)</script>"
    (tmp_path / f"x{evil.replace('/', '')}.md").write_text(
        f"# Rollback\n\nRollback: TBD {evil} \"quoted\" & 'single'\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    html = render(run_ci(RunOptions(["."], isolated=True)), "html")
    assert "alert(1)" in html and "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert _page(html).scripts == 1  # the page's own sorting script only


def _review(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(cli, ["review", *args])
    assert "Traceback" not in res.output, res.output
    return res.exit_code, res.stdout, res.stderr


def test_output_and_report_write_the_page(tmp_path: Path) -> None:
    out, rep, jsn = tmp_path / "portfolio.html", tmp_path / "again.html", tmp_path / "r.json"
    code, stdout, stderr = _review(str(REVIEW / "weak-memo.md"), "--format", "html", "-o",
                                   str(out), "--report", f"html={rep}", "--report",
                                   f"json={jsn}")
    # Its mistakes are warnings: nothing blocks, the gate passes with the page written.
    assert code == 0 and stdout == "" and f"wrote html to {out}" in stderr
    assert out.read_text() == rep.read_text() and out.read_text().startswith("<!DOCTYPE html>")
    code, _, stderr = _review(str(REVIEW / "weak-memo.md"), "--format", "html", "-o", str(out))
    assert code == 2 and "already exists; use --force" in stderr
    assert _review(str(REVIEW / "weak-memo.md"), "--format", "html", "-o", str(out),
                   "--force", "--severity", "M=error")[0] == 1


def test_never_overwrites_a_reviewed_document(tmp_path: Path) -> None:
    doc = tmp_path / "dcr.html"
    doc.write_text((REVIEW / "strong-html.html").read_text())
    before = doc.read_bytes()
    code, _, stderr = _review(str(doc), "--format", "html", "-o", str(doc), "--force")
    assert code == 2 and "is an input of this run" in stderr
    _review(str(doc), "--report", f"html={doc}")
    assert doc.read_bytes() == before


def test_compare_to_shows_improved_and_regressed(repo: Path) -> None:
    (repo / "better.md").write_text((REVIEW / "weak-memo.md").read_text())
    (repo / "worse.md").write_text((REVIEW / "strong-guide-style.md").read_text())
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    (repo / "better.md").write_text((REVIEW / "strong-guide-style.md").read_text())
    (repo / "worse.md").write_text((REVIEW / "weak-memo.md").read_text())
    (repo / "new.md").write_text((REVIEW / "weak-memo.md").read_text())
    _, html, _ = _review(".", "--format", "html", "--compare-to", "main")
    changes = html[html.index('<section id="changes">'):html.index('<section id="documents">')]
    improved = changes[changes.index("<h3>Improved</h3>"):changes.index("<h3>Regressed</h3>")]
    regressed = changes[changes.index("<h3>Regressed</h3>"):changes.index("<h3>Documents")]
    assert "better.md" in improved and "worse.md" not in improved
    assert "worse.md" in regressed and "better.md" not in regressed
    assert "<h3>New documents</h3>" in changes and "new.md" in changes
