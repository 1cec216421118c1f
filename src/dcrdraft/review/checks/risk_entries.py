"""Every risk entry a document states (``entries``): register tables, sub-sections,
labelled records and list items under a risks heading, and lists a risks lead-in line heads.
It holds what decides that a paragraph or an item is a risk rather than commentary on the
register, so the checks and ``extract_risks`` share one reading."""

from __future__ import annotations

import re

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import clean, is_gap, without_gap
from dcrdraft.review.checks.risk_entry import FIELDS, Entry, RISK_HEAD, text_entry
from dcrdraft.review.checks.risk_tables import (fold_summary_rows, merge_by_title,
                                                register_rows)


_ENTRY_START = re.compile(r"^\s*(?:[-*]\s*)?(?:risk(?: id)?|hazard(?: id)?|id)\s*[:#]|"
                          r"^\s*(?:[-*]\s*)?(?:risk|hazard)\s*\d{1,3}\s*[:.)—–-]|"
                          r"^\s*(?:[-*]\s*)?[A-Z]{2,6}-\d{1,4}\b", re.I)


_TOC = re.compile(r"^\W*\[[^\]]+\]\(#[^)]*\)\W*$")
"""A table-of-contents line: a link to an anchor in the same document."""


_RATING_WORDS = re.compile(r"\b(?:severity|likelihood|residual|scale|rated|ratings?|scored)\b",
                           re.I)
_ABOUT_REGISTER_RE = re.compile(r"\b(?:use|uses|follow|follows|are rated|is rated|are scored|"
                                r"is after|are after|means?)\b", re.I)


def _about_register(text: str) -> bool:
    """A note on how the register is rated ("Severity and likelihood use the group scale")."""
    return len({m.group(0).lower() for m in _RATING_WORDS.finditer(text)}) >= 2 and \
        bool(_ABOUT_REGISTER_RE.search(text)) and not _POSSIBLE.search(text)


_OVERALL = re.compile(r"^\W*(?:overall|in summary|taken together|all in all|on balance)\b|"
                      r"\boverall (?:residual )?(?:[\w-]+ )?risk\b", re.I)
"""A summary of the register's overall position, not an entry."""


def _legend(text: str) -> bool:
    """A key to a register's abbreviations ("L = Likelihood (1-5), I = Impact") or a note."""
    return bool(re.match(r"^\W*(?:legend|key|note|scale|source)s?\b\s*:|^\W*\w{1,3}\s?=\s?\w",
                         text, re.I))


def entries(ctx: Context, kinds: set[str] | None = None) -> list[Entry]:
    """Every risk entry the document states (computed once per document)."""
    kinds = kinds or {"risks"}

    def compute() -> list[Entry]:
        table_entries, used = register_rows(ctx, kinds)
        out = merge_by_title(table_entries)
        for sec in ctx.sections_of(kinds):
            subs = [c for c in sec.children if c.blocks]
            if subs and (len(subs) >= 2 or _ENTRY_START.match(subs[0].title)):
                for c in subs:
                    rest = [t for b in c.all_blocks() if id(b) not in used
                            for t in [_without_gaps(b.text)] if t]
                    if not rest or _RESIDUAL_HEADING.search(c.title):
                        continue  # a table's heading (its rows are the entries) or residuals
                    text = "\n".join([c.title, *rest])
                    out.append(text_entry(c.title, text, c.line, c.end_line))
                continue
            if _RESIDUAL_HEADING.search(sec.title):
                continue  # "Residual risk" states what remains, it lists no new risks
            below = {id(s) for s in sec.walk()}
            units = [u for u in ctx.units if id(u.section) in below
                     and id(u.block) not in used and not _TOC.match(ctx.doc.line_text(u.line))]
            # Beside a register table, paragraphs are its commentary (how it is scored, who
            # reviewed it, the overall position), not further risks.
            tabled = any(id(b) in used for s in sec.walk() for b in s.blocks)
            out += _group(units, paragraphs=not tabled)
        inside = {id(s) for sec in ctx.sections_of(kinds) for s in sec.walk()}
        out += _group(_led_lists(ctx, inside, used))
        return sorted(fold_summary_rows(out, table_entries), key=lambda e: e.line)
    return ctx.cached("risk_entries", compute)


_RISK_LEAD_IN = re.compile(
    r"^\W*(?:(?:slide|section|part|step|question|q)\s*)?(?:\d{1,2}(?:\.\d{1,2})*[.):]?\s*)?"
    r"(?:[\u2014\u2013-]\s*)?(?:(?:main|key|top|known|open|other|remaining|principal)\s+)?"
    r"(?:risks?|hazards?|threats?)(?:\s+(?:and|&)\s+(?:mitigations?|controls?|safeguards?|"
    r"responses?)|\s+(?:we are|we're|we)\s+(?:carrying|accepting|taking|see|hold)|\s+identified|"
    r"\s+register|\s+log)?\s*[:?]?\W*$", re.I)
