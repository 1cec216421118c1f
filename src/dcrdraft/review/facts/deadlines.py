"""Deadlines of conditions set before going live, read against the document's own date.

A go/no-go decision is often given "subject to" conditions, each with an owner and a date by
which it must be met; a later document (the next meeting's minutes, the reply in a thread, an
audit) that still lists one as open after its date records a condition nobody met. The
document's date is the one its header, e-mail headers or page metadata give ("Date:",
"Sent:", "Report date", "last updated ... on"), the latest when a thread holds several; a
condition's date is the one it must be met "by" (or its "Due" column). A condition counts as
met only when it says so as a status ("Status: done", a ticked box, "Closed", "already
published"): "approved by the privacy officer before 31 January" states what is required, not that it
happened.

``overdue_conditions(ctx)`` reads them once per document; X12 reports them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.signoffs import MONTHS, to_date
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import is_gap

_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_DATE = (rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?(?:,?\s+\d{{4}})?|"
         rf"{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}/\d{{1,2}}/\d{{4}})")
"""A calendar date as people write it; the year may be left to the document's."""
_DATE_RE = re.compile(rf"\b{_DATE}\b", re.I)

_DATED = re.compile(
    r"^(?:[\w&/-]+\s+){0,3}?(?:date|dated|sent|opened|submitted|issued|prepared|published|"
    r"created|written|held|edited|updated|modified|revision|version|as (?:of|at))\b", re.I)
"""A header field that dates the document ("Date: ...", "Report issued | ...", "Opened:
...", "Minutes of meeting held ...", "revision 4, 2 April 2026")."""
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
_FIELDS = re.compile(r"\s[·|]\s|\|\s|\s\||\t|\s{3,}")
_TOP = 12
"""The header: a document's first lines with text."""
_MAIL = re.compile(r"^\W*(?:from|to|cc|subject|sent|date)\s*:", re.I)
_MAIL_DATE = re.compile(r"^\W*(?:date|sent)\s*:", re.I)
_EDITED = re.compile(rf"\blast (?:updated|edited|modified)\b(?:[^.;·|]{{0,60}}?\bon)?\W{{0,3}}"
                     rf"({_WEEKDAY}{_DATE})", re.I)
"""Page metadata anywhere: "last edited by Ana Ruiz on 3 Feb 2026", "Last updated 16 Feb"."""
_STATUS_AT = re.compile(rf"\bstatus (?:at|as (?:at|of)|on)\s+({_DATE})", re.I)
"""A status column dated in its header ("Status at 20 Feb 2026")."""

_BY = re.compile(rf"(?:\bby|\bbefore|\bdue(?:\s+(?:on|by|date))?|\bdeadline|"
                 rf"\bno later than|\bnot later than)\W{{0,4}}(?:the\s+)?({_DATE})", re.I)
"""The date a condition must be met by."""
_DONE_SAID = re.compile(r"(?:^|[—–:;(]\s*|\bstatus\W{0,3})(?:done|complete[d]?|closed|met)\b|"
                        r"\b(?:already|has been|have been|was|were)\s+(?:\w+\s+)?"
                        r"(?:done|completed|signed|approved|delivered|published|finished|"
                        r"closed|met|verified|tested|in place|live)\b|[✅✔☑]|\[x\]", re.I)
"""A condition said to be met, as a status ("— done", "Status: closed", a tick, "has been
signed"): a participle alone ("DPIA signed by the DPO by 31 Jan") states the requirement."""


@dataclass(frozen=True)
class Deadline:
    """A condition of going live with the date it had to be met by."""

    unit: Unit
    due: dt.date
    met: bool
    """The document says it was met (a status, a tick)."""
    what: str
    """The condition in the document's words (its table cell, or the words before "by")."""
    owner: str | None = None
    """Who must meet it, when a column names them."""


def _date(text: str, year: int | None) -> dt.date | None:
    """``text``'s first date; one written without its year takes ``year``."""
    m = _DATE_RE.search(text)
    if m is None:
        return None
    raw = m.group(0)
    full = to_date(raw)
    if full is not None:
        return full
    slash = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw)
    try:
        if slash:  # day first, as written outside the US (the writers' dates are European)
            return dt.date(int(slash.group(3)), int(slash.group(2)), int(slash.group(1)))
        if year is None:
            return None
        day = re.search(r"\d{1,2}", raw)
        month = re.search(r"[a-z]{3}", raw, re.I)
        if day is None or month is None or month.group(0).lower() not in MONTHS:
            return None
        return dt.date(year, MONTHS[month.group(0).lower()], int(day.group(0)))
    except ValueError:
        return None


def _plain(text: str) -> str:
    """Text without markup: tags, emphasis, table bars and quote marks."""
    return re.sub(r"<[^>]+>|[*_|#>`]+", " ", text).strip()


def _plain_lines(ctx: Context) -> list[str]:
    """The document's source lines without markup, read once: the date and lead-in readers
    look at each line, and at the lines around it, many times."""
    return ctx.cached("facts.plain_lines", lambda: [_plain(ln) for ln in ctx.doc.lines])


def _field_date(field: str, title: bool = False) -> dt.date | None:
    """The date a header field gives the document: a dating label's ("Report issued: 14 April
    2026"), a field that is only a date ("Thursday 14 May 2026, 14:00") or, in the title, one
    after a dash ("Risk committee — minutes — 17 September 2026"). A field with two dates
    states a period, not the document's date."""
    text = _plain(field)
    found = list(_DATE_RE.finditer(text))
    if len(found) != 1:
        return None
    at = found[0]
    before = text[:at.start()]
    if vocab("not_document_date").search(before):
        return None
    bare = re.fullmatch(rf"\W*{_WEEKDAY}", before, re.I) is not None
    dashed = title and re.search(r"\s[—–-]\s*$", before) is not None
    if _DATED.match(text) or bare or dashed:
        return _date(at.group(0), None)
    return None


