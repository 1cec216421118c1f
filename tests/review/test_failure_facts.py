"""Failure statements are found by where a document files them (a failure-modes heading, a
lead-in such as "Known issues:"), whatever verb they use, and graded by their rate or count."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review.context import Context
from dcrdraft.review.facts.failures import failure_statements


def grades(text: str) -> list[str]:
    ctx = Context.of(read_text(text, "x.md", "markdown"))
    return [f.grade for f in failure_statements(ctx)]


def test_a_sentence_under_a_failure_heading_is_a_failure_whatever_its_verb() -> None:
    assert grades("# Where it goes wrong\n\n- Swaps the pickup and drop-off times in about 1 "
                  "in 40 bookings.\n- Reads handwritten street names poorly on faxed "
                  "forms.\n") == ["pattern", "named"]


def test_a_lead_in_files_the_rest_of_its_paragraph() -> None:
    assert grades("# Pilot\n\nKnown misses: folded receipts, 23 of the 31 misses.\n") == \
        ["pattern"]
    assert grades("# Pilot\n\nThe pilot ran for 6 weeks across 12 depots.\n") == []


def test_a_disclaimer_names_a_failure_at_most_and_a_question_none() -> None:
    assert grades("# Limitations\n\nLike every AI tool, the helper will get things wrong "
                  "in 2% of chats now and then.\n\nWhat happens when the feed is late?\n") \
        == ["named"]
