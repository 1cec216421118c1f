"""``dcrdraft llm check``: probe an endpoint for what drafting needs, and say how to configure it.

Each probe is one short request with no retries: is the endpoint reachable and the model
listed, which structured-output methods it accepts and answers validly, whether a streamed
reply ends with ``finish_reason`` (also with two requests at once), how long one short reply
takes, and whether tiktoken's encoding is available offline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from dcrdraft.llm.backend import BackendError, Incomplete, Message, OutputInvalid
from dcrdraft.llm.cache import MethodMemory
from dcrdraft.llm.settings import METHODS, LLMSettings, StructuredMethod
from dcrdraft.llm.tokens import TokenCounter, encoding_name, tiktoken_cache_dir

Outcome = Literal["ok", "partial", "fails"]


class Probe(BaseModel):
    """A one-field reply."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)

    answer: str
    """The single word ok."""


PROBE = [Message("system", "You answer in as few words as possible."),
         Message("user", "Reply with the word ok.")]


@dataclass
class Line:
    """One probe's result: what was tried, how it went, and a one-line detail."""

    what: str
    outcome: Outcome
    detail: str = ""
    seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "outcome": self.outcome, "detail": self.detail,
                "seconds": None if self.seconds is None else round(self.seconds, 3)}


@dataclass
class CheckResult:
    """Every probe's line, the method and concurrency to use, and the config lines saying so."""

    lines: list[Line] = field(default_factory=list)
    method: StructuredMethod | None = None
    concurrency: int | None = None
    latency: float | None = None
    config: list[str] = field(default_factory=list)

    @property
    def works(self) -> bool:
        """Whether drafting can talk to the endpoint at all (some method or streaming works)."""
        return any(ln.outcome != "fails" for ln in self.lines
                   if ln.what.startswith(("structured", "streaming")))


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def _models(backend: Any, settings: LLMSettings) -> list[Line]:
    try:
        listed, secs = _timed(backend.models)
    except BackendError as exc:
        return [Line("reachable", "fails", exc.message)]
    ids = [str(m.get("id")) for m in listed]
    out = [Line("reachable", "ok", f"{settings.endpoint}/models lists {len(ids)} model(s)", secs)]
    if settings.model in ids:
        out.append(Line("model listed", "ok", settings.model))
    else:
        shown = ", ".join(ids[:5]) + (" ..." if len(ids) > 5 else "")
        out.append(Line("model listed", "partial",
                        f"{settings.model} is not among: {shown or 'none'} (some servers serve "
                        "any name; else set model)"))
    return out


def _method(make: Callable[[LLMSettings], Any], settings: LLMSettings,
            method: StructuredMethod) -> Line:
    backend = make(settings.with_(structured_output=method, max_retries=0, cache=False))
    what = f"structured output: {method}"
    try:
        _out, secs = _timed(lambda: backend.complete(PROBE, Probe))
    except OutputInvalid as exc:
        return Line(what, "partial", f"accepted, but the reply did not validate: {exc.message}")
    except Incomplete as exc:
        return Line(what, "partial", f"accepted, but {exc.message}")
    except BackendError as exc:
        return Line(what, "fails", exc.message)
    return Line(what, "ok", "accepted and answered validly", secs)


def _stream_once(backend: Any) -> tuple[Outcome, str]:
    """(outcome, detail) of one short streamed reply."""
    try:
        text = "".join(backend.stream(PROBE))
    except Incomplete as exc:
        return "partial", exc.message
    except BackendError as exc:
        return "fails", exc.message
    return "ok", f"ends with finish_reason stop ({len(text)} characters)"


def _streaming(make: Callable[[LLMSettings], Any], settings: LLMSettings) -> list[Line]:
    backend = make(settings.with_(max_retries=0, cache=False))
    (outcome, detail), secs = _timed(lambda: _stream_once(backend))
    lines = [Line("streaming", outcome, detail, secs)]
    if outcome != "ok":
        return lines
    results: list[tuple[Outcome, str]] = []

    def one() -> None:
        results.append(_stream_once(make(settings.with_(max_retries=0, cache=False))))

    threads = [threading.Thread(target=one, daemon=True) for _ in range(2)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(settings.timeout * 2 + 5)
    both = time.perf_counter() - t0
    bad = [d for o, d in results if o != "ok"]
    if bad or len(results) < 2:
        lines.append(Line("streaming, two at once", "partial",
                          bad[0] if bad else "a request did not finish", both))
    else:
        lines.append(Line("streaming, two at once", "ok",
                          f"both end with finish_reason stop (one alone took {secs:.2f} s)",
                          both))
    return lines


def _tiktoken(model: str) -> Line:
    counter = TokenCounter(model)
    name = encoding_name(model)
    if counter.exact:
        return Line("token counting", "ok", f"tiktoken {name} from {tiktoken_cache_dir()}")
    return Line("token counting", "partial",
                f"tiktoken encoding {name} is not in {tiktoken_cache_dir()}: counts are "
                "estimates. On a machine with network: python -c \"import tiktoken; "
                f"tiktoken.get_encoding('{name}')\" with TIKTOKEN_CACHE_DIR set to a folder, "
                "then copy that folder here and set TIKTOKEN_CACHE_DIR to it")


def check(settings: LLMSettings, make: Callable[[LLMSettings], Any] | None = None) -> CheckResult:
    """Probe the endpoint of ``settings``; ``make`` builds a backend (the real one by default)."""
    if make is None:
        # lazy: LangChain and OpenAI are imported only when a real endpoint is probed
        from dcrdraft.llm.openai_backend import OpenAIBackend

        def make(s: LLMSettings) -> Any:
            return OpenAIBackend(s, memory=MethodMemory(s.cache_dir))

    result = CheckResult()
    result.lines += _models(make(settings.with_(max_retries=0)), settings)
    if result.lines[0].outcome == "fails":
        return result
    methods = [_method(make, settings, m) for m in METHODS]
    result.lines += methods
    result.lines += _streaming(make, settings)
    result.lines.append(_tiktoken(settings.model))
    _conclude(result, settings, methods)
    return result


def _conclude(result: CheckResult, settings: LLMSettings, methods: list[Line]) -> None:
    """The method and concurrency to use, and the config lines that say so."""
    ok = [m for m, ln in zip(METHODS, methods, strict=True) if ln.outcome == "ok"]
    partial = [m for m, ln in zip(METHODS, methods, strict=True) if ln.outcome == "partial"]
    result.method = (ok or partial)[0] if ok or partial else None
    timings = [ln.seconds for ln in result.lines if ln.seconds and ln.what != "reachable"]
    result.latency = min(timings) if timings else None
    pair = next((ln for ln in result.lines if ln.what == "streaming, two at once"), None)
    result.concurrency = 1 if pair is None or pair.outcome != "ok" else settings.max_concurrency
    if not result.works:
        return
    slowest = max(timings) if timings else 1.0
    timeout = max(60, int(slowest * 30))  # a full part is ~30x a one-word reply
    result.config = ["[llm]"]
    if settings.base_url:
        result.config.append(f'base-url = "{settings.endpoint}"')
    result.config.append(f'model = "{settings.model}"')
    if result.method:
        result.config.append(f'structured-output = "{result.method}"')
    result.config.append(f"max-concurrency = {result.concurrency}")
    result.config.append(f"timeout = {timeout}")
    if result.method:
        MethodMemory(settings.cache_dir).put(settings.endpoint, settings.model, result.method)
