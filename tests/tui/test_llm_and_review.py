"""LLM drafting from the TUI against the local OpenAI-compatible server (streaming, cancel,
failing endpoint, no endpoint), and review mode."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TabbedContent, TextArea

import tests.llm.conftest as llm_data
from dcrdraft.llm.settings import LLMSettings
from dcrdraft.tui.app import DcrApp
from dcrdraft.tui.screens.confirm import ConfirmScreen
from dcrdraft.tui.screens.rule import RuleScreen
from tests.llm.oaiserver import NO_WAIT, OpenAIServer, Reply, Status, prompt_of

from .conftest import ROOT, reviewed, wait_for

pytestmark = pytest.mark.anyio


def _settings(server: OpenAIServer) -> LLMSettings:
    return LLMSettings(base_url=server.base_url, model="test-model", cache=False,
                       max_attempts=1, max_retries=0, timeout=10, retry_cap=0.1)


def _responder(delay: float = 0.0) -> Any:
    def respond(body: dict[str, Any]) -> Reply:
        if "executive summary" in prompt_of(body):
            return Reply(content=llm_data.SUMMARY, delay=delay)
        risk = llm_data.risk_for(prompt_of(body))
        return Reply(content=json.dumps(risk), args=risk, delay=delay)
    return respond


def _status(app: DcrApp) -> str:
    return str(app.screen.query_one("#llm-status").content)


async def test_llm_draft_streams_and_fills_only_empty_risk_fields(chatbot: Path) -> None:
    with OpenAIServer(responder=_responder()) as server:
        app = DcrApp(chatbot, llm=_settings(server))
        async with app.run_test(size=(120, 36)) as pilot:
            await reviewed(pilot)
            screen = app.screen
            typed = screen.session.get("risks")[0]["evidence"]
            await pilot.press("ctrl+l")
            await wait_for(pilot, lambda: screen._llm_cancel is None and "finished" in _status(app),
                           timeout=20)
            assert screen.query_one("#llm-stream").line_count > 0  # the summary streamed in
            assert screen.llm_parts is not None and screen.llm_parts.summary
            risk = screen.session.get("risks")[0]
            assert risk["mitigations"] == llm_data.RISK["mitigations"]
            assert risk["evidence"] == typed  # what the author typed stands
            await reviewed(pilot)
            assert "What the system is." in screen.live.markdown
            assert server.requests


async def test_llm_draft_can_be_cancelled_with_escape(chatbot: Path) -> None:
    escaped = threading.Event()
    answer = _responder()

    def respond(body: dict[str, Any]) -> Reply:
        # Every request stays in flight until Esc has been handled; the bound only ends a
        # broken run (a key press can take many seconds on a loaded machine).
        escaped.wait(300)
        return answer(body)

    with OpenAIServer(responder=respond) as server:
        app = DcrApp(chatbot, llm=_settings(server).with_(timeout=300))
        async with app.run_test(size=(120, 36)) as pilot:
            await reviewed(pilot)
            screen = app.screen
            before = json.dumps(screen.session.data, default=str)
            await pilot.press("ctrl+l")
            await wait_for(pilot, lambda: screen._llm_cancel is not None)
            cancel = screen._llm_cancel
            assert cancel is not None
            try:
                await pilot.press("escape")
                await wait_for(pilot, cancel.is_set, timeout=120)
            finally:
                escaped.set()
            await wait_for(pilot, lambda: screen._llm_cancel is None, timeout=20)
            assert "cancelled" in _status(app)
            assert json.dumps(screen.session.data, default=str) == before
            assert screen.llm_parts is None


async def test_failing_endpoint_falls_back_with_warnings(chatbot: Path) -> None:
    with OpenAIServer(responder=lambda body: Status(500, "boom", NO_WAIT)) as server:
        app = DcrApp(chatbot, llm=_settings(server))
        async with app.run_test(size=(120, 36)) as pilot:
            await reviewed(pilot)
            screen = app.screen
            await pilot.press("ctrl+l")
            await wait_for(pilot, lambda: screen._llm_cancel is None, timeout=20)
            shown = _status(app) + str(screen.query_one("#llm-warnings").content)
            assert "template" in shown or "failed" in shown
            assert app.is_running


async def test_without_an_endpoint_it_says_how_to_set_one_up(chatbot: Path) -> None:
    app = DcrApp(chatbot)  # settings resolved from the (cleared) environment
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        text = str(app.screen.query_one("#confirm-text").content)
        assert "OPENAI_BASE_URL" in text and "OPENAI_API_KEY" in text


async def test_review_mode_scrolls_to_the_finding_and_explains_the_rule() -> None:
    doc = ROOT / "tests" / "golden" / "radiology.md"
    app = DcrApp(review=doc)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.report is not None, timeout=10)
        await pilot.pause()
        code, line = screen._entries[0]
        area = screen.query_one("#document", TextArea)
        assert area.text.startswith("# Deployment Clearance Report")
        assert line is not None and area.cursor_location[0] == line - 1
        await pilot.press("down")
        await wait_for(pilot, lambda: area.cursor_location[0] == (screen._entries[1][1] or line) - 1)
        assert area.cursor_location[0] == (screen._entries[1][1] or line) - 1
        await pilot.press("?")
        await wait_for(pilot, lambda: isinstance(app.screen, RuleScreen))
        assert app.screen.rule.code == screen._entries[1][0]


async def test_llm_warnings_stay_visible_after_the_draft(chatbot: Path) -> None:
    """Risks that fall back leave 0 fields filled; the Preview tab and its warnings stay shown."""
    def inventing(body: dict[str, Any]) -> Reply:
        if "executive summary" in prompt_of(body):
            return Reply(content=llm_data.SUMMARY)
        risk = dict(llm_data.risk_for(prompt_of(body)), escalation="Escalate to Becker within 48 hours.")
        return Reply(content=json.dumps(risk), args=risk)

    with OpenAIServer(responder=inventing) as server:
        app = DcrApp(chatbot, llm=_settings(server))
        async with app.run_test(size=(120, 36)) as pilot:
            await reviewed(pilot)
            screen = app.screen
            await pilot.press("ctrl+l")
            await wait_for(pilot, lambda: screen._llm_cancel is None and "finished" in _status(app),
                           timeout=20)
            await wait_for(pilot, lambda: "LLM filled 0 empty risk field(s)" in screen.llm_notice)
            assert "warning(s) shown in Preview" in screen.llm_notice
            await reviewed(pilot)
            assert screen.query_one(TabbedContent).active == "preview-tab"
            warnings = str(screen.query_one("#llm-warnings").content)
            assert "Risk 1: using the template's text" in warnings and "name Becker" in warnings
            assert screen.query_one("#llm-warnings").region.height > 0  # on screen, not hidden


async def test_review_mode_wraps_a_long_finding_message_instead_of_cutting_it() -> None:
    doc = ROOT / "fixtures" / "review" / "trap-vague-monitoring.md"
    app = DcrApp(review=doc)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = app.screen
        await wait_for(pilot, lambda: screen.report is not None, timeout=10)
        await pilot.pause()
        box = screen.query_one("#findings")
        shown = " ".join(box.render_line(y).text.strip() for y in range(box.size.height))
        c11 = next(i for i in screen.report.checklist if i.code == "C11")
        assert len(c11.message) > box.size.width  # long enough that it must wrap
        assert c11.message in " ".join(shown.split())
