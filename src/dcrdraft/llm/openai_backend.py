"""The real backend: LangChain ``ChatOpenAI`` against any OpenAI-compatible endpoint.

The only module that imports ``langchain_*`` or ``openai``. It owns retries (429/5xx with
backoff honouring Retry-After), bounded replies (``max_tokens`` per part, ``finish_reason``
checked), and the structured-output negotiation json_schema → function calling (forced tool
choice) → JSON mode → prompt-and-parse, remembering per endpoint and model what worked.
"""

from __future__ import annotations

import json
import os
import random
import ssl
import threading
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar, get_args

import openai
from langchain_core.messages import (AIMessage, AIMessageChunk, BaseMessage, HumanMessage,
                                     SystemMessage)
from langchain_openai import ChatOpenAI
from openai.types.chat import ChatCompletion, ChatCompletionChunk, ParsedChatCompletion
from pydantic import BaseModel

from dcrdraft.llm.backend import (
    BackendError,
    CallStats,
    Cancelled,
    Completion,
    Incomplete,
    Message,
    MethodRejected,
    OutputInvalid,
    T,
    TextStream,
    Usage,
    one_line,
    parse_reply,
    schema_instructions,
)
from dcrdraft.llm.cache import MethodMemory
from dcrdraft.llm.failures import (
    FINISHED,
    Kind,
    body_text,
    check_finished,
    describe,
    finish_reason,
    incomplete,
    rejects_method,
    retry_after,
    retryable,
)
from dcrdraft.llm.settings import METHODS, LLMSettings, StructuredMethod
from dcrdraft.llm.tokens import reply_tokens

R = TypeVar("R")


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


def _kind(exc: BaseException) -> Kind:
    """Which of the client's failures ``exc`` is (a timeout is also a connection error)."""
    if isinstance(exc, openai.APITimeoutError):
        return "timeout"
    if isinstance(exc, openai.APIStatusError):
        return "status"
    if isinstance(exc, openai.APIConnectionError):
        return "connection"
    return "other"


def _models_in(tp: Any, found: set[type[BaseModel]]) -> None:
    """Every pydantic model reachable from the annotation ``tp`` (fields, unions, lists)."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp in found:
            return
        found.add(tp)
        for info in tp.model_fields.values():
            _models_in(info.annotation, found)
    for arg in get_args(tp):
        _models_in(arg, found)


def build_reply_types(schemas: Sequence[type[BaseModel]] = ()) -> None:
    """Build the validators of the OpenAI client's reply types (completions, streamed chunks,
    parsed completions of ``schemas``) now: the client defers them to the first reply, where
    they cost ~30 ms after every part's reply has arrived."""
    found: set[type[BaseModel]] = set()
    parsed: Any = ParsedChatCompletion  # generic in the schema, as the client parametrises it
    for root in (ChatCompletion, ChatCompletionChunk, *(parsed[s] for s in schemas)):
        _models_in(root, found)
    for model in found:
        model.model_rebuild()  # a no-op for a model already built


def unused_async_client() -> dict[str, Any]:
    """``ChatOpenAI`` keyword arguments giving it an async client that trusts no certificate.

    LangChain builds an async client beside the sync one, and loading the system's CA
    certificates into it costs as much as the sync client's (~40 ms before the first request);
    this backend only ever calls the sync client, so the async one never connects (if it did,
    verification would fail: it trusts nothing). With a proxy configured LangChain's defaults
    stand, since any explicit client changes how the sync client finds the proxy.
    """
    try:
        proxied = bool(os.environ.get("OPENAI_PROXY") or urllib.request.getproxies())
    except Exception:  # noqa: BLE001 - an unreadable proxy setting: keep LangChain's defaults
        proxied = True
    if proxied:
        return {}
    return {"http_async_client": openai.DefaultAsyncHttpxClient(
        verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))}


