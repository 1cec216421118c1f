"""Monitoring signals: what a document says it watches after launch, one signal per table row,
record line or sentence, each with its metric, window, threshold (figure and comparison, read
by ``dcrdraft.monitoring.reading`` as the Prometheus export reads it), action and owner.

"We will monitor closely" is a signal with none of these parts; a figure in a risk's
description ("pushes p95 above the 120 ms SLO") is no signal, since nothing acts on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from dcrdraft.monitoring.reading import NUM, Comparison, comparisons, to_float
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.conditions import Cond, analyse_conditions
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import COND_RE, METRIC_RE, WINDOW_RE, clean

Part = Literal["metric", "window", "threshold", "action"]
PARTS: tuple[Part, ...] = ("metric", "window", "threshold", "action")

ALERT_KINDS = frozenset({"monitoring", "rollback", "conditions", "deployment"})
"""Sections where a threshold is an alert by being stated there."""

_COLUMN_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("metric", re.compile(r"^(?:metric|signal|indicator|measure|kpi|what)s?\b|\bmetric\b", re.I)),
    ("window", re.compile(r"\bwindow\b|\bperiod\b|\bfrequency\b|\bcadence\b|\binterval\b|"
                          r"\baggregation\b|\bsampl\w+\b|\bhow often\b", re.I)),
    ("red", re.compile(r"\bred\b|\bcritical\b|\bpage\b|\bbreach\b|\bswitch[- ]?off\b|"
                       r"\bkill\b|\bstop\b|\broll ?-?back\b|\brevert\b|\bsuspen\w+|"
                       # a control plan's outer limit ("Intervention", "Action limit")
                       r"\bintervention\b|\baction limit\b|\bcontrol limit\b", re.I)),
    ("yellow", re.compile(r"\byellow\b|\bamber\b|\bwarn\w*\b", re.I)),
    ("threshold", re.compile(r"\bthreshold\b|\blimit\b|\btarget\b|\balert\w*\b|\btrigger\w*\b|"
                             r"\bslo\b|\bbound\b|\bwhen\b|\b(?:act|step in|intervene) if\b",
                             re.I)),
    ("action", re.compile(r"\baction\b|\bresponse\b|\breaction\b|\bthen\b|\bwhat happens\b|\bescalat\w*\b|"
                          r"\bplaybook\b|\brunbook\b", re.I)),
    ("owner", re.compile(r"\bowner\b|\bwho\b|\bresponsible\b|\bon-?call\b|\bteam\b", re.I)),
)
_WINDOW_TAIL = re.compile(r"(?:[\s-]+(?:rolling|sliding|trailing|calendar|moving))?"
                          r"(?:\s+(?:windows?|periods?|average))?", re.I)
_OWNER = re.compile(r"\b(?:owned by|owner:?|on-?call(?: \w+)?|(?:the )?[A-Z][\w&-]* team|"
                    r"team lead|[A-Z][a-z]+ [A-Z][a-z]+)\b")


@dataclass(frozen=True)
class Signal:
    """One monitored signal with its parts, each as the document writes it (None when absent)."""

    metric: str | None
    window: str | None
    threshold: Comparison | None
    """The alert figure and which way it fires (the red alert of a table row first)."""
    threshold_text: str | None
    action: str | None
    owner: str | None
    line: int
    end_line: int
    section: str
    source: Literal["table", "prose"]
    quality: bool
    """The metric measures the system's output, not only its latency or uptime."""
    placeholder: bool
    """A part is an unfilled slot ("alert if below [threshold]")."""
    vague: bool
    unit: Unit
    cells: dict[str, str] | None = None
    """A table row's cells by role (metric, window, threshold, red, yellow, action, owner)."""

    def has(self, part: str) -> bool:
        """Whether the signal states ``part`` (metric, window, threshold or action)."""
        return {"metric": self.metric, "window": self.window, "threshold": self.threshold,
                "action": self.action}.get(part) is not None

    def lacks(self, parts: tuple[str, ...] = PARTS) -> list[str]:
        """The parts of ``parts`` the signal does not state."""
        return [p for p in parts if not self.has(p)]


