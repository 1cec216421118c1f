"""A switch end users work for themselves (a setting they choose, "if you prefer") is an
opt-out from the feature, not the operator's procedure for rolling the system back: it makes
no rollback procedure for C13, while the operator's own switch still does."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts.rollback import rollback_records


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return path


def c13(tmp_path: Path, text: str) -> str:
    report = review_document(read_document(write(tmp_path, text)))
    return next(c.status for c in report.checklist if c.code == "C13")


@pytest.mark.parametrize("text", [
    "# Help\n\nIf you prefer the old layout, you can switch back to it under Settings > "
    "Display.\n",
    "# Changes\n\nLibrarians can turn the reading suggestions off for themselves with one "
    "toggle.\n",
    "# Questions\n\nCan I turn the summaries off? Yes: Settings › Inbox › Summaries.\n",
])
def test_a_users_own_opt_out_is_no_rollback_procedure(tmp_path: Path, text: str) -> None:
    assert rollback_records(Context.of(read_document(write(tmp_path, text)))) == []
    assert c13(tmp_path, text) == "missing"


def test_the_operators_switch_is_still_a_procedure(tmp_path: Path) -> None:
    text = ("# Rollback\n\nThe library desk can switch the reading suggestions off for every "
            "branch with one toggle in the admin console.\n")
    assert c13(tmp_path, text) == "weak"
