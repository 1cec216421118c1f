"""Shared vocabulary of the checks: compiled patterns for metrics, numbers, comparators,
windows, incidents, vague wording and placeholders, plus sentence splitting.

Patterns live here (not in the rules) because several check types share them; the rules in
``rubrics/`` choose and parameterise checks, and may add their own patterns. All compile
through ``fast`` (``fastre``): a text lacking every literal a pattern needs is rejected cheaply.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dcrdraft.review.fastre import fast

I = re.IGNORECASE

NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
PERCENT_RE = fast(rf"(?<![\w.])({NUM})\s?%")
NUMBER_RE = fast(rf"(?<![\w.])({NUM})(?![\w])")
FIGURE_RE = fast(
    rf"(?<![\w.])(?:{NUM})\s?(?:%|pp\b|points?\b|ms\b|s\b|sec(?:ond)?s?\b|x\b|/\s?\d+)"
    rf"|(?<![\w])0?\.\d{{2,}}(?![\w])|\bF1\s*(?:=|of|:)\s*0?\.\d+", I)
"""A figure that can be a metric value: a percentage, points, a latency or a fraction."""

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
METRIC_RE = fast(rf"\b(?:{METRIC_WORDS})\b", I)

# Word-bounded: "cer" is an error rate, but not the "cer" inside "uncertainty".
LOWER_IS_BETTER_RE = fast(
    r"\b(?:errors?|latenc(?:y|ies)|p9[59]|p50|response time|hallucinat\w*|unsupported|toxic\w*|"
    r"false[- ]pos\w*|false[- ]neg\w*|fpr|fnr|miss rate|drift|psi|complaints?|escalations?|"
    r"overrides?|jailbreaks?|leak\w*|defects?|incidents?|wer|cer|mae|rmse|mape|loss|"
    r"perplexity|brier|refusals?|abstentions?|mistakes?|time to|cost)\b", I)
_STATED_DIRECTION = re.compile(r"\b(higher|lower) is better\b", I)

COMPARATOR = (
    r"<=|>=|≤|≥|<|>|=<|=>|\bbelow\b|\bunder\b|\babove\b|\bover\b|\bexceed\w*|\bless than\b|"
    r"\bmore than\b|\bgreater than\b|\bfewer than\b|\blower than\b|\bhigher than\b|"
    r"\bat least\b|\bat most\b|\bno (?:more|less|fewer|lower|higher) than\b|\bminimum\b|"
    r"\bmaximum\b|\bmin\.?\b|\bmax\.?\b|\bbreach\w*|\bcross\w*|\bdips?\b|\bdipp\w+|"
    r"\bslips?\b|\bslipp\w+|\bfalls?\b|\bfell\b|\bdrops?\b|\bdropp\w+|\brises?\b|\brose\b|"
    r"\bclimbs?\b|\bsinks?\b|\boutside\b|\bbeyond\b|\bfloor\b|\bceiling\b|\bcap\b|\bunless\b"
)
COMPARATOR_RE = fast(COMPARATOR, I)
CMP_FIGURE_RE = fast(
    rf"(?:{COMPARATOR})[^.;\n]{{0,40}}?(?:{NUM})\s?(?:%|pp|points?|ms|s\b|sec|seconds?|/|x\b)?"
    rf"|(?:{NUM})\s?%\s?\+|(?:{NUM})\s?%?\s?or (?:more|less|higher|lower|above|below|worse)"
    rf"|\b(?:threshold|trigger|alert|alarm|limit|slo|target|tolerance|budget|red|amber|"
    rf"yellow)\w*\s*(?:at|of|:|=|is|level)?\s*[^.;\n\d]{{0,12}}(?:{NUM})\s?(?:%|ms|s\b)",
    I)
"""A comparator followed by a number ("below 82%", "exceeds 5%", "3%+", "4% or more")."""

WINDOW_RE = fast(
    rf"\b(?:per|every|each|over|within|in any|in a|any|rolling|trailing|sliding|for|across|"
    rf"for any|over any|consecutive)\s+(?:(?:{NUM}|one|two|three|four|five|six|seven|ten|"
    rf"twelve|twenty-four|thirty|a|an|single|given|calendar)[- ]?)?"
    rf"(?:minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|months?|shifts?|sprints?|"
    rf"batch(?:es)?|window|period|release|quarter)\b"
    rf"|\b(?:{NUM})[- ]?(?:minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wk)\b"
    rf"|\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|per[- ]request|"
    rf"real[- ]time|intraday|day-over-day|week-over-week)\b"
    rf"|\bper\s+(?:{NUM}\s+)?(?:requests?|queries|calls|conversations|sessions|transactions|"
    rf"cases|scans|documents)\b"
    rf"|\b(?:last|past|next)\s+(?:{NUM}|\w+)\s+(?:requests|queries|calls|conversations|"
    rf"sessions|transactions|cases|scans|documents)\b"
    rf"|\bwindow\b", I)

INCIDENT_RE = fast(
    r"\b(?:sev[- ]?[0-3]|severity[- ]?[0-3]|p[0-2])\b[^.\n]{0,40}\b(?:incident|outage|event)"
    r"|\b(?:critical|major|high[- ]severity|serious|safety|security|privacy|production)\s+"
    r"(?:incident|breach|event)s?\b"
    r"|\bincident\b[^.\n]{0,40}\b(?:occurs?|declared|raised|confirmed|reported|happens)"
    r"|\b(?:data|privacy|security) breach\b|\bregulator\w* (?:notice|inquiry|order)\b"
    r"|\b(?:any|a single|one)\s+(?:confirmed|verified|substantiated)?\s*\w*\s*"
    r"(?:harm|injury|misdiagnosis|leak|breach|fatality)\b", I)

VAGUE_RE = fast(
    r"\bclosely\b|\bcareful(?:ly)?\b|\bas (?:needed|necessary|appropriate|required)\b|"
    r"\bwhere (?:possible|appropriate|needed)\b|\bappropriate(?:ly)?\b|\bregular(?:ly)?\b|"
    r"\bongoing\b|\bkeep an eye\b|\bbest[- ]effort\b|\bbest practices?\b|\brobust\b|"
    r"\badequate(?:ly)?\b|\bvigilan\w+|\bperiodic(?:ally)?\b|\bif (?:needed|necessary)\b|"
    r"\bcase[- ]by[- ]case\b|\bat (?:our|the team's) discretion\b|\bsuitable\b|\bproper(?:ly)?\b|"
    r"\bsufficient(?:ly)?\b|\bcontinu(?:e|ous(?:ly)?) to (?:monitor|watch|track)\b|"
    r"\bas (?:soon as|quickly as) (?:possible|practical)\b|\bin due course\b", I)

PLACEHOLDER_RE = fast(
    r"\[(?:name|names|owner|date|tbd|tbc|todo|x+|insert[^\]]*|your[^\]]*|role|team|"
    r"signature|system name|metric|value|n|\?+|\.\.\.|…)\]"
    r"|\bTBD\b|\bTBC\b|\bTODO\b|\bFIXME\b|\bXX+(?:\.X+)?\s?%|\b(?:XX|X\.X|N\.N)%|\?\?\?+|"
    r"<(?:insert|add|name|date|owner|tbd)[^>]{0,40}>|\blorem ipsum\b|\{\{[^}]{1,40}\}\}", I)

NEGATION_RE = fast(
    r"\b(?:no|not|never|none|nor|without|lacks?|absent|unavailable|n/a|neither|has(?:n't| not)|"
    r"haven't|hasn't|isn't|wasn't|weren't|won't|cannot|can't|yet to|pending|tbd|to be "
    r"(?:determined|decided|defined|confirmed|agreed))\b", I)

FUTURE_RE = fast(
    r"\b(?:will|shall|plan(?:s|ned)? to|to be|should|would|going to|intend\w* to|aim to|"
    r"is scheduled|are scheduled|before launch|prior to launch|pending)\b", I)

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'\[*])|\n{2,}")
_MD_NOISE = fast(r"[*_`]+")


def sentences(text: str) -> list[str]:
    """Split a block's text into sentences (keeps decimals and abbreviations like 'e.g.')."""
    if len(text) < 160 and text.count(". ") == 0:
        return [text]
    out: list[str] = []
    for part in _SENT_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        if out and (len(part) < 4 or re.search(r"\b(?:e\.g|i\.e|vs|etc|approx|no|fig)\.$",
                                               out[-1], I)):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def clean(text: str) -> str:
    """Text without Markdown emphasis marks, whitespace collapsed."""
    return " ".join(_MD_NOISE.sub("", text).split())


