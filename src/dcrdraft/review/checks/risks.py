"""Risk entries (table rows, labelled records, sub-sections or list items under a risks
heading) and what each states: severity, likelihood, mitigation, owner, residual risk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.risks import MECHANISM, owned_actions, prose_risks, unqualified
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import FIGURE_RE, NUM, VAGUE_RE, WINDOW_RE, clean, is_gap, without_gap
from dcrdraft.review.checks.base import (PLACEHOLDER_X, Hit, Params, Verdict, absent_value,
                                         check, negated)

FIELDS: dict[str, re.Pattern[str]] = {
    "severity": re.compile(r"\b(?:severity|impact|criticality|consequence|sev)\b", re.I),
    "likelihood": re.compile(r"\b(?:likelihood|probability|frequency|chance|occurrence|"
                             r"prevalence|likely|odds|lik|prob)\b", re.I),
    "mitigation": re.compile(r"\b(?:mitigat\w*|controls?|safeguards?|countermeasures?|"
                             r"treatments?|remediat\w*|defen[cs]es?|response)\b", re.I),
    "owner": re.compile(r"\b(?:owners?|owned by|responsible|accountable|dri|assignee|"
                        r"steward|raci)\b", re.I),
    "residual": re.compile(r"\b(?:residual|remaining (?:risk|exposure)|after mitigation\w*|"
                           r"post-mitigation|net risk|left-?over)\b", re.I),
}
_RISK_HEAD = re.compile(r"\b(?:risks?|hazards?|threats?|failure modes?|harms?|issues?)\b", re.I)
_ENTRY_START = re.compile(r"^\s*(?:[-*]\s*)?(?:risk(?: id)?|hazard(?: id)?|id)\s*[:#]|"
                          r"^\s*(?:[-*]\s*)?(?:risk|hazard)\s*\d{1,3}\s*[:.)—–-]|"
                          r"^\s*(?:[-*]\s*)?[A-Z]{2,6}-\d{1,4}\b", re.I)
_OWNER_NAMED = re.compile(r"\b(?:owner|owns|owned by|on-?call)\b|\b[A-Z][a-z]+ (?:to|owns|will)\b|"
                          r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
"""Who carries a control: an owner named, or a person ("Lorna owns the rota", "Raj to ...")."""
_LEVEL = re.compile(r"\b(?:critical|high|medium|moderate|low|minor|major|severe|negligible|"
                    r"catastrophic|[1-5]\s?/\s?5)\b", re.I)


@dataclass
class Entry:
    title: str
    text: str
    line: int
    end_line: int
    fields: set[str] = field(default_factory=set)
    """Fields given a value (not empty, N/A, TBD or a placeholder)."""
    mitigation: str = ""
    declared: set[str] = field(default_factory=set)
    """Fields the entry's labels or table header name, with or without a value."""
    blank: set[str] = field(default_factory=set)
    """Declared fields left blank (an empty cell or a dash), not answered "N/A" or "TBD"."""

    @property
    def words(self) -> int:
        return len(self.text.split())


def _mitigation_text(text: str) -> str:
    m = FIELDS["mitigation"].search(text)
    if not m:
        return ""
    rest = text[m.end():]
    stop = re.search(r"\n\s*(?:residual|owner|severity|likelihood|monitoring|escalation|"
                     r"post-deployment)\b|(?:^|[.;]\s)(?:residual|owner|severity|likelihood)"
                     r"\b", rest, re.I)
    return rest[: stop.start()] if stop else rest


_VALUE_END = re.compile(r"\n|;|(?<=[a-z0-9)\]])\.(?:\s|$)|\s(?=[A-Z][\w /-]{0,25}:\s)")
_LABEL = re.compile(r"\s*(?:risk\s*)?(?:\([^)]*\)\s*)?(?:[:=–—-]|\bis\b)\s*", re.I)
_NUMBERING = re.compile(r"^\s*(?:[-*•]\s*)?(?:\d+(?:\.\d+)*\.?|[A-Z]{1,6}-\d{1,4}|R\d+)\s+")


