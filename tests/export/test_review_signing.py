"""The reviewer reports stale sign-offs (X09) and overdue conditions (X10) of an inputs file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dcrdraft.review.api import review_path
from dcrdraft.inputs.signing import record_signoff

from ..conftest import FIXTURES


def _codes(path: Path) -> list[str]:
    return [f.code for f in review_path(path).findings]


def test_stale_signoff_and_overdue_condition_are_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "radiology.yaml"
    shutil.copy(FIXTURES / "radiology.yaml", path)
    record_signoff(str(path), role="Legal and Compliance", name="Tom Becker", decision="approve")
    assert "X09" not in _codes(path)
    text = path.read_text(encoding="utf-8").replace("threshold: 90%\n", "threshold: 91%\n")
    text += ("  conditions:\n"
             "    - {condition: Rollback drill in staging, owner: Ops, due: 2026-10-15}\n")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DCRDRAFT_TODAY", "2026-11-02")
    codes = _codes(path)
    assert codes.count("X09") == 1 and codes.count("X10") == 1
