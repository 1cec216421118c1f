"""Import hygiene: review and draft start without Textual, LangChain or OpenAI. (The
import-linter contracts run from .ci/run, after the tests.)"""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("textual", "langchain_core", "langchain_openai", "openai", "tiktoken", "matplotlib")


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("code", [
    "import dcrdraft",
    "import dcrdraft.review",
    "import dcrdraft.draft",
    "from dcrdraft.cli import cli",
    "from dcrdraft.draft import draft; from dcrdraft import load; "
    "from dcrdraft.paths import example_path; draft(load(example_path('chatbot')))",
])
def test_no_heavy_imports(code: str) -> None:
    assert loaded_after(code) == set()


def test_public_api_resolves() -> None:
    import dcrdraft

    for name in dcrdraft.__all__:
        assert getattr(dcrdraft, name) is not None


LATER = ("dcrdraft.review.engine", "dcrdraft.draft", "dcrdraft.editing.live", "dcrdraft.llm",
         "markdown_it")
"""Loaded by the TUI after its first frame (review worker) or on demand (LLM, preview)."""


def test_tui_first_screen_waits_for_nothing_it_does_not_show() -> None:
    """The drafting screen's modules load no reviewer, templates, LLM or Markdown renderer:
    those come after the first paint, which is what keeps the first launch fast."""
    probe = ("import dcrdraft.tui.app, dcrdraft.tui.screens.draft, sys\n"
             f"print(' '.join(m for m in {LATER!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []


AFTER_REQUESTS = ("dcrdraft.analysis.guard", "dcrdraft.analysis.binding", "dcrdraft.analysis.charts",
                  "dcrdraft.inputs.signing", "dcrdraft.review")
"""What ``draft --engine llm`` needs only once its requests are out (it loads them meanwhile)."""


def test_llm_drafting_builds_its_requests_without_what_judges_the_replies() -> None:
    """Everything the command imports, up to the prompts and the parts' shared context, leaves
    the claims check, the charts, the sign-off states and the reviewer unloaded: they would
    otherwise delay the first request."""
    probe = (
        "import sys, threading\n"
        "import dcrdraft.cli.draft, dcrdraft.config.project, dcrdraft.draft, dcrdraft.llm.run\n"
        "import dcrdraft.inputs.loader, dcrdraft.draft.export\n"
        "from dcrdraft.analysis.core import analyse\n"
        "from dcrdraft.inputs.loader import load\n"
        "from dcrdraft.paths import example_path\n"
        "from dcrdraft.llm.fake import FakeBackend\n"
        "from dcrdraft.llm.parts import make_context, risk_messages\n"
        "from dcrdraft.llm.summary import summary_messages\n"
        "from dcrdraft.llm.tokens import TokenCounter\n"
        "a = analyse(load(example_path('chatbot')))\n"
        "ctx = make_context(a, FakeBackend(), TokenCounter('gpt-4.1-mini'), 3, threading.Event())\n"
        "messages = [summary_messages(a), *(risk_messages(a, rv) for rv in a.risks)]\n"
        "assert all(messages)\n"
        f"print(' '.join(m for m in {AFTER_REQUESTS!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == []
