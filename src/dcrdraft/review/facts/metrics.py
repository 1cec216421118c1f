"""Metric facts: every reported figure for a named metric (from tables whose value column is
certain, and from prose), with the comparators (baseline, previous version, control, threshold)
tied to it.

Figures inside a metric's name ("recall at 1% hold rate", "precision@10") are part of the
name, never its value; counts, intervals and shares are never values either.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from dcrdraft.review.context import Context, Unit
from dcrdraft.ingest.document import Block
from dcrdraft.review.facts.columns import Columns, Role, classify, fill_blank_labels, status_of
from dcrdraft.review.facts.labelled import label_before, names_comparator
from dcrdraft.review.facts.parts import parts_down
from dcrdraft.review.facts.vocab import matches, vocab
from dcrdraft.review.facts.windows import Asides, Cover, Windows
from dcrdraft.review.text import METRIC_RE, METRIC_WORDS, NUM, clean, metric_key, to_float

Direction = Literal["higher", "lower"]
ComparatorKind = Literal["baseline", "threshold", "delta"]

EVAL_KINDS = frozenset({"evaluation", "summary", "methodology", "segments", "fairness"})

_VALUE = re.compile(rf"(?<![\w.])(?P<sign>[+−-])?(?P<num>{NUM})\s?(?P<unit>%|pp\b|points?\b|"
                    rf"ms\b|s\b|x\b)?|(?<![\w.])(?P<frac>0?\.\d+)(?![\w%])")
_MEASURE = (r"(?!(?:API|SKU|GPU|CPU|PII|USD|EUR|GBP|CI|FY|Q[1-4])\b)[a-z]?[A-Z]{2,7}"
            r"(?:@\d+|-\d+)?"
            r"|[A-Za-z][a-z-]*(?:acy|ity|age|ion|ance|ence|rate|score|ness)")
_NAME = re.compile(
    rf"(?i:\b(?:{METRIC_WORDS})\b(?:@\d+)?|\bcoverage\b)"
    rf"|\b(?!(?:API|SKU|GPU|CPU|PII|USD|EUR|GBP|CI|FY|EU|UK|US|ID|IT|HR|QA|PR|Q[1-4]|AM|PM|OK|NB|"
    rf"ML|AI|LLM|PASS|FAIL|GO|NO)\b)[a-z]?[A-Z]{{2,7}}(?:@\d+|-\d+)?\b")
"""A metric's name in prose: a metric word (case-insensitive) or an acronym (WAPE, NDCG@10)."""
_NOT_NAME = re.compile(r"^(?:rate|score|share|percentage|ratio|quality|change|loss|"
                       r"traffic|volume|budget|of|the)$", re.I)
PROSE_FIGURE = re.compile(rf"(?<![\w.])(?P<sign>[+−-]\s?)?(?P<num>{NUM})\s?(?P<unit>%|pp\b|"
                          rf"percentage points?\b|points?\b|ms\b)"
                          rf"|(?<![\w.])(?P<frac>0\.\d+|\.\d{{2,}})(?![\w%]|\.\d)")
_FROM = re.compile(r"\b(?:from|previously|versus|vs\.?|compared (?:with|to)|against|than)\s+"
                   r"(?:about |around |roughly |~)?$", re.I)
_INTERVAL = re.compile(rf"(?:\bCI\b|interval|\[|\(|±|\+/-|between)[^.;\])]{{0,20}}?(?:{NUM})\s?%?"
                       rf"\s?(?:–|-|to|,|and)\s?(?:{NUM})\s?%?|±\s?(?:{NUM})\s?%?", re.I)
_CONDITION = re.compile(r"(?:\b(?:above|below|under|over|exceeds?|exceeding|less than|more than|"
                        r"greater than|lower than|higher than|at least|at most|between)|[<>≤≥])"
                        r"\s*(?:the |a |an )?$", re.I)
_ACRONYM = re.compile(r"^[a-z]?[A-Z]{2,7}(?:@\d+|-\d+)?$")
_VERB_VALUE = re.compile(r"\b(?:catch\w*|caught|detect\w*|flag\w*|find\w*|found|answer\w*|"
                         r"resolv\w*|complet\w*|achiev\w*|scor\w*|reach\w*|got|gets|hit\w*)\b"
                         r"[^.;%\d]{0,25}$|(?<!false )\b(?:catch(?:es)?|caught|detect(?:s|ed)|"
                         r"flag(?:s|ged)|finds|found|warn(?:s|ed)|identifi(?:es|ed)|spott(?:s|ed)|"
                         r"picked up|recogni[sz](?:es|ed))\b[^.;%\d]{0,25}\d[\d,]*\s?(?:=|\()\s?$", re.I)
