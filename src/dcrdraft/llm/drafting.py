"""``draft_parts``: the LLM engine's summary and risk entries, drafted concurrently.

The summary and every risk entry are independent, so they run at once (each in its own
daemon thread, with requests in flight bounded by ``max_concurrency``): with a slow endpoint
a draft takes about as long as its longest chain of re-asks, not the sum of its requests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from dcrdraft.analysis.core import Analysis
from dcrdraft.errors import ExitCode, LLMError
from dcrdraft.inputs.model import Risk
from dcrdraft.llm.backend import (Backend, BackendError, CallStats, Cancelled, Completion,
                                  Incomplete, Message, T, TextStream)
from dcrdraft.llm.cache import CachedBackend
from dcrdraft.llm.parts import OnToken, PartReport, draft_risk, make_context
from dcrdraft.llm.schemas import RiskEntry
from dcrdraft.llm.settings import LLMSettings
from dcrdraft.llm.summary import draft_summary
from dcrdraft.llm.tokens import TokenCounter, context_window, known_context


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
        # lazy: the template engine is not needed before the requests go out
        from dcrdraft.draft import DraftParts

        return DraftParts(summary=self.summary, risks=self.risks or None)

    wire: dict[str, CallStats] = field(default_factory=dict)
    """Per part: HTTP attempts, the structured-output method, methods the endpoint refused."""
    seconds: dict[str, float] = field(default_factory=dict)
    """Per part: wall time from its first request to its outcome."""

    @property
    def rejected(self) -> list[PartReport]:
        """Parts whose LLM text failed grounding or self-review and fell back."""
        return [p for p in self.parts if p.rejected and (p.engine == "template" or p.filled)]

    @property
    def fell_back(self) -> list[PartReport]:
        """Parts where the template's text stands, for any reason (what ``--strict`` fails on)."""
        return [p for p in self.parts if p.engine == "template" or p.filled]

    def exit_code(self, strict: bool) -> ExitCode:
        """STRICT_FAILED under ``--strict`` when any part fell back, else OK."""
        return ExitCode.STRICT_FAILED if strict and self.fell_back else ExitCode.OK

    def report(self) -> dict[str, Any]:
        """The ``--report`` JSON (no secrets: the endpoint is shown without credentials)."""
        parts = []
        for p in self.parts:
            w = self.wire.get(p.part, CallStats())
            parts.append({**p.to_dict(), "method": w.method, "http_attempts": w.http_attempts,
                          "methods_refused": w.refused, "seconds": self.seconds.get(p.part)})
        return {**self.meta, "warnings": self.warnings, "parts": parts}


