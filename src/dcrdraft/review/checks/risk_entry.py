"""A risk entry and the fields it states (severity, likelihood, mitigation, owner, residual
risk), read from one entry's own text. It stands alone because every way of finding entries
(register tables, labelled records, list items) builds the same ``Entry``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dcrdraft.review.facts.risks import MECHANISM
from dcrdraft.review.text import VAGUE_RE
from dcrdraft.review.checks.base import absent_value


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
RISK_HEAD = re.compile(r"\b(?:risks?|hazards?|threats?|failure modes?|harms?|issues?)\b", re.I)


HEDGE = re.compile(
    r"\b(?:look into|looking into|consider\w*|explor\w+|investigat\w+|take \w+ seriously|"
    r"continuous(?:ly)? improv\w*|best efforts?|as needed|if needed|where possible|tbd|"
    r"to be (?:decided|defined|determined)|work(?:ing)? on it|in progress|awareness)\b", re.I)


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


def text_entry(title: str, text: str, line: int, end: int) -> Entry:
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
        body = BODY_AFTER_TITLE.sub("", text, count=1)
        if body != text and len(body.split()) >= 6 and MECHANISM.search(body) and \
                not HEDGE.search(body) and not VAGUE_RE.search(body):
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


BODY_AFTER_TITLE = re.compile(r"^[^\n]*?(?:\*\*[^*]+\*\*|[.!?](?=\s))\s*")
"""The title of a prose risk entry: its bold lead-in or its first sentence."""


