"""Verdicts a team can gate on: a stale sign-off, an overdue condition of approval and any
error-severity finding make a document not ready and fail the default gate."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.draft import draft
from dcrdraft.inputs.loader import load
from dcrdraft.inputs.signing import record_signoff
from dcrdraft.review.api import review_path
from dcrdraft.review.models import FileReport, Finding, RunReport
from dcrdraft.review.policy import gate
from dcrdraft.review.score import blocks, is_ready

from ..conftest import FIXTURES

COMPLETE = FIXTURES / "inputs" / "complete-support-agent.yaml"


@pytest.fixture
def complete(tmp_path: Path) -> Path:
    path = tmp_path / "support.yaml"
    shutil.copy(COMPLETE, path)
    return path


def _review(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["review", "--isolated", "--no-cache", str(path)])
    return result.exit_code, result.output


def test_the_complete_example_is_ready_and_passes(complete: Path) -> None:
    code, out = _review(complete)
    assert code == 0 and "  ready" in out.splitlines()[0] and "not ready" not in out, out


def test_a_stale_signoff_blocks(complete: Path) -> None:
    record_signoff(str(complete), role="Legal and Compliance", name="Tom Becker",
                   decision="approve")
    assert _review(complete)[0] == 0
    text = complete.read_text(encoding="utf-8")
    complete.write_text(text.replace("threshold: 85%\n", "threshold: 80%\n", 1), encoding="utf-8")
    report = review_path(complete)
    assert [f.code for f in report.findings if f.code == "X09"] == ["X09"]
    assert not report.ready
    code, out = _review(complete)
    assert code == 1 and "not ready" in out.splitlines()[0], out


def test_an_overdue_condition_blocks(complete: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DCRDRAFT_TODAY", "2026-12-01")  # the condition was due 2026-11-30
    report = review_path(complete)
    assert [f.code for f in report.findings] == ["X10"] and not report.ready
    assert _review(complete)[0] == 1


def test_any_error_finding_blocks_and_warnings_do_not() -> None:
    err = Finding("X03", "pass-below-threshold", "error", 1, 1, "m", "s")
    warn = Finding("X06", "incomplete-risk", "warning", 1, 1, "m", "s")
    mistake = Finding("M01", "vague-risk", "warning", 1, 1, "m", "s")
    raised = Finding("M01", "vague-risk", "error", 1, 1, "m", "s")  # --severity M01=error
    # Severity alone decides: a mistake at its built-in warning does not block, raised it does.
    assert blocks(err) and blocks(raised) and not blocks(mistake) and not blocks(warn)
    assert not is_ready([], [err]) and is_ready([], [warn])
    ok = FileReport("a.md", "markdown", 99, True, findings=[warn])
    bad = FileReport("b.md", "markdown", 99, False, findings=[err])
    assert gate(RunReport.of([ok])) == 0
    assert gate(RunReport.of([ok, bad])) == 1
    assert gate(RunReport.of([bad]), exit_zero=True) == 0


def test_title_page_does_not_count_a_stale_signoff(complete: Path) -> None:
    record_signoff(str(complete), role="Legal and Compliance", name="Tom Becker",
                   decision="approve")
    title = draft(load(complete)).text.split("## 2.")[0]
    assert "| 5 of 5 recorded with name, decision and date |" in title
    text = complete.read_text(encoding="utf-8").replace("threshold: 85%\n", "threshold: 80%\n", 1)
    complete.write_text(text, encoding="utf-8")
    title = draft(load(complete)).text.split("## 2.")[0]
    assert ("| 4 of 5 recorded with name, decision and date and current; 1 stale "
            "(signed an earlier version, re-sign needed) |") in title


def test_a_partial_selection_says_it_is_partial(complete: Path) -> None:
    result = CliRunner().invoke(cli, ["review", "--isolated", "--no-cache", "--select", "M,X",
                                      str(complete)])
    head = result.output.splitlines()[0]
    assert "/100" not in head and " ready " not in head, head
    assert "partial review (0 of 20 checklist items)" in head
    data = CliRunner().invoke(cli, ["review", "--isolated", "--no-cache", "--select", "C01,M",
                                    "--format", "json", str(complete)]).output
    import json

    report = json.loads(data)["files"][0]
    assert report["partial"] == "1 of 20 checklist items" and report["ready"] is False
    full = json.loads(CliRunner().invoke(cli, ["review", "--isolated", "--no-cache", "--format",
                                               "json", str(complete)]).output)["files"][0]
    assert "partial" not in full and full["ready"] is True
