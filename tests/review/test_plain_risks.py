"""Risks as plain documents state them: under a heading that asks what could go wrong."""

from __future__ import annotations

import pytest

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.context import Context


def status(text: str, code: str) -> str:
    item = review_document(read_text(text, "x.md", "markdown")).item(code)
    assert item is not None
    return item.status


NOTE = ("# Book-return sorter: how it works\n\nThe sorter reads the barcode of each returned "
        "book and drops it in the crate for its branch.\n\n# {heading}\n\n"
        "- **Torn labels.** A damaged barcode can send a book to the wrong branch; every "
        "crate is checked by a porter before the van leaves, and misrouted books come back "
        "within 2 days.\n"
        "- **Jammed chute.** The chute can stop at peak return times; the desk falls back "
        "to hand sorting and the library manager is paged after 15 minutes.\n")


@pytest.mark.parametrize("heading", ["What might go wrong and how we respond",
                                     "When to be cautious"])
def test_a_plain_heading_over_what_may_go_wrong_holds_the_risks(heading: str) -> None:
    doc = read_text(NOTE.format(heading=heading), "x.md", "markdown")
    ctx = Context.of(doc)
    assert [s.title for s in ctx.sections_of({"risks"})] == [heading]
    text = NOTE.format(heading=heading)
    assert status(text, "C08") == "weak"  # risks listed, no severity or owner
    assert status(text, "C09") == "pass"


def test_a_heading_on_what_went_wrong_reports_no_risks() -> None:
    ctx = Context.of(read_text(NOTE.format(heading="If it goes wrong"), "x.md", "markdown"))
    assert ctx.sections_of({"risks"}) == []

