"""Findings and unmet checklist items as one flat list of located results, the shape the
annotation formats (SARIF, GitHub, JSON Lines) share; anchors place missing content."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import PurePath
from typing import TYPE_CHECKING, Literal

from dcrdraft.review.models import Severity
from dcrdraft.review.policy import SEVERITY_RANK, severity_of

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun, FileResult
    from dcrdraft.review.suppress import Suppressed


@dataclass(frozen=True)
class Result:
    """One thing to show an author at a line."""

    path: str
    code: str
    name: str
    kind: Literal["item", "finding"]
    severity: Severity
    line: int
    end_line: int
    message: str
    suggestion: str = ""
    status: str | None = None
    """Items: ``weak`` or ``missing``."""
    section: str | None = None
    """The section a result about missing content names."""
    suppressed: str | None = None
    """For suppressed results: the reason (with its origin)."""

    @property
    def id(self) -> str:
        return f"{self.code}/{self.name}"

    @property
    def priority(self) -> tuple[int, int, int]:
        """Sort key: more severe first, then mistakes, extra checks, checklist items."""
        family = 0 if self.code.startswith("M") else 2 if self.kind == "item" else 1
        return (-SEVERITY_RANK[self.severity], family, 0 if self.status != "weak" else 1)


def uri(path: str) -> str:
    """A forward-slash path relative to the working folder when below it."""
    p = path
    if os.path.isabs(p):
        rel = os.path.relpath(p)
        p = p if rel.startswith("..") else rel
    return PurePath(p).as_posix()


def _reason(s: Suppressed) -> str:
    return f"{s.reason or 'no reason given'} ({s.origin})"


def file_results(f: FileResult, run: CiRun, suppressed: bool = False) -> list[Result]:
    """The results of one file in line order (and, if asked, the suppressed ones too)."""
    rep = f.report
    out: list[Result] = []
    for x in rep.findings:
        a = f.anchors.get(x.code) if x.line <= 1 else None
        msg = f"{x.message} ({a.phrase()})" if a else x.message
        out.append(Result(rep.path, x.code, x.name, "finding", x.severity,
                          a.line if a else x.line, a.line if a else x.end_line, msg,
                          x.suggestion, None, a.section if a else None))
    waived = {s.code: _reason(s) for s in f.suppressed if s.kind == "item"}
    for i in rep.checklist:
        if i.status == "pass" or (i.code in waived and not suppressed):
            continue
        rule = run.rules.get(i.code)
        sev = severity_of("item", i.status, rule.severity if rule else "warning")
        a = f.anchors.get(i.code) if i.line is None else None
        msg = f"{i.status}: {i.message}" + (f" ({a.phrase()})" if a else "")
        line = i.line or (a.line if a else 1)
        out.append(Result(rep.path, i.code, i.name, "item", sev, line, line, msg,
                          rule.suggestion if rule else "", i.status,
                          a.section if a else None, waived.get(i.code)))
    if suppressed:
        for s in f.suppressed:
            if s.kind == "finding":
                rule = run.rules.get(s.code)
                out.append(Result(rep.path, s.code, s.name, "finding",
                                  rule.severity if rule else "warning", s.line or 1,
                                  s.line or 1, s.message, rule.suggestion if rule else "",
                                  suppressed=_reason(s)))
    out.sort(key=lambda r: (r.line, 0 if r.kind == "finding" else 1, r.code))
    return out


def all_results(run: CiRun, suppressed: bool = False) -> list[Result]:
    """Every file's results, files in run order."""
    return [r for f in run.files if f.report.error is None
            for r in file_results(f, run, suppressed)]


def fingerprint(r: Result, occurrence: int) -> str:
    """A line-independent identity: rule, file and message (with its quoted detail)."""
    key = "\0".join((r.code, uri(r.path), " ".join(r.message.lower().split())))
    return f"{hashlib.sha256(key.encode()).hexdigest()[:16]}:{occurrence}"
