"""Sign-off facts: each approver row of a sign-off table or line of a sign-off section, with
its role, the person's name, the date and the decision as written. A placeholder ("[Name]",
"TBD", "Gap: no name") is recognised as such and is never a name; "Thanks, Sofia" after a
letter's close is its signature, not an approver. Approvals recorded where pull requests,
tickets and checklists put them ("@kim approved these changes · 4 Mar 2026", "[x] Security
sign-off (@ravi, 2026-04-07)") are approvers wherever they stand.

``signoffs(ctx)`` reads them once per document; C18 and X07 are judged over them and
``dcrdraft extract`` writes them as ``signoffs:`` entries.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from dcrdraft.review.absence import absent_value, negated, placeholder_in
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import clean

Decision = Literal["approve", "approve-with-conditions", "disapprove"]

BY = re.compile(r"\b(?:approved|signed(?:[- ]off)?|endorsed|accepted)\s+by\b\s*:?"
                r"|\b(?:approved|signed(?:[- ]off)?|endorsed)\s+(?:for|in|at)\s+"
                r"(?-i:[a-z][a-z -]{0,25}?)\s+by\s*:"
                r"|(?<![\w-])(?:approvals?|approved|sign[- ]?offs?|signed(?:[- ]off)?|signatures?|"
                r"endorsements?|endorsed)\s*:(?!\s*[\d(]|//)"
                r"|(?<![\w/])/s/\s*"
                r"|\b(?:approved|decision)\b[^.;—–]{0,80}\s[—–]\s(?=(?:Dr\.?\s|Prof\.?\s)?"
                r"(?-i:[A-Z][a-z]+\s[A-Z]))", re.I)
"""An approval stated with its approvers: "approved by ...", what or where it was approved
before the list of them ("approved for release by: ...", "signed off at the meeting by:
..."; without the colon a team or body often follows, not people), a label
("Approvals: ..."), a signature ("/s/ Ana Ruiz") or the approvers after a dash ("Approved
for the pilot — Ana Ruiz, Ops lead, and Tom Berg, Safety, 3 May 2026")."""
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
                       r"\bendorse\w*|\bagree\w*|\baccept(?:ed)?\b|\bno objections?\b|^\W*go\W*$|"
                       r"^\W*(?:conditional\s+)?go\b\W*(?:with|subject to|provided)\b",
                       re.I)
_PERSON = re.compile(r"\b[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*(?:\s[A-Z]\.)?"
                     r"(?:\s[A-Z][a-zà-ÿ'’]+(?:-[A-Z]?[a-zà-ÿ'’]+)*)+\b|"
                     r"\b[A-Z]\.\s?[A-Z][a-z]+\b|@[\w.-]+")
_EMPTY = re.compile(r"^[\s\-–—_?.]*$|^(?:n/?a|none|pending|tbd|tbc|-+)$", re.I)
_ROLE_WORDS = re.compile(r"\b(?:lead|head|officer|owner|manager|director|counsel|sponsor|"
                         r"clerk|recorder|registrar|chair|dean|commissioner|superintendent|"
                         r"administrator|coordinator|supervisor|"
                         r"engineering|product|legal|privacy|security|compliance|business|"
                         r"chief|vp|cto|ciso|cmo|dpo)\b", re.I)
_BODY_WORDS = re.compile(r"\b(?:management|committee|board|council|team|group|office|"
                         r"department|services|operations|governance|assurance|adviser|advisor|"
                         r"analytics|programme|program|forum|panel)\b", re.I)
"""Words of a function or body ("Model Risk Management", "AI Governance Council"): a
capitalised run holding one names who signs in what capacity, not a person."""
_FIGURE_CELL = re.compile(r"\W{0,2}[\d.,]+\s?(?:%|pp|pts?)?(?:\s*[(\[].*)?$")
"""A cell holding a result ("61.2%", "0.81 (before: 0.78)", "9,840"): a row with two of them
reports figures (a results table in the sign-off part), not an approver."""
_NON_SIGNER = re.compile(r"\b(?:observer|attendee|note[- ]?taker|minute[- ]?taker|secretary|"
                         r"for information|in attendance)\b", re.I)
"""A row for someone present who does not sign (an observer, the minute-taker)."""


_VERB = r"(?i:reviewed|approved|endorsed|signed[- ]off|cleared|accepted)"
_WHO = r"(?P<NAME>(?:[Tt]he\s+)?[A-Z][\w&.'’-]*(?:\s+(?:&\s+|and\s+|of\s+)?[A-Z][\w&.'’-]*){0,6})"
ATTRIBUTED = re.compile(
    rf"\b{_VERB}(?:\s+and\s+{_VERB})?(?:\s+(?i:for)\s+[\w -]{{1,30}}?)?\s+(?i:by|through|at)\s+"
    rf"(?:the\s+)?{_WHO.replace('NAME', 'by')}"
    rf"|{_WHO.replace('NAME', 'who')}\s+(?:(?:has|have)\s+)?{_VERB}\s+(?i:the|this|these)\b")
"""An approval or review the document attributes to someone: "approved for use by Ana Ruiz",
"endorsed through the Model Risk Committee", "Legal has reviewed the proposal"."""
_NOT_DONE = re.compile(r"\b(?:not|never|yet to|to be|will be|pending|awaiting|once|until|if|"
                       r"when|before)\b[^.;]{0,40}$", re.I)
_ONGOING = re.compile(r"\b(?:is|are|gets?|being)\s+$", re.I)
"""Present-tense review ("outputs are reviewed by the Claims Team") is a workflow, not a
sign-off."""


def attributed_approval(text: str) -> str | None:
    """Who ``text`` says approved, endorsed or reviewed the system, when a named person or a
    named body or role (a committee, "Legal") did it, not a plan or an unnamed process."""
    for m in ATTRIBUTED.finditer(text):
        who = m.group("by") or m.group("who") or ""
        before = text[:m.start()]
        if _NOT_DONE.search(before) or _ONGOING.search(before) or absent_value(who):
            continue
        if _person(who) or _BODY_WORDS.search(who) or _ROLE_WORDS.search(who):
            return who
    return None


def signature(text: str) -> str | None:
    """The person who signs ``text`` with a date and their title ("GO - Ana Ruiz, Ops lead,
    3 May 2026", "Ana Ruiz, Director of Operations - May 3, 2026"): one named, dated signer.
    A capitalised run with no title after it ("Harbour Payments from 5 May") may be a firm
    or a product."""
    if negated(text) or placeholder_in(text) or not DATE_RE.search(text):
        return None
    who = _person(text)
    if who is None or not _ROLE_WORDS.search(text[who.end():who.end() + 40]):
        return None
    return who.group(0)


def names_person(text: str) -> bool:
    """Whether ``text`` names a person, not only a role or a body ("Chief Pharmacist")."""
    return _person(text) is not None


def _person(text: str) -> re.Match[str] | None:
    """The first capitalised run in ``text`` that names a person rather than a role or body."""
    return next((p for p in _PERSON.finditer(text) if not _ROLE_WORDS.search(p.group(0))
                 and not _BODY_WORDS.search(p.group(0))), None)



_DECISION_COL = re.compile(r"decision|status|verdict|outcome|approv|sign(?:ed|-?off)?\b|\bvotes?\b",
                           re.I)
_DISAPPROVE = re.compile(r"\b(?:disapprov\w*|reject\w*|declin\w*|not approved|no[- ]go|"
                         r"veto\w*|object(?:s|ed|ion)?)\b", re.I)
_CONDITIONAL = re.compile(r"\bwith[- ]conditions\b|\bconditional(?:ly)?\b|\bsubject to\b",
                          re.I)
MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"), 1)}


@dataclass(frozen=True)
class SignOff:
    """One approver as the document states them."""

    line: int
    text: str
    role: str | None
    """The signing role or function ("Legal and Compliance"), as written."""
    name: str | None
    """The person; None when absent or a placeholder."""
    date: str | None
    """The date as written; None when absent."""
    decision: Decision | None
    """What they decided, when the row says it."""
    approved: bool
    """The row states an approval (a decision, "signed", a tick, "LGTM")."""
    placeholder: bool = False
    """The name is a placeholder ("[Name]", "TBD", a gap)."""

    @property
    def iso_date(self) -> dt.date | None:
        """The date as a calendar date, when it is written with its year."""
        return to_date(self.date) if self.date else None


def to_date(text: str) -> dt.date | None:
    """A written date ("2024-05-04", "3 March 2026", "March 3, 2026") as a date; None for a
    date without a year or one that does not exist."""
    iso = re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", text)
    try:
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        dm = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3})[a-z]*\.?,?\s+(\d{4})\b", text,
                       re.I)
        md = re.search(r"\b([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", text,
                       re.I)
        if dm and dm.group(2).lower() in MONTHS:
            return dt.date(int(dm.group(3)), MONTHS[dm.group(2).lower()], int(dm.group(1)))
        if md and md.group(1).lower() in MONTHS:
            return dt.date(int(md.group(3)), MONTHS[md.group(1).lower()], int(md.group(2)))
    except ValueError:
        return None
    return None