def _value(text: str, m: re.Match[str]) -> str | None:
    """The value after a field label ("Owner: Ana" -> "Ana"); None when the word is not
    used as a label (it sits inside a sentence)."""
    lab = _LABEL.match(text, m.end())
    if not lab:
        return None
    rest = text[lab.end():]
    end = _VALUE_END.search(rest)
    return rest[: end.start()] if end else rest


def _text_entry(title: str, text: str, line: int, end: int) -> Entry:
    e = Entry(_NUMBERING.sub("", title) or title, text, line, end)
    for name, rx in FIELDS.items():
        found = list(rx.finditer(text))
        if not found:
            continue
        values = [_value(text, m) for m in found]
        labelled = [v for v in values if v is not None]
        if labelled:
            e.declared.add(name)
            if any(not absent_value(v) for v in labelled):
                e.fields.add(name)
        else:
            e.fields.add(name)
    if "severity" not in e.fields and _titled_level(text):
        e.fields.add("severity")
    e.mitigation = _mitigation_text(text)
    if "mitigation" in e.declared and "mitigation" not in e.fields:
        e.mitigation = ""
    if "mitigation" not in e.fields | e.declared:
        # No label, but the entry goes on to say what is done about it ("Suggestions longer
        # than 150 characters are checked against the index; matches are blocked").
        body = _BODY_AFTER_TITLE.sub("", text, count=1)
        if body != text and len(body.split()) >= 6 and MECHANISM.search(body) and \
                not _HEDGE.search(body) and not VAGUE_RE.search(body):
            e.fields.add("mitigation")
            e.mitigation = body
    return e


_TITLE_END = re.compile(r"(?<=[\w)])[.!?](?=\s|$)|\n")
_TITLE_LEVEL = re.compile(r"(?:\(\s*|\s[\u2014\u2013-]\s*)(?:critical|high|medium|moderate|low|"
                          r"minor|major|severe)(?:\s+(?:risk|severity|impact))?\s*\)?\W*$", re.I)


def _titled_level(text: str) -> bool:
    """A level given beside the risk's title ("R2 — Data exposed (High).", "Late refunds —
    Medium."): the severity, rated where the risk is named, with no label."""
    title = text[:m.start()] if (m := _TITLE_END.search(text)) else text
    return bool(_TITLE_LEVEL.search(title)) and not FIELDS["residual"].search(title) and \
        not FIELDS["likelihood"].search(title)


_BODY_AFTER_TITLE = re.compile(r"^[^\n]*?(?:\*\*[^*]+\*\*|[.!?](?=\s))\s*")
"""The title of a prose risk entry: its bold lead-in or its first sentence."""


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


_BEFORE_AND_AFTER = re.compile(r"\bbefore\b|\bpre-|→|->", re.I)
"""A rating column that gives the level before and after mitigation ("High → Low")."""
_OWNER_OF = re.compile(r"\b(?:action|mitigation|control|treatment)s?\s+owners?\b", re.I)
"""Who owns an action ("Action owner"), as against an action and its owner side by side."""


def _columns(header: list[str]) -> dict[str, int]:
    """The register's field columns: a field's own word ("Severity", "Owner") or a plain
    header naming it ("Rating", "What we do", "Left over"); "Residual (after mitigation)"
    heads the residual column, never the mitigation's, and "Residual rating" is no
    severity unless it rates before and after ("Rating (before → after)"). A column
    naming an action and its owner ("Action and owner") holds both."""
    cols: dict[str, int] = {}
    for i, h in enumerate(header):
        res = bool(FIELDS["residual"].search(h) or vocab("risk_residual_column").search(h))
        for n, rx in FIELDS.items():
            if n not in cols and rx.search(h) and (n == "residual" or not res):
                cols[n] = i
        plain = {"residual": res, "severity": bool(_BEFORE_AND_AFTER.search(h))} if res else {
            "severity": not FIELDS["likelihood"].search(h)
            and bool(vocab("risk_severity_column").search(h)),
            "mitigation": not _OWNER_OF.search(h)
            and bool(vocab("risk_mitigation_column").search(h))}
        for n, hit in plain.items():
            if hit and n not in cols:
                cols[n] = i
    return cols


