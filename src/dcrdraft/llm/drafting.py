"""``draft_parts``: the LLM engine's summary and risk entries, drafted concurrently.

The summary and every risk entry are independent, so they run at once (each in its own
daemon thread, with requests in flight bounded by ``max_concurrency``): with a slow endpoint
a draft takes about as long as its longest chain of re-asks, not the sum of its requests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from dcrdraft.analysis.core import Analysis
from dcrdraft.draft import DraftParts
from dcrdraft.errors import ExitCode, LLMError
from dcrdraft.inputs.model import Risk
from dcrdraft.llm.backend import Backend, Cancelled, Completion, Message, T, TextStream
from dcrdraft.llm.cache import CachedBackend
from dcrdraft.llm.parts import OnToken, PartReport, draft_risk, draft_summary, make_context
from dcrdraft.llm.settings import LLMSettings
from dcrdraft.llm.tokens import TokenCounter


@dataclass
class LLMDraftOutcome:
    """The parts the LLM wrote (None where the template's text stands), warnings and report."""

    summary: list[str] | None
    risks: dict[str, Risk]
    warnings: list[str] = field(default_factory=list)
    parts: list[PartReport] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def draft_parts(self) -> Any:
        """As ``dcrdraft.draft.DraftParts``."""
        return DraftParts(summary=self.summary, risks=self.risks or None)

    @property
    def rejected(self) -> list[PartReport]:
        """Parts whose LLM text failed grounding or self-review and fell back."""
        return [p for p in self.parts if p.engine == "template" and p.rejected]

    def exit_code(self, strict: bool) -> ExitCode:
        """STRICT_FAILED under ``--strict`` when a part's text was rejected, else OK."""
        return ExitCode.STRICT_FAILED if strict and self.rejected else ExitCode.OK

    def report(self) -> dict[str, Any]:
        """The ``--report`` JSON (no secrets: the endpoint is shown without credentials)."""
        return {**self.meta, "warnings": self.warnings, "parts": [p.to_dict() for p in self.parts]}


class _Bounded:
    """Lets at most ``n`` requests be in flight and counts those that reach the endpoint."""

    def __init__(self, inner: Backend, n: int) -> None:
        self.inner = inner
        self.model = inner.model
        self._slots = threading.BoundedSemaphore(n)
        self._lock = threading.Lock()
        self.requests = 0

    def _count(self) -> None:
        with self._lock:
            self.requests += 1

    def complete(self, messages: Sequence[Message], schema: type[T]) -> Completion:
        with self._slots:
            self._count()
            return self.inner.complete(messages, schema)

    def stream(self, messages: Sequence[Message]) -> TextStream:
        self._slots.acquire()
        try:
            self._count()
            inner = self.inner.stream(messages)
        except BaseException:
            self._slots.release()
            raise
        out = TextStream(iter(()), inner.usage)

        def chunks() -> Iterator[str]:
            try:
                yield from inner
            finally:
                self._slots.release()

        out.chunks = chunks()
        return out


def make_backend(settings: LLMSettings, cancel: threading.Event) -> Backend:
    """The real backend for ``settings`` (imports LangChain)."""
    try:
        # lazy: LangChain and OpenAI are imported only when a real backend is made
        from dcrdraft.llm.openai_backend import OpenAIBackend
    except ImportError as exc:
        raise LLMError(f"the LLM engine needs its libraries ({exc.name} is missing): "
                       "pip install 'dcrdraft[llm]'") from None

    return OpenAIBackend(settings, cancel=cancel)


def draft_parts(
    analysis: Analysis,
    settings: LLMSettings,
    *,
    on_token: OnToken | None = None,
    cancel: threading.Event | None = None,
    backend: Backend | None = None,
) -> LLMDraftOutcome:
    """Draft the summary and expand the risks with the LLM; parts that fail fall back to None."""
    cancel = cancel or threading.Event()
    real = backend if backend is not None else make_backend(settings, cancel)
    bounded = _Bounded(real, settings.max_concurrency)
    used: Backend = bounded
    cached = None
    if settings.cache:
        cached = CachedBackend(bounded, settings.cache_params(), settings.cache_dir)
        used = cached
    counter = TokenCounter(settings.model)
    ctx = make_context(analysis, used, counter, settings.max_attempts, cancel)
    started = time.monotonic()

    results: dict[str, Any] = {}
    errors: list[BaseException] = []

    def run(key: str, fn: Callable[..., tuple[Any, PartReport]], *args: Any) -> None:
        try:
            results[key] = fn(ctx, *args)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            errors.append(exc)

    # (result key, part drafter, its argument after the context): a summary or one risk.
    jobs: list[tuple[str, Callable[..., tuple[Any, PartReport]], object]] = [
        ("summary", draft_summary, on_token)]
    jobs += [(f"risk:{rv.label}", draft_risk, rv) for rv in analysis.risks]
    threads = [threading.Thread(target=run, args=job, daemon=True, name=f"dcrdraft-{job[0]}")
               for job in jobs]
    for t in threads:
        t.start()
    try:
        for t in threads:
            while t.is_alive():
                t.join(0.05)
    except BaseException:
        cancel.set()  # workers stop at their next check; nothing has been written
        raise
    if errors:
        cancel.set()
        raise errors[0]
    if cancel.is_set():
        raise Cancelled("interrupted")

    summary, summary_report = results["summary"]
    outcome = LLMDraftOutcome(summary=summary, risks={}, parts=[summary_report])
    for rv in analysis.risks:
        risk, rep = results[f"risk:{rv.label}"]
        outcome.parts.append(rep)
        if risk is not None:
            outcome.risks[rv.label] = risk
    for p in outcome.parts:
        if p.engine == "template":
            dropped = f" (dropped: {', '.join(p.violations)})" if p.violations else ""
            outcome.warnings.append(
                f"{p.part}: using the template's text; LLM {p.fallback_reason or 'failed'}{dropped}"
                if not p.violations else
                f"{p.part}: using the template's text; the LLM's draft made unsupported claims{dropped}"
            )
    outcome.warnings += counter.warnings
    method = getattr(real, "method", settings.structured_output)
    if method != settings.structured_output:
        outcome.warnings.append(
            f"the endpoint does not accept {settings.structured_output} structured output; used {method}"
        )
    outcome.meta = {
        "engine": "llm",
        "model": settings.model,
        "endpoint": settings.endpoint,
        "structured_output": method,
        "requests": bounded.requests,
        "cache_hits": cached.hits if cached else 0,
        "cache": bool(settings.cache),
        "seconds": round(time.monotonic() - started, 3),
        "tokens_in": sum(p.tokens_in for p in outcome.parts),
        "tokens_out": sum(p.tokens_out for p in outcome.parts),
    }
    return outcome