"""A detection verb before the figure: "caught 41%", "warned on 197 (92.9%)", "caught 30 =
88%": the system's hit rate, whatever the sentence calls it. Not "flagged 90 of 5,000 clean
messages (1.8%)": a count of a named total may be of the cases it should leave alone."""
_CMP_SUBJECT = re.compile(r"^\W*(?:(?:the|our|their)\s+)?(?P<w>current|existing|old|legacy|"
                          r"previous|prior|usual|incumbent|manual)\b(?P<rest>[^.;%]{0,80})$",
                          re.I)
"""A sentence whose subject is the thing being replaced ("The current rule caught 247 =
77.7%", "Existing module: 233 (10.2%)"): its figure is the comparator's."""
_POPULATION = re.compile(r"\b(?:of|out of)\s+(?:(?:the|all)\s+)?(?:[\d,]+\s+)?$", re.I)
"""What a metric word after "of" names is the population counted ("8.3% of correct orders",
"141 of 2,282 correct orders"), not the measure."""
_SKIP_TAIL = re.compile(r"^\s?(?:of|in|for) (?:the |all |our )?(?:traffic|queries|users|cases|"
                        r"samples|data|tickets|requests|volume|calls|customers|population|"
                        r"sessions|transactions|errors|failures|mistakes|misses|false positives|"
                        r"false negatives|flags|alerts|incidents)\b|^\s?(?:CI|confiden|credib)", re.I)


@dataclass
class Comparator:
    """A figure a metric is set against, with where it was read."""

    kind: ComparatorKind
    value: float
    text: str
    line: int
    label: str = ""
    """What the comparator is (the baseline column's header, "the rule it replaces", ...)."""


@dataclass
class MetricFact:
    """One reported figure for a metric."""

    name: str
    value: float
    unit: str
    line: int
    section: str
    kinds: frozenset[str]
    source: Literal["table", "prose"]
    direction: Direction | None = None
    segment: str | None = None
    """The row label when the figure is one segment's (a breakdown row)."""
    status: Literal["pass", "fail"] | None = None
    comparators: list[Comparator] = field(default_factory=list)
    unit_ref: Unit | None = None
    headline: bool = False
    """Marked primary / headline / key metric by the document."""
    dataset: str | None = None
    """The data set the figure was measured on, when a table's rows name data sets."""
    n: int | None = None
    """The sample size beside the figure."""
    threshold_text: str = ""
    """The threshold cell as written (it may state the bound: "≥ 85%")."""
    method_statistic: bool = False
    """A statistic of the evaluation's method (rater agreement), not a result."""

    @property
    def key(self) -> str | None:
        return metric_key(self.name) or (clean(self.name).lower() or None)

    @property
    def thresholds(self) -> list[Comparator]:
        return [c for c in self.comparators if c.kind == "threshold"]

    @property
    def baselines(self) -> list[Comparator]:
        return [c for c in self.comparators if c.kind in ("baseline", "delta")]


def direction(name: str) -> Direction | None:
    """A metric's direction from what the text says, else from its name; None when unknown."""
    stated = re.search(r"\b(higher|lower) is better\b|([↑↓])", name, re.I)
    if stated:
        word = (stated.group(1) or "").lower()
        return "lower" if word == "lower" or stated.group(2) == "↓" else "higher"
    lower, higher = matches("lower_is_better", name), matches("higher_is_better", name)
    if lower and not higher:
        return "lower"
    if higher and not lower:
        return "higher"
    return None


def operating_point_spans(text: str) -> list[tuple[int, int]]:
    return list(_spans(vocab("operating_point"), text))


@lru_cache(maxsize=64)
def _spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    # Every figure of a sentence asks for its sentence's operating points: read once per
    # sentence, or a sentence of n figures costs n scans of itself (quadratic: 24 KB of
    # "1% " took 73 s under load).
    return tuple(m.span() for m in pattern.finditer(text))


_SHARE = re.compile(r"^\W*(\d[\d,]*)\s*(?:of|out of|/)\s*(\d[\d,]*)(?![\d/.,-]|\s*%)", re.I)
"""A count of a total opening a cell: "5 of 6", "41/48" (never a date "12/05/2025")."""


