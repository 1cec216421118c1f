"""The two halves agree: a complete inputs file drafts to a DCR the reviewer calls ready, and
the canonical examples' gaps come back as the checklist items and mistakes they block."""

from __future__ import annotations

from dcrdraft.draft import draft
from dcrdraft.analysis.grounding import allowed_figures, strip_structure, unsupported_figures
from dcrdraft.ingest import read_document
from dcrdraft.inputs.loader import load
from dcrdraft.review import review_document

from .conftest import FIXTURES

COMPLETE = FIXTURES / "inputs" / "complete-support-agent.yaml"


def statuses(path: object) -> tuple[dict[str, str], set[str]]:
    report = review_document(read_document(str(path)))
    return {i.code: i.status for i in report.checklist}, {f.code for f in report.findings}


def test_complete_inputs_draft_to_a_ready_dcr() -> None:
    report = review_document(read_document(str(COMPLETE)))
    assert [i.code for i in report.checklist if i.status != "pass"] == []
    assert report.findings == []
    assert report.ready and report.score == 100
    assert report.recommendation == "approve-with-conditions"


def test_complete_draft_states_only_grounded_figures() -> None:
    result = draft(load(COMPLETE))
    assert unsupported_figures(strip_structure(result.text), allowed_figures(result.analysis)) == []
    # The two failing segments are named in the summary and covered by their risks.
    summary = result.text.split("## 2. Executive Summary")[1].split("## 3.")[0]
    assert "Complex queries" in summary and "Non-English queries" in summary
    assert "covered by SRA-001" in summary and "covered by SRA-002" in summary


def test_chatbot_gaps_come_back_as_missing_items_and_mistakes() -> None:
    items, codes = statuses(FIXTURES / "chatbot.yaml")
    for code in ("C05", "C11", "C12", "C13", "C16", "C17", "C18", "C19"):
        assert items[code] == "missing", code
    assert {"C03", "C04", "C06", "C20"} <= {c for c, s in items.items() if s == "pass"}
    assert {"M03", "M05"} <= codes  # no rollback criteria, no monitoring plan
    assert "X03" not in codes  # its PASS is a true pass


def test_radiology_unsigned_rows_do_not_pass_signoff() -> None:
    items, codes = statuses(FIXTURES / "radiology.yaml")
    assert items["C18"] != "pass"
    assert items["C11"] == "pass" and items["C12"] == "pass"  # monitoring row and triggers
    assert "X07" in codes
