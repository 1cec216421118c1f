"""Two parts of the population set against each other in one sentence, each with its figure,
are a breakdown in prose (C05 pass, M04 quiet); a figure set against a comparator (the
writer's own staff, a named tool, drafts made by people, a bar, the whole) is not."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.facts.compared import compared_parts


def _judged(text: str) -> tuple[str, list[str]]:
    report = review_document(read_text(text, "x.md", "markdown"))
    c05 = next(c.status for c in report.checklist if c.code == "C05")
    return c05, [f.code for f in report.findings if f.code == "M04"]


def test_a_part_named_after_its_figure_is_the_second_side() -> None:
    assert compared_parts("Hill farms reported late 12.5% of the time (30 of 240), against "
                          "4.1% (41 of 1,000) for valley farms.")
    assert compared_parts("Loose parcels were misread 3.2% of the time versus 1.1% among "
                          "boxed parcels, mostly from torn labels.")


def test_a_part_named_before_its_bracketed_figure_is_the_second_side() -> None:
    assert compared_parts("Spoilage on the north barge (6.0–7.5%) was higher than on the "
                          "south barge (2.1–3.0%).")
    assert compared_parts("Weekday hit rate (61.0%) is lower than Weekend trade (70.2%).")


def test_a_comparator_on_the_other_side_is_no_breakdown() -> None:
    assert not compared_parts("It read 94% of meters, compared with 89% for our meter "
                              "readers' rounds.")
    assert not compared_parts("Error rate 4.0% against 1.5% for notes typed by clerks.")
    assert not compared_parts("Share picked was 20% for GrainWise vs 26% for the almanac.")
    assert not compared_parts("Recall 90% against 85% for the rules engine.")
    assert not compared_parts("Recall 90% against the 85% target for launch.")
    assert not compared_parts("Recall 90% overall against 71% for hill farms.")  # one part


def test_two_parts_compared_in_prose_pass_c05_and_quiet_m04() -> None:
    aggregate = "# Results\n\nLate reports were caught 91% of the time (previous release 86%).\n"
    assert _judged(aggregate) == ("missing", ["M04"])
    compared = aggregate + ("\nHill farms were caught 84% of the time (n=240), against 93% "
                            "(n=1,000) for valley farms.\n")
    assert _judged(compared) == ("pass", [])
