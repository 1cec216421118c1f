"""The endpoint-failure classifier on its own: which status and body mean "this method is
refused", "ask again", "too long for the context", and which replies ended on their own."""

from __future__ import annotations

import email.utils
import time
from typing import Any

import pytest

from dcrdraft.llm.backend import Incomplete, Usage
from dcrdraft.llm.failures import (
    about_length,
    body_text,
    check_finished,
    describe,
    rejects_method,
    retry_after,
    retryable,
)


class Response:
    def __init__(self, headers: dict[str, str] | None = None, text: str = "") -> None:
        self.headers = headers or {}
        self.text = text


class HTTPFailure(Exception):
    """Shaped like the OpenAI client's status errors: status_code, body, response."""

    def __init__(self, status: int, body: Any = None, headers: dict[str, str] | None = None,
                 text: str = "") -> None:
        super().__init__(f"status {status}")
        self.status_code = status
        self.body = body
        self.response = Response(headers, text)


LLAMA_CPP_500 = {"error": {"message": "1 validation error: response_format.type: Input should "
                                      "be 'text' or 'json_object'"}}


@pytest.mark.parametrize(("status", "body", "refused"), [
    (500, body_text(HTTPFailure(500, LLAMA_CPP_500)), True),  # a 5xx naming response_format
    (500, "internal server error", False),                    # a plain 5xx is retried instead
    (422, "unprocessable entity", True),
    (400, "tools are not supported by this model", True),
    (400, "This model's maximum context length is 4096 tokens", False),  # about length
    (400, "prompt is too long", False),
    (501, "not implemented", True),
    (404, "model not found", False),
    (401, "invalid api key", False),
])
def test_which_errors_refuse_the_method(status: int, body: str, refused: bool) -> None:
    assert rejects_method(status, body) is refused


def test_context_overflow_is_about_length() -> None:
    assert about_length("prompt of 4652 tokens exceeds the context window")
    assert about_length("max_tokens must be at most 2048")
    assert not about_length("response_format json_schema is not supported")


@pytest.mark.parametrize(("kind", "status", "again"), [
    ("status", 429, True), ("status", 500, True), ("status", 503, True),
    ("status", 501, False), ("status", 400, False), ("status", 422, False),
    ("connection", None, True), ("timeout", None, False), ("other", None, False),
])
def test_which_failures_are_asked_again(kind: Any, status: int | None, again: bool) -> None:
    assert retryable(kind, status) is again


def test_retry_after_reads_milliseconds_seconds_and_dates() -> None:
    assert retry_after(HTTPFailure(429, headers={"retry-after-ms": "250"})) == 0.25
    assert retry_after(HTTPFailure(429, headers={"retry-after": "3"})) == 3.0
    assert retry_after(HTTPFailure(429, headers={"retry-after": "-5"})) == 0.0
    soon = email.utils.formatdate(time.time() + 30, usegmt=True)
    wait = retry_after(HTTPFailure(503, headers={"retry-after": soon}))
    assert wait is not None and 20 < wait <= 31
    assert retry_after(HTTPFailure(429)) is None
    assert retry_after(ValueError("no response")) is None


def test_body_text_prefers_the_servers_message() -> None:
    assert body_text(HTTPFailure(500, LLAMA_CPP_500)).startswith("1 validation error")
    assert body_text(HTTPFailure(422, {"detail": "bad field"})) == "bad field"
    assert body_text(HTTPFailure(400, {"error": {"message": {"loc": "x"}}})) == '{"loc": "x"}'
    assert body_text(HTTPFailure(500, "plain body")) == "plain body"
    assert body_text(HTTPFailure(502, None, text="<html>bad gateway</html>")) == \
        "<html>bad gateway</html>"


def test_describe_is_one_line_with_a_short_kind() -> None:
    traceback = ("Traceback (most recent call last):\n  File \"server.py\", line 3, in run\n"
                 "ValueError: grammar failed to compile")
    kind, line = describe("status", HTTPFailure(500, traceback))
    assert kind == "http-500"
    assert line == "HTTP 500: ValueError: grammar failed to compile"
    assert describe("timeout", TimeoutError()) == ("timeout", "request timed out")
    assert describe("other", KeyError("x")) == ("error", "KeyError: 'x'")


class Reply:
    def __init__(self, finish: str | None, tool_calls: list[Any] | None = None) -> None:
        self.response_metadata = {"finish_reason": finish} if finish else {}
        self.tool_calls = tool_calls or []


@pytest.mark.parametrize(("finish", "reason"), [
    ("length", "length"), (None, "interrupted"), ("content_filter", "content_filter"),
])
def test_a_reply_not_ended_by_the_model_is_incomplete(finish: str | None, reason: str) -> None:
    with pytest.raises(Incomplete) as caught:
        check_finished(Reply(finish), "partial", Usage(3, 4))
    assert caught.value.reason == reason
    assert caught.value.text == "partial"


def test_stop_and_tool_calls_are_finished() -> None:
    check_finished(Reply("stop"), "done", Usage())
    check_finished(Reply(None, tool_calls=[{"name": "f", "args": {}}]), "", Usage())
    check_finished(None, "", Usage())