def figure(cell: str) -> tuple[float, str] | None:
    """The first metric figure of a table cell (never one inside an operating point); a
    cell that opens with a count of a total ("5 of 6", "41/48") is that share in percent."""
    share = _SHARE.match(cell)
    if share:
        k, n = (int(g.replace(",", "")) for g in share.groups())
        if 0 <= k <= n and n > 0:
            return round(100 * k / n, 1), "%"
    spans = operating_point_spans(cell)
    for m in _VALUE.finditer(cell):
        if any(a <= m.start() < b for a, b in spans) or m.group("sign"):
            continue
        if not m.group("unit") and re.search(r"[A-Za-z]\s?$", cell[:m.start()]):
            continue  # "VIM 2.1", "release 3": a name's number
        if m.group("frac"):
            return float(m.group("frac")), ""
        unit = (m.group("unit") or "").strip()
        return to_float(m.group("num")), unit
    return None


def _label_of(header: str) -> str:
    return re.sub(r"\s+", " ", header).strip(" :*_")


_PER_BASE = re.compile(r"\bper (?:1|10|100)[, ]?000\b|\bper (?:thousand|million|100k|10k|1k)\b",
                       re.I)
"""A rate's base named in a table's corner cell: its rows are rates, whatever their names."""
_COMPARATOR_ROLES: tuple[tuple[Role, ComparatorKind], ...] = (
    ("baseline", "baseline"), ("threshold", "threshold"), ("delta", "delta"))
_HEADLINE = re.compile(r"\b(?:primary|headline|key|main|north[- ]star)\b", re.I)
_HEADLINE_PROSE = re.compile(r"\b(?:primary|headline|key|main|north[- ]star)"
                             r" (?:metric|measure|kpi)\b", re.I)


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
_GENERIC = re.compile(r"^\W*(?:rate|score|share|percentage|ratio|quality|change|value|result)s?"
                      r"\W*$", re.I)


def is_metric_name(name: str) -> bool:
    """Whether ``name`` names a measure (not a bare "rate" or "percentage", not a count, not
    a setting such as a learning rate)."""
    return bool((METRIC_RE.search(name) or direction(name)) and not _GENERIC.match(name)
                and not matches("not_a_metric", name))


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


# -- prose -------------------------------------------------------------------------------


FigRole = Literal["value", "baseline", "threshold", "delta", "peer"]
"""``peer``: the other side of a comparison that is another part of the same population
("79% against 94% for simple queries"): a segment's figure, never a comparator."""

_PEER = re.compile(r"^\s*%?\s*\(?(?:for|on|in|among|across|with|from|at)\s+(?P<the>the\s+)?"
                   r"(?P<group>[^,;:.()]{1,60})", re.I)
_NOT_PEER = re.compile(r"\b(?:test|validation|held-?out|eval\w*|benchmark|dev|data ?set|"
                       r"split|sample|set|period|window|week|month|quarter|year|pilot|"
                       r"offline|online|production|shadow|current|today\w*|standard|usual|default|"
                       r"jan\w*|feb\w*|mar\w*|apr\w*|may|june?|july?|aug\w*|"
                       r"sep\w*|oct\w*|nov\w*|dec\w*|q[1-4])\b|\d", re.I)


_SIDE = re.compile(r"\b(?:versus|vs\.?|compared (?:with|to)|against|than|relative to)\s+"
                   r"(?:about |around |roughly |~)?$", re.I)
"""A comparison with another side ("against", "than"); "up from" and "previously" look back
in time, so their other side is always an earlier figure."""


def _peer(tail: str) -> bool:
    """Whether the figure's own words name another part of the population ("for simple
    queries", "among the older users") rather than a baseline, a bar, a data set or one
    named thing ("for the keyword filter")."""
    m = _PEER.match(tail)
    if m is None:
        return False
    group = m.group("group")
    if m.group("the") and not re.search(r"[a-z]s\b", group.split()[-1] if group.split() else ""):
        return False  # "the keyword filter": one named thing, the comparator
    return not any(vocab(v).search(group) for v in ("comparator_prose", "comparator_system",
                                                    "threshold_prose")) \
        and not _NOT_PEER.search(group) and not SAME_CASES.search(tail)


SAME_CASES = re.compile(r"\b(?:the same|identical)\s+(?:[\w-]+\s){0,2}?[\w-]+s\b|"
                        r"\b(?:without|before)\s+(?:the\s+)?(?:help|assistance|tool|aid|"
                        r"system|model|score)\b|\bun(?:aided|assisted)\b", re.I)
