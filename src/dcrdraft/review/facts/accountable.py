"""Approval steps the document names without a named, dated approver (checklist item 18's
weak floor): a field giving the role who reviewed, approved or answers for the system
(``accountable_field``), stakeholders or a body said to have reviewed or approved it
(``approval_by_body``), or an approval recorded with its date (``approval_given``: "agreed
at the steering group on 16 June", "validation (14 Aug): approved with conditions"). A blank
or placeholder value, a negation and an approval still awaited name nothing.
"""

from __future__ import annotations

import re

from dcrdraft.review.absence import absent_value, negated, placeholder_in
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.signoffs import DATE_RE, names_person
from dcrdraft.review.facts.vocab import vocab

_AWAITED = re.compile(r"\b(?:will|would|to be|pending|awaiting|not yet|yet to|once|if|when|"
                      r"until|before|needs?|requires?|expect\w*)\b", re.I)
_ROLE = re.compile(r"\b(?:lead|head|officer|owner|manager|director|counsel|sponsor|chief|"
                   r"vp|cto|ciso|cmo|dpo|cfo|coo|ceo|chair|executive|engineer|"
                   r"legal|privacy|security|compliance|risk|governance|assurance)\b", re.I)
"""Words of a role or function in a field's value ("Head of Unit", "ML Engineering Lead")."""


def _names_role(value: str) -> bool:
    """Whether a field's value names a person, a role or a body, not a gap."""
    value = value.strip(" *_|;")
    return bool(value) and not absent_value(value) and not placeholder_in(value) and (
        names_person(value) or bool(_ROLE.search(value))
        or vocab("approving_body").search(value) is not None)


def _accountable(u: Unit) -> bool:
    m = vocab("accountable_field").search(u.text)
    return m is not None and _names_role(u.text[m.end():m.end() + 80])


def _by_body(u: Unit) -> bool:
    m = vocab("approval_by_body").search(u.text)
    return m is not None and not _AWAITED.search(u.text[:m.end()])


def _dated(u: Unit) -> bool:
    """Whether the unit records an approval given, with the date it was given."""
    m = vocab("approval_given").search(u.text)
    return m is not None and DATE_RE.search(u.text) is not None and \
        not _AWAITED.search(u.text[:m.end()]) and not placeholder_in(u.text)


def approval_step(ctx: Context) -> Unit | None:
    """The first sentence naming who reviewed, approved or answers for the system, by role
    or body, or recording an approval with its date (read once per document)."""
    return ctx.cached("approval_step", lambda: next(
        (u for u in ctx.units if not negated(u.text)
         and (_accountable(u) or _by_body(u) or _dated(u))),
        None))
