"""GitHub Actions workflow commands (``::error file=...,line=...::message``) with the actions
toolkit's escaping, prioritised under GitHub's per-step limits: 10 error, 10 warning and 10
notice annotations. A file that is not a DCR gets one notice saying so instead of results. What
does not fit is printed as plain log lines under a notice saying how many more findings there
are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dcrdraft.review.formats.results import Result, all_results, uri

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun

PER_STEP = 10
"""Annotations GitHub shows per step for each of error, warning and notice."""
COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow-command message as the toolkit's ``escapeData`` does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow-command property as the toolkit's ``escapeProperty`` does."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(r: Result) -> str:
    """One annotation for ``r``."""
    props = [f"file={escape_property(uri(r.path))}", f"line={r.line}"]
    if r.end_line > r.line:
        props.append(f"endLine={r.end_line}")
    props.append(f"title={escape_property(f'dcrdraft {r.id}')}")
    body = r.message + (f"\n{r.suggestion}" if r.suggestion and r.kind == "finding" else "")
    return f"::{COMMAND[r.severity]} {','.join(props)}::{escape_data(body)}"


def not_dcr_notice(path: str, reason: str) -> str:
    """The one annotation of a file that does not look like a DCR (read, not scored)."""
    return (f"::notice file={escape_property(uri(path))},"
            f"title={escape_property('dcrdraft: not a DCR')}::{escape_data('skipped, ' + reason)}")


def plain(r: Result) -> str:
    """A log line for a result that got no annotation."""
    return f"{uri(r.path)}:{r.line}: {r.severity}: {r.id} {r.message}"


def render_github(run: CiRun) -> str:
    """Annotations, most severe first, at most ``PER_STEP`` per level; the rest as log lines."""
    results = sorted(all_results(run), key=lambda r: r.priority)
    lines = [f"::error file={escape_property(uri(f.report.path))},"
             f"title={escape_property('dcrdraft read error')}::{escape_data(f.report.error)}"
             for f in run.files if f.report.error is not None][:PER_STEP]
    skipped = [f for f in run.files if f.report.error is None and f.report.not_dcr is not None]
    noted = skipped[:PER_STEP - 1]  # a notice slot stays free for the "more" line
    lines += [not_dcr_notice(f.report.path, f.report.not_dcr or "") for f in noted]
    shown: list[Result] = []
    rest: list[Result] = []
    used = {"error": len(lines) - len(noted), "warning": 0, "info": len(noted)}
    for r in results:
        if used[r.severity] < PER_STEP:
            used[r.severity] += 1
            shown.append(r)
        else:
            rest.append(r)
    if rest and used["info"] == PER_STEP:  # keep a notice slot for the "more" line
        dropped = next(r for r in reversed(shown) if r.severity == "info")
        shown.remove(dropped)
        rest.insert(0, dropped)
    lines += [command(r) for r in shown]
    if rest:
        lines.append(f"::notice title=dcrdraft::{len(rest)} more findings not annotated "
                     f"(GitHub shows {PER_STEP} per severity per step); listed below and in "
                     "the SARIF and Markdown reports")
        lines += [plain(r) for r in sorted(rest, key=lambda r: (r.path, r.line, r.code))]
    lines += [f"{uri(f.report.path)}: skipped, {f.report.not_dcr}"
              for f in skipped[len(noted):]]
    return "\n".join(lines) + ("\n" if lines else "")
