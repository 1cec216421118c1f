"""SARIF output read back by an independent SARIF 2.1.0 object model (sarif-pydantic) and
checked for the fields GitHub code scanning requires."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sarif_pydantic import Sarif

from dcrdraft.review.ci import CiRun, RunOptions, run_ci
from dcrdraft.review.formats import render

FIX = Path(__file__).resolve().parents[2] / "fixtures" / "review"


def check_github_sarif(text: str) -> Sarif:
    raw = json.loads(text)
    assert raw["$schema"].endswith("sarif-2.1.0.json") and raw["version"] == "2.1.0"
    log = Sarif.model_validate(raw)
    assert log.version == "2.1.0" and len(log.runs) == 1
    run = log.runs[0]
    driver = run.tool.driver
    assert driver.name == "dcrdraft"
    ids = [r.id for r in driver.rules]
    assert len(ids) == len(set(ids))
    for rule in driver.rules:
        assert rule.short_description and rule.short_description.text
        assert rule.full_description and rule.full_description.text
        assert rule.help and rule.help.text
    for res in run.results or []:
        assert res.rule_id in ids and res.message.text
        assert driver.rules[res.rule_index].id == res.rule_id
        assert res.partial_fingerprints and all(res.partial_fingerprints.values())
        assert "primaryLocationLineHash" not in res.partial_fingerprints
        (loc,) = res.locations
        assert loc.physical_location.artifact_location.uri
        assert " " not in loc.physical_location.artifact_location.uri
        assert loc.physical_location.region.start_line >= 1
    return log


def test_fixed_run_is_valid_for_github(run: CiRun) -> None:
    log = check_github_sarif(render(run, "sarif"))
    results = log.runs[0].results
    by_rule = {r.rule_id: r for r in results}
    # a missing item anchored at the expected section's heading, naming it
    assert by_rule["C12"].locations[0].physical_location.region.start_line == 44
    assert "Deployment Conditions" in by_rule["C12"].message.text
    # no such section at all: line 1, the section named
    assert by_rule["C18"].locations[0].physical_location.region.start_line == 1
    assert 'heading like "Sign-off"; none found' in by_rule["C18"].message.text
    raw = json.loads(render(run, "sarif"))["runs"][0]
    suppressed = [r for r in raw["results"] if r.get("suppressions")]
    assert {r["ruleId"] for r in suppressed} == {"X06", "C17"}
    assert all(s["suppressions"][0]["justification"] for s in suppressed)
    assert raw["invocations"][0]["toolExecutionNotifications"][0]["level"] == "error"


def test_live_review_is_valid_for_github(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIX.parent.parent)
    run = run_ci(RunOptions(paths=["fixtures/review/weak-memo.md",
                                   "fixtures/review/trap-rollback-tbd.md"], isolated=True))
    log = check_github_sarif(render(run, "sarif"))
    uris = {r.locations[0].physical_location.artifact_location.uri for r in log.runs[0].results}
    assert uris <= {"fixtures/review/weak-memo.md", "fixtures/review/trap-rollback-tbd.md"}
    fps = [tuple(r.partial_fingerprints.values()) for r in log.runs[0].results]
    assert len(fps) == len(set(fps))


def test_fingerprints_survive_moved_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    monkeypatch.chdir(tmp_path)
    text = "# Risks\n\n- Bias. Mitigation: careful review.\n\n# Rollback\n\nRollback: TBD\n"
    Path("a.md").write_text(text)
    first = json.loads(render(run_ci(RunOptions(["a.md"], isolated=True)), "sarif"))
    Path("a.md").write_text("# Title\n\nIntro line.\n\n" + text)
    second = json.loads(render(run_ci(RunOptions(["a.md"], isolated=True)), "sarif"))

    def fps(log: dict) -> set[str]:
        return {r["partialFingerprints"]["dcrdraft/v1"] for r in log["runs"][0]["results"]
                if r["properties"]["kind"] == "finding"}

    assert fps(first) and fps(first) == fps(second)


def test_locations_are_relative_to_the_repository_root(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from dcrdraft.review.formats.sarif import ROOT_ID, _location, repository_root

    (tmp_path / ".git").mkdir()
    sub = tmp_path / "team" / "dcrs"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    root = repository_root()
    assert root == tmp_path.resolve()
    assert _location("my dcr.md", root) == {"uri": "team/dcrs/my%20dcr.md", "uriBaseId": ROOT_ID}
    outside = _location(str(tmp_path.parent / "x.md"), root)
    assert outside["uri"].startswith("file:///") and "uriBaseId" not in outside
