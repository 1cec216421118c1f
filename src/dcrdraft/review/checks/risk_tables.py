"""Risk entries read from tables: which tables are risk registers (or an audit's findings
tables), which columns hold which field, and one entry per row. It stands apart from the
prose reading in ``risk_entries`` because a table's fields come from its header, not its
words."""

from __future__ import annotations

import re

from dcrdraft.review.context import Context
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import clean
from dcrdraft.review.checks.base import absent_value
from dcrdraft.review.checks.risk_entry import FIELDS, Entry, RISK_HEAD


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


def register_rows(ctx: Context, kinds: set[str],
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
        if _register(header, cols, in_risks, RISK_HEAD):
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
    return ctx.cached("finding_entries", lambda: register_rows(ctx, {"risks"}, True)[0])


def fold_summary_rows(out: list[Entry], rows: list[Entry]) -> list[Entry]:
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


def merge_by_title(rows: list[Entry]) -> list[Entry]:
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
