"""A scripted backend for unit tests: ``enqueue`` replies, read ``history`` afterwards.

Replies can be routed by a substring of the prompt (``match=``), because drafted parts run
concurrently and their order of arrival is not fixed.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from dcrdraft.llm.backend import Completion, Message, T, TextStream, Usage, parse_reply

Reply = str | dict[str, Any] | BaseModel | BaseException | Callable[..., Any]
"""Text (JSON for ``complete``), a dict or model to validate, an error to raise, or a
function of (messages, schema) returning one of those."""


@dataclass
class Call:
    """One request the fake received."""

    kind: Literal["complete", "stream"]
    messages: list[Message]
    schema: str | None

    @property
    def prompt(self) -> str:
        return "\n".join(m.content for m in self.messages)


@dataclass
class _Scripted:
    reply: Reply
    match: str | None


@dataclass
class FakeBackend:
    """A ``Backend`` that replays scripted replies and records every call."""

    model: str = "fake-model"
    history: list[Call] = field(default_factory=list)
    usage: Usage = field(default_factory=lambda: Usage(100, 50))
    """Usage reported for every reply."""
    _script: list[_Scripted] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def enqueue(self, *replies: Reply, match: str | None = None) -> FakeBackend:
        """Queue replies, used in order; with ``match``, only for prompts containing it."""
        with self._lock:
            self._script += [_Scripted(r, match) for r in replies]
        return self

    @property
    def pending(self) -> int:
        return len(self._script)

    def _next(self, call: Call) -> Reply:
        with self._lock:
            self.history.append(call)
            text = call.prompt
            for i, item in enumerate(self._script):
                if item.match is not None and item.match in text:
                    return self._script.pop(i).reply
            for i, item in enumerate(self._script):
                if item.match is None:
                    return self._script.pop(i).reply
        raise AssertionError(f"FakeBackend: no reply scripted for call {len(self.history)}")

    def _resolve(self, call: Call, schema: type[BaseModel] | None) -> Any:
        reply = self._next(call)
        if callable(reply) and not isinstance(reply, type | BaseModel):
            reply = reply(call.messages, schema)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def complete(self, messages: Sequence[Message], schema: type[T]) -> Completion:
        reply = self._resolve(Call("complete", list(messages), schema.__name__), schema)
        if isinstance(reply, BaseModel):
            reply = reply.model_dump(mode="json")
        text = reply if isinstance(reply, str) else json.dumps(reply)
        usage = Usage(self.usage.input_tokens, self.usage.output_tokens)
        return Completion(parse_reply(text, schema, usage), text, usage)

    def stream(self, messages: Sequence[Message]) -> TextStream:
        reply = self._resolve(Call("stream", list(messages), None), None)
        text = reply if isinstance(reply, str) else json.dumps(reply)
        words = text.split(" ")
        chunks = iter([w + (" " if i < len(words) - 1 else "") for i, w in enumerate(words)])
        return TextStream(chunks, Usage(self.usage.input_tokens, self.usage.output_tokens))
