"""A second figure labelled with a colon by what it belongs to ("(previous release: 99.2%)")
is the result's comparator when the label names a release, the way the work is done today or
the people doing it; a label naming a part of the population is no comparator."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.facts.labelled import label_before, names_comparator


def _review(text: str) -> tuple[str, bool]:
    report = review_document(read_text(text, "x.md", "markdown"))
    c04 = next(i.status for i in report.checklist if i.code == "C04")
    return c04, any(f.code == "M02" for f in report.findings)


def test_a_bracketed_release_figure_is_the_comparator() -> None:
    text = "# Numbers\n\n- Seed germination accuracy: 93.1% (4.7: 90.6%)\n"
    assert _review(text) == ("pass", False)


def test_a_bracketed_figure_of_the_people_doing_the_task_is_the_comparator() -> None:
    text = "# Findings\n\nHeat-curve error rate: 0.8% (shift inspectors: 2.3%)\n"
    assert _review(text) == ("pass", False)


def test_a_dashed_figure_of_the_old_way_with_its_count_is_the_comparator() -> None:
    text = "# Replay\n\nRoute accuracy: 88.0% — old paper rota: 222 / 300 (74.0%)\n"
    assert _review(text) == ("pass", False)


def test_a_bracketed_part_of_the_population_is_no_comparator() -> None:
    text = "# Results\n\nHarvest forecast accuracy is 94% (hill farms: 88%).\n"
    assert _review(text) == ("missing", True)


def test_a_label_opening_the_sentence_is_its_subject() -> None:
    text = "Kiln monitor accuracy: 93.1% on 400 firings."
    assert label_before(text, text.index("93.1")) is None


def test_the_label_names_the_comparator_only_when_it_is_the_other_side() -> None:
    assert names_comparator("4.7")
    assert names_comparator("shift inspectors")
    assert names_comparator("previous release")
    assert not names_comparator("hill farms")
    assert not names_comparator("new release")
