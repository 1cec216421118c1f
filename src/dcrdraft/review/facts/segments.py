"""Segment facts: a metric's figure for one part of the population, from breakdown tables
(read by ``table_metrics``) and from prose ("precision falls to about 0.7 on weekends")."""

from __future__ import annotations

import re
from dataclasses import replace

from dcrdraft.review.absence import negated
from dcrdraft.review.facts.columns import classify, has_figure
from dcrdraft.review.facts.metrics import MetricFact, is_metric_name
from dcrdraft.review.facts.parts import NOT_PART, names_part
from dcrdraft.review.facts.table_metrics import SUB_ROW, measure_and_part
from dcrdraft.review.facts.vocab import matches
from dcrdraft.review.fastre import fast
from dcrdraft.review.text import METRIC_RE, NUM

_MOVE = re.compile(r"\b(?:falls?|fell|drops?|dropped|dips?|slips?|lower|higher|worse|better|"
                   r"only|rises?|rose|climbs?|lags?|trails?|reaches|stays?)\b", re.I)
_NEXT_FIG = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%?|(?<![\w.])\.\d+")
_WHERE = re.compile(r"\b(?:on|for|in|among|with|at|during|from)\s+(?:the\s+|a\s+)?"
                    r"(?P<seg>(?!(?:the|a|an|this|that|our|average|total|overall|test|"
                    r"held-?out|validation|eval\w*|sample|set|data|all)\b)[\w-]+(?:\s[\w-]+)?)",
                    re.I)


_SIZE = r"(?:n\s?=\s?)?\d[\d,]*(?:\s(?:of|out of)\s[^()]{1,30})?"
"""A group's own count in an aside: "n=71", "1,300", "210 of the 1,300"."""
_LABELLED = re.compile(r"^\W*(?P<seg>[^\W\d][\w'-]*(?:\s[\w'-]+){0,6}?\s[\w'-]{3,}s)"
                       rf"(?P<size>\s\({_SIZE}\))?\s?:(?=[^:]*$)")
"""A line led by the group its figure is for ("night-shift scans: recall only 71%"): a plural
noun phrase before a colon, the figure after it. A group given its own count ("late parcels
(140 of 2,000):") is a part of the evaluation however its figure is worded."""


def _part_label(seg: str) -> bool:
    """A line's label names a part of the population, never a metric, period or split, nor
    what the line reports ("Key results:", "Test outcomes:")."""
    return names_part(seg) and not is_metric_name(seg) and not matches("result_word", seg)


def prose_segments(metrics: list[MetricFact]) -> list[MetricFact]:
    """Prose figures stated for a part of the population: a movement word ("falls to",
    "only") and a place or group ("on weekends", "for Welsh speakers") beside the figure; an
    experiment's arm ("in the treatment group") is no part of the population."""
    out: list[MetricFact] = []
    for m in metrics:
        if m.source != "prose" or m.segment is not None or m.unit_ref is None:
            continue
        text = m.unit_ref.text
        at = text.find(f"{m.value:g}") if m.unit != "%" else text.find(f"{m.value:g}%")
        if at < 0:
            at = text.find(f"{m.value}")
        if at < 0:
            continue
        nxt = _NEXT_FIG.search(text, at + len(f"{m.value:g}") + 1)
        stop = min(len(text), at + 60, nxt.start() if nxt else len(text))
        last = max((x.end() for x in _NEXT_FIG.finditer(text, 0, at)), default=0)
        window = text[max(last, at - 40): stop]
        where = _WHERE.search(text, at, stop)
        if where is None and (led := _LABELLED.match(text, 0, at)) and _part_label(led["seg"]):
            where = led
        sized = where is not None and "size" in where.re.groupindex and where["size"]
        if (_MOVE.search(window) or sized) and where and \
                not matches("experiment_arm", where.group("seg")):
            out.append(replace(m, segment=where.group("seg")))
    return out


_HEDGED = re.compile(r"\b(?:if|may|might|could|would)\b", re.I)
"""A condition or a conjecture ("if recall falls to 70% on ...", "may be weaker for ..."):
no part was found to do worse."""


def weaker_part(text: str) -> bool:
    """Whether a sentence says the system does worse on a named part of the population
    ("weaker on night deliveries"), stated as found, not as a condition or a conjecture."""
    return matches("weaker_part", text) and not _HEDGED.search(text) and not negated(text)


def weak_spot(text: str) -> bool:
    """Whether a sentence names where the system does worst ("lane 4 at night is the weak
    spot"), stated as found, not as a condition or a conjecture."""
    return matches("weak_spot", text) and not _HEDGED.search(text) and not negated(text) \
        and not _NONE_WEAK.search(text)


