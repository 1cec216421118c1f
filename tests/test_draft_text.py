"""Wording the template engine computes: direction-aware segment marks, articles, conditions."""

from __future__ import annotations

from dcrdraft.draft import _article, draft
from dcrdraft.inputs.loader import load

from .conftest import FIXTURES


def test_error_rate_segment_is_marked_above_its_threshold() -> None:
    text = draft(load(FIXTURES / "inputs" / "complete-support-agent.yaml")).text
    assert "**4.2% ▲ above threshold**" in text  # hallucination: lower is better
    assert "**71% ▼ below threshold**" in text  # task completion: higher is better
    assert "Hallucination rate 4.2%, above the 4% threshold" in text


def test_conditions_read_as_sentences() -> None:
    text = draft(load(FIXTURES / "inputs" / "complete-support-agent.yaml")).text
    assert "(2) Monitoring of Task completion rate, which must stay above 85%, over a 4-hour" in text
    assert "over an 8-hour rolling window" in text
    assert "(5) Automatic rollback: Task completion below 82%" in text


def test_article() -> None:
    assert [_article(w) for w in ("8-hour", "4-hour", "11-day", "hourly", "daily", "one-week")] \
        == ["an", "a", "an", "an", "a", "a"]
