"""Rollback facts: the triggers (a figure-based condition or a named incident type, automatic
or manual) and the procedure's test record (executed where and when with an outcome, talked
through at a tabletop, planned, only documented, or not yet defined), each with its source
line and section.

A trigger or record that is a placeholder or a statement of absence ("Rollback: TBD",
"procedure to be defined") is kept, marked, so the judgments can say so; content-free
claims (the ``boilerplate`` vocabulary) are never read as either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from dcrdraft.monitoring.reading import Comparison
from dcrdraft.review.absence import PLACEHOLDER_X, negated, placeholder_in, untask
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.facts.boilerplate import is_boilerplate
from dcrdraft.review.facts.conditions import SAID_ROLLBACK, analyse_conditions
from dcrdraft.review.facts.monitoring import comparison_in, monitoring_signals
from dcrdraft.review.facts.vocab import vocab
from dcrdraft.review.text import WINDOW_RE, clean

Kind = Literal["figure", "relative", "incident", "red"]
Mode = Literal["automatic", "manual", "unstated"]
Status = Literal["executed", "tabletop", "planned", "documented", "undefined"]

_AUTO = re.compile(r"\bautomatic\w*|\bauto[- ]?(?:roll\w*|revert\w*|disabl\w*)|"
                   r"\bwithout (?:a )?human\b", re.I)
_MANUAL = re.compile(r"\bmanual\w*|\bincident[- ]based\b|\b(?:on-?call|lead|owner|manager|"
                     r"committee|board|team)\b[^.;]{0,30}\b(?:decides?|may|can|approves?)\b|"
                     r"\bat (?:the|their) discretion\b|\bafter (?:a )?review\b", re.I)
_LABEL = re.compile(r"^\W*(?P<label>(?:automatic|manual|incident[- ]based)(?: rollback)?)\s*:\s*",
                    re.I)
_UNDEFINED = re.compile(r"\b(?:to be|yet to be|still to be|not yet|not)\s+(?:\w+\s+)?"
                        r"(?:defined|determined|decided|agreed|written|documented|drafted)\b|"
                        r"\b(?:tbd|tbc|todo)\b|^\W*(?:none|n/?a)\W*$|\bno (?:rollback )?"
                        r"(?:plan|procedure|runbook|playbook|triggers?|criteri\w*)\b|"
                        # "No deployment conditions or rollback triggers are defined."
                        r"^\W*no\b[^.;]{0,120}\b(?:are|is|were|was|have been|has been)\s+"
                        r"(?:yet\s+)?(?:defined|set|agreed|specified)\b", re.I)
UNDEFINED = _UNDEFINED
"""A statement that the rollback is not yet defined ("to be defined", "TBD", "no plan")."""
_FUTURE = re.compile(r"\b(?:will|shall|plan(?:s|ned)?(?: to)?|going to|scheduled|intend\w* to|"
                     r"to be|should be|before (?:launch|go-?live|release)|next (?:week|month|"
                     r"sprint|quarter)|pending|subject to|due\s*:|not (?:yet )?(?:been )?|untested|has not|"
                     r"have not|hasn't|haven't|"
                     # a test set as a condition of going ahead ("conditional on the drill")
                     r"conditional (?:on|upon)|provided that|on condition that)\b", re.I)
_PROCEDURE = re.compile(r"\b(?:procedure|runbook|playbook|steps?|documented|written up)\b", re.I)
_MECHANISM = re.compile(
    r"\b(?:roll(?:ing)? ?-?back|revert(?:ing)?|switch(?:ing)? back|kill[- ]?switch)\b[^.]{0,40}"
    r"\b(?:is|are|takes?|means?|requires?|consists of|works by|uses?)\b[^.]{0,30}"
    r"\b(?:config\w*|flag|toggle|switch|redeploy\w*|button|command|one-line|single (?:click|"
    r"command|change)|traffic (?:shift|switch)\w*|blue[- ]green|previous (?:image|build|"
    r"version|model))", re.I)
"""A rollback described by its mechanism ("reverting is a config change"): a procedure,
not a test of it."""
_ANCHOR = re.compile(r"\b(?:roll(?:ing|ed|s)? ?-?back|revert\w*|reversion|kill[- ]?switch|fail-?over|"
                     r"(?:switch|turn)(?:ed|ing)?[- ](?:it )?off|suspen(?:d|ded|sion)|"
                     r"fallback|switch(?:ed|ing)?[- ]back|flip(?:ped|ping)? back|"
                     r"(?:flag|toggle) flip|restor\w*|back ?out)\b", re.I)
_DATE = re.compile(r"\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
                   r"nov|dec)\w*(?: \d{4})?\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|"
                   r"dec)\w* \d{1,2}(?:,? \d{4})?\b|\b(?:last|this) (?:week|month|quarter|"
                   r"sprint)\b|\byesterday\b|\bq[1-4](?: \d{4})?\b", re.I)


@dataclass(frozen=True)
class Trigger:
    """A condition that forces a rollback."""

    text: str
    line: int
    end_line: int
    section: str
    kind: Kind | None
    """``figure`` (a metric crosses a stated figure), ``relative`` (a metric falls behind a
    comparator measured alongside it: "cure rate below the control group's"), ``incident``
    (a named incident type), ``red`` (the monitoring's red level, whose figures the
    monitoring states: "on any red") or None (no measurable condition: "if issues arise")."""
    mode: Mode
    metric: bool
    threshold: Comparison | None
    window: str | None
    incident: str | None
    """The incident type as named ("any confirmed data leak")."""
    placeholder: bool
    absent: bool
    """The text says there is no trigger ("Rollback criteria: TBD")."""
    unit: Unit

    @property
    def measurable(self) -> bool:
        """A figure condition with its metric and window, or a named incident type."""
        return self.kind in ("incident", "red") or (self.kind in ("figure", "relative") and
                                           self.metric and self.window is not None)

    @property
    def partial(self) -> bool:
        """Some part of a condition: a figure, or a metric with a window."""
        return self.kind is not None or (self.metric and self.window is not None)


@dataclass(frozen=True)
class Record:
    """A statement about the rollback procedure and whether it was exercised."""

    status: Status
    text: str
    line: int
    end_line: int
    section: str
    when: str | None
    where: str | None
    outcome: str | None
    unit: Unit

    @property
    def details(self) -> int:
        """How many of when, where and outcome the record gives."""
        return sum(x is not None for x in (self.when, self.where, self.outcome))


_SIDE = re.compile(r"\b(?:below|under|above|over|worse than|better than|lower than|higher than|"
                   r"less than|more than|exceeds?|falls? behind|behind)\s+(?:that of\s+)?", re.I)


def _relative(text: str) -> bool:
    """Whether a condition compares its metric with a comparator measured alongside it rather
    than a figure ("below the control group's for two months", "worse than the legacy
    forecast's"): as measurable as a figure, since both sides are computed."""
    return any(vocab("comparator_prose").search(text, m.end(), m.end() + 30)
               for m in _SIDE.finditer(text))


_UNTESTED = re.compile(r"\b(?:not|never)\s+(?:yet\s+)?(?:been\s+|be\s+)?(?:\w+\s+)?"
                       r"(?:tested|tried|rehearsed|exercised|drilled|practi[cs]ed|run|used)\b|"
                       r"\b(?:untested|unrehearsed)\b|\bnot yet\b[^.;]{0,30}\b(?:tested|tried|"
                       r"rehearsed|exercised)\b", re.I)
"""A clause saying the rollback was not yet tried: about its test (C13), never a statement
that its trigger is missing ("roll back if X < 80%; switching is not yet rehearsed")."""


def _mode(text: str) -> Mode:
    label = _LABEL.match(text)
    if label:
        return "automatic" if label.group("label").lower().startswith("auto") else "manual"
    if _AUTO.search(text):
        return "automatic"
    return "manual" if _MANUAL.search(text) else "unstated"


def rollback_triggers(ctx: Context) -> list[Trigger]:
    """Every rollback condition the document states, read once per document."""
    def compute() -> list[Trigger]:
        out: list[Trigger] = []
        for c in analyse_conditions(ctx, "rollback"):
            u = c.unit
            if is_boilerplate(u.text):
                continue
            text = PLACEHOLDER_X.sub(" ", untask(u.text))
            incident = vocab("incident_type").search(text) if not c.absent else None
            cmp = comparison_in(text) if c.threshold else None
            kind: Kind | None = "figure" if cmp is not None else \
                "incident" if incident or c.incident else \
                "relative" if c.metric and not c.absent and _relative(text) else None
            window = WINDOW_RE.search(text) or vocab("trigger_window").search(text) or (
                _paragraph_window(u) if kind in ("figure", "relative") and c.metric else None)
            if kind in (None, "figure") and not (c.metric and window) and not c.absent and \
                    _names_red(ctx, text):
                kind = "red"  # its own figure, if any, is no metric's ("W1", "R1")
            out.append(Trigger(u.text, u.line, u.end_line, u.section.title, kind,
                               _mode(u.text), c.metric, cmp, window.group(0) if window else None,
                               incident.group(0) if incident else None, c.placeholder,
                               (c.absent and negated(_UNTESTED.sub(" ", u.text))) or
                               bool(_UNDEFINED.search(u.text)) and kind is None, u))
        return out
    return ctx.cached("facts:rollback_triggers", compute)


def _names_red(ctx: Context, text: str) -> bool:
    """Whether a condition points at the monitoring's red level by name ("on any red", "red on
    either line") where the monitoring gives red figures: the trigger is those figures."""
    return vocab("red_level_named").search(text) is not None and any(
        s.threshold is not None and not s.placeholder and (
            (s.cells is not None and "red" in s.cells) or _RED.search(s.unit.text) is not None)
        for s in monitoring_signals(ctx))


_RED = re.compile(r"\bred\b(?![- ]team)", re.I)


def _paragraph_window(u: Unit) -> re.Match[str] | None:
    """The window a figure trigger takes from the sentence before it in its paragraph
    ("Each month we check 60 cases. If more than 6% are wrong we switch it off."): the
    check's cadence is the trigger's window. A table row has no such paragraph."""
    if u.row is not None:
        return None
    before = clean(u.block.text)
    cut = before.find(u.text[:40])
    return WINDOW_RE.search(before[:cut]) if cut > 0 else None


def _anchored_sections(ctx: Context) -> set[int]:
    """Sections (by identity) in which a unit names a rollback."""
    return ctx.cached("facts:rollback_sections", lambda: {
        id(u.section) for u in ctx.units if _ANCHOR.search(u.text)})


def _anchored_blocks(ctx: Context) -> set[int]:
    """Paragraphs (by identity) in which a sentence names a rollback."""
    return ctx.cached("facts:rollback_blocks", lambda: {
        id(u.block) for u in ctx.units
        if (_ANCHOR.search(u.text) or SAID_ROLLBACK.search(u.text)) and u.row is None})


def _test_sections(ctx: Context) -> set[int]:
    """Sections (by identity) whose heading names a test of the rollback ("Dry run of the
    fallback", "Rollback rehearsal"): what they report is that test."""
    def compute() -> set[int]:
        out: set[int] = set()
        for sec in ctx.doc.sections():
            title = sec.title or ""
            if _UNTESTED.search(title):
                continue  # "Finding 1: the fallback has never been rehearsed" reports no test
            if (_STRONG.search(title) or vocab("rollback_rehearsal").search(title)) and \
                    (_ANCHOR.search(title) or SAID_ROLLBACK.search(title)
                     or _STRONG.search(title)):
                out.add(id(sec))
        return out
    return ctx.cached("facts:rollback_test_sections", compute)


def _answers(ctx: Context) -> set[int]:
    """Paragraphs (by identity) that answer a question about the rollback's test ("Has the
    switch-off been tested?" then "Yes. On 11 June ..."), as a questionnaire writes them."""
    def compute() -> set[int]:
        out: set[int] = set()
        for sec in ctx.doc.sections():
            asked = False
            for b in sec.blocks:
                text = clean(b.text).strip()
                if asked and b.kind != "table":
                    out.add(id(b))
                    asked = False
                    continue
                asked = text.endswith("?") and len(text) <= 200 and bool(
                    _ANCHOR.search(text) or SAID_ROLLBACK.search(text)) and bool(
                    _STRONG.search(text) or vocab("rollback_rehearsal").search(text))
        return out
    return ctx.cached("facts:rollback_answers", compute)


def _scope(ctx: Context) -> list[Unit]:
    """Units about the rollback procedure: under a rollback heading, naming a rollback, in
    a paragraph that names one ("We keep a rollback runbook. It was rehearsed on ..."), a
    rehearsal statement in a section that names one (its "Rehearsal log:"), or anything
    under a heading that names the rollback's test."""
    anchored = _anchored_blocks(ctx)
    sections = _anchored_sections(ctx)
    tests = _test_sections(ctx)
    answers = _answers(ctx)
    return [u for u in ctx.units if "rollback" in u.kinds or _ANCHOR.search(u.text) or
            SAID_ROLLBACK.search(u.text) or (u.row is None and id(u.block) in anchored) or
            id(u.section) in tests or id(u.block) in answers or
            (id(u.section) in sections and (_STRONG.search(u.text) is not None or
                                            _LOG_LINE.match(u.text) is not None))]


_LOG_LINE = re.compile(r"^\W*(?:\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}/\d{2,4})[ T]+\d{1,2}:\d{2}\b")
"""An operation log's line: a date and time, then what was done."""
_STRONG = re.compile(r"\brehears\w*|\bdrill\w*|\bdry[- ]run|\bgame ?day|"
                     r"\b(?:switch-?off|switch-?back|roll-?back|revert|failover|suspension) "
                     r"(?:test|drill|exercise)",
                     re.I)
"""Words that name a rollback test by themselves, wherever in a rollback section they stand."""
_UNTICKED = re.compile(r"^\W*\[\s\]|☐")
"""An unticked box: the task it names is still to do."""
_TICK = re.compile(r"\[[xX✓✔]\]|[☑✅✔✓]")
"""A ticked box: a status ("done"), not a placeholder."""
TICK = _TICK


_BARE = re.compile(
    r"\b(?:procedures?|plans?|process(?:es)?|capabilit(?:y|ies)|arrangements?|option)\s+"
    r"(?:(?:are|is|has been|have been|will be|remains?)\s+)?(?:fully\s+|also\s+)?"
    r"(?:documented|in place|available|defined|established|retained)\b"
    r"|\b(?:is|are|remains?)\s+available\s+(?:should|if|when)\b", re.I)
"""A rollback only claimed to exist ("arrangements are fully documented per group policy",
"is available if ever needed"): with no instrument and no figure it describes no procedure,
which would fit any system."""
_DIGIT = re.compile(r"\d")


_HEDGED = re.compile(r"\b(?:consider\w*|could|may|might|can)\b[^.;]{0,30}$", re.I)
"""A possibility or an intention just before a step ("we will consider rolling back to 2.4",
"the team can pin it back to 1.2"): what might be done, not the steps written down."""


def _restore_step(text: str) -> bool:
    """Whether ``text`` gives a step that puts back a numbered earlier version, as a
    procedure states it rather than as an option someone may take."""
    return any(not _HEDGED.search(text, 0, m.start())
               for m in vocab("rollback_restore").finditer(text))


def _status(text: str, owned: bool = False) -> Status | None:
    """What one statement says about the procedure; None when it says nothing of it (or only
    that the test has not happened: "Rollback has not been tested"). ``owned``: the statement
    stands under a rollback heading, so it need not name the rollback itself."""
    if _UNTICKED.search(text) and vocab("rollback_rehearsal").search(text):
        return "planned"  # "[ ] Switch-off rehearsal on staging": a task not yet done
    text = _TICK.sub(" done ", text)
    if placeholder_in(text) or _UNDEFINED.search(text):
        return "undefined"
    if vocab("rollback_tabletop").search(text):
        return "tabletop"
    # a rollback described by its instrument ("a config change", "one toggle") or by the
    # numbered version it puts back ("re-install 4.1"): a procedure
    mechanism = (vocab("rollback_mechanism").search(text) is not None or
                 _restore_step(text)) and (
        owned or _ANCHOR.search(text) is not None or SAID_ROLLBACK.search(text) is not None)
    untested = False
    for rehearsal in vocab("rollback_rehearsal").finditer(text):
        before = text[: rehearsal.start()][-50:]
        # "not yet tried live, but was run in staging on 2 May": the clause after "but" counts
        clause = re.split(r"\bbut\b|\bhowever\b", before)[-1]
        if re.search(r"\bnot\b|n['’]t\b|\buntested\b|\bnever\b|\bno\b", clause, re.I):
            untested = True
            continue
        after = text[rehearsal.end(): rehearsal.end() + 40]
        if _FUTURE.search(clause) or re.search(r"\b(?:plan|schedul|intend)\w*\b", clause, re.I) \
                or re.match(r"^\s*(?:\([^)]{0,40}\)\s*)?(?:\w+\s+){0,2}?(?:is|are|will be|to be|"
                            r"ha(?:s|ve) been)?\s*(?:scheduled|planned|booked|due)\b", after, re.I):
            return "planned"
        return "executed"
    # said untested, a procedure named or written up ("the steps are in the runbook; never
    # tried") is still a procedure described
    written = _PROCEDURE.search(text) is not None and (
        owned or _ANCHOR.search(text) is not None or SAID_ROLLBACK.search(text) is not None)
    if untested:
        return "documented" if mechanism or written else None
    if re.search(r"\bnot\b[^.]{0,20}\b(?:tested|tried)\b|\buntested\b", text, re.I):
        return "documented" if mechanism else None
    if _FUTURE.search(text) and re.search(r"\b(?:test|rehears|drill|exercis|dry[- ]run)\w*",
                                          text, re.I):
        return "planned"
    if _BARE.search(text) and not mechanism and not _DIGIT.search(text):
        return None  # a claim that a rollback exists, which would fit any system
    if (_PROCEDURE.search(text) and _ANCHOR.search(text) and len(text.split()) >= 6) or \
            _MECHANISM.search(text) or mechanism or \
            re.match(r"^\W*(?:procedure|runbook|steps?)\s*:", text, re.I):
        return "documented"  # a procedure described, not the bare claim "rollback documented"
    return None


_DONE = re.compile(r"\b(?:done|completed)\W{0,3}(?:on\s+)?(?=\d|[a-z]{3}\w* \d)", re.I)
"""A task's status closed on a date ("Due: done 9 Feb"): the work took place."""


def _open_task(text: str, u: Unit) -> bool:
    """Whether a test stands as a task still to do: said booked, due or in progress, or an
    item under a heading that lists tasks ("Open items"): an action list reports no work
    done, however its items are worded ("Tom: production kill-switch test"). A test that
    states its outcome, or is closed on a date, was run whatever else its line says."""
    if _DONE.search(text) or vocab("rollback_outcome").search(text):
        return False
    return vocab("task_open").search(text) is not None or \
        vocab("task_heading").search(u.section.title or "") is not None


def _found(name: str, text: str) -> str | None:
    m = vocab(name).search(text)
    return m.group(0) if m else None


def _sequel(ctx: Context, u: Unit) -> str:
    """The sentence after ``u`` in its paragraph, or "" when it ends the paragraph."""
    place = ctx.cached("facts:unit_places", lambda: {id(v): i for i, v in enumerate(ctx.units)})
    i = place[id(u)] + 1
    if u.row is not None or i >= len(ctx.units) or ctx.units[i].block is not u.block:
        return ""
    return clean(ctx.units[i].text)


def rollback_records(ctx: Context) -> list[Record]:
    """What the document says about the rollback procedure and its test, read once: each
    statement with its status and, for a test, when, where and with what outcome."""
    def compute() -> list[Record]:
        out: list[Record] = []
        for u in _scope(ctx):
            text = clean(u.text)
            if is_boilerplate(text) or text.rstrip().endswith("?"):
                continue  # a question ("Has the switch-off been tested?") states nothing
            status = _status(text, "rollback" in u.kinds)
            tested = id(u.section) in _test_sections(ctx) or id(u.block) in _answers(ctx)
            if status is None and tested and _DATE.search(text) and not _FUTURE.search(text):
                status = "executed"  # a dated report under "Dry run of the fallback"
            if status is None and _LOG_LINE.match(text) and (
                    "rollback" in u.kinds or id(u.section) in _anchored_sections(ctx)):
                status = "executed"  # a timestamped log of the rollback carried out
            if status is None or (status == "documented" and
                                  vocab("user_opt_out").search(text) is not None):
                continue  # a user's own opt-out ("you can switch back under Settings") is
                # not the operator's procedure for rolling the system back
            if status == "executed" and _open_task(text, u):
                status = "planned"
            when = _DATE.search(text)
            where, outcome = _found("rollback_venue", text), _found("rollback_outcome", text)
            if status == "executed" and not (when or where or outcome):
                # a test named as a lead-in ("Rollback rehearsed.") is told in the next sentence
                after = _sequel(ctx, u)
                when = _DATE.search(after)
                where, outcome = _found("rollback_venue", after), _found("rollback_outcome", after)
            if status == "executed" and not (_ANCHOR.search(text) or "rollback" in u.kinds or
                                             where or outcome or
                                             tested or
                                             # a dated test in the rollback's paragraph
                                             (u.row is None and when is not None and
                                              id(u.block) in _anchored_blocks(ctx)) or
                                             (id(u.section) in _anchored_sections(ctx) and
                                              (_STRONG.search(text) or _LOG_LINE.match(text)))):
                continue  # "the model was tested on 3,000 cases": a test, not of a rollback
            out.append(Record(status, text, u.line, u.end_line, u.section.title,
                              when.group(0) if when else None, where, outcome, u))
        return out
    return ctx.cached("facts:rollback_records", compute)
