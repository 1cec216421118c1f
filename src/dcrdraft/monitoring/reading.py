"""How a condition is read, shared by the reviewer and the alert-rule builder: numbers,
comparators, metric names and a condition's direction ("below 82%" fires as values fall).

The pattern texts live here, the lowest layer both users reach; the reviewer compiles its own
accelerated twins of them (``review.text``) and passes them in, so both read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

I = re.IGNORECASE

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

METRIC_WORDS = (
    r"accuracy|precision|recall|sensitivity|specificity|f1|f-score|auc|auroc|roc|wer|cer|bleu|"
    r"rouge|exact[- ]match|error(?:s| rate)?|(?:task )?completion|success|resolution|"
    r"containment|deflection|latency|p9[59]|p50|response time|throughput|uptime|availability|"
    r"hallucinat\w*|unsupported claims?|factual\w*|toxicity|toxic|refusal\w*|escalation\w*|"
    r"csat|satisfaction|nps|false[- ]positives?|false[- ]negatives?|fpr|fnr|tpr|hit rate|"
    r"miss rate|drift|psi|ks|calibration|brier|abstention|override\w*|complaints?|"
    r"rate|score|ratio|share|percentage|agreement|kappa|quality|correct\w*|mistakes?|defects?|"
    r"incidents?|grounded\w*|faithful\w*|jailbreaks?|leak\w*|approval rate|precision@\d+|"
    r"recall@\d+|map|ndcg|mae|rmse|mape|loss|perplexity|win[- ]rate|pass rate|pass@\d+"
)
METRIC = rf"\b(?:{METRIC_WORDS})\b"

COMPARATOR = (
    r"<=|>=|≤|≥|<|>|=<|=>|\bat or (?:above|below|over|under)\b|\bbelow\b|\bunder\b|\babove\b|\bover\b|\bexceed\w*|\bless than\b|"
    r"\bmore than\b|\bgreater than\b|\bfewer than\b|\blower than\b|\bhigher than\b|"
    r"\bat least\b|\bat most\b|\bno (?:more|less|fewer|lower|higher) than\b|\bminimum\b|"
    r"\bmaximum\b|\bmin\.?\b|\bmax\.?\b|\bbreach\w*|\bcross\w*|\bdips?\b|\bdipp\w+|"
    r"\bslips?\b|\bslipp\w+|\bfalls?\b|\bfell\b|\bdrops?\b|\bdropp\w+|\brises?\b|\brose\b|"
    r"\bclimbs?\b|\bsinks?\b|\boutside\b|\bbeyond\b|\bfloor\b|\bceiling\b|\bcap\b|\bunless\b"
)

COND = (
    rf"(?P<cmp>{COMPARATOR}|\b(?:threshold|trigger|alert|limit)\w*\s*(?:at|of|:|=|is)?)"
    rf"[^.;\n]{{0,40}}?(?P<num>{NUM})\s?(?P<unit>%|ms|s\b|pp|points?)?"
    rf"|(?P<num2>{NUM})\s?(?P<unit2>%|ms|s)\s?\+"
    rf"|(?P<num3>{NUM})\s?(?P<unit3>%|ms|s\b)?\s?or (?P<tail>more|higher|above|greater|less|"
    rf"lower|below|fewer)\b")
"""A threshold condition: a comparator then a number ("below 82%"), "3%+", "3s+" or "4% or
more"."""

_COND_RE = re.compile(COND, I)
_METRIC_RE = re.compile(METRIC, I)
_FLOOR_RE = re.compile(r"below|under|less|lower|fewer|<|≤|=<|min|floor|dip|slip|fall|fell|"
                       r"drop|sink", I)
_CEIL_RE = re.compile(r"above|over|exceed|more|greater|higher|>|≥|=>|max|ceiling|cap|"
                      r"rise|rose|climb|breach|cross", I)
_INCLUSIVE_RE = re.compile(r"<=|>=|≤|≥|=<|=>|\bat or\b|\bor (?:more|higher|above|greater|less|lower|"
                           r"below|fewer)\b|%\s?\+", I)
