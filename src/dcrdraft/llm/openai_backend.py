"""The real backend: LangChain ``ChatOpenAI`` against any OpenAI-compatible endpoint.

The only module that imports ``langchain_*`` or ``openai``. It owns retries (429/5xx with
backoff honouring Retry-After) and the structured-output fallback chain json_schema →
function calling → JSON mode → prompt-and-parse, remembering what the server accepted.
"""

from __future__ import annotations

import email.utils
import json
import random
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

import openai
from langchain_core.messages import (AIMessage, AIMessageChunk, BaseMessage, HumanMessage,
                                     SystemMessage)
from langchain_openai import ChatOpenAI
from pydantic import BaseModel

from dcrdraft.llm.backend import (BackendError, Cancelled, Completion, Message, OutputInvalid, T,
                                  TextStream, Usage, parse_reply, schema_instructions)
from dcrdraft.llm.settings import METHODS, LLMSettings, StructuredMethod

R = TypeVar("R")

_UNSUPPORTED = (400, 404, 415, 422, 501)
"""Statuses a server answers when it does not support a structured-output method."""


def _lc_messages(messages: Sequence[Message]) -> list[BaseMessage]:
    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[m.role](content=m.content) for m in messages]


def _usage(msg: Any) -> Usage:
    meta = getattr(msg, "usage_metadata", None) or {}
    return Usage(int(meta.get("input_tokens", 0) or 0), int(meta.get("output_tokens", 0) or 0))


def _text(msg: Any) -> str:
    content = getattr(msg, "content", "")
    if isinstance(content, str):
        return content
    return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)


