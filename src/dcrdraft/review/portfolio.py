"""A batch review seen as a portfolio: the score distribution, how many documents each mistake
and each unmet checklist item affects, which documents are furthest from ready and, with a
base review, what improved and what regressed.

Every count comes from the run's reports (``CiRun.report``), the same data as the JSON output,
so the page and the JSON agree by construction (and a test holds them to it).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dcrdraft.review.formats.compare import Changes, compare
from dcrdraft.review.models import FileReport

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun

BINS = 10
"""Score bands of the distribution: 0-9, 10-19, ... 90-100."""
FURTHEST = 10
"""Documents listed as furthest from ready."""


@dataclass(frozen=True)
class CodeCount:
    """A finding code across the portfolio."""

    code: str
    name: str
    title: str
    severity: str
    documents: int
    """Documents with at least one such finding (the JSON summary's ``by_code``)."""
    findings: int
    """Findings in all documents."""


@dataclass(frozen=True)
class ItemCount:
    """A checklist item across the portfolio."""

    code: str
    name: str
    title: str
    missing: int
    weak: int

    @property
    def unmet(self) -> int:
        return self.missing + self.weak


@dataclass(frozen=True)
class DocRow:
    """One document's standing."""

    index: int
    """Position in the run (the drill-down anchor)."""
    path: str
    score: int
    ready: bool
    passed: int
    weak: int
    missing: int
    mistakes: int
    """Distinct mistake codes (M..)."""
    findings: int
    error: str | None = None

    @property
    def distance(self) -> int:
        """How far from ready: unmet checklist items plus distinct mistakes."""
        return self.weak + self.missing + self.mistakes


@dataclass(frozen=True)
class Shift:
    """How many documents a code or item affected at the base and now."""

    code: str
    name: str
    before: int
    now: int


@dataclass
class Comparison:
    """The portfolio against ``ref``: per document changes, per code and item shifts."""

    ref: str
    changes: list[tuple[int, Changes]] = field(default_factory=list)
    """(document index, its changes) for documents reviewed at both."""
    new: list[int] = field(default_factory=list)
    shifts: list[Shift] = field(default_factory=list)

    @property
    def improved(self) -> list[tuple[int, Changes]]:
        return sorted((c for c in self.changes if c[1].delta > 0), key=lambda c: -c[1].delta)

    @property
    def regressed(self) -> list[tuple[int, Changes]]:
        return sorted((c for c in self.changes if c[1].delta < 0), key=lambda c: c[1].delta)


@dataclass
class Portfolio:
    """Everything the portfolio page shows, computed once."""

    files: int
    ready: int
    mean_score: float
    median_score: float
    unreadable: int
    bins: list[int]
    codes: list[CodeCount]
    items: list[ItemCount]
    docs: list[DocRow]
    comparison: Comparison | None = None

    @property
    def furthest(self) -> list[DocRow]:
        read = [d for d in self.docs if d.error is None and not d.ready]
        return sorted(read, key=lambda d: (-d.distance, d.score, d.path))[:FURTHEST]


def _row(i: int, rep: FileReport) -> DocRow:
    status = [c.status for c in rep.checklist]
    return DocRow(i, rep.path, rep.score, rep.ready, status.count("pass"), status.count("weak"),
                  status.count("missing"), len({f.code for f in rep.findings
                                                if f.code.startswith("M")}),
                  len(rep.findings), rep.error)


def _codes(run: CiRun, reports: list[FileReport], by_code: dict[str, int]) -> list[CodeCount]:
    out = []
    for code, docs in by_code.items():
        rule = run.rules.get(code)
        sample = next(f for r in reports for f in r.findings if f.code == code)
        total = sum(1 for r in reports for f in r.findings if f.code == code)
        out.append(CodeCount(code, sample.name, rule.title if rule else sample.name,
                             sample.severity, docs, total))
    return sorted(out, key=lambda c: (-c.documents, c.code))


def _items(run: CiRun, reports: list[FileReport]) -> list[ItemCount]:
    seen: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    for r in reports:
        for i in r.checklist:
            counts = seen.setdefault(i.code, [0, 0])
            names[i.code] = i.name
            if i.status == "missing":
                counts[0] += 1
            elif i.status == "weak":
                counts[1] += 1
    out = []
    for code, (missing, weak) in seen.items():
        rule = run.rules.get(code)
        out.append(ItemCount(code, names[code], rule.title if rule else names[code],
                             missing, weak))
    return sorted(out, key=lambda c: (-c.unmet, c.code))


def _affected(reports: list[FileReport]) -> dict[str, int]:
    """Documents per finding code and per unmet checklist item."""
    out: dict[str, int] = {}
    for r in reports:
        keys = {f.code for f in r.findings} | {i.code for i in r.checklist if i.status != "pass"}
        for k in keys:
            out[k] = out.get(k, 0) + 1
    return out


def _comparison(run: CiRun, ref: str) -> Comparison:
    cmp = Comparison(ref)
    bases: list[FileReport] = []
    heads: list[FileReport] = []
    for i, f in enumerate(run.files):
        if f.report.error is not None:
            continue
        if f.is_new or f.base is None:
            cmp.new.append(i)
            continue
        waived = frozenset(s.code for s in f.suppressed if s.kind == "item")
        cmp.changes.append((i, compare(f.base, f.report, waived)))
        bases.append(f.base)
        heads.append(f.report)
    before, now = _affected(bases), _affected(heads)
    names = {f.code: f.name for r in heads + bases for f in r.findings}
    names.update({i.code: i.name for r in heads + bases for i in r.checklist})
    for code in sorted(set(before) | set(now)):
        if before.get(code, 0) != now.get(code, 0):
            cmp.shifts.append(Shift(code, names.get(code, ""), before.get(code, 0),
                                    now.get(code, 0)))
    return cmp


def portfolio(run: CiRun) -> Portfolio:
    """The portfolio of ``run``."""
    report = run.report
    reports = [f for f in report.files if f.error is None]
    scores = [r.score for r in reports]
    bins = [0] * BINS
    for score in scores:
        bins[min(score // 10, BINS - 1)] += 1
    s = report.summary
    return Portfolio(
        s.files, s.ready, s.mean_score, statistics.median(scores) if scores else 0.0,
        len(report.errors), bins, _codes(run, reports, s.by_code), _items(run, reports),
        [_row(i, r) for i, r in enumerate(report.files)],
        _comparison(run, run.compare_to) if run.compare_to else None)
