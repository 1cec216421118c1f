"""The ``graded`` check type: a checklist item judged as a predicate over one family of graded
facts (``review.facts.people``, ``review.facts.governance``). The rule names which grades pass,
which are weak and which, stated anywhere, demote the item (fairness "not assessed")."""

from __future__ import annotations

from collections.abc import Callable

from dcrdraft.review.checks.base import Params, Verdict, check, misses_own_threshold
from dcrdraft.review.context import Context
from dcrdraft.review.absence import negated
from dcrdraft.review.facts.governance import (FAMILIES, GRADES, docs_facts, fairness_facts,
                                              privacy_facts)
from dcrdraft.review.facts.graded import Graded, own_sections, substantive, substantive_pool
from dcrdraft.review.facts.people import GRADES as READINESS_GRADES
from dcrdraft.review.facts.people import readiness_facts

FACTS: dict[str, Callable[[Context], list[Graded]]] = {
    "readiness": readiness_facts, "fairness": fairness_facts, "privacy": privacy_facts,
    "user_docs": docs_facts}
FAMILY_GRADES: dict[str, tuple[str, ...]] = {"readiness": READINESS_GRADES, **GRADES}


def _first(facts: list[Graded], grades: set[str]) -> Graded | None:
    return next((f for f in facts if f.grade in grades), None)


def _scope(ctx: Context, params: Params, facts: list[Graded]) -> tuple[list[Graded], list[Graded], bool]:
    """The facts under the rule's kinds, every fact that may count, and whether any section
    of those kinds (or the family's own by what it says) exists."""
    family = str(params["family"])
    own_kind = FAMILIES[family]
    kinds = set(params.get("kinds") or ())
    own = own_sections(facts, own_kind)
    if own_kind in kinds or own_kind in set(params.get("prefer") or ()):
        kinds.add(own_kind)
    units = [u for u in substantive_pool(ctx) if not negated(u.text)
             and (u.kinds & kinds or id(u.section) in own)]
    in_section = bool(units)
    scoped = [f for f in facts if f.kinds & kinds]
    everywhere = facts if params.get("anywhere", True) or not in_section else scoped
    prefer = set(params.get("prefer") or ())
    if prefer:
        prefer |= {own_kind} if own_kind in prefer or own else set()
        if any(u.kinds & prefer or (own_kind in prefer and id(u.section) in own)
               for u in units):
            scoped = [f for f in scoped if f.kinds & prefer]
            everywhere = scoped
    return scoped, everywhere, in_section


def judge(ctx: Context, params: Params) -> Verdict:
    """The item's verdict from the family's facts, before demotion."""
    facts = FACTS[str(params["family"])](ctx)
    scoped, everywhere, in_section = _scope(ctx, params, facts)
    passing = set(params.get("pass") or ())
    weak = set(params.get("weak") or ()) | passing
    pools = [[f for f in scoped if not f.chunk], [f for f in scoped if f.chunk],
             [f for f in everywhere if not f.chunk]]
    if not in_section:
        pools.append([f for f in everywhere if f.chunk])
    for pool in pools:
        hit = _first(pool, passing)
        if hit is not None:
            return Verdict("pass", hit.unit, detail=hit.grade)
    hit = _first([f for f in scoped if not f.chunk], weak) or \
        _first([f for f in everywhere if not f.chunk], weak)
    if hit is not None:
        return Verdict("weak", hit.unit, detail=hit.grade)
    min_words = int(params.get("section_words", 0))
    if in_section and min_words:
        kinds = set(params.get("kinds") or ())
        units = [u for u in substantive(ctx.in_kinds(kinds)) if not negated(u.text)]
        if units and sum(len(u.text.split()) for u in units) >= min_words:
            return Verdict("weak", units[0])
    return Verdict("missing")


@check("graded", "item")
def graded_item(ctx: Context, params: Params) -> Verdict:
    """Pass on a fact whose grade the rule lists under ``pass``, weak on one under ``weak``;
    a ``demote`` grade stated anywhere drops a pass to weak and a weak to missing (unless the
    demoting statement is itself weak evidence, as an explained "not assessed" is)."""
    verdict = judge(ctx, params)
    facts = FACTS[str(params["family"])](ctx)
    demoting = _first(facts, set(params.get("demote") or ()))
    weak = set(params.get("weak") or ())
    if demoting is not None and verdict.status != "missing":
        if verdict.status == "pass":
            return Verdict("weak", verdict.unit, detail=demoting.grade)
        reason = _first(facts, set(params.get("demote") or ()) & weak)
        return Verdict("weak", reason.unit, detail=reason.grade) if reason else Verdict("missing")
    if params.get("own_threshold") and verdict.status == "pass":
        short = next((f for f in facts if f.grade in set(params.get("pass") or ())
                      and misses_own_threshold(f.unit.text)), None)
        if short is not None:
            return Verdict("weak", short.unit, detail="misses its own threshold")
    return verdict