class OpenAIBackend:
    """A ``Backend`` over LangChain's ChatOpenAI with retries and structured-output negotiation."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        cancel: threading.Event | None = None,
        sleep: Callable[[float], None] | None = None,
        memory: MethodMemory | None = None,
    ) -> None:
        self.settings = settings
        self.model = settings.model
        self.cancel = cancel or threading.Event()
        self._sleep = sleep
        self.memory = memory if memory is not None else MethodMemory(settings.cache_dir)
        remembered = self.memory.get(settings.endpoint, settings.model) if settings.negotiates else None
        first = settings.structured_output
        self._method: StructuredMethod = remembered or ("json_schema" if first == "auto" else first)
        self.timeout = settings.timeout
        self._lock = threading.Lock()
        self._chats: dict[tuple[int | None, float], ChatOpenAI] = {}
        self.requests = 0
        """HTTP attempts made, retries included."""
        self.stats: dict[str, CallStats] = {}
        """Per thread (one drafted part each): attempts, method, refusals."""
        self.refusals: list[str] = []
        self._unused_async = unused_async_client()
        self.chat = self._chat(None)

    def _chat(self, max_tokens: int | None) -> ChatOpenAI:
        """The client for replies of at most ``max_tokens`` at the current timeout."""
        key = (max_tokens, self.timeout)
        with self._lock:
            chat = self._chats.get(key)
            if chat is None:
                s = self.settings
                # LangChain sends max_completion_tokens, which local servers (llama-cpp-python
                # 0.3) ignore: they read max_tokens, so any other endpoint gets both.
                local = bool(s.base_url) and "api.openai.com" not in (s.base_url or "")
                extra = {"max_tokens": max_tokens} if local and max_tokens else None
                chat = ChatOpenAI(model=s.model, base_url=s.base_url, api_key=s.api_key,
                                  temperature=s.temperature, timeout=self.timeout, max_retries=0,
                                  use_responses_api=False, stream_usage=True,
                                  max_tokens=max_tokens,  # type: ignore[call-arg]
                                  extra_body=extra, **self._unused_async)
                self._chats[key] = chat
            return chat

    def prepare(self, schemas: Sequence[type[BaseModel]]) -> None:
        """Ready what reading the replies needs, while the requests are out (see
        ``build_reply_types``); it changes no result."""
        build_reply_types(schemas)

    @property
    def method(self) -> StructuredMethod:
        """The structured-output method currently in use."""
        return self._method

    def set_timeout(self, seconds: float) -> None:
        """Use ``seconds`` as the timeout of every later request."""
        with self._lock:
            self.timeout = seconds

    def models(self) -> list[dict[str, Any]]:
        """The endpoint's ``/models`` list as plain dicts (``BackendError`` when it fails)."""
        client = self.chat.root_client.with_options(timeout=min(10.0, self.timeout))
        page = self._call(lambda: client.models.list())
        return [m.model_dump() for m in page.data]

    def server_context(self) -> int | None:
        """The model's context window as the server's ``/models`` reports it, else None."""
        try:
            listed = self.models()
        except BackendError:
            return None
        for entry in listed:
            if entry.get("id") == self.model or len(listed) == 1:
                return context_of(entry)
        return None

    def _stats(self) -> CallStats:
        name = threading.current_thread().name
        with self._lock:
            return self.stats.setdefault(name, CallStats())

    def _wait(self, seconds: float) -> None:
        if self._sleep is not None:
            self._sleep(seconds)
        elif self.cancel.wait(seconds):
            raise Cancelled("interrupted")

    def _call(self, fn: Callable[[], R], *, structured: bool = False) -> R:
        """Run ``fn`` with retries on 429/5xx/connection errors; ``BackendError`` after that.

        With ``structured``, an error naming response_format or tools is ``MethodRejected`` at
        once: asking again with the same method cannot help.
        """
        attempt = 0
        stats = self._stats()
        while True:
            if self.cancel.is_set():
                raise Cancelled("interrupted")
            with self._lock:
                self.requests += 1
                stats.http_attempts += 1
            try:
                return fn()
            except openai.LengthFinishReasonError:
                raise Incomplete("the reply reached max_tokens before it ended", "",
                                 reason="length") from None
            except openai.APIError as exc:
                what = _kind(exc)
                kind, text = describe(what, exc)
                status = exc.status_code if isinstance(exc, openai.APIStatusError) else None
                if structured and status is not None and rejects_method(status, body_text(exc)):
                    raise MethodRejected(text, kind) from None
                if not retryable(what, status) or attempt >= self.settings.max_retries:
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
            self._stats().method = method
            try:
                out = self._complete_with(method, messages, schema)
            except MethodRejected as err:
                if not self.settings.negotiates:
                    raise BackendError(f"the endpoint refuses {method} structured output "
                                       f"({err.message})", err.kind) from None
                self._refused(method, err)
                if not self._fall_back(method):
                    raise
                continue
            if self.settings.negotiates:
                self.memory.put(self.settings.endpoint, self.model, method)
            return out

    def _refused(self, method: StructuredMethod, err: BackendError) -> None:
        line = f"{method} refused ({err.message})"
        stats = self._stats()
        with self._lock:
            stats.refused.append(line)
            if line not in self.refusals:
                self.refusals.append(line)

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
        chat = self._chat(reply_tokens(schema.__name__, self.settings.max_tokens))
        if method in ("json_schema", "function_calling"):
            # function calling: LangChain forces tool_choice to the one tool (llama.cpp needs it)
            runnable = chat.with_structured_output(schema, method=method, include_raw=True)
            out: dict[str, Any] = self._call(lambda: runnable.invoke(lc), structured=True)
            raw = out.get("raw")
            usage = _usage(raw)
            text = _raw_text(raw)
            check_finished(raw, text, usage)
            parsed = out.get("parsed")
            if isinstance(parsed, BaseModel):
                return Completion(parsed, text, usage)
            # A server that ignores the schema may still have sent valid JSON.
            return Completion(parse_reply(text, schema, usage), text, usage)
        lc = _with_instructions(lc, schema)
        bound: Any = chat
        if method == "json_mode":
            bound = chat.bind(response_format={"type": "json_object"})
        msg = self._call(lambda: bound.invoke(lc), structured=method == "json_mode")
        text = _text(msg)
        usage = _usage(msg)
        check_finished(msg, text, usage)
        return Completion(parse_reply(text, schema, usage), text, usage)

    # -- streaming ------------------------------------------------------------------------

    def stream(self, messages: Sequence[Message]) -> TextStream:
        lc = _lc_messages(messages)
        usage = Usage()
        chat = self._chat(reply_tokens("summary", self.settings.max_tokens))

        def first() -> tuple[Iterator[Any], Any]:
            it = iter(chat.stream(lc))
            return it, next(it, None)  # the request is made, and fails, at the first chunk

        it, head = self._call(first)

        def chunks() -> Iterator[str]:
            chunk = head
            finish: str | None = None
            parts: list[str] = []
            try:
                while chunk is not None:
                    if self.cancel.is_set():
                        raise Cancelled("interrupted")
                    if isinstance(chunk, AIMessageChunk):
                        u = _usage(chunk)
                        usage.input_tokens += u.input_tokens
                        usage.output_tokens += u.output_tokens
                    finish = finish_reason(chunk) or finish
                    text = _text(chunk)
                    if text:
                        parts.append(text)
                        yield text
                    try:
                        chunk = next(it, None)
                    except openai.APIError as exc:
                        _short, what = describe(_kind(exc), exc)
                        raise Incomplete(f"the stream broke off: {what}", "".join(parts), usage,
                                         reason="interrupted") from None
                    except (ValueError, TypeError, KeyError) as exc:
                        raise BackendError(f"malformed stream: {type(exc).__name__}",
                                           "malformed") from None
            finally:
                close = getattr(it, "close", None)
                if close is not None:
                    close()
            if finish not in FINISHED:
                raise incomplete(finish, "".join(parts), usage)

        return TextStream(chunks(), usage)


_CONTEXT_KEYS = ("max_model_len", "context_length", "max_context_length", "context_window",
                 "n_ctx", "n_ctx_train")
"""Where servers put a model's context window in ``/models`` (vLLM, LM Studio, llama.cpp ...)."""


def context_of(entry: dict[str, Any]) -> int | None:
    """The context window a ``/models`` entry states, looking one level into ``meta``."""
    for where in (entry, entry.get("meta") or {}):
        if not isinstance(where, dict):
            continue
        for key in _CONTEXT_KEYS:
            value = where.get(key)
            if isinstance(value, int) and value >= 512:
                return value
    return None


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