def decision_of(text: str) -> Decision | None:
    """The decision a row states: a refusal, an approval with conditions, or an approval."""
    if _DISAPPROVE.search(re.sub(r"\bno objections?\b", "", text, flags=re.I)):
        return "disapprove"
    if _APPROVED.search(text):
        return "approve-with-conditions" if _CONDITIONAL.search(text) else "approve"
    return None


def _is_name(cell: str) -> bool:
    cell = clean(cell)
    return bool(cell) and not _EMPTY.match(cell) and not placeholder_in(cell) and \
        not absent_value(cell) and len(cell) <= 80


def _stated(cells: list[str]) -> str:
    """The cells that say something: "Gap: not signed" or "pending" approve nothing."""
    return " | ".join(c for c in cells if not absent_value(c) and not negated(c))


def _date(text: str) -> str | None:
    m = DATE_RE.search(text)
    return m.group(0) if m else None


def _table_rows(ctx: Context) -> list[SignOff]:
    out: list[SignOff] = []
    for block, sec in ctx.tables():
        table = block.rows or []
        header = [clean(h) for h in table[0]]
        in_sec = bool(ctx.kinds_of.get(id(sec), frozenset()) & {"signoff"})
        has_name = any(_NAME_COL.search(h) for h in header)
        has_date = any(_DATE_COL.search(h) or DATE_RE.search(h) for h in header)
        # Outside a sign-off section an approvals table needs a who or when column (or
        # dates in a headerless first row): "Approval Rate" heads a metrics table.
        has_decision = any(re.fullmatch(r"\W*(?:decision|verdict|approv\w*|sign(?:ed)?[- ]?off"
                                        r"|go/no[- ]go|votes?)\W*", h, re.I) for h in header)
        if not in_sec and not ((_HEAD.search(" ".join(header)) and (has_name or has_date))
                               or (has_name and (has_date or has_decision))):
            continue
        name_i = next((i for i, h in enumerate(header) if _NAME_COL.search(h)
                       and not _ROLE_COL.search(h)), None)
        role_i = next((i for i, h in enumerate(header) if _ROLE_COL.search(h)
                       and i != name_i), 0 if name_i != 0 else None)
        dec_i = next((i for i, h in enumerate(header) if _DECISION_COL.search(h)
                      and i not in (name_i, role_i) and not _DATE_COL.search(h)), None)
        lines = block.row_lines or [block.line] * len(table)
        found: list[SignOff] = []
        for r, row in enumerate(table[1:], 1):
            cells = [clean(c) for c in row]
            text = " | ".join(cells)
            if _NON_SIGNER.search(text) or sum(bool(_FIGURE_CELL.match(c)) for c in cells) >= 2:
                continue  # someone who does not sign, or a row of results
            name: str | None = None
            placeholder = False
            if name_i is not None and name_i < len(cells):
                name = cells[name_i] if _is_name(cells[name_i]) else None
                placeholder = name is None and bool(cells[name_i].strip())
                if name and (_ROLE_WORDS.search(name) or _BODY_WORDS.search(name)) \
                        and not _person(name):
                    name = None  # a "Stakeholder" column naming roles, not people
            else:
                name = next((c for c in cells if _person(c)
                             and not placeholder_in(c) and not _ROLE_WORDS.fullmatch(c)),
                            None)
                placeholder = name is None and any(placeholder_in(c) for c in cells[1:])
            role = cells[role_i] if role_i is not None and role_i < len(cells) else None
            stated = _stated(cells[1:])
            said = _stated([cells[dec_i]]) if dec_i is not None and dec_i < len(cells) else stated
            ln = lines[r] if r < len(lines) else block.line
            found.append(SignOff(ln, text, role if role and not absent_value(role) else None,
                                 name, _date(text), decision_of(said) or decision_of(stated),
                                 bool(_APPROVED.search(stated)), placeholder))
        # A table with no who, when or decision column whose rows name, date and decide
        # nothing (a results table in the sign-off part) holds no approvers.
        if has_name or has_date or has_decision or any(
                f.name or f.date or f.decision or f.approved or f.placeholder for f in found):
            out += found
    return out


