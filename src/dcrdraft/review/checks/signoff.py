"""Stakeholder sign-off: rows (table rows or list items) naming a person with a date or an
approval, under a sign-off heading or in an approvals table."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.text import clean
from dcrdraft.review.checks.base import PLACEHOLDER_X, Hit, Params, Verdict, absent_value, check, negated

_BY = re.compile(r"\b(?:approved|signed(?:[- ]off)?|endorsed|accepted)\s+by\b\s*:?", re.I)
_ROLE_SPLIT = re.compile(r"\s+[—–-]\s+|\s*:\s+|\t+")

_HEAD = re.compile(r"\bsign(?:ed|-?off|ature|atory|ator|er)|approv|stakeholder|concur", re.I)
_NAME_COL = re.compile(r"\bname\b|approver|signatory|signed by|\bwho\b|person|reviewer|"
                       r"stakeholder", re.I)
_DATE_COL = re.compile(r"date|\bwhen\b|signed on|\bon\b", re.I)
_ROLE_COL = re.compile(r"role|title|function|team|area|position|capacity", re.I)
DATE_RE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|"
    r"\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?,?"
    r"\s+\d{4}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?,?\s+\d{4}\b"
    # day and month without the year ("approved 8 Jul", "signed July 8th"): the year is the
    # document's; a bare month name ("Jan Novak") is no date.
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|"
    r"june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
    r"|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}"
    r"(?:st|nd|rd|th)?\b(?!\s*(?:%|[,.]\d))", re.I)
_VALEDICTION = re.compile(r"^\W*(?:thanks|thank you|many thanks|best|best regards|kind regards|"
                          r"regards|cheers|sincerely|yours|all the best)(?:\s+(?:all|everyone|again|"
                          r"so much))?\s*[,.!]?\s*(?:[A-Z][\w'’-]+)?\s*$"
                          r"|^\s*--\s*$", re.I)
"""The close of a letter or e-mail: the name and title that follow are its signature, not an
approver row."""
_DECISION_LINE = re.compile(r"^\W*(?:(?:my|our|the|final|overall)\s+)?(?:recommendation|"
                            r"decision|verdict|conclusion)\b", re.I)
"""The author's recommendation ("My recommendation: GO ...") is no approver's sign-off."""
_APPROVED = re.compile(r"\bapprov\w*|\bsigned\b|✓|✔|\bconcur\w*|\byes\b|\blgtm\b|"
                       r"\bendorse\w*|\bagree\w*", re.I)
_PERSON = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+(?:\s[A-Z]\.)?(?:\s[A-Z][a-zà-ÿ'’-]+)+\b|"
                     r"\b[A-Z]\.\s?[A-Z][a-z]+\b|@[\w.-]+")
_EMPTY = re.compile(r"^[\s\-–—_?.]*$|^(?:n/?a|none|pending|tbd|tbc|-+)$", re.I)
_ROLE_WORDS = re.compile(r"\b(?:lead|head|officer|owner|manager|director|counsel|sponsor|"
                         r"engineering|product|legal|privacy|security|compliance|business|"
                         r"chief|vp|cto|ciso|cmo|dpo)\b", re.I)


@dataclass
class Row:
    line: int
    name: bool
    date: bool
    approved: bool
    text: str


def _is_name(cell: str) -> bool:
    cell = clean(cell)
    return bool(cell) and not _EMPTY.match(cell) and not PLACEHOLDER_X.search(cell) and \
        not absent_value(cell) and len(cell) <= 80


def _stated(cells: list[str]) -> str:
    """The cells that say something: "Gap: not signed" or "pending" approve nothing."""
    return " | ".join(c for c in cells if not absent_value(c) and not negated(c))


def rows(ctx: Context) -> list[Row]:
    def compute() -> list[Row]:
        out: list[Row] = []
        for block, sec in ctx.tables():
            table = block.rows or []
            header = [clean(h) for h in table[0]]
            in_sec = bool(ctx.kinds_of.get(id(sec), frozenset()) & {"signoff"})
            has_name = any(_NAME_COL.search(h) for h in header)
            has_date = any(_DATE_COL.search(h) or DATE_RE.search(h) for h in header)
            # Outside a sign-off section an approvals table needs a who or when column (or
            # dates in a headerless first row): "Approval Rate" heads a metrics table.
            if not in_sec and not ((_HEAD.search(" ".join(header)) and (has_name or has_date))
                                   or (has_name and has_date)):
                continue
            name_i = next((i for i, h in enumerate(header) if _NAME_COL.search(h)
                           and not _ROLE_COL.search(h)), None)
            lines = block.row_lines or [block.line] * len(table)
            for r, row in enumerate(table[1:], 1):
                cells = [clean(c) for c in row]
                text = " | ".join(cells)
                if name_i is not None and name_i < len(cells):
                    has_name = _is_name(cells[name_i])
                else:
                    has_name = any(_PERSON.search(c) and not PLACEHOLDER_X.search(c)
                                   and not _ROLE_WORDS.fullmatch(c) for c in cells[1:])
                ln = lines[r] if r < len(lines) else block.line
                out.append(Row(ln, has_name, bool(DATE_RE.search(text)),
                               bool(_APPROVED.search(_stated(cells[1:]))), text))
        if not out:
            seen: set[int] = set()
            closed = False
            for u in ctx.units:
                if closed or (out and _VALEDICTION.match(u.section.title or "")):
                    break  # after the letter's close ("Thanks,\nSofia\n--" reads as a heading)
                in_sec = "signoff" in u.kinds
                if u.block.kind not in ("list_item", "paragraph") or id(u.block) in seen:
                    continue
                if not in_sec and not _BY.search(u.block.text):
                    continue
                seen.add(id(u.block))
                for ln, text in _lines(ctx, u):
                    if _VALEDICTION.match(text) and (in_sec or out):
                        closed = True  # "Thanks, Sofia": the rest is her signature
                        break
                    if _DECISION_LINE.match(text):
                        continue
                    if in_sec or _BY.search(text):
                        out += _rows_in(ln, text, in_sec)
        return out
    return ctx.cached("signoff_rows", compute)


def _lines(ctx: Context, u: Unit) -> list[tuple[int, str]]:
    """The block's source lines (a reader may join them into one paragraph)."""
    b = u.block
    src = [(ln, clean(ctx.doc.lines[ln - 1])) for ln in range(b.line, b.end_line + 1)
           if 0 < ln <= len(ctx.doc.lines)]
    src = [(ln, t.lstrip("-*• ")) for ln, t in src if t]
    return src if len(src) > 1 else [(u.line, u.text)]


