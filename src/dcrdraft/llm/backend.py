"""The LLM seam: a backend completes messages into a pydantic schema or streams text.

Everything above this module (drafting, judging, caching) talks to a ``Backend``; only
``openai_backend`` imports LangChain, and ``fake.FakeBackend`` scripts replies for tests.

    LLMError (dcrdraft.errors)
    ├── BackendError        the endpoint failed after retries (timeout, 4xx, 5xx, connection)
    │   └── MethodRejected  the endpoint refused the structured-output method (response_format, tools)
    ├── OutputInvalid       the reply did not parse or validate against the schema
    ├── Incomplete          the reply stopped early: max_tokens reached, or no finish_reason stop
    └── Cancelled           the user interrupted the draft
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from dcrdraft.errors import LLMError

Role = Literal["system", "user", "assistant"]
T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class Message:
    """One chat message."""

    role: Role
    content: str


@dataclass
class Usage:
    """Tokens one request consumed, as the endpoint reported them (0 when it did not)."""

    input_tokens: int = 0
    output_tokens: int = 0

    def __iadd__(self, other: Usage) -> Usage:
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        return self


@dataclass
class Completion:
    """A structured reply: the validated object and the raw text it came from."""

    value: BaseModel
    text: str
    usage: Usage = field(default_factory=Usage)


class Stream(Protocol):
    """Text chunks of a streamed reply; ``usage`` is filled once the stream is exhausted."""

    usage: Usage

    def __iter__(self) -> Iterator[str]: ...


class Backend(Protocol):
    """The seam every LLM call goes through."""

    model: str

    def complete(self, messages: Sequence[Message], schema: type[T]) -> Completion:
        """One request whose reply validates against ``schema``, or ``OutputInvalid``."""
        ...

    def stream(self, messages: Sequence[Message]) -> Stream:
        """One request whose reply text arrives in chunks."""
        ...


class BackendError(LLMError):
    """The endpoint failed after retries; ``kind`` says how (timeout, http-429, http-500 ...)."""

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.kind = kind


class MethodRejected(BackendError):
    """The endpoint refused a request for its ``response_format`` or ``tools``: try the next method."""


class OutputInvalid(LLMError):
    """A reply that is not valid JSON for the schema; ``text`` is what the model sent."""

    def __init__(self, message: str, text: str = "", usage: Usage | None = None) -> None:
        super().__init__(message)
        self.text = text
        self.usage = usage or Usage()


class Incomplete(LLMError):
    """A reply the model did not finish; ``reason`` is ``length`` (max_tokens) or ``interrupted``.

    Not a format error: a re-ask asks for a shorter reply (``length``) or simply asks again,
    and never carries the cut-off text.
    """

    def __init__(self, message: str, text: str = "", usage: Usage | None = None,
                 reason: str = "length") -> None:
        super().__init__(message)
        self.text = text
        self.usage = usage or Usage()
        self.reason = reason


@dataclass
class CallStats:
    """What one drafted part cost at the wire: HTTP attempts, the method used, methods refused."""

    http_attempts: int = 0
    method: str | None = None
    refused: list[str] = field(default_factory=list)
    """One line per structured-output method the endpoint refused, with its reason."""


_PYDANTIC_ERROR = re.compile(
    r"""\{'type': '[^']*', 'loc': \(([^)]*)\), 'msg': (?:"([^"]*)"|'([^']*)')[^\n]*""")
"""A pydantic error dict pasted into a server's error body (llama-cpp-python does this)."""


def one_line(text: str, limit: int = 160) -> str:
    """A server's error body as one short line, without the server's traceback.

    A Python traceback gives its last line; a message followed by stack frames gives the
    message; a pasted pydantic error gives its field and message.
    """
    def field_msg(m: re.Match[str]) -> str:
        loc = ".".join(p.strip(" '\"") for p in m.group(1).split(",")
                       if p.strip(" '\"") not in ("", "body"))
        msg = m.group(2) or m.group(3) or ""
        return f"{loc}: {msg}" if loc else msg

    text = _PYDANTIC_ERROR.sub(field_msg, str(text))
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ""
    if lines[0].startswith("Traceback (most recent call last)"):
        line = lines[-1]
    else:
        kept = []
        for ln in lines:
            if ln.startswith('File "'):
                break
            kept.append(ln)
        line = " ".join(kept or lines[:1])
    line = " ".join(line.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class Cancelled(LLMError):
    """The draft was interrupted."""

    title = "Interrupted"


@dataclass
class TextStream:
    """A ``Stream`` over an iterator of chunks whose usage a callback fills at the end."""

    chunks: Iterator[str]
    usage: Usage = field(default_factory=Usage)

    def __iter__(self) -> Iterator[str]:
        yield from self.chunks


_FENCE = re.compile(r"^```(?:json)?\s*(.*?)\s*```$", re.S)


def extract_json(text: str) -> object:
    """The JSON object in a reply that may wrap it in a code fence or prose."""
    body = text.strip()
    m = _FENCE.match(body)
    if m:
        body = m.group(1)
    try:
        return json.loads(body)
    except json.JSONDecodeError:
        start, end = body.find("{"), body.rfind("}")
        if start >= 0 and end > start:
            return json.loads(body[start : end + 1])
        raise


def parse_reply(text: str, schema: type[T], usage: Usage | None = None) -> T:
    """Validate a reply's text against ``schema``; ``OutputInvalid`` says why it failed."""
    try:
        data = extract_json(text)
    except json.JSONDecodeError as exc:
        raise OutputInvalid(f"reply is not valid JSON ({exc.msg})", text, usage) from None
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        errs = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(root)'}: {e['msg']}" for e in exc.errors()[:5]
        )
        raise OutputInvalid(f"reply does not match the schema: {errs}", text, usage) from None


def schema_instructions(schema: type[BaseModel]) -> str:
    """The instruction that asks for JSON matching ``schema`` (json_mode and prompt-and-parse)."""
    return (
        "Reply with one JSON object and nothing else, matching this JSON Schema:\n"
        + json.dumps(schema.model_json_schema(), indent=1)
    )