def _line_rows(ctx: Context) -> list[SignOff]:
    out: list[SignOff] = []
    seen: set[int] = set()
    closed = False
    for u in ctx.units:
        if closed or (out and _VALEDICTION.match(u.section.title or "")):
            break  # after the letter's close ("Thanks,\nSofia\n--" reads as a heading)
        in_sec = "signoff" in u.kinds
        if id(u.block) in seen or u.block.kind not in ("list_item", "paragraph", "quote"):
            continue
        lines = _lines(ctx, u)
        if len(lines) > 1:
            seen.add(id(u.block))  # a block of several lines is read whole, once
        # a quoted block is read only for the approvals a review tool records in it
        recorded = any(_recorded(t) for _, t in lines)
        if u.block.kind == "quote" and not recorded or \
                not in_sec and not BY.search(u.block.text) and not recorded:
            continue
        seen.add(id(u.block))
        for ln, text in lines:
            if _VALEDICTION.match(text) and (in_sec or out):
                closed = True  # "Thanks, Sofia": the rest is her signature
                break
            if _DECISION_LINE.match(text) and not BY.search(text):
                continue
            if u.block.kind != "quote" and (in_sec or BY.search(text)):
                out += _rows_in(ln, text, in_sec)
            elif _recorded(text):
                who = _HANDLE.search(text) or _person(text)
                out.append(SignOff(ln, text, None, who.group(0) if who else None, _date(text),
                                   "approve", True))
    return out


