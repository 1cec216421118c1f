"""Run a rubric over one ``Document``: every item rule gives an ``ItemResult``, every finding
rule gives ``Finding`` spans; then the score, the gate and the stated recommendation.

Check and fact modules compile their patterns with plain ``re``; at import the engine swaps
each module-level pattern (and each pattern in a module-level dict) for its ``fastre`` twin,
which gives the same answers and rejects most sentences without running the full pattern.
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace

from dcrdraft.ingest.document import Document
from dcrdraft.ingest.source import REVIEW_CHARS
from dcrdraft.review.checks import CHECKS, Hit, Verdict
from dcrdraft.review.checks.decision import recommendation
from dcrdraft.review.context import Context
from dcrdraft.review.models import FileReport, Finding, ItemResult
from dcrdraft.review.notdcr import not_a_dcr
from dcrdraft.review.policy import META_RULES
from dcrdraft.review.rubric import Rubric, Rule, load_rubric
from dcrdraft.review.score import is_ready, score
from dcrdraft.review.fastre import FastPattern, fast_compiled, new_document


ACCELERATED = ("dcrdraft.review.checks.", "dcrdraft.review.facts.")
"""The packages whose module-level patterns get the prefilter: the checks and the fact layer
(~90 patterns that read every sentence of a document)."""


def _accelerate(prefixes: tuple[str, ...] = ACCELERATED) -> None:
    """Give every check and fact module's compiled patterns the literal prefilter (fastre)."""
    for name, module in list(sys.modules.items()):
        if not name.startswith(prefixes) or module is None:
            continue
        for attr, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                setattr(module, attr, fast_compiled(value))
            elif isinstance(value, dict) and value and all(
                    isinstance(v, (re.Pattern, FastPattern)) for v in value.values()):
                for key, v in value.items():
                    if isinstance(v, re.Pattern):
                        value[key] = fast_compiled(v)


_accelerate()


def _item(ctx: Context, rule: Rule) -> ItemResult:
    v: Verdict = CHECKS[rule.check].fn(ctx, rule.params)
    line = v.line if v.line is not None else (v.unit.line if v.unit else None)
    evidence = ctx.quote(line, v.unit.text if v.unit else "") if line else None
    if v.unit is not None and v.unit.text and evidence and v.unit.text not in evidence:
        evidence = ctx.quote(None, v.unit.text)
    return ItemResult(rule.code, rule.name, v.status, line,
                      rule.message(v.status, v.detail), evidence)


def _findings(ctx: Context, rule: Rule) -> list[Finding]:
    hits: list[Hit] = CHECKS[rule.check].fn(ctx, rule.params)
    return [Finding(rule.code, rule.name, rule.severity, h.line, max(h.line, h.end_line),
                    rule.message("fire", h.detail), rule.suggestion) for h in hits]


def budget_finding(doc: Document) -> Finding:
    """The one warning that says where reviewing stopped in an over-long document."""
    rule = next(r for r in META_RULES if r.code == "X93")
    line = doc.unreviewed_from or 1
    of = f" of {doc.size // 1024} KB" if doc.size else ""
    # a line cut partway is no reviewed line: claim only the lines read whole
    read = f"lines 1-{line - 1} were" if line > 1 else "the start of line 1 was"
    detail = (f"only {read} reviewed (the first {REVIEW_CHARS // 1024} KB{of}); the rest of "
              f"the document was not checked")
    return Finding(rule.code, rule.name, rule.severity, max(1, line - 1), max(1, line - 1),
                   rule.message("fire", detail), rule.suggestion)


def _at_source(doc: Document, items: list[ItemResult],
               findings: list[Finding]) -> tuple[list[ItemResult], list[Finding]]:
    """Results moved from the lines of a drafted inputs file to the inputs lines they came
    from; findings that land on one line with one message become one."""
    moved = [replace(i, line=doc.source_line(i.line)) if i.line is not None else i
             for i in items]
    out: list[Finding] = []
    seen: set[tuple[str, int, str]] = set()
    for f in findings:
        line = doc.source_line(f.line)
        end = max(line, doc.source_line(f.end_line)) if f.end_line > f.line else line
        if (f.code, line, f.message) not in seen:
            seen.add((f.code, line, f.message))
            out.append(replace(f, line=line, end_line=end))
    return moved, out


def review_document(doc: Document, rubric: Rubric | None = None) -> FileReport:
    """Review a parsed document against ``rubric`` (the built-in rules by default)."""
    rubric = rubric or load_rubric()
    new_document()
    ctx = Context.of(doc)
    items = [_item(ctx, r) for r in rubric.items]
    if doc.format != "inputs" and len(rubric.items) >= 10:
        reason = not_a_dcr(doc, items)
        if reason is not None:
            return FileReport(path=doc.path, format=doc.format, not_dcr=reason)
    findings: list[Finding] = []
    for r in rubric.findings:
        findings += _findings(ctx, r)
    if doc.unreviewed_from is not None:
        findings.append(budget_finding(doc))
    if doc.origin is not None:
        items, findings = _at_source(doc, items, findings)
    findings.sort(key=lambda f: (f.line, f.code))
    return FileReport(
        path=doc.path, format=doc.format,
        score=score(items, findings, [r.weight for r in rubric.items]),
        ready=is_ready(items, findings), recommendation=recommendation(ctx),
        checklist=items, findings=findings)
