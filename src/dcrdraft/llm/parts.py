"""One drafted part (a risk entry here; the summary in ``summary``): ask, check, re-ask, or
fall back.

A part's loop: render its prompt, make a request within the token budget, check the reply
for unsupported claims (grounding) and for what self-review wants, and re-ask with the list of
problems, up to ``max_attempts``; if it still fails, the template's text stands.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from dcrdraft.analysis.core import Analysis, Gap, RiskView
from dcrdraft.inputs.model import Risk
from dcrdraft.llm import facts, prompts
from dcrdraft.llm.backend import (Backend, BackendError, Cancelled, Incomplete, Message,
                                  OutputInvalid, Usage)
from dcrdraft.llm.schemas import RiskEntry
from dcrdraft.llm.selfreview import risk_problems
from dcrdraft.llm.tokens import TokenCounter

if TYPE_CHECKING:
    from dcrdraft.analysis.binding import Subject
    from dcrdraft.analysis.guard import Guard

RISK_FIELDS = ("description", "mitigations", "residual_risk", "residual_note", "monitoring",
               "escalation", "review_cadence")

OnToken = Callable[[str], None]


@dataclass
class PartReport:
    """How one part was drafted: the ``--report`` entry."""

    part: str
    kind: Literal["summary", "risk"]
    engine: Literal["llm", "template", "inputs"] = "template"
    attempts: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    tokens_source: Literal["endpoint", "tiktoken", "estimate", "none"] = "none"
    violations: list[str] = field(default_factory=list)
    """Unsupported claims found, over all attempts."""
    problems: list[str] = field(default_factory=list)
    """Self-review and format problems found, over all attempts."""
    fallback_reason: str | None = None
    rejected: bool = False
    """True when the LLM's text was refused for grounding or self-review (what --strict fails on)."""
    filled: list[str] = field(default_factory=list)
    """Summary paragraphs (by lead-in) the template wrote because the LLM's was missing or refused."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "part": self.part, "kind": self.kind, "engine": self.engine,
            "attempts": self.attempts, "tokens_in": self.tokens_in,
            "tokens_out": self.tokens_out, "tokens_source": self.tokens_source,
            "grounding_violations": self.violations, "self_review_problems": self.problems,
            "fallback_reason": self.fallback_reason,
            **({"filled_from_template": self.filled} if self.kind == "summary" else {}),
        }


@dataclass
class Context:
    """What every part of one draft shares."""

    analysis: Analysis
    backend: Backend
    counter: TokenCounter
    max_attempts: int
    cancel: threading.Event
    _guard: Guard | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def guard(self) -> Guard:
        """The claims check of this draft, built on first use: no request waits for it, and
        drafting builds it while the requests are out (``draft_parts``)."""
        with self._lock:
            if self._guard is None:
                # lazy: the claims check loads once the requests are out, not before them
                from dcrdraft.analysis.guard import Guard

                self._guard = Guard(self.analysis)
            return self._guard


def make_context(a: Analysis, backend: Backend, counter: TokenCounter, max_attempts: int,
                 cancel: threading.Event) -> Context:
    return Context(a, backend, counter, max_attempts, cancel)


def gap_lines(gaps: list[Gap]) -> str:
    return "\n\n".join(
        f"> **Gap:** {g.what}" + (f" — needed for {g.needed_for}" if g.items else "") for g in gaps
    )


# -- risks ----------------------------------------------------------------------------------


def needs_expansion(r: Risk) -> bool:
    """Whether any register field the LLM fills is missing from the inputs."""
    return any(not getattr(r, f) for f in RISK_FIELDS) or len(r.mitigations) < 2


def risk_messages(a: Analysis, rv: RiskView) -> list[Message]:
    i = a.inputs
    r = rv.risk
    context = [facts.risk_fact(rv), *facts.primary_facts(a), *facts.secondary_facts(a)]
    context += [f for f in facts.failure_facts(a) if any(s.lower() in f.lower() for s in r.segments)]
    user = prompts.RiskPrompt(
        label=rv.label,
        title=r.title,
        data=facts.delimited(r.model_dump(mode="json", exclude_none=True)),
        context=context,
        monitoring=facts.condition_facts(a),
        system_name=i.system.name,
    )
    return prompts.messages(prompts.SystemPrompt(system_name=i.system.name), user)


def merge_risk(r: Risk, entry: RiskEntry) -> Risk:
    """The risk with the fields the inputs lack filled from ``entry``; given fields stand."""
    update = {f: getattr(entry, f) for f in RISK_FIELDS if not getattr(r, f)}
    if len(r.mitigations) < 2:
        update["mitigations"] = entry.mitigations
    return r.model_copy(update=update)


def generated_text(r: Risk, original: Risk) -> str:
    """The text of the fields that came from the model (what grounding checks)."""
    parts: list[str] = []
    for f in RISK_FIELDS:
        value = getattr(r, f)
        if value != getattr(original, f):
            parts += value if isinstance(value, list) else [str(value)]
    return "\n".join(parts)


# -- the loop -------------------------------------------------------------------------------


class _Attempt:
    """Accumulates usage and problems while a part is asked and re-asked."""

    def __init__(self, ctx: Context, report: PartReport) -> None:
        self.ctx = ctx
        self.report = report

    def account(self, messages: list[Message], usage: Usage, reply: str) -> None:
        rep = self.report
        if usage.input_tokens or usage.output_tokens:
            rep.tokens_in += usage.input_tokens
            rep.tokens_out += usage.output_tokens
            rep.tokens_source = "endpoint"
        else:
            rep.tokens_in += self.ctx.counter.count_messages(messages)
            rep.tokens_out += self.ctx.counter.count(reply)
            if rep.tokens_source == "none":
                rep.tokens_source = "tiktoken" if self.ctx.counter.exact else "estimate"


def reask(messages: list[Message], reply: str, unsupported: list[str],
          problems: list[str]) -> list[Message]:
    feedback = prompts.render("reask.j2", prompts.ReaskPrompt(unsupported=unsupported,
                                                               problems=problems))
    return [*messages, Message("assistant", reply), Message("user", feedback)]


def briefer(messages: list[Message], cut_at: int) -> list[Message]:
    """``messages`` asking for a shorter reply than one that was cut off (not carrying it)."""
    note = (f"\n\nYour previous reply was cut off after about {cut_at} tokens before it ended. "
            "Reply again, complete and shorter: keep every sentence brief.")
    last = messages[-1]
    return [*messages[:-1], Message(last.role, last.content + note)]


def run_part(ctx: Context, report: PartReport, messages: list[Message],
             attempt_once: Callable[[list[Message]], tuple[str, Usage, Any]],
             check: Callable[[Any], tuple[list[str], list[str]]],
             on_retry: Callable[[str], None] | None = None) -> Any:
    """Ask until ``check`` finds nothing, or give up; returns the accepted value or None.

    A re-ask is the first prompt plus the last reply and what was wrong with it, so prompts
    do not grow with attempts; a reply that was cut off is never carried.
    """
    acc = _Attempt(ctx, report)
    base = ctx.counter.fit(messages)
    messages = base
    for n in range(1, ctx.max_attempts + 1):
        if ctx.cancel.is_set():
            raise Cancelled("interrupted")
        messages = ctx.counter.fit(messages)
        if not ctx.counter.fits(messages):
            report.fallback_reason = (f"prompt of {ctx.counter.count_messages(messages)} tokens "
                                      f"exceeds the {ctx.counter.budget}-token budget")
            return None
        report.attempts = n
        try:
            reply, usage, value = attempt_once(messages)
        except OutputInvalid as exc:
            acc.account(messages, exc.usage, exc.text)
            report.problems.append(exc.message)
            report.fallback_reason = f"invalid reply: {exc.message}"
            if on_retry:
                on_retry(exc.message)
            messages = reask(base, exc.text, [], [exc.message])
            continue
        except Incomplete as exc:
            acc.account(messages, exc.usage, exc.text)
            report.problems.append(f"incomplete reply: {exc.message}")
            report.fallback_reason = f"incomplete reply: {exc.message}"
            if on_retry:
                on_retry(exc.message)
            cut = exc.usage.output_tokens or ctx.counter.count(exc.text)
            messages = briefer(base, cut) if exc.reason == "length" else base
            continue
        except BackendError as exc:
            report.fallback_reason = f"endpoint failed: {exc.message}"
            return None
        acc.account(messages, usage, reply)
        unsupported, problems = check(value)
        if not unsupported and not problems:
            report.engine = "llm"
            report.fallback_reason = None
            return value
        report.violations += [c for c in unsupported if c not in report.violations]
        report.problems += [p for p in problems if p not in report.problems]
        report.rejected = True
        report.fallback_reason = (
            "unsupported claims: " + ", ".join(unsupported) if unsupported
            else "self-review: " + "; ".join(problems)
        )
        if on_retry:
            on_retry(report.fallback_reason)
        messages = reask(base, reply, unsupported, problems)
    return None


def draft_risk(ctx: Context, rv: RiskView) -> tuple[Risk | None, PartReport]:
    report = PartReport(rv.label, "risk")
    if not needs_expansion(rv.risk):
        report.engine = "inputs"
        return None, report

    def once(messages: list[Message]) -> tuple[str, Usage, Any]:
        out = ctx.backend.complete(messages, RiskEntry)
        assert isinstance(out.value, RiskEntry)
        return out.text, out.usage, merge_risk(rv.risk, out.value)

    @cache
    def own() -> set[Subject]:
        return ctx.guard.own_subjects(rv)

    def check(risk: Risk) -> tuple[list[str], list[str]]:
        text = generated_text(risk, rv.risk)
        claims = ctx.guard.claims(text, own())
        return [str(c) for c in claims], risk_problems(ctx.analysis, rv.label, risk, rv.risk)

    risk = run_part(ctx, report, risk_messages(ctx.analysis, rv), once, check)
    return risk, report
