"""Whether a risk entry's mitigation is concrete (``specific``), vague (``vague``), briefly
answered, generic or boilerplate. The judgments stand alone because C09, M01 and the register
check (C08) all weigh entries by them."""

from __future__ import annotations

import re

from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.risks import MECHANISM, unqualified
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import FIGURE_RE, NUM, VAGUE_RE, WINDOW_RE
from dcrdraft.review.checks.base import PLACEHOLDER_X
from dcrdraft.review.checks.risk_entry import BODY_AFTER_TITLE, HEDGE, Entry


def specific(e: Entry) -> bool:
    """Whether the entry's mitigation is concrete: a mechanism, a figure or a scoped action
    stated in a full clause, with no hedging ("we will look into it")."""
    mit = e.mitigation or (e.text if "mitigation" not in e.declared | e.fields else "")
    if not e.mitigation and answered_generically(e.text):
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
    if (VAGUE_RE.search(mit) or HEDGE.search(mit)) and words < 10 and not figure:
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
    return words >= 7 and not HEDGE.search(mit) and not VAGUE_RE.search(mit) and \
        not vocab("generic_mitigation").search(mit)  # "through our control framework"


_OWNED = re.compile(r"\b(?i:owner|owned by)\s*[:=\u2013\u2014-]?\s*(?:[A-Z]\.\s?)?[A-Z][a-z]+")
"""A person named as the control's owner ("owner: N. Brooks", "owner Kiran Dhillon"): who
answers for it, which makes a control concrete as a figure or a cadence does."""


def says_nothing(text: str) -> bool:
    """Words that answer no risk in particular: vague ("as needed"), hedged ("we will look
    into it") or a generic response ("staff should check", "through our framework")."""
    return bool(VAGUE_RE.search(text) or HEDGE.search(text)
                or vocab("generic_mitigation").search(text))


def answered_generically(text: str) -> bool:
    """A risk sentence, or a risk and a dash, followed by an answer with no mechanism and no
    figure, only generic words ("We'll monitor.", "Stale prices — kept under review.")."""
    body = BODY_AFTER_TITLE.sub("", text, count=1)
    if body == text:
        dashed = _DASHED.match(text.strip())
        body = dashed.group("answer") if dashed else ""
    return bool(body) and says_nothing(body) and not FIGURE_RE.search(body) and \
        not MECHANISM.search(unqualified(body))


def _vagueness(text: str) -> int:
    """How many vague qualifiers and hedges a text leans on ("ongoing", "as required")."""
    return len(VAGUE_RE.findall(text)) + len(HEDGE.findall(text))


CROSS_REF = re.compile(r"^\W*(?:see|refer to|as (?:in|per|described in|set out in))\b|§\s?\d|"
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
    if CROSS_REF.search(e.mitigation or e.text):
        return False  # "See §7.2": the mitigation is stated elsewhere
    if "mitigation" in e.fields | e.declared:
        return True
    if answered_briefly(e.text):
        return False
    if answered_generically(e.text):
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
    return len(answer.split()) >= 3 and not says_nothing(answer)


def generic_mitigation(e: Entry) -> bool:
    """A mitigation that says nothing about what is done: vague words, a hedge, a generic
    response ("staff should check", "watch it"), a bare label ("training") or none at all.
    In a register whose other risks are answered concretely, only such an entry is vague: a
    short answer there ("on-screen confirmation of the address") is brief, not generic."""
    mit = e.mitigation.strip(" :.;-")
    return len(mit.split()) < 4 or says_nothing(mit)


def boilerplate_mitigation(e: Entry) -> bool:
    """A mitigation in words that would fit any risk of any system ("robust data
    governance", "continuous monitoring"): content-free, so no mitigation at all."""
    mit = e.mitigation.strip(" :.;-")
    return not mit or says_nothing(mit) or is_boilerplate(mit) or \
        bool(vocab("boilerplate_control").search(mit))
