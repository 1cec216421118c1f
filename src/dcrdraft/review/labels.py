"""Labelled review fixtures: ``{M01}`` markers on the lines that must be flagged and an
``expect:`` header of checklist statuses, compared against a review for tests and benches.

Header forms (first line): ``<!-- expect: ready -->`` (all items pass, no M-finding) or
``<!-- expect: C11=missing C09=weak -->`` (listed items must have these statuses; unlisted
items are not checked). Markers and the header are blanked before review, so line numbers
stay those of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dcrdraft.ingest import read_text
from dcrdraft.ingest.document import SourceFormat
from dcrdraft.review.engine import review_document
from dcrdraft.review.models import FileReport

_MARK = re.compile(r"\s?\{([A-Z]+\d+)\}")
_EXPECT = re.compile(r"^\s*(?:<!--|#|//)?\s*expect:(.*?)(?:-->)?\s*$")
FORMATS: dict[str, SourceFormat] = {".md": "markdown", ".txt": "text", ".html": "html",
                                    ".htm": "html"}


@dataclass
class Labels:
    """What a fixture expects."""

    text: str
    """The document with markers and header blanked."""
    markers: dict[int, set[str]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    ready: bool = False


def parse(text: str) -> Labels:
    """Split a fixture into its clean text and expectations."""
    lines = text.split("\n")
    labels = Labels("")
    for i, line in enumerate(lines):
        codes = set(_MARK.findall(line))
        if codes:
            labels.markers[i + 1] = codes
            line = lines[i] = _MARK.sub("", line)
        m = _EXPECT.match(line) if i < 3 else None
        if m:
            for tok in m.group(1).split():
                if tok == "ready":
                    labels.ready = True
                elif "=" in tok:
                    code, status = tok.split("=", 1)
                    labels.statuses[code] = status
            lines[i] = ""
    labels.text = "\n".join(lines)
    return labels


def read_fixture(path: Path) -> tuple[Labels, FileReport]:
    """Parse and review one fixture file."""
    labels = parse(path.read_text(encoding="utf-8"))
    doc = read_text(labels.text, str(path), FORMATS[path.suffix.lower()])
    return labels, review_document(doc)


@dataclass
class Outcome:
    """Per code: true positives, false positives, false negatives (with locations)."""

    tp: dict[str, int] = field(default_factory=dict)
    fp: dict[str, list[str]] = field(default_factory=dict)
    fn: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, code: str, where: str = "") -> None:
        if kind == "tp":
            self.tp[code] = self.tp.get(code, 0) + 1
        else:
            getattr(self, kind).setdefault(code, []).append(where)


def compare(path: str, labels: Labels, report: FileReport, out: Outcome) -> None:
    """Score a report against its labels into ``out``. Checklist items count as positive
    when not passing; findings match a marker when the marker line is inside their span."""
    matched: set[tuple[int, str]] = set()
    for f in report.findings:
        hit = [(ln, f.code) for ln, codes in labels.markers.items()
               if f.code in codes and f.line <= ln <= f.end_line]
        if hit:
            new = [h for h in hit if h not in matched]
            matched.update(hit)
            if new:
                out.add("tp", f.code)
        else:
            out.add("fp", f.code, f"{path}:{f.line}: {f.code} {f.message}")
    for ln, codes in labels.markers.items():
        for code in codes:
            if (ln, code) not in matched:
                out.add("fn", code, f"{path}:{ln}: expected {code}")
    expected = dict(labels.statuses)
    if labels.ready:
        for item in report.checklist:
            expected.setdefault(item.code, "pass")
    for item in report.checklist:
        want = expected.get(item.code)
        if want is None:
            continue
        want_bad, got_bad = want != "pass", item.status != "pass"
        where = f"{path}: {item.code} expected {want}, got {item.status}"
        if want_bad and got_bad:
            out.add("tp", item.code)
            if want != item.status and "/" not in want:
                out.add("fn", item.code + "-status", where)
        elif got_bad:
            out.add("fp", item.code, where)
        elif want_bad:
            out.add("fn", item.code, where)
