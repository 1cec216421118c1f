"""``dcrdraft draft --engine llm`` end to end: the real client against the tests' local server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli

from .conftest import RISK, SUMMARY
from .oaiserver import OpenAIServer, Reply, Status

KEY = "sk-test-do-not-leak-0123456789"


def answer(body: dict[str, Any]) -> Reply:
    return Reply(SUMMARY) if body.get("stream") else Reply(json.dumps(RISK))


def invoke(srv: OpenAIServer, *args: str) -> Any:
    env = {"OPENAI_BASE_URL": srv.base_url, "OPENAI_API_KEY": KEY, "DCRDRAFT_MODEL": "test-model"}
    return CliRunner().invoke(cli, ["draft", "--example", "chatbot", *args], env=env)


def test_llm_draft_writes_summary_and_risks_and_report(tmp_path: Path) -> None:
    out, report = tmp_path / "dcr.md", tmp_path / "report.json"
    with OpenAIServer(responder=answer) as srv:
        result = invoke(srv, "-o", str(out), "--report", str(report))
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Factual errors about product features occur in 2.3% of responses" in text
    assert "Rebuild the knowledge base from the product documentation" in text
    data = json.loads(report.read_text())
    assert {p["engine"] for p in data["parts"]} == {"llm"}
    cache = tmp_path / "xdg-cache"  # where the autouse fixture points XDG_CACHE_HOME
    for f in [out, report, *cache.rglob("*")]:
        if f.is_file():
            assert KEY not in f.read_text(errors="ignore"), f


def test_failing_endpoint_falls_back_to_the_template(tmp_path: Path) -> None:
    out = tmp_path / "dcr.md"
    with OpenAIServer(responder=lambda body: Status(500, "boom")) as srv:
        result = invoke(srv, "-o", str(out), "--no-cache")
    assert result.exit_code == 0
    assert "warning" in result.stderr
    text = out.read_text()
    assert "## 9. Appendices" in text and "**How well it works.**" in text  # template prose


def test_strict_with_invented_figures_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    invented = SUMMARY.replace("89%", "97.4%")
    out = tmp_path / "dcr.md"

    def liar(body: dict[str, Any]) -> Reply:
        return Reply(invented) if body.get("stream") else Reply(json.dumps(RISK))

    with OpenAIServer(responder=liar) as srv:
        result = invoke(srv, "-o", str(out), "--strict", "--no-cache")
    assert result.exit_code == 3
    assert "97.4" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("engine", ["llm", "auto"])
def test_existing_output_is_refused_before_any_request(tmp_path: Path, engine: str) -> None:
    out = tmp_path / "dcr.md"
    out.write_text("precious")
    with OpenAIServer(responder=answer) as srv:
        result = invoke(srv, "-o", str(out), "--engine", engine)
        assert srv.requests == []
    assert result.exit_code == 2 and out.read_text() == "precious"
