"""Where each line of a template draft came from: the inputs field (and its line in the YAML
or JSON file), so a review of an inputs file points at the line its author must edit.

A draft line is traced to the inputs value it quotes (the longest one, preferring the section
it sits in), a gap to the field it asks for, and anything else to the field its heading
covers; a field the file does not have falls back to its nearest parent that it has.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dcrdraft.analysis.core import Analysis

Path = tuple[str | int, ...]

_SECTION: dict[str, Path] = {
    "1": ("system",), "2": ("system",), "3": ("system",), "4": ("evaluation",),
    "5": ("risks",), "6": ("deployment",), "7": ("safety",), "8": ("signoffs",),
    "9": ("appendices",),
}
"""The inputs part each numbered section of the draft (``## 4. Evaluation Summary``) covers."""

_SUBSECTION: tuple[tuple[str, Path], ...] = (
    ("open gaps", ("system",)),
    ("methodology", ("evaluation", "methodology")),
    ("primary metric", ("evaluation", "primary_metric")),
    ("secondary metrics", ("evaluation", "secondary_metrics")),
    ("results by segment", ("evaluation", "segments")),
    ("failure modes", ("evaluation", "failure_modes")),
    ("risk gaps", ("evaluation", "segments")),
    ("pre-deployment conditions", ("deployment", "conditions")),
    ("conditions of approval", ("recommendation", "conditions")),
    ("monitoring thresholds", ("deployment", "monitoring")),
    ("rollback triggers", ("deployment", "rollback_triggers")),
    ("rollback procedure", ("deployment", "rollback_procedure")),
    ("human review", ("deployment", "human_review")),
    ("user documentation", ("deployment", "user_documentation")),
    ("fairness", ("safety", "fairness")),
    ("privacy", ("safety", "privacy")),
    ("regulatory", ("safety", "regulatory")),
    ("other potential harms", ("safety", "harms")),
    ("appendix a.", ("evaluation", "methodology")),
    ("appendix b.", ("evaluation",)),
)
"""Sub-headings of the template and the inputs part each covers."""

_GAP_TOP: dict[str, Path] = {
    "title.version": ("system", "version"), "title.author": ("document", "author"),
    "title.eval_period": ("document", "eval_period"),
    "title.approval_date": ("document", "approval_date"),
    "evaluation.primary": ("evaluation", "primary_metric"),
    "evaluation.baseline": ("evaluation", "primary_metric", "baseline"),
    "evaluation.threshold": ("evaluation", "primary_metric", "threshold"),
    "evaluation.n": ("evaluation", "primary_metric", "results"),
    "risks.none": ("risks",), "risks.segments": ("evaluation", "segments"),
    "signoff.none": ("signoffs",), "signoff.rows": ("signoffs",),
}


_LEAD_IN: dict[str, Path] = {
    "**how well it works.**": ("evaluation", "primary_metric"),
    "**what could go wrong.**": ("risks",), "**what must be true.**": ("deployment",),
    "**recommendation.**": ("recommendation",),
}
"""The executive summary's paragraphs and the inputs part each one sums up."""


def _gap_path(key: str, labels: dict[str, int]) -> Path:
    """The inputs field a gap key (``deployment.monitoring``, ``risks.RAD-001``) asks for."""
    if key in _GAP_TOP:
        return _GAP_TOP[key]
    head, _, rest = key.partition(".")
    if head == "overview":
        return ("system", rest)
    if head == "risks" and rest in labels:
        return ("risks", labels[rest])
    return (head, rest) if rest else (head,)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[*_`>|#]", " ", text).lower().split())


def _leaves(node: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    """Every text value of the parsed inputs (numbers and dates are too ambiguous to trace)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, str(k)))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))
    elif isinstance(node, str):
        text = _norm(node)
        if len(text) >= 3:
            yield path, text[:40].rstrip(" .")


def line_of(data: Any, path: Path) -> int | None:
    """The 1-based line of the deepest node on ``path`` that the file has."""
    line: int | None = None
    node = data
    for part in path:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, list) and isinstance(part, int) and part < len(node):
                if lc is not None:
                    line = int(lc.item(part)[0]) + 1
                node = node[part]
            elif isinstance(node, dict) and part in node:
                if lc is not None:
                    line = int(lc.key(part)[0]) + 1
                node = node[part]
            else:
                break
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    return line


def line_map(data: Any, analysis: Analysis, lines: list[str]) -> list[int]:
    """For each draft line (``lines``, the Markdown of ``analysis``), the 1-based line of the
    inputs file (parsed as ``data``, with line marks) that it came from."""
    leaves = sorted(_leaves(data), key=lambda lf: -len(lf[1]))
    exact: dict[str, list[Path]] = {}
    for p, v in leaves:
        exact.setdefault(v, []).append(p)
    by_scope: dict[Path, list[tuple[Path, str]]] = {}
    labels = {rv.label: i for i, rv in enumerate(analysis.risks)}
    titles = {f"{rv.label}: {rv.risk.title}".lower(): i for i, rv in enumerate(analysis.risks)}
    gaps = [(_norm(g.what)[:40], _gap_path(g.key, labels)) for g in analysis.gaps]
    first = line_of(data, ("system",)) or 1
    scope: Path = ("system",)
    section = "1"
    out: list[int] = []
    for raw in lines:
        text = _norm(raw)
        path: Path | None = None
        if raw.startswith("## "):
            section = raw[3:].split(".", 1)[0].strip()
            scope = _SECTION.get(section, ("system",))
        elif raw.startswith("### "):
            scope = _subsection(raw[4:].strip().lower(), section, titles, analysis) or scope
        elif raw.startswith("# "):
            path = ("system", "name")
        elif section == "2" and raw.startswith("**"):
            lead = raw.lower().split("**", 2)
            scope = _LEAD_IN.get(f"**{lead[1]}**", ("system",)) if len(lead) > 2 else scope
        if path is None and "gap" in text:
            path = next((p for what, p in gaps if what and what in text), None)
        if path is None and text and not raw.startswith("#"):
            path = _exact(raw, exact, scope)
        if path is None and text and not raw.startswith("#"):
            if scope not in by_scope:
                by_scope[scope] = [lf for lf in leaves if lf[0][: len(scope)] == scope]
            inside = by_scope[scope]
            if len(inside) <= _SCAN_LIMIT or section in ("1", "2"):
                path = next((p for p, v in inside if v in text), None)
            if path is None and section in ("1", "2"):  # the summary quotes any section
                path = next((p for p, v in leaves if v in text), None)
        out.append(line_of(data, path or scope) or first)
    return out


_SCAN_LIMIT = 400
"""Values of a section searched inside each of its lines; beyond it (thousands of risks) only
exact cell and field values are traced, so tracing stays linear in the draft's size."""


def _exact(raw: str, exact: dict[str, list[Path]], scope: Path) -> Path | None:
    """A value quoted whole: a table cell, or what follows a bold label."""
    parts = raw.strip().strip("|").split("|") if raw.lstrip().startswith("|") else \
        [re.sub(r"^\W*(?:\d+\.\s+)?(?:\*\*[^*]{1,40}:\*\*)?", "", raw)]
    for part in parts:
        paths = exact.get(_norm(part)[:40].rstrip(" ."))
        if paths:
            return next((p for p in paths if p[: len(scope)] == scope), paths[0])
    return None


def _subsection(title: str, section: str, titles: dict[str, int],
                analysis: Analysis) -> Path | None:
    if section == "5" and title in titles:
        return ("risks", titles[title])
    if section == "9" and title.startswith("appendix ") and \
            not title.startswith(("appendix a.", "appendix b.")):
        names = [ap.title.lower() for ap in analysis.inputs.appendices]
        name = title.split(". ", 1)[-1]
        return ("appendices", names.index(name)) if name in names else ("appendices",)
    return next((p for prefix, p in _SUBSECTION if title.startswith(prefix)), None)
