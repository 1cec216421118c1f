"""Names are matched by their normalised words: a segment column written as a key is judged
against the metric it names, a risk covers a segment it names in ``segments`` or in its title,
and a figure inside a metric's name is never taken for its value."""

from __future__ import annotations

import pytest

from dcrdraft.analysis.core import analyse, covers, tokens
from dcrdraft.draft import draft
from dcrdraft.inputs.loader import load, load_text
from dcrdraft.inputs.model import Risk
from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.api import review_path
from dcrdraft.review.text import without_operating_points

from .conftest import FIXTURES

FRAUD = FIXTURES / "inputs" / "fraud-screen.yaml"


def test_tokens_normalise_keys_and_names() -> None:
    assert tokens("fraud_recall_at_1pct_hold_rate") == tokens("Fraud recall at 1% hold rate")
    assert tokens("Non-English queries") == tokens("non_english_query")
    assert tokens("recall") != tokens("precision")


def test_a_key_column_is_judged_against_the_metric_it_names() -> None:
    a = analyse(load(FRAUD))
    [col] = a.columns
    assert (col.metric, col.threshold) == ("Fraud recall at 1% hold rate", 0.75)
    assert [f.segment for f in a.failures] == ["New merchants (< 30 days)"]
    text = draft(load(FRAUD)).text
    assert ("fraud_recall_at_1pct_hold_rate against Fraud recall at 1% hold rate, 75% "
            "(higher is better)") in text
    assert "reported, not judged" not in text


def test_a_risk_title_with_the_segments_words_covers_it() -> None:
    a = analyse(load(FRAUD))
    assert a.failures[0].covered_by == ["FR-001"]
    assert not covers(Risk(title="Wrong answers"), "New merchants (< 30 days)")
    assert covers(Risk(title="Fraud not caught at new merchants"), "New merchants (< 30 days)")


def test_a_risk_names_the_segments_it_covers() -> None:
    text = FRAUD.read_text(encoding="utf-8").replace(
        "title: Fraud not caught at new merchants",
        "title: Missed fraud on young accounts\n    segments: [new merchants]")
    a = analyse(load_text(text, "x.yaml"))
    assert a.failures[0].covered_by == ["FR-001"]
    plain = text.replace("    segments: [new merchants]\n", "")
    assert analyse(load_text(plain, "x.yaml")).failures[0].covered_by == []


@pytest.mark.parametrize("text, masked", [
    ("Fraud recall at 1% hold rate: 78% (n = 1,200)",
     "Fraud recall at #% hold rate: 78% (n = 1,200)"),
    ("precision @ 5% FPR is 61%", "precision @ #% FPR is 61%"),
    ("Alert at 5% error rate", "Alert at 5% error rate"),  # an alert threshold, not a name
])
def test_operating_points_are_masked(text: str, masked: str) -> None:
    assert without_operating_points(text) == masked


def test_the_figure_in_a_metric_name_raises_no_finding() -> None:
    codes = {f.code for f in review_path(FRAUD).findings}
    assert not codes & {"X02", "X03", "X08"}, codes
    # A real miss is still caught when the name carries a figure. X03 is an error, so it
    # fires only where the value, threshold and status columns are certain: a table.
    table = ("# Evaluation\n\n| Metric | Result | Threshold | Status |\n|---|---|---|---|\n"
             "| Fraud recall at 1% hold rate | {value} | 75% | PASS |\n")
    missed = read_text(table.format(value="70%"), "x.md")
    assert "X03" in {f.code for f in review_document(missed).findings}
    met = read_text(table.format(value="80%"), "x.md")
    assert "X03" not in {f.code for f in review_document(met).findings}


def test_the_canonical_examples_load_unchanged() -> None:
    for name in ("chatbot.yaml", "radiology.yaml"):
        load(FIXTURES / name)
