"""A sentence naming where the system does worst ("faded receipts are the weak spot") is the
thin floor of a breakdown: C05 weak and M04 quiet, since a part was examined; a weak spot in
the user guide's contents, or one only conjectured, examines nothing."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.facts.segments import weak_spot

_AGGREGATE = "# Results\n\nThe till reader gets 95% of receipts right (previous release 92%).\n"


def _judged(text: str) -> tuple[str, list[str]]:
    report = review_document(read_text(text, "x.md", "markdown"))
    c05 = next(c.status for c in report.checklist if c.code == "C05")
    return c05, [f.code for f in report.findings if f.code == "M04"]


def test_a_named_weak_spot_is_found_not_conjectured() -> None:
    assert weak_spot("Faded thermal receipts are the weak spot.")
    assert weak_spot("Weakest on handwritten totals, which staff key in.")
    assert weak_spot("Known blind spots: foreign currency and split bills.")
    assert not weak_spot("Faded receipts may be a weak spot.")
    assert not weak_spot("We found no weak spot in the trial.")
    assert not weak_spot("The reader is weak overall.")


def test_a_weak_spot_named_in_the_results_is_a_weak_breakdown_and_quiets_m04() -> None:
    assert _judged(_AGGREGATE) == ("missing", ["M04"])
    found = _AGGREGATE + "\nFaded thermal receipts are the weak spot, so staff key those in.\n"
    assert _judged(found) == ("weak", [])


def test_a_weak_spot_in_the_user_guide_examines_nothing() -> None:
    guide = _AGGREGATE + ("\n# User guide\n\nThe till guide covers what the reader does and its "
                          "known weak spots, and how to report a wrong total.\n")
    assert _judged(guide) == ("missing", ["M04"])