def _register(header: list[str], cols: dict[str, int], in_risks: bool,
              head: re.Pattern[str]) -> bool:
    """Whether a table is a register of what ``head`` names. Outside a risks section it is
    one when its header names two of a risk's fields, or leads with the risk and says what
    is done about it ("Risk | Mitigation" on a slide or in a form)."""
    named = bool(head.search(" ".join(header)))
    return (in_risks and (bool(cols) or named)) or (named and len(cols) >= 2) or \
        bool(header and head.search(header[0]) and "mitigation" in cols)


_FINDING_HEAD = re.compile(r"\bfindings?\b", re.I)
"""The findings of an audit or a validation: a review report's register, each finding rated,
assigned and answered as a risk is."""


def _table_entries(ctx: Context, kinds: set[str],
                   findings: bool = False) -> tuple[list[Entry], set[int]]:
    """The rows of risk registers; with ``findings``, the rows of the findings tables that
    are no risk register."""
    entries: list[Entry] = []
    used: set[int] = set()
    for block, sec in ctx.tables():
        rows = block.rows or []
        header = [clean(h) for h in rows[0]]
        in_risks = bool(ctx.kinds_of.get(id(sec), frozenset()) & kinds)
        cols = _columns(header)
        if _register(header, cols, in_risks, _RISK_HEAD):
            if findings:
                continue  # a risk register: read by the plain call
        elif not findings or not _register(header, cols, False, _FINDING_HEAD):
            continue
        used.add(id(block))
        lines = block.row_lines or [block.line] * len(rows)
        for r, row in enumerate(rows[1:], 1):
            cells = [clean(c) for c in row]
            if not cells or not any(cells) or (not cells[0] and all(len(c) <= 3 for c in cells)):
                continue  # a second header row ("L | I | R") or an empty row
            text = "; ".join(f"{h}: {c}" for h, c in zip(header, cells) if c)
            ln = lines[r] if r < len(lines) else block.line
            e = Entry(cells[0], text, ln, ln, declared=set(cols))
            for name, i in cols.items():
                if i < len(cells) and not absent_value(cells[i]):
                    e.fields.add(name)
            if "mitigation" in e.fields:
                e.mitigation = cells[cols["mitigation"]]
            elif "mitigation" in cols and cols["mitigation"] < len(cells) and \
                    re.fullmatch(r"[\s\-–—]*", cells[cols["mitigation"]]):
                e.blank.add("mitigation")
            entries.append(e)
    return entries, used


def finding_entries(ctx: Context) -> list[Entry]:
    """The findings an audit or a validation report rates and assigns in a table ("ID |
    Finding | Severity | Action | Owner"): the risks it identified, for the register (C08),
    and, where no register states it, what remains of each (C10). Their actions fix a
    control's gap ("documentation updated"), so they are not read as risk mitigations
    (C09, M01)."""
    return ctx.cached("finding_entries", lambda: _table_entries(ctx, {"risks"}, True)[0])


def entries(ctx: Context, kinds: set[str] | None = None) -> list[Entry]:
    """Every risk entry the document states (computed once per document)."""
    kinds = kinds or {"risks"}

    def compute() -> list[Entry]:
        table_entries, used = _table_entries(ctx, kinds)
        out = _merge_by_title(table_entries)
        for sec in ctx.sections_of(kinds):
            subs = [c for c in sec.children if c.blocks]
            if subs and (len(subs) >= 2 or _ENTRY_START.match(subs[0].title)):
                for c in subs:
                    rest = [t for b in c.all_blocks() if id(b) not in used
                            for t in [_without_gaps(b.text)] if t]
                    if not rest or _RESIDUAL_HEADING.search(c.title):
                        continue  # a table's heading (its rows are the entries) or residuals
                    text = "\n".join([c.title, *rest])
                    out.append(_text_entry(c.title, text, c.line, c.end_line))
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
        return sorted(_fold_summary_rows(out, table_entries), key=lambda e: e.line)
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