"""Who worked the same cases, or worked them unaided ("68% for dentists reading the same
images without help"): the comparator arm; the parts of a population are told apart by
holding different cases."""


@dataclass
class _Fig:
    value: float
    unit: str
    start: int
    end: int
    role: FigRole


class _Sentence:
    """One sentence read once for what its figures ask about: operating points, intervals,
    asides, metric names, and the windows the classifying patterns may match in (a sentence
    of n figures costs a few scans of itself, not n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        op_spans = operating_point_spans(text)
        self.ops = Cover(op_spans)
        self.ops_or_intervals = Cover(op_spans + [m.span() for m in _INTERVAL.finditer(text)])
        self.threshold = Windows(vocab("threshold_prose"), text)
        self.comparator = Windows(vocab("comparator_prose"), text)
        self.skip_tail = Windows(_SKIP_TAIL, text)
        self.from_ = Windows(_FROM, text)
        self.side = Windows(_SIDE, text)
        self.condition = Windows(_CONDITION, text)
        self.directed = Windows(_DIRECTED, text)
        self.verb_value = Windows(_VERB_VALUE, text)
        self._names: tuple[list[re.Match[str]], list[int], list[int]] | None = None
        self._asides: tuple[Asides, list[int]] | None = None

    def names(self) -> tuple[list[re.Match[str]], list[int], list[int]]:
        """The usable metric names (not inside an operating point; a generic word only when
        nothing else is there), with their starts and ends (in order: they never overlap)."""
        if self._names is None:
            names = [n for n in _name_matches(self.text) if n.start() not in self.ops
                     and not _POPULATION.search(self.text, max(0, n.start() - 30), n.start())]
            usable = [n for n in names if not _NOT_NAME.match(n.group(0))] or names
            self._names = usable, [n.start() for n in usable], [n.end() for n in usable]
        return self._names

    def asides(self) -> tuple[Asides, list[int]]:
        """Asides in parentheses, and the digits no operating point or aside holds (a number
        between a name and a figure owns the name unless one holds it)."""
        if self._asides is None:
            spans = [m.span() for m in _ASIDE.finditer(self.text)]
            held = Cover(operating_point_spans(self.text) + spans)
            digits = [d.start() for d in _DIGIT.finditer(self.text) if d.start() not in held]
            self._asides = Asides(spans), digits
        return self._asides

    def clear(self, a: int, b: int) -> bool:
        """No figure of its own between ``a`` and ``b``."""
        digits = self.asides()[1]
        k = bisect_left(digits, a)
        return k >= len(digits) or digits[k] >= b

    def gap(self, a: int, b: int) -> int:
        """Characters between ``a`` and ``b``, asides not counted."""
        return (b - a) - self.asides()[0].filled(a, b)


_ASIDE = re.compile(r"\([^()]*\)")
_DIGIT = re.compile(r"\d")
_BASELINE_AFTER = re.compile(r"^\s*%?\s*[(,]?\s*(?:for|in|with|from|by|on|of|under|at)\b", re.I)
_BASELINE_WORD = re.compile(r"^\s*%?\s*\(?(?:baseline|previous|prior|control|old|legacy|v\d)",
                            re.I)
_LABEL_AHEAD = re.compile(r"^\s*%?\s*\([^():]{0,40}:\s*\d")
"""A bracket labelling the figure that follows it ("99.4% (previous release: 99.2%)"): the
comparator is that figure, not the one before the bracket."""
_TAIL_END = re.compile(r"[,;:]|(?<=\S)\s*\(|\b(?:against|versus|vs\.?|compared|while|whereas|"
                       r"but)\b")


def _classify_figure(s: _Sentence, m: re.Match[str]) -> FigRole | None:
    text = s.text
    start, end = m.span()
    if start in s.ops_or_intervals:
        return None
    after = text[end:end + 45]
    if s.skip_tail.match(end, end + 45):
        return None
    if m.group("sign") or (m.group("unit") or "").startswith(("pp", "percentage", "point")):
        return "delta"
    near = max(0, start - 30)
    near += max((x.end() for x in PROSE_FIGURE.finditer(text[near:start])), default=0)
    if s.threshold.search(near, start) or _bar_with_direction(s, start, end):
        return "threshold"
    label = label_before(text, start)
    if label is not None and names_comparator(label):
        return "baseline"
    if s.from_.search(start - 45, start) or s.comparator.search(near, start):
        return "peer" if s.side.search(start - 45, start) and _peer(after) else "baseline"
    subject = _CMP_SUBJECT.match(text, 0, start)
    if subject and not (subject.group("w").lower() in ("current", "existing")
                        and METRIC_RE.match(subject.group("rest").strip())):
        return "baseline"
    tail = after[:40]
    nxt = PROSE_FIGURE.search(tail)
    tail = tail[: nxt.start()] if nxt else tail
    tail = _TAIL_END.split(tail)[0]  # an aside in parentheses speaks of something else
    if s.condition.search(start - 14, start):
        # "scoring above 0.95", "confidence below 0.90": an operating rule, not a result.
        return "threshold" if s.threshold.search(end, end + min(len(tail), 20)) else None
    if s.comparator.search(end, end + len(tail)) and _BASELINE_AFTER.match(tail):
        return "baseline"
    if _BASELINE_WORD.match(tail) and not _LABEL_AHEAD.match(after):
        return "baseline"
    if s.threshold.search(end, end + min(len(tail), 12)):
        return "threshold"
    return "value"


def _bar_with_direction(s: _Sentence, start: int, end: int) -> bool:
    """A figure followed by its direction ("90% (higher is better)") in a sentence that speaks
    of a threshold, every figure before it a bar too: the bar, not a result."""
    if not s.directed.match(end, end + 45):
        return False
    clause = re.split(r"[.!?]\s", s.text[max(0, start - 400):start])[-1]
    return bool(vocab("threshold_prose").search(clause)) and all(
        _DIRECTED.match(clause, f.end()) for f in PROSE_FIGURE.finditer(clause))


_DIRECTED = re.compile(r"\s*\((?:higher|lower) is better\)", re.I)


_GOES_ON = re.compile(r"^[^.;]{0,40}\b(?:and|but|while|yet)\b[^.;\d]{0,30}\b(?:falls?|fell|drops?|"
                      r"dropped|dips?|slips?|rises?|rose|climbs?|reaches|stays?|is|was)\b"
                      r"[^.;\d]{0,20}$", re.I)


def _same_subject(text: str, fig: _Fig, before: list["MetricFact"]) -> str | None:
    """The metric of the sentence's previous figure when the sentence goes on about it ("is
    0.91 overall and falls to about 0.7 on weekends")."""
    if not before or before[-1].unit_ref is None:
        return None
    prev = before[-1]
    at = text.rfind(f"{prev.value:g}", 0, fig.start)
    if at < 0:
        return None
    gap = text[at + len(f"{prev.value:g}"):fig.start]
    return prev.name if _GOES_ON.match(gap) and not _NAME.search(gap) else None


