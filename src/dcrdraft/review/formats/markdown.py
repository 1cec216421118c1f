"""A pull-request comment in GitHub Markdown: an overview table, then per document its score,
the checklist as a task list, its findings and (with ``--compare-to``) what changed against
the base. It always fits GitHub's 65,536-character comment limit: detail is shed first
(passing items, then whole documents) with a note saying what was left out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dcrdraft.review.formats.compare import Changes, compare

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun, FileResult

LIMIT = 65_536
"""GitHub's maximum comment body, in characters."""
MAX_ROWS = 200
COMPACT_FINDINGS = 15
"""Findings listed per document when the full comment would not fit."""
"""Documents listed in the overview table at most."""
MARKER = "<!-- dcrdraft-review -->"
"""Lets a workflow find and update its previous comment."""
_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})


def md(text: str) -> str:
    """Text safe inside a Markdown table cell or list item."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


def _signed(n: int) -> str:
    return f"+{n}" if n > 0 else str(n)


def _changes(ch: Changes, ref: str) -> list[str]:
    out = [f"**Against `{ref}`:** score {ch.base_score} → {ch.score} ({_signed(ch.delta)})"]
    if ch.empty:
        return [out[0] + ", no other change.", ""]
    for label, items in (("Newly missing", ch.newly_missing), ("Fixed", ch.fixed)):
        if items:
            out.append(f"- {label}: " + ", ".join(f"`{i.id}`" for i in items))
    if ch.changed:
        out.append("- Changed: " + ", ".join(f"`{i.id}` {a} → {b}" for a, b, i in ch.changed))
    for label, found in (("Introduced", ch.introduced), ("Resolved", ch.resolved)):
        for f in found:
            out.append(f"- {label}: `{f.id}` {md(f.message)}"
                       + (f" (line {f.line})" if label == "Introduced" else ""))
    return out + [""]


def _checklist(f: FileResult, compact: bool) -> list[str]:
    rep = f.report
    waived = {s.code: s for s in f.suppressed if s.kind == "item"}
    passed = sum(i.status == "pass" for i in rep.checklist)
    out = [f"**Checklist** ({passed}/{len(rep.checklist)} pass)", ""]
    for i in rep.checklist:
        if i.code in waived:
            w = waived[i.code]
            out.append(f"- [x] ~~`{i.id}`~~ waived: {md(w.reason or 'no reason given')}")
        elif i.status == "pass":
            if not compact:
                out.append(f"- [x] `{i.id}`")
        else:
            where = f" (line {i.line})" if i.line else ""
            a = f.anchors.get(i.code)
            if a and i.line is None:
                where = f" ({md(a.phrase())})"
            out.append(f"- [ ] `{i.id}` **{i.status}**: {md(i.message)}{where}")
    if compact and passed:
        out.append(f"- [x] {passed} more passing items")
    return out + [""]


def _findings(f: FileResult, compact: bool) -> list[str]:
    rep = f.report
    if not rep.findings:
        return ["No findings.", ""]
    out = [f"**Findings** ({len(rep.findings)})", "", "| Line | Rule | Severity | Message |",
           "|---:|---|---|---|"]
    shown = rep.findings[:COMPACT_FINDINGS] if compact else rep.findings
    for x in shown:
        text = md(x.message)
        a = f.anchors.get(x.code) if x.line <= 1 else None
        if a is not None:
            text += f" ({md(a.phrase())})"
        if compact and len(text) > 300:
            text = text[:297] + "…"
        out.append(f"| {a.line if a else x.line} | `{x.id}` | {x.severity} | {text} |")
    if len(shown) < len(rep.findings):
        out.append(f"| | | | … {len(rep.findings) - len(shown)} more findings |")
    n = sum(s.kind == "finding" for s in f.suppressed)
    if n:
        out += ["", f"{n} finding(s) suppressed in the source or config."]
    return out + [""]


def _document(f: FileResult, ref: str | None, compact: bool) -> str:
    rep = f.report
    if rep.error is not None:
        return f"### `{rep.path}`\n\n:x: Could not be read: {md(rep.error)}\n"
    if rep.not_dcr is not None:
        return f"### `{rep.path}`\n\nSkipped, {md(rep.not_dcr)}\n"
    state = "ready :white_check_mark:" if rep.ready else "not ready"
    head = [f"### `{rep.path}` — {rep.score}/100, {state}", ""]
    if rep.recommendation:
        head += [f"Stated recommendation: **{rep.recommendation}**", ""]
    if ref is not None:
        if f.base is not None:
            waived = frozenset(s.code for s in f.suppressed if s.kind == "item")
            head += _changes(compare(f.base, rep, waived), ref)
        elif f.is_new:
            head += [f"**Against `{ref}`:** new document.", ""]
    return "\n".join(head + _checklist(f, compact) + _findings(f, compact))


def _overview(run: CiRun) -> list[str]:
    rep = run.report
    s = rep.summary
    title = ["## dcrdraft review", "",
             f"{s.files} document(s), {s.ready} ready, mean score {s.mean_score:g}"
             + (f", {len(rep.errors)} unreadable" if rep.errors else ""), ""]
    if len(run.files) < 2 and run.compare_to is None:
        return title
    delta_col = run.compare_to is not None
    table = ["| Document | Score |" + (" Δ |" if delta_col else "") + " Ready | Findings |",
             "|---|---:|" + ("---:|" if delta_col else "") + ":-:|---:|"]
    for n, f in enumerate(run.files):
        if n == MAX_ROWS:
            table.append(f"| … {len(run.files) - n} more |" + (" |" if delta_col else "")
                         + " | | |")
            break
        r = f.report
        if r.error is not None:
            table.append(f"| `{r.path}` | — |" + (" — |" if delta_col else "") + " ✗ | error |")
            continue
        if r.not_dcr is not None:
            table.append(f"| `{r.path}` | — |" + (" — |" if delta_col else "") +
                         " — | not a DCR |")
            continue
        d = "" if not delta_col else (
            f" {_signed(r.score - f.base.score)} |" if f.base else " new |")
        table.append(f"| `{r.path}` | {r.score} |{d} {'✓' if r.ready else '✗'} | "
                     f"{len(r.findings)} |")
    return title + table + [""]


def render_markdown(run: CiRun) -> str:
    """The comment, shedding detail until it fits ``LIMIT``."""
    head = "\n".join([MARKER, *_overview(run)]) + "\n"
    for compact in (False, True):
        docs = [_document(f, run.compare_to, compact) for f in run.files]
        body = head + "\n".join(docs)
        if len(body) <= LIMIT:
            return body
    kept: list[str] = []
    size = len(head) + 200
    for doc in docs:
        if size + len(doc) + 1 > LIMIT:
            break
        kept.append(doc)
        size += len(doc) + 1
    left = len(docs) - len(kept)
    note = (f"\n_{left} more document(s) not shown: the comment would exceed GitHub's "
            f"{LIMIT:,}-character limit. See the job summary or SARIF report._\n")
    body = head + "\n".join(kept) + note
    return body if len(body) <= LIMIT else body[: LIMIT - len(note)] + note
