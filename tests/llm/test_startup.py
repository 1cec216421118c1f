"""Start-up of ``draft --engine llm``: the requests go out before the warm-up, and the warm-up
(claims check, template engine, reviewer) runs while they are out. The time itself is
measured by ``bench/llm_bench.py --startup-only``."""

from __future__ import annotations

import subprocess
import sys
import threading
from typing import Any

import pytest

from dcrdraft.llm import draft_parts, drafting, prompts
from dcrdraft.llm.fake import FakeBackend
from dcrdraft.llm.openai_backend import unused_async_client

from .conftest import RISK, SUMMARY, risk_reply


@pytest.mark.parametrize("limit", [4, 1])
def test_warm_up_starts_once_every_part_has_asked(chatbot, settings, monkeypatch, limit):
    # Replies wait for the warm-up, so a warm-up that waited for replies could never start;
    # with one request at a time the two queued parts count as out (they wait for a slot).
    monkeypatch.setattr(drafting, "WARM_UP_WAIT", 60.0)  # only a broken wait would reach it
    warming, waiting = threading.Event(), threading.Event()
    asked_when_warming: list[int] = []
    # The parts build their prompts only once drafting waits for them, so a warm-up that
    # did not wait would start before any part had asked.
    wait, build = drafting._Departures.wait, prompts.messages

    def waits(self: Any, timeout: float) -> None:
        waiting.set()
        wait(self, timeout)

    def builds(*args: Any) -> Any:
        waiting.wait(5)
        return build(*args)

    monkeypatch.setattr(drafting._Departures, "wait", waits)
    monkeypatch.setattr(prompts, "messages", builds)

    def after_warm_up(reply: Any) -> Any:
        def fn(messages: Any, schema: Any) -> Any:
            assert warming.wait(30), "the warm-up never started"
            return reply(messages, schema) if callable(reply) else reply
        return fn

    fake = FakeBackend().enqueue(after_warm_up(SUMMARY), match="executive summary").enqueue(
        after_warm_up(risk_reply), after_warm_up(risk_reply), match="Expand risk")

    def meanwhile() -> None:
        asked_when_warming.append(len(fake.history))
        warming.set()

    out = draft_parts(chatbot, settings.with_(max_concurrency=limit), backend=fake,
                      meanwhile=meanwhile)
    assert asked_when_warming == [min(3, limit)]
    assert out.summary is not None and len(out.risks) == 2 and len(fake.history) == 3


def test_a_part_that_needs_no_request_counts_as_out(chatbot, settings, monkeypatch):
    """A risk complete in the inputs never asks; the warm-up does not wait for it (the other
    parts' replies wait for the warm-up)."""
    monkeypatch.setattr(drafting, "WARM_UP_WAIT", 60.0)
    chatbot.risks[0].risk = chatbot.inputs.risks[0].model_copy(update=dict(RISK))
    warming = threading.Event()

    def after_warm_up(reply: Any) -> Any:
        def fn(messages: Any, schema: Any) -> Any:
            assert warming.wait(30), "the warm-up never started"
            return reply(messages, schema) if callable(reply) else reply
        return fn

    fake = FakeBackend().enqueue(after_warm_up(SUMMARY), match="executive summary").enqueue(
        after_warm_up(risk_reply), match="Expand risk")
    out = draft_parts(chatbot, settings, backend=fake, meanwhile=warming.set)
    assert len(fake.history) == 2 and [p.engine for p in out.parts] == ["llm", "inputs", "llm"]


def test_the_async_client_langchain_holds_is_never_trusted(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                 "all_proxy", "OPENAI_PROXY"):
        monkeypatch.delenv(name, raising=False)
    given = unused_async_client()
    assert set(given) == {"http_async_client"}
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.invalid:3128")
    assert unused_async_client() == {}  # LangChain's own clients, which find the proxy
    monkeypatch.delenv("HTTPS_PROXY")
    monkeypatch.setenv("OPENAI_PROXY", "http://proxy.invalid:3128")
    assert unused_async_client() == {}


def test_the_backend_prepares_for_the_replies_once(chatbot, settings):
    """``prepare`` runs once, in the warm-up, with the schemas the replies will fill."""
    prepared: list[tuple[int, list[str]]] = []

    class Preparing(FakeBackend):
        def prepare(self, schemas: list[type]) -> None:
            prepared.append((len(self.history), [s.__name__ for s in schemas]))

    fake = Preparing().enqueue(SUMMARY, match="executive summary").enqueue(
        risk_reply, risk_reply, match="Expand risk")
    draft_parts(chatbot, settings, backend=fake)
    assert len(prepared) == 1 and prepared[0][1] == ["RiskEntry"]


def test_reply_types_are_built_before_the_first_reply() -> None:
    """The OpenAI client defers its reply types' validators to the first reply;
    ``build_reply_types`` builds every model a completion, chunk or parsed reply holds."""
    probe = (
        "from openai.types.chat import ChatCompletion, ChatCompletionChunk\n"
        "from dcrdraft.llm.openai_backend import _models_in, build_reply_types\n"
        "from dcrdraft.llm.schemas import RiskEntry\n"
        "found = set()\n"
        "for root in (ChatCompletion, ChatCompletionChunk): _models_in(root, found)\n"
        "before = sum(not m.__pydantic_complete__ for m in found)\n"
        "build_reply_types([RiskEntry])\n"
        "print(len(found), before, sum(not m.__pydantic_complete__ for m in found))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    models, deferred, left = map(int, out.stdout.split())
    assert models > 10 and deferred > 0 and left == 0