def _fold_summary_rows(out: list[Entry], rows: list[Entry]) -> list[Entry]:
    """A summary table row ("RAD-001 | ... | HIGH") and the detailed entry titled
    "RAD-001: ..." are one risk: the row's fields join the entry and the row goes."""
    rows_ids = {id(r) for r in rows}
    details = [e for e in out if id(e) not in rows_ids]
    kept: list[Entry] = []
    for e in out:
        key = e.title.strip().lower()
        match = next((d for d in details if id(e) in rows_ids and key and
                      re.match(rf"{re.escape(key)}\b", d.title.strip().lower())), None)
        if match is None:
            kept.append(e)
            continue
        match.fields |= e.fields
        match.declared |= e.declared
        match.mitigation = match.mitigation or e.mitigation
    return kept


_RESIDUAL_HEADING = re.compile(r"^\W*(?:[\d.]+\s*)?residual\b", re.I)


def _merge_by_title(rows: list[Entry]) -> list[Entry]:
    """One entry per risk when a register spreads it over several tables (identification,
    assessment, controls): rows with the same name pool their fields at the first row."""
    merged: dict[str, Entry] = {}
    out: list[Entry] = []
    for e in rows:
        key = " ".join(e.title.lower().split()).strip(" .:*")
        first = merged.get(key)
        if first is None or not key:
            merged.setdefault(key, e)
            out.append(e)
            continue
        first.text += "\n" + e.text
        first.fields |= e.fields
        first.declared |= e.declared
        first.mitigation = first.mitigation or e.mitigation
    return out


_POSSIBLE = re.compile(r"^[^.;:]{0,80}?\b(?:may|might|could|can)\s+(?:not\s+)?(?:be|go|get|"
                       r"fail|miss|break|drift|degrade|under\w*|over\w*|mis\w+|leak|produce|"
                       r"cause|return|show|lead|let)\b", re.I)
"""A paragraph stating what may go wrong ("Forecast may be off during promotions."): under a
risks heading it is a risk entry even without the word "risk"."""


_ASSESSED = re.compile(
    r"^\W*(?:(?:overall|residual|net|inherent|remaining|change)\s+)?risk(?:\s+(?:level|rating|"
    r"tier|score|class\w*))?\s*(?:(?:is|was)\s+)?(?:assessed|rated|classified|judged|deemed|"
    r"considered)?\s*(?:as\s+)?[:=\u2014\u2013-]?\s*(?:very\s+)?(?:low|medium|moderate|high|"
    r"critical|minor|negligible)(?![\w-])|"
    r"^\W*residual risk\b|"
    r"^\W*no\s+(?:[\w-]+\s+){0,3}?(?:impact|downtime|outage|disruption|effect)s?\b", re.I)
"""A line that rates the change or what remains ("Risk assessed as Low: config change only",
"Residual risk after mitigations: low") or denies an impact ("No downtime expected"): an
assessment of the risks, not a risk of its own."""


_RATED_FIELD = re.compile(r"(?:^|[\u00b7|;\u2022]\s*)(?:[\w/ ]{0,20}\s)?risk(?:\s*\([^)]{0,20}\))?"
                          r"(?:\s*/\s*impact)?\s*:\s*(?:very\s+)?(?:low|medium|moderate|high|"
                          r"critical|minor|negligible)\b", re.I)
_FIELD_LABEL = re.compile(r"(?:^|[\u00b7|;\u2022]\s*)[A-Z][\w /()-]{0,24}:\s")


def _rated_change(text: str) -> bool:
    """A header line of labelled fields rating the change ("Type: normal change · Risk:
    Medium · Board: 4 May"): a ticket's risk class, as a form records it, names no risk."""
    return bool(_RATED_FIELD.search(text)) and len(_FIELD_LABEL.findall(text)) >= 2

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
        if b.kind == "paragraph" and not (_RISK_HEAD.search(text) or FIELDS["mitigation"]
                                          .search(text) or _POSSIBLE.search(text)) \
                or len(text) < 3:
            continue
        if b.kind == "paragraph" and text.endswith(":") and len(text) < 200 or _legend(text) \
                or _ASSESSED.search(text):
            continue
        if b.kind == "paragraph" and (_about_register(text) or _OVERALL.search(text)
                                      or unnamed_handled(text)):
            continue  # how the register is rated, the overall position, or a claim that
            # unnamed risks are handled: no risk of its own
        out.append(_text_entry(text.split(".")[0][:80], text, b.line, b.end_line))
    return out


