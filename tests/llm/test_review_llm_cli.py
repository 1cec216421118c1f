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


def test_review_llm_says_when_the_judge_cannot_be_used(chatbot, tmp_path, monkeypatch):
    from .oaiserver import Status

    doc = tmp_path / "dcr.md"
    doc.write_text(draft_markdown(chatbot.inputs))
    monkeypatch.chdir(tmp_path)
    plain = CliRunner().invoke(cli, ["review", "--format", "json", str(doc)])
    with OpenAIServer(responder=lambda body: Status(500, "Traceback (most recent call last):\n"
                                                        "  File x\nRuntimeError: out of memory")) as srv:
        cfg = tmp_path / "elsewhere.toml"
        cfg.write_text(f'[llm]\nbase-url = "{srv.base_url}"\nmax-retries = 1\n')
        result = CliRunner().invoke(cli, ["review", "--llm", "--config", str(cfg),
                                          "--format", "json", str(doc)])
        assert len(srv.requests) >= 2  # --config was honoured: its endpoint was asked
    data = json.loads(result.stdout)
    assert data["llm"]["judge"] == "failed"
    assert "could not be used: HTTP 500: RuntimeError: out of memory" in data["llm"]["notes"][0]
    assert "dcrdraft: llm:" in result.stderr and "out of memory" in result.stderr
    assert "Traceback" not in result.stderr
    assert data["files"][0]["score"] == json.loads(plain.stdout)["files"][0]["score"]
    assert "llm" not in json.loads(plain.stdout)  # the contract is unchanged without --llm


def test_review_llm_reports_discarded_verdicts(chatbot, tmp_path, monkeypatch):
    doc = tmp_path / "dcr.md"
    doc.write_text(draft_markdown(chatbot.inputs))
    monkeypatch.chdir(tmp_path)
    args = {"verdicts": [{"code": "C07", "verdict": "weak", "quote": "words the document never says",
                          "reason": "trust me"}]}
    with OpenAIServer(responder=lambda body: Reply(json.dumps(args), args=args)) as srv:
        monkeypatch.setenv("OPENAI_BASE_URL", srv.base_url)
        result = CliRunner().invoke(cli, ["review", "--llm", "--format", "json", str(doc)])
    data = json.loads(result.stdout)
    notes = data["llm"]["notes"]
    assert data["llm"]["judge"] == "used"
    c07 = next(i for i in data["files"][0]["checklist"] if i["code"] == "C07")
    assert c07["status"] == "pass"  # the rules' pass stands: the quote is not in the document
    assert any("C07" in n and "discarded" in n for n in notes), notes
    assert "discarded" in result.stderr
