"""The risk check types: the register (C08), its concrete mitigations (C09), residual risk
(C10), vague entries (``vague_risk``, which M01 builds on) and entries lacking fields (X06).
What they read lives in ``risk_entries`` (the entries), ``risk_mitigations`` (how each is
answered) and ``unregistered_risks`` (risks and controls stated outside a register)."""

from __future__ import annotations

import re

from dcrdraft.review.context import Context
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import FIGURE_RE
from dcrdraft.review.checks.base import Hit, Params, Verdict, check
from dcrdraft.review.checks.risk_entries import entries
from dcrdraft.review.checks.risk_entry import FIELDS
from dcrdraft.review.checks.risk_mitigations import (CROSS_REF, answered_generically,
                                                     boilerplate_mitigation, generic_mitigation,
                                                     says_nothing, specific, vague)
from dcrdraft.review.checks.risk_tables import finding_entries
from dcrdraft.review.checks.unregistered_risks import (brief_failure_notes,
                                                       prose_mitigations, risks_named)


_LEVEL = re.compile(r"\b(?:critical|high|medium|moderate|low|minor|major|severe|negligible|"
                    r"catastrophic|[1-5]\s?/\s?5)\b", re.I)


@check("risk_register", "item")
def risk_register(ctx: Context, params: Params) -> Verdict:
    """Pass when risk entries state ``require`` fields (share ``share``); weak when entries
    exist but lack them."""
    es = sorted(entries(ctx) + finding_entries(ctx), key=lambda e: e.line)
    need = set(params.get("require", ["severity", "mitigation", "owner"]))
    share = float(params.get("share", 0.6))
    if not es:
        said = risks_named(ctx)
        if brief_failure_notes(ctx, said, int(params.get("notes_min_words", 50))):
            said = []  # a release's few known issues: failure modes (C07), no risks named
        if said and params.get("prose_is_weak", True):
            return Verdict("weak", said[0], detail="a register (risks are stated only in prose)")
        return Verdict("missing")
    full = [e for e in es if need <= e.fields]
    # Every field filled with words nobody could act on ("Ongoing monitoring", risk after
    # risk) is a register's form without its substance: complete only with some controls.
    if len(es) >= int(params.get("min", 2)) and len(full) >= share * len(es) and \
            3 * sum(map(specific, es)) >= len(es):
        return Verdict("pass", None, detail=f"{len(es)} risks", line=es[0].line)
    missing = sorted(need - es[0].fields.intersection(*(e.fields for e in es[1:])))
    if not missing and len(es) >= int(params.get("min", 2)):
        missing = ["a concrete mitigation"]
    return Verdict("weak", None, detail=", ".join(missing) or "too few entries",
                   line=es[0].line)


@check("specific_mitigations", "item")
def specific_mitigations(ctx: Context, params: Params) -> Verdict:
    """Pass when at least ``share`` of risk entries carry a concrete mitigation."""
    es = entries(ctx)
    if not es:
        return prose_mitigations(ctx, params)
    good = [e for e in es if specific(e)]
    # A mitigation in words that answer nothing ("ongoing monitoring") beside concrete ones
    # makes the register a mix; a risk left unanswered, or answered elsewhere, does not.
    said = next((e for e in es if e not in good and not CROSS_REF.search(e.mitigation) and (
        says_nothing(e.mitigation) if e.mitigation.strip() else answered_generically(e.text))),
        None)
    if good and len(good) >= float(params.get("share", 0.7)) * len(es) and said is None:
        return Verdict("pass", None, detail=f"{len(good)}/{len(es)}", line=good[0].line)
    if good:
        bad = said or next(e for e in es if not specific(e))
        return Verdict("weak", None, detail=f"{len(good)}/{len(es)}", line=bad.line)
    generic = next((e for e in es if "mitigation" in e.fields and e.mitigation.strip()), None)
    if generic is not None and not all(map(boilerplate_mitigation, es)):
        return Verdict("weak", None, detail=f"0/{len(es)}", line=generic.line)
    return Verdict("missing", None, detail=f"0/{len(es)}", line=es[0].line)


