"""One part's figure on its own: a line or table row reporting a measure for a single part of
the population ("Night shift only: 91%", "Same, tenants over 70 | 84%"). One such figure is
the thin floor of a breakdown: the part was looked at, though no second part is set beside it.
"""

from __future__ import annotations

import re

from dcrdraft.review.absence import negated
from dcrdraft.review.facts.metrics import is_metric_name
from dcrdraft.review.facts.parts import names_part
from dcrdraft.review.facts.table_metrics import measure_and_part
from dcrdraft.review.facts.vocab import matches, vocab
from dcrdraft.review.fastre import fast

_FIG = fast(r"[+−-]?\d+(?:\.\d+)?\s?%|(?<![\w.])[01]?\.\d{2,}(?![\w%])")
"""A rate or a 0-1 score, never a count."""
_SIZE = re.compile(r"\(\s*(?:n\s?=\s?)?\d[\d,]*(?=\s*(?:,|\)|of\b|[^\W\d_]))[^()]*\)", re.I)
"""A part's own count in an aside ("(n = 340)", "(40, added this release)"), never a rate."""
_AMONG = re.compile(r"^[^\W\d][\w'-]*(?:\s[\w'-]+){0,2}?\s(?:for|among|from)\s+(?P<part>.+)$", re.I)
"""A label narrowing what it counts to a group ("Claims from sole traders")."""
_ASIDE = re.compile(r"\([^()]*\)")
_ITEMS = re.compile(r"\s[•·▪]\s|\n")
"""Items run together on one line (a chat message's bullets)."""
_SAME = re.compile(r"^(?:same|ditto|of which)\b\W+(?P<part>.+)$", re.I)
"""A row going on with the measure of the row above for one part ("Same, women")."""


def _restricted(label: str) -> str | None:
    """The part a line's label narrows the figure to: a part followed by a restricting word
    ("Rural routes only", "Tablets alone"), named after "for", "among" or "from" ("Claims
    from sole traders") or carrying its own count ("Flat lesions (n = 340)"); never a
    metric, split, period or version."""
    sized = bool(_SIZE.search(label))
    core = _ASIDE.sub("", label).strip(" *_`")
    tail = vocab("part_restriction").search(core)
    among = _AMONG.match(core)
    if tail is not None and not core[tail.end():].strip(" .,"):
        core = core[:tail.start()].strip(" ,")
    elif among is not None:
        core = among.group("part")
    elif not sized:
        return None
    return core if core and names_part(core) and not is_metric_name(core) else None


def lone_part_line(text: str) -> str | None:
    """The part named by a "label: figure" line (or bulleted item) that reports a figure
    for one part alone."""
    for item in _ITEMS.split(text):
        label, colon, rest = re.sub(r"^\W+", "", item).partition(":")
        if colon and len(label) <= 80 and _FIG.search(rest) and (part := _restricted(label)):
            return part
    return None


def lone_part_row(rows: list[list[str]]) -> str | None:
    """The part named by a measure row of a table that reports one measure for one part: a
    row naming both ("Recall, night shift"), a row going on with the measure above ("Same,
    women"), or a row that pairs another row's measure with a part ("Defects, all" then
    "Defects, glazed pots"; "Correct" then "Tenancy questions, correct")."""
    labels = [_ASIDE.sub("", r[0] if r else "").strip(" *_`") for r in rows[1:]]
    measures = {x.lower() for x in labels} | {x.split(",")[0].strip().lower() for x in labels
                                              if re.search(r",\s*(?:all|overall|total)\b", x,
                                                           re.I)}
    for row, label in zip(rows[1:], labels):
        if not any(_FIG.search(c) for c in row[1:]):
            continue
        part = measure_and_part(label, "")[1]
        if part is None and (same := _SAME.match(label)):
            part = same.group("part")
        if part is None and _SIZE.search(row[0]) and _restricted(row[0]):
            part = label
        if part is None and "," in label:
            a, b = (x.strip() for x in label.split(",", 1))
            part = b if a.lower() in measures else a if b.lower() in measures else None
        if part and names_part(part) and not is_metric_name(part):
            return part
    return None


_SHIFT = fast(r"\b(?:lower|higher|worse|weaker|weakest|lowest|poorer|only|falls?|fell|drops?|"
              r"dropped|dips?|lags?|trails?)\b", re.I)
"""A word setting a figure apart from the whole ("lower", "only", "drops")."""
_PLACE = re.compile(r"\b(?:at|on|for|among|in|from|with)\s+(?:the\s+|a\s+)?(?P<part>(?!no\b)"
                    r"(?:[\w'–-]+\s){0,3}?[\w'–-]+"
                    r"(?:s|site|group|unit|ward|shift|region|line))\b", re.I)
"""A place or group a figure is for ("at the rural sites", "among patients with darker skin")."""
_HEDGE = re.compile(r"\b(?:if|may|might|could|would|should|must)\b", re.I)
"""A condition, conjecture or rule: no part was found to fare so."""


def lone_part_sentence(text: str) -> str | None:
    """The part a clause gives a figure for, set apart from the whole ("recall was lower at
    the two rural sites (81%)"), stated as found: never a condition, a rule, a bar or a
    negation, and never a part that is a comparator, an experiment's arm or the results
    themselves."""
    for clause in re.split(r"[;.]\s", text):
        if not _FIG.search(clause) or not _SHIFT.search(clause) or _HEDGE.search(clause) \
                or negated(clause) or matches("threshold_prose", clause):
            continue
        for m in _PLACE.finditer(clause):
            part = m.group("part")
            if names_part(part) and not is_metric_name(part) and not any(
                    matches(v, part) for v in ("experiment_arm", "comparator_prose",
                                               "result_word")):
                return part
    return None
