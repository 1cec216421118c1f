"""--changed-since and --compare-to in a temporary git repository."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dcrdraft.cli import cli

from .conftest import git

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "review"
VAGUE = "# Risks\n\n- Bias. Mitigation: careful review.\n"


def review(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(cli, ["review", *args])
    assert "Traceback" not in res.output, res.output
    return res.exit_code, res.stdout


def _seed(repo: Path) -> None:
    (repo / "docs").mkdir()
    (repo / "docs/same.md").write_text(VAGUE)
    (repo / "docs/edited.md").write_text(VAGUE)
    (repo / "docs/gone.md").write_text(VAGUE)
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")


def test_changed_since_picks_changed_and_untracked(repo: Path) -> None:
    _seed(repo)
    (repo / "docs/edited.md").write_text(VAGUE + "\nRollback: TBD\n")
    (repo / "docs/gone.md").unlink()
    (repo / "docs/new.md").write_text(VAGUE)
    (repo / "notes.txt").write_text("not under docs")
    code, out = review("docs", "--changed-since", "main", "--format", "json")
    assert [f["path"] for f in json.loads(out)["files"]] == ["docs/edited.md", "docs/new.md"]
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "next")
    _, out = review("docs", "--changed-since", "HEAD", "--format", "json")
    assert json.loads(out)["files"] == []
    _, out = review("docs", "--changed-since", "HEAD~1", "--format", "json")
    assert [f["path"] for f in json.loads(out)["files"]] == ["docs/edited.md", "docs/new.md"]


def test_changed_since_bad_ref_is_usage_error(repo: Path) -> None:
    _seed(repo)
    assert review("docs", "--changed-since", "no-such-branch")[0] == 2


def test_compare_to_reports_changes(repo: Path) -> None:
    (repo / "dcr.md").write_text((FIX / "strong-guide-style.md").read_text())
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "base")
    text = (repo / "dcr.md").read_text()
    (repo / "dcr.md").write_text(text + "\n## More risks\n\n- Drift. Mitigation: careful review.\n")
    (repo / "added.md").write_text(VAGUE)
    _, out = review("dcr.md", "added.md", "--compare-to", "main", "--format", "markdown")
    assert "**Against `main`:** score" in out
    assert "Introduced: `M01/vague-risk`" in out
    assert "**Against `main`:** new document." in out
    _, out = review("dcr.md", "--compare-to", "main", "--format", "jsonl")
    head = json.loads(out.splitlines()[0])
    assert head["base_score"] > head["score"]
    assert review("dcr.md", "--compare-to", "nope")[0] == 2
