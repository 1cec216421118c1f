"""SARIF 2.1.0 for GitHub code scanning: every rule with short and full descriptions and help,
every finding and unmet checklist item as a located result with a line-independent
fingerprint; suppressed results carry their justification; unreadable files become
error notifications, and a file that is not a DCR one note notification."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from dcrdraft import __version__
from dcrdraft.review.formats.results import Result, all_results, fingerprint, uri

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun
    from dcrdraft.review.rubric import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "dcrdraft/v1"
"""Our own key: GitHub recomputes ``primaryLocationLineHash`` itself and warns when a tool's
value for that key differs from its own."""
INFO_URI = "https://github.com/dcrdraft/dcrdraft"
NOT_DCR_ID = "not-a-dcr"
"""The notification a file that does not look like a DCR gets instead of results: it was
read and skipped, which is neither a finding nor a failed run."""


def _family(rule: Rule) -> str:
    if rule.kind == "item":
        return "checklist"
    return "mistake" if rule.code.startswith("M") else \
        "suppression" if rule.check == "suppression" else "consistency"


ROOT_ID = "%SRCROOT%"
"""The ``uriBaseId`` of every location: the repository root, which GitHub code scanning
resolves itself."""


def repository_root(start: str | Path = ".") -> Path:
    """The nearest folder at or above ``start`` holding ``.git``, else ``start`` itself."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def _location(path: str, root: Path) -> dict[str, str]:
    """A URI relative to the repository root (forward slashes, reserved characters
    percent-encoded) with its ``uriBaseId``; a file outside the root keeps an absolute URI."""
    target = Path(path).resolve()
    try:
        rel = target.relative_to(root).as_posix()
    except ValueError:
        return {"uri": target.as_uri()}
    return {"uri": quote(rel, safe="/"), "uriBaseId": ROOT_ID}


def _rule(rule: Rule) -> dict[str, Any]:
    title = rule.title or rule.name.replace("-", " ")
    full = rule.rationale or title
    help_lines = [f"{rule.id}: {title}."]
    if rule.kind == "item":
        help_lines.append(f"Needed: {rule.messages.get('missing', title)}")
    if rule.suggestion:
        help_lines.append(f"Fix: {rule.suggestion}")
    if rule.rationale:
        help_lines.append(f"Why: {rule.rationale}")
    if rule.source:
        help_lines.append(f"Source: {rule.source}")
    return {
        "id": rule.code, "name": rule.name,
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": "\n".join(help_lines),
                 "markdown": "\n\n".join(help_lines)},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "properties": {"tags": ["dcr", _family(rule)]},
    }


def _result(r: Result, index: dict[str, int], occurrence: int, root: Path) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": r.line}
    if r.end_line > r.line:
        region["endLine"] = r.end_line
    text = f"{r.id}: {r.message}"
    if r.suggestion and r.kind == "finding":
        text += f" Suggestion: {r.suggestion}"
    out: dict[str, Any] = {
        "ruleId": r.code, "level": LEVEL[r.severity], "message": {"text": text},
        "locations": [{"physicalLocation": {
            "artifactLocation": _location(r.path, root), "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(r, occurrence)},
    }
    if r.code in index:
        out["ruleIndex"] = index[r.code]
    props: dict[str, Any] = {"kind": r.kind}
    if r.status:
        props["status"] = r.status
    if r.section:
        props["section"] = r.section
        out["locations"][0]["message"] = {"text": f"section: {r.section}"}
    out["properties"] = props
    if r.suppressed is not None:
        kind = "external" if ".toml" in r.suppressed else "inSource"
        out["suppressions"] = [{"kind": kind, "justification": r.suppressed}]
    return out


def render_sarif(run: CiRun) -> str:
    """One SARIF log with one run of dcrdraft."""
    rules = sorted(run.rules.values(), key=lambda r: (r.code[0] != "C", r.code))
    index = {r.code: n for n, r in enumerate(rules)}
    seen: dict[str, int] = {}
    root = repository_root()
    results = []
    for r in all_results(run, suppressed=True):
        base = fingerprint(r, 0)
        seen[base] = seen.get(base, -1) + 1
        results.append(_result(r, index, seen[base], root))
    notes = [{"level": "error", "message": {"text": f.report.error or ""},
              "locations": [{"physicalLocation": {
                  "artifactLocation": _location(f.report.path, root)}}]}
             for f in run.files if f.report.error is not None]
    skipped = [{"level": "note", "descriptor": {"id": NOT_DCR_ID},
                "message": {"text": f"{uri(f.report.path)}: skipped, {f.report.not_dcr}"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": _location(f.report.path, root)}}]}
               for f in run.files if f.report.error is None and f.report.not_dcr is not None]
    log = {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "dcrdraft", "version": __version__,
                                "informationUri": INFO_URI,
                                "rules": [_rule(r) for r in rules]}},
            "invocations": [{"executionSuccessful": not notes,
                             "toolExecutionNotifications": notes + skipped}],
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
