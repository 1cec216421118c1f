"""JSON Lines: one self-describing object per line, ``type`` telling which: a ``file`` (score,
ready, recommendation), each ``finding`` and unmet checklist ``item``, each ``suppressed``
result, and each unreadable file as ``error``. Suits ``jq``, log pipelines and streaming."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from dcrdraft.review.formats.results import file_results

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun


def _line(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def render_jsonl(run: CiRun) -> str:
    """Per file its ``file`` record, then its results in line order."""
    out: list[str] = []
    for f in run.files:
        rep = f.report
        if rep.error is not None:
            out.append(_line({"type": "error", "path": rep.path, "error": rep.error}))
            continue
        if rep.not_dcr is not None:
            out.append(_line({"type": "skipped", "path": rep.path, "not_dcr": rep.not_dcr}))
            continue
        head: dict[str, Any] = {"type": "file", "path": rep.path, "format": rep.format,
                                "score": rep.score, "ready": rep.ready,
                                "recommendation": rep.recommendation}
        if f.base is not None or f.is_new:
            head["base_score"] = f.base.score if f.base else None
        out.append(_line(head))
        for r in file_results(f, run, suppressed=True):
            obj: dict[str, Any] = {
                "type": "suppressed" if r.suppressed is not None else r.kind,
                "path": r.path, "code": r.code, "name": r.name, "severity": r.severity,
                "line": r.line, "end_line": r.end_line, "message": r.message}
            if r.status:
                obj["status"] = r.status
            if r.section:
                obj["section"] = r.section
            if r.suggestion and r.kind == "finding":
                obj["suggestion"] = r.suggestion
            if r.suppressed is not None:
                obj["reason"] = r.suppressed
            out.append(_line(obj))
    return "\n".join(out) + ("\n" if out else "")