_AMBIGUOUS_RE = re.compile(r"\b(?:at (?:least|most)|no (?:more|less|fewer|lower|higher) than|"
                           r"minimum|maximum|min|max|floor|ceiling|cap|outside|beyond|"
                           r"unless|cross\w*|breach\w*)\b", I)
"""Comparators that state a limit rather than when something fires ("at least 90%" is a
floor to keep, "outside 5%" has no side): the reviewer reads their direction, an alert rule
does not guess it."""

Direction = Literal["floor", "ceiling", "?"]


@dataclass(frozen=True)
class Comparison:
    """One threshold condition read from text: which way it fires, the number as written."""

    direction: Direction
    """``floor`` fires as values fall below, ``ceiling`` as they rise above, ``?`` unknown."""
    value: float
    """The number as written (points for a percentage: ``82%`` -> 82.0)."""
    unit: str
    """``%``, ``ms``, ``s``, ``pp``, ``points`` or empty."""
    inclusive: bool
    """Whether the figure itself fires (``4% or more``, ``>=``)."""
    definite: bool
    """Whether the wording says when it fires (``below``, ``exceeds``), not only a limit."""
    start: int
    end: int

    @property
    def op(self) -> str | None:
        """The PromQL comparison that fires (None when the direction is unknown)."""
        if self.direction == "?":
            return None
        return ("<" if self.direction == "floor" else ">") + ("=" if self.inclusive else "")


def to_float(s: str) -> float:
    """A number as written ("2,340", "89.2") to float."""
    return float(s.replace(",", ""))


def comparisons(text: str, rx: re.Pattern[str] = _COND_RE) -> list[Comparison]:
    """Every threshold condition in ``text``, in order (``rx`` is ``COND`` compiled)."""
    out: list[Comparison] = []
    for m in rx.finditer(text):
        if m.group("num2"):
            out.append(Comparison("ceiling", to_float(m.group("num2")), m.group("unit2"), True,
                                  True, m.start(), m.end()))
            continue
        if m.group("num3"):
            floor = bool(_FLOOR_RE.search(m.group("tail")))
            out.append(Comparison("floor" if floor else "ceiling", to_float(m.group("num3")),
                                  m.group("unit3") or "", True, True, m.start(), m.end()))
            continue
        cmp = m.group(0)[: m.start("num") - m.start()]
        direction: Direction = "floor" if _FLOOR_RE.search(cmp) else "ceiling" \
            if _CEIL_RE.search(cmp) else "?"
        out.append(Comparison(direction, to_float(m.group("num")), m.group("unit") or "",
                              bool(_INCLUSIVE_RE.search(cmp)),
                              direction != "?" and not _AMBIGUOUS_RE.search(cmp),
                              m.start(), m.end()))
    return out


_DURATION_NEXT = re.compile(r"[\s-]*(?:seconds?|secs?|minutes?|mins?|m|hours?|hrs?|h|days?|d|"
                            r"weeks?|wks?|w|months?|quarters?|years?)\b", I)


def figure_comparisons(text: str) -> list[Comparison]:
    """``comparisons`` without the ones whose number counts time ("over 2 hours" is a
    window, not a threshold)."""
    return [c for c in comparisons(text) if c.unit or not _DURATION_NEXT.match(text, c.end)]


def conditions(text: str, rx: re.Pattern[str] = _COND_RE) -> list[tuple[str, float, int]]:
    """Threshold conditions in ``text`` as (direction, value, offset): direction is ``floor``
    (fires when the value falls below), ``ceiling`` (fires above) or ``?``."""
    return [(c.direction, c.value, c.start) for c in comparisons(text, rx)]


def metric_key(text: str, rx: re.Pattern[str] = _METRIC_RE) -> str | None:
    """A normalised metric name found in ``text`` ("Task completion" -> "completion")."""
    m = rx.search(text)
    if not m:
        return None
    word = m.group(0).lower()
    for stem in ("hallucinat", "escalation", "completion", "latency", "error", "accuracy",
                 "false positive", "false negative", "refusal", "toxic", "satisfaction"):
        if stem in word:
            return stem
    return word
