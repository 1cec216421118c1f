"""Risks and controls a document states outside a register: where it says what may go wrong
(``risks_said``), the risks it names (``risks_named``), its concrete controls and the prose
mitigations C09 weighs when there is no register. It stands apart from the register reading
because these are sentences, not entries."""

from __future__ import annotations

import re

from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.risks import MECHANISM, owned_actions, prose_risks
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import FIGURE_RE, WINDOW_RE
from dcrdraft.review.checks.base import Params, Verdict, negated
from dcrdraft.review.checks.risk_entries import ASSESSED, unnamed_handled


_OWNER_NAMED = re.compile(r"\b(?:owner|owns|owned by|on-?call)\b|\b[A-Z][a-z]+ (?:to|owns|will)\b|"
                          r"\b[A-Z][a-z]+ [A-Z][a-z]+\b")
"""Who carries a control: an owner named, or a person ("Lorna owns the rota", "Raj to ...")."""


_RATED_FIELD = re.compile(r"(?:^|[\u00b7|;\u2022]\s*)(?:[\w/ ]{0,20}\s)?risk(?:\s*\([^)]{0,20}\))?"
                          r"(?:\s*/\s*impact)?\s*:\s*(?:very\s+)?(?:low|medium|moderate|high|"
                          r"critical|minor|negligible)\b", re.I)
_FIELD_LABEL = re.compile(r"(?:^|[\u00b7|;\u2022]\s*)[A-Z][\w /()-]{0,24}:\s")


def _rated_change(text: str) -> bool:
    """A header line of labelled fields rating the change ("Type: normal change · Risk:
    Medium · Board: 4 May"): a ticket's risk class, as a form records it, names no risk."""
    return bool(_RATED_FIELD.search(text)) and len(_FIELD_LABEL.findall(text)) >= 2


_RISK_WORDS = re.compile(r"\b(?:risks?|hazards?|failure modes?|known (?:issues?|weak\w*|"
                         r"limitations?|gaps?)|(?:goes|go|went|going) wrong|weakest|"
                         r"weak (?:spots?|points?)|misses|gets? wrong)\b", re.I)
_ANSWER_KINDS = frozenset({"risks", "failure_modes", "conditions", "safety", "deployment",
                           "monitoring", "human_review", "recommendation", "summary"})


def risks_said(ctx: Context) -> list[Unit]:
    """Where a document states what may go wrong outside a register: a risk sentence
    (``prose_risks``), or a statement under a risks or failure-modes heading, or one naming
    risks, weak spots or what goes wrong."""
    def compute() -> list[Unit]:
        out = [r.unit for r in prose_risks(ctx)]
        out += [u for u in ctx.units if u.kinds & {"risks", "failure_modes"} and
                len(u.text.split()) >= 5 and not negated(u.text)]
        out += [u for u in ctx.units if _RISK_WORDS.search(u.text) and
                len(u.text.split()) >= 5 and not negated(u.text)]
        return sorted({id(u): u for u in out}.values(), key=lambda u: u.line)
    return ctx.cached("risks_said", compute)


_NAMES_RISK = re.compile(r"\b(?:risks?|hazards?|threats?)\b(?!\s+(?:owner|appetite|committee|"
                         r"team|function|management|framework|tier|rating|class|officer|"
                         r"lead|policy|taxonomy|assessment|register|log|scor\w+|models?|"
                         r"estimates?|predictions?|bands?|grades?|profiles?|levels?|factors?|"
                         r"segments?|groups?|categor\w+|premiums?|pricing|analytics|"
                         r"department|partners?)s?\b)", re.I)
_RISK_AS_QUANTITY = re.compile(r"\b(?:of|at|high|higher|low|lower|credit|insurance|default|"
                               r"claims?|market|price|pricing)[\s-]+$", re.I)
_UNIT_NAME = re.compile(r"\b[A-Z][a-z]{2,12}\s+$")


def names_risk(text: str) -> bool:
    """The word for a risk used of one ("risks I'd flag", "a risk of stale prices"), not of
    an organisation's risk function ("risk owner", "the risk committee", "Credit Risk
    checks"), nor of what a model predicts or prices ("a risk score", "a view of risk",
    "high-risk customers", "patients at risk")."""
    for m in _NAMES_RISK.finditer(text):
        before = text[max(0, m.start() - 14):m.start()]
        if m.group(0).lower() == "risk" and _RISK_AS_QUANTITY.search(before):
            continue
        if m.group(0)[0].isupper() and _UNIT_NAME.search(before):
            continue  # a team or a function named in title case: "Model Risk", "Credit Risk"
        return True
    return False


def _disclaimed_sections(ctx: Context) -> set[int]:
    """Sections that open with a disclaimer fitting any system ("Like any AI system, the
    advisor may occasionally get it wrong"): what follows elaborates the disclaimer."""
    first: dict[int, Unit] = {}
    for u in ctx.units:
        first.setdefault(id(u.section), u)
    return {k for k, u in first.items() if vocab("failure_disclaimer").search(u.text)}


