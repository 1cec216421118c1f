"""Fixtures for the TUI tests: an isolated state dir and environment, inputs files in a temp
folder (the working directory, so paths shown on screen are stable), and a wait helper."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "fixtures"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "DCRDRAFT_MODEL", "OPENAI_API_BASE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    try:
        import tiktoken

        def offline(name: str) -> Any:
            raise ConnectionError("offline in tests")

        monkeypatch.setattr(tiktoken, "get_encoding", offline)
    except ImportError:
        pass


@pytest.fixture
def radiology(tmp_path: Path) -> Path:
    target = tmp_path / "radiology.yaml"
    shutil.copy(FIXTURES / "radiology.yaml", target)
    return Path("radiology.yaml")


@pytest.fixture
def chatbot(tmp_path: Path) -> Path:
    target = tmp_path / "chatbot.yaml"
    shutil.copy(FIXTURES / "chatbot.yaml", target)
    return Path("chatbot.yaml")


async def wait_for(pilot: Any, condition: Callable[[], object], timeout: float = 10.0) -> None:
    """Let the app run until ``condition()`` is true, then until its screen has handled what
    is pending; fail after ``timeout / 0.02`` sleeps of at least 20 ms each: a bound on turns
    of the event loop, which a loaded machine stretches instead of failing the test, never an
    assertion about speed. The polling sleeps are plain ones: the app shares this event loop,
    so it runs meanwhile, while ``pilot.pause`` would first send a message to every widget on
    the screen and wait for each (most of the TUI tests' CPU time, on every poll)."""
    for _ in range(max(1, int(timeout / 0.02))):
        if condition():
            await pilot.pause()
            return
        await asyncio.sleep(0.02)
    if not condition():
        raise AssertionError(f"timed out waiting for {condition}")
    await pilot.pause()


def score_of(app: Any) -> str:
    return str(app.screen.query_one("#score").content)


async def reviewed(pilot: Any) -> None:
    """Wait until the drafting screen shows a review of the latest edit."""
    from dcrdraft.tui.screens.draft import DraftScreen

    app = pilot.app
    await wait_for(pilot, lambda: isinstance(app.screen, DraftScreen))
    screen = app.screen
    await wait_for(pilot, lambda: screen.live is not None
                   and screen.live.generation == screen.session.generation
                   and not screen._reviewing and screen._review_timer is None, timeout=10)
    await pilot.pause()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