_NONE_WEAK = re.compile(r"\b(?:no|without|not any)\s+(?:[\w-]+\s+)?(?:weak|blind)", re.I)
"""A weak spot denied ("no weak spot showed up"), which the general negation test misses."""


def segment_facts(metrics: list[MetricFact]) -> list[MetricFact]:
    """Every segment figure: breakdown-table rows first, then prose."""
    return [m for m in metrics if m.segment is not None] + prose_segments(metrics)


# -- a breakdown stated in one sentence --------------------------------------------------------

_FIG = rf"(?:[+−-]?(?:{NUM})\s?%|(?<![\w.])[01]?\.\d{{2,}}(?![\w%]))"
_RANGE = fast(rf"\b(?:by|across)\s+(?P<dim>[a-z][\w-]*(?:\s[a-z][\w-]*){{0,3}}?)\s+"
              rf"(?:ranged?|ranging|var(?:ied|ies|y|ying)|spanned|spans?)\s+(?:from\s+)?{_FIG}"
              rf"[^.;]{{0,40}}?\bto\s+{_FIG}", re.I)
"""A spread over the parts of one dimension ("by region ranged from 0.91 (North) to 0.97
(Coast)"): the extremes of a breakdown."""
_RATE = fast(_FIG)
"""A metric's value (a percentage or a 0-1 score), never a count or a size."""
_PAIR = fast(rf"(?:^|[;,]\s*|(?<=[\d%])\s+)(?P<label>[A-Z][\w'&/-]*(?:\s[\w'&/-]+){{0,3}})"
             rf"(?:\s\({_SIZE}\))?:\s*(?:[^\s:;()]{{1,6}}\s+){{0,2}}?{_FIG}")
"""A "Label: figure" pair, the label perhaps with its count and the figure with a short tag
("v2 P 0.91"); two or more in one line ("Inland: 91%   Coastal (n=80): 87%")."""
_FOR = fast(rf"^\W*(?:for|among|on|in)\s+(?!the\s+(?:test|validation|held|whole|full|"
            rf"overall|first|last|same))(?P<label>[^\W\d][\w'-]*(?:\s(?!(?:the|it|was|is|were|are|"
            rf"at|reached|scored|had|came)\b)[^\W\d][\w'-]*){{0,8}})"
            rf"[^;]{{0,100}}?{_FIG}", re.I)
"""A clause giving one part's figure ("for renters the recall was 0.81")."""
_ITEM = fast(rf"(?:^|[,;:]\s+|\s(?:and|or)\s+)(?!(?:and|or|but|then)\b)(?P<label>[^\W\d][\w'&/-]*(?:\s[^\W\d][\w'&/-]*)"
             rf"{{0,3}})\s+{_FIG}(?:\s*\([^()]*\))?(?=\s*(?:[,;.]|\s(?:and|or)\s|$))", re.I)
"""One item of a list of labelled figures ("..., contact centre 6%, head office 11%"): a short
label right before its figure (an aside may follow), the item ended by a comma, "and" or the
sentence's end."""
_LINKING = fast(r"\b(?:at|of|to|by|in|on|is|was|were|are|be|been|above|below|under|over|than|"
                r"from|about|around|only|just|nearly|roughly|approximately|with|for|the|a|an|"
                r"reached|reaches|scored|hit|fell|rose|stays?|remains?|stood|hits|falls|rises)$",
                re.I)
"""A label that ends in a linking word is the end of a clause ("rose to", "stayed at"), not
the name of a part."""
_VERB = fast(r"\b(?:would|will|can|could|should|may|might|must|is|are|was|were|has|have|had|"
             r"does|did)\b", re.I)
"""A label holding a verb is a clause ("the new model would reach 41%"), not a part."""
_SPEAKER = re.compile(r"^\W*(?:(?:A|Ans|Answer|Reply|Response)\s?[:.)]|[A-Z][\w'.-]+"
                      r"(?:\s[A-Z][\w'.-]+){0,2}\s+\d{1,2}:\d{2}(?:\s?[ap]m)?\W)\s*")
"""Who speaks before the words: a FAQ's or form's answer mark ("A:") or a chat export's
speaker and time; the clause after it is read as if the line began there."""
_CLAUSES = re.compile(r";|,\s+(?:while|whereas|but|against)\s+|\s+(?:while|whereas)\s+")
_TIME_DIM = fast(r"\b(?:week|month|quarter|year|day|period|fold|seed|run|version|release|"
                 r"epoch)s?\b", re.I)


