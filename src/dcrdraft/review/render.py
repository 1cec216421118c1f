"""Render review reports (text, json) and rule documentation; no review logic here."""

from __future__ import annotations

import json
from typing import Literal

from dcrdraft.review.checks.params import DOCS
from dcrdraft.review.models import STATUS_MARK, FileReport, RunReport
from dcrdraft.review.rubric import Rubric, Rule

ReviewFormat = Literal["text", "json"]
FORMATS: tuple[str, ...] = ("text", "json")


def render(run: RunReport, fmt: ReviewFormat = "text") -> str:
    """The run in ``fmt``."""
    return render_json(run) if fmt == "json" else render_text(run)


def render_json(run: RunReport) -> str:
    """The public JSON contract (schema_version 1)."""
    return json.dumps(run.to_dict(), indent=2, ensure_ascii=False) + "\n"


def _file_text(f: FileReport) -> list[str]:
    if f.error is not None:
        return [f"{f.path}: error: {f.error}"]
    if f.not_dcr is not None:
        return [f"{f.path}: skipped, {f.not_dcr}"]
    state = "ready" if f.ready else "not ready"
    rec = f.recommendation or "none stated"
    verdict = f"score {f.score}/100  {state}" if f.partial is None else \
        f"partial review ({f.partial}): no score, readiness not judged"
    out = [f"{f.path}  {verdict}  recommendation: {rec}"]
    width = max((len(i.id) for i in f.checklist), default=0)
    for i in f.checklist:
        where = f" (line {i.line})" if i.line and i.status != "pass" else ""
        out.append(f"  {STATUS_MARK[i.status]} {i.id:<{width}}  {i.message}{where}")
    for x in f.findings:
        out.append(f"{f.path}:{x.line}: {x.id} {x.message}")
    return out


def render_text(run: RunReport) -> str:
    """Per file: score, checklist marks and findings; a batch adds a summary and prevalence."""
    lines: list[str] = []
    for f in run.files:
        lines += _file_text(f) + [""]
    if len(run.files) > 1:
        lines += _summary(run)
    return "\n".join(lines).rstrip("\n") + "\n"


def _summary(run: RunReport) -> list[str]:
    s = run.summary
    w = max(len(f.path) for f in run.files)
    out = [f"{'file':<{w}}  score  ready  pass/weak/missing  findings"]
    for f in run.files:
        if f.error is not None:
            out.append(f"{f.path:<{w}}  error: {f.error}")
            continue
        if f.not_dcr is not None:
            out.append(f"{f.path:<{w}}  not a DCR (skipped)")
            continue
        counts = [sum(i.status == st for i in f.checklist) for st in ("pass", "weak", "missing")]
        if f.partial is not None:
            out.append(f"{f.path:<{w}}  {'—':>5}  {'—':>5}  {'/'.join(map(str, counts)):>17}  "
                       f"{len(f.findings):>8}  (partial)")
            continue
        out.append(f"{f.path:<{w}}  {f.score:>5}  {'yes' if f.ready else 'no':>5}  "
                   f"{'/'.join(map(str, counts)):>17}  {len(f.findings):>8}")
    read = sum(f.reviewed for f in run.files)
    partial = any(f.partial for f in run.files)
    out += ["", f"{s.files} files, "
            + ("partial selection: no readiness or score" if partial else
               f"{s.ready} ready, mean score {s.mean_score:g}")
            + (f", {len(run.errors)} unreadable" if run.errors else "")]
    if s.by_code:
        out.append("prevalence (files with at least one finding):")
        names = {x.code: x.name for f in run.files for x in f.findings}
        for code, n in sorted(s.by_code.items(), key=lambda kv: (-kv[1], kv[0])):
            pct = 100 * n / read if read else 0
            out.append(f"  {code}/{names.get(code, '?'):<28} {n:>4}/{read}  {pct:5.1f}%")
    return out


def render_rules(rubric: Rubric) -> str:
    """One line per rule: id, kind, severity, title."""
    w = max(len(r.id) for r in rubric.rules)
    lines = [f"{r.id:<{w}}  {'item' if r.kind == 'item' else r.severity:<8} {r.title}"
             for r in rubric.rules]
    return "\n".join(lines) + "\n"


def render_rule(rule: Rule) -> str:
    """A rule explained: what it asks, why, how it is checked, and its examples."""
    out = [f"{rule.id}: {rule.title}", "",
           f"kind: {'checklist item (pass / weak / missing)' if rule.kind == 'item' else 'finding'}"
           + ("" if rule.kind == "item" else f", severity {rule.severity}"),
           f"check: {rule.check}" + (f" {json.dumps(rule.params)}" if rule.params and
                                     len(json.dumps(rule.params)) < 120 else ""),
           f"source: {rule.source}" if rule.source else "", "",
           f"Why: {rule.rationale}", ""]
    out += _how(rule)
    for key, text in rule.messages.items():
        out.append(f"message ({key}): {text}")
    if rule.suggestion:
        out.append(f"suggestion: {rule.suggestion}")
    for label, examples in (("Fires on" if rule.kind == "finding" else "Does not pass",
                             rule.fire),
                            ("Quiet on" if rule.kind == "finding" else "Passes", rule.quiet)):
        out += ["", f"{label}:"]
        for ex in examples:
            out += ["  ---"] + [f"  {ln}" for ln in ex.rstrip("\n").splitlines()]
    return "\n".join(x for x in out if x is not None).replace("\n\n\n", "\n\n") + "\n"


def _how(rule: Rule) -> list[str]:
    """How the rule's check judges, which sections it reads and what its parameters mean."""
    doc = DOCS.get(rule.check)
    if doc is None:
        return []
    out = ["How it is judged: " + doc.judged + ".", "Reads: " + doc.reads + "."]
    for key, text in doc.params.items():
        value = rule.params.get(key)
        shown = "" if value is None else f" = {json.dumps(value)[:80]}"
        out.append(f"  {key}{shown}: {text}")
    return out + [""]
