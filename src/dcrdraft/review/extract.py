"""``dcrdraft extract``: the facts the reviewer reads from a document, written as a dcrdraft
inputs file, each value with its source line as a comment. What the document lacks is left
out, so a draft from the file shows it as a gap.

Covered: the system's name, the headline metric (value, baseline, threshold, direction), the
other metrics, segment figures per metric (with n), risk entries from registers, headed
blocks and prose (``extract_risks``), monitoring signals, rollback triggers and procedure
(``extract_ops``), sign-offs (role, name, decision, date), the recommendation and its
conditions with their due dates (``facts.deadlines``), and the paragraphs the fairness,
privacy, regulatory, user-documentation and human-review items rest on (``extract_safety``).
"""

from __future__ import annotations

import json
import re

from dcrdraft.ingest.document import Document
from dcrdraft.review.checks.decision import recommendation
from dcrdraft.review.context import Context
from dcrdraft.review.extract_ops import deployment_lines
from dcrdraft.review.extract_risks import risk_lines
from dcrdraft.review.extract_safety import people_lines, safety_lines
from dcrdraft.review.facts import Comparator, MetricFact, facts_of
from dcrdraft.review.facts.deadlines import condition_deadlines
from dcrdraft.review.facts.metrics import RESULT_KINDS
from dcrdraft.review.facts.signoffs import signoffs


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


def _same_scale(m: MetricFact, value: float) -> bool:
    """Whether a comparator's figure is on the metric's scale (a 0-1 score is never set
    against "73%")."""
    return not (m.unit in ("", "pp") and 0 <= m.value <= 1 and value > 1)


def _bare(name: str) -> str:
    """A metric's name without the direction note the document adds to it."""
    return re.sub(r"\s*\((?:higher|lower) is better\)", "", name).strip()



def _is_rate(m: MetricFact) -> bool:
    return m.unit == "%" or (m.unit == "" and 0 <= m.value <= 1)


_VERSION = re.compile(r"\s+(v?\d+(?:\.\d+)+)$")
"""A version the title ends with ("Customer Support Chatbot 2.0.0")."""


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
    comparators = [c for c in comparators if _same_scale(head, c.value)]
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
    if m.unit == "" and not 0 <= m.value <= 1:
        # A bare number that is no rate ("Tenders flagged: 312") has a unit the document
        # does not name; written bare it would read as a malformed rate, and naming a unit
        # would invent one, so it stays out, visibly.
        return f"    # line {m.line}: {_q(_bare(m.name))} {m.value:g} has no unit; left out"
    parts = [f"name: {_q(_bare(m.name))}", f"value: {_figure(m)}"]
    if m.n:
        parts.append(f"n: {m.n}")
    same = [c for c in m.comparators if _same_scale(m, c.value)]
    base = next((c for c in same if c.kind == "baseline"), None)
    thr = next((c for c in same if c.kind == "threshold"), None)
    if base is not None:
        parts.append(f"baseline: {_figure(m, base.value)}")
    if thr is not None:
        parts.append(f"threshold: {_figure(m, thr.value)}")
    if m.direction == "lower":
        parts.append("higher_is_better: false")
    return f"    - {{{', '.join(parts)}}}  # line {m.line}"


def _segments(segs: list[MetricFact]) -> list[str]:
    """One entry per segment: its rate for each metric (the first figure read per metric) and
    its sample size when a count column gives it."""
    rows: dict[str, list[MetricFact]] = {}
    for sg in sorted(segs, key=lambda f: f.source != "table"):  # a breakdown's order first
        if sg.segment and _is_rate(sg):
            rows.setdefault(" ".join(sg.segment.split()), []).append(sg)
    out: list[str] = []
    for name, figs in rows.items():
        cols: dict[str, MetricFact] = {}
        for f in figs:
            cols.setdefault(_bare(f.name), f)
        n = next((f.n for f in figs if f.n), None)
        body = [f"name: {_q(name)}"] + ([f"n: {n}"] if n else []) + \
            [f"{_q(k)}: {_figure(f)}" for k, f in cols.items() if k not in ("name", "n", "note")]
        out.append(f"    - {{{', '.join(body)}}}  # line {figs[0].line}")
    return out


def _signoffs(ctx: Context) -> list[str]:
    """Each approver with a role, and the name, decision and date the document gives
    (placeholders and dates without a year are left out)."""
    out: list[str] = []
    for so in signoffs(ctx):
        if not so.role:
            continue
        out.append(f"  - role: {_q(so.role[:120])}  # line {so.line}")
        if so.name:
            out.append(f"    name: {_q(so.name)}")
        if so.decision:
            out.append(f"    decision: {so.decision}")
        if so.iso_date:
            out.append(f"    date: {so.iso_date.isoformat()}")
    return out


def extract_inputs(doc: Document) -> str:
    """The document's facts as the text of a dcrdraft inputs file."""
    ctx = Context.of(doc)
    facts = facts_of(ctx)
    name, line = _name(doc)
    version = _VERSION.search(name)
    out = [f"# dcrdraft inputs extracted from {doc.path}.",
           "# Each value carries its source line; whatever the document lacks is left out, so",
           "# a draft from this file shows it as a gap.",
           "system:", f"  name: {_q(name[:version.start()] if version else name)}  # line {line}"]
    if version is not None:
        out.append(f"  version: {_q(version.group(1))}  # line {line}")
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
            names: set[str] = set()
            lines: list[str] = []
            # A results table states a metric most fully (with its n): its rows come first,
            # and a sentence restating one (in any case) adds nothing.
            for m in sorted(rest, key=lambda m: m.source != "table"):
                if _bare(m.name).lower() in names:
                    continue
                names.add(_bare(m.name).lower())
                lines.append(_secondary(m))
            # only comments (figures left out) make no list: the key would be null
            listed = any(not s.lstrip().startswith("#") for s in lines)
            out += (["  secondary_metrics:"] if listed else []) + lines
        seg_lines = _segments(facts.segments)
        if seg_lines:
            out += ["  segments:", *seg_lines]
        at = out.index("evaluation:")
        if all(s.lstrip().startswith("#") for s in out[at + 1:]):
            del out[at]  # only figures left out: no mapping to hold them
    risks = risk_lines(ctx)
    if risks:
        out += ["risks:", *risks]
    deployment, people = deployment_lines(ctx), people_lines(ctx)
    out += (deployment or (["deployment:"] if people else [])) + people
    out += safety_lines(ctx)
    signed = _signoffs(ctx)
    if signed:
        out += ["signoffs:", *signed]
    decision = recommendation(ctx)
    conditions = _conditions(ctx)
    if decision is not None or conditions:
        out.append("recommendation:")
    if decision is not None:
        out.append(f"  decision: {decision}")
    if conditions:
        out += ["  conditions:", *conditions]
    return "\n".join(out) + "\n"


def _conditions(ctx: Context) -> list[str]:
    """Each condition of going live stated with its due date (and owner, from a column);
    conditions without a dated deadline, or with one whose year is left out, are not read."""
    out: list[str] = []
    for d in condition_deadlines(ctx):
        out.append(f"    - condition: {_q(d.what[:200])}  # line {d.unit.line}")
        if d.owner:
            out.append(f"      owner: {_q(d.owner[:120])}")
        out.append(f"      due: {d.due.isoformat()}")
    return out
