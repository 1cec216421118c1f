"""Segment-level results: is there a breakdown (C05), is every weak segment discussed (M04), and
is every segment below its threshold acknowledged (X05)? M04 and X05 are judged over the
segment facts (``review.facts.segments``) as ``standings``: each breakdown row with its overall
and the one threshold stated for its metric."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from dcrdraft.review.checks.base import Hit, Params, Verdict, check, negated
from dcrdraft.review.checks.units import EVAL_KINDS, NOT_RESULT_KINDS, metric_units
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts import Comparator, Facts, MetricFact, facts_of
from dcrdraft.review.facts.columns import bound_of
from dcrdraft.review.facts.compared import compared_parts
from dcrdraft.review.facts.decision import CHAT_PREFIX
from dcrdraft.review.facts.one_part import lone_part_line, lone_part_row, lone_part_sentence
from dcrdraft.review.facts.parts import names_part
from dcrdraft.review.facts.segments import column_breakdown, dimension_table, measured_parts, \
    prose_breakdown, weak_spot, weaker_part
from dcrdraft.review.facts.vocab import matches
from dcrdraft.review.text import METRIC_RE, NUM, PERCENT_RE, RESULT_CLAIM_RE, lower_is_better, \
    to_float

_VALUE = re.compile(rf"(?<![\w.+−-])(?:(?:{NUM})\s?%|0?\.\d{{2,}})(?![\w])")
"""A segment's metric value: a percentage or a 0-1 score (not a signed change such as
"(-76.9%)")."""


def _value(cell: str) -> float | None:
    m = _VALUE.search(cell)
    if not m or re.search(r"\(\s*[+−-]", cell[max(0, m.start() - 2): m.start() + 1]):
        return None
    v = m.group(0)
    return to_float(v.rstrip("% ")) if "%" in v else float(v) * 100

SEG_RE = re.compile(
    r"\b(?:(?:segment|subgroup|sub-group|slice|cohort|group|language|locale|dialect|region|"
    r"market|domain|user type|persona|tier|channel|device|age|sex|gender|race|ethnic\w*|"
    r"skin|demograph\w*|site|hospital|scanner|vendor|intent|query type|product|plan|"
    r"population|accent|geograph\w*|stratum|strata|bucket|band|type|topic|ward|department|"
    r"line|shift|store|kind|pair)(?:s|es)?|countr(?:y|ies)|categor(?:y|ies)|"
    r"complexit(?:y|ies)|specialt(?:y|ies)|class(?:es)?|difficulty)\b", re.I)
"""A dimension a breakdown runs along, as a whole word ("plan" is no part of "planner",
nor "age" of "average")."""
_OVERALL = re.compile(r"^\s*(?:overall|all|total|aggregate|combined|average|mean|global|"
                      r"all (?:users|queries|segments|traffic))\b", re.I)
_EXACT_MEAN_ROWS = 200
"""Up to this many rows, each row's "mean of the others" is summed afresh (bit-identical to
what reviews always gave); longer tables subtract the row from the total instead."""
_STOP = {"queries", "query", "users", "user", "domain", "segment", "language", "requests",
         "cases", "group", "customers", "traffic", "the", "and", "with", "from", "only",
         "other", "tickets", "patients", "speakers", "words", "type"}


@dataclass
class SegmentRow:
    label: str
    value: float
    overall: float | None
    metric: str
    line: int
    unit: Unit | None
    block: object
    overall_is_mean: bool = False
    """``overall`` is the mean of the other rows (the table has no overall row)."""


_NOT_VALUE_COL = re.compile(r"share|traffic|% of|volume|mix|\bn\b|count|size|\bci\b|interval|"
                            r"\(|/sec|\bsec\b|tokens|memory|\bgb\b|\bmb\b|speed|time", re.I)
_OLD_COL = re.compile(r"baseline|previous|prior|\bold\b|legacy|incumbent|before|current "
                      r"(?:system|model|version)", re.I)
_VERSION = re.compile(r"\bv(\d+(?:\.\d+)?)\b", re.I)


def _value_column(header: list[str], body: list[list[str]]) -> int | None:
    """The column holding the evaluated system's values: one with figures in two or more
    rows, never a share, count or interval column, and never the baseline's ("v8 acc." beside
    "v9 acc.", "Baseline" beside "New")."""
    cols = [i for i in range(1, len(header))
            if sum(_value(r[i]) is not None for r in body if i < len(r)) >= 2
            and not _NOT_VALUE_COL.search(header[i])]
    current = [i for i in cols if not _OLD_COL.search(header[i])] or cols
    versions = {i: float(m.group(1)) for i in current if (m := _VERSION.search(header[i]))}
    if len(versions) >= 2:
        newest = max(versions.values())
        current = [i for i in current if versions.get(i, newest) == newest]
    return current[0] if current else None


def segment_rows(ctx: Context) -> list[SegmentRow]:
    """The rows of every segment breakdown table, each with its value and the overall figure
    it is judged against, computed once per document."""
    def compute() -> list[SegmentRow]:
        out: list[SegmentRow] = []
        for block, _sec in ctx.tables():
            rows = block.rows or []
            header = rows[0]
            body = rows[1:]
            if len(body) < 2 or not header:
                continue
            if any(re.search(r"threshold|target|status|criteri|verdict", h, re.I)
                   for h in header[1:]):
                continue  # an acceptance-criteria table, not a breakdown
            first_metricish = sum(bool(METRIC_RE.search(r[0])) and not SEG_RE.search(r[0])
                                  for r in body if r)
            if not SEG_RE.search(header[0]) and first_metricish > len(body) / 2:
                continue
            col = _value_column(header, body)
            if col is None:
                continue
            lines = block.row_lines or [block.line] * len(rows)
            units = {u.row: u for u in ctx.units if u.block is block}
            overall = next((_value(r[col]) for r in body if col < len(r)
                            and _OVERALL.match(r[0]) and _value(r[col]) is not None), None)
            if not SEG_RE.search(header[0]) and overall is None and \
                    not (units and any(u.kinds & {"segments", "fairness"}
                                       for u in units.values())):
                continue
            found: list[SegmentRow] = []
            for i, r in enumerate(body, 1):
                if col >= len(r) or _OVERALL.match(r[0]):
                    continue
                v = _value(r[col])
                if v is not None:
                    found.append(SegmentRow(r[0].strip(" *_`"), v, overall, header[col],
                                            lines[i] if i < len(lines) else block.line,
                                            units.get(i), block))
            if overall is None and len(found) >= 3:
                # No overall row: judge each segment against the mean of the others.
                total = sum(x.value for x in found)
                for row in found:
                    if len(found) > _EXACT_MEAN_ROWS:  # one pass: a long table stays linear
                        row.overall = (total - row.value) / (len(found) - 1)
                    else:
                        rest = [x.value for x in found if x is not row]
                        row.overall = sum(rest) / len(rest)
                    row.overall_is_mean = True
            out += found
        return out
    return ctx.cached("segment_rows", compute)


def _breakdown(facts: Facts) -> list[MetricFact]:
    """Table segment facts when they cover two or more parts of the population (an overall
    row is not a part); else none."""
    rows = [m for m in facts.segments if m.source == "table" and m.segment
            and not _OVERALL.match(m.segment)]
    return rows if len({(m.segment or "").strip().lower() for m in rows}) >= 2 else []


_SEG_SENT = re.compile(rf"(?:by|across|per|for each|broken down by)\s+(?:\w+\s)?(?:{SEG_RE.pattern})"
                       rf"|(?:{SEG_RE.pattern})[^.;\n]{{0,40}}(?:{NUM})\s?%", re.I)


_HOLDS = re.compile(r"\b(?:consistent\w*|stable|similar\w*|comparabl[ey]|uniform\w*|even|equal\w*|"
                    r"steady|holds?|held|no (?:material |significant )?(?:gap|difference|drop)s?)\b"
                    r"[^.;:]{0,40}?\bacross\s+(?:(?:all|the|every|our|different|key|each|both)\s+)?"
                    r"(?:[\w-]+\s+){0,2}?[a-z-]{3,}s\b", re.I)
"""A claim that performance holds across parts of the population ("results are consistent
across claim types and regions"): segments considered, none of their figures given (weak)."""
_ACROSS = re.compile(r"\b(?:across|regardless of|for (?:all|every|each)|in (?:all|every|each))\s+"
                     r"(?P<span>(?:[^\W\d][\w-]*[\s,]+){0,6}?"
                     rf"(?:{SEG_RE.pattern}|categor\w*|conditions|contexts|[a-z-]{{3,}}s\b))",
                     re.I)
"""Parts of the population named by their dimension ("across all weather conditions",
"regardless of language", "for every site type") or as a plural after a range ("across the
full range of claim topics"); words with digits are a sample's size ("across 2,000 cases")."""


def _across_parts(text: str) -> bool:
    """Whether a sentence names parts of the population it holds for: a dimension word, or a
    plural that names a part (its last two words read in the singular), never a data set,
    split, period or version ("across both versions", "across all test sets")."""
    for m in _ACROSS.finditer(text):
        words = [w for w in m["span"].split() if w.lower() not in _SCOPE_WORDS]
        if matches("evaluation_repeat", m["span"]):
            continue
        if SEG_RE.search(m["span"]) or names_part(" ".join(words[-2:])[:-1]):
            return True
    return False


_SCOPE_WORDS = {"all", "the", "every", "each", "our", "both", "a", "an", "its", "their", "these",
                "those", "of", "full", "broad", "wide", "whole", "range"}
"""Words that set the scope of a claim, not the parts it covers ("the full range of")."""


def _absent(text: str) -> bool:
    """A sentence saying something, or a breakdown in particular, was not done ("no split by
    region yet"): it names segments only to say they are missing."""
    return negated(text) or matches("breakdown_absent", text)


def _segments_claimed(u: Unit) -> bool:
    """The weak floor of a breakdown, one topic test for any wording: a sentence on how well
    the system does that names the parts of the population it holds for, in a section that
    can report results; never a negation, nor a claim about the data the system was trained
    on or built from (what the data covered says nothing about how each part fared)."""
    return (not u.kinds & NOT_RESULT_KINDS and _across_parts(u.text)
            and matches("result_word", u.text) and not _absent(u.text)
            and not matches("model_training", u.text) and not matches("built_from_data", u.text))
_SEG_LABEL = re.compile(r"^\W*(?:segments?|segment (?:breakdown|results)|breakdown|by [\w-]+)"
                        r"\b[^:]{0,40}:", re.I)
"""A line labelled as a breakdown ("SEGMENTS: ...", "By language: ...")."""
_NOT_DIMENSION = (r"default|then|now|far|design|contrast|comparison|hand|end|week|month|day|date|"
                  r"the|our")
"""Words after "by" that name no breakdown dimension ("by default", "by end of Q3")."""
_NOT_BY = re.compile(rf"^\W*by\s+(?:{_NOT_DIMENSION}|\d)", re.I)
"""A "by ..." label that is no breakdown dimension ("By default:", "By end of Q3:")."""
_BY_LEAD = re.compile(r"^\W*(?!\W*(?:\w+\W+){0,3}?(?:top|ranked|sorted|ordered)\b)"
                      r"(?:(?:[\w-]+[ ,]+){0,4}?(?:by|per|across|split by|broken down by)"
                      rf"\s+(?!(?:{_NOT_DIMENSION}|a|an|one|two|three|four|five|six|each|me|us|"
                      r"you|them)\b)(?-i:[a-z])[\w-]*|segments?|segment breakdown|breakdown|"
                      r"sub-?groups?|cohorts?|strata)\b"
                      r"[^:]{0,60}:\W*$", re.I)
"""A lead-in that introduces a list of per-segment figures ("By language (kept rate):",
"Completion rate by slot type:", "Subgroups of the trial:", a form's answer "Yes, by
subject area:"); the dimension is a lower-case noun, never a name ("Signed off by Priya:"), a
period or "by default"; a ranking ("The top 2 risks by severity:") orders items, it breaks
down no result."""
_CHAT = re.compile(rf"^\W*{CHAT_PREFIX}\W*")
_SEG_FIGURE = re.compile(rf"(?:{NUM})\s?%|(?<![\w.])0?\.\d{{2,}}(?![\w])")


def _listed_breakdown(ctx: Context) -> Unit | None:
    """The first of two or more list items, each with a figure, under a breakdown lead-in."""
    lead: Unit | None = None
    items: list[Unit] = []
    for u in ctx.units:
        if lead is not None and u.block.kind == "table" and u.block is not lead.block:
            # an aligned plain-text block under the lead-in, read as a table: one label and
            # figure per row, the first row taken for a header
            figured = [r for r in u.block.rows or [] if any(_SEG_FIGURE.search(c) for c in r[1:])]
            if len(figured) >= 2:
                return u
        listed = u.block.kind in ("list_item", "code") or "\n" in u.block.text.strip()
        if lead is not None and listed and u.block is not lead.block:
            if _SEG_FIGURE.search(u.text):
                items.append(u)
                if len(items) >= 2:
                    return items[0]
            continue
        lead, items = (u if _BY_LEAD.match(_CHAT.sub("", u.text)) else None), []
    return None


@check("segments", "item")
def segments(ctx: Context, params: Params) -> Verdict:
    """Pass on a breakdown (segment facts for two or more parts of the population, from a
    table; or a sentence giving several per-segment figures); weak on a part named as doing
    worse, segment words without figures or one segment's figure in prose."""
    rows = _breakdown(facts_of(ctx))
    if rows:
        return Verdict("pass", rows[0].unit_ref, line=rows[0].line)
    listed = _listed_breakdown(ctx)
    if listed is not None:
        return Verdict("pass", listed)
    headed = any(u.kinds for u in ctx.units)
    said = next((u for u in ctx.units if u.block.kind != "table"
                 and not u.kinds & NOT_RESULT_KINDS
                 and (prose_breakdown(u.text) or compared_parts(u.text))), None)
    if said is not None:
        return Verdict("pass", said)
    across = next((b for b, _s in ctx.tables() if column_breakdown(b.rows or [])
                   or dimension_table(b.rows or []) or measured_parts(b.rows or [])), None)
    if across is not None:
        unit = next((u for u in ctx.units if u.block is across), None)
        return Verdict("pass", unit, line=across.line)
    sents = [u for u in ctx.units if _SEG_SENT.search(u.text) and not _absent(u.text) and (
        u.kinds & {"evaluation", "segments", "fairness", "summary", "methodology"}
        or not headed or _SEG_LABEL.match(u.text))]
    labelled = [u for u in ctx.units if _SEG_LABEL.match(u.text) and not _absent(u.text)
                and not _NOT_BY.match(u.text)]
    # a breakdown with its figures under a heading no section kind names ("Shadow run", a
    # question in a FAQ) is read like one under "Results"; its words alone are not enough,
    # and the arms of an experiment ("pilot stores vs control stores") are no parts of it
    unheaded = [u for u in ctx.units if not u.kinds and _SEG_SENT.search(u.text)
                and not _absent(u.text) and not matches("experiment_arm", u.text)]
    figured = [u for u in sents + labelled + unheaded if len(PERCENT_RE.findall(u.text)) >= 2]
    if figured:
        return Verdict("pass", figured[0])
    weaker = next((u for u in ctx.units if weaker_part(u.text) or not u.kinds & _NOT_FOUND_KINDS
                   and weak_spot(u.text)), None)
    if weaker is not None:
        return Verdict("weak", weaker, detail=WEAKER_NAMED)
    lone = _lone_part(ctx)
    if lone is not None:
        return Verdict("weak", lone, detail=ONE_PART)
    held = [u for u in ctx.units if _HOLDS.search(u.text) and not _absent(u.text)
            or _segments_claimed(u)]
    if sents or held:
        return Verdict("weak", (sents or held)[0], detail=WORDS_ONLY)
    # Thin but real: one segment's figure in prose ("precision falls to 0.7 on weekends").
    seg = next(iter(facts_of(ctx).segments), None)
    return Verdict("weak", seg.unit_ref, line=seg.line) if seg else Verdict("missing")


def _lone_part(ctx: Context) -> Unit | None:
    """The first line or result-table row giving one part's figure on its own."""
    for u in ctx.units:
        if u.row is None and lone_part_line(u.text) is not None:
            return u
        if u.block.kind != "table" and not u.kinds & NOT_RESULT_KINDS and \
                lone_part_sentence(u.text) is not None:
            return u
        if u.row == 1 and not u.kinds & NOT_RESULT_KINDS and \
                lone_part_row(u.block.rows or []) is not None:
            return u
    return None


_NOT_FOUND_KINDS = frozenset({"user_docs", "human_review", "signoff", "metadata"})
"""Sections where a weak spot is what users or reviewers are told to watch for, not a finding
of the evaluation."""
ONE_PART = "one part's figure on its own"
"""The detail of a weak breakdown that gives a single part's figure: that part was examined,
so M04 (segments ignored) does not apply."""
WORDS_ONLY = "segments named without figures"
"""The detail of a weak breakdown that names segments but gives none of their figures."""
WEAKER_NAMED = "a weaker segment named without a breakdown"
"""The detail of a weak breakdown that says where the system does worse: segments were
examined, so M04 (segments ignored) does not apply."""


def _keys(label: str) -> list[str]:
    label = re.sub(r"\(.*?\)|[*_`]", "", label).strip().lower()
    words = [w for w in re.findall(r"[\w-]+", label) if len(w) >= 3 and w not in _STOP]
    return [label] + words[:2] if label else words[:2]


def _naming(ctx: Context, key: str, kinds: set[str] | None) -> set[int]:
    def compute() -> set[int]:
        return _blocks_naming(ctx, key, kinds)
    return ctx.cached(f"seg-key:{sorted(kinds or ())}:{key}", compute)


def _blocks_naming(ctx: Context, key: str, kinds: set[str] | None) -> set[int]:
    """Up to two blocks (by identity) with a unit under ``kinds`` that names ``key``: one
    scan of the document per distinct key, however many rows share it."""
    text, starts, blocks, after = ctx.cached(f"seg-text:{sorted(kinds or ())}",
                                             lambda: _unit_text(ctx, kinds))
    found: set[int] = set()
    pos = text.find(key)
    while len(found) < 2 and pos >= 0:
        if _word(text, pos - 1) == _word(key, 0):  # no \b before the key here
            pos = text.find(key, pos + 1)
            continue
        i = bisect_right(starts, pos) - 1
        found.add(blocks[i])
        pos = text.find(key, after[i])  # the rest of this block cannot add another block
    return found


def _word(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a word character as ``re``'s ``\\b`` sees it (False outside)."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def _unit_text(ctx: Context, kinds: set[str] | None
               ) -> tuple[str, list[int], list[int], list[int]]:
    """The lower-cased texts of the units under ``kinds``, one per line, with each one's
    offset, block identity and the offset where the next block's units begin (a key never
    spans two units: they hold no newline once joined)."""
    parts, starts, blocks, at = [], [], [], 0
    for u in ctx.units:
        if kinds and not u.kinds & kinds:
            continue
        low = u.text.lower().replace("\n", " ")
        parts.append(low)
        starts.append(at)
        blocks.append(id(u.block))
        at += len(low) + 1
    after, end = [0] * len(blocks), at
    for i in range(len(blocks) - 1, -1, -1):
        if i + 1 < len(blocks) and blocks[i + 1] != blocks[i]:
            end = starts[i + 1]
        after[i] = end
    return "\n".join(parts), starts, blocks, after


@dataclass(frozen=True)
class Standing:
    """One breakdown row's figure for one metric and what it is judged against."""

    fact: MetricFact
    label: str
    value: float
    """The figure in points (a 0-1 score times 100)."""
    overall: float | None
    overall_is_mean: bool
    threshold: float | None
    """The one threshold the document states for the metric, in points (None when none or
    several disagree)."""
    lower: bool
    """Lower is better."""
    direction_known: bool
    """The direction is stated or known from the metric's name, not assumed."""


def _points(value: float, unit: str, ratio: bool = False) -> float:
    """A figure in points: a 0-1 score times 100, unless its column is a ratio scale."""
    return value if ratio else value * 100 if unit in ("", "pp") and 0 <= value <= 1 else value


def _ratio_scale(figs: list[MetricFact]) -> bool:
    """Whether a column's bare figures are ratios around 1 ("relative to Q1": 1.00, 0.81,
    1.19): one of them above 1 means none of them is a 0-1 score to scale."""
    return any(m.unit == "" and m.value > 1 for m in figs)


def plausible_bar(bar: float, values: list[float]) -> bool:
    """Whether a bar borrowed by metric name can be this column's: one far off every figure
    of the column (45% for a strike rate beside selection rates of 1-2%) is another
    measure's, however alike their names."""
    lo, hi = min(values, default=0.0), max(values, default=0.0)
    return lo <= 0 or lo / 3 <= bar <= hi * 3


def _stated_thresholds(facts: Facts) -> dict[str | None, list[Comparator]]:
    """Thresholds stated for each metric key: the overall figures' first, then loose ones
    naming the metric (read once per document, not once per segment row)."""
    out: dict[str | None, list[Comparator]] = {}
    for m in facts.metrics:
        if m.segment is None:
            out.setdefault(m.key, []).extend(m.thresholds)
    for c, k, _u in facts.loose:
        if c.kind == "threshold":
            out.setdefault(k, []).append(c)
    return out


def _thresholds(stated: dict[str | None, list[Comparator]], fact: MetricFact) -> list[Comparator]:
    """Thresholds stated for the segment's metric: its own row's, the overall figures', and
    loose ones naming the metric."""
    return list(fact.thresholds) + stated.get(fact.key, [])


def _current_columns(groups: dict[tuple[int, str], list[MetricFact]]
                     ) -> dict[tuple[int, str], list[MetricFact]]:
    """Each table's columns of the evaluated version: a column labelled with an older version
    than another column of the same metric ("WER v2.7" beside "WER v3.2"), or as the
    baseline's, is a comparator, never a segment's standing."""
    out: dict[tuple[int, str], list[MetricFact]] = {}
    for (block, name), figs in groups.items():
        ver = _VERSION.search(name)
        rest = [(n, _VERSION.search(n)) for b, n in groups if b == block and n != name
                and figs[0].key == groups[(b, n)][0].key]
        if ver and any(v and float(v.group(1)) > float(ver.group(1)) for _n, v in rest):
            continue
        if _OLD_COL.search(name) and any(not _OLD_COL.search(n) for n, _v in rest):
            continue
        out[(block, name)] = figs
    return out


def standings(ctx: Context) -> list[Standing]:
    """Every breakdown-table segment figure with its overall and threshold (computed once per
    document from the segment facts; prose segment figures are discussed where they stand)."""
    def compute() -> list[Standing]:
        facts = facts_of(ctx)
        rows = [m for m in facts.segments if m.source == "table" and m.segment]
        stated = _stated_thresholds(facts)
        groups: dict[tuple[int, str], list[MetricFact]] = {}
        for m in rows:
            block = id(m.unit_ref.block) if m.unit_ref else m.line
            groups.setdefault((block, m.name), []).append(m)
        out: list[Standing] = []
        for (block, name), figs in _current_columns(groups).items():
            key = figs[0].key
            overall_rows = [m for m in figs if _OVERALL.match(m.segment or "")]
            ratio = _ratio_scale(figs)
            overall = _points(overall_rows[0].value, overall_rows[0].unit, ratio) \
                if overall_rows else next(
                    (_points(m.value, m.unit, ratio) for m in facts.metrics
                     if m.segment is None and m.name == name and m.source == "table"
                     and m.unit_ref is not None and id(m.unit_ref.block) == block), None)
            segs = [m for m in figs if m not in overall_rows]
            values = [_points(m.value, m.unit, ratio) for m in segs]
            total = sum(values)
            for m, v in zip(segs, values):
                mean = overall is None and len(segs) >= 3
                own = set(map(id, m.thresholds))
                bars = ((c, round(_points(c.value, m.unit if c.value <= 1 else "%", ratio), 6))
                        for c in _thresholds(stated, m))
                thr = {t for c, t in bars if id(c) in own or plausible_bar(t, values)}
                bound = bound_of(m.threshold_text) if m.threshold_text else None
                lower = bound == "ceiling" if bound else (
                    m.direction == "lower" if m.direction else lower_is_better(m.name)
                    or matches("false_outcome", m.name))
                out.append(Standing(m, (m.segment or "").strip(" *_`"), v,
                                    (total - v) / (len(segs) - 1) if mean else overall, mean,
                                    thr.pop() if len(thr) == 1 else None, lower,
                                    bool(bound or m.direction)))
        return out
    return ctx.cached("segment_standings", compute)


def _misses(s: Standing) -> bool:
    return s.threshold is not None and (s.value > s.threshold if s.lower else s.value < s.threshold)


def _below(s: Standing, gap: float, barred: bool = True) -> bool:
    """Whether the row misses its metric's bar (when ``barred``) or trails its overall by
    ``gap`` points; a ratio to another group is judged by its bar alone, since its gap to the
    mean of the others is no shortfall of its own."""
    if barred and _misses(s):
        return True
    if s.overall is None or s.fact.key == "ratio":
        return False
    return (s.value - s.overall if s.lower else s.overall - s.value) >= gap


def _unbarred(rows: list[Standing]) -> set[tuple[int, str]]:
    """Columns every row of which misses the bar: a bar no part meets is the overall's, or is
    read the wrong way round, and singles out no segment."""
    cols: dict[tuple[int, str], list[Standing]] = {}
    for s in rows:
        cols.setdefault(_column(s), []).append(s)
    return {k for k, v in cols.items() if len(v) >= 2 and all(map(_misses, v))}


def _column(s: Standing) -> tuple[int, str]:
    return id(s.fact.unit_ref.block) if s.fact.unit_ref else s.fact.line, s.fact.name


def _discussed(ctx: Context, s: Standing, kinds: set[str] | None) -> bool:
    """Whether a unit outside the row's own table (under ``kinds``) names the segment."""
    block = s.fact.unit_ref.block if s.fact.unit_ref else None
    keys = _keys(s.label)
    return not keys or any(_naming(ctx, k, kinds) - {id(block)} for k in keys)


def _claims_result(ctx: Context) -> bool:
    return any(RESULT_CLAIM_RE.search(u.text) for u in ctx.units)


@check("ignored_segment", "finding")
def ignored_segment(ctx: Context, params: Params) -> list[Hit]:
    """A breakdown row below its metric's threshold (or ``gap_points`` below overall) that no
    text outside its table discusses; or headline metrics with no breakdown at all. Read from
    the segment facts: blank leading cells take the label above, comparator rows and
    experiment arms are no segments."""
    gap = float(params.get("gap_points", 10))
    hits: list[Hit] = []
    seen: set[int] = set()
    rows = standings(ctx)
    unbarred = _unbarred(rows)
    for s in rows:
        if s.fact.line in seen or not _below(s, gap, _column(s) not in unbarred) or \
                _discussed(ctx, s, None):
            continue
        seen.add(s.fact.line)
        hits.append(Hit(s.fact.line, s.fact.line, f"{s.label} at {s.value:g}%"))
    if not facts_of(ctx).segments and not segment_rows(ctx) and \
            params.get("require_breakdown", True):
        v = segments(ctx, params)
        if v.status == "missing" or v.detail == WORDS_ONLY:
            # Wherever a result is reported (a metric with or without its figure), or
            # segments are claimed without figures ("consistent across all user groups").
            head = facts_of(ctx).headline
            units = metric_units(ctx)
            claim = next((u for u in ctx.units if u.kinds & EVAL_KINDS
                          and METRIC_RE.search(u.text)), None)  # a metric named, no figure
            what = "no segment breakdown" if v.status == "missing" else \
                "segments asserted without figures"
            if head is not None:
                hits.append(Hit(head.line, head.line, what))
            elif units:
                hits.append(Hit(units[0].line, units[0].end_line, what))
            elif v.status != "missing" or _claims_result(ctx) or facts_of(ctx).boilerplate:
                # No figure at all and no segment named: only a result claimed in words
                # ("beats the old rules", "state-of-the-art accuracy") is a result reported
                # in aggregate; a card that names its metrics and reports nothing has no
                # aggregate to break down.
                said = claim or v.unit or next(iter(facts_of(ctx).boilerplate), None)
                if said is not None:
                    hits.append(Hit(said.line, said.end_line, what))
    return hits


@check("segment_below_threshold", "finding")
def segment_below_threshold(ctx: Context, params: Params) -> list[Hit]:
    """A breakdown row below the one threshold stated for its metric that no risk entry or
    summary mentions; only where the segment, its value (a certain column), the threshold
    and the direction are all certain."""
    kinds = set(params.get("mentioned_in", ["risks", "summary", "recommendation",
                                            "conditions"]))
    hits: list[Hit] = []
    seen: set[int] = set()
    for s in standings(ctx):
        if s.threshold is None or not s.direction_known or s.fact.line in seen:
            continue
        if (s.value > s.threshold if s.lower else s.value < s.threshold) and \
                not _discussed(ctx, s, kinds):
            seen.add(s.fact.line)
            hits.append(Hit(s.fact.line, s.fact.line, f"{s.label} at {s.value:g}% vs "
                                                      f"threshold {s.threshold:g}%"))
    return hits
