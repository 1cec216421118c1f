"""Talking to the servers people run locally: llama-cpp-python's behaviours, emulated by the
tests' server on 127.0.0.1 (structured-output negotiation, bounded replies, one-at-a-time)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dcrdraft.llm import BackendError, Message, draft_parts
from dcrdraft.llm.backend import Incomplete
from dcrdraft.llm.cache import MethodMemory
from dcrdraft.llm.openai_backend import OpenAIBackend
from dcrdraft.llm.schemas import RiskEntry
from dcrdraft.llm.settings import LLMSettings

from .conftest import RISK, SUMMARY
from .oaiserver import OpenAIServer, Reply, Status

MSGS = [Message("system", "rules"), Message("user", "expand the risk")]


def honest(body: dict[str, Any]) -> Reply:
    if body.get("stream"):
        return Reply(SUMMARY)
    return Reply(json.dumps(RISK), args=RISK)


def settings_for(srv: OpenAIServer, tmp_path: Path, **kw: Any) -> LLMSettings:
    kw.setdefault("timeout", 5)
    return LLMSettings(base_url=srv.base_url, model="test-model", cache=False,
                       cache_dir=tmp_path / "cache", **kw)


def formats(srv: OpenAIServer) -> list[str]:
    """Per request: the structured-output method it asked for."""
    out = []
    for body in srv.requests:
        if (body.get("response_format") or {}).get("type") == "json_schema":
            out.append("json_schema")
        elif body.get("tools"):
            out.append("function_calling")
        elif body.get("response_format"):
            out.append("json_mode")
        else:
            out.append("stream" if body.get("stream") else "prompt")
    return out


def test_a_500_naming_response_format_moves_to_forced_tool_calls_and_is_remembered(chatbot, tmp_path):
    with OpenAIServer.llama_cpp(responder=honest) as srv:
        settings = settings_for(srv, tmp_path)
        out = draft_parts(chatbot, settings)
        assert [p.engine for p in out.parts] == ["llm", "llm", "llm"]
        # each json_schema request was refused once, never retried as is
        assert formats(srv).count("json_schema") <= 2
        tools = [b for b in srv.requests if b.get("tools")]
        assert tools and all(b["tool_choice"]["type"] == "function" for b in tools)
        assert out.meta["structured_output"] == "function_calling"
        assert out.meta["requests"] == len(srv.requests) + len(srv.gets)  # HTTP attempts
        report = out.report()
        risk = report["parts"][1]
        assert risk["method"] == "function_calling" and risk["http_attempts"] >= 1
        refused = [w for w in out.warnings if "refused" in w]
        assert len(refused) == 1 and "Input should be 'text' or 'json_object'" in refused[0]
        assert "File " not in " ".join(out.warnings) and "\n" not in refused[0]
        assert "response_format.type: Input should be" in refused[0]
        before = len(srv.requests)
        again = draft_parts(chatbot, settings)  # a new process would read the same memory
        assert "json_schema" not in formats(srv)[before:]
        assert again.meta["requests"] == len(srv.requests) - before + 1  # and /models
    memory = MethodMemory(tmp_path / "cache")
    assert memory.get(settings.endpoint, "test-model") == "function_calling"


def test_an_explicit_method_is_respected(tmp_path):
    with OpenAIServer.llama_cpp(responder=honest) as srv:
        b = OpenAIBackend(settings_for(srv, tmp_path, structured_output="json_schema"))
        with pytest.raises(BackendError) as err:
            b.complete(MSGS, RiskEntry)
        assert len(srv.requests) == 1 and "refuses json_schema" in err.value.message
        assert "\n" not in err.value.message
        srv.requests.clear()
        b = OpenAIBackend(settings_for(srv, tmp_path, structured_output="json_mode"))
        assert isinstance(b.complete(MSGS, RiskEntry).value, RiskEntry)
        assert formats(srv) == ["json_mode"] and b.method == "json_mode"


def test_tools_without_a_forced_choice_are_not_enough_for_llama_cpp(tmp_path):
    with OpenAIServer.llama_cpp() as srv:
        srv.enqueue(Reply("I would rather chat.", args=RISK))
        body = {"model": "m", "messages": [], "tools": [{"type": "function",
                                                       "function": {"name": "RiskEntry"}}]}
        assert srv._message(body, Reply("plain", args=RISK)) == {"role": "assistant",
                                                                 "content": "plain"}
        forced = dict(body, tool_choice={"type": "function", "function": {"name": "RiskEntry"}})
        assert "tool_calls" in srv._message(forced, Reply("plain", args=RISK))


def test_every_request_is_bounded_and_a_runaway_is_incomplete_not_a_format_error(chatbot, tmp_path):
    runaway = "The model keeps going. " * 2000

    def model(body: dict[str, Any]) -> Reply:
        if body.get("stream") and "cut off" not in json.dumps(body["messages"]):
            return Reply(runaway, finish="stop")  # the server cuts it at max_tokens
        return honest(body)

    with OpenAIServer(responder=model) as srv:
        out = draft_parts(chatbot, settings_for(srv, tmp_path))
        assert all(isinstance(b.get("max_tokens"), int) and b["max_tokens"] <= 1200
                   and b["max_completion_tokens"] == b["max_tokens"] for b in srv.requests)
        streams = [b for b in srv.requests if b.get("stream")]
        assert len(streams) == 2
        reask = json.dumps(streams[1]["messages"])
        assert "cut off" in reask and "The model keeps going" not in reask
        summary = out.parts[0]
        assert summary.engine == "llm" and summary.attempts == 2
        assert any("incomplete reply" in p for p in summary.problems)
        assert not any("missing" in p for p in summary.problems)


def test_a_reply_without_finish_reason_is_incomplete(tmp_path):
    with OpenAIServer() as srv:
        srv.enqueue(Reply(json.dumps(RISK), finish="length"))
        b = OpenAIBackend(settings_for(srv, tmp_path, structured_output="json_mode"))
        with pytest.raises(Incomplete) as err:
            b.complete(MSGS, RiskEntry)
        assert err.value.reason == "length"
        srv.enqueue(Reply(SUMMARY, finish=None))
        with pytest.raises(Incomplete) as cut:
            "".join(b.stream(MSGS))
        assert cut.value.reason == "interrupted" and cut.value.text == SUMMARY


def test_one_at_a_time_server_turns_the_draft_serial_and_says_so_once(chatbot, tmp_path):
    notices: list[str] = []
    with OpenAIServer.llama_cpp(responder=honest, stream_first=True) as srv:
        out = draft_parts(chatbot, settings_for(srv, tmp_path), notify=notices.append)
    assert srv.cut_streams == 1  # the summary was streaming when the risk requests queued
    assert [p.engine for p in out.parts] == ["llm", "llm", "llm"]
    assert len(notices) == 1 and "one at a time" in notices[0]
    assert out.meta["concurrency"] == 1 and "early" in out.meta["serial_because"]
    assert out.parts[0].attempts == 2, out.report()
    assert "finish_reason" in out.parts[0].problems[0]


def test_a_queued_request_that_times_out_is_asked_again_serially(chatbot, tmp_path):
    notices: list[str] = []

    streams: list[int] = []

    def slow_first(body: dict[str, Any]) -> Reply:
        if body.get("stream"):
            streams.append(1)
            if len(streams) == 1:
                return Reply(SUMMARY, delay=1.2)  # the first summary outlives the timeout
        return honest(body)

    with OpenAIServer(responder=slow_first) as srv:
        settings = settings_for(srv, tmp_path, timeout=0.4, max_retries=0,
                                structured_output="json_schema")
        out = draft_parts(chatbot, settings.with_(max_concurrency=1), notify=notices.append)
    assert len(notices) == 1 and "timed out" in notices[0] and "1.2 s timeout" in notices[0]
    assert [p.engine for p in out.parts] == ["llm", "llm", "llm"]
    assert out.report()["parts"][0]["http_attempts"] == 2


def test_the_method_is_part_of_the_cache_key(chatbot, tmp_path):
    with OpenAIServer(responder=honest) as srv:
        base = settings_for(srv, tmp_path).with_(cache=True)
        draft_parts(chatbot, base.with_(structured_output="json_schema"))
        n = len(srv.requests)
        draft_parts(chatbot, base.with_(structured_output="json_schema"))
        assert len(srv.requests) == n  # all cached
        draft_parts(chatbot, base.with_(structured_output="json_mode"))
        assert formats(srv)[n:].count("json_mode") == 2  # risks asked again, summary cached


def test_server_error_body_is_one_line(tmp_path):
    trace = "Traceback (most recent call last):\n  File x\nRuntimeError: llama_decode returned -3"
    with OpenAIServer() as srv:
        srv.enqueue(Status(500, trace))
        b = OpenAIBackend(settings_for(srv, tmp_path, max_retries=0, structured_output="prompt"))
        with pytest.raises(BackendError) as err:
            b.complete(MSGS, RiskEntry)
    assert err.value.message == "HTTP 500: RuntimeError: llama_decode returned -3"


def test_context_window_of_an_unknown_model_comes_from_the_server(chatbot, tmp_path):
    with OpenAIServer(responder=honest, context=2048) as srv:
        out = draft_parts(chatbot, settings_for(srv, tmp_path))
    assert out.meta["context_window"] == 2048
    with OpenAIServer(responder=honest, context=2048) as srv:
        out = draft_parts(chatbot, settings_for(srv, tmp_path, context_window=16384))
    assert out.meta["context_window"] == 16384
