"""Shared fixtures of the CI tests: one fixed reviewed run that every format's golden file
renders, and helpers for temporary git repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dcrdraft.review.anchors import Anchor
from dcrdraft.review.ci import CiRun, FileResult
from dcrdraft.review.models import FileReport, Finding, ItemResult
from dcrdraft.review.policy import META_RULES
from dcrdraft.review.rubric import Rule
from dcrdraft.review.suppress import Suppressed

GOLDEN = Path(__file__).parent / "golden"

NAMES = ["system-purpose", "eval-methodology", "primary-metric", "baseline-comparison",
         "segment-breakdown", "uncertainty", "failure-modes", "risk-register",
         "specific-mitigations", "residual-risk", "monitoring-plan", "rollback-criteria",
         "rollback-tested", "human-review-ready", "fairness-analysis", "privacy-security",
         "regulatory-compliance", "stakeholder-signoff", "user-documentation",
         "deployment-recommendation"]


def _rules() -> dict[str, Rule]:
    rules = {f"C{n:02d}": Rule(f"C{n:02d}", name, "item", "evidence",
                               title=f"Checklist item {n}: {name.replace('-', ' ')}",
                               messages={"missing": f"Add the {name.replace('-', ' ')}."},
                               rationale=f"Reviewers need the {name.replace('-', ' ')}.",
                               source=f"DCR guide, checklist item {n}")
             for n, name in enumerate(NAMES, 1)}
    for code, name, sev in (("M01", "vague-risk", "error"), ("M03", "no-rollback-criteria",
                                                             "error"),
                            ("X01", "placeholder", "error"), ("X06", "risk-entry-incomplete",
                                                              "warning")):
        rules[code] = Rule(code, name, "finding", "x", severity=sev,  # type: ignore[arg-type]
                           title=name.replace("-", " ").capitalize(),
                           suggestion=f"Fix the {name}.", rationale=f"Why {name} matters.")
    rules.update({r.code: r for r in META_RULES})
    return rules


def _checklist(missing: dict[str, str], weak: dict[str, int]) -> list[ItemResult]:
    out = []
    for n, name in enumerate(NAMES, 1):
        code = f"C{n:02d}"
        if code in missing:
            out.append(ItemResult(code, name, "missing", None, missing[code]))
        elif code in weak:
            out.append(ItemResult(code, name, "weak", weak[code], f"{name} is thin.",
                                  f"quoted text, 50% of it"))
        else:
            out.append(ItemResult(code, name, "pass", n * 2, "Stated.", "evidence"))
    return out


def fixed_run() -> CiRun:
    """Two reviewed documents (one compared to a base, one new), and an unreadable one."""
    vague = Finding("M01", "vague-risk", "error", 12, 13,
                    'Risk without an actionable mitigation: "Bias, 100% careful".',
                    "Name the failure: how often, how bad, what is done.")
    rollback = Finding("M03", "no-rollback-criteria", "error", 1, 1,
                       "No measurable rollback criterion (nowhere in the document).",
                       "State the trigger.")
    placeholder = Finding("X01", "placeholder", "error", 30, 30, 'Unfilled placeholder "TBD".',
                          "Replace it.")
    unused = Finding("X90", "unused-suppression", "warning", 40, 40,
                     "dcrdraft-disable-next-line X06 silences nothing here", "Remove it.")
    a = FileReport("docs/dcr/chat bot.md", "markdown", 61, False, "approve-with-conditions",
                   _checklist({"C12": "No rollback criterion.", "C18": "No sign-off.",
                               "C17": "No regulatory assessment."},
                              {"C08": 12, "C15": 20}),
                   [rollback, vague, placeholder, unused])
    a_base = FileReport(a.path, "markdown", 55, False, "approve-with-conditions",
                        _checklist({"C05": "No segments.", "C18": "No sign-off."},
                                   {"C08": 10, "C12": 25}),
                        [Finding("M01", "vague-risk", "error", 10, 11, vague.message, ""),
                         Finding("M04", "ignored-segment", "error", 8, 8,
                                 "Segment at 62% never discussed.", "")])
    b = FileReport("docs/dcr/radiology.md", "markdown", 96, True, "approve",
                   _checklist({}, {}), [])
    c = FileReport("docs/dcr/legacy.docx", "docx", error="docs/dcr/legacy.docx: not a docx")
    files = [
        FileResult(a, [Suppressed("X06", "risk-entry-incomplete", "finding", 14,
                                  "owner named in the risk board", "line 13",
                                  "Risk entry lacks owner."),
                       Suppressed("C17", "regulatory-compliance", "item", None,
                                  "internal tool, no regulation applies", "line 2",
                                  "No regulatory assessment.")],
                   {"C12": Anchor(44, "Deployment Conditions", True),
                    "M03": Anchor(44, "Deployment Conditions", True),
                    "C18": Anchor(1, "Sign-off", False)}, base=a_base),
        FileResult(b, is_new=True),
        FileResult(c),
    ]
    return CiRun(files, _rules(), compare_to="main")


@pytest.fixture
def run() -> CiRun:
    return fixed_run()


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository as the working folder, with a local identity."""
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.name", "Test")
    git(tmp_path, "config", "user.email", "test@example.com")
    git(tmp_path, "config", "commit.gpgsign", "false")
    monkeypatch.chdir(tmp_path)
    return tmp_path
