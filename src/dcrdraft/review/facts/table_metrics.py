"""Metric facts read from tables: a results table whose value column is certain gives one
fact per row (a metric per row, or one metric over segments or data sets, with the comparator
columns and rows beside it); a breakdown matrix (segments down, metrics across) gives one per
cell of each metric column.

A table says what it measures in its header, its rows, the line above it or its section's
title, never in sentences: it is read apart from prose, with only the model in ``metrics``
shared between them.
"""

from __future__ import annotations

import re

from dcrdraft.ingest.document import Block
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.columns import Columns, Role, classify, fill_blank_labels, status_of
from dcrdraft.review.facts.metrics import (Comparator, ComparatorKind, MetricFact, direction,
                                           figure, is_metric_name)
from dcrdraft.review.facts.parts import parts_down
from dcrdraft.review.facts.vocab import matches
from dcrdraft.review.text import METRIC_RE


def _label_of(header: str) -> str:
    return re.sub(r"\s+", " ", header).strip(" :*_")


_PER_BASE = re.compile(r"\bper (?:1|10|100)[, ]?000\b|\bper (?:thousand|million|100k|10k|1k)\b",
                       re.I)
"""A rate's base named in a table's corner cell: its rows are rates, whatever their names."""
_COMPARATOR_ROLES: tuple[tuple[Role, ComparatorKind], ...] = (
    ("baseline", "baseline"), ("threshold", "threshold"), ("delta", "delta"))
_HEADLINE = re.compile(r"\b(?:primary|headline|key|main|north[- ]star)\b", re.I)


_LEAD_IN = re.compile(r"^[^:\n]{3,80}:\W*$")
"""A short line ending in a colon just above a table ("Word error rate (lower is better):")."""
_OVERALL_ROW = re.compile(r"^\W*(?:overall|all|total|aggregate|combined)\b(?!-)", re.I)
"""A row over the whole population ("All 600 calls", "**Total**"): no segment."""


def _lead_ins(ctx: Context) -> dict[int, str]:
    """Each table's lead-in naming its measure: the line just above it when that line ends
    in a colon and names a metric (one pass over the units)."""
    out: dict[int, str] = {}
    last: Unit | None = None
    for u in ctx.units:
        if u.block.kind != "table":
            last = u
            continue
        if last is not None and _LEAD_IN.match(last.text) and is_metric_name(last.text):
            out[id(u.block)] = last.text.rstrip(": ")
        last = None  # the table's first row has been read; no later table shares it
    return out


def table_facts(ctx: Context) -> list[MetricFact]:
    out: list[MetricFact] = []
    leads = _lead_ins(ctx)
    for block, sec in ctx.tables():
        rows = fill_blank_labels(block.rows or [])
        if len(rows) < 2 or len(rows[0]) < 2:
            continue  # no header to tell the columns apart
        if _SWEEP.search(rows[0][0]):
            continue  # rows are operating points of one model: no segments, no headline
        cols = classify(rows)
        if cols.value is None or not cols.certain:
            out += _matrix_facts(ctx, block, sec.title, rows, cols)
            continue
        header = rows[0]
        lines = block.row_lines or [block.line] * len(rows)
        units = {u.row: u for u in ctx.units if u.block is block}
        metric_rows = sum(bool(METRIC_RE.search(r[0])) for r in rows[1:] if r)
        # "Per 1,000 returns | Control | New": every row is a rate on that base
        rated = bool(_PER_BASE.search(header[0]))
        measured = _measure_rows(header, cols)
        per_metric = rated or measured or metric_rows > (len(rows) - 1) / 2 or \
            cols.first("threshold") is not None
        thr_col = cols.first("threshold")
        st_col = cols.first("status")
        name_col = next((i for i, h in enumerate(header) if i and cols.roles[i] == "text"
                         and re.fullmatch(r"\W*(?:metric|measure|kpi)s?\W*", h, re.I)), None)
        rivals = not per_metric and bool(_RIVALS.search(header[0]))
        start = len(out)
        comparator_rows = [] if per_metric else _comparator_rows(rows, cols.value, lines)
        skip = {i for i, _c in comparator_rows}
        parent = ""
        for i, row in enumerate(rows[1:], 1):
            label = row[0] if row else ""
            sub = SUB_ROW.match(label) if per_metric else None
            if per_metric and not sub:
                parent = label
            if cols.value >= len(row) or i in skip:
                continue
            got = figure(row[cols.value])
            if got is None:
                continue
            name, part = measure_and_part(label, parent if sub else "") if per_metric \
                else (_label_of(header[cols.value]), None)
            if name_col is not None and name_col < len(row) and is_metric_name(row[name_col]):
                name = row[name_col]  # long format: "Segment | Metric | Value"
            if not per_metric and not METRIC_RE.search(name) and METRIC_RE.search(header[0]):
                name = _label_of(header[0])
            if not per_metric and not is_metric_name(name) and id(block) in leads:
                name = leads[id(block)]  # "Word error rate (lower is better):" above it
            if not per_metric and not is_metric_name(name) and is_metric_name(
                    _titled(sec.title)):
                name = _titled(sec.title)  # "Primary metric: Task completion rate"
            rate = got[1] == "%" or (got[1] == "" and 0 <= got[0] <= 1)
            if not rated and not is_metric_name(name) and thr_col is None and not (
                    not per_metric and matches("segment_header", header[0]) and rate) \
                    and not (measured and rate):
                continue  # a criteria table's rows are measures whatever their names; a
                # breakdown's rates and 0-1 scores are its column's measure ("Language |
                # Adequate", "Segment | Gini")
            ln = lines[i] if i < len(lines) else block.line
            unit = units.get(i)
            fact = MetricFact(name=name, value=got[0], unit=got[1], line=ln, section=sec.title,
                              kinds=unit.kinds if unit else frozenset(), source="table",
                              segment=part if per_metric else None
                              if rivals or _OVERALL_ROW.match(label) else label,
                              unit_ref=unit)
            fact.direction = direction(f"{name} {header[cols.value]}")
            if st_col is not None and st_col < len(row):
                fact.status = status_of(row[st_col])
            if thr_col is not None and thr_col < len(row):
                fact.threshold_text = row[thr_col]
            for role, kind in _COMPARATOR_ROLES:
                for c in cols.all(role):
                    if c < len(row) and (f := figure(row[c])) is not None:
                        fact.comparators.append(Comparator(kind, f[0], row[c], ln,
                                                           _label_of(header[c])))
            fact.headline = bool(_HEADLINE.search(label if per_metric else sec.title))
            fact.comparators += [c for _i, c in comparator_rows]
            if not per_metric and (comparator_rows or _DATASETS.match(header[0])):
                fact.segment, fact.dataset = None, label  # data sets of one metric
            fact.n = _count(row, cols.first("count"))
            out.append(fact)
        if rivals:
            _rival_comparators(out[start:])
    return out


