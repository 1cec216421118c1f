"""M01 over risks answered in bulk or by a paragraph's position: a minute's risk sentence
that turns to a generic answer, one answer given to several risks by kinds of control, and
every risk claimed handled in a slide's clipped grammar."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document


def vague(text: str) -> bool:
    report = review_document(read_text(text, "x.md", "markdown"))
    return any(f.code == "M01" for f in report.findings)


MINUTE = ("# Board minute\n\n## Risks discussed\n\nPia said the crate scanner will mis-sort "
          "chilled stock at dawn; agreed to rota two porters for the first hour on each dock. "
          "{second}\n")


def test_a_minute_sentence_turning_to_a_generic_answer_is_vague() -> None:
    said = "Leo raised a hygiene concern if labels smudge in the wash bay; agreed to keep an eye on it."
    assert vague(MINUTE.format(second=said))


def test_a_minute_sentence_answered_concretely_is_not() -> None:
    said = ("Leo raised a hygiene concern if labels smudge in the wash bay; labels are reprinted "
            "at every shift change by the bay lead.")
    assert not vague(MINUTE.format(second=said))


def test_a_denial_under_a_risks_heading_states_no_risk() -> None:
    said = "The scanner does not weigh or price any crate; we will monitor it."
    assert not vague(MINUTE.format(second=said))


NOTES = ("# Notes for buyers\n\n- Heavy rain on the lens can make the gate camera misread a "
         "number plate. {answer}\n")


def test_risks_answered_together_by_kinds_of_control_are_vague() -> None:
    assert vague(NOTES.format(answer="These are handled through operator checks and training."))


def test_an_answer_with_its_scope_or_a_pointer_is_not() -> None:
    assert not vague(NOTES.format(answer="These are handled by an operator who checks every "
                                         "misread plate before the barrier opens."))
    assert not vague(NOTES.format(answer="These are handled by the controls in section 4."))


def test_every_risk_claimed_handled_in_clipped_grammar_is_vague() -> None:
    assert vague("# Slide 7: Risks\n\n- Main risks: supplier lock-in, data gaps\n"
                 "- All risks handled via the programme board and good practice\n")
    assert vague("# Assurance\n\nThe team has reviewed the main risks for the kiosk and "
                 "suitable safeguards are in place.\n")


LOG = ("# Depot committee notes\n\n## Risk log\n\nThe yard manager took the group through the "
       "log. Pallet labels peeling in frost - mitigated through {answer}. Forklift route "
       "clashes - mitigated through a one-way lane painted in bay 3 and checked by the shift "
       "lead every morning.\n")


def test_a_risk_answered_by_its_own_mitigating_verb_is_judged_on_that_answer() -> None:
    assert vague(LOG.format(answer="ongoing monitoring and continuous improvement"))
    assert not vague(LOG.format(answer="a freezer-grade label stock, spot-checked on 20 "
                                       "pallets each night"))


def test_a_prose_risk_answered_in_the_same_sentence_is_judged_on_that_answer() -> None:
    note = "# About the ferry planner\n\nThe risk of late sailings is real, and we {}.\n"
    assert vague(note.format("handle it via sound oversight and ongoing improvement"))
    assert not vague(note.format("handle it by holding any crossing with winds above 40 "
                                 "knots for the harbour master's approval"))
