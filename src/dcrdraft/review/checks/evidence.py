"""Generic check types: evidence patterns for an item, and pattern occurrences as findings."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.signoffs import signoffs
from dcrdraft.review.text import clean, compile_any, sentences
from dcrdraft.review.absence import untask
from dcrdraft.review.checks.base import (PLACEHOLDER_X, Hit, Params, Verdict, check, groups, matches_all,
                   misses_own_threshold, negated, patterns, scoped)


def _search(units: list[Unit], alts: list[tuple[Any, ...]],
            reject: re.Pattern[str] | None) -> Unit | None:
    for u in units:
        if any(matches_all(u.text, a) for a in alts):
            if reject is None or not reject.search(u.text):
                return u
    return None


def _affirmed(units: list[Unit]) -> list[Unit]:
    """Units that do not state the absence of what they name ("has not been tested")."""
    return [u for u in units if not negated(u.text)]


def _substantive(ctx: Context, units: list[Unit]) -> list[Unit]:
    """Units without their content-free claims (the ``boilerplate`` vocabulary): a sentence
    that is boilerplate is dropped, a paragraph keeps its other sentences. Each unit is
    judged once per document (every evidence rule asks about the same units)."""
    known: dict[int, Unit | None] = ctx.cached("evidence.substantive", dict)
    out: list[Unit] = []
    for u in units:
        key = id(u)
        if key not in known:
            known[key] = _without_boilerplate(u)
        kept = known[key]
        if kept is not None:
            out.append(kept)
    return out


def _without_boilerplate(u: Unit) -> Unit | None:
    if not is_boilerplate(u.text):
        return u
    parts = sentences(u.text)
    rest = [s for s in parts if not is_boilerplate(s)]
    if rest and len(rest) < len(parts):
        return replace(u, text=" ".join(rest))
    return None


@check("evidence", "item")
def evidence(ctx: Context, params: Params) -> Verdict:
    """Pass when a unit under ``kinds`` matches a ``pass`` alternative, weak on ``weak``.
    Statements of absence ("has not been evaluated", "N/A") are no evidence either way
    unless ``negation: false``; with ``prefer`` kinds present, only they can pass. When the
    document itself denies the item (a unit matching a ``deny`` pattern: "Fairness has not
    been assessed"), a pass drops to weak and a weak to missing. With
    ``own_threshold``, a pass drops to weak when a passing unit's figure misses the limit
    stated beside it without saying so."""
    verdict = _evidence(ctx, params)
    deny = compile_any(patterns(params, "deny"))
    if deny is not None and verdict.status != "missing":
        said = next((u for u in ctx.units if deny.search(u.text)), None)
        if said is not None:
            return Verdict("weak", verdict.unit) if verdict.status == "pass" \
                else Verdict("missing")
    if params.get("own_threshold") and verdict.status == "pass":
        alts = groups(params, "pass")
        short = next((u for u in ctx.units if any(matches_all(u.text, a) for a in alts)
                      and misses_own_threshold(u.text)), None)
        if short is not None:
            return Verdict("weak", short)
    return verdict


def _without_roles(ctx: Context, units: list[Unit]) -> list[Unit]:
    """Units without the role of the approver they record: a "Legal and Compliance" sign-off
    row says who signs, not that anything was assessed."""
    roles = {s.line: s.role for s in signoffs(ctx) if s.role}
    if not roles:
        return units
    return [replace(u, text=u.text.replace(roles[u.line], "", 1))
            if u.line in roles and u.line == u.end_line and roles[u.line] in u.text else u
            for u in units]


_ID_HEADER = re.compile(r"^\W*(?:[\w-]+\s)?(?:#|no\.?|nr\.?|id|ref(?:erence)?\.?|number)\W*$", re.I)
"""A table column that numbers its rows ("#", "ID", "Risk ID", "Ref")."""
_ID_CELL = re.compile(r"^[\w./-]{1,12}$")


def _without_identifiers(units: list[Unit]) -> list[Unit]:
    """Table rows without the cell that numbers them: a risk's reference ("R-02", "DPQ-1")
    is no count of anything, so a row's figure must come from what it says."""
    out = []
    for u in units:
        rows = u.block.rows
        if u.row is not None and rows and u.row < len(rows):
            for head, cell in zip(rows[0], rows[u.row]):
                h, c = clean(head), clean(cell)
                field = f"{h}: {c}"
                if _ID_HEADER.match(h) and _ID_CELL.match(c) and field in u.text:
                    rest = u.text.replace(f"{field}; ", "", 1) if f"{field}; " in u.text \
                        else u.text.replace(field, "", 1)
                    u = replace(u, text=rest)
        out.append(u)
    return out


def _question(units: list[Unit], i: int) -> str:
    """What unit ``i`` answers: the heading above it, or the question or run-in label just
    before it in its section ("What will it do?", "What it does.")."""
    u = units[i]
    prev = units[i - 1] if i else None
    if prev is not None and prev.section is u.section and len(prev.text.split()) <= 10 and \
            prev.text.rstrip().endswith(("?", ":", ".")):
        return f"{u.section.title or ''} | {prev.text}"
    return u.section.title or ""


def _answer(ctx: Context, params: Params) -> Unit | None:
    """The first unit of at least ``answers.words`` words that answers a question the
    ``answers.asks`` pattern names (a heading, question or run-in label above it): a
    "What it does" heading over a full sentence states the purpose whatever its verbs."""
    spec = params.get("answers")
    if not isinstance(spec, dict):
        return None
    asks = compile_any(patterns(spec, "asks"))
    least = int(spec.get("words", 8))
    units = _affirmed(_substantive(ctx, ctx.units))
    for i, u in enumerate(units):
        if asks is not None and len(u.text.split()) >= least and asks.search(_question(units, i)):
            return u
    return None


def _opening(ctx: Context, params: Params) -> Unit | None:
    """The first of the document's opening sentences (its first ``opening.units`` sentences
    of at least ``opening.words`` words, whatever heading they sit under) that matches an
    ``opening.pass`` alternative: a reader learns what a document is about from how it opens,
    whether it is a report, a memo, a ticket or an FAQ. A sentence matching ``opening.reject``
    (a header, a byline, sales words) is not one of them, nor is one under a section of the
    ``opening.not_in`` kinds (a method, a risk: what comes after the opening), and a document making ``claims``
    or more content-free claims earns nothing from how it opens."""
    spec = params.get("opening")
    if not isinstance(spec, dict):
        return None
    least, count = int(spec.get("words", 12)), int(spec.get("units", 6))
    if sum(1 for u in ctx.units if is_boilerplate(u.text)) >= int(spec.get("claims", 2)):
        return None  # a document of content-free claims: its opening is one more of them
    alts = groups(spec, "pass")
    reject = compile_any(patterns(spec, "reject"))
    later = set(spec.get("not_in") or ())
    opening = [u for u in _affirmed(_substantive(ctx, ctx.units))
               if len(u.text.split()) >= least and not (reject and reject.search(u.text))
               and not u.kinds & later][:count]
    return next((u for u in opening if any(matches_all(u.text, a) for a in alts)), None)


def _under_heading(units: list[Unit]) -> list[Unit]:
    """The first unit of each titled section read with its heading: a heading often names
    what the paragraph under it is ("Pilot results (24 sites)", "A/B test, two weeks")."""
    seen: set[int] = set()
    out: list[Unit] = []
    for u in units:
        if id(u.section) in seen or not u.section.title:
            continue
        seen.add(id(u.section))
        title = _NUMBERING.sub("", u.section.title)
        out.append(replace(u, text=f"{title}. {u.text}"))
    return out


_NUMBERING = re.compile(r"^\W*(?:\d+(?:\.\d+)*\.?|[A-Z]\.)\s+")
"""A heading's own number ("3.2 Results"): no count of anything evaluated."""


def _evidence(ctx: Context, params: Params) -> Verdict:
    reject = compile_any(patterns(params, "reject"))
    units, in_section = scoped(ctx, params)
    chunks, _ = scoped(ctx, params, chunks=True)
    everywhere = ctx.units if params.get("anywhere", True) else units
    units, chunks, everywhere = (_substantive(ctx, units), _substantive(ctx, chunks),
                                 _substantive(ctx, everywhere))
    if not params.get("signoff_roles", True):
        units, chunks, everywhere = (_without_roles(ctx, units), _without_roles(ctx, chunks),
                                     _without_roles(ctx, everywhere))
    if not params.get("identifiers", True):
        units, chunks, everywhere = (_without_identifiers(units), _without_identifiers(chunks),
                                     _without_identifiers(everywhere))
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
    if params.get("headings"):
        hit = _search(_under_heading(chunks or units), groups(params, "pass"), reject)
        if hit is not None:
            return Verdict("pass", hit)
    answer = _answer(ctx, params) or _opening(ctx, params)
    if answer is not None:
        return Verdict("pass", answer)
    weak_alts = groups(params, "weak") + groups(params, "pass")
    hit = _search(units, weak_alts, None) or _search(everywhere, weak_alts, None)
    if params.get("claims_touch") and hit is None:
        # a content-free claim on the topic ("complies with all applicable regulations") is
        # the topic touched, which the conventions call weak: never evidence above that
        claims = _affirmed(ctx.units)
        if not params.get("signoff_roles", True):
            claims = _without_roles(ctx, claims)
        hit = _search(claims, weak_alts, None)
    if hit is not None:
        return Verdict("weak", hit)
    min_words = int(params.get("section_words", 0))
    if in_section and min_words:
        words = sum(len(u.text.split()) for u in units)
        if words >= min_words:
            return Verdict("weak", units[0])
    if params.get("title_weak"):
        # a document written to clear a system names it in its title: the system is named,
        # what it does left unsaid (a title over nothing is an empty draft, no document)
        title = next((s for s in ctx.doc.sections() if s.title.strip()), None)
        if title is not None and ctx.units:
            return Verdict("weak", line=title.line)
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
        if rx is None or not (m := rx.search(untask(u.text))) or \
                (unless and unless.search(u.text)):
            continue
        # A paragraph of record lines joined by the reader: one finding per source line.
        span = range(u.block.line, u.block.end_line + 1) if u.block.end_line > u.block.line \
            and u.row is None else range(u.line, u.line + 1)
        lines = [(ln, untask(ctx.doc.line_text(ln))) for ln in span]
        found = [(ln, lm) for ln, t in lines if ln not in seen and (lm := rx.search(t))]
        if not found and u.line not in seen:
            found = [(u.line, m)]
        for ln, lm in found:
            seen.add(ln)
            hits.append(Hit(ln, ln if len(found) > 1 or ln != u.line else u.end_line,
                            lm.group(0)))
    if not params.get("patterns"):
        for sec in ctx.doc.sections():
            m = rx.search(sec.title) if sec.title and rx else None
            if m and sec.line not in seen:
                seen.add(sec.line)
                hits.append(Hit(sec.line, sec.line, m.group(0)))
    return sorted(hits, key=lambda h: h.line)
