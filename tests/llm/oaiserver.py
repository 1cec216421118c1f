"""A local OpenAI-compatible chat-completions server for wire-level tests and the benchmark.

Real sockets on 127.0.0.1; each request takes the next scripted behaviour (or asks
``responder``), so tests can serve plain and streamed replies, tool calls, 429 with
Retry-After, 500, slow replies, malformed JSON and whatever a misbehaving model would say.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """A 200 reply: ``content`` as text, or ``args`` as a tool call when tools were offered."""

    content: str | None = None
    args: dict[str, Any] | None = None
    usage: tuple[int, int] = (120, 80)
    delay: float = 0.0


@dataclass
class Status:
    """An error status with an OpenAI-style error body."""

    code: int
    message: str = "error"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass
class Malformed:
    """A 200 whose body is not JSON."""

    body: bytes = b'{"id": "x", "choices": [ {"message": '


Behaviour = Reply | Status | Malformed
Responder = Callable[[dict[str, Any]], Behaviour]


def prompt_of(body: dict[str, Any]) -> str:
    """All message text of a request body."""
    return "\n".join(str(m.get("content", "")) for m in body.get("messages", []))


class OpenAIServer:
    """Start with ``with OpenAIServer() as srv``; point clients at ``srv.base_url``."""

    def __init__(self, *, latency: float = 0.0, json_schema: bool = True, tools: bool = True,
                 json_mode: bool = True, responder: Responder | None = None) -> None:
        self.latency = latency
        self.json_schema = json_schema
        self.tools = tools
        self.json_mode = json_mode
        self.responder = responder
        self.script: deque[Behaviour] = deque()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.times: list[float] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    # -- scripting ---------------------------------------------------------------------

    def enqueue(self, *behaviours: Behaviour) -> OpenAIServer:
        self.script.extend(behaviours)
        return self

    def _next(self, body: dict[str, Any]) -> Behaviour:
        with self._lock:
            if self.script:
                return self.script.popleft()
        if self.responder is not None:
            return self.responder(body)
        return Reply("{}")

    @property
    def base_url(self) -> str:
        assert self._httpd is not None
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> OpenAIServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append(body)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                    server.times.append(time.monotonic())
                try:
                    server._handle(self, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()

    # -- replies -------------------------------------------------------------------------

    def _send(self, h: BaseHTTPRequestHandler, code: int, payload: bytes,
              headers: dict[str, str] | None = None) -> None:
        h.send_response(code)
        h.send_header("content-type", "application/json")
        h.send_header("content-length", str(len(payload)))
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.end_headers()
        h.wfile.write(payload)

    def _unsupported(self, body: dict[str, Any]) -> str | None:
        fmt = (body.get("response_format") or {}).get("type")
        if fmt == "json_schema" and not self.json_schema:
            return "response_format json_schema is not supported"
        if fmt == "json_object" and not self.json_mode:
            return "response_format json_object is not supported"
        if body.get("tools") and not self.tools:
            return "tools are not supported"
        return None

    def _handle(self, h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        time.sleep(self.latency)
        why = self._unsupported(body)
        if why:
            self._send(h, 400, json.dumps({"error": {"message": why, "type": "invalid_request_error"}}).encode())
            return
        b = self._next(body)
        time.sleep(getattr(b, "delay", 0.0))
        if isinstance(b, Status):
            err = {"error": {"message": b.message, "type": "server_error", "code": b.code}}
            self._send(h, b.code, json.dumps(err).encode(), b.headers)
        elif isinstance(b, Malformed):
            self._send(h, 200, b.body)
        elif body.get("stream"):
            self._stream(h, body, b)
        else:
            self._send(h, 200, json.dumps(self._completion(body, b)).encode())

    def _message(self, body: dict[str, Any], b: Reply) -> dict[str, Any]:
        if body.get("tools") and b.args is not None:
            name = body["tools"][0]["function"]["name"]
            call = {"id": "call_1", "type": "function",
                    "function": {"name": name, "arguments": json.dumps(b.args)}}
            return {"role": "assistant", "content": None, "tool_calls": [call]}
        content = b.content if b.content is not None else json.dumps(b.args or {})
        return {"role": "assistant", "content": content}

    def _completion(self, body: dict[str, Any], b: Reply) -> dict[str, Any]:
        msg = self._message(body, b)
        return {
            "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "test-model"),
            "choices": [{"index": 0, "message": msg,
                         "finish_reason": "tool_calls" if msg.get("tool_calls") else "stop"}],
            "usage": {"prompt_tokens": b.usage[0], "completion_tokens": b.usage[1],
                      "total_tokens": sum(b.usage)},
        }

    def _stream(self, h: BaseHTTPRequestHandler, body: dict[str, Any], b: Reply) -> None:
        h.send_response(200)
        h.send_header("content-type", "text/event-stream")
        h.send_header("connection", "close")
        h.end_headers()
        h.close_connection = True
        base = {"id": "chatcmpl-test", "object": "chat.completion.chunk",
                "created": int(time.time()), "model": body.get("model", "test-model")}

        def event(choices: list[dict[str, Any]], **extra: Any) -> None:
            h.wfile.write(b"data: " + json.dumps({**base, "choices": choices, **extra}).encode() + b"\n\n")
            h.wfile.flush()

        event([{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}])
        text = b.content or ""
        for i in range(0, len(text), 16):
            event([{"index": 0, "delta": {"content": text[i:i + 16]}, "finish_reason": None}])
        event([{"index": 0, "delta": {}, "finish_reason": "stop"}])
        if (body.get("stream_options") or {}).get("include_usage"):
            event([], usage={"prompt_tokens": b.usage[0], "completion_tokens": b.usage[1],
                             "total_tokens": sum(b.usage)})
        h.wfile.write(b"data: [DONE]\n\n")
        h.wfile.flush()
