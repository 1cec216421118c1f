"""The deployment recommendation: found, classified (approve / with conditions / disapprove)."""

from __future__ import annotations

import re
from typing import Literal

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.checks.base import PLACEHOLDER_X, Params, Verdict, check
from dcrdraft.review.facts.vocab import vocab

Decision = Literal["approve", "approve-with-conditions", "disapprove"]

_DECIDE = re.compile(
    r"\brecommend\w*\b|\bdecision\b|\bverdict\b|\bgo/no[- ]go\b|\bclearance\b|\bcleared\b|"
    r"\bwe (?:approve|advise|propose|endorse|support)\b|\bapproved? for\b|\bgreen[- ]?light\w*|"
    r"\b(?:ship|launch|deploy|release) it\b|\bconclusion\b|\boutcome\b|"
    r"\bapproval (?:to|for) (?:launch|deploy|release|go[- ]live|production|roll ?out)\w*", re.I)
_LABEL = re.compile(r"^\W*(?:(?:my|our|the|final|overall|team'?s?)\s+)?(?:recommendation|decision(?: requested)?|verdict|go/no[- ]go|outcome|"
                    r"tl;?dr|bottom line|the ask|ask)\s*:", re.I)
"""A labelled decision line: what follows the label is the decision."""
_IMPERATIVE = re.compile(r"^\W*(?:launch|deploy|ship|release|go live|roll ?out|proceed)\b", re.I)
_NEG = re.compile(
    r"\b(?:not|do not|don't|cannot|can't|no longer)\s+(?:be\s+)?(?:recommend|approv|deploy|"
    r"launch|ship|release|clear)\w*|(?<!go/)(?<!go /)\bno[- ]go\b|\breject\w*|\bdisapprov\w*|\bwithh[oe]ld\w*|"
    r"\bblock(?:ed|s)? (?:the )?(?:launch|deployment|release)|\bdefer\w*|\bnot (?:yet )?ready\b|"
    r"\bagainst (?:deploy|launch|release)\w*|\bdecline\w*|\bnot cleared\b|\bdenied\b", re.I)
_COND = re.compile(
    r"\bcondition\w*\b|\bsubject to\b|\bprovided that\b|\bcontingent\b|\bwith the following\b|"
    r"\bas long as\b|\bonly (?:if|when|after|for)\b|\brestricted\b|\blimited (?:rollout|release|"
    r"launch|pilot)\b|\bphased\b|\bstaged\b|\bcanary\b|\bguardrails? above\b|\bcaveats?\b", re.I)
_POS = re.compile(
    r"\bapprov\w*|\brecommend\w* (?:for |that )?(?:\w+ ){0,6}?(?:deploy|launch|release|"
    r"production|rollout|go[- ]live|ship)\w*|\bgo\b(?! ?/)|\bcleared\b|\bgreen[- ]?light\w*|"
    r"\bproceed\w*|\bready (?:for|to)\b|\bendorse\w*", re.I)
_MODEL_CARD = re.compile(r"\bwe recommend (?:that )?(?:users|developers|you|people)\b|"
                         r"\brecommend(?:ed)? (?:use|uses|for research)\b|"
                         r"\b(?:use[- ]cases?|uses|usage|applications?)\b[^.]{0,120}\bnot "
                         r"recommended\b|\bnot recommended unless\b|\bthat they be\b|"
                         r"\bmodels like\b|\bdownstream\b", re.I)


_MAIL_HEADER = re.compile(r"^\W*(?:from|to|cc|bcc|sent|date|subject|re|fwd?)\s*:", re.I)
"""An e-mail's header ("Subject: ... (go/no-go Thursday)") names the meeting, not the decision."""


_OPTIONS = re.compile(r"\bapprove\s*(?:,|/|\bor\b)\s*(?:approve with conditions\s*(?:,|/)?\s*"
                      r"(?:\bor\b\s*)?)?disapprove\b", re.I)
"""A list of the possible decisions (a template's prompt), which decides nothing."""
_HEDGED = re.compile(r"\b(?:lean\w*|likely|probably|tentative\w*|provisional\w*|minded to|"
                     r"inclined to)\b", re.I)


def _classify(text: str) -> Decision | None:
    if vocab("decision_hold").search(text):
        return "disapprove"
    if vocab("decision_launch").search(text):
        return "approve-with-conditions" if _COND.search(text) else "approve"
    if _NEG.search(text):
        return "disapprove"
    label = _LABEL.match(text)
    if not _POS.search(text) and not (label and _IMPERATIVE.match(text[label.end():])):
        return None
    return "approve-with-conditions" if _COND.search(text) else "approve"


def _decisions(ctx: Context) -> list[tuple[Unit, Decision]]:
    def compute() -> list[tuple[Unit, Decision]]:
        out: list[tuple[Unit, Decision]] = []
        for u in ctx.units:
            if _OPTIONS.search(u.text):
                continue
            phrased = bool(vocab("decision_launch").search(u.text)
                           or vocab("decision_hold").search(u.text))
            if phrased:  # "we propose to launch", "for research only": a decision anywhere
                out.append((u, _classify(u.text) or "approve"))
                continue
            own = bool(u.kinds & {"recommendation"}) or bool(_LABEL.match(u.text))
            if not own and not (_DECIDE.search(u.text) and u.kinds & {"summary", "signoff"}):
                if not (_DECIDE.search(u.text) and re.search(
                        r"\b(?:deploy|launch|production|release|rollout|go[- ]live)", u.text,
                        re.I)):
                    continue
            if _MODEL_CARD.search(u.text) or PLACEHOLDER_X.search(u.text) or \
                    _MAIL_HEADER.match(u.text):
                continue
            d = _classify(u.text)
            if d is not None:
                out.append((u, d))
        # A recommendation section outranks a labelled decision line, which outranks a
        # passing mention elsewhere.
        out.sort(key=lambda x: 0 if x[0].kinds & {"recommendation"} else
                 1 if _LABEL.match(x[0].text) else 2)
        return out
    return ctx.cached("decisions", compute)


def recommendation(ctx: Context) -> Decision | None:
    """The decision the document states, if any."""
    found = _decisions(ctx)
    return found[0][1] if found else None


@check("recommendation", "item")
def recommendation_item(ctx: Context, params: Params) -> Verdict:
    """Pass on an explicit decision; weak when a recommendation section says nothing
    decisive; missing otherwise."""
    found = _decisions(ctx)
    if found:
        u, d = found[0]
        return Verdict("pass", u, detail=d)
    # A "Recommendations" heading over text that decides nothing is no recommendation;
    # a hedged lean ("we are minded to launch") is a weak one.
    hedged = [u for u in ctx.units if u.kinds & {"recommendation"} and _HEDGED.search(u.text)]
    if hedged:
        return Verdict("weak", hedged[0])
    return Verdict("missing")
