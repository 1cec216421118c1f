"""Config discovery (.dcrdraft.toml, dcrdraft.toml, [tool.dcrdraft]) up to the repo root,
--config and --isolated, located errors, and ``dcrdraft config`` naming each source."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.config.project import find_config, load_config, read_config
from dcrdraft.errors import ConfigError


def test_precedence_in_one_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.dcrdraft]\nselect = ["M"]\n')
    assert find_config(tmp_path) == tmp_path / "pyproject.toml"
    (tmp_path / "dcrdraft.toml").write_text('select = ["C"]\n')
    assert find_config(tmp_path) == tmp_path / "dcrdraft.toml"
    (tmp_path / ".dcrdraft.toml").write_text('select = ["X"]\n')
    assert load_config(tmp_path).settings.select == ["X"]


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "dcrdraft.toml").write_text("fail-under = 70\n")
    sub = tmp_path / "docs"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    assert find_config(sub / "a.md") == tmp_path / "dcrdraft.toml"


def test_discovery_stops_at_repo_root(tmp_path: Path) -> None:
    (tmp_path / "dcrdraft.toml").write_text("fail-under = 70\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert find_config(repo) is None
    assert load_config(repo).path is None


def test_nearest_wins_and_llm_table_is_raw(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".dcrdraft.toml").write_text('fail-on = "error"\n[llm]\nmodel = "m1"\n')
    sub = tmp_path / "team"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[tool.dcrdraft]\nfail-on = "warning"\n'
                                        '[tool.dcrdraft.llm]\nbase-url = "http://x"\n')
    assert load_config(sub).settings.fail_on == "warning"
    assert load_config(sub).llm == {"base-url": "http://x"}
    assert load_config(tmp_path).llm == {"model": "m1"}


def test_explicit_and_isolated(tmp_path: Path) -> None:
    (tmp_path / ".dcrdraft.toml").write_text('ignore = ["X08"]\n')
    other = tmp_path / "ci.toml"
    other.write_text('ignore = ["X01"]\n')
    assert load_config(tmp_path, explicit=other).settings.ignore == ["X01"]
    assert load_config(tmp_path, isolated=True).settings.ignore == []
    with pytest.raises(ConfigError, match="not found"):
        read_config(tmp_path / "nope.toml")


def test_errors_are_located(tmp_path: Path) -> None:
    cfg = tmp_path / ".dcrdraft.toml"
    cfg.write_text('select = ["M"]\n\nfail-on = "sometimes"\n')
    with pytest.raises(ConfigError, match=r"\.dcrdraft\.toml:3: fail-on"):
        read_config(cfg)
    cfg.write_text("selekt = []\n")
    with pytest.raises(ConfigError, match=r":1: selekt: Extra inputs"):
        read_config(cfg)
    cfg.write_text("select = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        read_config(cfg)


def test_config_command_shows_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    Path(".dcrdraft.toml").write_text('ignore = ["X08"]\nfail-under = 60\n')
    res = CliRunner().invoke(cli, ["config"])
    assert res.exit_code == 0, res.output
    lines = {ln.split("=")[0].strip(): ln for ln in res.output.splitlines()[1:]}
    assert lines["ignore"].endswith(".dcrdraft.toml") and '["X08"]' in lines["ignore"]
    assert lines["select"].endswith("# default")
    data = json.loads(CliRunner().invoke(cli, ["config", "--format", "json"]).output)
    assert data["settings"]["fail-under"] == {"value": 60,
                                              "source": str(tmp_path / ".dcrdraft.toml")}
    assert json.loads(CliRunner().invoke(
        cli, ["config", "--isolated", "--format", "json"]).output)["config_file"] is None
    Path(".dcrdraft.toml").write_text("bogus = 1\n")
    bad = CliRunner().invoke(cli, ["config"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
