"""People acting on the system's output, read from a sentence's shape rather than a list of
roles (checklist item 14's weak floor): whoever keeps the decision or sets the output aside,
a review that stands as a rule for every case, one person checking each case.

The verb phrases are vocabularies (``decision_kept``, ``output_set_aside``, ``review_rule``,
``output_check``); this module reads their subject, which a word list cannot: it must not be
the system, nor be negated ("the tool does not make decisions"), nor be people the system
helps to decide ("helps adjusters make decisions" is the system's purpose).
"""

from __future__ import annotations

import re

from dcrdraft.review.facts.vocab import vocab

_CLAUSE = re.compile(r"[.;:,()—–]")
_NEGATED = re.compile(r"(?:\b(?:not|never|no|cannot)|n['’]t)\s*$", re.I)
_ENABLES = re.compile(r"\b(?:helps?|lets?|enables?|allows?|supports?|assists?|empowers?)\b",
                      re.I)
_GOVERNED = re.compile(r"\b(?:go|go-live|go/no-go|launch|deployment|rollout|roll-out|release|"
                       r"pilot|funding|investment|procurement)\s+decisions?\b", re.I)
"""A decision about the system itself (its launch, its funding): governance, not a decision
on the cases the system handles."""
_DETERMINED = re.compile(r"\b(?:the|a|an|our|their|your|one|each|every)\s+(?:[\w-]+\s+){0,2}"
                         r"(?P<head>[\w-]+)\s*$", re.I)
_AGENT_NOUN = re.compile(r"(?:er|or|ist|ian|ant|ent)$", re.I)
"""How role nouns end in English (a surveyor, a coordinator, a pharmacist, a librarian):
the head of a subject that names a person whatever the domain calls them."""


def _subject(text: str, start: int) -> str:
    """The words of the clause before ``start``: the subject of the verb found there."""
    head = text[:start]
    cut = max((m.end() for m in _CLAUSE.finditer(head)), default=0)
    return head[cut:]


def _by_someone(subject: str) -> bool:
    """Whether a clause's subject is someone other than the system, stated positively."""
    words = subject.split()
    return bool(words) and not _NEGATED.search(subject) and not _ENABLES.search(subject) \
        and not vocab("system_actor").search(" ".join(words[-3:]))


def _person_checks(text: str, m: re.Match[str]) -> bool:
    """Whether the subject of a third-person check is one determined person by role ("the
    theatre coordinator", "a qualified surveyor"), not the system or a plural noun ("the
    weekly checks")."""
    subject = _subject(text, m.start())
    det = _DETERMINED.search(subject)
    if det is None or not _by_someone(subject):
        return False
    head = det.group("head")
    return bool(vocab("reviewer_role").fullmatch(head) or _AGENT_NOUN.search(head))


def acts_on_output(text: str) -> bool:
    """Whether ``text`` has someone, not the system, deciding, setting aside or checking the
    system's output, or a review of every case standing as a rule."""
    for name in ("decision_kept", "output_set_aside"):
        if any(_by_someone(_subject(text, m.start())) and not _GOVERNED.search(m.group(0))
               for m in vocab(name).finditer(text)):
            return True
    for m in vocab("review_rule").finditer(text):
        before = text[max(0, m.start() - 30):m.start()].split()
        if not before or not vocab("system_actor").search(before[-1]):
            return True
    return any(_person_checks(text, m) for m in vocab("output_check").finditer(text))
