"""bench/label_agreement.py scores a second labeller exactly as sealed_accuracy scores the
reviewer: a labeller agreeing with itself is 100%, and each changed status or mistake shows."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import label_agreement  # noqa: E402
import sealed_accuracy  # noqa: E402


def _label(**changes: str) -> dict[str, Any]:
    checklist = {f"C{i:02d}": "pass" for i in range(1, 21)} | changes
    return {"category": "medium", "clean": True, "defects": [], "mistakes": ["M02"],
            "checklist": checklist}


def _report(reference: dict[str, Any], second: dict[str, Any],
            capsys: pytest.CaptureFixture[str]) -> str:
    args = type("Args", (), {"disagreements": False})()
    sealed_accuracy.report(reference, label_agreement.as_review(second), args)  # type: ignore[arg-type]
    return capsys.readouterr().out


def test_a_labeller_agrees_with_itself(capsys: pytest.CaptureFixture[str]) -> None:
    labels = {"a.md": _label(), "b.md": _label(C05="weak")}
    out = _report(labels, labels, capsys)
    assert "checklist exact          40/40 (100.0%)" in out
    assert "mistakes micro F1        1.00" in out
    assert "mean |reviewer - label| = 0.0 points" in out


def test_each_disagreement_counts(capsys: pytest.CaptureFixture[str]) -> None:
    reference = {"a.md": _label(), "b.md": _label(C05="weak")}
    second = {"a.md": _label(C03="missing"), "b.md": _label(C05="weak") | {"mistakes": []}}
    out = _report(reference, second, capsys)
    assert "checklist exact          39/40 ( 97.5%)" in out
    assert "addressed vs missing     39/40 ( 97.5%)" in out
    assert "M02     1   0   1  1.00  0.50" in out
