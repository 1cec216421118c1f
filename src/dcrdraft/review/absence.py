"""Statements of absence ("has not been tested", "Rollback: TBD", "N/A") and placeholders
("[Name]", "[threshold]"): text that names a topic but is evidence that it is missing. Shared by
the fact layer and the check types."""

from __future__ import annotations

import re

from dcrdraft.review.fastre import fast
from dcrdraft.review.text import PLACEHOLDER_RE

_DONE = (r"(?:tested|evaluated|assessed|analy[sz]ed|reviewed|written|drafted|started|begun|"
         r"defined|agreed|assigned|obtained|completed?|done|performed|conducted|published|"
         r"finali[sz]ed|trained|staffed|hired|rostered|rehearsed|exercised|measured|checked|"
         r"run|built|set up|considered|documented|signed|approved|established|identified|"
         r"implemented|configured|verified|validated|collected|studied|examined|audited|"
         r"investigated|quantified|computed|calculated|estimated|broken down|compared|"
         r"prepared|produced|created|decided|determined|filed|registered|submitted|ready|"
         r"available|in place|carried out)")
NEGATED_RE = fast(
    rf"\b(?:not|never)\s+(?:yet\s+)?(?:been\s+|be\s+)?(?:fully\s+|formally\s+|properly\s+)?"
    rf"{_DONE}\b"
    rf"|\bno\s+(?:[\w-]+\s+){{0,4}}?(?:has|have|had|was|were|is|are)\s+(?:yet\s+)?(?:been\s+)?"
    rf"(?:fully\s+|formally\s+)?{_DONE}\b"
    rf"|\b(?:has|have|had|is|are|was|were)n['’]t\s+(?:yet\s+)?(?:been\s+)?{_DONE}\b"
    rf"|\b(?:yet to be|yet to|still to be|still needs? to be)\s+{_DONE}\b"
    rf"|\bno\s+(?:[\w-]+\s+){{0,3}}?(?:yet|so far|to date|at this (?:time|stage))\b"
    rf"|\bnone (?:yet|so far|to date)\b|\bnot yet\b"
    rf"|^\W*(?:n/?a|none|tbd|tbc|to be (?:confirmed|determined|defined))\b"
    rf"|\bsee (?:the )?(?:attached|separate|enclosed)\b"
    rf"|^\W*gap\s*:", re.I)
"""A statement that something was NOT done: "has not been tested", "No rollback plan has been
defined yet", "we have not evaluated fairness", "N/A", "see attached", and the "Gap: ..."
lines dcrdraft's own drafts put where content is missing. Such a sentence names the topic but
is evidence of its absence."""

EXTRA_PLACEHOLDER = (
    r"\[[A-Za-z][\w .'-]{0,25}(?:\s?/\s?[\w .'-]{1,25}){1,6}\]"  # [HIGH/MEDIUM/LOW]
    r"|\[(?:threshold|number|percentage|percent|figure|link|url|details?|description|"
    r"metric name|owner name|approver|signer|version|date of \w+|fill in[^\]]*|add [^\]]*|"
    r"describe[^\]]*|\w+ name)\]"
    r"|<(?:threshold|metric|value|version|describe|fill)[^>]{0,40}>")
PLACEHOLDER_X = re.compile(f"{PLACEHOLDER_RE.pattern}|{EXTRA_PLACEHOLDER}", re.I)
"""The shared placeholder list plus option lists and template slots ("[HIGH/MEDIUM/LOW]",
"[threshold]")."""

TASK_BOX = re.compile(r"^(\s*(?:[-*+•]|\d+[.)])?\s*)\[[ xX]\](?=\s)", re.M)
"""A task-list checkbox at the start of a line ("- [x] Rollback tested", "[ ] DPIA"): a
status, not the "[X]" placeholder it looks like."""


def untask(text: str) -> str:
    """``text`` with each task-list checkbox shown as a box mark, which no placeholder matches."""
    return TASK_BOX.sub(r"\1☐", text) if "[" in text else text


def placeholder_in(text: str) -> re.Match[str] | None:
    """The first placeholder in ``text`` (see ``PLACEHOLDER_X``); a ticked or open task box
    is none ("[x] Rollback tested on 3 May" reports a test, it leaves nothing unfilled)."""
    return PLACEHOLDER_X.search(untask(text))


EMPTY_VALUE = re.compile(r"^\W*(?:gap(?:\s*:.*)?|n/?a|none|nil|tbd|tbc|todo|pending|unknown|unassigned|"
                         r"not (?:yet )?(?:assigned|known|defined|set|available)|-+|–|—|\?+)?"
                         r"\W*$", re.I)


def negated(text: str) -> bool:
    """Whether ``text`` states that something was not done (see ``NEGATED_RE``)."""
    return bool(NEGATED_RE.search(text))


def absent_value(text: str) -> bool:
    """A field value that supplies nothing: empty, N/A, TBD, pending or a placeholder."""
    t = text.strip(" .;:,*_`")
    return not t or bool(EMPTY_VALUE.match(t)) or bool(PLACEHOLDER_X.match(untask(t)))
