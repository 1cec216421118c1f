"""Prompt files in ``prompts/`` rendered through one strict Jinja environment from typed inputs.

Each template has one pydantic inputs model; a missing or misspelt variable fails before any
request (``StrictUndefined``), and golden-render tests make every prompt change a diff.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment
from pydantic import BaseModel, ConfigDict

from dcrdraft.llm.backend import Message
from dcrdraft.paths import prompts_dir
from dcrdraft.templating import bytecode_cache, environment


class PromptInputs(BaseModel):
    """Base of every prompt's inputs: frozen, unknown fields rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class SystemPrompt(PromptInputs):
    """``system.j2``: the drafter's standing rules."""

    system_name: str
    """The system the DCR clears."""


class SummaryPrompt(PromptInputs):
    """``summary.j2``: the executive summary in five paragraphs."""

    system_name: str
    leadins: list[str]
    """The five paragraph lead-ins, in order."""
    data: str
    """The inputs as delimited JSON."""
    primary: list[str]
    """Computed primary-metric figures to quote."""
    secondary: list[str]
    """Computed secondary-metric figures to quote."""
    top_risks: list[str]
    failures: list[str]
    """Segments below their threshold (every one must be named)."""
    conditions: list[str]
    decision: str | None
    gaps: list[str]


class RiskPrompt(PromptInputs):
    """``risk.j2``: one risk expanded into a register entry."""

    label: str
    title: str
    data: str
    """The risk as delimited JSON."""
    context: list[str]
    """Computed figures and facts the entry may quote."""
    monitoring: list[str]
    """Monitoring thresholds and rollback triggers the inputs define."""
    system_name: str


class ReaskPrompt(PromptInputs):
    """``reask.j2``: what was wrong with the previous reply."""

    unsupported: list[str]
    """Claims not found in the data (figures, dates, IDs, names)."""
    problems: list[str]
    """Self-review and format problems."""


class JudgeItem(PromptInputs):
    code: str
    name: str
    question: str
    status: str


class JudgeSystemPrompt(PromptInputs):
    """``judge_system.j2``: the review judge's standing rules."""


class JudgePrompt(PromptInputs):
    """``judge.j2``: checklist items to judge against a delimited document."""

    items: list[JudgeItem]
    document: str
    """The document under review, numbered by line, delimited as untrusted data."""


PROMPTS: dict[str, type[PromptInputs]] = {
    "system.j2": SystemPrompt,
    "summary.j2": SummaryPrompt,
    "risk.j2": RiskPrompt,
    "reask.j2": ReaskPrompt,
    "judge_system.j2": JudgeSystemPrompt,
    "judge.j2": JudgePrompt,
}


@lru_cache(maxsize=4)
def _env(folder: str) -> Environment:
    # Compiled prompts are cached like the draft's templates: compiling them is ~10 ms of each
    # draft's time before its first request.
    return environment(Path(folder), bytecode_cache=bytecode_cache())


def render(name: str, inputs: PromptInputs) -> str:
    """Render prompt ``name`` from its typed inputs model."""
    expected = PROMPTS[name]
    if type(inputs) is not expected:
        raise TypeError(f"{name} renders from {expected.__name__}, not {type(inputs).__name__}")
    context = {field: getattr(inputs, field) for field in type(inputs).model_fields}
    text = _env(str(prompts_dir())).get_template(name).render(context)
    return text.strip() + "\n"


def messages(system: PromptInputs, user: PromptInputs, system_name: str = "system.j2",
             user_name: str | None = None) -> list[Message]:
    """A system and a user message from two prompt files."""
    names = {v: k for k, v in PROMPTS.items()}
    return [
        Message("system", render(system_name, system)),
        Message("user", render(user_name or names[type(user)], user)),
    ]