_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z][\w.-]*\w")
_RECORD = re.compile(r"\b(?:approved|signed[- ]off|sign-?off|approval|lgtm)\b", re.I)
_TICKED_BOX = re.compile(r"^\W*\[[xX✓✔]\]|^\W*[✓✔✅]")


def _recorded(text: str) -> bool:
    """Whether a line records an approval given, with who gave it and when, as pull requests,
    tickets and checklists write them ("[x] Security sign-off (@kim, 2026-04-07)", "@kim
    approved these changes · 4 Mar 2026"): a ticked box or the past tense, a person or a
    handle, and a date unless the box is ticked. An open box, a negation or a placeholder
    records nothing."""
    m = _RECORD.search(text)
    if m is None or negated(text) or placeholder_in(text):
        return False
    if not _TICKED_BOX.match(text) and not (re.match(r"approved|signed", m.group(0), re.I)
                                             and DATE_RE.search(text)):
        return False
    who = _person(text)  # a name, not the approval word itself ("the Approved Body")
    return bool(_HANDLE.search(text)) or \
        who is not None and not who.start() <= m.start() < who.end()


_MAIL_FROM = re.compile(r"^[\s>*_]*from\s*:[\s*_]*(?P<who>[^<\n]{3,60}?)\s*(?:<[^>]*>)?[\s*_]*$", re.I)
_MAIL_DATE = re.compile(r"^[\s>*_]*(?:date|sent)\s*:", re.I)
_MAIL_GIVEN = re.compile(
    r"\bI(?:['’]m| am)?\s+(?:now\s+)?(?:approving|approve|happy|content|comfortable|fine|ok|"
    r"okay)\b|\b(?:approved|agreed|signed off)\b|\b(?:ok|fine|good) (?:from|by|with) (?:me|us)\b|"
    r"\bno objections?\b|\blgtm\b|\b(?:supportive|support this)\b|"
    r"(?:^|[.!:;]\s)\W*go ahead\b(?!\s+(?:if|once|when|until|before)\b)|"
    r"\b(?:ok(?:ay)?|agreed|great|right|fine|good)\W{1,3}(?:ship it\b|go\b"
    r"(?!\s+(?:back|to|through|over|into|wider|and|on|with)\b))|"
    r"\bwe(?:['’]re| are)?\s+go(?:ing)?\s+ahead\b|"
    r"\b(?:fine|happy|good|ok|okay|clear)\s+to\s+go\b", re.I | re.M)
