"""Golden renders of every prompt, strict rendering, settings resolution, tokens, imports."""

from __future__ import annotations

import subprocess
import sys

import pytest
from jinja2 import UndefinedError

from dcrdraft.errors import ConfigError
from dcrdraft.llm import prompts, tokens
from dcrdraft.llm.parts import risk_messages
from dcrdraft.llm.summary import summary_messages
from dcrdraft.llm.settings import DEFAULT_MODEL, engine_notice, resolve_settings

from ..conftest import check_golden
from .conftest import HERE

GOLDEN = HERE / "golden"


def _flat(messages) -> str:
    return "".join(f"=== {m.role}\n{m.content}\n" for m in messages)


def test_golden_summary_prompt(chatbot):
    check_golden("summary.txt", _flat(summary_messages(chatbot)), GOLDEN)


def test_golden_risk_prompt(chatbot):
    check_golden("risk.txt", _flat(risk_messages(chatbot, chatbot.risks[0])), GOLDEN)


def test_golden_reask_prompt():
    text = prompts.render("reask.j2", prompts.ReaskPrompt(
        unsupported=["figure 7.5", "name Jane Doe"], problems=["mitigation 1 uses vague wording"]))
    check_golden("reask.txt", text, GOLDEN)


def test_golden_judge_prompts():
    from dcrdraft.llm.judge import judge_messages

    doc = "1: # DCR\n2: The system answers customer questions."
    items = [prompts.JudgeItem(code="C01", name="purpose-clear", question="Is the purpose clear?",
                               status="weak")]
    check_golden("judge.txt", _flat(judge_messages(items, doc)), GOLDEN)


def test_prompt_needs_its_own_inputs_model():
    with pytest.raises(TypeError):
        prompts.render("risk.j2", prompts.ReaskPrompt(unsupported=[], problems=[]))


def test_missing_variable_fails_before_any_request(tmp_path, monkeypatch):
    (tmp_path / "reask.j2").write_text("{{ unsupported }} {{ no_such_thing }}")
    monkeypatch.setenv("DCRDRAFT_PROMPTS", str(tmp_path))
    with pytest.raises(UndefinedError):
        prompts.render("reask.j2", prompts.ReaskPrompt(unsupported=[], problems=[]))


def test_no_endpoint_no_key_means_template_engine():
    assert resolve_settings({}, None, env={}) is None
    assert "template engine" in engine_notice(None)


def test_precedence_flags_env_config():
    env = {"OPENAI_API_KEY": "sk-secret", "DCRDRAFT_MODEL": "env-model"}
    cfg = {"llm": {"model": "cfg-model", "base_url": "http://cfg/v1", "timeout": 5,
                   "max-concurrency": 2, "structured-output": "function_calling"}}
    s = resolve_settings({}, cfg, env=env)
    assert s and s.model == "env-model" and s.base_url == "http://cfg/v1" and s.timeout == 5
    assert s.max_concurrency == 2 and s.structured_output == "function_calling"
    s = resolve_settings({"model": "flag-model", "no_cache": True}, cfg, env=env)
    assert s and s.model == "flag-model" and s.cache is False
    s = resolve_settings({}, None, env={"OPENAI_API_KEY": "k"})
    assert s and s.model == DEFAULT_MODEL and s.timeout == 60 and s.max_concurrency == 4
    assert "sk-secret" not in repr(resolve_settings({}, None, env=env))


def test_keyless_local_endpoint_and_redacted_notice():
    s = resolve_settings({"base_url": "http://user:pw@localhost:11434/v1"}, None, env={})
    assert s is not None and "pw" not in engine_notice(s) and "localhost:11434" in engine_notice(s)


def test_bad_llm_table_is_a_config_error():
    with pytest.raises(ConfigError, match="timeout"):
        resolve_settings({}, {"llm": {"timeout": -1}}, env={"OPENAI_API_KEY": "k"})
    with pytest.raises(ConfigError, match="colour"):
        resolve_settings({}, {"llm": {"colour": "red"}}, env={"OPENAI_API_KEY": "k"})


def test_unknown_model_gets_the_default_encoding():
    assert tokens.encoding_name("llama3.1:8b") == tokens.DEFAULT_ENCODING
    assert tokens.encoding_name("gpt-4o-mini") == "o200k_base"


def test_offline_tiktoken_estimates_with_one_warning():
    counter = tokens.TokenCounter("gpt-4.1-mini")
    text = "The quick brown fox jumps over the lazy dog. " * 10
    assert counter.count(text) >= len(text) / 4  # conservative
    counter.count("again")
    assert len(counter.warnings) == 1 and "TIKTOKEN_CACHE_DIR" in counter.warnings[0]


def test_importing_the_llm_package_does_not_import_langchain():
    code = ("import sys, dcrdraft.llm, dcrdraft.llm.drafting; "
            "bad = [m for m in ('langchain_core', 'langchain_openai', 'openai') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
