"""Inline suppressions read from the source of Markdown and HTML documents, and config waivers.

    <!-- dcrdraft-disable M01 X06 -- reason -->   ... until dcrdraft-enable or end of file
    <!-- dcrdraft-enable M01 -->
    <!-- dcrdraft-disable-next-line M02 -- reason -->   the next non-blank line
    <!-- dcrdraft-disable-file C17 -- reason -->        the whole document

Codes (or names) are required. A suppressed finding is not reported, does not count in the
score and does not fail the gate. A suppressed checklist item is *waived*: it keeps its
status for the record, is left out of the score and the ``ready`` gate, and is not reported
as a problem. Items without a line (missing) can only be waived file-wide. Suppressions that
silence nothing are reported as X90, forbidden ones as X91, malformed ones as X92.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from dcrdraft.review.models import FileReport, Finding, ItemResult
from dcrdraft.review.policy import Policy, Waiver, meta_finding, resolve
from dcrdraft.review.score import is_ready, score

DirectiveKind = Literal["disable", "enable", "disable-next-line", "disable-file"]

_COMMENT = re.compile(
    r"<!--\s*dcrdraft-(disable-next-line|disable-file|disable|enable)(?![\w-])(.*?)-->", re.S)
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
INLINE_FORMATS = ("markdown", "html")
"""Formats whose source can carry ``<!-- -->`` comments."""


@dataclass
class Directive:
    """One suppression comment and the lines it covers for each code."""

    kind: DirectiveKind
    line: int
    codes: list[str]
    reason: str
    start: int = 0
    ends: dict[str, int] = field(default_factory=dict)
    """Code -> last covered line (disable ranges close per code)."""
    used: set[str] = field(default_factory=set)

    def covers(self, code: str, line: int | None) -> bool:
        if code not in self.codes or self.kind == "enable":
            return False
        if self.kind == "disable-file":
            return True
        return line is not None and self.start <= line <= self.ends.get(code, self.start)


@dataclass
class Suppressed:
    """A finding or checklist item that a suppression or waiver silenced."""

    code: str
    name: str
    kind: Literal["finding", "item"]
    line: int | None
    reason: str
    origin: str
    """``line N`` for an inline comment, the config file for a waiver."""
    message: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "name": self.name, "kind": self.kind, "line": self.line,
                "reason": self.reason, "origin": self.origin, "message": self.message}


def _fenced(lines: Sequence[str]) -> set[int]:
    """1-based line numbers inside fenced code blocks (directives there are examples)."""
    out: set[int] = set()
    fence: str | None = None
    for n, text in enumerate(lines, 1):
        m = _FENCE.match(text)
        if fence is None and m:
            fence = m.group(1)[0] * 3
            out.add(n)
        elif fence is not None:
            out.add(n)
            if text.strip().startswith(fence):
                fence = None
    return out


def parse(lines: Sequence[str], policy: Policy) -> tuple[list[Directive], list[Finding]]:
    """The directives of a source and X92 findings for malformed ones."""
    text = "\n".join(lines)
    fenced = _fenced(lines)
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    directives: list[Directive] = []
    problems: list[Finding] = []
    for m in _COMMENT.finditer(text):
        line = _line_at(starts, m.start())
        if line in fenced:
            continue
        kind: DirectiveKind = m.group(1)  # type: ignore[assignment]
        body, _, reason = m.group(2).partition(" -- ")
        if body.strip().endswith("--"):
            body = body.strip()[:-2]
        tokens = [t for t in re.split(r"[\s,]+", body.strip()) if t]
        codes: list[str] = []
        for t in tokens:
            hit = resolve(policy.known, t, prefixes=False)
            if not hit:
                problems.append(meta_finding(
                    "X92", line, f"dcrdraft-{kind}: unknown code {t!r}", policy))
            codes += [r.code for r in hit if r.code not in codes]
        if not tokens:
            problems.append(meta_finding(
                "X92", line, f"dcrdraft-{kind} needs the codes it applies to", policy))
            continue
        end = _line_at(starts, m.end() - 1)
        directives.append(Directive(kind, line, codes, " ".join(reason.split()), end))
    _span(directives, lines, problems, policy)
    return directives, problems


def _line_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def _span(directives: list[Directive], lines: Sequence[str], problems: list[Finding],
          policy: Policy) -> None:
    """Set each directive's covered lines; an enable closes the latest open disable."""
    last = max(len(lines), 1)
    open_by_code: dict[str, Directive] = {}
    for d in directives:
        if d.kind == "disable-next-line":
            nxt = next((n for n in range(d.start + 1, last + 1) if lines[n - 1].strip()),
                       d.start + 1)
            d.start = nxt
            d.ends = {c: nxt for c in d.codes}
        elif d.kind == "disable":
            d.start = d.line
            d.ends = {c: last for c in d.codes}
            for c in d.codes:
                open_by_code[c] = d
        elif d.kind == "enable":
            for c in d.codes:
                opener = open_by_code.pop(c, None)
                if opener is None:
                    problems.append(meta_finding(
                        "X92", d.line, f"dcrdraft-enable {c} without an open dcrdraft-disable",
                        policy))
                else:
                    opener.ends[c] = d.line


