"""Decision facts (checklist item 20): each statement of the deployment decision with its
class (approve / with conditions / disapprove) and where it stands, and the hedged leans of
a recommendation section. The words are the ``decision_*`` vocabularies; this module owns
only the shapes (a labelled line, a mail header, an imperative after a label).

Ranks: ``section`` (under a recommendation heading), ``labelled`` ("Decision: ..."),
``mention`` (a decisive sentence elsewhere); a decision phrased as people write it ("we
propose to launch", "for research use only") is read wherever it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from dcrdraft.review.absence import PLACEHOLDER_X
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import vocab

Decision = Literal["approve", "approve-with-conditions", "disapprove"]
CHAT_PREFIX = r"[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2}\s+\d{1,2}:\d{2}(?:\s?[ap]m)?\b"
"""The speaker and time a chat export puts before each message ("Ines Varga 09:30")."""
Rank = Literal["section", "labelled", "mention"]
_RANK_ORDER: dict[str, int] = {"section": 0, "labelled": 1, "mention": 2}

_LABEL = re.compile(r"^\W*(?:" + CHAT_PREFIX + r"\W*)?"
                    r"(?:(?:my|our|the|final|overall|team'?s?)\s+)?(?:recommendation|"
                    r"decision(?: requested)?|verdict|go/no[- ]go|outcome|tl;?dr|bottom line|"
                    r"the ask|ask|(?:launch |rollout |release )?plan|proposal)\s*:", re.I)
"""A labelled decision line: what follows the label is the decision."""
_IMPERATIVE = re.compile(r"^\W*(?:launch|deploy|ship|release|go live|roll ?out|proceed)\b", re.I)
_MAIL_HEADER = re.compile(r"^\W*(?:from|to|cc|bcc|sent|date|subject|re|fwd?)\s*:", re.I)
"""An e-mail's header ("Subject: ... (go/no-go Thursday)") names the meeting, not the decision."""
_DEPLOYMENT = re.compile(r"\b(?:deploy|launch|production|release|rollout|go[- ]live)", re.I)


@dataclass(frozen=True)
class DecisionFact:
    """One statement of the deployment decision."""

    unit: Unit
    """The sentence or row that states it (its line and section)."""
    decision: Decision
    rank: Rank
    """Where it stands: a recommendation section outranks a labelled line, which outranks a
    decisive sentence elsewhere."""

    @property
    def line(self) -> int:
        return self.unit.line


@dataclass
class DecisionFacts:
    """What a document says about the deployment decision."""

    stated: list[DecisionFact] = field(default_factory=list)
    """Every decision stated, the best-placed first."""
    hedged: list[Unit] = field(default_factory=list)
    """Leans in a recommendation section ("we are minded to launch"): no decision yet."""

    @property
    def decision(self) -> DecisionFact | None:
        return self.stated[0] if self.stated else None


def classify(text: str) -> Decision | None:
    """The decision ``text`` states, if it states one."""
    if vocab("decision_hold").search(text):
        return "disapprove"
    conditional = bool(vocab("decision_condition").search(text))
    if vocab("decision_launch").search(text):
        return "approve-with-conditions" if conditional else "approve"
    if vocab("decision_negative").search(text):
        return "disapprove"
    label = _LABEL.match(text)
    if not vocab("decision_positive").search(text) and \
            not (label and _IMPERATIVE.match(text[label.end():])):
        return None
    return "approve-with-conditions" if conditional else "approve"


def _rank(u: Unit) -> Rank:
    return "section" if "recommendation" in u.kinds else \
        "labelled" if _LABEL.match(u.text) else "mention"


def _candidate(u: Unit) -> bool:
    """Whether ``u`` is where a decision may be stated: a recommendation section, a labelled
    line, a decision word in the summary or sign-off, or one about deployment anywhere."""
    if u.kinds & {"recommendation"} or _LABEL.match(u.text):
        return True
    cue = vocab("decision_cue").search(u.text)
    return bool(cue) and (bool(u.kinds & {"summary", "signoff"}) or
                          bool(_DEPLOYMENT.search(u.text)))


def _stated(u: Unit) -> Decision | None:
    """The decision unit ``u`` states, or None (options, advice to users, placeholders)."""
    if vocab("decision_options").search(u.text):
        return None
    if vocab("decision_launch").search(u.text) or vocab("decision_hold").search(u.text):
        return classify(u.text) or "approve"  # phrased as people write it: read anywhere
    if not _candidate(u) or vocab("not_a_decision").search(u.text) or \
            PLACEHOLDER_X.search(u.text) or _MAIL_HEADER.match(u.text):
        return None
    return classify(u.text)


def decision_facts(ctx: Context) -> DecisionFacts:
    """The document's decision facts, extracted once per document."""
    def compute() -> DecisionFacts:
        stated = [DecisionFact(u, d, _rank(u)) for u in ctx.units
                  if (d := _stated(u)) is not None]
        stated.sort(key=lambda f: _RANK_ORDER[f.rank])
        hedged = [u for u in ctx.units
                  if u.kinds & {"recommendation"} and vocab("decision_hedge").search(u.text)]
        return DecisionFacts(stated, hedged)
    return ctx.cached("decision_facts", compute)
