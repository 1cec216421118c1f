"""Self-review of drafted parts: risk entries against the reviewer's vague-risk check (M01),
the summary against what the guide says it must mention.

The reviewer is imported lazily: when its rubric has M01 the drafted entry is reviewed as a
one-entry risk register by that rule alone; otherwise (or if the reviewer fails) a built-in
check of the same intent runs, using the reviewer's vague-wording pattern when that module is
present. ``prepare`` loads all of it while the requests are out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from dcrdraft import figures as fmt
from dcrdraft.analysis.core import Analysis, analyse
from dcrdraft.inputs.model import Inputs, Risk

_FALLBACK_VAGUE = re.compile(
    r"\bclosely\b|\bcareful(?:ly)?\b|\bas (?:needed|necessary|appropriate)\b|\bregular(?:ly)?\b|"
    r"\bongoing\b|\bbest practices?\b|\brobust\b|\bappropriate(?:ly)?\b|\bperiodic(?:ally)?\b",
    re.I,
)
_PLACEHOLDER_FALLBACK = re.compile(r"\[(?:tbd|tbc|todo|name|owner|date|x+)\]|\bTBD\b|\bXX%", re.I)


def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    try:
        from dcrdraft.review.text import PLACEHOLDER_RE, VAGUE_RE  # lazy: as above
    except ImportError:
        return _FALLBACK_VAGUE, _PLACEHOLDER_FALLBACK
    return VAGUE_RE, PLACEHOLDER_RE


@lru_cache(maxsize=1)
def _rubric() -> Any:
    """The reviewer's M01 rule as a rubric of its own; None when the rubric has no M01.

    Self-review asks one question of a drafted entry, whether the reviewer would call it
    vague, so it runs that rule and nothing else: not the checklist items, the other
    findings, nor the whole-document judgments (the not-a-DCR gate, the score, the
    recommendation), which read a full DCR and say nothing about one entry. The whole
    rubric cost ~0.1 s per entry after the replies arrived; this rule alone ~5 ms.
    """
    # lazy: the reviewer is optional here; a built-in check of the same intent runs without it
    from dcrdraft.review import load_rubric
    from dcrdraft.review.rubric import with_rules  # lazy: as above

    rubric = load_rubric()
    rule = rubric.get("M01")
    return with_rules(rubric, [rule]) if rule is not None else None


def prepare(a: Analysis) -> None:
    """Load everything self-review reads (the reviewer, its M01 rule, the section rules and
    vocabularies its facts use, the template it renders an entry with) by reviewing the first
    risk as given, once. Drafting runs this while the requests are out, so that judging the
    replies costs only the judging; it changes no result."""
    if a.risks:
        risk_problems(a, a.risks[0].label, a.risks[0].risk)
        _names_role("")


def _reviewer_m01(a: Analysis, label: str, risk: Risk) -> list[str] | None:
    """M01 findings on the risk's section of a one-risk draft; None without the reviewer.

    Only the system and this risk are drafted, so reviewing each of N entries costs the same
    whatever N is (a whole draft per entry would make self-review quadratic).
    """
    try:
        from dcrdraft.draft import render_markdown  # lazy: as above
        from dcrdraft.ingest import read_text  # lazy: as above
        from dcrdraft.review import review_document  # lazy: as above

        rubric = _rubric()
        if rubric is None:
            return None
        alone = analyse(Inputs(system=a.inputs.system, risks=[risk]))
        label = alone.risks[0].label
        doc = read_text(render_markdown(alone), "<draft>")
        report = review_document(doc, rubric)
    except Exception:  # noqa: BLE001 - the reviewer is optional here; fall back to built-ins
        return None
    spans = [(s.line, s.end_line) for s in doc.sections() if s.title.startswith(f"{label}:")]
    return [f"{f.id}: {f.message}" for f in report.findings
            if f.code == "M01" and any(lo <= f.line <= hi for lo, hi in spans)]


_THRESHOLD = re.compile(
    r"(?:exceeds?|above|below|drops?|falls?|rises?|over|under|more than|less than|at least|"
    r"at most|reaches|[<>≥≤])\s*(?:the\s+)?[^.;]{0,25}?\d|\d[^.;]{0,15}?\b(?:or (?:more|less|"
    r"higher|lower)|threshold)\b|threshold (?:is|are|has)? ?(?:not yet defined|not defined|"
    r"undefined|to be set)|no (?:alert )?threshold", re.I)
_WINDOW = re.compile(
    r"\b(?:hourly|daily|weekly|monthly|quarterly|nightly|per (?:hour|day|week|month|release|"
    r"batch)|each (?:hour|day|week|month|release|batch)|every \w+|rolling|window|over (?:a|the|"
    r"\d+|any)\b|in any \w+|last \d+|within \d+|sample|audit|release)", re.I)
_WHY = re.compile(
    r"\b(?:because|since|as|until|remain\w*|still|may|might|can|could|only|between|while|"
    r"due|cannot|not|some|rare\w*|residual|after|unless|even)\b", re.I)
_STATS_DUMP = re.compile(r"\bn\s*=|\b(?:lower|higher) is better\b", re.I)


def _names_role(text: str) -> bool:
    """Whether ``text`` names a role that acts (the ``responsible_role`` vocabulary)."""
    # lazy: the vocabularies live with the reviewer, which drafting loads only to self-review
    from dcrdraft.review.facts.vocab import vocab

    return bool(vocab("responsible_role").search(text))


def substance_problems(a: Analysis, risk: Risk, original: Risk | None = None) -> list[str]:
    """What a residual note, monitoring or escalation field lacks of what the risk template
    asks: why the risk remains; a threshold and window; the role that acts. With
    ``original``, only the fields the model wrote are judged (given fields stand)."""
    def drafted(name: str) -> str:
        value = getattr(risk, name) or ""
        return "" if original is not None and value == getattr(original, name) else value

    problems = []
    note = drafted("residual_note")
    words = re.findall(r"[A-Za-z]{3,}", note)
    if note and (len(words) < 5 or _STATS_DUMP.search(note) or not _WHY.search(note)
                 or len(re.findall(r"\d+(?:[.,]\d+)?", note)) * 2 > len(words)):
        problems.append("residual note must say in one sentence why that residual risk remains, "
                        "not list statistics")
    mon = drafted("monitoring")
    if mon and not _THRESHOLD.search(mon):
        problems.append("monitoring must give the alert threshold from the data, or say it is "
                        "not yet defined")
    if mon and not _WINDOW.search(mon):
        problems.append("monitoring must say over which window or sample the metric is measured")
    esc = drafted("escalation")
    roles = [x for x in [risk.owner.role if risk.owner else None,
                         risk.owner.name if risk.owner else None,
                         *(s.role for s in a.inputs.signoffs)] if x]
    if esc and not _names_role(esc) and not any(r.lower() in esc.lower() for r in roles):
        problems.append("escalation must name the role or owner who acts")
    return problems


def risk_problems(a: Analysis, label: str, risk: Risk, original: Risk | None = None) -> list[str]:
    """Why a drafted risk entry would be flagged as vague or thin (empty when it passes)."""
    found = _reviewer_m01(a, label, risk)
    problems = list(found or []) + substance_problems(a, risk, original)
    vague, placeholder = _patterns()
    fields = {"description": risk.description, "residual note": risk.residual_note,
              "monitoring": risk.monitoring, "escalation": risk.escalation,
              "review cadence": risk.review_cadence}
    fields.update({f"mitigation {i}": m for i, m in enumerate(risk.mitigations, 1)})
    for name, text in fields.items():
        if not text:
            continue
        for pattern, what in ((vague, "vague wording"), (placeholder, "a placeholder")):
            m = pattern.search(text)
            if m:
                problems.append(f"{name} uses {what} ({m.group(0)!r}); say exactly what, how often and by whom")
    if not 2 <= len(risk.mitigations) <= 4:
        problems.append("give two to four mitigations")
    if risk.evidence and re.search(r"\d", risk.evidence) and not re.search(r"\d", risk.description or ""):
        problems.append("the description must quote the observed rate from the evidence")
    return problems


def _mentions(text: str, phrase: str) -> bool:
    words = [w for w in re.split(r"[^a-z0-9%.]+", phrase.lower()) if w]
    low = text.lower()
    return all(w in low for w in words)


def paragraph_problems(k: int, paragraph: str, summary: str, a: Analysis) -> list[str]:
    """What summary paragraph ``k`` leaves out: the primary metric with its baseline or
    threshold (paragraph 2), every failing segment (paragraph 3, or anywhere in ``summary``),
    and no placeholders."""
    problems = []
    pm = a.inputs.evaluation.primary_metric
    if k == 1 and pm is not None:
        if not _mentions(paragraph, pm.name):
            problems.append(f"name the primary metric, {pm.name}")
        anchors = [fmt.pct(v) for v in (pm.baseline.value if pm.baseline else None, pm.threshold)
                   if v is not None]
        if anchors and not any(x in paragraph for x in anchors):
            problems.append(f"give the primary metric's baseline or threshold ({' or '.join(anchors)})")
    if k == 2:
        for f in a.failures:
            if f.segment.lower() not in (paragraph + summary).lower():
                problems.append(f"name the failing segment {f.segment} ({f.text})")
    _, placeholder = _patterns()
    m = placeholder.search(paragraph)
    if m:
        problems.append(f"remove the placeholder {m.group(0)!r}")
    return problems
