"""Which way a threshold cell bounds its figure (facts/columns.py ``bound_of``): a comparison
sign says it before any word; "min" after a figure is minutes, not a minimum; "no reading
> 28" is a ceiling; and a band ("0.85–1.15") is missed only outside it (X03)."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import load_rubric, review_document
from dcrdraft.review.facts.columns import bound_of

RUBRIC = load_rubric()


@pytest.mark.parametrize(("cell", "side"), [
    ("≤ 6 min", "ceiling"),
    ("≤ 3 h 00 min", "ceiling"),
    ("No day > 40", "ceiling"),
    ("none above 2 s", "ceiling"),
    ("≥ 85%", "floor"),
    ("min 85%", "floor"),
    ("minimum 0.70", "floor"),
    ("max 350 ms", "ceiling"),
    ("0.85–1.15", None),
])
def test_bound_of(cell: str, side: str | None) -> None:
    assert bound_of(cell) == side


def _x03(rows: str) -> list[str]:
    text = ("# Evaluation\n\n| Metric | Result | Threshold | Status |\n|---|---|---|---|\n"
            + rows)
    report = review_document(read_text(text, "<doc>", "markdown"), RUBRIC)
    return [f.message for f in report.findings if f.code == "X03"]


def test_a_band_is_missed_only_outside_it() -> None:
    assert _x03("| Calibration slope | 0.74 | 0.85–1.15 | Met |\n")
    assert not _x03("| Calibration slope | 0.97 | 0.85–1.15 | Met |\n")


def test_minutes_and_stated_ceilings_are_not_floors() -> None:
    assert not _x03("| Median time to first reply | 4.2 | ≤ 8 min | Met |\n"
                    "| Peak queue length | 31 | No day > 40 | Met |\n")
