"""Figures labelled by what they measure the work of ("(previous release: 99.2%)",
"— old rules: 150 / 212 (70.8%)", "(call handlers: 1.6%)").

A result is often followed by a second figure for the same measure, labelled with a colon by
the thing it belongs to. When that label names a version, the process being replaced or the
people doing the task today, the second figure is the result's comparator, however the label
is worded; a label naming a part of the population ("(night shift: 88%)") is not one.
"""

from __future__ import annotations

import re

from dcrdraft.review.facts.vocab import matches

_LABEL = re.compile(r"(?:^|[(;—–]|\s-\s)\s*(?P<label>[^():;%\d]{2,50}?|v?\d+(?:\.\d+)+)\s*:\s*"
                    r"(?:\d[\d,]*\s*(?:/|of)\s*\d[\d,]*\s*\(\s*)?$", re.I)
"""A label ending in a colon just before a figure, after an opening bracket, a semicolon or a
dash; a count of a total may stand between ("old rules: 150 / 212 (70.8%)")."""
_RELEASE = re.compile(r"v?\d+(?:\.\d+)+", re.I)
"""A label that is a release number ("2025.11", "v4.2")."""
_OTHER_SIDE = ("baseline_column", "human_column", "comparator_prose", "comparator_system")
_SEPARATOR = re.compile(r"[(;—–]|\s-\s")


def label_before(text: str, start: int) -> str | None:
    """The label that ends with a colon just before the figure at ``start``, when the figure
    follows another one in its sentence (the labelled figure is a second side)."""
    window = text[max(0, start - 80):start]
    m = _LABEL.search(window)
    if m is None:
        return None
    at = start - len(window) + m.start("label")
    opened = _SEPARATOR.search(text, max(0, at - 4), at)
    if opened is None or not re.search(r"\d", text[:opened.start()]):
        return None  # a label opening the sentence names its subject, not a second side
    return m.group("label").strip()


def names_comparator(label: str) -> bool:
    """Whether a figure's label names a release, the way the work is done today or the people
    doing it: the other side of a comparison, unless it also names the new system."""
    if _RELEASE.fullmatch(label):
        return True
    if matches("value_column", label):
        return False
    return any(matches(v, label) for v in _OTHER_SIDE)