def _from_units(units: list[Unit]) -> Entry:
    text = "\n".join(u.text for u in units)
    return _text_entry(units[0].text[:80], text, units[0].line, units[-1].end_line)


_HEDGE = re.compile(
    r"\b(?:look into|looking into|consider\w*|explor\w+|investigat\w+|take \w+ seriously|"
    r"continuous(?:ly)? improv\w*|best efforts?|as needed|if needed|where possible|tbd|"
    r"to be (?:decided|defined|determined)|work(?:ing)? on it|in progress|awareness)\b", re.I)


def specific(e: Entry) -> bool:
    """Whether the entry's mitigation is concrete: a mechanism, a figure or a scoped action
    stated in a full clause, with no hedging ("we will look into it")."""
    mit = e.mitigation or (e.text if "mitigation" not in e.declared | e.fields else "")
    if not e.mitigation and _answered_generically(e.text):
        return False  # "Fraud may adapt to the routing. We'll monitor.": the risk's own
        # words ("routing") are no control, and its answer is generic
    mit = PLACEHOLDER_X.sub("", mit).strip(" :.;-")
    words = len(mit.split())
    if words < 4:
        # A short control is concrete only with its cadence ("Retrain quarterly", "Audit 50
        # a month"): a mechanism someone runs on a set schedule, not a kind of control.
        return words >= 2 and bool(MECHANISM.search(mit) and WINDOW_RE.search(mit)) and \
            not VAGUE_RE.search(mit)
    figure = bool(FIGURE_RE.search(mit) or re.search(rf"\(\d\)|\b\d\.\s|(?:{NUM})", mit))
    if (VAGUE_RE.search(mit) or _HEDGE.search(mit)) and words < 10 and not figure:
        return False
    vagueness = _vagueness(mit)
    if not figure and vagueness >= 2 and vagueness > len(MECHANISM.findall(mit)):
        return False  # "ongoing monitoring, human oversight, retrained as required"
    if MECHANISM.search(unqualified(mit)) or figure or _OWNED.search(mit):
        return True
    if "mitigation" not in e.declared | e.fields:
        return False  # no mitigation stated: the risk's own words are no control
    # Without a mechanism or a figure only a full answer free of vague qualifiers is
    # concrete: length is no substance ("human review and ongoing monitoring of the model")
    return words >= 7 and not _HEDGE.search(mit) and not VAGUE_RE.search(mit) and \
        not vocab("generic_mitigation").search(mit)  # "through our control framework"


_OWNED = re.compile(r"\b(?i:owner|owned by)\s*[:=\u2013\u2014-]?\s*(?:[A-Z]\.\s?)?[A-Z][a-z]+")
"""A person named as the control's owner ("owner: N. Brooks", "owner Kiran Dhillon"): who
answers for it, which makes a control concrete as a figure or a cadence does."""


def _says_nothing(text: str) -> bool:
    """Words that answer no risk in particular: vague ("as needed"), hedged ("we will look
    into it") or a generic response ("staff should check", "through our framework")."""
    return bool(VAGUE_RE.search(text) or _HEDGE.search(text)
                or vocab("generic_mitigation").search(text))


def _answered_generically(text: str) -> bool:
    """A risk sentence, or a risk and a dash, followed by an answer with no mechanism and no
    figure, only generic words ("We'll monitor.", "Stale prices — kept under review.")."""
    body = _BODY_AFTER_TITLE.sub("", text, count=1)
    if body == text:
        dashed = _DASHED.match(text.strip())
        body = dashed.group("answer") if dashed else ""
    return bool(body) and _says_nothing(body) and not FIGURE_RE.search(body) and \
        not MECHANISM.search(unqualified(body))


def _vagueness(text: str) -> int:
    """How many vague qualifiers and hedges a text leans on ("ongoing", "as required")."""
    return len(VAGUE_RE.findall(text)) + len(_HEDGE.findall(text))


_CROSS_REF = re.compile(r"^\W*(?:see|refer to|as (?:in|per|described in|set out in))\b|§\s?\d|"
                        r"\(\s*see\b|\b(?:rule|step|control|condition|plan|process|check)s? "
                        r"(?:above|below)\b|(?-i:\b[A-Z]{1,4}-?\d{1,3}(?:\.\d{1,2})?)\s+"
                        r"(?:above|below)\b", re.I)