"""An approval a sender gives in their own message ("I'm approving go-live", "fine by us",
"Go ahead from Monday"), or a chat's go as people type it ("ok, go for Tuesday", "we're going
ahead")."""
_IF = re.compile(r"\b(?:if|whether|provided|providing|once|unless|until|subject to)\b[^.!?]*$",
                 re.I)
"""A condition before the approval in its sentence ("if the post gets approved"): the
approval is still to come."""


def gives_approval(text: str) -> bool:
    """Whether a message's text gives an approval in the writer's own words, not on a
    condition still open."""
    return any(not _IF.search(text[:m.start()]) for m in _MAIL_GIVEN.finditer(text))


_MAIL_ASK = re.compile(r"\b(?:can|could|would|will) you\b[^.?]{0,40}\bapprov|\bfor (?:your )?"
                       r"approval\b|\bnot (?:yet )?(?:approv|happy|agree)\w*", re.I)


_CHAT_HEAD = re.compile(
    r"^[\s*_]*\[(?:\d{4}-\d\d-\d\d\s+)?\d{1,2}:\d\d\]\s*(?P<who>[A-Z][^:()\[\]\n]{1,40}?)"
    r"\s*(?:\([^)]{0,60}\))?\s*(?::\s*(?P<said>.*))?$"
    r"|^[\s*_]*(?P<name>[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,3})[\s*_]*(?:\([^)]{0,60}\))?[\s*_]*"
    r"(?:[—–-]\s*)?(?:\d{4}-\d\d-\d\d\s+)?\d{1,2}:\d\d(?:\s?[ap]m)?\s*$")
"""A chat export's message header: the speaker and the time ("[09:14] Ana Ruiz (Ops)",
"[09:14] Ana Ruiz: fine by me", "**Ana Ruiz** 09:14", "Ana Ruiz — 2026-03-02 09:14")."""


def _heads(lines: list[str]) -> list[tuple[int, str, str | None]]:
    """The messages of an e-mail thread (each sender with the message's date) or, when it has
    none, of a chat export (each speaker with the export's date, the first in its opening
    lines): (line index, sender, date)."""
    mail = [(i, m.group("who"), next((d for ln in lines[i + 1:i + 5]
                                      if _MAIL_DATE.match(ln) and (d := _date(ln))), None))
            for i, ln in enumerate(lines) if (m := _MAIL_FROM.match(ln))]
    if mail:
        return mail
    day = next((d for ln in lines[:6] if (d := _date(ln))), None)
    return [(i, m.group("who") or m.group("name"), day)
            for i, ln in enumerate(lines) if (m := _CHAT_HEAD.match(ln))]


