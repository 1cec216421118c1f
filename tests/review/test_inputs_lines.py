"""Findings on an inputs file point at the inputs file: every line a review names (text,
JSON, SARIF, GitHub annotations, JUnit) is a line of the YAML/JSON file, at the field the
draft line came from."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML as RoundTripYAML
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from dcrdraft.cli import cli
from dcrdraft.inputs.signing import record_signoff
from dcrdraft.review.api import review_path

from ..conftest import FIXTURES
from ..test_honesty import inputs as random_inputs

INPUTS = [FIXTURES / "chatbot.yaml", FIXTURES / "radiology.yaml",
          FIXTURES / "inputs" / "complete-support-agent.yaml",
          FIXTURES / "inputs" / "fraud-screen.yaml"]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _reported_lines(path: Path) -> list[int]:
    rep = review_path(path)
    assert rep.error is None, rep.error
    out = [f.line for f in rep.findings] + [f.end_line for f in rep.findings]
    return out + [i.line for i in rep.checklist if i.line is not None]


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_every_reported_line_is_in_the_inputs_file(path: Path) -> None:
    n = len(_lines(path))
    assert all(1 <= ln <= n for ln in _reported_lines(path)), (n, _reported_lines(path))


def test_findings_point_at_the_field_they_are_about() -> None:
    path = FIXTURES / "radiology.yaml"
    lines = _lines(path)
    rep = review_path(path)
    x07 = [f for f in rep.findings if f.code == "X07"]
    assert x07 and all("role:" in lines[f.line - 1] for f in x07)
    m01 = next(f for f in rep.findings if f.code == "M01")
    assert "RAD-003" in lines[m01.line - 1]


def test_a_starter_placeholder_points_at_the_name(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    assert CliRunner().invoke(cli, ["init", str(path)]).exit_code == 0
    x01 = [f for f in review_path(path).findings if f.code == "X01"]
    assert len(x01) == 1 and "name: Replace with" in _lines(path)[x01[0].line - 1]


def test_a_stale_signoff_points_at_the_signoffs(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text((FIXTURES / "radiology.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    record_signoff(str(path), role="Legal and Compliance", name="Tom Becker", decision="approve")
    path.write_text(path.read_text(encoding="utf-8").replace("threshold: 90%\n", "threshold: 91%\n"),
                    encoding="utf-8")
    lines = _lines(path)
    [x09] = [f for f in review_path(path).findings if f.code == "X09"]
    assert x09.line <= len(lines) and "Tom Becker" in lines[x09.line - 1]


def _run(path: Path, fmt: str) -> str:
    result = CliRunner().invoke(cli, ["review", "--isolated", "--no-cache", "--format", fmt,
                                      str(path)])
    assert result.exit_code in (0, 1), result.output
    return result.output


@pytest.mark.parametrize("path", INPUTS[:2], ids=lambda p: p.name)
def test_every_format_uses_inputs_lines(path: Path) -> None:
    n = len(_lines(path))
    github = [int(m) for m in re.findall(r"(?:line=|:)(\d+)(?=[,:])", _run(path, "github"))]
    sarif = json.loads(_run(path, "sarif"))
    regions = [loc["physicalLocation"]["region"] for r in sarif["runs"][0]["results"]
               for loc in r["locations"] if "region" in loc["physicalLocation"]]
    sarif_lines = [g.get(k) for g in regions for k in ("startLine", "endLine") if g.get(k)]
    junit = [int(a or b) for a, b in re.findall(r'line="(\d+)"|at line (\d+)', _run(path, "junit"))]
    text = [int(m) for m in re.findall(rf"{re.escape(path.name)}:(\d+):", _run(path, "text"))]
    for name, found in (("github", github), ("sarif", sarif_lines), ("junit", junit),
                        ("text", text)):
        assert found and max(found) <= n, (name, n, found)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(random_inputs())
def test_random_inputs_report_only_their_own_lines(tmp_path: Path, inp: Any) -> None:
    path = tmp_path / "random.yaml"
    data = inp.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    data["system"]["name"] = inp.system.name
    # Written by the YAML 1.2 library the loader reads with, so a string such as '08' is
    # quoted (PyYAML's 1.1 rules leave it bare, and 1.2 then reads it as the integer 8).
    with path.open("w", encoding="utf-8") as out:
        RoundTripYAML().dump(data, out)
    n = len(_lines(path))
    assert all(1 <= ln <= n for ln in _reported_lines(path))
