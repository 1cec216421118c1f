"""The severity policy: an X-check is an ``error`` (it blocks a document and costs 2 points)
only when its findings on the tuned sets are right at least 95% of the time, measured as
bench/error_precision.py measures it; a check below that is a warning."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from error_precision import MIN_PRECISION, Tally, measure  # noqa: E402

from dcrdraft.review import load_rubric  # noqa: E402


@pytest.fixture(scope="module")
def tally() -> Tally:
    return measure()


def _errors() -> list[str]:
    return sorted(r.code for r in load_rubric().rules
                  if r.code.startswith("X") and r.severity == "error")


@pytest.mark.parametrize("code", _errors())
def test_every_error_check_is_precise_on_the_tuned_sets(code: str, tally: Tally) -> None:
    p = tally.precision(code)
    assert p is None or p >= MIN_PRECISION, \
        f"{code} is an error at precision {p:.2f}: " + "; ".join(tally.wrong.get(code, []))


def test_the_measure_counts_a_finding_on_a_clean_blind_document_as_wrong(tally: Tally) -> None:
    # X05 read the headline metric's target as a bar for every segment of a clean document.
    assert any(w.startswith("01_fraud_scorer.md:") for w in tally.wrong.get("X05", []))
    x05 = load_rubric().get("X05")
    assert x05 is not None and x05.severity == "warning"


def test_figure_comparisons_kept_as_errors_are_measured(tally: Tally) -> None:
    # An error check that never fires on the tuned sets has no measured precision to stand on.
    for code in ("X02", "X03"):
        if code in _errors():
            assert tally.right.get(code, 0) >= 1, f"{code} is an error with no right finding"


def _x02(text: str) -> list[int]:
    from dcrdraft.ingest import read_text
    from dcrdraft.review import review_document

    report = review_document(read_text(text, "x.md", "markdown"))
    return [f.line for f in report.findings if f.code == "X02"]


def test_x02_fires_only_on_certain_facts() -> None:
    summary = "# Executive summary\n\nResolution rate is 93%.\n\n# Evaluation\n\n"
    # The evaluated version's figure, in a value column beside a legacy one: certain.
    assert _x02(summary + "| Metric | Legacy | Candidate |\n|---|---|---|\n"
                          "| Resolution rate | 84% | 91% |\n") == [3]
    # Only a threshold for the metric: the evaluation states no value to contradict.
    assert _x02(summary + "| Metric | Threshold |\n|---|---|\n| Resolution rate | ≥ 91% |\n") \
        == []
    # Only segment rows, no overall figure: the summary may be their average.
    assert _x02(summary + "| Channel | Resolution rate |\n|---|---|\n| Web | 95% |\n"
                          "| Phone | 91% |\n") == []
