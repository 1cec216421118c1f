"""``import dcrdraft.review`` stays light: no TUI, LLM or pydantic-heavy modules."""

from __future__ import annotations

import subprocess
import sys


def test_import_review_pulls_in_no_tui_or_llm() -> None:
    code = ("import sys, dcrdraft.review; "
            "bad = [m for m in ('textual', 'langchain_core', 'langchain_openai', 'openai') "
            "if m in sys.modules]; print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ""