"""A mitigation stated elsewhere: "See §7.2", "staffing plan (see conditions)", "the
bypass rule above", "decision D4 below"."""


def vague(e: Entry) -> bool:
    """An entry a reader cannot act on: a vague mitigation, or a one-line risk with none."""
    if specific(e) or e.words < 2 or re.fullmatch(r"\W*(?:n/?a|none)\W*", e.text, re.I):
        return False
    if "mitigation" in e.blank:
        return False  # a blank mitigation cell: an incomplete entry, not a vague one
    if _CROSS_REF.search(e.mitigation or e.text):
        return False  # "See §7.2": the mitigation is stated elsewhere
    if "mitigation" in e.fields | e.declared:
        return True
    if answered_briefly(e.text):
        return False
    if _answered_generically(e.text):
        return True
    return e.words <= 12 and not e.text.rstrip().endswith(":")


_DASHED = re.compile(r"^[^\n]{3,100}?\s(?:[\u2014\u2013\u2192]|->)\s+(?P<answer>[^\n]+)$")
"""A list item "risk — what is done" ("Image fails to start — previous image kept on the
host"), or with an arrow ("Feed late → yesterday's prices kept"): the clause after the dash
or the arrow answers the risk."""


def answered_briefly(text: str) -> bool:
    """A short risk whose answer follows a dash in a full clause with nothing vague in it: a
    brief answer, not a missing one."""
    m = _DASHED.match(text.strip())
    answer = m.group("answer") if m else ""
    return len(answer.split()) >= 3 and not _says_nothing(answer)


def _generic(e: Entry) -> bool:
    """A mitigation that says nothing about what is done: vague words, a hedge, a generic
    response ("staff should check", "watch it"), a bare label ("training") or none at all.
    In a register whose other risks are answered concretely, only such an entry is vague: a
    short answer there ("on-screen confirmation of the address") is brief, not generic."""
    mit = e.mitigation.strip(" :.;-")
    return len(mit.split()) < 4 or _says_nothing(mit)


def _boilerplate(e: Entry) -> bool:
    """A mitigation in words that would fit any risk of any system ("robust data
    governance", "continuous monitoring"): content-free, so no mitigation at all."""
    mit = e.mitigation.strip(" :.;-")
    return not mit or _says_nothing(mit) or is_boilerplate(mit) or \
        bool(vocab("boilerplate_control").search(mit))


@check("risk_register", "item")
def risk_register(ctx: Context, params: Params) -> Verdict:
    """Pass when risk entries state ``require`` fields (share ``share``); weak when entries
    exist but lack them."""
    es = sorted(entries(ctx) + finding_entries(ctx), key=lambda e: e.line)
    need = set(params.get("require", ["severity", "mitigation", "owner"]))
    share = float(params.get("share", 0.6))
    if not es:
        said = risks_named(ctx)
        if _brief_failure_notes(ctx, said, int(params.get("notes_min_words", 50))):
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
        return _prose_mitigations(ctx, params)
    good = [e for e in es if specific(e)]
    # A mitigation in words that answer nothing ("ongoing monitoring") beside concrete ones
    # makes the register a mix; a risk left unanswered, or answered elsewhere, does not.
    said = next((e for e in es if e not in good and not _CROSS_REF.search(e.mitigation) and (
        _says_nothing(e.mitigation) if e.mitigation.strip() else _answered_generically(e.text))),
        None)
    if good and len(good) >= float(params.get("share", 0.7)) * len(es) and said is None:
        return Verdict("pass", None, detail=f"{len(good)}/{len(es)}", line=good[0].line)
    if good:
        bad = said or next(e for e in es if not specific(e))
        return Verdict("weak", None, detail=f"{len(good)}/{len(es)}", line=bad.line)
    generic = next((e for e in es if "mitigation" in e.fields and e.mitigation.strip()), None)
    if generic is not None and not all(map(_boilerplate, es)):
        return Verdict("weak", None, detail=f"0/{len(es)}", line=generic.line)
    return Verdict("missing", None, detail=f"0/{len(es)}", line=es[0].line)


