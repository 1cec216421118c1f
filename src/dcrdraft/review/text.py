"""Shared vocabulary of the checks: compiled patterns for metrics, numbers, comparators,
windows, incidents, vague wording and placeholders, plus sentence splitting.

Patterns live here (not in the rules) because several check types share them; the rules in
``rubrics/`` choose and parameterise checks, and may add their own patterns. All compile
through ``fast`` (``fastre``): a text lacking every literal a pattern needs is rejected cheaply.
"""

from __future__ import annotations

import re
from functools import lru_cache

from dcrdraft.monitoring.reading import COMPARATOR as COMPARATOR
from dcrdraft.monitoring.reading import COND, METRIC
from dcrdraft.monitoring.reading import METRIC_WORDS as METRIC_WORDS
from dcrdraft.monitoring.reading import NUM as NUM
from dcrdraft.monitoring.reading import conditions as _conditions
from dcrdraft.monitoring.reading import metric_key as _metric_key
from dcrdraft.monitoring.reading import to_float as to_float
from dcrdraft.review.fastre import fast

I = re.IGNORECASE
PERCENT_RE = fast(rf"(?<![\w.])({NUM})\s?%")
NUMBER_RE = fast(rf"(?<![\w.])({NUM})(?![\w])")
FIGURE_RE = fast(
    rf"(?<![\w.])(?:{NUM})\s?(?:%|pp\b|points?\b|ms\b|s\b|sec(?:ond)?s?\b|x\b|/\s?\d+)"
    rf"|(?<![\w])0?\.\d{{2,}}(?![\w])|\bF1\s*(?:=|of|:)\s*0?\.\d+", I)
"""A figure that can be a metric value: a percentage, points, a latency or a fraction."""

METRIC_RE = fast(METRIC, I)

# Word-bounded: "cer" is an error rate, but not the "cer" inside "uncertainty".
LOWER_IS_BETTER_RE = fast(
    r"\b(?:errors?|latenc(?:y|ies)|p9[59]|p50|response time|hallucinat\w*|unsupported|toxic\w*|"
    r"false[- ]pos\w*|false[- ]neg\w*|fpr|fnr|miss rate|drift|psi|complaints?|escalations?|"
    r"overrides?|jailbreaks?|leak\w*|defects?|incidents?|wer|cer|mae|rmse|mape|loss|"
    r"perplexity|brier|refusals?|abstentions?|mistakes?|time to|cost)\b", I)
_STATED_DIRECTION = re.compile(r"\b(higher|lower) is better\b", I)

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
    rf"twelve|twenty-four|thirty|a|an|single|given|calendar)[- ]?)?(?:(?:full|whole|"
    rf"complete|entire|straight|calendar)\s+)?"
    rf"(?:minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|months?|shifts?|sprints?|"
    rf"batch(?:es)?|window|period|release|quarter|mornings?|evenings?|nights?)\b"
    rf"|\b(?:{NUM})[- ]?(?:minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wk)\b"
    rf"|\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|per[- ]request|"
    rf"real[- ]time|intraday|day-over-day|week-over-week)\b"
    rf"|\bper\s+(?:{NUM}\s+)?(?:requests?|queries|calls|conversations|sessions|transactions|"
    rf"cases|scans|documents)\b"
    rf"|\b(?:last|past|next)\s+(?:{NUM}|\w+)\s+(?:requests|queries|calls|conversations|"
    rf"sessions|transactions|cases|scans|documents)\b"
    rf"|\b(?:first|last|next|past|every|each)\s+{NUM}\s+(?:[a-z-]+\s)?[a-z-]{{3,}}s\b"
    rf"|\b(?:in|during|over|for|within) the (?:first|last|next|past) (?:{NUM}|two|three|four|"
    rf"five|six|seven|eight|ten|twelve) (?:days|weeks|months|shifts|runs)\b"
    rf"|\b(?:two|three|four|five|six|\d+)\s+(?:consecutive\s+)?(?:days?|weeks?|months?)\s+"
    rf"(?:running|in a row)\b"
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
    r"\bongoing\b|\bkeep (?:an|a (?:close|careful|watchful)) eye\b|\bbest[- ]effort\b|"
    r"\bbest practices?\b|\brobust\b|"
    r"\badequate(?:ly)?\b|\bvigilan\w+|\bperiodic(?:ally)?\b|\bif (?:needed|necessary)\b|"
    r"\bcase[- ]by[- ]case\b|\bat (?:our|the team's) discretion\b|\bsuitable\b|\bproper(?:ly)?\b|"
    r"\bsufficient(?:ly)?\b|\bcontinu(?:e|ous(?:ly)?) to (?:monitor|watch|track)\b|"
    r"\bas (?:soon as|quickly as) (?:possible|practical)\b|\bin due course\b", I)

PLACEHOLDER_RE = fast(
    r"\[(?:name|names|owner|date|tbd|tbc|todo|x+|insert[^\]]*|your[^\]]*|role|team|"
    r"signature|system name|metric|value|n|\?+|\.\.\.|…)\]"
    r"|\bTBD\b|\bTBC\b|\bTODO\b|\bFIXME\b|\bXX+(?:\.X+)?\s?%|\b(?:XX|X\.X|N\.N)%|\?\?\?+|"
    r"<(?:insert|add|name|date|owner|tbd)[^>]{0,40}>|\blorem ipsum\b|\{\{[^}]{1,40}\}\}"
    r"|^\W*replace (?:this )?with (?:the|your|a|an)\b|\breplace with (?:the|your) (?:system|model)'?s? name\b",
    I)

