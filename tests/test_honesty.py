"""The honesty property: a draft states no figure or date that is not in its inputs or
computed from them, whatever the inputs are."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcrdraft.analysis.core import analyse
from dcrdraft.draft import draft, render_markdown
from dcrdraft.analysis.grounding import allowed_figures, strip_structure, unsupported_figures
from dcrdraft.inputs.model import Inputs

from .conftest import FIXTURES

_ALPHA = st.characters(codec="utf-8", categories=("Lu", "Ll", "Nd", "Zs"), exclude_characters="\x00")
text = st.text(_ALPHA, min_size=1, max_size=30).map(str.strip).filter(bool)
maybe_text = st.none() | text
rate = st.integers(0, 10000).map(lambda x: x / 10000)
n = st.none() | st.integers(1, 100000)
date = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
level = st.sampled_from(["low", "medium", "high", "critical"])
likelihood = st.sampled_from(["low", "medium", "high"])


@st.composite
def inputs(draw: Any) -> Inputs:
    metric = draw(text.filter(lambda t: t.lower() not in ("n", "name", "note", "other")))
    start = draw(date)
    data: dict[str, Any] = {
        "system": {"name": draw(text), "version": draw(maybe_text), "summary": draw(maybe_text),
                   "users": draw(maybe_text), "business_case": draw(maybe_text),
                   "risk_tier": draw(st.none() | likelihood)},
        "document": {"author": draw(maybe_text),
                     "eval_period": draw(st.none() | st.just({"start": start, "end": start + dt.timedelta(days=draw(st.integers(0, 90)))})),
                     "approval_date": draw(st.none() | date)},
        "evaluation": {
            "methodology": draw(maybe_text),
            "datasets": draw(st.lists(st.fixed_dictionaries({"name": text, "size": n}), max_size=3)),
            "primary_metric": draw(st.none() | st.fixed_dictionaries({
                "name": st.just(metric),
                "results": st.lists(st.fixed_dictionaries({"dataset": text, "value": rate, "n": n}), max_size=3),
                "baseline": st.none() | st.fixed_dictionaries({"label": maybe_text, "value": rate}),
                "threshold": st.none() | rate,
                "higher_is_better": st.booleans(),
            })),
            "secondary_metrics": draw(st.lists(st.fixed_dictionaries({
                "name": text, "value": rate | text, "n": n, "baseline": st.none() | rate,
                "threshold": st.none() | rate, "higher_is_better": st.booleans()}), max_size=3)),
            "segments": draw(st.lists(st.fixed_dictionaries(
                {"name": text, "n": n, metric.lower(): rate, "other": rate}), max_size=4)),
            "failure_modes": draw(st.lists(text, max_size=2)),
        },
        "risks": draw(st.lists(st.fixed_dictionaries({
            "title": text, "id": maybe_text, "severity": st.none() | level,
            "likelihood": st.none() | likelihood, "evidence": maybe_text,
            "mitigations": st.lists(text, max_size=3), "residual_risk": st.none() | level,
            "owner": st.none() | st.fixed_dictionaries({"name": maybe_text, "role": maybe_text}),
        }), max_size=6)),
        "deployment": {
            "monitoring": draw(st.lists(st.fixed_dictionaries({
                "metric": text, "threshold": st.none() | rate, "window": maybe_text,
                "red": maybe_text, "direction": st.sampled_from(["above", "below"])}), max_size=3)),
            "rollback_triggers": draw(st.lists(st.fixed_dictionaries({
                "type": st.sampled_from(["automatic", "manual", "incident"]), "condition": text}), max_size=3)),
            "rollback_procedure": draw(st.none() | st.fixed_dictionaries(
                {"description": maybe_text, "tested": st.booleans(), "tested_on": st.none() | date})),
        },
        "signoffs": draw(st.lists(st.fixed_dictionaries({
            "role": text, "name": maybe_text, "date": st.none() | date,
            "decision": st.none() | st.sampled_from(["approve", "approve-with-conditions", "disapprove", "reject"])}), max_size=5)),
        "recommendation": {"decision": draw(st.none() | st.sampled_from(["approve", "approve-with-conditions", "disapprove"])),
                           "conditions": draw(st.lists(st.fixed_dictionaries({"condition": text, "due": st.none() | date}), max_size=2))},
    }
    return Inputs.model_validate(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inputs())
def test_every_figure_in_a_draft_is_grounded(inp: Inputs) -> None:
    result = draft(inp)
    allowed = allowed_figures(result.analysis)
    assert unsupported_figures(strip_structure(result.text), allowed) == []
    html = draft(inp, fmt="html").text
    assert unsupported_figures(strip_structure(html_text(html)), allowed) == []


def html_text(html: str) -> str:
    """Visible text of the HTML draft (tags and CSS dropped)."""
    import re

    body = html.split("<body>", 1)[1]
    return re.sub(r"<[^>]+>", " ", body)


def test_checker_catches_an_invented_figure() -> None:
    # The property above is only as strong as this: a made-up figure must be flagged.
    from dcrdraft.inputs.loader import load

    a = analyse(load(FIXTURES / "chatbot.yaml"))
    text = render_markdown(a)
    allowed = allowed_figures(a)
    assert unsupported_figures(strip_structure(text), allowed) == []
    for invented in ("Task completion reached 97.3%.", "Rollback within 45 minutes.",
                     "Signed on 2026-11-02.", "It served 2,101 users.", "+14 points"):
        found = unsupported_figures(strip_structure(text + "\n" + invented + "\n"), allowed)
        assert found, invented


def test_computed_figures_are_grounded_but_only_as_computed() -> None:
    from dcrdraft.inputs.loader import load

    a = analyse(load(FIXTURES / "chatbot.yaml"))
    allowed = allowed_figures(a)
    assert {"85.6", "91.6", "13", "10"} <= allowed  # Wilson bounds and deltas of the chatbot
    assert "85.7" not in allowed
