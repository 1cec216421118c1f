"""Report models of the reviewer: checklist results, findings, one file's report and a run.

Plain dataclasses (no pydantic, so ``import dcrdraft.review`` stays fast); ``to_dict`` gives
exactly the JSON of the public contract (``schema_version`` 1) and ``from_dict`` reads it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

ItemStatus = Literal["pass", "weak", "missing"]
Severity = Literal["error", "warning", "info"]
Recommendation = Literal["approve", "approve-with-conditions", "disapprove"]
Format = Literal["markdown", "text", "html", "docx", "pdf", "inputs"]

STATUS_MARK: dict[str, str] = {"pass": "✓", "weak": "~", "missing": "✗"}
"""The one-character mark the text output shows for each checklist status."""


@dataclass
class ItemResult:
    """One checklist item (C01-C20 or an organisation's own) judged on one document."""

    code: str
    """Stable code such as ``C04``."""
    name: str
    """Readable name such as ``baseline-comparison``."""
    status: ItemStatus
    """``pass`` (addressed with substance), ``weak`` (mentioned, not enough) or ``missing``."""
    line: int | None
    """Source line of the evidence (page for PDF); None when nothing was found."""
    message: str
    """One line saying what is there or what is needed."""
    evidence: str | None = None
    """The quoted source text the status rests on."""

    @property
    def id(self) -> str:
        """``CODE/name`` as shown to users."""
        return f"{self.code}/{self.name}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "status": self.status,
                "line": self.line, "message": self.message, "evidence": self.evidence}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ItemResult:
        return cls(data["code"], data["name"], data["status"], data.get("line"),
                   data["message"], data.get("evidence"))


@dataclass
class Finding:
    """A mistake (M01-M05) or extra check (X..) found at a line span of one document."""

    code: str
    name: str
    severity: Severity
    line: int
    """First line of the span (1-based; page for PDF)."""
    end_line: int
    message: str
    """What is wrong here, in one line."""
    suggestion: str
    """What to write instead."""

    @property
    def id(self) -> str:
        """``CODE/name`` as shown to users."""
        return f"{self.code}/{self.name}"

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "severity": self.severity,
                "line": self.line, "end_line": self.end_line, "message": self.message,
                "suggestion": self.suggestion}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(data["code"], data["name"], data["severity"], data["line"],
                   data["end_line"], data["message"], data["suggestion"])


@dataclass
class FileReport:
    """The review of one file; ``error`` is set (and the rest empty) when it could not be read."""

    path: str
    format: Format | None = None
    score: int = 0
    """0-100, see ``dcrdraft.review.score``."""
    ready: bool = False
    """All checklist items pass and no blocking finding remains (any finding at ``error``)."""
    recommendation: Recommendation | None = None
    """The decision the document states, when it states one."""
    checklist: list[ItemResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    """Why the file could not be read; None when it was reviewed."""
    partial: str | None = None
    """Set when a selection ran only part of the checklist ("0 of 20 checklist items"): the
    score and ``ready`` then mean nothing and are not shown as a verdict."""
    not_dcr: str | None = None
    """Why the file was not scored: it does not look like a DCR (a source list, a changelog);
    None for a DCR. Such a file counts in no mean and fails no gate."""

    @property
    def reviewed(self) -> bool:
        """Read and scored as a DCR."""
        return self.error is None and self.not_dcr is None

    def item(self, code: str) -> ItemResult | None:
        """The checklist result for ``code``, if present."""
        return next((i for i in self.checklist if i.code == code), None)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "format": self.format, "score": self.score,
                "ready": self.ready, "recommendation": self.recommendation,
                "checklist": [i.to_dict() for i in self.checklist],
                "findings": [f.to_dict() for f in self.findings], "error": self.error,
                **({"not_dcr": self.not_dcr} if self.not_dcr is not None else {}),
                **({"partial": self.partial} if self.partial is not None else {})}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FileReport:
        return cls(data["path"], data.get("format"), data.get("score", 0),
                   data.get("ready", False), data.get("recommendation"),
                   [ItemResult.from_dict(i) for i in data.get("checklist", [])],
                   [Finding.from_dict(f) for f in data.get("findings", [])],
                   data.get("error"), data.get("partial"), data.get("not_dcr"))


@dataclass
class Summary:
    """Totals over a run: files, ready files, mean score and files affected per code."""

    files: int = 0
    ready: int = 0
    mean_score: float = 0.0
    by_code: dict[str, int] = field(default_factory=dict)
    """For each finding code, the number of files with at least one such finding."""

    def to_dict(self) -> dict[str, Any]:
        return {"files": self.files, "ready": self.ready, "mean_score": self.mean_score,
                "by_code": dict(self.by_code)}

    @classmethod
    def of(cls, files: list[FileReport]) -> Summary:
        """Summarise reviewed files (unreadable ones count as files, not in the mean)."""
        read = [f for f in files if f.reviewed]
        by_code: dict[str, int] = {}
        for f in read:
            for code in sorted({x.code for x in f.findings}):
                by_code[code] = by_code.get(code, 0) + 1
        scored = [f for f in read if f.partial is None]
        mean = round(sum(f.score for f in scored) / len(scored), 1) if scored else 0.0
        return cls(len(files), sum(f.ready for f in read), mean, dict(sorted(by_code.items())))


@dataclass
class RunReport:
    """One review run over many files, in the stable order of the inputs."""

    files: list[FileReport] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    schema_version: int = SCHEMA_VERSION

    @classmethod
    def of(cls, files: list[FileReport]) -> RunReport:
        return cls(files, Summary.of(files))

    @property
    def errors(self) -> list[FileReport]:
        """Files that could not be read."""
        return [f for f in self.files if f.error is not None]

    def nothing_reviewed(self) -> str | None:
        """Why the run reviewed no DCR at all (no file, or none that looks like a DCR), as one
        line; None when at least one file was scored or a read error already says why."""
        if not self.files:
            return "nothing to review: no reviewable file found (Markdown, text, HTML, Word, PDF)"
        if any(f.reviewed for f in self.files) or self.errors:
            return None
        return (f"nothing to review: none of the {len(self.files)} file(s) looks like a DCR "
                f"(e.g. {self.files[0].path})")

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": self.schema_version,
                "files": [f.to_dict() for f in self.files],
                "summary": self.summary.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunReport:
        s = data.get("summary", {})
        files = [FileReport.from_dict(f) for f in data.get("files", [])]
        summary = Summary(s.get("files", 0), s.get("ready", 0), s.get("mean_score", 0.0),
                          dict(s.get("by_code", {})))
        return cls(files, summary, data.get("schema_version", SCHEMA_VERSION))