"""A short line that heads a list of risks where no heading does: a bold label, a slide's
title, a form's numbered question ("8. Main risks and mitigations", "Risks we are carrying")."""


def _led_lists(ctx: Context, inside: set[int], used: set[int]) -> list[Unit]:
    """The list items a risks lead-in line heads, outside any risks section: the risks of a
    memo, a form or a slide deck whose headings the reader could not see as such."""
    out: list[Unit] = []
    for sec in ctx.doc.sections():
        if id(sec) in inside:
            continue
        led = False
        for b in sec.blocks:
            if b.kind == "paragraph" and len(b.text) <= 120:
                led = bool(_RISK_LEAD_IN.match(clean(b.text).strip("*_ ")))
            elif b.kind != "list_item" or id(b) in used:
                led = False
            elif led:
                out += [u for u in ctx.units if u.block is b]
    return out


def _without_gaps(text: str) -> str:
    """A block's text with its gap lines reduced to their empty labels ("Residual risk: Gap:
    assess ..." -> "Residual risk: —"): the field is declared, and says nothing."""
    kept = (without_gap(clean(ln)) if is_gap(clean(ln)) else ln for ln in text.split("\n"))
    return "\n".join(ln for ln in kept if ln)


_RESIDUAL_HEADING = re.compile(r"^\W*(?:[\d.]+\s*)?residual\b", re.I)


_POSSIBLE = re.compile(r"^[^.;:]{0,80}?\b(?:may|might|could|can)\s+(?:not\s+)?(?:be|go|get|"
                       r"fail|miss|break|drift|degrade|under\w*|over\w*|mis\w+|leak|produce|"
                       r"cause|return|show|lead|let)\b", re.I)
"""A paragraph stating what may go wrong ("Forecast may be off during promotions."): under a
risks heading it is a risk entry even without the word "risk"."""


ASSESSED = re.compile(
    r"^\W*(?:(?:overall|residual|net|inherent|remaining|change)\s+)?risk(?:\s+(?:level|rating|"
    r"tier|score|class\w*))?\s*(?:(?:is|was)\s+)?(?:assessed|rated|classified|judged|deemed|"
    r"considered)?\s*(?:as\s+)?[:=\u2014\u2013-]?\s*(?:very\s+)?(?:low|medium|moderate|high|"
    r"critical|minor|negligible)(?![\w-])|"
    r"^\W*residual risk\b|"
    r"^\W*no\s+(?:[\w-]+\s+){0,3}?(?:impact|downtime|outage|disruption|effect)s?\b", re.I)
"""A line that rates the change or what remains ("Risk assessed as Low: config change only",
"Residual risk after mitigations: low") or denies an impact ("No downtime expected"): an
assessment of the risks, not a risk of its own."""


def unnamed_handled(text: str) -> bool:
    """A claim that risks nobody names were found and handled ("all risks are managed under
    the framework", "risks identified and mitigated"): it lists no risk of its own."""
    return any(vocab(v).search(text) for v in ("blanket_risk_claim", "handled_risk_claim",
                                               "unnamed_risks_answered"))


def _group(units: list[Unit], paragraphs: bool = True) -> list[Entry]:
    """Labelled records ("Risk ID: ...") split at each start line; else one entry per list
    item or per paragraph that reads as a risk."""
    out: list[Entry] = []
    if any(_ENTRY_START.search(u.text) for u in units):
        cur: list[Unit] = []
        for u in units:
            if _ENTRY_START.search(u.text) and cur:
                out.append(_from_units(cur))
                cur = []
            if cur or _ENTRY_START.search(u.text):
                cur.append(u)
        if cur:
            out.append(_from_units(cur))
        return out
    seen: set[int] = set()
    for u in units:
        b = u.block
        if id(b) in seen or b.kind not in ("list_item", "paragraph") or \
                b.kind == "paragraph" and not paragraphs:
            continue
        seen.add(id(b))
        text = clean(b.text)
        if b.kind == "paragraph" and not (RISK_HEAD.search(text) or FIELDS["mitigation"]
                                          .search(text) or _POSSIBLE.search(text)) \
                or len(text) < 3:
            continue
        if b.kind == "paragraph" and text.endswith(":") and len(text) < 200 or _legend(text) \
                or ASSESSED.search(text):
            continue
        if b.kind == "paragraph" and (_about_register(text) or _OVERALL.search(text)
                                      or unnamed_handled(text)):
            continue  # how the register is rated, the overall position, or a claim that
            # unnamed risks are handled: no risk of its own
        out.append(text_entry(text.split(".")[0][:80], text, b.line, b.end_line))
    return out


def _from_units(units: list[Unit]) -> Entry:
    text = "\n".join(u.text for u in units)
    return text_entry(units[0].text[:80], text, units[0].line, units[-1].end_line)
