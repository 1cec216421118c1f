"""``dcrdraft tui`` start-up: textual is imported only inside the command, and its absence
is one line with the install hint and exit code 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dcrdraft.tui.app import DcrApp
from dcrdraft.tui.screens.help import HelpScreen

from .conftest import reviewed, wait_for


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)


def test_cli_does_not_import_textual_until_the_command_runs() -> None:
    out = _run("import sys, dcrdraft.cli, dcrdraft.editing.session, dcrdraft.editing.live; "
               "print('textual' in sys.modules)")
    assert out.stdout.strip() == "False"


def test_missing_textual_says_how_to_install_it() -> None:
    out = _run("import sys; sys.modules['textual'] = None\n"
               "from dcrdraft.cli import main\nmain(['tui'])")
    assert out.returncode == 2
    assert "pip install dcrdraft" in out.stderr
    assert "Traceback" not in out.stderr


@pytest.mark.anyio
async def test_f1_lists_the_keys(radiology) -> None:
    app = DcrApp(radiology, llm=None)
    async with app.run_test(size=(120, 36)) as pilot:
        await reviewed(pilot)
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        text = str(app.screen.query_one("#help-keys").content)
        for key in ("Save", "Export", "Review now", "Draft with LLM", "Quit"):
            assert key in text
