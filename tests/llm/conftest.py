"""Fixtures for the LLM tests: a clean environment, offline tiktoken, an isolated cache."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from dcrdraft.analysis.core import Analysis, analyse
from dcrdraft.inputs.loader import load, load_text
from dcrdraft.llm import tokens
from dcrdraft.llm.settings import LLMSettings

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE))

SUMMARY = """**What the system is.** The Customer Support Chatbot answers routine product questions for SaaS customers and escalates complex problems to human agents. It is meant to cut response time for standard questions from 4 hours to under 30 seconds.

**How well it works.** Task completion rate is 89% on the test set and 86% on the production sample, against a 76% baseline (+13 points and +10 points) and an 85% threshold: PASS.

**What could go wrong.** Factual errors about product features occur in 2.3% of responses, and 4% of production queries are escalated wrongly. Mitigations are set out in the risk register.

**What must be true.** No monitoring thresholds or rollback triggers are defined yet.

**Recommendation.** We recommend approval with conditions, which are not yet listed."""

RISK: dict[str, Any] = {
    "description": "In 2.3% of responses the chatbot gives outdated or inaccurate product "
                   "information, and customers act on it.",
    "mitigations": ["Rebuild the knowledge base from the product documentation on every release",
                    "Support agents grade a weekly sample of chatbot answers"],
    "residual_risk": "low",
    "residual_note": "Errors remain possible between releases.",
    "monitoring": "Factual error rate on the weekly graded sample; the alert threshold is not yet defined.",
    "escalation": "When the factual error rate exceeds 2.3%, escalate to the support lead.",
    "review_cadence": "Weekly for the first month, then monthly.",
}

RISK2: dict[str, Any] = {
    "description": "In 4% of production queries the chatbot escalates a simple question or keeps "
                   "a complex one, so customers wait or get no human help.",
    "mitigations": ["Route every request the chatbot rates as ambiguous to a human agent",
                    "Support agents review a weekly sample of escalation decisions"],
    "residual_risk": "low",
    "residual_note": "Some ambiguous requests will still be routed wrongly until the sample review catches them.",
    "monitoring": "Incorrect escalation rate on the weekly sample; the alert threshold is not yet defined.",
    "escalation": "When the incorrect escalation rate exceeds 4%, escalate to the support lead.",
    "review_cadence": "Weekly for the first month, then monthly.",
}
"""The reply for the chatbot's second risk (its figures belong to that risk, not the first)."""


def risk_for(prompt: str) -> dict[str, Any]:
    """The scripted risk entry for the risk a prompt asks to expand."""
    return RISK2 if 'Expand risk Risk 2 ' in prompt else RISK


def risk_reply(messages: Any, schema: Any) -> dict[str, Any]:
    """A ``FakeBackend`` reply: the right entry for whichever chatbot risk is asked."""
    return risk_for(next(m.content for m in messages if m.role == "user"))


SEGMENTED = """
system: {name: Triage Bot}
evaluation:
  primary_metric:
    name: Task completion rate
    results: [{dataset: Test set, value: 91%, n: 500}]
    baseline: 80%
    threshold: 85%
  segments:
    - {name: Spanish queries, task_completion: 62%, n: 120}
    - {name: English queries, task_completion: 95%, n: 380}
risks:
  - {title: Wrong answers in Spanish, evidence: 62% task completion on Spanish queries, severity: high, likelihood: high, segments: [Spanish queries]}
recommendation: {decision: disapprove}
"""


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DCRDRAFT_MODEL", "OPENAI_API_BASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    tokens.reset()

    def offline(name: str) -> Any:
        raise ConnectionError("offline in tests")

    import tiktoken

    monkeypatch.setattr(tiktoken, "get_encoding", offline)


@pytest.fixture
def chatbot() -> Analysis:
    return analyse(load(ROOT / "fixtures" / "chatbot.yaml"))


@pytest.fixture
def segmented() -> Analysis:
    return analyse(load_text(SEGMENTED, "segmented.yaml"))


@pytest.fixture
def settings() -> LLMSettings:
    return LLMSettings(cache=False, max_attempts=3)
