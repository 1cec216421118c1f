"""Risks stated in prose wherever they are written ("the assistant may cite an outdated
policy; staff should check"), each with the response the text gives: concrete (a mechanism,
an owner, a figure or a cadence), generic (the ``generic_mitigation`` vocabulary) or none.

Structured registers (tables, labelled records under a risks heading) are read by
``review.checks.risk_entries``; this module adds the risks that prose states outside them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import FIGURE_RE, VAGUE_RE, WINDOW_RE

Response = Literal["concrete", "generic", "none"]

MECHANISM = re.compile(
    r"\brout\w+|\bblock\w*|\bfilter\w*|\brefus\w+|\breview(?:ed)? (?:of |by )?(?:all|every|each|"
    r"\d)|\bescalat\w* to\b|\bverif\w+|\bcap(?:ped|s)?\b|\blimit(?:s|ing)?\b|\blimited to\b|"
    r"\bdisabl\w+|\brequir(?:e|es|ed|ing)\b|"
    r"\bmandatory\b|\bthreshold\b|\balert\w*|\baudit\w*|\bsampl\w+|\bred[- ]team\w*|"
    r"\bencrypt\w*|\bredact\w*|\bmask\w*|\bblocklist|\ballowlist|\bclassifier\b|"
    r"\bsecond reader\b|\bfallback\b|\bfall(?:s|ing)? back\b|\bdisclaimer\b|\bconsent\b|"
    r"\bopt[- ]out\b|\bretrain\w*|"
    r"\bhuman (?:review|approval|sign-off|check)\b|\bgated?\b|\bquarantin\w+|\bhold(?:s|ing)? "
    r"back\b|\bshadow mode\b|\bcanary\b|\bkill[- ]switch\b|\bwatermark\w*|\bguardrail\w*|"
    r"\bclinician\w*|\bradiologist\w*|\bpharmacist\w*|\bagent\w* (?:review|handle)|"
    r"\bnotif\w+|\bdashboard\w*|\btrain(?:ed|ing) (?:all|every|staff|agents)|"
    r"\bper[- ](?:domain|segment|language)\b|\bdaily\b|\bweekly\b|\bmonthly\b|\bquarterly\b|"
    # a person's check or override on the output, or the automation switched off
    r"\bspot[- ]?check\w*|\boverrid(?:e|es|ing|den)\b|\boverwrit\w+|\brevert\w*|"
    r"\b(?:switch|turn)(?:s|ed|ing)? (?:\w+ ){0,2}?off\b|"
    # a change already made to the system ("Watched-state sync moved before ranking")
    r"\b(?:moved|added|removed|replaced|fixed|patched|enabled|enforced|introduced|switched|"
    r"pinned|locked|reordered|rewritten|deduplicated|synced|synchroni[sz]ed|excluded|"
    r"suppressed|hard-?coded|whitelisted|blacklisted)\s+(?:to|from|before|after|into|out|"
    r"behind|on|off|for|in|at|by|via)\b",
    re.I)
"""A concrete control: a mechanism, a cadence, or a change already made to the system."""

_OWNER = re.compile(r"\b(?:owner|owned by|on-?call|team lead|manager|[A-Z][a-z]+ [A-Z][a-z]+)\b")
_SUMMARY = re.compile(r"^\W*(?:overall|in summary|taken together|all in all|on balance)\b|"
                      r"\b(?:overall|aggregate|combined|total) (?:residual )?risk\b", re.I)


@dataclass(frozen=True)
class ProseRisk:
    """A risk a sentence states, with the response beside it."""

    text: str
    line: int
    end_line: int
    response: Response
    unit: Unit


_VAGUE_CADENCE = re.compile(r"\b(?:regular(?:ly)?|periodic(?:al(?:ly)?)?|ongoing|continuous(?:ly)?|"
                            r"occasional(?:ly)?|routine(?:ly)?)\s+[\w-]+", re.I)
"""A control qualified only by a cadence nobody set ("regular retraining", "periodic
audits"): the qualifier and the word it governs say what kind of thing is done, not what."""


def unqualified(text: str) -> str:
    """``text`` without the controls a vague cadence qualifies, for the mechanism test."""
    return _VAGUE_CADENCE.sub(" ", text)


def _response(text: str) -> Response:
    if (vocab("generic_mitigation").search(text) or VAGUE_RE.search(text)) and \
            not FIGURE_RE.search(text) and not MECHANISM.search(unqualified(text)):
        return "generic"
    vague = len(VAGUE_RE.findall(text)) + len(vocab("generic_mitigation").findall(text))
    if vague >= 2 and vague > len(MECHANISM.findall(text)) and not FIGURE_RE.search(text):
        return "generic"  # "ongoing monitoring, regular reviews, retraining as required"
    if MECHANISM.search(text) or FIGURE_RE.search(text) or WINDOW_RE.search(text) or \
            _OWNER.search(text[1:]):
        return "concrete"
    return "none"


_TURN = re.compile(r";|\bbut\b|\bso\b|\bwhich is why\b")
"""Where a sentence turns from the risk to what is done about it."""
_ANSWERED_BY = re.compile(r"\b(?:mitigat|manag|address|handl|reduc|minimi[sz])\w*\s+"
                          r"(?:(?:it|them|this|these|those)\s+)?(?:through|by|via|with)\b", re.I)
"""A risk answered in its own sentence ("Drift - mitigated through regular retraining", "we
mitigate them by ..."): the words after the verb say what is done."""


def _turned(text: str) -> list[str]:
    """The risk and its answer: split at the first turn, or at a mitigating verb when there
    is none."""
    said = _TURN.split(text, maxsplit=1)
    if len(said) == 1 and (m := _ANSWERED_BY.search(text)):
        return [text[:m.start()], text[m.end():]]
    return said


def _stated(units: list[Unit], i: int) -> ProseRisk:
    """The risk ``units[i]`` states, with the response after its turn and in what follows."""
    u = units[i]
    after = _turned(u.text)
    response, end = _answer(units, i, after[1] if len(after) > 1 else "")
    return ProseRisk(u.text, u.line, end, response, u)


def _answer(units: list[Unit], i: int, rest: str) -> tuple[Response, int]:
    """The response to the risk stated by ``units[i]``: the rest of its sentence, then the
    following sentences of the same paragraph up to the next risk; any generic answer among
    them makes it generic. Returns the response and the last line it spans."""
    u = units[i]
    follow = []
    for v in units[i + 1:i + 4]:
        if v.block is not u.block or vocab("risk_statement").search(v.text):
            break
        follow.append(v)
    answers = [_response(rest)] + [_response(v.text) for v in follow]
    response: Response = "generic" if "generic" in answers else \
        "concrete" if "concrete" in answers else "none"
    return response, follow[-1].end_line if follow and response != "none" else u.end_line


_FAILING = re.compile(r"\b(?:errors?|mistakes?|wrong|inaccura\w*|incorrect\w*|imperfect|"
                      r"perfect|infallible|flawless|limitations?|misclassif\w*|misunderst\w*|"
                      r"false (?:positives?|negatives?)|fail\w*|miss\w*|drift\w*|degrad\w*|"
                      r"vary|varies|less (?:accurate|relevant|reliable)|not (?:identify|detect|"
                      r"catch|recogni[sz]e)|not a (?:perfect|good) (?:fit|match)|"
                      r"(?:sub-?|not (?:perform )?|less than )optimal\w*|falsehoods?|bias(?:es|ed)?|"
                      r"stereotyp\w*|risks?)\b", re.I)
"""A failure word, beside a disclaimer, makes it a risk statement of its own: an error, a
result short of optimal, a bias, or risks owned in general ("like any new technology, it
carries risks")."""


def disclaimed_risks(ctx: Context) -> list[ProseRisk]:
    """Failures owned only through a disclaimer that would fit any system ("like any model,
    it may occasionally get things wrong", "the tool is not perfect"), with the answer the
    text gives. The description is generic by construction: a careful reader cannot tell
    what fails, for whom or how often, so it is a vague risk whatever follows unless a
    concrete answer does. A disclaimer carrying a figure is a measured failure, not one."""
    def compute() -> list[ProseRisk]:
        out: list[ProseRisk] = []
        units = [u for u in ctx.units if u.row is None]
        for i, u in enumerate(units):
            if not vocab("failure_disclaimer").search(u.text) or not _FAILING.search(u.text) \
                    or FIGURE_RE.search(u.text) or u.text.rstrip().endswith("?"):
                continue
            out.append(_stated(units, i))
        return out
    return ctx.cached("disclaimed_risks", compute)



_DENIAL = re.compile(r"\b(?:does|do|did|is|are|was|were|has|have)\s+not\b|\b(?:doesn|don|didn|isn|"
                     r"aren|wasn|weren|hasn|haven)['\u2019]t\b|\bnever\b", re.I)
"""A statement of what the system is not or does not do: no risk, whatever follows."""


def placed_risks(ctx: Context) -> list[ProseRisk]:
    """Sentences under a risks or failure-modes heading that turn to an answer ("the fee
    table could go stale; we'll keep an eye on it"): the heading makes the first half a risk
    whatever words it uses, so a minute's or a note's risks are read one by one, each with
    the answer after its turn. A denial ("it does not price anything; ...") states none."""
    def compute() -> list[ProseRisk]:
        out = []
        for u in ctx.units:
            if u.row is not None or not u.kinds & {"risks", "failure_modes"}:
                continue
            said = _turned(u.text)
            # a risk its own answer follows ("Stale fares - managed by ...") needs only a name
            least = 4 if _TURN.search(u.text) else 2
            if len(said) == 2 and len(said[0].split()) >= least and \
                    not _DENIAL.search(said[0]):
                out.append(ProseRisk(u.text, u.line, u.end_line, _response(said[1]), u))
        return out
    return ctx.cached("placed_risks", compute)


_TOGETHER = re.compile(
    r"^\W*(?:these|they|this|those|both|such|all (?:of )?(?:these|them|those))"
    r"(?:\s+(?:[\w-]+\s+){0,2}?(?:risks?|issues?|concerns?|errors?|limitations?|failures?))?"
    r"\s+(?:(?:is|are|were|will be|have been|has been|can be)\s+)?(?:being\s+)?(?:\w+ly\s+)?"
    r"(?:mitigated|managed|addressed|controlled|handled|reduced|minimi[sz]ed)\s+"
    r"(?:through|via|by|with|within|under)\s+(?P<how>.+)", re.I)
"""One answer given to the risks just stated ("Both are handled by operator checks")."""
_SCOPED = re.compile(r"\d|\b(?:every|each|see|below|above|register|table|section|appendix|"
                     r"annex|conditions?)\b|\u00a7", re.I)
"""What makes such an answer concrete: the cases it covers ("every draft"), a figure, or a
pointer to where the controls are set out."""


def _goes_wrong(text: str) -> bool:
    """A sentence saying what goes wrong: a failure or risk word, or a risk statement."""
    return bool(_FAILING.search(text) or vocab("failure_word").search(text)
                or vocab("risk_statement").search(text))


def answered_together(ctx: Context) -> list[Unit]:
    """Sentences answering the risks stated just before them all at once, by kinds of
    control only ("Both are reduced by staff training and a second look"): no
    figure, no scope, no pointer to where the controls are set out. However real the
    controls named, nobody can tell what is done about which risk, so the risks are vague."""
    def compute() -> list[Unit]:
        units = [u for u in ctx.units if u.row is None]
        out = []
        for i, u in enumerate(units):
            m = _TOGETHER.match(u.text)
            before = [v for v in units[max(0, i - 2):i] if v.section is u.section]
            if m and not _SCOPED.search(m["how"]) and any(_goes_wrong(v.text) for v in before):
                out.append(u)
        return out
    return ctx.cached("answered_together", compute)

_ASKS_RISKS = re.compile(r"\b(?:risks?|hazards?|(?:goes|go|could go) wrong|limitations?)\b[^?]{0,80}\?",
                         re.I)
_ASKS_FAILURE = re.compile(r"^\W*(?:[a-z]?\d{1,2}[.)]?\s+)?(?:q\W{0,3}\s)?"
                           r"(?:what|how|can|could|does|do|is|are|will)\b"
                           r"[^?]{0,80}?\b(?:(?:goes|go|went|gets?|got) (?:\w+ )?wrong|"
                           r"mistakes?|errors?|hallucinat\w*|risks?|hazards?)\b"
                           r"(?![^?]{0,40}\b(?:residual|remain\w*|left)\b)[^?]{0,80}\?\W*", re.I)
"""A question heading or line about what goes wrong ("What if something goes wrong?", "Q:
Can it get it wrong?", "What about hallucinations?"), not about what risk remains."""


def answered_questions(ctx: Context) -> list[ProseRisk]:
    """A question about risks or what goes wrong and its answer: a form's row ("Question:
    What are the key risks?; Response: ..."), or a question heading or line (an FAQ's) and
    the sentences under it. The answer states the risks, and its response is judged as a
    prose risk's is."""
    def compute() -> list[ProseRisk]:
        out = []
        for u in ctx.units:
            m = _ASKS_RISKS.search(u.text) if u.row is not None else None
            answer = u.text[m.end():] if m else ""
            if len(answer.split()) >= 4:
                out.append(ProseRisk(answer.strip(" ;:"), u.line, u.end_line, _response(answer),
                                     u))
        return out + _asked(ctx)
    return ctx.cached("answered_questions", compute)


def _asked(ctx: Context) -> list[ProseRisk]:
    """Questions about what goes wrong asked by a heading or a line of their own, each with
    the answer that follows it: the first paragraph under the heading, or the rest of the
    question's paragraph, else the next paragraph."""
    units = [u for u in ctx.units if u.row is None]
    out = []
    for s in ctx.doc.sections():
        first = next((u for u in units if u.section is s), None)
        if s.title and first is not None and _ASKS_FAILURE.match(s.title):
            out.append(_judged("", [u for u in units if u.block is first.block][:4]))
    for i, u in enumerate(units):
        m = _ASKS_FAILURE.match(u.text)
        if m is None:
            continue
        after = [v for v in units[i + 1:i + 4] if v.block is u.block]
        if not after and m.end() == len(u.text) and i + 1 < len(units):
            after = [v for v in units[i + 1:i + 4] if v.block is units[i + 1].block
                     and v.section is u.section]
        if (after or m.end() < len(u.text)) and not _ASKS_FAILURE.match(after[0].text
                                                                        if after else ""):
            out.append(_judged(u.text[m.end():], after, u))
    return out


def _judged(rest: str, answer: list[Unit], asked: Unit | None = None) -> ProseRisk:
    """An answer (the rest of the question's sentence, then the sentences after it) judged
    sentence by sentence: generic when any sentence is."""
    said = [_response(t) for t in [rest, *(v.text for v in answer)] if t.strip()]
    response: Response = "generic" if "generic" in said else \
        "concrete" if "concrete" in said else "none"
    first = asked or answer[0]
    text = " ".join([rest.strip(), *(v.text for v in answer)]).strip()
    return ProseRisk(text, first.line, (answer[-1] if answer else first).end_line, response,
                     first)


def prose_risks(ctx: Context) -> list[ProseRisk]:
    """Risks stated in sentences, read once per document; the response is looked for in the
    same sentence and in the next one of the same paragraph."""
    def compute() -> list[ProseRisk]:
        out: list[ProseRisk] = []
        units = [u for u in ctx.units if u.row is None]
        for i, u in enumerate(units):
            if not vocab("risk_statement").search(u.text) or _SUMMARY.search(u.text):
                continue
            if u.text.rstrip().endswith("?") or re.match(r"^\W*(?:if|when|whether)\b", u.text,
                                                         re.I):
                continue
            out.append(_stated(units, i))
        return out
    return ctx.cached("prose_risks", compute)


_ACTION_OWNER = re.compile(r"\b(?i:owners?)\b\s*[:=\u2013\u2014-]?\s*(?:(?i:dr|mr|ms|mrs)\.?\s)?"
                           r"(?:[A-Z]\.\s?)?[A-Z][a-z]+")
"""An owner label and a name ("owner: Ines Paredes", "Owner T. Quayle", "Owner: Marisol")."""
_TITLE_OWNER = re.compile(r"\b(?:page|model|product|document|card|system|service|business|data|"
                          r"process|content|policy|risk)\s+owners?\b", re.I)
"""Who owns the page, the model or the product: a title, no action's owner."""
_DEADLINE = re.compile(r"\b(?:due|deadline|by|before|from|until|no later than)\s*:?\s*(?:\d|"
                       r"(?:the )?(?:end|start|mid|middle) of\b|(?:jan|feb|mar|apr|may|jun|jul|"
                       r"aug|sep|oct|nov|dec)[a-z]*\b|q[1-4]\b|next\b)", re.I)


def owned_actions(ctx: Context) -> list[Unit]:
    """Actions assigned to a named owner with a date or a cadence ("feed-age alert by 30 June
    (owner: I. Paredes)", a row "Action | Owner | Due"): responses someone answers for by
    a set time, concrete as a mechanism with a figure is. The action before the owner must
    say something: a vague one ("reviewed periodically") is no more concrete for its owner."""
    def compute() -> list[Unit]:
        out = []
        for u in ctx.chunks:
            m = _ACTION_OWNER.search(u.text)
            action = u.text[:m.start()] if m else ""
            if m and len(action.split()) >= 4 and not _TITLE_OWNER.search(u.text) and \
                    (_DEADLINE.search(u.text) or WINDOW_RE.search(u.text)) and \
                    not VAGUE_RE.search(action) and not vocab("generic_mitigation").search(action):
                out.append(u)
        return out
    return ctx.cached("owned_actions", compute)