def _row(line: int, text: str, in_section: bool = True) -> Row | None:
    """One approver line ("Legal: Tom Becker, 2024-05-04", "Ads Integrity — pending")."""
    if len(text) > 240:
        return None
    if not (_ROLE_WORDS.search(text) or PLACEHOLDER_X.search(text) or _BY.search(text) or
            (in_section and _ROLE_SPLIT.search(text) and len(text) <= 120)):
        return None
    m = _BY.search(text)
    parts = _ROLE_SPLIT.split(text, maxsplit=1)
    after = text[m.end():] if m else parts[1] if len(parts) > 1 else text
    who = re.split(r",|\(|\s[—–-]\s|\bon\b|\bdate\b", after, maxsplit=1)[0].strip()
    has_name = bool(_PERSON.search(after)) and not absent_value(who) and \
        not PLACEHOLDER_X.search(who)
    return Row(line, has_name, bool(DATE_RE.search(text)), bool(_APPROVED.search(text)), text)


def _rows_in(line: int, text: str, in_section: bool) -> list[Row]:
    """Approver rows in one line: "Signed off by Kim Ortega (Ops) and Dev Patel (Eng) on
    3 March 2026" gives one row per person."""
    m = _BY.search(text)
    if m:
        people = [p for p in _PERSON.findall(text[m.end():]) if not _ROLE_WORDS.search(p)]
        if len(people) > 1:
            date, ok = bool(DATE_RE.search(text)), bool(_APPROVED.search(text))
            return [Row(line, True, date, ok, p) for p in people]
    row = _row(line, text, in_section)
    return [row] if row is not None else []


@check("signoff", "item")
def signoff(ctx: Context, params: Params) -> Verdict:
    """Pass on at least ``min`` sign-off rows naming a person with a date or an approval;
    weak on fewer; missing when rows are placeholders or absent."""
    rs = rows(ctx)
    done = [r for r in rs if r.name and (r.date or r.approved)]
    share = float(params.get("share", 0.5))
    if len(done) >= int(params.get("min", 2)) and len(done) >= share * len(rs):
        return Verdict("pass", None, detail=str(len(done)), line=done[0].line)
    if done:
        return Verdict("weak", None, detail=f"{len(done)} of {len(rs)}", line=done[0].line)
    named = [r for r in rs if r.name]
    if named:
        return Verdict("weak", None, detail="names without dates", line=named[0].line)
    if not rs:
        said = next((u for u in ctx.units if _BY.search(u.text) or re.search(
            r"\bapproved (?:in|at|by) (?:the )?[\w-]+ (?:meeting|board|committee|forum)",
            u.text, re.I)), None)
        if said is not None and not absent_value(_BY.split(said.text)[-1]):
            return Verdict("weak", said, detail="an approval without named approvers")
    return Verdict("missing", None, line=rs[0].line if rs else None)


@check("signoff_rows", "finding")
def signoff_rows(ctx: Context, params: Params) -> list[Hit]:
    """Sign-off rows with no name or no date."""
    hits = []
    for r in rows(ctx):
        lack = [w for w, ok in (("name", r.name), ("date", r.date)) if not ok]
        if lack:
            hits.append(Hit(r.line, r.line, " and ".join(lack)))
    return hits
