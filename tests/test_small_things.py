"""Small things a careful user noticed: plurals, the help listing, the README's wording."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dcrdraft.analysis.core import analyse
from dcrdraft.cli import cli
from dcrdraft.inputs.loader import load, load_text

from .conftest import FIXTURES, ROOT


def test_gap_counts_read_as_english(tmp_path: Path) -> None:
    assert analyse(load(FIXTURES / "inputs" / "complete-support-agent.yaml")).gaps_phrase \
        == "no open gaps"
    one = analyse(load(FIXTURES / "inputs" / "complete-support-agent.yaml"))
    one.gaps = one.gaps[:0] + [object()]  # type: ignore[list-item]
    assert one.gaps_phrase == "1 open gap"
    many = analyse(load_text("system: {name: X}\n"))
    assert many.gaps_phrase == f"{len(many.gaps)} open gaps"
    out = tmp_path / "x.md"
    result = CliRunner().invoke(cli, ["draft", str(FIXTURES / "chatbot.yaml"), "-o", str(out),
                                      "--engine", "template"])
    assert result.exit_code == 0 and "open gaps)" in result.stderr


def test_help_lists_every_command_on_one_whole_line() -> None:
    out = CliRunner().invoke(cli, ["--help"]).output
    rules = next(ln for ln in out.splitlines() if ln.strip().startswith("rules "))
    assert rules.rstrip().endswith("examples.") and "..." not in rules


def test_readme_does_not_call_a_draft_with_gaps_complete() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "drafts a complete" not in readme


def test_the_llm_setup_dialog_shows_the_config_table_name() -> None:
    from rich.text import Text

    from dcrdraft.tui.screens.draft import LLM_SETUP

    assert "[llm] table" in Text.from_markup(LLM_SETUP).plain
