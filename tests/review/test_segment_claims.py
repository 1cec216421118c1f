"""C05's weak floor: a claim that results hold over a range of parts of the population
("across the full range of kiln types"), with no figure per part, is segments named without
figures; a sample's size, a version or a test split is no part."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document


def _c05(text: str) -> str:
    item = review_document(read_text(text, "x.md", "markdown")).item("C05")
    assert item is not None
    return item.status


def test_a_claim_over_a_range_of_parts_is_segments_without_figures() -> None:
    said = ("# Evaluation\n\nThe glaze checker shows high accuracy across the full range of "
            "pottery glazes we fire.\n")
    assert _c05(said) == "weak"
    kitchens = "# Evaluation\n\nResults were consistent across all of our bakery kitchens.\n"
    assert _c05(kitchens) == "weak"


def test_sizes_versions_and_splits_are_no_parts() -> None:
    for span in ("across 2,400 firings", "across both releases of the model",
                 "across all test sets", "across all weeks of the trial"):
        text = f"# Evaluation\n\nThe glaze checker shows high accuracy {span}.\n"
        assert _c05(text) == "missing", span


def test_claims_about_the_data_or_repeated_runs_name_no_parts() -> None:
    built = ("# Evaluation\n\nThe checker was developed using glaze photos from every pottery, "
             "so its accuracy holds across all of our bakery kitchens.\n")
    assert _c05(built) == "missing"
    for units in ("runs and trials", "test scenarios"):
        text = f"# Evaluation\n\nThe checker's accuracy varies a little across {units}.\n"
        assert _c05(text) == "missing", units
