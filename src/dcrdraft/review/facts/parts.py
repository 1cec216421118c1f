"""Whether a label names a part of the population (a segment), read by the table and prose
readers alike: a split, period, version, comparator, experiment arm or alert level is never a
part, nor is a column named for what produced its figures."""

from __future__ import annotations

import re

from dcrdraft.review.facts.vocab import matches
from dcrdraft.review.fastre import fast

NOT_PART = fast(r"\d|\b(?:test|tests|validation|held-?out|train\w*|dev|benchmark|eval\w*|"
                r"data ?sets?|split|sample|overall|total|average|all|week|month|quarter|"
                r"year|day|period|version|release|before|after|previous|prior|old|new|"
                r"baseline|target|threshold|goal|limit|example|instance|addition|particular|"
                r"practice|short|contrast|comparison|aggregate|summary|production|pilot|amber|"
                r"red|green|yellow|alert|warning|critical)\b", re.I)
"""Names that are no part of the population: splits, periods, versions, comparators."""
RIVAL = fast(r"\b(?:model|system|engine|approach|method|tool|vendor|human|manual|rules?|"
             r"ours|candidate)\b", re.I)
"""A column named for what produced the figures, not for whom ("Model A", "Manual")."""
_ASIDE = re.compile(r"\([^()]*\)")


def names_part(label: str) -> bool:
    """Whether ``label`` could name a part of the population (the caller rules out metric
    names); an aside in brackets ("Legacy names (e.g. 185delAG)") is no part of the name."""
    label = _ASIDE.sub("", label).strip(" *_`")
    return bool(re.search(r"[^\W\d_]", label)) and not NOT_PART.search(label) and \
        not matches("experiment_arm", label) and not matches("baseline_column", label) and \
        not RIVAL.search(label)


def parts_down(labels: list[str]) -> bool:
    """Whether a table's row labels (overall rows left out) are two or more parts of the
    population ("Swordfish", "Bigeye tuna", "Other"): rows of periods, versions, splits or
    systems are no breakdown."""
    return len(labels) >= 2 and all(names_part(x) for x in labels)
