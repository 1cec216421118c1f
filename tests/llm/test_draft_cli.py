"""``dcrdraft draft --engine llm`` end to end: the real client against the tests' local server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli

from .conftest import RISK, SUMMARY, risk_for
from .oaiserver import NO_WAIT, OpenAIServer, Reply, Status, prompt_of

KEY = "sk-test-do-not-leak-0123456789"


def answer(body: dict[str, Any]) -> Reply:
    return Reply(SUMMARY) if body.get("stream") else Reply(json.dumps(risk_for(prompt_of(body))))


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
    with OpenAIServer(responder=lambda body: Status(500, "boom", NO_WAIT)) as srv:
        result = invoke(srv, "-o", str(out), "--no-cache")
    assert result.exit_code == 0
    assert "warning" in result.stderr
    text = out.read_text()
    assert "## 9. Appendices" in text and "**How well it works.**" in text  # template prose


def test_strict_with_invented_figures_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    invented = SUMMARY.replace("89%", "97.4%")
    out = tmp_path / "dcr.md"

    def liar(body: dict[str, Any]) -> Reply:
        return Reply(invented) if body.get("stream") else Reply(json.dumps(risk_for(prompt_of(body))))

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


def test_strict_exits_3_when_every_part_failed_at_the_endpoint(tmp_path: Path) -> None:
    out, report = tmp_path / "dcr.md", tmp_path / "r.json"
    with OpenAIServer(responder=lambda body: Status(500, "boom", NO_WAIT)) as srv:
        result = invoke(srv, "-o", str(out), "--strict", "--no-cache", "--report", str(report),
                        "--structured-output", "prompt")
        attempts = len(srv.requests)
        probes = len(srv.gets)  # the context-window probe of an unknown model
    assert result.exit_code == 3 and not out.exists()
    assert "3 part(s) fell back" in result.stderr and "HTTP 500: boom" in result.stderr
    data = json.loads(report.read_text())
    assert attempts == 3 * 4  # one call per part, each tried 4 times
    assert data["requests"] == attempts + probes and data["calls"] == 3
    assert [p["http_attempts"] for p in data["parts"]] == [4, 4, 4]
    assert all(p["fallback_reason"] == "endpoint failed: HTTP 500: boom" for p in data["parts"])


def test_llm_flags_beside_the_config_keys(tmp_path: Path) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text('[llm]\nstructured-output = "json_schema"\nmax-concurrency = 4\n')
    report = tmp_path / "r.json"
    with OpenAIServer(responder=answer) as srv:
        result = invoke(srv, "--config", str(cfg), "--structured-output", "json_mode",
                        "--max-concurrency", "1", "--timeout", "7", "--report", str(report))
        fmts = [(b.get("response_format") or {}).get("type") for b in srv.requests
                if not b.get("stream")]
    assert result.exit_code == 0, result.output
    assert fmts == ["json_object", "json_object"]  # the flag beats the config file
    data = json.loads(report.read_text())
    assert data["structured_output"] == "json_mode" and data["concurrency"] == 1
    bad = CliRunner().invoke(cli, ["draft", "--example", "chatbot", "--timeout", "0"])
    assert bad.exit_code == 2


def test_cli_method_choices_match_the_settings() -> None:
    from dcrdraft.cli.draft import CHOICES
    from dcrdraft.llm.settings import CHOICES as SETTINGS_CHOICES

    assert tuple(CHOICES) == SETTINGS_CHOICES
