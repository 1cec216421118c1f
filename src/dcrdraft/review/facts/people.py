"""Review-team readiness (checklist item 14): who reviews the system's output and whether
they are ready (staffed, trained, rostered, tooling live), with a headcount or a date, or
only to be ready ("will be trained"), or human review named without either.

Grades: ``ready`` (people + a ready state + a figure, date or cover), ``ready_unquantified``
(people + a ready state, nothing to check it by), ``partial`` (fewer ready than there are:
"212 of 298 trained"), ``planned`` (readiness still to come), ``oversight`` (human review,
escalation, an appeal or an override named, a person who acts on each output or people who
check a sample of it on a cadence), ``unstaffed`` (the reviewers said not to be in place:
"no reviewers have been assigned yet").

Roles are open-ended (dentists, registrars, stewards ...), so besides the ``reviewer_role``
words a person is read from the sentence's shape: a headcount made ready ("12 agronomists
trained"), or an actor deciding on every case who is not the system (``system_actor``).
"""

from __future__ import annotations

import re
from typing import Literal

from dcrdraft.review.absence import negated
from dcrdraft.review.context import Context
from dcrdraft.review.facts.acting import acts_on_output
from dcrdraft.review.facts.graded import Graded, graded
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import sentences

ReadinessGrade = Literal["ready", "ready_unquantified", "partial", "planned", "oversight",
                         "unstaffed", "discussed"]
GRADES: tuple[str, ...] = ("ready", "ready_unquantified", "partial", "planned", "oversight",
                           "unstaffed", "discussed")

_STAFFED = re.compile(r"\b(?:is|are|was|were|fully)\s+(?:staffed|rostered)\b", re.I)


def _near(text: str, who: re.Pattern[str], state: re.Pattern[str], reach: int) -> bool:
    """Whether a role and a ready state stand within ``reach`` characters of each other."""
    roles = [m.span() for m in who.finditer(text)]
    return any(abs(s.start() - b) <= reach or abs(a - s.end()) <= reach
               for s in state.finditer(text) for a, b in roles)


_GENERIC = re.compile(r"^(?:human|manual) (?:oversight|review|in the loop)$", re.I)


def _generic_oversight(text: str, who: re.Pattern[str]) -> bool:
    """Whether "human oversight" is named only as an abstract safeguard, with no one doing
    it ("mitigated through monitoring, human oversight and continuous improvement")."""
    found = [m.group(0) for m in vocab("human_oversight").finditer(text)]
    return bool(found) and all(_GENERIC.match(f) for f in found) and \
        re.search(r"\bhuman (?:oversight|in the loop)\b", text, re.I) is not None and \
        not [m for m in who.finditer(text) if not _GENERIC.match(m.group(0))]


def _stated(text: str) -> bool:
    """Whether generic human oversight is said of something ("mitigated through human
    oversight", "with human oversight at every stage") rather than standing as a title or a
    field label ("Slide 4: Human in the loop", "Human oversight: <other matter>"), which says
    nothing of review: the topic touched, as weak evidence."""
    found = list(vocab("human_oversight").finditer(text))
    rest = vocab("human_oversight").sub(" ", text)
    return len(re.findall(r"[a-z]{2,}", rest, re.I)) >= 4 and \
        any(not re.match(r"\s*:", text[m.end():]) for m in found)


def _rater(text: str) -> bool:
    """People who labelled the evaluation data ("each case labelled by two trained
    nurses"): raters of the test set, not reviewers of the live system."""
    return vocab("evaluation_rater").search(text) is not None


_COUNT_BEFORE = re.compile(r"(?<![\w.])\d+\s+(?:[\w()&-]+\s+){0,3}$")
"""A count a few words before a role; a section number ("3.6 People") is none."""


def _headcount(text: str, who: re.Pattern[str]) -> bool:
    """Whether a number counts the reviewers ("18 intake keyers", "2 regional supervisors"),
    whatever their role is called."""
    return any(_COUNT_BEFORE.search(text, max(0, m.start() - 40), m.start())
               for m in who.finditer(text))


_AGENT = re.compile(r"\s(?:by|with)\s", re.I)


def _by_person(name: str, text: str) -> bool:
    """Whether a match of vocabulary ``name`` has a person, not the system, as its actor: the
    system is named neither in its first words (the subject) nor in its last (the agent)."""
    actor = vocab("system_actor")
    for m in vocab(name).finditer(text):
        said = m.group(0)
        agent = _AGENT.split(said)[-1] if _AGENT.search(said) else ""
        if not actor.search(" ".join(said.split()[:3])) and not actor.search(agent):
            return True
    return False


_PART = re.compile(r"\b(\d{1,5}) of (?:the |our |all )?(\d{1,5})\b")
_KEPT_OFF = re.compile(
    r"\b(?:blocked|barred|kept off|withheld|removed|excluded|suspended|not rostered|no access|"
    r"cannot|can't|may not)\b[^.;]{0,40}\b(?:until|before)\b"
    r"|\bbefore (?:they|he|she|each|any) (?:gets?|is given|are given|receives?|starts?|joins?)\b"
    r"|\baccess (?:is |was )?(?:withheld|blocked|not granted)\b"
    r"|\b(?:the other|the remaining|the rest)\b[^.;]{0,30}\b(?:completed|trained|caught up|finished)\b",
    re.I)
_REST_LATER = re.compile(r"\b(?:(?:scheduled|booked)\s+(?:for|on|in)|so far(?! as)|"
                         r"status\W{0,3}(?:scheduled|booked|planned))\b", re.I)