def percents(text: str) -> list[float]:
    """Every percentage in ``text`` as a number of points (``87%`` -> 87.0)."""
    return [to_float(m.group(1)) for m in PERCENT_RE.finditer(text)]


def to_float(s: str) -> float:
    """A number as written ("2,340", "89.2") to float."""
    return float(s.replace(",", ""))


@lru_cache(maxsize=256)
def compile_any(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive alternation of ``patterns`` (None when there are none)."""
    if not patterns:
        return None
    return fast("|".join(f"(?:{p})" for p in patterns), I)


def metric_key(text: str) -> str | None:
    """A normalised metric name found in ``text`` ("Task completion" -> "completion")."""
    m = METRIC_RE.search(text)
    if not m:
        return None
    word = m.group(0).lower()
    for stem in ("hallucinat", "escalation", "completion", "latency", "error", "accuracy",
                 "false positive", "false negative", "refusal", "toxic", "satisfaction"):
        if stem in word:
            return stem
    return word


def lower_is_better(metric_text: str) -> bool:
    """Whether a metric improves as it goes down: as the text says ("lower is better"), else
    judged by its name."""
    stated = _STATED_DIRECTION.search(metric_text)
    if stated:
        return stated.group(1).lower() == "lower"
    return bool(LOWER_IS_BETTER_RE.search(metric_text))


COND_RE = fast(
    rf"(?P<cmp>{COMPARATOR}|\b(?:threshold|trigger|alert|limit)\w*\s*(?:at|of|:|=|is)?)"
    rf"[^.;\n]{{0,40}}?(?P<num>{NUM})\s?(?P<unit>%|ms|s\b|pp|points?)?"
    rf"|(?P<num2>{NUM})\s?(?P<unit2>%)\s?\+", I)
_FLOOR_RE = re.compile(r"below|under|less|lower|fewer|<|≤|=<|min|floor|dip|slip|fall|fell|"
                       r"drop|sink", I)
_CEIL_RE = re.compile(r"above|over|exceed|more|greater|higher|>|≥|=>|max|ceiling|cap|"
                      r"rise|rose|climb|breach|cross", I)


def conditions(text: str) -> list[tuple[str, float, int]]:
    """Threshold conditions in ``text`` as (direction, value, offset): direction is ``floor``
    (fires when the value falls below), ``ceiling`` (fires above) or ``?``."""
    out: list[tuple[str, float, int]] = []
    for m in COND_RE.finditer(text):
        if m.group("num2"):
            out.append(("ceiling", to_float(m.group("num2")), m.start()))
            continue
        cmp = m.group(0)[: m.start("num") - m.start()]
        direction = "floor" if _FLOOR_RE.search(cmp) else "ceiling" if _CEIL_RE.search(cmp) \
            else "?"
        out.append((direction, to_float(m.group("num")), m.start()))
    return out
