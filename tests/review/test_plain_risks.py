"""Risks as plain documents state them: under a heading that asks what could go wrong, and
answered by actions an owner carries out by a date (an audit's agreed actions)."""

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


FINDING = ("# Finding 3: the reorder model runs without a stop rule\n\n## Why it matters\n\n"
           "The main risk is a stale demand feed: the model would then over-order chilled "
           "lines for days before anyone noticed.\n\n## Management response\n\n{actions}\n")
ACTIONS = ("| Action | Owner | Due |\n|---|---|---|\n"
           "| Alert the buying desk when the feed is older than 6 hours | Ines Paredes | "
           "30 June 2027 |\n"
           "| Cap any single order at twice the four-week average | Tom Quayle | "
           "15 July 2027 |\n")


def test_actions_given_to_a_named_owner_by_a_date_are_concrete_mitigations() -> None:
    assert status(FINDING.format(actions=ACTIONS), "C09") == "pass"


def test_actions_without_owner_or_date_stay_some_mitigation() -> None:
    plain = ("- Alert the buying desk when the feed is older than 6 hours.\n"
             "- Look at capping large orders.\n")
    assert status(FINDING.format(actions=plain), "C09") == "weak"


def test_a_status_row_or_a_page_owner_is_no_owned_action() -> None:
    from dcrdraft.review.facts.risks import owned_actions
    text = ("# Reorder model status\n\nPage owner: Ines Paredes, updated 3 May 2027 by the "
            "planning team.\n\n| Workstream | Owner | Status |\n|---|---|---|\n"
            "| Feed freshness alert for the buying desk | Tom Quayle | Complete |\n")
    assert owned_actions(Context.of(read_text(text, "x.md", "markdown"))) == []