def retry_after(exc: BaseException) -> float | None:
    """Seconds a 429/503 response asks us to wait (``retry-after-ms`` or ``retry-after``)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def _describe(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, openai.APITimeoutError):
        return "timeout", "request timed out"
    if isinstance(exc, openai.APIStatusError):
        return f"http-{exc.status_code}", f"HTTP {exc.status_code}: {exc.message}"
    if isinstance(exc, openai.APIConnectionError):
        return "connection", f"cannot connect: {exc.message}"
    return "error", f"{type(exc).__name__}: {exc}"


def _retryable(exc: BaseException) -> bool:
    if isinstance(exc, openai.APITimeoutError):
        return False  # a timed-out request already cost the full timeout
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500 and exc.status_code != 501
    return isinstance(exc, openai.APIConnectionError)


class OpenAIBackend:
    """A ``Backend`` over LangChain's ChatOpenAI with retries and structured-output fallbacks."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        cancel: threading.Event | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.settings = settings
        self.model = settings.model
        self.cancel = cancel or threading.Event()
        self._sleep = sleep
        self._method: StructuredMethod = settings.structured_output
        self._lock = threading.Lock()
        self.requests = 0
        self.chat = ChatOpenAI(
            model=settings.model,
            base_url=settings.base_url,
            api_key=settings.api_key,
            temperature=settings.temperature,
            timeout=settings.timeout,
            max_retries=0,
            use_responses_api=False,
            stream_usage=True,
        )

    @property
    def method(self) -> StructuredMethod:
        """The structured-output method currently in use."""
        return self._method

    def _wait(self, seconds: float) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
        elif self.cancel.wait(seconds):
            raise Cancelled("interrupted")

    def _call(self, fn: Callable[[], R]) -> R:
        """Run ``fn`` with retries on 429/5xx/connection errors; ``BackendError`` after that."""
        attempt = 0
        while True:
            if self.cancel.is_set():
                raise Cancelled("interrupted")
            with self._lock:
                self.requests += 1
            try:
                return fn()
            except openai.APIError as exc:
                kind, text = _describe(exc)
                if not _retryable(exc) or attempt >= self.settings.max_retries:
                    raise BackendError(text, kind) from None
                delay = retry_after(exc)
                if delay is None:
                    delay = 0.5 * 2**attempt * (1 + random.random() / 4)
                self._wait(min(delay, self.settings.retry_cap))
                attempt += 1
            except (ValueError, TypeError, KeyError) as exc:
                raise BackendError(f"malformed response: {type(exc).__name__}", "malformed") from None

    # -- structured output --------------------------------------------------------------

    def complete(self, messages: Sequence[Message], schema: type[T]) -> Completion:
        while True:
            method = self._method
            try:
                return self._complete_with(method, messages, schema)
            except BackendError as err:
                code = int(err.kind[5:]) if err.kind.startswith("http-") else 0
                if code not in _UNSUPPORTED or not self._fall_back(method):
                    raise

    def _fall_back(self, failed: StructuredMethod) -> bool:
        """Move to the next structured-output method after ``failed``; False at the end."""
        with self._lock:
            if self._method != failed:
                return True  # another thread already moved on
            i = METHODS.index(failed)
            if i + 1 >= len(METHODS):
                return False
            self._method = METHODS[i + 1]
            return True

    def _complete_with(
        self, method: StructuredMethod, messages: Sequence[Message], schema: type[T]
    ) -> Completion:
        lc = _lc_messages(messages)
        if method in ("json_schema", "function_calling"):
            runnable = self.chat.with_structured_output(schema, method=method, include_raw=True)
            out: dict[str, Any] = self._call(lambda: runnable.invoke(lc))
            raw = out.get("raw")
            usage = _usage(raw)
            parsed = out.get("parsed")
            text = _raw_text(raw)
            if isinstance(parsed, BaseModel):
                return Completion(parsed, text, usage)
            # A server that ignores the schema may still have sent valid JSON.
            return Completion(parse_reply(text, schema, usage), text, usage)
        lc = _with_instructions(lc, schema)
        chat: Any = self.chat
        if method == "json_mode":
            chat = self.chat.bind(response_format={"type": "json_object"})
        msg = self._call(lambda: chat.invoke(lc))
        text = _text(msg)
        usage = _usage(msg)
        return Completion(parse_reply(text, schema, usage), text, usage)

    # -- streaming ------------------------------------------------------------------------

    def stream(self, messages: Sequence[Message]) -> TextStream:
        lc = _lc_messages(messages)
        usage = Usage()

        def first() -> tuple[Iterator[Any], Any]:
            it = iter(self.chat.stream(lc))
            return it, next(it, None)  # the request is made, and fails, at the first chunk

        it, head = self._call(first)

        def chunks() -> Iterator[str]:
            chunk = head
            try:
                while chunk is not None:
                    if self.cancel.is_set():
                        raise Cancelled("interrupted")
                    if isinstance(chunk, AIMessageChunk):
                        u = _usage(chunk)
                        usage.input_tokens += u.input_tokens
                        usage.output_tokens += u.output_tokens
                    text = _text(chunk)
                    if text:
                        yield text
                    try:
                        chunk = next(it, None)
                    except openai.APIError as exc:
                        kind, what = _describe(exc)
                        raise BackendError(f"stream broke off: {what}", kind) from None
                    except (ValueError, TypeError, KeyError) as exc:
                        raise BackendError(f"malformed stream: {type(exc).__name__}",
                                           "malformed") from None
            finally:
                close = getattr(it, "close", None)
                if close is not None:
                    close()

        return TextStream(chunks(), usage)


def _raw_text(raw: Any) -> str:
    if raw is None:
        return ""
    calls = getattr(raw, "tool_calls", None)
    if calls:
        return json.dumps(calls[0].get("args", {}))
    return _text(raw)


def _with_instructions(lc: list[BaseMessage], schema: type[BaseModel]) -> list[BaseMessage]:
    """Messages with the JSON-schema instruction appended to the system message."""
    note = schema_instructions(schema)
    if lc and isinstance(lc[0], SystemMessage):
        return [SystemMessage(content=f"{_text(lc[0])}\n\n{note}"), *lc[1:]]
    return [SystemMessage(content=note), *lc]


__all__ = ["OpenAIBackend", "OutputInvalid", "retry_after"]
