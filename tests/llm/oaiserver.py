"""A local OpenAI-compatible chat-completions server for wire-level tests and the benchmark.

Real sockets on 127.0.0.1; each request takes the next scripted behaviour (or asks
``responder``), so tests can serve plain and streamed replies, tool calls, 429 with
Retry-After, 500, slow replies, malformed JSON and whatever a misbehaving model would say.

``OpenAIServer.llama_cpp()`` behaves like llama-cpp-python 0.3's server: json_schema is a
500 with a validation traceback, tools are only honoured with a forced ``tool_choice``,
requests are computed one at a time, and a streamed reply that another request queues
behind ends with ``[DONE]`` and no ``finish_reason``. Every server cuts a reply at
``max_tokens`` (about four characters a token) with ``finish_reason: length``.
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
    finish: str | None = "stop"
    """The finish_reason sent (None: a stream ends with [DONE] and none)."""


@dataclass
class Status:
    """An error status with an OpenAI-style error body."""

    code: int
    message: str = "error"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


NO_WAIT = {"retry-after-ms": "0"}
"""Headers for a ``Status`` that asks to be retried at once: for tests about falling back
and reporting it; the waits between attempts are tested in test_wire.py (and bounded in
bench/timing_bounds.py)."""


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
                 json_mode: bool = True, responder: Responder | None = None,
                 json_schema_status: int = 400, forced_tools_only: bool = False,
                 one_at_a_time: bool = False, context: int | None = None,
                 model_ids: tuple[str, ...] = ("test-model",), stream_first: bool = False) -> None:
        self.latency = latency
        self.json_schema = json_schema
        self.tools = tools
        self.json_mode = json_mode
        self.responder = responder
        self.json_schema_status = json_schema_status
        self.forced_tools_only = forced_tools_only
        self.one_at_a_time = one_at_a_time
        self.context = context
        self.model_ids = model_ids
        self._busy = threading.Lock()
        self.stream_first = stream_first
        """Hold other requests until a streamed one is being computed (a fixed arrival order)."""
        self._streaming = threading.Event()
        self.waiting = 0
        """Requests queued behind the one being computed (one-at-a-time servers)."""
        self.cut_streams = 0
        self.script: deque[Behaviour] = deque()
        self.requests: list[dict[str, Any]] = []
        self.gets: list[str] = []
        self.headers: list[dict[str, str]] = []
        self.times: list[float] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None

    @classmethod
    def llama_cpp(cls, **kw: Any) -> OpenAIServer:
        """A server that behaves like llama-cpp-python 0.3 (see the module docstring)."""
        return cls(json_schema=False, json_schema_status=500, forced_tools_only=True,
                   one_at_a_time=True, context=kw.pop("context", None), **kw)

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

            def do_GET(self) -> None:  # noqa: N802
                with server._lock:
                    server.gets.append(self.path)
                if not self.path.rstrip("/").endswith("/models"):
                    server._send(self, 404, b'{"detail": "Not Found"}')
                    return
                data = [{"id": m, "object": "model", "owned_by": "me", "permissions": []}
                        for m in server.model_ids]
                if server.context:
                    for d in data:
                        d["meta"] = {"n_ctx_train": server.context}
                server._send(self, 200, json.dumps({"object": "list", "data": data}).encode())

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    server.requests.append(body)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                    server.times.append(time.monotonic())
                try:
                    if server.stream_first and not body.get("stream"):
                        server._streaming.wait(5)
                    if server.one_at_a_time:
                        with server._lock:
                            server.waiting += 1
                        with server._busy:
                            with server._lock:
                                server.waiting -= 1
                            server._handle(self, body)
                    else:
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
        if fmt == "json_schema" and not self.json_schema and self.json_schema_status != 400:
            return None  # answered in _handle with a server error
        if fmt == "json_schema" and not self.json_schema:
            return "response_format json_schema is not supported"
        if fmt == "json_object" and not self.json_mode:
            return "response_format json_object is not supported"
        if body.get("tools") and not self.tools:
            return "tools are not supported"
        return None

    def _handle(self, h: BaseHTTPRequestHandler, body: dict[str, Any]) -> None:
        time.sleep(self.latency)
        fmt = (body.get("response_format") or {}).get("type")
        if fmt == "json_schema" and not self.json_schema and self.json_schema_status != 400:
            # the body llama-cpp-python 0.3.36 sends, verbatim but for the path
            trace = ("1 validation error:\n  {'type': 'literal_error', 'loc': ('body', "
                     "'response_format', 'type'), 'msg': \"Input should be 'text' or "
                     "'json_object'\", 'input': 'json_schema', 'ctx': {'expected': \"'text' "
                     "or 'json_object'\"}}\n\n  File \"llama_cpp/server/app.py\", line 376, "
                     "in create_chat_completion\n    POST /v1/chat/completions")
            self._send(h, self.json_schema_status,
                       json.dumps({"error": {"message": trace, "type": "internal_server_error"}}).encode())
            return
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

    def _forced(self, body: dict[str, Any]) -> bool:
        choice = body.get("tool_choice")
        if not self.forced_tools_only:
            return True
        return isinstance(choice, dict) and choice.get("type") == "function"

    def _message(self, body: dict[str, Any], b: Reply) -> dict[str, Any]:
        if body.get("tools") and b.args is not None and self._forced(body):
            name = body["tools"][0]["function"]["name"]
            call = {"id": "call_1", "type": "function",
                    "function": {"name": name, "arguments": json.dumps(b.args)}}
            return {"role": "assistant", "content": None, "tool_calls": [call]}
        content = b.content if b.content is not None else json.dumps(b.args or {})
        return {"role": "assistant", "content": content}

    @staticmethod
    def _cut(body: dict[str, Any], text: str, finish: str | None) -> tuple[str, str | None]:
        """``text`` cut at ``max_tokens`` (four characters a token) and its finish_reason."""
        limit = body.get("max_tokens") or body.get("max_completion_tokens")
        if limit and len(text) > 4 * int(limit):
            return text[: 4 * int(limit)], "length"
        return text, finish

    def _completion(self, body: dict[str, Any], b: Reply) -> dict[str, Any]:
        msg = self._message(body, b)
        finish: str | None = "tool_calls" if msg.get("tool_calls") else b.finish
        if msg.get("content"):
            msg["content"], finish = self._cut(body, msg["content"], finish)
        return {
            "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "test-model"),
            "choices": [{"index": 0, "message": msg, "finish_reason": finish}],
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
        text, finish = self._cut(body, b.content or "", b.finish)
        self._streaming.set()
        for i in range(0, len(text), 16):
            if self.one_at_a_time and self.waiting and i >= 16:
                self.cut_streams += 1  # llama-cpp-python: another request queued behind this one
                h.wfile.write(b"data: [DONE]\n\n")
                h.wfile.flush()
                return
            event([{"index": 0, "delta": {"content": text[i:i + 16]}, "finish_reason": None}])
            if self.one_at_a_time:
                time.sleep(0.005)
        if finish is not None:
            event([{"index": 0, "delta": {}, "finish_reason": finish}])
        if (body.get("stream_options") or {}).get("include_usage"):
            event([], usage={"prompt_tokens": b.usage[0], "completion_tokens": b.usage[1],
                             "total_tokens": sum(b.usage)})
        h.wfile.write(b"data: [DONE]\n\n")
        h.wfile.flush()