def mail_approvals(ctx: Context) -> list[SignOff]:
    """The senders of an e-mail thread, or the speakers of a chat export, who approve in
    their own dated message, each once, with the line that gives the approval (read once
    per document)."""
    def compute() -> list[SignOff]:
        lines = ctx.doc.lines
        heads = _heads(lines)
        out: list[SignOff] = []
        seen: set[str] = set()
        for k, (i, sender, date) in enumerate(heads):
            end = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
            who = _person(sender.strip(" *_\"'"))
            said = _CHAT_HEAD.match(lines[i])
            first = [(i, said.group("said"))] if said and said.group("said") else []
            # (the subject line repeats the thread's question in every message)
            body = first + [(j, ln) for j, ln in enumerate(lines[i + 1:end], i + 1)
                            if not _HEADER.match(ln)]
            text = " ".join(ln for _, ln in body)
            if who is None or date is None or not gives_approval(text) or \
                    _MAIL_ASK.search(text) or who.group(0) in seen:
                continue
            seen.add(who.group(0))
            at = next((j for j, ln in body if gives_approval(ln)), i)
            out.append(SignOff(at + 1, lines[at].strip(), None, who.group(0), date, "approve",
                               True))
        return out
    return ctx.cached("mail_approvals", compute)


def _mail_rows(ctx: Context) -> list[SignOff]:
    """The approving senders of an e-mail thread as its sign-offs: two senders are often the
    one who asks and the one who approves (a single signer), so a thread signs off when
    three or more people approve in their own messages."""
    out = mail_approvals(ctx)
    return out if len(out) >= 3 else []


def signoffs(ctx: Context) -> list[SignOff]:
    """Every approver the document states: its sign-off tables' rows, else the approver
    lines of its sign-off sections and "approved by" sentences, else the senders of an
    e-mail thread who approve in their own dated messages (read once per document)."""
    def compute() -> list[SignOff]:
        return _table_rows(ctx) or _line_rows(ctx) or _mail_rows(ctx)
    return ctx.cached("signoff_facts", compute)


def _lines(ctx: Context, u: Unit) -> list[tuple[int, str]]:
    """The block's source lines (a reader may join them into one paragraph)."""
    b = u.block
    src = [(ln, clean(ctx.doc.lines[ln - 1])) for ln in range(b.line, b.end_line + 1)
           if 0 < ln <= len(ctx.doc.lines)]
    src = [(ln, t.lstrip("-*• ")) for ln, t in src if t]
    return src if len(src) > 1 else [(u.line, _whole_sentence(u.text, clean(b.text)))]


_CUT_AT_INITIAL = re.compile(r"(?:\b[A-Z]|\b(?:Dr|Mr|Mrs|Ms|Prof|Sr|Jr|St))\.$")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bDr)(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bProf)"
                           r"[.!?](?=\s|$)")


def _whole_sentence(text: str, block: str) -> str:
    """``text`` with the rest of its sentence when the splitter cut it after an initial or a
    title ("Approved: N." + "Achterberg (Safety), 2026-09-02."): the approver is in the rest."""
    if not _CUT_AT_INITIAL.search(text) or text not in block:
        return text
    start = block.index(text)
    end = _SENTENCE_END.search(block, start + len(text))
    return block[start:end.end() if end else len(block)][:240]


def _row(line: int, text: str, in_section: bool = True) -> SignOff | None:
    """One approver line ("Legal: Tom Becker, 2024-05-04", "Ads Integrity — pending")."""
    if len(text) > 240:
        return None
    if not (_ROLE_WORDS.search(text) or placeholder_in(text) or BY.search(text) or
            (in_section and _ROLE_SPLIT.search(text) and len(text) <= 120)):
        return None
    m = BY.search(text)
    parts = _ROLE_SPLIT.split(text, maxsplit=1)
    after = text[m.end():] if m else parts[1] if len(parts) > 1 else text
    who = re.split(r",|\(|\s[—–-]\s|\bon\b|\bdate\b", after, maxsplit=1)[0].strip()
    person = _person(after)
    has_name = person is not None and not absent_value(who) and not placeholder_in(who)
    role = None
    if m:
        inner = re.search(r"\(([^)]{1,60})\)", after)
        role = inner.group(1).strip() if inner and not DATE_RE.search(inner.group(1)) else None
    elif len(parts) > 1:
        role = parts[0].strip(" *_") or None
    name = None
    if has_name and person is not None:
        name = who.strip(" *_") if _PERSON.search(who) and len(who) <= 60 else person.group(0)
    lead = _person(parts[0]) if not m and len(parts) > 1 and person is None else None
    if lead is not None and not parts[0][:lead.start()].strip(" *_"):
        # the person before their title and decision ("Ana Ruiz, Ops lead — approved, 3 May")
        name, has_name = lead.group(0), True
        role = parts[0][lead.end():].strip(" ,()*_") or None
    placeholder = not has_name and bool(placeholder_in(after) or absent_value(who))
    said = text if m else _stated([after])  # "Approved by: ..." states the decision itself
    if negated(text):  # "not yet approved by the Risk Committee": nobody has decided
        return SignOff(line, text, role, name, _date(text), None, False, placeholder)
    return SignOff(line, text, role, name, _date(text), decision_of(said),
                   bool(_APPROVED.search(text)), placeholder)