def _figures(s: _Sentence) -> list[_Fig]:
    out: list[_Fig] = []
    for m in PROSE_FIGURE.finditer(s.text):
        role = _classify_figure(s, m)
        if role is None:
            continue
        if m.group("frac"):
            value, unit = float(m.group("frac")), ""
        else:
            value, unit = to_float(m.group("num")), (m.group("unit") or "").strip()
        out.append(_Fig(value, unit, m.start(), m.end(), role))
    return out


_STOP = re.compile(r"^(?:the|a|an|is|was|of|and|or|in|on|at|for|with|our|its|their|this|that|"
                   r"to|by|from|overall|mean|average|median|but|while|whereas|so|then|when|"
                   r"if|yet|also|still|only|both|each|every|we|it|has|had|have|are|were)$",
                   re.I)


def _widen(text: str, start: int, end: int) -> str:
    """A metric word with the one or two words that qualify it ("word error rate")."""
    words = text[:start].rsplit(None, 2)[-2:]
    lead: list[str] = []
    for w in reversed(words):
        w2 = w.strip("*_`(\"'")
        if not w2 or _STOP.match(w2) or re.search(r"[\d.,;:%)]", w) or w2 != w.strip("*_`"):
            break
        lead.insert(0, w2)
    tail = re.match(r"\s+(rate|score|ratio|index|error|time|accuracy)\b", text[end:], re.I)
    return " ".join([*lead, text[start:end] + (f" {tail.group(1)}" if tail else "")])


def _name_matches(text: str) -> list[re.Match[str]]:
    found = list(_NAME.finditer(text))
    starts, ends = [m.start() for m in found], [m.end() for m in found]
    for name in ("higher_is_better", "lower_is_better"):
        for m in vocab(name).finditer(text):
            s, e = m.start(), m.end()
            k = bisect_right(starts, s)
            first = starts[k - 1] if k and starts[k - 1] == s else \
                starts[k] if k < len(starts) else None  # the first name starting at s or after
            if k and s < ends[k - 1] or first is not None and first < e:
                continue  # it overlaps a name already found
            found.append(m)
            starts.insert(k, s)
            ends.insert(k, e)
    return sorted(found, key=lambda m: m.start())


