"""``draft --engine llm`` run from the command line ends without tearing the interpreter down
(LangChain's teardown took longer than the drafting after the replies), yet its output is
whole, its exit status right and the exit handlers (the reviewer's pattern cache) still run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from dcrdraft.cli import cli

from .conftest import SUMMARY, risk_for
from .oaiserver import OpenAIServer, Reply, prompt_of

OFFLINE = ("import tiktoken\n"
           "def offline(name):\n    raise ConnectionError('offline in tests')\n"
           "tiktoken.get_encoding = offline\n")


def answer(body: dict[str, Any]) -> Reply:
    return Reply(SUMMARY) if body.get("stream") else Reply(json.dumps(risk_for(prompt_of(body))))


def _env(srv: OpenAIServer) -> dict[str, str]:
    return {"OPENAI_BASE_URL": srv.base_url, "OPENAI_API_KEY": "sk-test",
            "DCRDRAFT_MODEL": "test-model"}


def _main(srv: OpenAIServer, *args: str) -> subprocess.CompletedProcess[str]:
    """``dcrdraft draft ...`` through the console entry point, in a fresh process."""
    code = OFFLINE + f"from dcrdraft.cli import main\nmain({list(args)!r})\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={**os.environ, **_env(srv)}, timeout=120)


def test_the_draft_on_stdout_is_whole_and_exit_handlers_ran(tmp_path: Path) -> None:
    args = ["draft", "--example", "chatbot", "--engine", "llm", "--no-cache"]
    with OpenAIServer(responder=answer) as srv:
        run = _main(srv, *args)
        same = CliRunner().invoke(cli, args, env=_env(srv))
    assert run.returncode == 0, run.stderr
    assert same.exit_code == 0 and run.stdout == same.stdout  # all of it was flushed
    assert "Factual errors about product features occur in 2.3% of responses" in run.stdout
    saved = list((tmp_path / "xdg-cache").rglob("regex-*.bin"))  # written by an exit handler
    assert saved, "the exit handlers did not run"


def test_a_failing_exit_status_survives(tmp_path: Path) -> None:
    invented = SUMMARY.replace("89%", "97.4%")

    def liar(body: dict[str, Any]) -> Reply:
        return Reply(invented) if body.get("stream") else Reply(json.dumps(risk_for(prompt_of(body))))

    out = tmp_path / "dcr.md"
    with OpenAIServer(responder=liar) as srv:
        run = _main(srv, "draft", "--example", "chatbot", "--engine", "llm", "--no-cache",
                    "--strict", "-o", str(out))
    assert run.returncode == 3, run.stderr
    assert "--strict" in run.stderr and not out.exists()


def test_finish_gives_what_system_exit_would() -> None:
    code = ("import atexit\nfrom dcrdraft.cli import fastexit\n"
            "atexit.register(print, 'handler ran')\n"
            "print('before', end='')\nfastexit.finish({!r})\n")
    for value, status, err in ((None, 0, ""), (4, 4, ""), ("no such file", 1, "no such file\n")):
        run = subprocess.run([sys.executable, "-c", code.format(value)], capture_output=True,
                             text=True, timeout=60)
        assert (run.returncode, run.stdout, run.stderr) == (status, "beforehandler ran\n", err)