def _rows_in(line: int, text: str, in_section: bool) -> list[SignOff]:
    """Approver rows in one line: "Signed off by Kim Ortega (Ops) and Dev Patel (Eng) on
    3 March 2026" gives one row per person."""
    m = BY.search(text)
    if m:
        tail = text[m.end():]
        asides = [a.span() for a in re.finditer(r"\([^()]*\)", tail)]
        people = [p for p in _PERSON.finditer(tail) if not _ROLE_WORDS.search(p.group(0))
                  and not _BODY_WORDS.search(p.group(0))
                  and not any(x <= p.start() < y for x, y in asides)]  # "(Retail Ops)": a role
        if len(people) > 1:
            date, ok = _date(text), bool(_APPROVED.search(text))
            out = []
            for p in people:
                inner = re.match(r"\s*\(([^)]{1,60})\)", tail[p.end():])
                out.append(SignOff(line, p.group(0), inner.group(1).strip() if inner else None,
                                   p.group(0), date, decision_of(text) if ok else None, ok))
            return out
    row = _row(line, text, in_section)
    return [row] if row is not None else []


_APPROVER = re.compile(r"@[\w.-]+|\bI\s+(?:(?:have|hereby|now|formally)\s+)?(?:approve|sign|endorse)",
                       re.I)
"""An approver the sentence names without a title: a reviewer's handle ("@kim approved these
changes") or the writer's own approval ("I approve wave 1")."""
_HEADER = re.compile(r"^\W*(?:from|to|cc|bcc|sent|date|subject|re|fwd?)\s*:", re.I)
_PROCESS = re.compile(r"\b(?:through|via|under|per|by)\s+(?:our|the|its|their|a|an)\s+(?:[\w'’-]+\s+){0,4}?"
                      r"(?:process|framework|procedure|policy)\b", re.I)
"""An approval credited to a process ("approved through our governance process"): a process
signs nothing, and the roles listed after it are a formula, not approvers."""
_AWAITED = re.compile(r"\b(?:pending|awaiting|not yet|yet to|to be (?:approved|signed|endorsed))\b",
                      re.I)


def approval_discussed(ctx: Context) -> Unit | None:
    """The first sentence that puts the system's approval on the page with someone to give
    it: an approval word (``approval_topic``) beside a role or body ("the Steering Group is
    asked to endorse go-live", "Approvers: Chief Risk Officer", "CAB: approved") or a named
    approver ("@kim approved these changes", "I approve wave 1"). The sign-off is discussed,
    though no named, dated approver shows it done: C18's weak floor. A user who approves the
    system's output ("you approve the plan") names no approver role; a mail header names a
    meeting; an approval still awaited is not one given, nor one credited to a process
    (read once per document)."""
    def compute() -> Unit | None:
        topic, body = vocab("approval_topic"), vocab("approving_body")
        for u in ctx.units:
            if not topic.search(u.text) or _HEADER.match(u.text) or negated(u.text) or \
                    _AWAITED.search(u.text) or _PROCESS.search(u.text) or placeholder_in(u.text):
                continue
            if _ROLE_WORDS.search(u.text) or body.search(u.text) or _APPROVER.search(u.text):
                return u
        return None
    return ctx.cached("approval_discussed", compute)


__all__ = ["BY", "DATE_RE", "MONTHS", "Decision", "SignOff", "approval_discussed",
           "attributed_approval", "decision_of", "gives_approval", "mail_approvals",
           "names_person", "signature", "signoffs", "to_date"]