def _reach(n: re.Match[str], ahead: bool) -> int:
    if _ACRONYM.match(n.group(0)) and not matches("higher_is_better", n.group(0)) and \
            not matches("lower_is_better", n.group(0)):
        return 3 if ahead else 16  # an unknown acronym names a metric only beside its figure
    return 20 if ahead else 45


def _name_for(s: _Sentence, fig: _Fig) -> str | None:
    text = s.text
    usable, starts, ends = s.names()
    # The nearest name before the figure, then after it, that no other figure stands between:
    # the gap and the figures between only grow with distance, so the walks stop early.
    for k in range(bisect_right(ends, fig.start) - 1, -1, -1):
        n = usable[k]
        if s.gap(n.end(), fig.start) > 45 or not s.clear(n.end(), fig.start):
            break
        if s.gap(n.end(), fig.start) <= _reach(n, False):
            return _widen(text, n.start(), n.end())
    for k in range(bisect_left(starts, fig.end), len(usable)):
        n = usable[k]
        if s.gap(fig.end, n.start()) > 20 or not s.clear(fig.end, n.start()):
            break
        if s.gap(fig.end, n.start()) <= _reach(n, True):
            return _widen(text, n.start(), n.end())
    if len(usable) == 1 and _reach(usable[0], False) == 45 and len(text) <= 200 and \
            s.clear(min(usable[0].end(), fig.start), max(usable[0].start(), fig.end)):
        return usable[0].group(0)
    if s.verb_value.search(fig.start - 60, fig.start):
        return "hit rate"
    return None


RESULT_KINDS = EVAL_KINDS | {"overview", "recommendation", "conditions", "deployment"}
_NOT_RESULTS = frozenset({"monitoring", "rollback", "risks", "signoff", "privacy", "security",
                          "regulatory", "user_docs", "human_review", "failure_modes", "appendix"})


def _prose_units(ctx: Context) -> list[Unit]:
    """Sentences that can report results: not under monitoring, rollback, risk or other
    sections whose figures are alert levels or descriptions (unless also an evaluation)."""
    return [u for u in ctx.units if u.row is None and (
        u.kinds & EVAL_KINDS or not u.kinds & _NOT_RESULTS)]


def prose_facts(ctx: Context) -> tuple[list[MetricFact],
                                      list[tuple[Comparator, str | None, Unit]], list[Unit]]:
    """Metric figures of result sentences, comparator figures no metric figure stands beside
    (with the metric the sentence names), and the sentences that set one part of the
    population against another (never a baseline comparison)."""
    facts: list[MetricFact] = []
    loose: list[tuple[Comparator, str | None, Unit]] = []
    peers: list[Unit] = []
    for u in _prose_units(ctx):
        text = u.text
        if not PROSE_FIGURE.search(text) or \
                matches("boilerplate", text) and not METRIC_RE.search(text):
            continue
        sentence = _Sentence(text)
        figs = _figures(sentence)
        if not figs:
            continue
        here: list[MetricFact] = []
        comps: list[Comparator] = []
        headline: bool | None = None
        for f in figs:
            if f.role == "peer":
                peers.append(u)
                continue
            if f.role == "value":
                name = _name_for(sentence, f) or _same_subject(text, f, here)
                if name is None or (f.unit == "" and f.value >= 1) or not is_metric_name(name):
                    continue
                fact = MetricFact(name=name, value=f.value, unit=f.unit, line=u.line,
                                  section=u.section.title, kinds=u.kinds, source="prose",
                                  unit_ref=u)
                fact.direction = direction(text[max(0, f.start - 60): f.end + 30])
                fact.method_statistic = matches("method_statistic",
                                                text[max(0, f.start - 50): f.end + 10])
                if headline is None:
                    headline = bool(_HEADLINE_PROSE.search(text))
                fact.headline = headline
                here.append(fact)
            else:
                comps.append(Comparator(f.role, f.value, text[max(0, f.start - 40): f.end + 40],
                                        u.line))
        if here:
            # Every figure of the sentence has its line: the nearest fact is the first.
            here[0].comparators += comps
        elif comps:
            key = metric_key(text)
            loose += [(c, key, u) for c in comps]
        facts += here
    return facts, loose, peers