_MEASURE_HEADER = re.compile(r"^\W*(?:metrics?|measures?|kpis?|indicators?|outcomes?)?\W*$", re.I)
SUB_ROW = re.compile(r"^\s*(?:[—–-]|↳|\.\.\.|…)\s*(?=\S)")
"""A row label opening with a dash ("— on night shifts"): a part of the measure above."""
_PART = re.compile(r"^(?P<name>[^,;:—–()]{2,60}?)\s*(?:,|\s[—–-])\s+(?P<part>[^\d:;%]{2,60})$")
"""A row label naming a measure and a part ("WER, rural callers"): the part is a short label,
its own figures only in an aside ("mobile callers (n = 344)")."""
_WHOLE = re.compile(r"^(?P<name>[^,;:—–()]{2,60}?)\s*(?:,|\s[—–-])\s+(?:overall|all|total|"
                    r"aggregate|combined|every)\b", re.I)
"""A measure row over the whole population ("WER, all 600 calls"): the measure's overall."""


def _measure_rows(header: list[str], cols: Columns) -> bool:
    """Whether the rows name the measures: the system is set against a comparator column,
    and neither the corner cell nor the value column's header names a measure or a kind of
    segment ("| | Rules (current) | New |"), so only the row labels can say what is measured."""
    if cols.value is None or cols.first("baseline") is None:
        return False
    corner, value = header[0], header[cols.value]
    if matches("segment_header", corner) or _RIVALS.search(corner):
        return False
    return bool(_MEASURE_HEADER.match(corner)) and not is_metric_name(value)


def measure_and_part(label: str, parent: str) -> tuple[str, str | None]:
    """A measure row's metric and the part of the population it covers: a dashed sub-row is
    a part of the measure above ("— on night shifts"); "WER, rural callers" names both. A
    part that is all of it ("WER, all calls") or itself a measure ("Latency, p95") is none."""
    if parent:
        return parent, SUB_ROW.sub("", label).strip() or None
    whole = _WHOLE.match(label.strip())
    if whole and is_metric_name(whole.group("name")):
        return whole.group("name").strip(), None
    m = _PART.match(re.sub(r"\([^()]*\)", "", label).strip())
    if m is None or len(m.group("part").split()) > 6 or not is_metric_name(m.group("name")):
        return label, None
    part = m.group("part").strip()
    if METRIC_RE.search(part) or matches("operating_point", part):
        return label, None
    return m.group("name").strip(), label[label.find(part):].strip()


def _count(row: list[str], col: int | None) -> int | None:
    """The sample size in a row's count column ("1,200"), when it holds a plain count."""
    if col is None or col >= len(row) or not re.fullmatch(r"\s*[\d,]{1,15}\s*", row[col]):
        return None
    return int(row[col].replace(",", "")) or None


_DATASETS = re.compile(r"^\W*(?:data ?sets?|splits?|eval(?:uation)? (?:sets?|data)|test sets?|"
                       r"samples?|benchmarks?)?\W*$", re.I)
