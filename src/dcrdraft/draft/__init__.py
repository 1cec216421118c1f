"""Drafting: structured inputs → a complete nine-section DCR.

The template engine renders every part from the inputs and the computed ``Analysis``; an LLM
engine may supply ``DraftParts`` (summary prose, expanded risk entries) that replace the
template's text for those parts only.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from jinja2 import Environment

from dcrdraft.analysis.core import (Analysis, RiskView, analyse, secondary_ci, secondary_delta,
                                    secondary_status)
from dcrdraft.analysis.stats import RISK_MATRIX
from dcrdraft.figures import figure
from dcrdraft.inputs.model import Inputs, Risk
from dcrdraft.paths import templates_dir
from dcrdraft.templating import bytecode_cache, environment

Engine = Literal["auto", "template", "llm"]
Format = Literal["md", "html"]

DECISION_LABEL = {
    "approve": "Approve",
    "approve-with-conditions": "Approve with conditions",
    "disapprove": "Disapprove",
}
DECISION_SENTENCE = {
    "approve": "We recommend approval for production deployment.",
    "approve-with-conditions": (
        "We recommend approval for production deployment under the conditions above."
    ),
    "disapprove": "We do not recommend deployment.",
}
TRIGGER_LABEL = {
    "automatic": "Automatic rollback",
    "manual": "Manual rollback",
    "incident": "Incident-based rollback",
}


@dataclass
class DraftParts:
    """Text an engine supplies in place of the template's; None means use the template."""

    summary: list[str] | None = None
    """The executive summary's five paragraphs, as Markdown."""
    risks: dict[str, Risk] | None = None
    """Risk label → the risk with its register fields expanded."""


@dataclass
class DraftResult:
    """A finished draft and how it was made."""

    text: str
    engine: str
    analysis: Analysis
    warnings: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _env() -> Environment:
    return environment(templates_dir(), bytecode_cache=bytecode_cache())


def _owner_text(r: Risk) -> str:
    if r.owner is None:
        return ""
    return ", ".join(p for p in (r.owner.name, r.owner.role) if p)


def _article(word: str) -> str:
    """'a' or 'an' before ``word`` by its sound: an 8-hour, an 11-day, an hourly, a daily."""
    w = word.lower()
    vowel = w[:1] in "aeio" or w.startswith(("8", "11", "18", "hour", "honest"))
    return "an" if vowel and not w.startswith(("eu", "one")) else "a"


def _conditions(a: Analysis) -> list[str]:
    """The deployment conditions the summary lists: approval conditions, alerts, rollbacks."""
    i = a.inputs
    out = [c.condition for c in i.recommendation.conditions]
    for t in i.deployment.monitoring:
        bits = [f"Monitoring of {t.metric}"]
        if t.threshold is not None:
            rel = "above" if t.direction == "above" else "below"
            bits.append(f"which must stay {rel} {figure(t.threshold)}")
        if t.window:
            bits.append(f"over {_article(t.window)} {t.window} window"
                        if "window" not in t.window else t.window)
        if t.red:
            bits.append(f"red alert {t.red}")
        out.append(", ".join(bits))
    for trig in i.deployment.rollback_triggers:
        out.append(f"{TRIGGER_LABEL[trig.type]}: {trig.condition}")
    return out


def _secondary(a: Analysis) -> list[dict[str, Any]]:
    return [
        {"m": m, "ci": secondary_ci(m), "delta": secondary_delta(m), "status": secondary_status(m)}
        for m in a.inputs.evaluation.secondary_metrics
    ]


def context(a: Analysis, parts: DraftParts | None = None) -> dict[str, Any]:
    """Everything the templates read; no template computes a figure itself."""
    # ``draft --engine llm`` imports this module before its requests go out, and renders only
    # once they are out: what only rendering reads loads then.
    # lazy: as above
    from dcrdraft.analysis.charts import charts_for
    from dcrdraft.inputs.signing import signing_view  # lazy: as above

    parts = parts or DraftParts()
    i = a.inputs
    expanded = parts.risks or {}

    def risk_of(rv: RiskView) -> Risk:
        return expanded.get(rv.label, rv.risk)

    letters = list(string.ascii_uppercase[2:]) + [f"Z{n}" for n in range(1, 100)]
    decision = i.recommendation.decision
    signing = signing_view(i)
    return {
        "a": a,
        "parts": parts,
        "risk_of": risk_of,
        "owner_text": _owner_text,
        "secondary": _secondary(a),
        "conditions_list": _conditions(a),
        "decision_label": DECISION_LABEL.get(decision or ""),
        "decision_sentence": DECISION_SENTENCE.get(decision or ""),
        "trigger_label": TRIGGER_LABEL,
        "signed": sum(1 for st in signing.states if st.status != "stale"
                      and st.signoff.name and st.signoff.decision and st.signoff.date),
        "matrix": RISK_MATRIX,
        "appendix_letters": letters,
        "charts": charts_for(a),
        "signing": signing,
    }


def render_markdown(a: Analysis, parts: DraftParts | None = None) -> str:
    """The whole DCR as Markdown."""
    text = _env().get_template("dcr.md.j2").render(context(a, parts))
    return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse the blank-line runs that conditional template blocks leave behind."""
    out: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line.startswith("#") and out and out[-1]:
            out.append("")  # a heading always follows a blank line
        elif out and out[-1].startswith("#") and line:
            out.append("")  # ... and is followed by one
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    return "\n".join(out).strip() + "\n"


def draft_markdown(inputs: Inputs) -> str:
    """The template engine's Markdown draft of ``inputs`` (what the reviewer reads for inputs)."""
    return render_markdown(analyse(inputs))


def draft(inputs: Inputs, *, fmt: Format = "md", parts: DraftParts | None = None,
          engine: str = "template") -> DraftResult:
    """Draft a DCR in ``fmt`` from ``inputs``, with engine-supplied ``parts`` if any."""
    a = analyse(inputs)
    text = render_markdown(a, parts)
    if fmt == "html":
        from dcrdraft.analysis.charts import charts_for  # lazy: as in context()
        # lazy: markdown-it is needed only for HTML output
        from dcrdraft.render.html import markdown_to_html

        title = f"Deployment Clearance Report: {inputs.system.name}"
        text = markdown_to_html(text, title=title, charts=charts_for(a).all)
    return DraftResult(text=text, engine=engine, analysis=a)
