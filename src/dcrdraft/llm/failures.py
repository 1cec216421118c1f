"""What an OpenAI-compatible endpoint's failure means: wait and retry, move to the next
structured-output method, or give up with one line; and whether a reply ended on its own.

Plain functions over status codes, headers, bodies and finish reasons, so they are tested
without a server or the OpenAI client; ``openai_backend`` sorts the client's exceptions into
a ``Kind`` and asks here what to do.
"""

from __future__ import annotations

import email.utils
import json
import re
import time
from typing import Any, Literal

from dcrdraft.llm.backend import Incomplete, Usage, one_line

Kind = Literal["timeout", "status", "connection", "other"]
"""What went wrong: no reply in time, an HTTP error status, no connection, anything else."""

FINISHED = ("stop", "tool_calls", "function_call")
"""finish_reason values of a reply the model ended itself."""

_NAMES_METHOD = re.compile(
    r"response_format|json_schema|json_object|tool_choice|\btools?\b|function|grammar|"
    r"structured output", re.I)
_ABOUT_LENGTH = re.compile(r"context|too long|maximum.{0,20}tokens|max_tokens|exceed", re.I)


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


def body_text(exc: BaseException) -> str:
    """The error text a server sent: its ``error.message`` or ``detail``, else the raw body."""
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error", body)
        if isinstance(err, dict):
            msg = err.get("message") or err.get("detail") or err
            return msg if isinstance(msg, str) else json.dumps(msg)
        return str(err)
    if isinstance(body, str) and body:
        return body
    response = getattr(exc, "response", None)
    try:
        return str(response.text) if response is not None else str(exc)
    except Exception:  # noqa: BLE001 - a streamed or closed response has no text
        return str(exc)


def describe(kind: Kind, exc: BaseException) -> tuple[str, str]:
    """A short kind for reports (``http-500``) and one line saying what happened."""
    if kind == "timeout":
        return "timeout", "request timed out"
    if kind == "status":
        status = getattr(exc, "status_code", 0)
        return f"http-{status}", f"HTTP {status}: {one_line(body_text(exc))}"
    if kind == "connection":
        return "connection", f"cannot connect: {one_line(getattr(exc, 'message', str(exc)))}"
    return "error", one_line(f"{type(exc).__name__}: {exc}")


def about_length(body: str) -> bool:
    """Whether an error body is about the prompt or reply being too long for the context."""
    return bool(_ABOUT_LENGTH.search(body))


def rejects_method(status: int, body: str) -> bool:
    """Whether an HTTP error says the server refused the request's ``response_format`` or
    ``tools``: any status whose body names them (llama-cpp-python answers json_schema with a
    500), or a 400/415/422/501 whose body says nothing about length or context."""
    if _NAMES_METHOD.search(body):
        return True
    return status in (400, 415, 422, 501) and not about_length(body)


def retryable(kind: Kind, status: int | None = None) -> bool:
    """Whether asking again may help: a 429, a 5xx other than 501, or a lost connection
    (never a timeout: a timed-out request already cost the full timeout)."""
    if kind == "status" and status is not None:
        return status == 429 or status >= 500 and status != 501
    return kind == "connection"


def finish_reason(msg: Any) -> str | None:
    """The ``finish_reason`` a reply or stream chunk carries, if any."""
    meta = getattr(msg, "response_metadata", None) or {}
    reason = meta.get("finish_reason")
    return str(reason) if reason else None


def incomplete(finish: str | None, text: str, usage: Usage) -> Incomplete:
    """The error for a reply that ended with ``finish`` rather than on its own."""
    if finish == "length":
        return Incomplete("the reply reached max_tokens before it ended", text, usage, "length")
    if finish is None:
        return Incomplete("the reply ended without a finish_reason (the server cut it off)",
                          text, usage, "interrupted")
    return Incomplete(f"the reply ended with finish_reason {finish}", text, usage, finish)


def check_finished(msg: Any, text: str, usage: Usage) -> None:
    """``Incomplete`` unless the reply ended with finish_reason stop or made a tool call."""
    if msg is None or getattr(msg, "tool_calls", None):
        return
    finish = finish_reason(msg)
    if finish not in FINISHED:
        raise incomplete(finish, text, usage)
