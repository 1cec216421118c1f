"""Property: an adversarial model that swaps figures between metrics is caught every time.

The fake writes every metric with another metric's figure (a derangement of the values, in
the ways models phrase it); each swapped figure must be reported as bound to the wrong
subject, and the same text with the figures in place must pass.
"""

from __future__ import annotations

import threading
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcrdraft.analysis.core import analyse
from dcrdraft.inputs.model import Inputs
from dcrdraft.llm import draft_parts
from dcrdraft.llm.fake import FakeBackend
from dcrdraft.llm.summary import LEADINS
from dcrdraft.llm.settings import LLMSettings

NAMES = ["Escalation accuracy", "Factual error rate", "Answer relevance", "Refusal rate",
         "Toxicity score", "Retrieval recall", "Citation precision", "Handoff success"]
PHRASINGS = ["{name} is {value}.", "The {name} reached {value}.", "{value} for {name}.",
             "On {name} it scores {value}.", "{name}: {value}."]
DATASETS = ["Holdout set", "Shadow traffic", "Red-team suite"]


@st.composite
def scenario(draw: Any) -> tuple[Inputs, list[int], list[str]]:
    k = draw(st.integers(2, 5))
    names = draw(st.permutations(NAMES))[:k]
    values = draw(st.lists(st.integers(1, 99), min_size=k, max_size=k, unique=True))
    # A derangement: every metric gets another metric's figure.
    order = draw(st.permutations(range(k)).filter(lambda p: all(p[i] != i for i in range(k))))
    phrasing = draw(st.lists(st.sampled_from(PHRASINGS), min_size=k, max_size=k))
    dataset = draw(st.sampled_from(DATASETS))
    joint = draw(st.sampled_from([" ", "; ", ", and ", ", while "]))
    data = {
        "system": {"name": "Helper Bot"},
        "evaluation": {
            "datasets": [{"name": dataset}],
            "secondary_metrics": [{"name": n, "value": f"{v}%", "dataset": dataset}
                                  for n, v in zip(names, values, strict=True)],
        },
    }
    swapped = [phrasing[i].format(name=names[i], value=f"{values[order[i]]}%") for i in range(k)]
    honest = [phrasing[i].format(name=names[i], value=f"{values[i]}%") for i in range(k)]
    return (Inputs.model_validate(data), [values[order[i]] for i in range(k)],
            [joined(swapped, joint), "|", joined(honest, joint)])


def joined(sentences: list[str], joint: str) -> str:
    """Statements as separate sentences, or one sentence joined by ``joint``."""
    if joint == " ":
        return " ".join(sentences)
    return joint.join(s.rstrip(".") for s in sentences) + "."


def summary(sentences: list[str]) -> str:
    body = " ".join(sentences)
    texts = ["Helper Bot answers questions.", body, "No risks are documented.",
             "No monitoring thresholds are defined.", "No decision is recorded."]
    return "\n\n".join(f"**{lead}** {t}" for lead, t in zip(LEADINS, texts, strict=True))


def run(inputs: Inputs, text: str) -> Any:
    fake = FakeBackend().enqueue(text, text, match="executive summary")
    out = draft_parts(analyse(inputs), LLMSettings(cache=False, max_attempts=2),
                      backend=fake, cancel=threading.Event())
    return out.parts[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario())
def test_every_swapped_figure_is_caught(case: tuple[Inputs, list[int], list[str]]) -> None:
    inputs, swapped, texts = case
    cut = texts.index("|")
    rep = run(inputs, summary(texts[:cut]))
    flagged = [v for v in rep.violations if v.startswith("figure ") and "belongs to" in v]
    for value in swapped:
        assert any(v.startswith(f"figure {value} (") for v in flagged), (value, rep.violations)
    assert "How well it works." in rep.filled
    honest = run(inputs, summary(texts[cut + 1:]))
    assert not [v for v in honest.violations if v.startswith("figure")], honest.violations