def _part(label: str) -> bool:
    return not NOT_PART.search(label) and not is_metric_name(label) and names_part(label)


def column_breakdown(rows: list[list[str]]) -> bool:
    """Whether a table's columns are parts of the population, each holding figures for the
    measures down its rows ("| | Inland | Coastal |"): two or more figure columns no header
    tells apart as value, comparator, change or interval, each named as a part and holding
    rates or scores (a "Size" column of counts is no part)."""
    if len(rows) < 2:
        return False
    cols = classify(rows)
    body = rows[1:]
    parts = [i for i, r in enumerate(cols.roles) if r == "unknown"
             and re.search(r"[^\W\d_]", rows[0][i]) and _part(rows[0][i])
             and sum(i < len(row) and bool(_RATE.search(row[i])) for row in body) * 2
             >= len(body)]
    return len(parts) >= 2 and len(parts) == sum(r in ("unknown", "value")
                                                  for r in cols.roles)


_WHOLE = re.compile(r"^\W*(?:overall|all|total|aggregate|combined|average|mean)\b(?!-)", re.I)


def dimension_table(rows: list[list[str]]) -> bool:
    """Whether a table runs down the parts of one dimension ("| Depot | Loads | Late-load
    change |"): its corner names the dimension and two or more rows, none the whole nor an
    experiment's arm, carry a figure. Whatever the figure (a rate, a change, a count, the
    system's beside a comparator's), each part is reported on its own."""
    if len(rows) < 3 or not rows[0] or not matches("segment_header", rows[0][0]):
        return False
    parts = [r for r in rows[1:] if r and r[0].strip() and not _WHOLE.match(r[0])
             and not matches("experiment_arm", r[0])]
    return any(sum(c < len(r) and _figure_cell(r[c]) for r in parts) >= 2
               for c in range(1, len(rows[0])))


def _figure_cell(cell: str) -> bool:
    """A cell that is a figure with at most a short aside ("12.4% (n=310)"), not a remark that
    happens to hold a number."""
    return has_figure(cell) and len(cell.strip()) <= _FIGURE_CELL_CHARS


_FIGURE_CELL_CHARS = 32


def measured_parts(rows: list[list[str]]) -> bool:
    """Whether a table's rows give one measure for two or more parts of the population, the
    part named in the row label: "Recall, rural callers" or a dashed row under its measure
    ("— night shift"), whatever the columns beside it hold. A plain label under a measure's
    row is no part: release tables list their measures that way."""
    parts: dict[str, set[str]] = {}
    measure = ""
    for row in rows[1:]:
        label = (row[0] if row else "").strip()
        if not label or not any(map(_figure_cell, row[1:])):
            continue
        name, part = measure_and_part(label, measure if SUB_ROW.match(label) else "")
        if part is None:
            measure = name
            continue
        parts.setdefault(name.lower(), set()).add(part.lower())
    return any(len(p) >= 2 for p in parts.values())


def _listed_parts(text: str) -> set[str]:
    """The parts named in a list of labelled figures; a metric word closing a label ends the
    part ("mobile web CTR +4.8%" names mobile web)."""
    parts = set()
    for m in _ITEM.finditer(text):
        label = m.group("label")
        named = METRIC_RE.search(label)
        label = label[:named.start()].strip() if named and named.start() else label
        if not _LINKING.search(label) and not _VERB.search(label) and _part(label):
            parts.add(label.lower())
    return parts


def prose_breakdown(text: str) -> bool:
    """Whether one sentence or line states figures for two or more parts of the population:
    a spread over a dimension's parts ("by state ranged from 0.96 to 1.04"), labelled figures
    ("Inland: 91%   Coastal: 87%") or parallel clauses ("for renters 0.81; for owners
    0.88"). A metric, split, period, version or experiment arm is never a part."""
    spread = _RANGE.search(text)
    if spread and not _TIME_DIM.search(spread.group("dim")):
        return True
    pairs = {m.group("label").lower() for m in _PAIR.finditer(text) if _part(m.group("label"))}
    if len(pairs) >= 2 or len(_listed_parts(text)) >= 2:
        return True
    parts = set()
    for clause in _CLAUSES.split(_SPEAKER.sub("", text, count=1)):
        m = _FOR.match(clause)
        if m is None:
            continue
        label = m.group("label")
        named = METRIC_RE.search(label)  # "on weekdays recall": the part ends at the metric
        label = label[:named.start()].strip() if named and named.start() else label
        if _part(label):
            parts.add(label.lower())
    return len(parts) >= 2