class _Departures:
    """The part threads that have not yet sent their first request (nor finished).

    The warm-up waits for them, bounded: it competes with their prompt building for the
    interpreter, so starting it at once would send every request later.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._waiting = set(names)
        self._cond = threading.Condition()

    def leave(self) -> None:
        """The calling part thread is asking the endpoint (or queued to), or has finished."""
        with self._cond:
            self._waiting.discard(threading.current_thread().name)
            if not self._waiting:
                self._cond.notify_all()

    def wait(self, timeout: float) -> None:
        """Until every part thread has left, or ``timeout`` seconds."""
        with self._cond:
            self._cond.wait_for(lambda: not self._waiting, timeout)


class _Gate:
    """Bounds the requests in flight, and turns serial when the endpoint cannot keep up.

    Local servers (llama.cpp, llama-cpp-python) compute one reply at a time: concurrent
    requests queue until they time out, and a streamed reply can end early when another one
    arrives. After the first timeout or interrupted stream the rest runs one request at a
    time with the longer ``serial_timeout``, and the request that timed out is asked once more.
    """

    def __init__(self, inner: Backend, settings: LLMSettings,
                 notify: Callable[[str], None] | None = None) -> None:
        self.inner = inner
        self.model = inner.model
        self.settings = settings
        self.notify = notify
        self._limit = settings.max_concurrency
        self._active = 0
        self._cond = threading.Condition()
        self.serial_reason: str | None = None
        self.calls = 0
        self.departures: _Departures | None = None

    @property
    def method(self) -> Any:
        return getattr(self.inner, "method", None)

    def _acquire(self) -> bool:
        """Wait for a slot; True when the request goes out in serial mode."""
        if self.departures is not None:
            self.departures.leave()
        with self._cond:
            while self._active >= (1 if self.serial_reason else self._limit):
                self._cond.wait(0.1)
            self._active += 1
            self.calls += 1
            return self.serial_reason is not None

    def _release(self) -> None:
        with self._cond:
            self._active -= 1
            self._cond.notify_all()

    def go_serial(self, why: str) -> bool:
        """Run the rest one request at a time with a longer timeout; False if it already does."""
        with self._cond:
            if self.serial_reason is not None:
                return False
            self.serial_reason = why
        timeout = self.settings.serial_timeout
        set_timeout = getattr(self.inner, "set_timeout", None)
        if set_timeout is not None:
            set_timeout(timeout)
        if self.notify is not None:
            self.notify(f"dcrdraft: the endpoint {why}; running the remaining requests one at "
                        f"a time with a {timeout:g} s timeout")
        return True

    def _again(self, exc: BackendError, serial: bool) -> bool:
        """Whether a request that failed with ``exc`` is asked again, now serially.

        Only a timeout of a request sent while requests still ran concurrently: it may have
        waited in the server's queue (another part may have turned the draft serial since).
        """
        if exc.kind != "timeout" or serial:
            return False
        self.go_serial("timed out")
        return True

    def complete(self, messages: Sequence[Message], schema: type[T]) -> Completion:
        while True:
            serial = self._acquire()
            try:
                return self.inner.complete(messages, schema)
            except BackendError as exc:
                if not self._again(exc, serial):
                    raise
            finally:
                self._release()

    def stream(self, messages: Sequence[Message]) -> TextStream:
        while True:
            serial = self._acquire()
            try:
                inner = self.inner.stream(messages)
                break
            except BackendError as exc:
                self._release()
                if not self._again(exc, serial):
                    raise
            except BaseException:
                self._release()
                raise
        out = TextStream(iter(()), inner.usage)

        def chunks() -> Iterator[str]:
            try:
                yield from inner
            except Incomplete as exc:
                if exc.reason == "interrupted":
                    self.go_serial("ended a streamed reply early")
                raise
            finally:
                self._release()

        out.chunks = chunks()
        return out


WARM_UP_WAIT = 0.5
"""Longest the warm-up waits for the first requests to go out (seconds)."""


def _context_window(settings: LLMSettings, backend: Backend) -> int | None:
    """The configured context window, else the server's for a model the table does not know."""
    if settings.context_window is not None:
        return settings.context_window
    if known_context(settings.model) is not None:
        return None
    probe = getattr(backend, "server_context", None)
    return probe() if probe is not None else None


def make_backend(settings: LLMSettings, cancel: threading.Event) -> Backend:
    """The real backend for ``settings`` (imports LangChain)."""
    try:
        # lazy: LangChain and OpenAI are imported only when a real backend is made
        from dcrdraft.llm.openai_backend import OpenAIBackend
    except ImportError as exc:
        raise LLMError(f"the LLM engine needs its libraries ({exc.name} is missing): "
                       "reinstall dcrdraft: pip install dcrdraft") from None

    return OpenAIBackend(settings, cancel=cancel)


