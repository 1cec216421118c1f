"""Two parts of the population set against each other in one sentence, each with its own
figure ("flagged at 14.2% against 6.9% for other students", "lower for renters (81%) than
for owners (88%)"): a breakdown in prose, the figure on each side of the comparison being a
part's, never a comparator's (a version, a system, a bar, a split or a period)."""

from __future__ import annotations

import re

from dcrdraft.review.facts.metrics import is_metric_name
from dcrdraft.review.facts.parts import names_part
from dcrdraft.review.facts.vocab import matches
from dcrdraft.review.fastre import fast

_FIG = r"(?:[+−-]?\d+(?:\.\d+)?(?:\s?[–-]\s?\d+(?:\.\d+)?)?\s?%|(?<![\w.])[01]?\.\d{2,}(?![\w%]))"
"""A rate or a 0-1 score, perhaps a range of them ("12.0–13.4%"), never a count."""
_AGAINST = r"\b(?:against|versus|vs\.?|compared (?:with|to)|than)\s+"
_PART = r"(?P<part>[^\W\d][\w'&/-]*(?:\s(?!(?:and|or|but|at|in|on|for)\b)[^\W\d][\w'&/-]*){0,4})"
_AFTER = fast(rf"{_AGAINST}(?:(?:about|around|only|just)\s+)?{_FIG}(?:\s*\([^()]*\))?\s+"
              rf"(?:for|in|among|on|at|from)\s+(?:the\s+)?{_PART}(?=\s*(?:[,;.)]|$|\s(?:and|but|"
              rf"while|whereas|with|over|during)\b))", re.I)
"""The second side named after its figure ("... against 85.4% (275 of 322) in the Premier
Division")."""
_BEFORE = fast(rf"{_AGAINST}(?:(?:for|in|among|on|at|from|with)\s+)?(?:the\s+)?{_PART}\s*"
               rf"\(\s*{_FIG}[^()]*\)", re.I)
"""The second side named before its figure in brackets ("... higher (12.0–13.4%) than at
Eastvale Hospital (9.1–10.8%)")."""
_FIRST = re.compile(_FIG)
_OWN_SIDE = re.compile(rf"{_FIG}(?:\s*\([^()]*\))?\s+(?:of\s+[\w-]+\s+)?(?:for|in|among|on|at)\s+"
                       rf"(?:the\s+)?{_PART}\s*,?\s*$", re.I)
"""The first side named after its figure ("24% of cases for the new triage tool vs ...")."""
_SOURCE = re.compile(r"\b(?:our|their|its)\b|\bby\s+\w|\b[^\W\d]+[a-z][A-Z]\w*", re.U)
"""What marks a side as the source of the figures rather than a part of the population: the
writer's own people or tools ("our radiologists"), an agent ("drafts written by officials")
or a product name's inner capital ("RouteMaster")."""
_WHOLE = re.compile(r"\b(?:overall|all|total|aggregate|average|combined|whole)\b", re.I)
"""A figure for the whole population: set against one part, it is no second part."""


def _a_part(label: str) -> bool:
    """Whether the second side is a part of the population, not what the system is compared
    with (a system, people doing the task, a previous version or a bar)."""
    return names_part(label) and not is_metric_name(label) and not _SOURCE.search(label) \
        and not any(matches(v, label) for v in ("comparator_system", "comparator_prose",
                                                "threshold_prose", "result_word"))


def compared_parts(text: str) -> bool:
    """Whether a sentence sets one part's figure against another part's: a figure before the
    comparison word, and after it a figure tied to a named part; a whole-population figure on
    the first side makes it one part against the whole, no breakdown."""
    for sentence in re.split(r"(?<=[.;])\s+", text):
        for m in (*_AFTER.finditer(sentence), *_BEFORE.finditer(sentence)):
            first = sentence[:m.start()]
            own = _OWN_SIDE.search(first)
            if not _FIRST.search(first) or _WHOLE.search(first[-80:]) or \
                    own is not None and not _a_part(own.group("part")):
                continue
            if _a_part(m.group("part")):
                return True
    return False
