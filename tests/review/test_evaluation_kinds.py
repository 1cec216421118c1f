"""A word naming a concrete kind of evaluation (a pilot, a back-test, a hold-out set, a
replay, a shadow run) touches the methodology: C02 is weak, not missing, even where nothing
says what the sample was or how outputs were judged."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document


def _c02(text: str) -> str:
    report = review_document(read_text(text, "x.md", "markdown"))
    item = report.item("C02")
    assert item is not None
    return item.status


def test_a_pilot_named_without_its_sample_is_weak() -> None:
    assert _c02("# Notes\n\nThe greenhouse pilot ran for a season and the growers liked "
                "the watering plans.\n") == "weak"


def test_a_back_test_named_without_its_sample_is_weak() -> None:
    assert _c02("# Why we think it works\n\nA back-test over the last two winters showed "
                "fewer frozen pipes.\n") == "weak"


def test_what_a_model_learned_from_is_no_evaluation() -> None:
    assert _c02("# Notes\n\nThe planner learned from three years of delivery routes.\n") \
        == "missing"
