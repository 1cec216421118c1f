"""An overall residual level passes C10 with its reasons, which a document may set right after
the level as a gloss of its own ("Moderate: ...", "medium (...)", "Low - ...") rather than
with "because"; a bare level, or a range of levels ("Low–Medium, acceptable"), stays weak."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document


def c10(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C10")


@pytest.mark.parametrize("level", [
    "Moderate: the paper timetable still covers every stop the planner gets wrong.",
    "Medium (night buses may run late until the depot data is cleaned).",
    "Low - a driver may still follow a stale detour for one shift.",
    "Medium, driven by the two depots whose stop lists were never checked.",
])
def test_a_level_with_its_gloss_passes(tmp_path: Path, level: str) -> None:
    assert c10(tmp_path, f"# Risks\n\nResidual risk after these measures: {level}\n") == "pass"


@pytest.mark.parametrize("level", [
    "Medium.",
    "Low–Medium, acceptable for a planner of this kind.",
])
def test_a_bare_level_or_a_range_stays_weak(tmp_path: Path, level: str) -> None:
    assert c10(tmp_path, f"# Risks\n\nResidual risk after these measures: {level}\n") == "weak"


@pytest.mark.parametrize("text", [
    "# Recommendation\n\nApprove. Residual risk after these measures: Medium (night buses may "
    "run late until the depot data is cleaned).\n",
    "# Conditions\n\nUntil the two open audit points are closed, residual risk from the "
    "planner is assessed as moderate.\n",
])
def test_a_decision_or_its_conditions_may_give_the_reasoned_level(tmp_path: Path,
                                                                  text: str) -> None:
    assert c10(tmp_path, text) == "pass"
