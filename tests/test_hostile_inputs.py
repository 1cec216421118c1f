"""Malformed and hostile inputs files: every command that reads one answers with one line
naming the file (and the line where there is one) and exit code 2; never a traceback, never
"internal error". How long each takes is measured in bench/hostile_inputs.py, not here."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli

from .hostile import CASES

COMMANDS: dict[str, list[str]] = {
    "draft": ["draft", "--engine", "template", "{path}"],
    "export": ["export", "{path}", "-o", "{out}/dcr.md"],
    "sign": ["sign", "{path}", "--role", "Legal", "--name", "Jo", "--decision", "approve"],
    "review": ["review", "{path}", "--no-cache"],
}

NOT_FOR = {("review", "directory")}
"""A folder given to review is a folder of documents to review, not a bad inputs file."""


def _invoke(args: list[str]) -> tuple[int, list[str], str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.stderr.strip().splitlines(), result.stdout


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize(("case", "build", "needle"), CASES, ids=[c[0] for c in CASES])
def test_one_line_exit_2(tmp_path: Path, command: str, case: str, build: object,
                         needle: str) -> None:
    if (command, case) in NOT_FOR:
        pytest.skip("not an inputs file for this command")
    path = build(tmp_path)  # type: ignore[operator]
    out = tmp_path / "out"
    out.mkdir()
    args = [a.format(path=path, out=out) for a in COMMANDS[command]]
    before = _snapshot(path)
    code, lines, _stdout = _invoke(args)
    assert code == 2, lines
    assert len(lines) == 1, lines
    line = lines[0]
    assert needle in line
    assert str(path) in line or path.name in line
    assert "internal error" not in line and "Traceback" not in line
    assert len(line) < 400
    assert not list(out.iterdir()), "nothing is written for a bad inputs file"
    assert _snapshot(path) == before, "the inputs file is never changed"


def _snapshot(path: Path) -> bytes | None:
    """The bytes of a regular file (None for FIFOs, devices and folders, never opened)."""
    return path.read_bytes() if path.is_file() else None


@pytest.mark.parametrize(("case", "build", "needle"),
                         [c for c in CASES if c[0] in ("alias-bomb", "int-5000-digits",
                                                       "deep-json-array", "impossible-date")],
                         ids=lambda c: c if isinstance(c, str) else "")
def test_located_by_line(tmp_path: Path, case: str, build: object, needle: str) -> None:
    """Problems inside the file name the line the author must fix."""
    path = build(tmp_path)  # type: ignore[operator]
    _code, lines, _ = _invoke(["draft", str(path)])
    assert lines[0].startswith(f"{path}:")
    assert lines[0].split(":")[1].isdigit(), lines[0]


def test_a_typo_file_lists_50_problems_and_a_count(tmp_path: Path) -> None:
    path = tmp_path / "typos.yaml"
    path.write_text("system:\n  name: x\n" + "".join(f"typo_{i}: 1\n" for i in range(5000)))
    code, lines, _ = _invoke(["draft", str(path)])
    assert code == 2
    assert len(lines) == 51
    assert lines[0] == f"{path}:3: typo_0: unknown key 'typo_0'"
    assert lines[-1] == f"dcrdraft: {path}: ... and 4,950 more problems"


def test_secondary_and_primary_rates_follow_one_rule(tmp_path: Path) -> None:
    path = tmp_path / "rates.yaml"
    path.write_text("system:\n  name: x\nevaluation:\n  primary_metric:\n    name: Recall\n"
                    "    threshold: 89\n  secondary_metrics:\n"
                    "    - {name: Precision, value: 94, n: 10}\n"
                    "    - {name: Latency, value: 1.2 s, threshold: 2 s, higher_is_better: false}\n")
    code, lines, _ = _invoke(["draft", str(path)])
    assert code == 2
    assert lines == [
        f"{path}:6: evaluation.primary_metric.threshold: 89 is ambiguous: write 89% or 0.89",
        f"{path}:8: evaluation.secondary_metrics[0].value: 94 is ambiguous: write 94% or 0.94;"
        " a figure in other units needs its unit (e.g. 1.2 s)",
    ]


def test_small_aliases_still_work(tmp_path: Path) -> None:
    """The alias budget refuses bombs, not ordinary reuse."""
    path = tmp_path / "alias.yaml"
    path.write_text("system:\n  name: Bot\nrisks:\n"
                    "  - {title: Risk 0, owner: &o {name: Ana, role: ML lead}}\n"
                    + "".join(f"  - {{title: Risk {i}, owner: *o}}\n" for i in range(1, 50)))
    code, lines, stdout = _invoke(["draft", "--engine", "template", str(path)])
    assert code == 0, lines
    assert stdout.count("Ana") >= 50
