"""Decision facts (checklist item 20): each statement of the deployment decision with its
class (approve / with conditions / disapprove) and where it stands, and the hedged leans of
a recommendation section. The words are the ``decision_*`` vocabularies; this module owns
only the shapes (a labelled line, a mail header, an imperative after a label).

Ranks: ``section`` (under a recommendation heading), ``labelled`` ("Decision: ..."),
``mention`` (a decisive sentence elsewhere), ``signed`` (the approvers' own decisions, or
the approval a sender of an e-mail thread gives in their own message, read only when
nothing else decides); a decision phrased as people write it ("we propose to
launch", "for research use only", "approving go-live", "Approved at the May board, 3 May
2026") is read wherever it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from dcrdraft.review.absence import negated, placeholder_in
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.signoffs import DATE_RE, gives_approval, mail_approvals, signoffs
from dcrdraft.review.facts.vocab import vocab

Decision = Literal["approve", "approve-with-conditions", "disapprove"]
CHAT_PREFIX = r"[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2}\s+\d{1,2}:\d{2}(?:\s?[ap]m)?\b"
"""The speaker and time a chat export puts before each message ("Ines Varga 09:30")."""
Rank = Literal["section", "labelled", "mention", "signed"]
_RANK_ORDER: dict[str, int] = {"section": 0, "labelled": 1, "mention": 2, "signed": 3}

_LABEL = re.compile(r"^\W*(?:" + CHAT_PREFIX + r"\W*)?"
                    r"(?:(?:my|our|the|final|overall|team'?s?)\s+)?(?:recommendation|"
                    r"decision(?: requested)?|verdict|go/no[- ]go|outcome|tl;?dr|bottom line|"
                    r"the ask|ask|(?:launch |rollout |release )?plan|proposal)\s*:|"
                    r"^\W*(?:decision|recommendation|verdict)\W{0,2}\.\W*\s", re.I)
"""A labelled decision line: what follows the label is the decision. A memo's run-in label
("**Decision.** We will ...") is one too."""
_INLINE_LABEL = re.compile(r"\b(?:decision|verdict|recommendation)\b[^:.;]{0,80}:\s*", re.I)
"""A decision label inside a line ("Launch decision, review of 3 May: ship to all stores")."""
_IMPERATIVE = re.compile(r"^\W*(?:we(?: will|'ll|’ll| are going to| shall| are)\s+)?"
                         r"(?:launch|deploy|ship|release|go live|roll ?out|proceed|enable|adopt|"
                         r"(?:turn|switch)(?: [\w-]+){0,4}? on|switch (?:over )?to|move to)\w*\b",
                         re.I)
"""What follows a decision label as its decision: an imperative or the team's stated intent
("Decision: we will turn the model on for all four clinics on 6 April")."""
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
    discussed: Unit | None = None
    """The first sentence that speaks of deploying the system (``deployment_topic``), else the
    first of a recommendation section, where no decision is stated: going ahead is at most
    implied."""

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
    label = _LABEL.match(text) or _INLINE_LABEL.search(text)
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


_NOT_GIVEN = re.compile(r"\b(?:will|would|shall|must|should|may|might|could|can|need|needs|"
                        r"awaiting|pending|once|if|when|until|before|not|never|yet to|ask\w*|"
                        r"request\w*|seek\w*|expected|due|scheduled|likely|propos\w*)\b"
                        r"(?:\s+[\w-]+){0,3}\s*$|-$", re.I)
"""What turns an approval into one still to come: a modal, a request or a condition before
the verb ("the board will approve launch", "once Legal approves go-live"), an imperative at
the start of the line (the ask of a deck), or a compound ("state-approved")."""
_BARE = re.compile(r"(?:approve|clear|endorse|green[- ]?light)\b", re.I)
_PUNCT = " \t*_#>-•·:;,.!?()[]\"'"
"""A bare approving verb opening the line is an imperative (the ask of a deck: "Approve
the launch"), not an approval given."""
_RECORD_KINDS = frozenset({"privacy", "security", "regulatory", "fairness", "risks",
                           "monitoring", "rollback", "evaluation"})
"""Sections where an approval on record is a review of one part (a DPIA, a risk), not the
deployment's."""


_TICKED = re.compile(r"^(\W*)\[[xX✓✔]\]\s*", re.M)
"""A ticked checklist box ("- [x] CAB approved 3 May"): done, not a placeholder "[X]"."""
_OPEN_BOX = re.compile(r"^\W*\[ \]")
"""An open checklist box ("- [ ] Change board approved"): still to do, whatever it says."""


def _unticked(text: str) -> str:
    return _TICKED.sub(r"\1", text)


def _approval(u: Unit) -> Decision | None:
    """An approval of the deployment the unit states as given: an approving verb with a
    deployment object, or a line opening with the approval that records its date."""
    m = vocab("decision_approved").search(u.text)
    if m and not _NOT_GIVEN.search(u.text[:m.start()]) and \
            not (_BARE.match(m.group(0)) and not u.text[:m.start()].strip(_PUNCT)):
        return classify(u.text) or "approve"
    block = _unticked(u.block.text[:400])
    if vocab("decision_record").search(u.text) and not u.kinds & _RECORD_KINDS and \
            DATE_RE.search(block) and not placeholder_in(block):
        return "disapprove" if vocab("decision_negative").search(u.text) else "approve"
    return None


_CHECKABLE = re.compile(r"\d")
_NEAR = 40


def _deployment_stated(text: str) -> bool:
    """Whether ``text`` speaks of deploying the system with a figure beside it (a date, a
    version, a share of users: "deployed to 10% of stores in March"): something a reader
    could check, which a content-free "thoroughly tested before launch" never states."""
    return any(_CHECKABLE.search(text[max(0, m.start() - _NEAR):m.end() + _NEAR])
               for m in vocab("deployment_topic").finditer(text))


_CONDITION = re.compile(r"\b(?:if|once|when|whenever|until|before|unless|whether)\b"
                        r"(?:\s+[\w'’-]+){0,4},?\s*$", re.I)
"""A condition before a deployment ("once the pilot is live for"): still to come. Modals
need no test, since the vocabulary's own auxiliaries ("is", "was") state the fact."""
_STAGING = re.compile(r"\b(?:staging|sandbox|shadow|test (?:build|environment|server|tenant))\b",
                      re.I)
"""A deployment whose outputs reach no user ("live in the staging build", "deployed in
shadow mode"): a test of the system, not the decision to use it."""


def _done(u: Unit) -> bool:
    """Whether ``u`` states the system's deployment as a fact, done or fixed ("went live at
    the two depots in March 2026", "is switched on for all branches from 4 May"): the decision
    was taken and carried out. A figure must say when or how far (content-free text states
    none); a condition before it ("once it is switched on for"), a negation and a staging
    environment are not one. A record's status field giving the rollout or go-live with its
    figure ("Rollout: 20% of branches on 3 May") states it too."""
    m = vocab("deployment_done").search(u.text)
    if m is None or not _CHECKABLE.search(u.text):
        return False
    return not _CONDITION.search(u.text[:m.start()]) and not negated(u.text) and \
        not _STAGING.search(u.text) and not is_boilerplate(u.text) and \
        not placeholder_in(u.text)


_FIELD = re.compile(r"^\W*[\w /()-]{1,30}:\s")
"""A record's field ("Model version: 2.x (production candidate)"): it labels the document,
and says nothing of deploying the system."""
_RUN_IN = re.compile(r"^\W*(?:decision|recommendation|verdict)\W{0,2}\.\W*", re.I)
"""A memo's run-in label ("**Decision.** We will ..."), which the reader splits off as a
sentence of its own."""


def _run_in(u: Unit) -> str:
    """The unit's text, with the run-in decision label that opens its paragraph before it
    when the unit is the sentence that label introduces."""
    m = _RUN_IN.match(u.block.text)
    if m and u.line == u.block.line and \
            u.block.text[m.end():].lstrip().startswith(u.text[:24].lstrip("*_ ")):
        return "Decision: " + u.text
    return u.text


def _stated(u: Unit) -> Decision | None:
    """The decision unit ``u`` states, or None (options, advice to users, placeholders)."""
    if vocab("decision_options").search(u.text) or _OPEN_BOX.match(u.text):
        return None
    said = _unticked(_run_in(u))
    if said is not u.text:
        u = replace(u, text=said)
    if "recommendation" in u.kinds and _IMPERATIVE.match(u.text):
        return classify(u.text) or "approve"  # "Deploy at the two pilot sites as planned."
    if vocab("decision_launch").search(u.text) or vocab("decision_hold").search(u.text):
        return classify(u.text) or "approve"  # phrased as people write it: read anywhere
    if vocab("decision_use").search(u.text) and not negated(u.text):
        # an auditor's or a body's word on the system's use decides it, deployment unnamed
        return classify(u.text) or ("approve-with-conditions" if vocab(
            "decision_condition").search(u.text) else "approve")
    if vocab("not_a_decision").search(u.text) or placeholder_in(u.text) or \
            _MAIL_HEADER.match(u.text):
        return None
    if not _candidate(u):
        return _approval(u)
    return classify(u.text) or _approval(u)


def _signed(ctx: Context) -> DecisionFact | None:
    """The decision the approvers recorded, when two or more named approvers each state one
    ("Decision: Go" on every row): their sign-off is the decision, and any refusal decides."""
    rows = [s for s in signoffs(ctx) if s.name and s.decision]
    if len(rows) < 2:
        return None
    unit = next((u for u in ctx.units if u.line == rows[0].line), None)
    if unit is None:
        return None
    said = {s.decision for s in rows}
    decision: Decision = "disapprove" if "disapprove" in said else \
        "approve-with-conditions" if "approve-with-conditions" in said else "approve"
    return DecisionFact(unit, decision, "signed")


def _mailed(ctx: Context) -> DecisionFact | None:
    """The approval a sender gives in their own dated message of an e-mail thread ("fine by
    me on those conditions"): the person asked for the decision has taken it."""
    for s in mail_approvals(ctx):
        # a chat's lines may join into one paragraph: the unit holding the line counts too
        after = [u for u in ctx.units if u.line >= s.line or u.line <= s.line <= u.block.end_line]
        unit = next((u for u in after if gives_approval(u.text)), after[0] if after else None)
        if unit is not None:
            return DecisionFact(unit, classify(unit.text) or "approve", "signed")
    return None


_SAYS = 5
"""Words a sentence needs to say something ("Yes." under a question heading says nothing)."""


def _recommended(ctx: Context) -> Unit | None:
    """The first sentence of a recommendation or conclusion section that states no decision
    ("the board should note the results", "the vendor appears well suited"): the document
    recommends, so the decision is touched though not taken. A template's options, a
    placeholder, a negation and boilerplate touch nothing."""
    return next((u for u in ctx.units if "recommendation" in u.kinds
                 and len(u.text.split()) >= _SAYS and not negated(u.text)
                 and not is_boilerplate(u.text) and not placeholder_in(u.text)
                 and not vocab("decision_options").search(u.text)), None)


def decision_facts(ctx: Context) -> DecisionFacts:
    """The document's decision facts, extracted once per document."""
    def compute() -> DecisionFacts:
        found = [(u, d) for u in ctx.units if (d := _stated(u)) is not None]
        # "recommended for deployment pending the board's review": a lean until given
        pending = [u for u, d in found if d != "disapprove" and
                   vocab("decision_pending").search(u.text)]
        stated = [DecisionFact(u, d, _rank(u)) for u, d in found if u not in pending]
        stated.sort(key=lambda f: _RANK_ORDER[f.rank])
        signed = None if stated else _signed(ctx) or _mailed(ctx)
        stated += [signed] if signed else []
        if not stated:
            # a deployment stated as done is a decision carried out: explicit, not implied
            done = next((u for u in ctx.units if _done(u)), None)
            stated += [DecisionFact(done, "approve", "mention")] if done else []
        hedged = pending + [u for u in ctx.units if u.kinds & {"recommendation"}
                            and vocab("decision_hedge").search(u.text)]
        # a stance on use ("intended for research use", "not to be used without further
        # evaluation") implies the decision without stating it
        hedged += [u for u in ctx.units if vocab("decision_implied").search(u.text)]
        # an approval asserted with no record of when or by whom it was given ("approved
        # through our governance process"): the decision is implied, not stated
        hedged += [u for u in ctx.units if vocab("decision_asserted").search(u.text)
                   and not negated(u.text) and not placeholder_in(u.text)]
        discussed = next((u for u in ctx.units if _deployment_stated(u.text)
                          and not _FIELD.match(u.text) and not negated(u.text)
                          and not is_boilerplate(u.text) and not placeholder_in(u.text)),
                         None) or _recommended(ctx)
        return DecisionFacts(stated, hedged, discussed)
    return ctx.cached("decision_facts", compute)
