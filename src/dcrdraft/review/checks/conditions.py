"""Conditions (monitoring and rollback): where a missing measurable condition is reported,
and rollback triggers that are looser than the red alert they should back up."""

from __future__ import annotations

import re

from dcrdraft.review.checks.base import Hit, Params, check
from dcrdraft.review.context import Context
from dcrdraft.review.facts.conditions import TOPICS, analyse_conditions
from dcrdraft.review.text import compile_any, conditions, metric_key


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


@check("rollback_vs_alert", "finding")
def rollback_vs_alert(ctx: Context, params: Params) -> list[Hit]:
    """A rollback trigger looser than the red alert on the same metric by more than
    ``tolerance_points`` (or half the red level)."""
    tol = float(params.get("tolerance_points", 5))
    reds: dict[str, tuple[str, float]] = {}
    for c in analyse_conditions(ctx, "monitoring"):
        m = _RED_RE.search(c.unit.text)
        if not m:
            continue
        key = metric_key(c.unit.text[: m.start()]) or metric_key(c.unit.text)
        conds = [x for x in conditions(c.unit.text[m.start():]) if x[0] != "?"]
        if key and conds and key not in reds:
            reds[key] = conds[0][:2]
    hits: list[Hit] = []
    rb = compile_any((TOPICS["rollback"][0],))
    for c in analyse_conditions(ctx, "rollback"):
        if "\n" in c.unit.text or not (c.led or (rb and rb.search(c.unit.text))):
            continue
        key = metric_key(c.unit.text)
        if key not in reds:
            continue
        conds = [x for x in conditions(c.unit.text) if x[0] != "?"]
        if not conds:
            continue
        direction, value = conds[0][:2]
        red_dir, red = reds[key]
        if direction != red_dir:
            continue
        gap = red - value if direction == "floor" else value - red
        if gap > tol or (gap > 1 and red and gap / red > 0.5):
            detail = (f"rollback at {value:g} vs red alert at {red:g} on {key} "
                      f"({'below' if direction == 'floor' else 'above'})")
            hits.append(Hit(c.unit.line, c.unit.end_line, detail))
    return hits
