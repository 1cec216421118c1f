"""``dcrdraft review --llm`` over a real local endpoint; without --llm no LLM import."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.draft import draft_markdown

from .oaiserver import OpenAIServer, Reply


def test_review_llm_flag_uses_the_judge(chatbot, tmp_path, monkeypatch):
    doc = tmp_path / "dcr.md"
    doc.write_text(draft_markdown(chatbot.inputs))
    monkeypatch.chdir(tmp_path)
    args = {"verdicts": []}
    with OpenAIServer(responder=lambda body: Reply(json.dumps(args), args=args)) as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.base_url)
        result = CliRunner().invoke(cli, ["review", "--llm", "--format", "json", str(doc)])
        assert len(srv.requests) == 1, result.output
    plain = CliRunner().invoke(cli, ["review", "--format", "json", str(doc)])
    assert json.loads(result.stdout)["files"][0]["score"] == json.loads(plain.stdout)["files"][0]["score"]


def test_review_without_llm_never_imports_langchain(tmp_path):
    code = ("import sys; from dcrdraft.cli import cli; "
            "from click.testing import CliRunner; "
            f"CliRunner().invoke(cli, ['review', {str(tmp_path)!r}]); "
            "bad = [m for m in ('langchain_core', 'langchain_openai', 'openai') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