_RISK_WORDS = re.compile(r"\b(?:risks?|hazards?|failure modes?|known (?:issues?|weak\w*|"
                         r"limitations?|gaps?)|(?:goes|go|went|going) wrong|weakest|"
                         r"weak (?:spots?|points?)|misses|gets? wrong)\b", re.I)
_ANSWER_KINDS = frozenset({"risks", "failure_modes", "conditions", "safety", "deployment",
                           "monitoring", "human_review", "recommendation", "summary"})


def risks_said(ctx: Context) -> list[Unit]:
    """Where a document states what may go wrong outside a register: a risk sentence
    (``prose_risks``), or a statement under a risks or failure-modes heading, or one naming
    risks, weak spots or what goes wrong."""
    def compute() -> list[Unit]:
        out = [r.unit for r in prose_risks(ctx)]
        out += [u for u in ctx.units if u.kinds & {"risks", "failure_modes"} and
                len(u.text.split()) >= 5 and not negated(u.text)]
        out += [u for u in ctx.units if _RISK_WORDS.search(u.text) and
                len(u.text.split()) >= 5 and not negated(u.text)]
        return sorted({id(u): u for u in out}.values(), key=lambda u: u.line)
    return ctx.cached("risks_said", compute)


_NAMES_RISK = re.compile(r"\b(?:risks?|hazards?|threats?)\b(?!\s+(?:owner|appetite|committee|"
                         r"team|function|management|framework|tier|rating|class|officer|"
                         r"lead|policy|taxonomy|assessment|register|log|scor\w+|models?|"
                         r"estimates?|predictions?|bands?|grades?|profiles?|levels?|factors?|"
                         r"segments?|groups?|categor\w+|premiums?|pricing|analytics|"
                         r"department|partners?)s?\b)", re.I)
_RISK_AS_QUANTITY = re.compile(r"\b(?:of|at|high|higher|low|lower|credit|insurance|default|"
                               r"claims?|market|price|pricing)[\s-]+$", re.I)
_UNIT_NAME = re.compile(r"\b[A-Z][a-z]{2,12}\s+$")


def names_risk(text: str) -> bool:
    """The word for a risk used of one ("risks I'd flag", "a risk of stale prices"), not of
    an organisation's risk function ("risk owner", "the risk committee", "Credit Risk
    checks"), nor of what a model predicts or prices ("a risk score", "a view of risk",
    "high-risk customers", "patients at risk")."""
    for m in _NAMES_RISK.finditer(text):
        before = text[max(0, m.start() - 14):m.start()]
        if m.group(0).lower() == "risk" and _RISK_AS_QUANTITY.search(before):
            continue
        if m.group(0)[0].isupper() and _UNIT_NAME.search(before):
            continue  # a team or a function named in title case: "Model Risk", "Credit Risk"
        return True
    return False


def _disclaimed_sections(ctx: Context) -> set[int]:
    """Sections that open with a disclaimer fitting any system ("Like any AI system, the
    advisor may occasionally get it wrong"): what follows elaborates the disclaimer."""
    first: dict[int, Unit] = {}
    for u in ctx.units:
        first.setdefault(id(u.section), u)
    return {k for k, u in first.items() if vocab("failure_disclaimer").search(u.text)}


def risks_named(ctx: Context) -> list[Unit]:
    """Risks a document identifies without a register: a risk sentence ("may misroute"), a
    statement under a risks or known-limitations heading (a list of what can go wrong), or
    one naming a risk or voicing a worry about one. A failure noted among the results ("most
    misses are on handwritten forms") is an observation, and a claim that unnamed risks are
    handled names none, nor does a rating of the change ("risk assessed as low"): none of
    them lists a risk. Nor does a caveats section a disclaimer opens, unless a sentence of it
    carries a figure or names a risk: its caveats ("depends on the data it is given") would
    fit any system."""
    def compute() -> list[Unit]:
        out = [r.unit for r in prose_risks(ctx)]
        out += [u for u in risks_said(ctx) if u.kinds & {"risks", "failure_modes"}
                or names_risk(u.text)]
        out += [u for u in ctx.units if _voiced(u)]
        generic = _disclaimed_sections(ctx)
        out = [u for u in out if id(u.section) not in generic or FIGURE_RE.search(u.text)
               or names_risk(u.text)]
        return sorted({id(u): u for u in out if not unnamed_handled(u.text)
                       and not vocab("failure_disclaimer").search(u.text)
                       and not _ASSESSED.search(u.text) and not _rated_change(u.text)
                       and not is_boilerplate(u.text)}.values(), key=lambda u: u.line)
    return ctx.cached("risks_named", compute)


def _brief_failure_notes(ctx: Context, said: list[Unit], min_words: int) -> bool:
    """Whether what the document says may go wrong is only a few failure notes (a release's
    known issues: under ``min_words`` words in all), none naming a risk, under no risks
    heading and none a risk sentence: they describe what the system gets wrong, and identify
    no risk a register would hold. A limitations section that goes into failures at length
    does."""
    prose = {id(r.unit) for r in prose_risks(ctx)}
    return sum(len(u.text.split()) for u in said) < min_words and not any(
        "risks" in u.kinds or id(u) in prose or names_risk(u.text) or names_risk(u.section.title)
        or _voiced(u) for u in said)


def _voiced(u: Unit) -> bool:
    """A risk a person voices ("my worry is ...", "what worries me is ..."): a chat or a
    minute names its risks this way, without the word "risk"."""
    return len(u.text.split()) >= 5 and bool(vocab("risk_voiced").search(u.text)) and \
        not negated(u.text) and not u.text.rstrip().endswith("?")


def _prose_mitigations(ctx: Context, params: Params) -> Verdict:
    """Mitigations written in prose, when there is no register: a risk sentence answered
    concretely, or a concrete control (a mechanism with an owner, figure or cadence) among the
    conditions and risks. Pass on ``prose_min`` of them with no generic answer, weak on one
    or on generic answers only."""
    risks = prose_risks(ctx)
    concrete = [r.unit for r in risks if r.response == "concrete"]
    generic = [r.unit for r in risks if r.response == "generic"]
    near = {id(u.section) for u in risks_said(ctx)}  # sections that say what may go wrong
    controls = [u for u in ctx.units if id(u.section) in near and u.kinds & _ANSWER_KINDS
                and _control(u)]
    # Actions given to a named owner by a date answer the risks a document states, however
    # plainly (an audit's agreed actions, a minute's action list).
    owned = [u for u in owned_actions(ctx) if not u.kinds & _NO_CONTROL_KINDS] if near else []
    found = {id(u): u for u in concrete + controls + owned}
    if len(found) >= int(params.get("prose_min", 2)) and not generic:
        first = min(found.values(), key=lambda u: u.line)
        return Verdict("pass", first, detail=f"{len(found)} prose")
    # A memo or an e-mail often states its safeguards without naming the risks they answer
    # ("QA audits 10% of cases weekly; above 3% we switch the flag off"): concrete, but
    # answering no stated risk, so they are some mitigation and never all of it.
    loose = found or {id(u): u for u in concrete_controls(ctx)}
    if loose or generic:
        said = min(list(loose.values()) + generic, key=lambda u: u.line)
        return Verdict("weak", said, detail="some")
    return Verdict("missing")


_NO_CONTROL_KINDS = frozenset({"evaluation", "methodology", "segments", "metadata",
                               "overview", "fairness", "signoff"})
"""Sections that report results, describe the system or record approvals: a mechanism there
is how the system works or was tested ("every sample was checked by two raters") or who
signed ("weekly change board: approved"), not a control."""


def concrete_controls(ctx: Context) -> list[Unit]:
    """Sentences stating a concrete control: a mechanism with a figure, a window or cadence,
    or a named owner, outside the sections that report results."""
    def compute() -> list[Unit]:
        return [u for u in ctx.units if not u.kinds & _NO_CONTROL_KINDS and _control(u)
                and not is_boilerplate(u.text)]
    return ctx.cached("concrete_controls", compute)


def _control(u: Unit) -> bool:
    return bool(MECHANISM.search(u.text) and (FIGURE_RE.search(u.text) or WINDOW_RE.search(
        u.text) or _OWNER_NAMED.search(u.text)) and not negated(u.text))


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
        if not vague(e) or careful and not _generic(e):
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