def _first(directives: list[Directive], waivers: Sequence[Waiver], code: str,
           line: int | None) -> tuple[str, str] | None:
    """``(reason, origin)`` of the first suppression covering ``code`` at ``line``."""
    for d in directives:
        if d.covers(code, line):
            d.used.add(code)
            return d.reason, f"line {d.line}"
    for w in waivers:
        if code in w.codes:
            return w.reason, w.origin
    return None


def apply(report: FileReport, lines: Sequence[str], policy: Policy,
          waivers: Sequence[Waiver] = ()) -> tuple[FileReport, list[Suppressed]]:
    """The report with suppressed findings removed, waived items out of score and gate, and
    suppression problems (X90-X92) added; plus what was suppressed."""
    if not report.reviewed:
        return report, []
    directives: list[Directive] = []
    meta: list[Finding] = []
    if report.format in INLINE_FORMATS:
        found, meta = parse(lines, policy)
        if policy.inline:
            directives = found
        else:
            meta += [meta_finding("X91", d.line, f"dcrdraft-{d.kind} is ignored: inline "
                                  "suppressions are disabled (inline-suppressions = false)",
                                  policy) for d in found]
    used_waivers: set[tuple[str, str]] = set()
    suppressed: list[Suppressed] = []
    kept: list[Finding] = []
    for f in report.findings:
        hit = _first(directives, waivers, f.code, f.line)
        if hit is None:
            kept.append(f)
        else:
            suppressed.append(Suppressed(f.code, f.name, "finding", f.line, *hit, f.message))
            used_waivers.add((hit[1], f.code))
    waived: set[str] = set()
    for i in report.checklist:
        if i.status == "pass":
            continue
        hit = _first(directives, waivers, i.code, i.line)
        if hit is not None:
            waived.add(i.code)
            suppressed.append(Suppressed(i.code, i.name, "item", i.line, *hit, i.message))
            used_waivers.add((hit[1], i.code))
    if policy.report_unused:
        meta += _unused(directives, waivers, used_waivers, policy)
    return _rescore(report, kept, waived, policy, meta), suppressed


def _unused(directives: list[Directive], waivers: Sequence[Waiver],
            used: set[tuple[str, str]], policy: Policy) -> list[Finding]:
    out: list[Finding] = []
    for d in directives:
        if d.kind == "enable":
            continue
        for c in d.codes:
            if c not in d.used and c in policy.selected:
                out.append(meta_finding("X90", d.line, f"dcrdraft-{d.kind} {c} silences "
                                        "nothing here", policy))
    for w in waivers:
        for c in sorted(w.codes):
            if (w.origin, c) not in used and c in policy.selected:
                out.append(meta_finding("X90", 1, f"config ignore of {c} from {w.origin} "
                                        "silences nothing in this file", policy))
    return out


def _rescore(report: FileReport, findings: list[Finding], waived: set[str], policy: Policy,
             meta: list[Finding]) -> FileReport:
    weights = {r.code: r.weight for r in policy.rubric.items}
    items: list[ItemResult] = [i for i in report.checklist if i.code not in waived]
    new_score = score(items, findings, [weights.get(i.code, 1.0) for i in items])
    shown = findings + [m for m in meta if m.code in policy.selected]
    shown.sort(key=lambda f: (f.line, f.code))
    return replace(report, score=new_score, ready=is_ready(items, findings), findings=shown)
