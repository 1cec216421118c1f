"""A sentence setting a figure beside its comparator's figure is a comparison even when the
figure reader cannot name the measure: the headline has a baseline, and M02 stays quiet."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document


def _review(text: str) -> tuple[str, bool]:
    report = review_document(read_text(text, "x.md", "markdown"))
    c04 = next(i.status for i in report.checklist if i.code == "C04")
    return c04, any(f.code == "M02" for f in report.findings)


def test_a_figure_with_its_previous_release_beside_it_is_compared() -> None:
    text = ("# Results\n\nCrust colour judged right by the panel: 96.4% LQS (1.8: 95.1%).\n\n"
            "# Decision\n\nShip it to all bakeries.\n")
    assert _review(text) == ("pass", False)


def test_a_lone_comparator_figure_compares_nothing() -> None:
    text = ("# Results\n\nThe panel scored the loaves well. The previous release scored "
            "95.1%.\n\n# Decision\n\nShip it to all bakeries.\n")
    assert _review(text)[0] != "pass"
