"""``dcrdraft extract``: the facts the reviewer reads from a document, written as a dcrdraft
inputs file, each value with its source line as a comment. What the document lacks is left
out, so a draft from the file shows it as a gap.

Covered: the system's name, the headline metric (value, baseline, threshold, direction), the
other metrics, segment figures, risk entries, monitoring signals, rollback triggers and
procedure (``extract_ops``) and the recommendation. Not yet: sign-offs, fairness, privacy and
regulatory text.
"""

from __future__ import annotations

import json
import re

from dcrdraft.ingest.document import Document
from dcrdraft.review.checks.decision import recommendation
from dcrdraft.review.checks.risks import entries
from dcrdraft.review.context import Context
from dcrdraft.review.extract_ops import deployment_lines
from dcrdraft.review.facts import Comparator, MetricFact, facts_of
from dcrdraft.review.facts.metrics import RESULT_KINDS


def _q(text: str) -> str:
    """A YAML scalar for ``text`` (JSON strings are valid YAML)."""
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def _figure(m: MetricFact, value: float | None = None) -> str:
    v = m.value if value is None else value
    if m.unit == "%":
        return _q(f"{v:g}%")
    if m.unit in ("", "pp") and 0 <= v <= 1:
        return f"{v:g}"
    return _q(f"{v:g} {m.unit}".strip())


def _bare(name: str) -> str:
    """A metric's name without the direction note the document adds to it."""
    return re.sub(r"\s*\((?:higher|lower) is better\)", "", name).strip()


_RISK_ID = re.compile(r"^\W*(?:risk|hazard)\s*\d{1,3}\s*[:.,—–-]\s*", re.I)


def _is_rate(m: MetricFact) -> bool:
    return m.unit == "%" or (m.unit == "" and 0 <= m.value <= 1)


def _name(doc: Document) -> tuple[str, int]:
    for s in doc.sections():
        if s.title:
            title = re.sub(r"^(?:deployment clearance report|dcr|release approval|launch review)"
                           r"\s*[:–—-]\s*", "", s.title, flags=re.I).strip(" :#*")
            return (title or s.title), s.line
    stem = doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem, 1


def _primary(head: MetricFact, comparators: list[Comparator],
             results: list[MetricFact]) -> list[str]:
    out = ["  primary_metric:", f"    name: {_q(_bare(head.name))}  # line {head.line}",
           "    results:"]
    for r in results:
        n = f", n: {r.n}" if r.n else ""
        out.append(f"      - {{dataset: {_q(r.dataset or r.segment or r.section or 'Reported')}, "
                   f"value: {_figure(r)}{n}}}  # line {r.line}")
    base = next((c for c in comparators if c.kind == "baseline"), None)
    thr = next((c for c in comparators if c.kind == "threshold"), None)
    if base is not None:
        label = f"label: {_q(base.label)}, " if base.label else ""
        out.append(f"    baseline: {{{label}value: {_figure(head, base.value)}}}"
                   f"  # line {base.line}")
    if thr is not None:
        out.append(f"    threshold: {_figure(head, thr.value)}  # line {thr.line}")
    if head.direction == "lower":
        out.append(f"    higher_is_better: false  # line {head.line}")
    return out


def _secondary(m: MetricFact) -> str:
    parts = [f"name: {_q(_bare(m.name))}", f"value: {_figure(m)}"]
    if m.n:
        parts.append(f"n: {m.n}")
    base = next((c for c in m.comparators if c.kind == "baseline"), None)
    thr = next((c for c in m.comparators if c.kind == "threshold"), None)
    if base is not None:
        parts.append(f"baseline: {_figure(m, base.value)}")
    if thr is not None:
        parts.append(f"threshold: {_figure(m, thr.value)}")
    if m.direction == "lower":
        parts.append("higher_is_better: false")
    return f"    - {{{', '.join(parts)}}}  # line {m.line}"


