"""Generic check types: evidence patterns for an item, and pattern occurrences as findings."""

from __future__ import annotations

from ..context import Context, Unit
from ..text import compile_any
from .base import (PLACEHOLDER_X, Hit, Params, Verdict, check, groups, matches_all, negated,
                   patterns, scoped)


def _search(units: list[Unit], alts: list[tuple[object, ...]], reject: object) -> Unit | None:
    for u in units:
        if any(matches_all(u.text, a) for a in alts):  # type: ignore[arg-type]
            if reject is None or not reject.search(u.text):  # type: ignore[attr-defined]
                return u
    return None


def _affirmed(units: list[Unit]) -> list[Unit]:
    """Units that do not state the absence of what they name ("has not been tested")."""
    return [u for u in units if not negated(u.text)]


@check("evidence", "item")
def evidence(ctx: Context, params: Params) -> Verdict:
    """Pass when a unit under ``kinds`` matches a ``pass`` alternative, weak on ``weak``.
    Statements of absence ("has not been evaluated", "N/A") are no evidence either way
    unless ``negation: false``; with ``prefer`` kinds present, only they can pass."""
    reject = compile_any(patterns(params, "reject"))
    units, in_section = scoped(ctx, params)
    chunks, _ = scoped(ctx, params, chunks=True)
    everywhere = ctx.units if params.get("anywhere", True) else units
    if params.get("negation", True):
        units, chunks, everywhere = _affirmed(units), _affirmed(chunks), _affirmed(everywhere)
    prefer = set(params.get("prefer") or ())
    if prefer and any(u.kinds & prefer for u in units):
        units = [u for u in units if u.kinds & prefer]
        chunks = [u for u in chunks if u.kinds & prefer]
        everywhere = units
    for pool in ((units, chunks, everywhere) if in_section else (units, chunks)):
        hit = _search(pool, groups(params, "pass"), reject)
        if hit is not None:
            return Verdict("pass", hit)
    weak_alts = groups(params, "weak") + groups(params, "pass")
    hit = _search(units, weak_alts, None) or _search(everywhere, weak_alts, None)
    if hit is not None:
        return Verdict("weak", hit)
    min_words = int(params.get("section_words", 0))
    if in_section and min_words:
        words = sum(len(u.text.split()) for u in units)
        if words >= min_words:
            return Verdict("weak", units[0])
    return Verdict("missing")


@check("pattern", "finding")
def pattern(ctx: Context, params: Params) -> list[Hit]:
    """One finding per unit matching ``patterns`` (or the built-in placeholder list)."""
    rx = compile_any(patterns(params, "patterns")) if params.get("patterns") else PLACEHOLDER_X
    unless = compile_any(patterns(params, "unless"))
    units, _ = scoped(ctx, params)
    hits: list[Hit] = []
    seen: set[int] = set()
    for u in units:
        m = rx.search(u.text) if rx else None
        if m and u.line not in seen and not (unless and unless.search(u.text)):
            seen.add(u.line)
            hits.append(Hit(u.line, u.end_line, m.group(0)))
    return hits