@check("residual_risk", "item")
def residual_risk(ctx: Context, params: Params) -> Verdict:
    """Pass when most risk entries give the residual risk with a level, or a statement gives
    the overall level (or each risk's) with its reasons; weak on a mention or a bare level.
    Without a register, a findings table's rows stand in: a validation that rates what
    remains of each finding states it per risk."""
    es = entries(ctx) or finding_entries(ctx)
    with_res = [e for e in es if "residual" in e.fields]
    if es and len(with_res) >= float(params.get("share", 0.5)) * len(es):
        # Levels left after mitigations nobody could act on ("Low" after "ongoing
        # monitoring", for most risks) are bare: what remains is judged against controls.
        if 3 * sum(map(specific, es)) >= len(es):
            return Verdict("pass", None, line=with_res[0].line)
        return Verdict("weak", None, line=with_res[0].line)
    # A position on the whole ("all risks are within appetite") states what remains, bare.
    stmt = [u for u in ctx.units if FIELDS["residual"].search(u.text) or
            vocab("risk_accepted").search(u.text) and not FIGURE_RE.search(u.text)]
    # An overall level passes with its reasons ("moderate, because the fallback is not yet
    # tested"), under a register without a residual column too; bare ("Residual risk: low")
    # it is what the conventions call weak. A section of no known kind may hold it, and so
    # may the decision or its conditions, where a validation states the level it accepts.
    strong = [u for u in stmt if _LEVEL.search(u.text) and (
        vocab("stated_reason").search(u.text) or _explained(u.text))
              and (not u.kinds or u.kinds & {"risks", "safety", "summary", "fairness",
                                             "recommendation", "conditions"})]
    if strong:
        return Verdict("pass", strong[0])
    if stmt or with_res:
        return Verdict("weak", stmt[0] if stmt else None,
                       line=None if stmt else with_res[0].line)
    return Verdict("missing")


_GLOSS = re.compile(r"\s*(?::|\(|\s[-–—]\s|—|,\s*(?:driven|mainly|mostly|largely|chiefly)\b)"
                   r"\s*[\w'-]+(?:\W+[\w'-]+){3}")
"""An explanation set right after a level ("Moderate: the fallback is manual", "medium
(some customers wait five days)", "Low - the agent may still read it out", "medium, driven
by the untested fallback")."""


_WHILE_OPEN = re.compile(r"^\W*(?:until|unless|while)\s[^,]{5,80},", re.I)
"""A level set under what keeps it there ("until the two findings are closed, ... moderate")."""


def _explained(text: str) -> bool:
    """Whether a residual level is followed by what remains and why, in a gloss of its own,
    or is stated under the open matter that holds it."""
    return _WHILE_OPEN.match(text) is not None or any(
        _GLOSS.match(text, m.end()) for m in _LEVEL.finditer(text))


@check("vague_risk", "finding")
def vague_risk(ctx: Context, params: Params) -> list[Hit]:
    """Risk entries whose mitigation is absent or vague; adjacent ones become one span."""
    hits: list[Hit] = []
    es = entries(ctx)
    careful = len(es) >= 3 and sum(map(specific, es)) > len(es) / 2
    for e in es:
        if not vague(e) or careful and not generic_mitigation(e):
            continue
        title = e.title.strip(" .:")[:50]
        if hits and e.line - hits[-1].end_line <= 3:
            hits[-1].end_line = e.end_line
            hits[-1].detail = hits[-1].detail.split(" (")[0] + " (and following)"
        else:
            hits.append(Hit(e.line, e.end_line, f"\"{title}\""))
    return hits


@check("risk_fields", "finding")
def risk_fields(ctx: Context, params: Params) -> list[Hit]:
    """In a structured register, entries lacking any of ``require`` fields."""
    need = list(params.get("require", ["severity", "likelihood", "owner", "residual"]))
    es = entries(ctx)
    if not any(len((e.fields | e.declared) & set(need)) >= 2 for e in es):
        return []
    # A field no entry gives nor any header names is the register's omission, said once; a
    # field the register carries and this entry leaves empty is the entry's gap.
    carried = set().union(*(e.fields | e.declared for e in es))
    absent = [f for f in need if f not in carried]
    hits = []
    if absent:
        hits.append(Hit(es[0].line, es[0].line,
                        f"no entry of the register gives {', '.join(absent)}"))
    for e in es:
        lack = [f for f in need if f not in e.fields and f in carried]
        if lack:
            hits.append(Hit(e.line, e.end_line, f"\"{e.title.strip(' .:')[:40]}\" lacks "
                                                f"{', '.join(lack)}"))
    return hits