def draft_parts(
    analysis: Analysis,
    settings: LLMSettings,
    *,
    on_token: OnToken | None = None,
    cancel: threading.Event | None = None,
    backend: Backend | None = None,
    notify: Callable[[str], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
) -> LLMDraftOutcome:
    """Draft the summary and expand the risks with the LLM; parts that fail fall back to None.

    ``notify`` receives the one line saying the endpoint is slow and the rest runs serially;
    ``meanwhile`` runs in this thread once the requests are out (work that would otherwise
    wait for them, such as preparing the template engine), after the backend's ``prepare`` (if
    it has one) and the claims check.
    """
    cancel = cancel or threading.Event()
    real = backend if backend is not None else make_backend(settings, cancel)
    gate = _Gate(real, settings, notify)
    used: Backend = gate
    cached = None
    if settings.cache:
        cached = CachedBackend(gate, settings.cache_params(), settings.cache_dir)
        used = cached
    counter = TokenCounter(settings.model, context=_context_window(settings, real))
    ctx = make_context(analysis, used, counter, settings.max_attempts, cancel)
    started = time.monotonic()

    results: dict[str, Any] = {}
    errors: list[BaseException] = []

    seconds: dict[str, float] = {}

    def run(key: str, fn: Callable[..., tuple[Any, PartReport]], *args: Any) -> None:
        t0 = time.monotonic()
        try:
            results[key] = fn(ctx, *args)
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            errors.append(exc)
        finally:
            departures.leave()
        seconds[key] = time.monotonic() - t0

    # (result key, part drafter, its argument after the context): a summary or one risk.
    jobs: list[tuple[str, Callable[..., tuple[Any, PartReport]], object]] = [
        ("summary", draft_summary, on_token)]
    jobs += [(f"risk:{rv.label}", draft_risk, rv) for rv in analysis.risks]
    threads = [threading.Thread(target=run, args=job, daemon=True, name=f"dcrdraft-{job[0]}")
               for job in jobs]
    departures = gate.departures = _Departures(t.name for t in threads)
    for t in threads:
        t.start()
    try:
        try:
            departures.wait(WARM_UP_WAIT)
            prepare = getattr(real, "prepare", None)  # what reading the replies needs
            if prepare is not None:
                prepare([RiskEntry])
            ctx.guard  # noqa: B018 - built now, while the requests are out, not after a reply
            if meanwhile is not None:
                meanwhile()
        except Exception:  # noqa: BLE001 - a warm-up only; the real work reports errors
            pass
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
        if p.filled:
            outcome.warnings.append(f"{p.part}: kept {5 - len(p.filled)} of the LLM's five "
                                    f"paragraphs; {p.fallback_reason}"
                                    + (f" (dropped: {', '.join(p.violations)})" if p.violations else ""))
        elif p.engine == "template":
            dropped = f" (dropped: {', '.join(p.violations)})" if p.violations else ""
            outcome.warnings.append(
                f"{p.part}: using the template's text; LLM {p.fallback_reason or 'failed'}{dropped}"
                if not p.violations else
                f"{p.part}: using the template's text; the LLM's draft made unsupported claims{dropped}"
            )
    outcome.warnings += [i.warning for i in ctx.guard.injected]
    outcome.warnings += counter.warnings
    method = getattr(real, "method", settings.structured_output)
    refusals: list[str] = list(getattr(real, "refusals", []))
    if refusals:
        outcome.warnings.append(f"the endpoint refused structured output: {'; '.join(refusals)}; "
                                f"used {method} (remembered for this endpoint and model)")
    stats: dict[str, CallStats] = dict(getattr(real, "stats", {}))
    outcome.wire = {rep.part: stats.get(f"dcrdraft-{key}", CallStats())
                    for key, (_value, rep) in results.items()}
    outcome.seconds = {rep.part: round(seconds.get(key, 0.0), 3)
                       for key, (_value, rep) in results.items()}
    outcome.meta = {
        "engine": "llm",
        "model": settings.model,
        "endpoint": settings.endpoint,
        "structured_output": method,
        "structured_output_setting": settings.structured_output,
        "requests": int(getattr(real, "requests", gate.calls)),
        "calls": gate.calls,
        "concurrency": settings.max_concurrency if gate.serial_reason is None else 1,
        "serial_because": gate.serial_reason,
        "context_window": counter.context or context_window(settings.model),
        "cache_hits": cached.hits if cached else 0,
        "cache": bool(settings.cache),
        "seconds": round(time.monotonic() - started, 3),
        "tokens_in": sum(p.tokens_in for p in outcome.parts),
        "tokens_out": sum(p.tokens_out for p in outcome.parts),
    }
    return outcome