def risks_named(ctx: Context) -> list[Unit]:
    """Risks a document identifies without a register: a risk sentence ("may misroute"), a
    statement under a risks or known-limitations heading (a list of what can go wrong), or
    one naming a risk or voicing a worry about one. A failure noted among the results ("most
    misses are on handwritten forms") is an observation, and a claim that unnamed risks are
    handled names none, nor does a rating of the change ("risk assessed as low"): none of
    them lists a risk. Nor does a caveats section a disclaimer opens, unless a sentence of it
    carries a figure or names a risk: its caveats ("depends on the data it is given") would
    fit any system."""
    def compute() -> list[Unit]:
        out = [r.unit for r in prose_risks(ctx)]
        out += [u for u in risks_said(ctx) if u.kinds & {"risks", "failure_modes"}
                or names_risk(u.text)]
        out += [u for u in ctx.units if _voiced(u)]
        generic = _disclaimed_sections(ctx)
        out = [u for u in out if id(u.section) not in generic or FIGURE_RE.search(u.text)
               or names_risk(u.text)]
        return sorted({id(u): u for u in out if not unnamed_handled(u.text)
                       and not vocab("failure_disclaimer").search(u.text)
                       and not ASSESSED.search(u.text) and not _rated_change(u.text)
                       and not is_boilerplate(u.text)}.values(), key=lambda u: u.line)
    return ctx.cached("risks_named", compute)


def brief_failure_notes(ctx: Context, said: list[Unit], min_words: int) -> bool:
    """Whether what the document says may go wrong is only a few failure notes (a release's
    known issues: under ``min_words`` words in all), none naming a risk, under no risks
    heading and none a risk sentence: they describe what the system gets wrong, and identify
    no risk a register would hold. A limitations section that goes into failures at length
    does."""
    prose = {id(r.unit) for r in prose_risks(ctx)}
    return sum(len(u.text.split()) for u in said) < min_words and not any(
        "risks" in u.kinds or id(u) in prose or names_risk(u.text) or names_risk(u.section.title)
        or _voiced(u) for u in said)


def _voiced(u: Unit) -> bool:
    """A risk a person voices ("my worry is ...", "what worries me is ..."): a chat or a
    minute names its risks this way, without the word "risk"."""
    return len(u.text.split()) >= 5 and bool(vocab("risk_voiced").search(u.text)) and \
        not negated(u.text) and not u.text.rstrip().endswith("?")


def prose_mitigations(ctx: Context, params: Params) -> Verdict:
    """Mitigations written in prose, when there is no register: a risk sentence answered
    concretely, or a concrete control (a mechanism with an owner, figure or cadence) among the
    conditions and risks. Pass on ``prose_min`` of them with no generic answer, weak on one
    or on generic answers only."""
    risks = prose_risks(ctx)
    concrete = [r.unit for r in risks if r.response == "concrete"]
    generic = [r.unit for r in risks if r.response == "generic"]
    near = {id(u.section) for u in risks_said(ctx)}  # sections that say what may go wrong
    controls = [u for u in ctx.units if id(u.section) in near and u.kinds & _ANSWER_KINDS
                and _control(u)]
    # Actions given to a named owner by a date answer the risks a document states, however
    # plainly (an audit's agreed actions, a minute's action list).
    owned = [u for u in owned_actions(ctx) if not u.kinds & _NO_CONTROL_KINDS] if near else []
    found = {id(u): u for u in concrete + controls + owned}
    if len(found) >= int(params.get("prose_min", 2)) and not generic:
        first = min(found.values(), key=lambda u: u.line)
        return Verdict("pass", first, detail=f"{len(found)} prose")
    # A memo or an e-mail often states its safeguards without naming the risks they answer
    # ("QA audits 10% of cases weekly; above 3% we switch the flag off"): concrete, but
    # answering no stated risk, so they are some mitigation and never all of it.
    loose = found or {id(u): u for u in concrete_controls(ctx)}
    if loose or generic:
        said = min(list(loose.values()) + generic, key=lambda u: u.line)
        return Verdict("weak", said, detail="some")
    return Verdict("missing")


_NO_CONTROL_KINDS = frozenset({"evaluation", "methodology", "segments", "metadata",
                               "overview", "fairness", "signoff"})
"""Sections that report results, describe the system or record approvals: a mechanism there
is how the system works or was tested ("every sample was checked by two raters") or who
signed ("weekly change board: approved"), not a control."""


def concrete_controls(ctx: Context) -> list[Unit]:
    """Sentences stating a concrete control: a mechanism with a figure, a window or cadence,
    or a named owner, outside the sections that report results."""
    def compute() -> list[Unit]:
        return [u for u in ctx.units if not u.kinds & _NO_CONTROL_KINDS and _control(u)
                and not is_boilerplate(u.text)]
    return ctx.cached("concrete_controls", compute)


def _control(u: Unit) -> bool:
    return bool(MECHANISM.search(u.text) and (FIGURE_RE.search(u.text) or WINDOW_RE.search(
        u.text) or _OWNER_NAMED.search(u.text)) and not negated(u.text))
