"""A comparator stated in the sentence or list item beside the headline figure (the work done
without the system, an earlier version, a bar to clear) is the headline's comparator; one
that is denied, or a version number inside a file name, is not."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts import facts_of
from dcrdraft.review.facts.nearby import nearby_comparators


def _review(text: str) -> tuple[str, bool]:
    report = review_document(read_text(text, "x.md", "markdown"))
    c04 = next(i.status for i in report.checklist if i.code == "C04")
    return c04, any(f.code == "M02" for f in report.findings)


def _nearby(text: str) -> list[float]:
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    return [c.value for c, _u in nearby_comparators(ctx)]


def test_the_next_sentence_gives_the_headline_its_comparator() -> None:
    text = ("# Trial\n\nRouting accuracy was 86% over the four trial weeks. The desk's "
            "usual hand routing sent 70% of the same tickets to the right queue.\n")
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    facts = facts_of(ctx)
    assert facts.headline is not None
    assert 70.0 in [c.value for c in facts.comparators_for(facts.headline)]
    assert _review(text) == ("pass", False)


def test_the_next_list_item_can_be_the_bar() -> None:
    text = ("# Go-live notes\n\n- Shelf counts matched the stock audit in 93% of aisles.\n"
            "- Our acceptance bar for go-live was 90%.\n")
    assert _review(text) == ("pass", False)


def test_a_comparator_in_another_section_is_not_beside_the_result() -> None:
    text = ("# Trial\n\nThe assistant routed 86% of tickets to the right queue.\n\n"
            "# History\n\nSome background on our team.\n\n# Plans\n\n"
            "Next year the old rota may change for 40% of staff.\n")
    assert _review(text)[0] != "pass"


def test_a_denied_comparator_gives_none() -> None:
    assert _nearby("Clerks look at 100% of forms by hand, which is why we hold no "
                   "measured error rate of the old way.") == []
    assert _nearby("The helper routed 86% of tickets; no baseline was run.") == []


def test_a_version_inside_a_file_name_is_no_earlier_version() -> None:
    assert _nearby("net-v1-2.bin: trained on 20% more images.") == []
    assert _nearby("Prompt v0.9 scored 5.4% on the same set.") == [5.4]