def document_date(ctx: Context) -> dt.date | None:
    """The document's own date: the latest its header, e-mail headers or page metadata give;
    None when it states none."""
    def compute() -> dt.date | None:
        raw, plain = ctx.doc.lines, _plain_lines(ctx)
        found: list[dt.date] = []
        top = [i for i, ln in enumerate(plain) if ln][:_TOP]
        for i, line in enumerate(raw):
            if i in top:
                found += [d for f in _FIELDS.split(line)
                          if (d := _field_date(f, title=i == top[0])) is not None]
            elif _MAIL_DATE.match(plain[i]) and \
                    sum(bool(_MAIL.match(x)) for x in plain[max(0, i - 4):i + 5]) >= 2:
                when = _date(plain[i].split(":", 1)[1], None)
                if when is not None:
                    found.append(when)
            for rx in (_EDITED, _STATUS_AT):
                found += [d for m in rx.finditer(line) if (d := _date(m.group(1), None))]
        return max(found) if found else None
    return ctx.cached("facts.document_date", compute)


_HEADING_WORDS = 8
"""A line this short naming conditions is a heading over them ("2. Conditions agreed")."""
_LEAD_BACK = 12
"""Lines looked back from a list item or record line for the lead-in naming its list."""


def _led_in(ctx: Context, u: Unit) -> bool:
    """Whether a line before ``u`` (up to a heading or ``_LEAD_BACK`` lines) introduces a list
    of conditions ("Go-live conditions:", "approved subject to the following:")."""
    plain = _plain_lines(ctx)
    for i in range(u.line - 2, max(-1, u.line - 2 - _LEAD_BACK), -1):
        raw = ctx.doc.lines[i] if i < len(ctx.doc.lines) else ""
        line = plain[i] if i < len(plain) else ""
        if line.endswith(":") and vocab("condition_lead_in").search(line) or \
                len(line.split()) <= _HEADING_WORDS and vocab("condition_heading").search(line):
            return True
        if raw.lstrip().startswith("#") or re.match(r"\s*<h\d", raw, re.I):
            return False
    return False


def _in_conditions(ctx: Context, u: Unit) -> bool:
    return bool("conditions" in u.kinds
                or vocab("condition_heading").search(u.section.title or "")
                or vocab("condition_lead_in").search(u.text) or _led_in(ctx, u))


def _cell(cells: list[str], header: list[str], rx: re.Pattern[str]) -> str | None:
    at = next((i for i, h in enumerate(header) if rx.search(h) and i < len(cells)
               and cells[i].strip() and not is_gap(cells[i])), None)
    return re.sub(r"[*_`]", "", cells[at]).strip() if at is not None else None


def _row_deadline(u: Unit, year: int | None) -> Deadline | None:
    """A table row's due date (its "Due" column) and whether its status column says met."""
    rows = u.block.rows or []
    if u.row is None or not rows:
        return None
    header = [re.sub(r"[*_]", "", h).strip() for h in rows[0]]
    cells = rows[u.row]
    due_i = next((i for i, h in enumerate(header) if vocab("due_column").match(h)), None)
    if due_i is None or due_i >= len(cells):
        return None
    due = _date(cells[due_i], year)
    if due is None:
        return None
    status = " ".join(c for i, c in enumerate(cells) if i < len(header) and
                      vocab("progress_column").search(header[i]))
    said = status or cells[due_i]  # "31 March 2026 — open" in the due cell itself
    if status:
        met = bool(vocab("condition_met").search(said)
                   and not vocab("condition_open").search(said))
    else:
        met = bool(_DONE_SAID.search(said))
    what = _cell(cells, header, vocab("condition_column")) or max(cells, key=len).strip()
    return Deadline(u, due, met, what, _cell(cells, header, vocab("owner_column")))


def _prose_deadline(u: Unit, year: int | None) -> Deadline | None:
    m = _BY.search(u.text)
    if m is None:
        return None
    due = _date(m.group(1), year)
    if due is None:
        return None
    rest = u.text[m.end():]
    met = bool(_DONE_SAID.search(u.text) and not vocab("condition_open").search(rest))
    what = re.sub(r"^\W*(?:\[[ x]\]\s*)?|(?:\s*\b(?:to be|must be|should be)\s+\w+)?[\s—–,;:-]*$",
                  "", u.text[:m.start()])
    return Deadline(u, due, met, what or u.text)


def condition_deadlines(ctx: Context) -> list[Deadline]:
    """Each condition of going live stated with the date it must be met by."""
    def compute() -> list[Deadline]:
        when = document_date(ctx)
        year = when.year if when else None  # a date without its year stays unread
        out: list[Deadline] = []
        for u in ctx.units:
            # the date first: most units give none, and reading the context costs more
            d = _row_deadline(u, year) if u.row is not None else _prose_deadline(u, year)
            if d is not None and _in_conditions(ctx, u):
                out.append(d)
        return out
    return ctx.cached("facts.deadlines", compute)


def overdue_conditions(ctx: Context) -> list[Deadline]:
    """Conditions whose date passed before the document's own date with no word that they
    were met; none when the document states no date of its own."""
    when = document_date(ctx)
    if when is None:
        return []
    return [d for d in condition_deadlines(ctx) if d.due < when and not d.met]