def _segments(segs: list[MetricFact]) -> list[str]:
    rows: dict[str, list[MetricFact]] = {}
    for s in segs:
        if s.segment and _is_rate(s):
            rows.setdefault(s.segment, []).append(s)
    out: list[str] = []
    for name, figs in rows.items():
        cols: dict[str, MetricFact] = {}
        for f in figs:
            cols.setdefault(f.name, f)
        body = ", ".join([f"name: {_q(name)}"] + [f"{_q(k)}: {_figure(f)}"
                                                  for k, f in cols.items() if k not in
                                                  ("name", "n", "note")])
        out.append(f"    - {{{body}}}  # line {figs[0].line}")
    return out


_TITLE_CELL = re.compile(r"(?:^|;\s)(?:title|risk|name|description): ([^;]+)", re.I)
_ID_ONLY = re.compile(r"^\W*(?:(?:risk|hazard)\s*\d{1,3}|[A-Z]{2,6}-\d{1,4}|risk id\b.*)\W*$", re.I)


def _risks(ctx: Context) -> list[tuple[str, str, int]]:
    """Each risk once: its title (a register's title column, else the entry's lead words
    without an ID), its mitigation and its line; gap text and bare IDs are no titles."""
    out: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for e in entries(ctx):
        cell = _TITLE_CELL.search(e.text) if ";" in e.text else None
        title = cell.group(1) if cell and not _ID_ONLY.match(cell.group(1)) else e.title
        title = _RISK_ID.sub("", title).strip(" .:-*")
        if not title or _ID_ONLY.match(title) or "gap:" in title.lower():
            continue
        mitigation = e.mitigation.strip(" :;")
        if "gap" in mitigation.lower()[:5]:
            mitigation = ""
        key = title.lower()
        if key not in seen:
            seen.add(key)
            out.append((title, mitigation, e.line))
    return out


def extract_inputs(doc: Document) -> str:
    """The document's facts as the text of a dcrdraft inputs file."""
    ctx = Context.of(doc)
    facts = facts_of(ctx)
    name, line = _name(doc)
    out = [f"# dcrdraft inputs extracted from {doc.path}.",
           "# Each value carries its source line; whatever the document lacks is left out, so",
           "# a draft from this file shows it as a gap.",
           "system:", f"  name: {_q(name)}  # line {line}"]
    head = facts.headline
    # A figure under a monitoring or rollback heading is an alert level, not a result.
    overall = [m for m in facts.metrics if m.segment is None and not m.method_statistic
               and (m.kinds & RESULT_KINDS or not m.kinds)
               and not m.kinds & {"monitoring", "rollback"}]
    if head is not None or overall:
        out.append("evaluation:")
        seen = set()
        if head is not None and _is_rate(head):
            # One metric's results: the table rows for it when it has a table, else the figure.
            same = [m for m in overall if m.key == head.key and m.source == "table"
                    and _is_rate(m)] or [head]
            out += _primary(same[0], facts.comparators_for(head), same)
            seen |= {(m.key, m.value) for m in facts.metrics if m.key == head.key}
        rest = [m for m in overall if (m.key, m.value) not in seen]
        if rest:
            out.append("  secondary_metrics:")
            names: set[str] = set()
            for m in rest:
                if m.name in names:
                    continue
                names.add(m.name)
                out.append(_secondary(m))
        seg_lines = _segments(facts.segments)
        if seg_lines:
            out += ["  segments:", *seg_lines]
    risks = _risks(ctx)
    if risks:
        out.append("risks:")
        for title, mitigation, ln in risks:
            out.append(f"  - title: {_q(title[:120])}  # line {ln}")
            if mitigation:
                out.append(f"    mitigations: [{_q(mitigation[:300])}]")
    out += deployment_lines(ctx)
    decision = recommendation(ctx)
    if decision is not None:
        out += ["recommendation:", f"  decision: {decision}"]
    return "\n".join(out) + "\n"
