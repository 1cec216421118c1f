"""Approvals in a meeting's minutes: the attendees its participants lines name ("Chair: Ana
Ruiz (Ops)", "Present: Tom Berg, Li Wei") and those of them the decision's section records as
agreeing, however the minutes shorten them (initials, a first name, a surname): "Agreed by AR,
TB and LW", "Tom, Li: go". Each such attendee is an approver on record on the meeting's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dcrdraft.review.absence import negated
from dcrdraft.review.context import Context
from dcrdraft.review.facts.decision import decision_facts
from dcrdraft.review.facts.signoffs import names_person

_TOOK_PART = r"present|attendees|attending|participants|in the room"
_PARTICIPANTS = re.compile(rf"^\W*(?:chair(?:ed by)?|{_TOOK_PART})\W*:\W*(?P<who>.+)$", re.I)
"""A line naming who took part in the meeting, and who chaired it."""
TOOK_PART = re.compile(rf"^\W*(?:from|who|{_TOOK_PART})\W*:", re.I)
"""A line naming who took part in a decision: a message's sender or a meeting's attendees,
whom C18 counts when everyone present decided together (the chair's own line is read only by
``attendees``)."""
_OUTSIDE_BRACKETS = re.compile(r"[;,](?![^()]*\))")
_ATTENDEE = re.compile(r"(?:(?:Dr|Prof|Mr|Mrs|Ms)\.?\s+)?"
                       r"(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,2})")
"""A person's name in a participants line, with any title before it dropped."""
_ASIDE = re.compile(r"\([^()]*\)")
_PARTS = re.compile(r",|\band\b")
"""What parts the people of a participants line written without semicolons."""
_AGREES = re.compile(r"\b(?:agree[sd]?|in favour|in favor|approv\w*|support\w*|concur\w*|"
                     r"no objections?|go)\b", re.I)
"""Words by which minutes record a member's assent to the decision."""
_DISSENT = re.compile(r"\b(?:not|never|against|abstain\w*|oppos\w*|declin\w*)\b|n['’]t\b", re.I)
"""A member's dissent or abstention: the names beside it agreed to nothing."""
_SHORT = re.compile(r"\b[A-Z][A-Za-z'’-]+\b")
_DECISION_WORDS = frozenset({"GO", "NO", "OK"})
"""Capitals that state the decision itself, never someone's initials ("GO for 1 June")."""


@dataclass(frozen=True)
class Attendee:
    """One person the participants lines name, with the forms minutes shorten them to."""

    name: str
    forms: frozenset[str]
    """The initials, first name and surname ("AR", "Ana", "Ruiz")."""


def attendees(ctx: Context) -> list[Attendee]:
    """The people the meeting's participants lines name, each once."""
    out: dict[str, Attendee] = {}
    for line in ctx.doc.lines:
        m = _PARTICIPANTS.match(line.replace("*", ""))
        if m is None:
            continue
        who = _ASIDE.sub("", m.group("who"))
        # each part opens with a person, or is the title of the one before ("Ana Ruiz, Chief
        # Pharmacist", "Head of Line Asset Management"); semicolons, where used, part people
        for part in who.split(";") if ";" in who else _PARTS.split(who):
            p = _ATTENDEE.match(part.strip(" *_"))
            if p is None or not names_person(p.group("name")):
                continue
            parts = p.group("name").split()
            forms = {"".join(w[0] for w in parts), parts[0], parts[-1]}
            out.setdefault(p.group("name"), Attendee(p.group("name"), frozenset(forms)))
    return list(out.values())


def named_count(line: str) -> int:
    """How many people a participants line names ("Present: Ana Ruiz (Ops), Tom Berg")."""
    return sum(1 for part in _OUTSIDE_BRACKETS.split(line.split(":", 1)[-1])
               if re.search(r"\b[A-Z][a-z]", part))


def agreeing_attendees(ctx: Context) -> list[str]:
    """The attendees the decision's section records as agreeing to it, by any form of their
    name, in sentences that give assent and deny nothing (read once per document)."""
    def compute() -> list[str]:
        people = attendees(ctx)
        sections = {id(f.unit.section) for f in decision_facts(ctx).stated}
        agreed: list[str] = []
        for u in ctx.units:
            if id(u.section) not in sections or negated(u.text) or _DISSENT.search(u.text) \
                    or not _AGREES.search(u.text):
                continue
            said = {w for w in _SHORT.findall(u.text) if w not in _DECISION_WORDS}
            agreed += [a.name for a in people if a.forms & said and a.name not in agreed]
        return agreed
    return ctx.cached("agreeing_attendees", compute)


__all__ = ["TOOK_PART", "Attendee", "agreeing_attendees", "attendees", "named_count"]