"""A first-column header saying the rows are data sets (or left blank), not segments."""


def _titled(title: str) -> str:
    """A heading's metric ("Primary metric: Task completion rate" -> "Task completion rate")."""
    return title.split(":", 1)[1].strip() if ":" in title else title


def _comparator_rows(rows: list[list[str]], col: int,
                     lines: list[int]) -> list[tuple[int, Comparator]]:
    """Rows that state a comparator for the others ("Baseline (v1.4) | 76%", "Deployment
    threshold | 85%") in a table whose rows are datasets or segments of one metric."""
    out: list[tuple[int, Comparator]] = []
    for i, row in enumerate(rows[1:], 1):
        label = row[0] if row else ""
        got = figure(row[col]) if col < len(row) else None
        if got is None or not label:
            continue
        kind: ComparatorKind | None = "threshold" if matches("threshold_column", label) else \
            "baseline" if matches("baseline_column", label) else None
        if kind is not None:
            inner = re.search(r"\((.*)\)", label)
            out.append((i, Comparator(kind, got[0], row[col], lines[i] if i < len(lines)
                                      else lines[0], inner.group(1) if inner else label)))
    return out


_SWEEP = re.compile(r"^\W*(?:(?:decision |score |probability )?thresholds?|cut-?offs?|"
                    r"operating points?|k|top-?k|budget|alert rate|review rate)\W*$", re.I)
_RIVALS = re.compile(r"^\W*(?:models?|algorithms?|systems?|approach(?:es)?|methods?|variants?|"
                     r"versions?|candidates?|classifiers?|arms?|configurations?|configs?|"
                     r"baselines?)\W*$", re.I)
"""A first-column header saying the rows are competing models: each is the others' baseline."""


def _rival_comparators(facts: list[MetricFact]) -> None:
    for f in facts:
        for g in facts:
            if g is not f and g.name == f.name:
                f.comparators.append(Comparator("baseline", g.value, str(g.value), g.line,
                                                g.segment or ""))


def _rates(rows: list[list[str]], col: int) -> bool:
    """Whether most of a column's cells lead with a percentage (a breakdown's measure, whatever
    its header calls it: "Adequate"); a change in brackets ("0.3 (-76.9%)") is no rate."""
    cells = [r[col] for r in rows[1:] if col < len(r) and r[col].strip()]
    return sum(bool(re.match(r"^\W{0,3}\d+(?:\.\d+)?\s?%", c)) for c in cells) > len(cells) / 2


def _matrix_facts(ctx: Context, block: Block, section: str, rows: list[list[str]],
                  cols: Columns) -> list[MetricFact]:
    """A breakdown matrix (segments down, metrics across: "Language | Precision | Recall"):
    each figure column whose header names a metric, with no comparator column beside it."""
    header = rows[0]
    rivals = bool(_RIVALS.search(header[0]))
    # Rows named as parts of the population ("Species | Fish | Accuracy": swordfish, bigeye
    # tuna ...) are a breakdown whatever the corner cell calls them.
    labels = [r[0] for r in rows[1:] if r and not _OVERALL_ROW.match(r[0])]
    breakdown = matches("segment_header", header[0]) or not rivals and \
        not _DATASETS.match(header[0]) and not _MEASURE_HEADER.match(header[0]) and \
        parts_down(labels) and not any(map(is_metric_name, labels))
    metric_cols = [i for i, r in enumerate(cols.roles) if r in ("unknown", "value")
                   and (is_metric_name(header[i]) or breakdown and _rates(rows, i))]
    # A comparator column leaves each figure's side unknown; in a breakdown a change or a
    # bar column ("Gain", "Review <= 30 min") is one more measure of the same rows.
    beside = ("baseline",) if breakdown else ("baseline", "threshold", "delta")
    if len(metric_cols) < (1 if breakdown else 2) or any(r in beside for r in cols.roles):
        return []
    lines = block.row_lines or [block.line] * len(rows)
    units = {u.row: u for u in ctx.units if u.block is block}
    out: list[MetricFact] = []
    for i, row in enumerate(rows[1:], 1):
        for c in metric_cols:
            got = figure(row[c]) if c < len(row) else None
            if got is None or (not got[1] and got[0] >= 1 and "." not in row[c]):
                continue  # a bare count ("520 defective parts") is no metric value
            unit = units.get(i)
            label = row[0] if row else ""
            overall = _OVERALL_ROW.match(label)
            out.append(MetricFact(name=_label_of(header[c]), value=got[0], unit=got[1],
                                  line=lines[i] if i < len(lines) else block.line,
                                  section=section, kinds=unit.kinds if unit else frozenset(),
                                  source="table", direction=direction(header[c]),
                                  segment=None if overall or rivals else label,
                                  unit_ref=unit, n=_count(row, cols.first("count"))))
    if rivals:
        _rival_comparators(out)
    return out
