"""Conditions the document states on monitoring or rollback, one per sentence, table row or
record line, each judged for metric, threshold figure, window, incident type and wording; the
shared reading under the monitoring-signal and rollback-trigger facts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dcrdraft.review.absence import PLACEHOLDER_X, negated, placeholder_in, untask
from dcrdraft.review.context import Context, Unit
from dcrdraft.review.fastre import fast
from dcrdraft.review.text import (CMP_FIGURE_RE, INCIDENT_RE, VAGUE_RE, WINDOW_RE, clean,
                                  metric_key)

# Outcome measures named in monitoring and rollback conditions beyond the shared metric list.
_METRIC_MORE = re.compile(
    r"\b(?:conversion|stock-?outs?|waste|churn|fraud|chargebacks?|revenue|usage|adoption|"
    r"edits?|usable|hold rate|flag rate|override\w*|csat|sensitivity|recall|nps|"
    r"accept(?:ance|ed)|click-?through|ctr|retention)\b", re.I)
_CONDITIONAL = re.compile(r"\b(?:if|when|whenever|should|once)\b[^.;]{0,60}?", re.I)
_NAMED = re.compile(r"(?:^|;\s)\s*(?:metric|measure|kpi|signal|indicator)s?\s*:\s*\w", re.I)
"""A record or table row naming its measure in a field ("Metric: appointments kept; ...")."""
_WORDS = re.compile(r"[A-Za-z][A-Za-z-]{2,}")


def _measure_before(text: str) -> bool:
    """Whether words name a measure before the condition's figure ("missed payments > 2%"),
    as in a list of triggers under their lead-in."""
    m = CMP_FIGURE_RE.search(text)
    digit = re.search(r"\d", m.group(0)) if m else None
    return m is not None and digit is not None and \
        len(_WORDS.findall(text[:m.start() + digit.start()])) >= 3


_OPERATIONAL = re.compile(r"^(?:latency|p9[59]|p50|uptime|availability|throughput|"
                          r"response time)$", re.I)

TOPICS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    # topic: (pattern a unit must match unless its section is the topic, kinds, own kinds)
    "monitoring": (
        r"monitor|alert|alarm|\bpaged\b|paging|\bpage (?:when|if|on)\b|\bpages? (?:the )?on-call|dashboard|\bwatch(?:ed|ing)?\b|tracked|tracking|"
        r"\bslo\b|observability|tripwire|notify|review (?:of )?\d+|"
        r"\b(?:amber|yellow|red|warning|warn)(?: level| line| threshold)?\s*:|"
        r"\bwe (?:act|step in|intervene) (?:if|when)\b",
        ("monitoring", "conditions", "deployment", "risks", "summary", "safety"),
        ("monitoring",)),
    "rollback": (
        r"roll(?:ing|ed|s)? ?-?back|revert|kill[- ]?switch|(?:switch|turn|flip)(?:ed|es|s|ing)?"
        r"(?: [\w-]+){0,3} (?:off|back)\b|switch(?:ed|es|ing)?-off\b|disable|"
        # the work switched over to what ran before ("switch selection to the rule list")
        r"switch(?:ed|es|ing)? (?:[\w-]+ ){0,4}?to (?:the )?(?:[\w-]+ )?(?:old|previous|prior|"
        r"legacy|rules?|rule-based|manual|paper)\b|"
        r"return\w* to (?:the )?(?:old|previous|prior|legacy|rules?|manual|paper|v?\d|"
        r"[\w-]+ v?\d)|"
        # the work itself goes back, whatever it goes back to ("that site goes back to the
        # spreadsheet"): said of what ran before, never of a figure ("goes back over 14")
        r"\b(?:if|should|whenever)\b[^.;?]{0,150}?\b(?:go(?:es|ing)?|went) back to\b|"
        # the use stopped by whoever runs it ("we stop the calls there", "we will stop using it")
        r"\bwe (?:will |would |then )?stop\b|\bstop(?:s|ped)? using\b|"
        r"fall ?back to|\bfall ?-?back\s*:|restore (?:the )?(?:previous|prior)|back ?out|pull (?:the )?"
        r"(?:[\w-]+ )?(?:model|system|feature|flag|tool|automation)\b|pull auto-?[\w-]+|"
        r"take[sn]? (?:\w+ )?offline|shut ?down|withdraw|"
        r"suspen(?:d|sion)|halt|pause (?:the )?(?:rollout|deployment|model|system|service|"
        r"feature|tool)|stop serving|"
        # what ran before brought back, said in the passive ("the previous release can be
        # restored", "v6 can be re-activated by configuration"), or a fallback arranged
        r"\b(?:can|could|may|will|would) be (?:re-?activated|re-?enabled|reinstated|brought "
        r"back|switched back)\b|\b(?:previous|prior|old|last|earlier|former) (?:[\w-]+ )?"
        r"(?:release|version|model|build) (?:can|could|may|will|would) be restored\b|"
        r"\bfall-?back (?:arrangements?|plans?|procedures?|options?|mode)\b|"
        # the system put back on what ran before ("pin the service back to 2.3", "trucks go
        # back on 1.2", "back to full manual checking"), or the old version reinstated
        r"\bback (?:on(?:to)?|to) (?:the |a |full(?:y)? )?(?:v?\d|old\b|previous|prior|legacy|"
        r"last (?:version|release|model|build)|former|earlier (?:version|release|model)|"
        r"manual|human|rules?\b|rule-based)|\breinstat(?:e|ed|es|ing)\b|"
        # everything handed back to people ("route all cases to the manual queue")
        r"\brout(?:e|es|ed|ing) (?:all|everything)\b[^.;]{0,40}?\bto (?:the |a )?"
        r"(?:manual|human|exception|legacy|fallback)|"
        # the system's use stopped, said in the passive ("scoring in that region is paused")
        r"\b(?:use|usage|rollout|deployment|service|scoring|automation|model|feature|system|"
        r"tool|assistant|bot)\b(?: [\w-]+){0,4} (?:is|are|will be|gets?|get) (?:then )?"
        r"(?:paused|suspended|halted|stopped|withdrawn|switched off|turned off|disabled)\b",
        ("rollback", "conditions", "deployment", "monitoring", "risks", "summary", "safety"),
        ("rollback",)),
}

SAID_ROLLBACK = fast(TOPICS["rollback"][0], re.I)
"""Any wording of a rollback the conditions read ("pin the service back to 2.3"), compiled
once for every reader of rollback facts."""

# Lead-in words beyond each topic's own pattern ("Kill criteria:", "Abort conditions:").
_LEAD_MORE = {
    "monitoring": r"signals?|guardrail metrics|health checks?",
    "rollback": r"\bkill (?:criteria|conditions|triggers)|\b(?:abort|stop) (?:criteria|conditions|"
                r"triggers)|roll ?-?back",
}
_LEAD_END = re.compile(r":[\s*_]*$")
_CADENCE = fast(
    r"\b(?:reviews?|reviewed|checks?|checked|audits?|audited|samples?|sampled|"
    r"re-?evaluates?|reports?|reported)\b[^.;]{0,60}\b(?:daily|weekly|fortnightly|monthly|"
    r"quarterly|nightly|hourly|(?:each|every) (?:day|week|fortnight|month|quarter|term|shift))\b|"
    r"\b(?:daily|weekly|fortnightly|monthly|quarterly|nightly|hourly)\s+(?:review|"
    r"(?:[\w-]+\s+)?(?:audit|sample|check|report|summar(?:y|ies)))s?\b|"
    r"^\W*(?:daily|weekly|fortnightly|monthly|quarterly|(?:each|every) (?:day|week|fortnight|"
    r"month|quarter|term|shift))\b(?:\s*:|[^.;]{0,80}?\b(?:re-?checks?|spot-?checks?|checks?|"
    r"reviewed|audits?|audited|samples?|sampled|grades?|graded)\b)",
    re.I)
"""A measure looked at on a cadence ("reviews it daily", "the weekly audit of 200", "each
term an officer re-checks a sample"): a monitoring statement, except where it only says how a
rollback trigger is measured (under a rollback heading), which is the rollback's, not a
monitoring plan. A cadence leading its sentence governs a check up to its clause's end, or
labels the measures after its colon ("Weekly: override rate, complaints")."""
_CRITERIA_WORD = {"rollback": re.compile(r"\b(?:triggers?|criteri(?:a|on)|conditions?)\b", re.I)}


def _led(ctx: Context, topic: str) -> set[tuple[int, int | None]]:
    """List items and table rows under a lead-in that names ``topic`` and ends in a colon
    ("**Monitoring (owned by Ops):**" then "- Field accuracy, weekly: warn below 96%"), as
    ``(id(block), None)``; record lines after such a line inside one block as ``(id, line)``.
    The run ends at the next paragraph or at the next lead-in."""
    def compute() -> set[tuple[int, int | None]]:
        lead = re.compile(f"{TOPICS[topic][0]}|{_LEAD_MORE[topic]}", re.I)
        out: set[tuple[int, int | None]] = set()
        for sec in ctx.doc.sections():
            on = False
            for b in sec.blocks:
                text = clean(b.text)
                if b.kind in ("paragraph", "list_item") and _LEAD_END.search(b.text.strip()):
                    on = bool(lead.search(text))  # a new lead-in starts (or ends) a run
                    continue
                if on and b.kind in ("list_item", "table"):
                    out.add((id(b), None))
                    continue
                on = False
                if "\n" in b.text.strip():  # plain-text lists inside one block
                    inner = False
                    for off, raw in enumerate(b.text.split("\n")):
                        t = clean(raw)
                        if not t:
                            inner = False
                        elif _LEAD_END.search(raw.strip()):
                            inner = bool(lead.search(t))
                        elif inner:
                            out.add((id(b), b.line + (1 if b.kind == "code" else 0) + off))
        return out
    return ctx.cached(f"led:{topic}", compute)


def _quality(text: str) -> bool:
    """Whether the clause holding the threshold watches an outcome measure, not only latency
    or uptime ("conversion is on the dashboard; page if p99 latency exceeds 300 ms" -> no)."""
    m = CMP_FIGURE_RE.search(text)
    start = max(text.rfind(";", 0, m.start()), text.rfind(". ", 0, m.start())) + 1 if m else 0
    clause = text[start:]
    if not (metric_key(clause) or _METRIC_MORE.search(clause)):
        clause = text  # the threshold cell of a table row: the metric sits in another cell
    key = metric_key(clause)
    if _METRIC_MORE.search(clause):
        return True
    return key is not None and not _OPERATIONAL.match(key)


@dataclass
class Cond:
    unit: Unit
    metric: bool
    threshold: bool
    window: bool
    incident: bool
    vague: bool
    placeholder: bool
    absent: bool = False
    """The statement says the condition does not exist ("No rollback plan has been defined")."""
    quality: bool = True
    """The metric measures the system's output, not only its latency or uptime."""
    led: bool = False
    """A list item or table row under a lead-in naming the topic ("Rollback triggers:")."""

    @property
    def full(self) -> bool:
        return (self.metric and self.threshold and self.window) or self.incident

    @property
    def partial(self) -> bool:
        return self.threshold or (self.metric and self.window)


def analyse_conditions(ctx: Context, topic: str, extra_kinds: tuple[str, ...] = ()) -> list[Cond]:
    """Every condition the document states on ``topic`` (monitoring, rollback, ...), each judged
    for metric, threshold, window and wording, computed once per document and topic."""
    def compute() -> list[Cond]:
        pat, kinds, own = TOPICS[topic]
        rx = fast(pat, re.I)
        out: list[Cond] = []
        seen: set[tuple[int, str]] = set()
        wanted = set(kinds) | set(extra_kinds)
        led = _led(ctx, topic)

        def is_led(u: Unit) -> bool:
            return (id(u.block), None) in led or (id(u.block), u.line) in led

        # A sentence naming the criteria in a paragraph about the topic ("Rollback means
        # switching the layer off. Triggers agreed: ...") is about it without repeating it.
        near = {id(u.block) for u in ctx.units if u.row is None and rx.search(u.text)}
        crit = _CRITERIA_WORD.get(topic)

        def cadence(u: Unit) -> bool:
            return topic == "monitoring" and "rollback" not in u.kinds and \
                SAID_ROLLBACK.search(u.text) is None and bool(_CADENCE.search(u.text))

        def in_para(u: Unit) -> bool:
            return crit is not None and u.row is None and id(u.block) in near and \
                bool(crit.search(u.text))

        titled = {id(sec) for sec in ctx.doc.sections() if rx.search(sec.title or "")}
        pool = [u for u in ctx.units if u.kinds & wanted or rx.search(u.text) or is_led(u)
                or in_para(u) or id(u.section) in titled or cadence(u)]
        pool += [c for c in ctx.chunks if "\n" in c.text and len(c.text) <= 600
                 and (c.kinds & wanted or rx.search(c.text))]
        for u in pool:
            if (u.line, u.text) in seen:
                continue
            seen.add((u.line, u.text))
            by_lead = is_led(u)
            # a heading that names the topic ("When we switch a lane back to manual") owns
            # its section as the topic's own kind does
            owned = bool(u.kinds & set(own)) or id(u.section) in titled
            if not (rx.search(u.text) or owned or by_lead or in_para(u) or cadence(u)):
                continue
            incident = topic == "rollback" and bool(INCIDENT_RE.search(u.text))
            text = PLACEHOLDER_X.sub(" ", untask(u.text))  # "alert if below [threshold]": no figure
            threshold = bool(CMP_FIGURE_RE.search(text))
            key = metric_key(text)
            metric = bool(key or _METRIC_MORE.search(u.text) or _NAMED.search(u.text)) or (
                threshold and (bool(_CONDITIONAL.search(u.text)) or (
                    (by_lead or owned) and _measure_before(text))))
            quality = _quality(u.text) if threshold else metric
            out.append(Cond(u, metric, threshold, bool(WINDOW_RE.search(text)), incident,
                            bool(VAGUE_RE.search(u.text)), bool(placeholder_in(u.text)),
                            negated(u.text), quality, by_lead))
        return out
    return ctx.cached(f"cond:{topic}", compute)