NEGATION_RE = fast(
    r"\b(?:no|not|never|none|nor|without|lacks?|absent|unavailable|n/a|neither|has(?:n't| not)|"
    r"haven't|hasn't|isn't|wasn't|weren't|won't|cannot|can't|yet to|pending|tbd|to be "
    r"(?:determined|decided|defined|confirmed|agreed))\b", I)

FUTURE_RE = fast(
    r"\b(?:will|shall|plan(?:s|ned)? to|to be|should|would|going to|intend\w* to|aim to|"
    r"is scheduled|are scheduled|before launch|prior to launch|pending)\b", I)

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'\[*])|\n{2,}")
_MD_NOISE = fast(r"[*_`]+")
_ABBREV = re.compile(r"\b(?:e\.g|i\.e|vs|etc|approx|no|fig)\.$", I)
"""A sentence ending in an abbreviation; searched from 8 characters before the end (the
longest, "approx.", is 7), so a long run of merged parts is not rescanned each time."""


def sentences(text: str) -> list[str]:
    """Split a block's text into sentences (keeps decimals and abbreviations like 'e.g.')."""
    if len(text) < 160 and text.count(". ") == 0:
        return [text]
    out: list[str] = []
    for part in _SENT_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        if out and (len(part) < 4 or _ABBREV.search(out[-1], max(0, len(out[-1]) - 8))):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def clean(text: str) -> str:
    """Text without Markdown emphasis marks, whitespace collapsed."""
    return " ".join(_MD_NOISE.sub("", text).split())


GAP_RE = re.compile(r"^(?P<label>[^:;]{1,60}:)?\s*\W*gap(?:\W*$|\s*:(?!\s*[\d+−-]))", re.I)
"""A visible gap of a dcrdraft draft ("Gap: no monitoring thresholds", "Residual risk: Gap:
assess ...", a bare "Gap" cell); a figure after the colon ("Gap: 12 points") is a difference."""


def is_gap(text: str) -> bool:
    """Whether ``text`` (cleaned) is a gap statement: it says what is missing, never more."""
    return bool(GAP_RE.match(text))


def without_gap(text: str) -> str:
    """``text`` with a gap statement taken out: a labelled gap keeps its label with an empty
    value ("Residual risk: Gap: assess ..." -> "Residual risk: —"), a bare one becomes ""."""
    m = GAP_RE.match(text)
    if m is None:
        return text
    return f"{m.group('label')} —" if m.group("label") else ""


OPERATING_POINT_RE = fast(
    rf"\b(?:{METRIC_WORDS})\s*(?:at|@)\s?(?:an?\s+)?(?P<num>{NUM})\s?%\s*(?:[\w-]+\s+){{0,3}}?"
    rf"(?:rate|fpr|fnr|tpr|recall|precision|coverage|budget|volume|capacity)\b", I)
"""A metric named by its operating point ("Fraud recall at 1% hold rate", "precision @ 5% FPR"):
the figure inside the name fixes where the metric is read, it is never its value."""


def without_operating_points(text: str) -> str:
    """``text`` with the figure inside each metric name masked ("recall at #% hold rate"), so
    value checks never take a name's operating point for a result or a threshold."""
    if "%" not in text:
        return text
    return OPERATING_POINT_RE.sub(
        lambda m: m.group(0)[: m.start("num") - m.start()] + "#" * len(m.group("num"))
        + m.group(0)[m.end("num") - m.start():], text)


def percents(text: str) -> list[float]:
    """Every percentage in ``text`` as a number of points (``87%`` -> 87.0)."""
    return [to_float(m.group(1)) for m in PERCENT_RE.finditer(text)]


@lru_cache(maxsize=256)
def compile_any(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive alternation of ``patterns`` (None when there are none)."""
    if not patterns:
        return None
    return fast("|".join(f"(?:{p})" for p in patterns), I)


def metric_key(text: str) -> str | None:
    """A normalised metric name found in ``text`` ("Task completion" -> "completion")."""
    return _metric_key(text, METRIC_RE)


def lower_is_better(metric_text: str) -> bool:
    """Whether a metric improves as it goes down: as the text says ("lower is better"), else
    judged by its name."""
    stated = _STATED_DIRECTION.search(metric_text)
    if stated:
        return stated.group(1).lower() == "lower"
    return bool(LOWER_IS_BETTER_RE.search(metric_text))


COND_RE = fast(COND, I)


def conditions(text: str) -> list[tuple[str, float, int]]:
    """Threshold conditions in ``text`` as (direction, value, offset): direction is ``floor``
    (fires when the value falls below), ``ceiling`` (fires above) or ``?``."""
    return _conditions(text, COND_RE)


RESULT_CLAIM_RE = re.compile(
    r"\b(?:outperform\w*|exceed\w*|(?:better|worse|higher|lower) than|"
    r"(?:improvement|uplift|gain|step forward|improves?|improved)\b[^.;]{0,40}?\b(?:over|upon|"
    r"from|versus|vs)\b|compar\w+ (?:\w+ )?(?:with|to|against)|"
    r"(?:benchmarked|evaluated|validated|tested|assessed|measured) against)", re.I)
"""A result claimed against a comparator in words: a comparative verb with its object."""
