"""Every output format as a golden file over the same fixed run, and format invariants."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from dcrdraft.cli.ci_options import FORMAT_NAMES
from dcrdraft.review.ci import CiRun
from dcrdraft.review.formats import FORMATS, render
from dcrdraft.review.formats.markdown import LIMIT, render_markdown
from dcrdraft.review.models import FileReport, Finding

from ..conftest import check_golden
from .conftest import GOLDEN, fixed_run

SUFFIX = {"text": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif",
          "github": "log", "junit": "xml", "markdown": "md", "html": "html"}


def test_cli_choices_match_registry() -> None:
    assert FORMAT_NAMES == FORMATS


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt: str, run: CiRun) -> None:
    check_golden(f"run.{SUFFIX[fmt]}", render(run, fmt), GOLDEN)


def test_jsonl_lines_are_objects(run: CiRun) -> None:
    rows = [json.loads(line) for line in render(run, "jsonl").splitlines()]
    assert {r["type"] for r in rows} == {"file", "finding", "item", "suppressed", "error"}
    assert all(r["line"] >= 1 for r in rows if "line" in r)


def test_junit_one_case_per_item_per_document(run: CiRun) -> None:
    root = ET.fromstring(render(run, "junit"))
    suites = root.findall("testsuite")
    assert len(suites) == 3
    for suite in suites[:2]:
        names = [c.get("name") for c in suite.findall("testcase")]
        items = [n for n in names if n and n.startswith("C")]
        assert len(items) == 20 == len(set(items))
    first = suites[0]
    case = {c.get("name"): c for c in first.findall("testcase")}
    assert case["C12/rollback-criteria"].find("failure").get("type") == "missing"
    assert case["C17/regulatory-compliance"].find("skipped") is not None
    assert case["C01/system-purpose"].find("failure") is None
    assert suites[2].find("testcase/error") is not None
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_markdown_compare_section(run: CiRun) -> None:
    out = render_markdown(run)
    assert "score 55 → 61 (+6)" in out
    assert "Newly missing: `C12/rollback-criteria`" in out
    assert "Fixed: `C05/segment-breakdown`" in out
    assert "Introduced: `X01/placeholder`" in out
    assert "Resolved: `M04/ignored-segment`" in out
    assert "M01" not in out.split("Introduced")[1].split("\n")[0]  # moved, not new
    assert "new document" in out
    assert "- [ ] `C12/rollback-criteria` **missing**" in out
    assert "~~`C17/regulatory-compliance`~~ waived" in out


def test_markdown_fits_github_comment_limit() -> None:
    base = fixed_run()
    long = [Finding("M01", "vague-risk", "error", n, n, "x" * 400, "") for n in range(1, 60)]
    files = []
    for n in range(60):
        fr = base.files[0]
        rep = FileReport(f"docs/dcr/doc{n:03d}.md", "markdown", 40, False, None,
                         fr.report.checklist, long)
        files.append(type(fr)(rep, [], fr.anchors))
    out = render_markdown(CiRun(files, base.rules))
    assert len(out) <= LIMIT
    assert "more document(s) not shown" in out
    small = render_markdown(CiRun(files[:3], base.rules))
    assert "not shown" not in small and len(small) <= LIMIT


def test_compare_pairs_reworded_findings_by_code() -> None:
    from dcrdraft.review.formats.compare import compare

    base = fixed_run().files[0].report
    old = Finding("M03", "no-rollback-criteria", "error", 1, 1, "nowhere", "")
    new = Finding("M03", "no-rollback-criteria", "error", 9, 9, 'placeholder: "TBD"', "")
    extra = Finding("M03", "no-rollback-criteria", "error", 12, 12, "another", "")
    ch = compare(type(base)(base.path, findings=[old]), type(base)(base.path,
                                                                 findings=[new, extra]))
    assert [f.line for f in ch.introduced] == [12] and ch.resolved == []
