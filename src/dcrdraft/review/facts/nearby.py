"""Comparators stated beside a result rather than in its sentence.

Writers often give the headline figure in one sentence and what it should be read against in
the next ("Our model flags 88% of late orders. The planners' spreadsheet flagged 64% of the
same orders."), or as the next item of the same list ("- Acceptance bar: 80%"). The sentence
reader ties a comparator only to a figure of its own sentence, so such a result read as having
none. Here a sentence with a figure that describes the work done without the system, an
earlier version, or a bar to clear is the comparator of results in its neighbourhood: the same
paragraph, or the block just before or after it under the same heading (one list's items).
"""

from __future__ import annotations

import re

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.metrics import (PROSE_FIGURE, Comparator, ComparatorKind,
                                           operating_point_spans)
from dcrdraft.review.facts.prose_metrics import SAME_CASES
from dcrdraft.review.facts.vocab import matches, vocab
from dcrdraft.review.text import to_float

_VERSION = re.compile(r"(?<![\w-])(?:v\d+(?:\.\d+)*|version \d[\w.]*|release \d[\w.]*)\b(?![-.]\w)",
                      re.I)
"""A named version ("v0.9", "release 2.3"): the other side of a release comparison; never a
file or checkpoint name that holds one ("net-v1-2.bin")."""
_DENIED = re.compile(r"\b(?:no|not|never|without(?: an?| any)?)\s+(?:[\w-]+\s){0,4}?$", re.I)
"""A cue that is denied ("no baseline was run", "there is no figure for the old way"):
nothing to compare with."""


def _cue(text: str) -> bool:
    """Whether the sentence speaks of the other side of a comparison, and denies none (a
    sentence saying the old way has no figure gives no comparator, whatever else it names)."""
    found = False
    for pattern in (vocab("comparator_prose"), vocab("threshold_prose"), SAME_CASES, _VERSION):
        for m in pattern.finditer(text):
            if _DENIED.search(text, max(0, m.start() - 40), m.start()):
                return False
            found = True
    return found


def figure_in(text: str) -> re.Match[str] | None:
    held = operating_point_spans(text)
    return next((m for m in PROSE_FIGURE.finditer(text)
                 if not any(a <= m.start() < b for a, b in held)), None)


def neighbourhoods(ctx: Context) -> dict[int, int]:
    """Each prose block's ordinal, counted in document order (a block's neighbours are the
    ordinals one either side of it under the same heading)."""
    out: dict[int, int] = {}
    for u in ctx.units:
        if u.row is None and id(u.block) not in out:
            out[id(u.block)] = len(out)
    return out


def nearby_comparators(ctx: Context) -> list[tuple[Comparator, Unit]]:
    """Every prose sentence whose figure is the other side of a comparison, with the figure
    read as that comparator (read once per document)."""
    def compute() -> list[tuple[Comparator, Unit]]:
        out: list[tuple[Comparator, Unit]] = []
        for u in ctx.units:
            if u.row is not None:
                continue
            fig = figure_in(u.text)
            if fig is None or not _cue(u.text) or matches("method_statistic", u.text):
                continue  # raters' agreement names people, not the work done without it
            kind: ComparatorKind = "threshold" if vocab("threshold_prose").search(u.text) \
                else "baseline"
            value = float(fig.group("frac")) if fig.group("frac") else to_float(fig.group("num"))
            out.append((Comparator(kind, value, u.text[max(0, fig.start() - 40):fig.end() + 40],
                                   u.line, "beside the result"), u))
        return out
    return ctx.cached("nearby_comparators", compute)
