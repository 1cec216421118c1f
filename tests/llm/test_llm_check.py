"""``dcrdraft llm check`` against the tests' local server (real sockets)."""

from __future__ import annotations

import json
from typing import Any

from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.llm.cache import MethodMemory

from .oaiserver import OpenAIServer, Reply, Status

LONG = "ok " * 40  # long enough for a one-at-a-time server to cut it when another request queues


def probe_model(body: dict[str, Any]) -> Reply:
    if body.get("stream"):
        return Reply(LONG)
    return Reply(json.dumps({"answer": "ok"}), args={"answer": "ok"})


def run(srv: OpenAIServer, *args: str) -> Any:
    return CliRunner().invoke(cli, ["llm", "check", "--base-url", srv.base_url,
                                    "--model", "test-model", *args])


def test_check_a_llama_cpp_like_server(tmp_path):
    with OpenAIServer.llama_cpp(responder=probe_model) as srv:
        res = run(srv)
        data = json.loads(run(srv, "--format", "json").stdout)
    assert res.exit_code == 0, res.output
    assert "✗ structured output: json_schema" in res.stdout
    assert "Input should be 'text' or 'json_object'" in res.stdout
    assert "✓ structured output: function_calling" in res.stdout
    assert 'structured-output = "function_calling"' in res.stdout
    assert "max-concurrency = 1" in res.stdout  # streams cut when two run at once
    assert "TIKTOKEN_CACHE_DIR" in res.stdout  # tiktoken is offline in the tests
    assert data["works"] and data["method"] == "function_calling"
    probes = {p["what"]: p for p in data["probes"]}
    assert probes["streaming"]["outcome"] == "ok"
    assert probes["streaming, two at once"]["outcome"] == "partial"
    assert "finish_reason" in probes["streaming, two at once"]["detail"]
    # what the check found is what the next draft starts with
    assert MethodMemory().get(srv.base_url, "test-model") == "function_calling"


def test_check_a_full_server_keeps_json_schema_and_concurrency():
    with OpenAIServer(responder=probe_model) as srv:
        res = run(srv)
    assert res.exit_code == 0, res.output
    assert 'structured-output = "json_schema"' in res.stdout
    assert "max-concurrency = 4" in res.stdout and "model listed: test-model" in res.stdout


def test_nothing_works_exits_2():
    with OpenAIServer(responder=lambda body: Status(500, "model failed to load")) as srv:
        res = run(srv, "--timeout", "5")
    assert res.exit_code == 2
    assert "Nothing works" in res.stdout and "model failed to load" in res.stdout


def test_unreachable_endpoint_exits_2():
    with OpenAIServer() as srv:
        url = srv.base_url
    res = CliRunner().invoke(cli, ["llm", "check", "--base-url", url, "--timeout", "2"])
    assert res.exit_code == 2 and "✗ reachable" in res.stdout and "cannot connect" in res.stdout