def _roles(header: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, h in enumerate(header):
        text = clean(h)
        for role, rx in _COLUMN_ROLES:
            if role not in out and rx.search(text):
                out[role] = i
                break
    if "metric" not in out and header:
        out["metric"] = 0  # the leading column names the signal
    return out


def _empty(text: str) -> bool:
    return not re.sub(r"[\W_]+", "", text) or bool(re.match(
        r"^\W*(?:gap\b.*|n/?a|none|tbd|tbc|not yet given|-+|—|–)\W*$", text, re.I))


def comparison_in(text: str) -> Comparison | None:
    """The threshold ``text`` states: the first comparison with a direction, else the first
    (a count of time, "over 2 hours", is a window, not a threshold)."""
    found = [c for c in comparisons(text, COND_RE) if c.unit or not re.match(
        r"[\s-]*(?:seconds?|minutes?|mins?|hours?|hrs?|h|days?|weeks?|months?)\b",
        text[c.end:], re.I)]
    definite = [c for c in found if c.direction != "?"]
    pool = definite or found
    return pool[0] if pool else None


def _action(text: str) -> str | None:
    m = vocab("monitoring_action").search(text)
    if m is None:
        return None
    start = max(text.rfind(";", 0, m.start()), text.rfind(",", 0, m.start())) + 1
    return text[start:].strip(" .;,") or m.group(0)


_STOP = re.compile(r"^(?:when|if|whenever|once|on|the|a|an|we|our|is|are|of|for|in|at|by|"
                   r"page|pages|alert|alerts|notify|track|tracks|tracked|monitor|monitored|"
                   r"watch|review|reviews|reviewed|checks|checked|audits|audited|samples|"
                   r"sampled|reports|reported|weekly|daily|hourly|monthly|nightly|rolling|any|and|or|"
                   r"on-call|to|that|this|it|its|with|from|over|per|each|every)$", re.I)
_NAME_TAIL = re.compile(r"^(?:rate|score|ratio|time|share|count|error|errors|latency|"
                        r"\(\S+\))$", re.I)
_METRIC_MORE = re.compile(
    r"\b(?:conversion|stock-?outs?|waste|churn|fraud|chargebacks?|revenue|usage|adoption|"
    r"edits?|usable|hold rate|flag rate|override\w*|csat|sensitivity|recall|nps|"
    r"accept(?:ance|ed)|click-?through|ctr|retention)\b", re.I)


_BARE = re.compile(rf"^\W*(?P<num>{NUM})\s?(?P<unit>%|ms|s)?\W*$")


def bare_figure(cell: str) -> Comparison | None:
    """A threshold cell holding only a figure ("0.9", "85%"): a threshold whose side the
    cell does not say."""
    m = _BARE.match(cell)
    if m is None:
        return None
    return Comparison("?", to_float(m.group("num")), m.group("unit") or "", False, False,
                      m.start("num"), m.end())


def _metric_name(text: str) -> str | None:
    """The words that name the watched metric: its metric word with the descriptive words
    before it and a trailing "rate" or "score" ("weekly CSAT" -> "CSAT", "task completion
    rate")."""
    m = METRIC_RE.search(text) or _METRIC_MORE.search(text)
    if m is None:
        return None
    before = text[: m.start()].split()
    words = [m.group(0)]
    for w in reversed(before[-3:]):
        if _STOP.match(w.strip(",;:")) or not re.match(r"^[\w()/-]+$", w):
            break
        words.insert(0, w)
    for w in text[m.end():].split()[:2]:
        if not _NAME_TAIL.match(w.strip(",;:.")):
            break
        words.append(w.strip(",;:."))
    return " ".join(words)


def _table_signal(c: Cond) -> Signal | None:
    u = c.unit
    rows = u.block.rows or []
    if u.row is None or u.row >= len(rows):
        return None
    roles = _roles(rows[0])
    if not (set(roles) & {"window", "threshold", "red", "yellow"} or "monitoring" in u.kinds):
        return None  # not a monitoring table (a risk register row that mentions alerts)
    row = rows[u.row]
    cells = {r: clean(row[i]) for r, i in roles.items() if i < len(row)}
    cells = {r: v for r, v in cells.items() if not _empty(v)}
    limit = cells.get("red") or cells.get("threshold")
    cmp = (comparison_in(limit) or bare_figure(limit)) if limit else None
    action = cells.get("action") or (
        clean(rows[0][roles["red"]]) if "red" in cells else None) or _action(u.text)
    metric = cells.get("metric")
    # an outcome named in the metric cell is quality unless it is plainly operational
    quality = c.quality or bool(metric and not _OPERATIONAL_CELL.search(metric))
    return Signal(metric, cells.get("window") or _table_window(u, row, roles), cmp,
                  limit if cmp else None, action, cells.get("owner"), u.line, u.end_line,
                  u.section.title, "table", quality, c.placeholder, c.vague, u, cells)


_OPERATIONAL_CELL = re.compile(r"\b(?:latency|p50|p9[059]|uptime|availability|throughput|"
                               r"response time|cpu|memory|queue (?:age|length|depth)|crash\w*|"
                               r"watchdog|outages?|5xx|timeouts?|errors? (?:codes?|logs?))\b",
                               re.I)


def _table_window(u: Unit, row: list[str], roles: dict[str, int]) -> str | None:
    """A row's window when no column holds one: written into another cell ("> 1% on any
    day", "Check: daily") or once for the whole table in the sentence leading into it
    ("computed every 4 hours on the trailing 24 hours:")."""
    skip = {roles.get(r) for r in ("metric", "action", "owner")}  # "revert within 2 h"
    for i, cell in enumerate(row):
        if i not in skip:
            m = WINDOW_RE.search(clean(cell))
            if m:
                return m.group(0)
    blocks = u.section.blocks
    at = next((i for i, b in enumerate(blocks) if b is u.block), 0)
    if at and blocks[at - 1].kind != "table" and len(blocks[at - 1].text) <= 600:
        m = WINDOW_RE.search(clean(blocks[at - 1].text))
        if m:
            return m.group(0)
    return None


def _prose_signal(c: Cond) -> Signal:
    u = c.unit
    text = u.text
    cmp = comparison_in(text) if c.threshold else None
    window = WINDOW_RE.search(text)
    span = None
    if window is not None:  # "over 4-hour rolling windows": the whole phrase
        more = _WINDOW_TAIL.match(text, window.end())
        span = text[window.start(): more.end() if more else window.end()]
    owner = _OWNER.search(text[1:])
    metric = _metric_name(text) if c.metric else None
    return Signal(metric, span, cmp,
                  text[cmp.start:cmp.end] if cmp else None, _action(text),
                  owner.group(0) if owner else None, u.line, u.end_line, u.section.title,
                  "prose", c.quality, c.placeholder, c.vague, u)


def _alerting(c: Cond) -> bool:
    """Whether a threshold in ``c`` is something acted on: stated under monitoring, rollback,
    conditions or deployment, under a monitoring lead-in, or with an action word."""
    return bool(c.unit.kinds & ALERT_KINDS) or c.led or \
        bool(vocab("monitoring_action").search(c.unit.text))


def _from_paragraph(signals: list[Signal]) -> list[Signal]:
    """A prose signal with a threshold takes the one metric and the one window its paragraph
    names when it names neither itself ("Acceptance is computed over 12-hour windows. The
    editor is paged when it falls under 70%.")."""
    windows: dict[int, set[str]] = {}
    metrics: dict[int, dict[str, bool]] = {}
    for s in signals:
        if s.source == "prose":
            if s.window:
                windows.setdefault(id(s.unit.block), set()).add(s.window)
            if s.metric:
                metrics.setdefault(id(s.unit.block), {})[s.metric] = s.quality
    out: list[Signal] = []
    for s in signals:
        if s.source == "prose" and s.metric and s.threshold is None and not s.window:
            # "Conversion is on the dashboard. The on-call engineer reviews it daily."
            w = windows.get(id(s.unit.block), set())
            s = replace(s, window=next(iter(w)) if len(w) == 1 else None)
        if s.source == "prose" and s.threshold is not None:
            w, m = windows.get(id(s.unit.block), set()), metrics.get(id(s.unit.block), {})
            s = replace(s, window=s.window or (next(iter(w)) if len(w) == 1 else None))
            if s.metric is None and len(m) == 1:
                [(name, quality)] = m.items()
                s = replace(s, metric=name, quality=quality)
        out.append(s)
    return out


def monitoring_signals(ctx: Context) -> list[Signal]:
    """Every monitoring signal the document states, in order, read once per document: not the
    statements of absence, not content-free claims, and a threshold only where it is acted on."""
    def compute() -> list[Signal]:
        out: list[Signal] = []
        for c in analyse_conditions(ctx, "monitoring"):
            # A table row with a blank cell reads as "not yet given": its other cells count.
            if (c.absent and c.unit.row is None) or is_boilerplate(c.unit.text):
                continue
            if c.threshold and not _alerting(c):
                continue
            sig = _table_signal(c) if c.unit.row is not None else None
            out.append(sig or _prose_signal(c))
        return _from_paragraph(out)
    return ctx.cached("facts:monitoring", compute)
