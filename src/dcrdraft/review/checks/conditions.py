"""Conditions (monitoring and rollback): where a missing measurable condition is reported,
and rollback triggers that are looser than the red alert they should back up."""

from __future__ import annotations

import re

from dcrdraft.review.checks.base import Hit, Params, check
from dcrdraft.review.context import Context
from dcrdraft.monitoring.reading import Comparison
from dcrdraft.review.facts.conditions import TOPICS, analyse_conditions
from dcrdraft.review.facts.monitoring import comparison_in, monitoring_signals
from dcrdraft.review.facts.rollback import rollback_triggers
from dcrdraft.review.text import compile_any, metric_key


def absent_at(ctx: Context, topic: str) -> list[Hit]:
    """Where a missing ``topic`` condition is reported: at the vague, placeholder or absence
    statement, else the statement naming the topic, else its heading, else line 1."""
    conds = analyse_conditions(ctx, topic)
    own = set(TOPICS[topic][2])
    named = re.compile(TOPICS[topic][0], re.I)
    core = re.compile(r"monitor|alert|roll ?-?back|revert|kill[- ]?switch", re.I)
    bad = next((c for c in conds if (c.vague or c.placeholder or c.absent) and
                (core.search(c.unit.text) or c.unit.kinds & own)), None)
    if bad is not None:
        what = "placeholder" if bad.placeholder else "stated as absent" if bad.absent else \
            "vague wording" if bad.vague else "no figure"
        return [Hit(bad.unit.line, bad.unit.end_line, f"{what}: \"{shorten(bad.unit.text)}\"")]
    # The statement about the topic that should have carried the figure.
    said = next((c for c in conds if named.search(c.unit.text) and c.unit.kinds & own), None) \
        or next((c for c in conds if named.search(c.unit.text)), None)
    if said is not None:
        return [Hit(said.unit.line, said.unit.end_line, f"no figure: \"{shorten(said.unit.text)}\"")]
    heads = ctx.sections_of(own) or ctx.sections_of(("conditions", "deployment"))
    if heads:
        return [Hit(heads[0].line, max(heads[0].line, heads[0].end_line),
                    f"section \"{heads[0].title}\"")]
    return [Hit(1, 1, "nowhere in the document")]


def shorten(text: str, n: int = 70) -> str:
    """``text`` on one line, cut to ``n`` characters with an ellipsis, for quoting in a message."""
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


_RED_RE = re.compile(r"\bred\b|\bcritical(?: alert)?\b|\bpage\b|\bsev[- ]?1\b|\bp0\b", re.I)


def _red_alerts(ctx: Context) -> dict[str, Comparison]:
    """The red alert of each monitored metric (by metric key): a table row's red column, or a
    signal whose own words call it red, critical or paging; the first one stated wins."""
    reds: dict[str, Comparison] = {}
    for s in monitoring_signals(ctx):
        if s.placeholder:
            continue
        cmp = s.threshold if s.cells is not None and "red" in s.cells else None
        red_word = _RED_RE.search(s.unit.text) if cmp is None else None
        if red_word is not None:  # "warn above 2.5%, critical above 4%": the figure after it
            cmp = comparison_in(s.unit.text[red_word.start():])
        if cmp is None or cmp.direction == "?":
            continue
        key = metric_key(s.metric or "") or metric_key(s.unit.text)
        if key:
            reds.setdefault(key, cmp)
    return reds


@check("rollback_vs_alert", "finding")
def rollback_vs_alert(ctx: Context, params: Params) -> list[Hit]:
    """A rollback trigger looser than the red alert on the same metric by more than
    ``tolerance_points`` (or half the red level); read from the monitoring-signal and
    rollback-trigger facts, only where both state a figure in the same unit and direction."""
    tol = float(params.get("tolerance_points", 5))
    reds = _red_alerts(ctx)
    hits: list[Hit] = []
    rb = compile_any((TOPICS["rollback"][0],))
    for t in rollback_triggers(ctx):
        cmp = t.threshold
        if cmp is None or t.placeholder or "\n" in t.text or not (
                "rollback" in t.unit.kinds or (rb and rb.search(t.text))):
            continue
        key = metric_key(t.text)
        red = reds.get(key) if key else None
        if red is None or red.direction != cmp.direction or red.unit != cmp.unit:
            continue
        gap = red.value - cmp.value if cmp.direction == "floor" else cmp.value - red.value
        if gap > tol or (gap > 1 and red.value and gap / red.value > 0.5):
            detail = (f"rollback at {cmp.value:g} vs red alert at {red.value:g} on {key} "
                      f"({'below' if cmp.direction == 'floor' else 'above'})")
            hits.append(Hit(t.line, t.end_line, detail))
    return hits
