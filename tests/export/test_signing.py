"""Approvals bound to content: material edits make every signature stale, cosmetic ones do not;
``dcrdraft sign`` edits the inputs in place, keeping comments, order and every other line."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dcrdraft.cli import cli
from dcrdraft.draft import draft
from dcrdraft.inputs.loader import load, load_text
from dcrdraft.inputs.signing import (
    content_hash,
    overdue_conditions,
    record_signoff,
    signoff_states,
    stale_signoffs,
)

from ..conftest import FIXTURES

DAY = dt.date(2026, 11, 2)


@pytest.fixture
def signed(tmp_path: Path) -> Path:
    """The radiology inputs with two signatures on the current content."""
    path = tmp_path / "radiology.yaml"
    path.write_text((FIXTURES / "radiology.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    record_signoff(str(path), role="Clinical AI Lead", name="Dr. Amara Osei",
                   decision="approve", on=DAY)
    record_signoff(str(path), role="Chief Medical Officer", name="Dr. Lee Park",
                   decision="approve-with-conditions", note="Monthly audit, as agreed", on=DAY)
    return path


def _edited(path: Path, old: str, new: str) -> list[str]:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    inputs = load_text(text.replace(old, new), str(path))
    return [s.role for s in stale_signoffs(inputs)]


def test_fresh_signatures_are_current(signed: Path) -> None:
    states = signoff_states(load(signed))
    assert [s.status for s in states] == ["current", "current", "pending", "pending"]


@pytest.mark.parametrize("old, new", [
    ("threshold: 90%\n", "threshold: 88%\n"),  # the deployment threshold
    ("threshold: 90%, direction", "threshold: 89%, direction"),  # a monitoring threshold
    ("sensitivity: 92%", "sensitivity: 91%"),  # a segment result
    ("version: 1.0.0", "version: 1.0.1"),
    ("severity: critical", "severity: high"),
    ("Quarterly fairness audit.", "Yearly fairness audit."),  # a mitigation
    ("decision: approve-with-conditions\n", "decision: approve\n"),  # the recommendation
    ("Sensitivity below 88%", "Sensitivity below 85%"),  # a rollback trigger
    ("Despite 94% sensitivity", "Despite 93% sensitivity"),  # a figure inside prose
])
def test_material_edit_makes_every_signature_stale(signed: Path, old: str, new: str) -> None:
    assert _edited(signed, old, new) == ["Clinical AI Lead", "Chief Medical Officer"]


@pytest.mark.parametrize("old, new", [
    ("Reduce missed findings", "Reduce misssed findings"),  # business case: prose
    ("integration: Runs on images", "integration: Runs on the images"),
    ("may be missed, delaying diagnosis", "may be missed, which delays diagnosis"),
    ("Quarterly fairness audit.", "Quarterly  fairness audit"),  # spacing and punctuation
    ("author: Dr. Amara Osei, Clinical AI Lead", "author: Dr Amara Osei, Clinical AI lead"),
])
def test_cosmetic_edit_keeps_signatures_current(signed: Path, old: str, new: str) -> None:
    assert _edited(signed, old, new) == []


def test_purpose_typo_does_not_unsign() -> None:
    text = (FIXTURES / "chatbot.yaml").read_text(encoding="utf-8")
    before = load_text(text.replace("  risk_tier", "  purpose: Answers product questoins.\n  risk_tier"))
    after = load_text(text.replace("  risk_tier", "  purpose: Answers product questions.\n  risk_tier"))
    assert content_hash(before) == content_hash(after)


def test_signing_changes_only_the_signoffs_block(signed: Path) -> None:
    original = (FIXTURES / "radiology.yaml").read_text(encoding="utf-8").splitlines()
    now = signed.read_text(encoding="utf-8").splitlines()
    assert len(now) == len(original)
    changed = [i for i, (a, b) in enumerate(zip(original, now)) if a != b]
    assert [original[i].split(",")[0] for i in changed] == [
        "  - {role: Clinical AI Lead", "  - {role: Chief Medical Officer}"]
    assert now[0].startswith("# Structured inputs")  # the author's comments stay


def test_sign_appends_a_block_and_keeps_comments(tmp_path: Path) -> None:
    path = tmp_path / "chatbot.yaml"
    original = (FIXTURES / "chatbot.yaml").read_text(encoding="utf-8")
    path.write_text(original, encoding="utf-8")
    result = CliRunner().invoke(cli, ["sign", str(path), "--role", "Product lead", "--name",
                                      "Ana Ruiz", "--decision", "approve", "--date", "2026-11-02"])
    assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original)  # nothing before it moved
    so = load(path).signoffs[0]
    assert (so.role, so.name, so.decision, so.date) == ("Product lead", "Ana Ruiz", "approve", DAY)
    assert so.content_hash == content_hash(load(FIXTURES / "chatbot.yaml"))


def test_comments_inside_the_signoffs_block_survive(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        "system: {name: X}  # the system\n"
        "signoffs:\n"
        "  # legal signs last\n"
        "  - role: Legal  # counsel\n"
        "    name: Jo\n"
        "\n"
        "# the decision\n"
        "recommendation:\n"
        "  decision: approve\n", encoding="utf-8")
    record_signoff(str(path), role="Legal", name="Jo", decision="disapprove", note="Not yet", on=DAY)
    text = path.read_text(encoding="utf-8")
    for kept in ("# the system", "# legal signs last", "# counsel", "# the decision"):
        assert kept in text
    assert text.index("signoffs:") < text.index("recommendation:")
    assert load(path).signoffs[0].decision == "disapprove"


def test_sign_json_inputs(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"system": {"name": "X"}}), encoding="utf-8")
    record_signoff(str(path), role="Legal", name="Jo", decision="approve", on=DAY)
    assert load(path).signoffs[0].date == DAY


def test_sign_refuses_invalid_inputs(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("system: {}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["sign", str(path), "--role", "Legal", "--name", "Jo",
                                      "--decision", "approve"])
    assert result.exit_code == 2 and path.read_text(encoding="utf-8") == "system: {}\n"


def test_draft_shows_stale_and_current(signed: Path) -> None:
    text = signed.read_text(encoding="utf-8").replace("threshold: 90%\n", "threshold: 91%\n")
    md = draft(load_text(text, "x.yaml")).text
    assert md.count("**⚠ signed an earlier version**") == 2
    assert "> **Stale sign-off:** Chief Medical Officer (Dr. Lee Park) signed an earlier" in md
    assert "| current |" in draft(load(signed)).text


CONDITIONS = """
recommendation:
  decision: approve-with-conditions
  conditions:
    - {condition: Fairness audit by sex and race, owner: Lena Fischer, due: 2026-12-01}
    - {condition: Rollback drill in staging, owner: Ops, due: 2026-10-15}
"""


def test_overdue_conditions_with_injected_today(monkeypatch: pytest.MonkeyPatch) -> None:
    inputs = load_text("system: {name: X}\n" + CONDITIONS)
    assert overdue_conditions(inputs, dt.date(2026, 10, 15)) == []
    assert [c.owner for c in overdue_conditions(inputs, dt.date(2026, 10, 16))] == ["Ops"]
    assert len(overdue_conditions(inputs, dt.date(2027, 1, 1))) == 2
    monkeypatch.setenv("DCRDRAFT_TODAY", "2026-11-02")
    md = draft(inputs).text
    assert "> **Overdue condition:** Rollback drill in staging. Owner: Ops; due 2026-10-15" in md
    assert "Fairness audit by sex and race. Owner" not in md
    monkeypatch.setenv("DCRDRAFT_TODAY", "2026-09-01")
    assert "Overdue condition" not in draft(inputs).text
