"""The reviewer's text and JSON output, reached through the format registry; text adds what
suppressions silenced, JSON is the schema_version 1 contract unchanged."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from dcrdraft.review.render import render_json as _json
from dcrdraft.review.render import render_text as _text

if TYPE_CHECKING:
    from dcrdraft.review.ci import CiRun


def render_text(run: CiRun) -> str:
    """The reviewer's text report, then one line per suppressed finding or waived item."""
    out = _text(run.report)
    extra = [f"{f.report.path}:{s.line or 1}: {s.code}/{s.name} "
             f"{'waived' if s.kind == 'item' else 'suppressed'} ({s.origin}): "
             f"{s.reason or 'no reason given'}"
             for f in run.files for s in f.suppressed]
    return out + ("\n" + "\n".join(extra) + "\n" if extra else "")


def render_json(run: CiRun) -> str:
    """The public JSON contract of the reviewer; ``llm`` is added only under ``review --llm``."""
    if run.llm is None:
        return _json(run.report)
    data = {**run.report.to_dict(), "llm": run.llm}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
