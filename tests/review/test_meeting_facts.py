"""Meeting facts (review/facts/meeting.py): the attendees minutes name and those the decision's
section records as agreeing, by initials, first name or surname; C18 passes on two or more."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts.meeting import agreeing_attendees, attendees

_MINUTES = """# Orchard irrigation scheduler - go/no-go

**Chair:** Wendy Larkin, Head of Growing
**Present:** Piet Sorensen (Agronomy); Hugo Madsen, Water Manager; Iris Camara (Finance)

## 1. Results

The scheduler cut water use by 14% against last season on the trial blocks.

## 2. Decision

**GO** for all blocks from 1 May 2026. {assent}

*Minutes approved by chair: W. Larkin, 20 April 2026.*
"""


def _ctx(text: str) -> Context:
    return Context.of(read_text(text, "m.md", "markdown"))


def _c18(text: str) -> str:
    report = review_document(read_text(text, "m.md", "markdown"))
    return next(c.status for c in report.checklist if c.code == "C18")


def test_attendees_are_people_not_their_titles() -> None:
    people = attendees(_ctx(_MINUTES.format(assent="")))
    assert [a.name for a in people] == ["Wendy Larkin", "Piet Sorensen", "Hugo Madsen",
                                        "Iris Camara"]


def test_assent_by_initials_first_names_or_surnames_counts_each_attendee() -> None:
    for assent in ("Agreed by WL (chair), PS and HM.", "Wendy, Piet and Hugo: go.",
                   "In favour: Larkin, Sorensen, Madsen."):
        doc = _MINUTES.format(assent=assent)
        assert agreeing_attendees(_ctx(doc)) == ["Wendy Larkin", "Piet Sorensen", "Hugo Madsen"]
        assert _c18(doc) == "pass"  # the minutes' own approval row does not hide them


def test_no_assent_recorded_or_one_attendee_is_no_signoff_by_the_meeting() -> None:
    assert agreeing_attendees(_ctx(_MINUTES.format(assent="Actions below."))) == []
    one = _MINUTES.format(assent="Agreed by IC.")
    assert agreeing_attendees(_ctx(one)) == ["Iris Camara"]
    assert _c18(one) == "weak"
    assert agreeing_attendees(_ctx(_MINUTES.format(assent="PS and HM did not agree."))) == []