"""Readiness for some with the rest still to come ("12 trained so far", "the night shift is
booked for 3 June"), or a briefing whose status is still scheduled: not yet ready."""
_MOST = 0.9
"""The share of a team made ready below which it is short: one or two absentees in a team of
twenty leave the review staffed, a quarter untrained does not."""


def _partial(text: str) -> bool:
    """Whether a sentence counts the people made ready short of the whole ("19 of the 26
    have done the module") while the rest still do the work: those kept off the queue until
    trained, or trained since, leave none short."""
    state = vocab("readiness_state")
    if state.search(text) and _REST_LATER.search(text) and not _KEPT_OFF.search(text) and \
            not negated(text):
        return True  # "the north team briefed in May; the south team scheduled for June"
    for s in sentences(text):
        short = [(int(a), int(b)) for a, b in _PART.findall(s)]
        if any(0 < b and a < _MOST * b for a, b in short) and state.search(s) and \
                not _KEPT_OFF.search(text):
            return True
    return False


_GATED = re.compile(
    r"\b(?:for|to|by|from)\s+(?:any\s+|all\s+)?(?:[\w-]+\s+){0,2}?(?:who\s+(?:(?:is|are|has|have)"
    r"\s+)?)?not\s+(?:yet\s+)?(?:been\s+)?(?:trained|certified|briefed|onboarded|inducted)\b", re.I)
"""A rule that keeps the untrained out ("no queue access for staff not yet trained"): a gate on
readiness, not a statement that nobody is ready."""


def _taught(text: str) -> bool:
    """Whether people are made ready by a step only people take (a briefing, a refresher, a
    course done): its subject is a person whatever the role is called ("midwives", "crews",
    "site managers"), unless the briefing is a paper for a board."""
    return vocab("staff_training").search(text) is not None and \
        vocab("governance_briefing").search(text) is None


def _checkable_training(text: str, counted: bool, who: re.Pattern[str]) -> bool:
    """Whether a training of people carries something to check it by (a headcount, a date, a
    length, a share done); "staff will receive appropriate training" carries none."""
    return counted or _headcount(text, who) or bool(vocab("readiness_figure").search(text)) \
        or bool(vocab("training_figure").search(text))


_STAMP = re.compile(r"\b\d{4}-\d\d-\d\d[ T]\d\d:\d\d\b")
"""A message's time stamp ("[2026-03-02 09:14] Ana: ..."): when it was written, not a date
by which anyone was trained."""


def _dated_training(text: str, who: re.Pattern[str]) -> bool:
    """Whether a sentence naming a training of people carries its own headcount or date: a
    date elsewhere in the paragraph (a roll-out's) says nothing of who is trained."""
    return any(_taught(s) and (_headcount(s, who) or vocab("readiness_figure").search(
        _STAMP.sub(" ", s)) is not None) for s in sentences(text))


def readiness_grade(text: str, absent: bool) -> ReadinessGrade | None:
    """The readiness a sentence or paragraph states, if any."""
    who, state = vocab("reviewer_role"), vocab("readiness_state")
    if _rater(text) or vocab("alert_routing").search(text):
        return None
    if _generic_oversight(text, who):
        return None if absent or not _stated(text) else "discussed"
    counted = _by_person("people_trained", text)
    taught = _taught(text)
    named = counted or bool(who.search(text)) or taught
    training = bool(vocab("model_training").search(text))
    if named and not training and _partial(text):
        return "partial"
    # the rest still to be trained is no plan when they are kept off the work until then
    if vocab("readiness_planned").search(text) and named and not training and \
            not (counted and _KEPT_OFF.search(text)) and not _GATED.search(text):
        return "planned"
    if not absent and not training and named and (counted or state.search(text)):
        checkable = (counted or bool(vocab("readiness_figure").search(text))
                     or _headcount(text, who)) if counted or who.search(text) \
            else _dated_training(text, who)
        if checkable or _STAFFED.search(text):
            return "ready"
        return "ready_unquantified" if _near(text, who, state, 60) else "oversight"
    if absent and any(negated(s) and who.search(s) and state.search(s) and not _GATED.search(s)
                      for s in sentences(text)):
        return "unstaffed"
    if not absent and (vocab("human_oversight").search(text) or (
            who.search(text) and state.search(text)) or _by_person("human_decision", text)
            or acts_on_output(text)):
        return "oversight"
    # a dated or counted training of people not shown done ("a 30-minute briefing for all
    # tutors in September") is readiness under way
    if not absent and not training and taught and _checkable_training(text, counted, who):
        return "planned"
    # the floor: the topic discussed at all, a person acting on the output in any words
    if not absent and vocab("human_review").search(text):
        return "discussed"
    return None


def _names_reviewers(title: str) -> bool:
    return bool(vocab("reviewer_role").search(title))


_NOT_IN_USE = frozenset({"evaluation", "methodology", "signoff", "metadata"})
"""Sections whose people are no reviewers of the live output: the raters of a test set, the
approvers of the document, its authors."""


def readiness_facts(ctx: Context) -> list[Graded]:
    """What the document says about the people who review the output, each with its line;
    the bare topic (``discussed``) counts only outside sections about the test or the
    document itself."""
    return ctx.cached("graded:readiness+floor", lambda: [
        f for f in graded(ctx, "readiness", readiness_grade, "human_review", _names_reviewers)
        if f.grade != "discussed" or not f.unit.kinds & _NOT_IN_USE])
