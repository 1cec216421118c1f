"""Rows named as parts of the population are a breakdown whatever the table's corner cell
says ("Crop | Plots | Accuracy"); rows of periods, versions, splits, systems or measures are
not."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts import Facts, facts_of
from dcrdraft.review.facts.parts import names_part, parts_down


def facts(tmp_path: Path, text: str) -> Facts:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return facts_of(Context.of(read_document(path)))


def test_rows_named_as_parts_are_segments_under_any_corner(tmp_path: Path) -> None:
    f = facts(tmp_path, "# Evaluation\n\n| Crop | Plots | Accuracy |\n|---|---|---|\n"
                        "| Barley | 120 | 91% |\n| Winter oats | 80 | 84% |\n| Other | 40 | 88% |\n")
    assert [(m.segment, m.value) for m in f.segments] == [
        ("Barley", 91.0), ("Winter oats", 84.0), ("Other", 88.0)]


@pytest.mark.parametrize("corner, labels", [
    ("Model", ["Gradient boosting", "Logistic"]),  # competing systems
    ("Measure", ["Recall", "Precision"]),      # measures
    ("", ["Test", "Validation"]),              # splits
])
def test_rows_that_are_no_parts_give_no_segments(tmp_path: Path, corner: str,
                                                 labels: list[str]) -> None:
    rows = "".join(f"| {x} | 200 | 9{i}% |\n" for i, x in enumerate(labels))
    f = facts(tmp_path, f"# Evaluation\n\n| {corner} | Cases | Accuracy |\n|---|---|---|\n{rows}")
    assert f.segments == []


def test_a_part_name_keeps_its_aside_out() -> None:
    assert names_part("Hill farms (e.g. 'upland', 2 counties)")
    assert not names_part("Release 2.1") and not names_part("Control arm")
    assert parts_down(["North", "Coast"]) and not parts_down(["North"])
