"""A file that does not look like a DCR is reported as such in every CI format (one note or
annotation, never a score or checklist results), and one unreadable file in a batch fails the
run with exit code 2 while every other file's results are still printed."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.review.ci import CiRun, RunOptions, run_ci
from dcrdraft.review.formats import render

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "review"
CHANGELOG = ("# Changelog\n\n## [2.0.0] - 2025-02-01\n\n- Added an export to CSV\n"
             "- Fixed the date parser (#88)\n- Changed the config file, see docs/config.md\n\n"
             "## [1.9.0] - 2024-12-12\n\n- Removed the old importer\n"
             "- Fixed a crash in sync.py\n- Bumped the minimum Python version\n")


@pytest.fixture
def mixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CiRun:
    """A real run over a DCR and a changelog, paths relative to the working folder."""
    shutil.copy(FIXTURES / "weak-memo.md", tmp_path / "dcr.md")
    (tmp_path / "CHANGELOG.md").write_text(CHANGELOG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = run_ci(RunOptions(["."], isolated=True))
    assert [f.report.not_dcr is not None for f in run.files] == [True, False]
    return run


def test_sarif_gives_a_non_dcr_one_note_and_no_results(mixed: CiRun) -> None:
    log = json.loads(render(mixed, "sarif"))["runs"][0]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in log["results"]}
    assert uris == {"dcr.md"}
    invocation = log["invocations"][0]
    notes = invocation["toolExecutionNotifications"]
    assert len(notes) == 1 and notes[0]["level"] == "note"
    assert notes[0]["descriptor"]["id"] == "not-a-dcr"
    assert notes[0]["message"]["text"].startswith("CHANGELOG.md: skipped, not a DCR")
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] \
        == "CHANGELOG.md"
    assert invocation["executionSuccessful"] is True  # skipped is not a failed run


def test_github_gives_a_non_dcr_one_notice(mixed: CiRun) -> None:
    lines = render(mixed, "github").splitlines()
    about = [ln for ln in lines if "CHANGELOG.md" in ln]
    assert len(about) == 1
    assert about[0].startswith("::notice file=CHANGELOG.md,title=dcrdraft%3A not a DCR::"
                               "skipped, not a DCR")
    assert any(ln.startswith("::") and "file=dcr.md" in ln for ln in lines)


def test_github_lists_non_dcrs_past_the_notice_limit_as_log_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dcrdraft.review.formats.github import PER_STEP

    for i in range(PER_STEP + 2):
        (tmp_path / f"CHANGELOG{i:02d}.md").write_text(CHANGELOG, encoding="utf-8")
    shutil.copy(FIXTURES / "weak-memo.md", tmp_path / "dcr.md")
    monkeypatch.chdir(tmp_path)
    lines = render(run_ci(RunOptions(["."], isolated=True)), "github").splitlines()
    notices = [ln for ln in lines if ln.startswith("::notice ")]
    about = [ln for ln in lines if "CHANGELOG" in ln]
    assert len(notices) <= PER_STEP and len(about) == PER_STEP + 2
    assert sum(ln.startswith("::notice file=CHANGELOG") for ln in about) == PER_STEP - 1


def test_junit_gives_a_non_dcr_one_skipped_case(mixed: CiRun) -> None:
    root = ET.fromstring(render(mixed, "junit"))
    suite = next(s for s in root if s.get("name") == "CHANGELOG.md")
    cases = list(suite.iter("testcase"))
    assert len(cases) == 1 and suite.get("skipped") == "1" and suite.get("failures") == "0"
    skipped = cases[0].find("skipped")
    assert skipped is not None and skipped.get("message", "").startswith("not a DCR")
    assert suite.find("properties") is None  # no score, no ready flag


def test_markdown_gives_a_non_dcr_one_line_and_no_score(mixed: CiRun) -> None:
    out = render(mixed, "markdown")
    assert "| `CHANGELOG.md` | — | — | not a DCR |" in out
    section = out.split("### `CHANGELOG.md`")[1].split("### ")[0]
    assert section.strip().startswith("Skipped, not a DCR")
    assert "/100" not in section


def test_one_unreadable_file_fails_the_batch_but_the_others_are_printed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(FIXTURES / "weak-vague-risks.md", tmp_path / "a.md")
    (tmp_path / "b.md").write_bytes(b"\x00\x01\xff\xfe binary")
    shutil.copy(FIXTURES / "weak-memo.md", tmp_path / "c.md")
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "json", "sarif", "github", "junit", "markdown"):
        result = CliRunner().invoke(cli, ["review", "--isolated", "--no-cache", "--format",
                                          fmt, "."])
        assert result.exit_code == 2, fmt
        assert "a.md" in result.stdout and "c.md" in result.stdout, fmt
        assert [ln for ln in result.stderr.splitlines() if "b.md" in ln] != [], fmt
        assert "Traceback" not in result.stdout + result.stderr
    data = json.loads(CliRunner().invoke(
        cli, ["review", "--isolated", "--no-cache", "--format", "json", "."]).stdout)
    by_name = {Path(f["path"]).name: f for f in data["files"]}
    assert by_name["a.md"]["checklist"] and by_name["c.md"]["checklist"]
    assert by_name["b.md"]["error"]
