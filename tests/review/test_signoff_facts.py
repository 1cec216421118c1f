"""Sign-off facts: each approver with role, name, date and decision, placeholders recognised;
C18, X07 and C17 judged over them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dcrdraft.ingest import read_document, read_text
from dcrdraft.review import review_document
from dcrdraft.review.context import Context
from dcrdraft.review.facts.signoffs import (SignOff, decision_of, mail_approvals, signoffs,
                                            to_date)


def facts(tmp_path: Path, text: str) -> list[SignOff]:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return signoffs(Context.of(read_document(path)))


def test_a_table_row_gives_role_name_date_and_decision(tmp_path: Path) -> None:
    got = facts(tmp_path, "# Sign-off\n\n| Role | Name | Decision | Date |\n|---|---|---|---|\n"
                          "| Data steward | Noor Aziz | approve-with-conditions | 2025-09-14 |\n"
                          "| Legal | [Name] | | |\n| Security | TBD | disapprove | 2025-09-15 |\n")
    assert [(s.role, s.name, s.iso_date, s.decision, s.placeholder) for s in got] == [
        ("Data steward", "Noor Aziz", dt.date(2025, 9, 14), "approve-with-conditions", False),
        ("Legal", None, None, None, True),
        ("Security", None, dt.date(2025, 9, 15), "disapprove", True)]
    assert [s.line for s in got] == [5, 6, 7]


def test_approver_lines_and_sentences(tmp_path: Path) -> None:
    got = facts(tmp_path, "# Sign-off\n\nFleet PM — Bea Lindqvist — 2025-03-02\n"
                          "Pricing — pending\n")
    assert [(s.role, s.name, s.date) for s in got] == [("Fleet PM", "Bea Lindqvist", "2025-03-02"),
                                                        ("Pricing", None, None)]
    assert got[1].placeholder
    got = facts(tmp_path, "# Close-out\n\nSigned off by Ravi Menon (Claims Ops) and Ada Brandt "
                          "(Platform) on 9 April 2025.\n")
    assert [(s.role, s.name, s.iso_date, s.decision) for s in got] == [
        ("Claims Ops", "Ravi Menon", dt.date(2025, 4, 9), "approve"),
        ("Platform", "Ada Brandt", dt.date(2025, 4, 9), "approve")]


@pytest.mark.parametrize(("text", "want"), [
    ("approve", "approve"), ("Approved with conditions", "approve-with-conditions"),
    ("disapprove", "disapprove"), ("rejected", "disapprove"), ("LGTM", "approve"),
    ("pending", None)])
def test_decisions_as_written(text: str, want: str | None) -> None:
    assert decision_of(text) == want


def test_dates_without_a_year_or_impossible_ones_are_not_dates() -> None:
    assert to_date("3 March 2026") == dt.date(2026, 3, 3)
    assert to_date("March 3, 2026") == dt.date(2026, 3, 3)
    assert to_date("8 Jul") is None and to_date("2026-13-45") is None


def _item(text: str, code: str) -> str:
    report = review_document(read_text(text, "x.md", "markdown"))
    item = report.item(code)
    assert item is not None
    return item.status


def test_a_legal_and_compliance_signoff_is_no_regulatory_position() -> None:
    doc = ("# Sign-off\n\n| Role | Name | Decision | Date |\n|---|---|---|---|\n"
           "| Product owner | Ines Varga | approve | 2026-02-11 |\n"
           "| Legal and Compliance | Omar Haddad | approve | 2026-02-12 |\n")
    assert _item(doc, "C18") == "pass"
    assert _item(doc, "C17") == "missing"
    stated = doc + "\n# Regulatory\n\nThe EU AI Act applies as a limited-risk system; the " \
                   "chat notice meets its transparency obligation.\n"
    assert _item(stated, "C17") == "pass"


def test_placeholder_names_are_never_signatures() -> None:
    doc = ("# Sign-off\n\n| Role | Name | Date |\n|---|---|---|\n"
           "| Engineering | [Name] | 2026-02-11 |\n| Product | TBD | 2026-02-11 |\n")
    assert _item(doc, "C18") == "weak"  # roles set out to sign, no approver named
    report = review_document(read_text(doc, "x.md", "markdown"))
    assert [f.line for f in report.findings if f.code == "X07"] == [5, 6]


def _governance(text: str) -> str:
    """A short document whose governance section is ``text`` alone."""
    return f"# Summary\n\nA router for incoming parcels.\n\n# Governance\n\n{text}\n"


@pytest.mark.parametrize("text", [
    "Approved for use by Lena Kowalski on 12 May 2026.",
    "The assistant was reviewed and endorsed through the Clinical Safety Board.",
    "Procurement Legal has reviewed the proposal and raised no objection.",
    "Record checked and reviewed by T. Aldana, Model Assurance, 3 June 2026.",
])
def test_an_attributed_approval_is_a_weak_signoff(text: str) -> None:
    assert _item(_governance(text), "C18") == "weak"


@pytest.mark.parametrize("text", [
    "This note has been reviewed through the organisation's governance process.",
    "Flagged parcels are reviewed by the Depot Team before dispatch.",
    "It is not yet approved by the Risk Committee.",
    "Generated labels were reviewed by engineers and found to be accurate.",
])
def test_an_unattributed_or_ongoing_review_is_no_signoff(text: str) -> None:
    assert _item(_governance(text), "C18") == "missing"


def test_placeholder_rows_are_not_rescued_by_an_attributed_review() -> None:
    doc = ("# Review\n\nThe Model Risk Committee reviewed this report.\n\n# Sign-off\n\n"
           "| Role | Name | Date |\n|---|---|---|\n| Engineering | [Name] | [Date] |\n")
    assert _item(doc, "C18") == "weak"
    item = review_document(read_text(doc, "x.md", "markdown")).item("C18")
    assert item is not None and "approvers are placeholders" in item.message


@pytest.mark.parametrize(("text", "status"), [
    # the roles who must sign are listed with their names left as placeholders: weak
    ("# Approvals\n\n| Function | Approver | Signed |\n|---|---|---|\n"
     "| Harbour master | [Name] | [Date] |\n| Port legal | TBD | |\n", "weak"),
    ("# Approvals\n\n- Harbour master: [Name]\n- Port legal: [Name]\n", "weak"),
    # a form's empty approver field names no role that must sign: missing
    ("# Approvals\n\nApproved by: N/A\n", "missing"),
])
def test_roles_awaiting_named_approvers_are_a_weak_signoff(text: str, status: str) -> None:
    assert _item(text, "C18") == status


def test_a_who_line_lists_the_people_whose_decision_the_notes_record() -> None:
    doc = ("# Launch review\n\n**Who:** Ana Ruiz (Product), Tomas Berg (Legal)\n\n"
           "## Decisions\n\n1. Go ahead: the router goes live on 2 March.\n")
    assert _item(doc, "C18") == "weak"


def test_approvers_after_an_initial_are_kept(tmp_path: Path) -> None:
    got = facts(tmp_path, "# Release 4.1\n\nApproved: K. Osei (Ops lead) and M. Brandt "
                          "(Safety), 2026-04-01. Questions to the service desk.\n")
    assert [(s.name, s.iso_date) for s in got] == [("K. Osei", dt.date(2026, 4, 1)),
                                                    ("M. Brandt", dt.date(2026, 4, 1))]


def test_a_results_table_in_the_sign_off_part_holds_no_approvers(tmp_path: Path) -> None:
    got = facts(tmp_path, "# Sign-off\n\n| Role | Name | Decision |\n|---|---|---|\n"
                          "| Ward lead | Ada Quist | Approve |\n| Pharmacy | Tomas Berg | Approve |\n\n"
                          "| Band | Share | Rate |\n|---|---|---|\n| A | 12% | 0.4% |\n"
                          "| B | 30% | 1.1% |\n")
    assert [s.name for s in got] == ["Ada Quist", "Tomas Berg"]


def test_approvers_after_a_dash_or_a_signature_mark_are_read(tmp_path: Path) -> None:
    got = facts(tmp_path, "# Go-live\n\nApproved for the Leeds depot from 4 May — Rosa Quint, "
                          "Depot Manager, and Ade Bello, Safety Lead, 28 April 2026.\n")
    assert [(s.name, s.decision) for s in got] == [("Rosa Quint", "approve"),
                                                   ("Ade Bello", "approve")]
    signed = facts(tmp_path, "# Outcome\n\nGranted as asked. /s/ Maria Ortiz-Bell, Deputy "
                             "Registrar, 2 March 2026\n")
    assert [(s.name, s.date) for s in signed] == [("Maria Ortiz-Bell", "2 March 2026")]


def _c18(text: str) -> str:
    report = review_document(read_text(text, "x.md", "markdown"))
    return next(i.status for i in report.checklist if i.code == "C18")


def test_a_roll_call_of_votes_is_a_sign_off_and_a_results_row_is_not(tmp_path: Path) -> None:
    got = facts(tmp_path, "# Minutes\n\n| Name | Role | Vote |\n|---|---|---|\n"
                          "| Ana Ruiz | Ops lead | Go |\n"
                          "| Tom Berg | Safety lead | Go, with conditions |\n")
    assert [(f.name, f.decision) for f in got] == [
        ("Ana Ruiz", "approve"), ("Tom Berg", "approve-with-conditions")]
    got = facts(tmp_path, "# Approvals\n\n| Group | n | Rate | Ratio |\n|---|---|---|---|\n"
                          "| Women-led firms | 1,020 | 58.1% | 0.93 |\n")
    assert got == []


def test_one_approval_on_record_is_a_single_signer() -> None:
    assert _c18("# Outcome\n\nThe Model Risk Committee approved v5 on 12 March 2026.\n") == "weak"


_THREAD = ("From: Rosa Lind <rosa@example.org>\nDate: Tue, 5 May 2026 10:02\n\n{0}\n\n"
           "> From: Omar Vale <omar@example.org>\n> Date: Mon, 4 May 2026 16:40\n>\n"
           "> Fine by us on the ops side.\n\n"
           "> > From: Jo Brand <jo@example.org>\n> > Date: Mon, 4 May 2026 09:15\n> >\n"
           "> > Pilot numbers attached; I am happy with them.\n")


def test_senders_who_approve_in_their_own_dated_messages_sign_a_thread() -> None:
    def rows(first: str) -> list[SignOff]:
        return signoffs(Context.of(read_text(_THREAD.format(first), "t.txt", "text")))
    found = rows("Thanks both. I'm approving go-live for the depot on 12 May.")
    assert [(r.name, r.date) for r in found] == [("Rosa Lind", "5 May 2026"),
                                                 ("Omar Vale", "4 May 2026"),
                                                 ("Jo Brand", "4 May 2026")]
    # the one who asks and one who approves are a single signer, not a thread's sign-off
    assert rows("Can you approve go-live for the depot by Friday?") == []


@pytest.mark.parametrize("text", [
    "# Ask\n\nThe Operations Board is asked to endorse go-live of the rota planner in June.\n",
    "# Approvals\n\nApprovers: Head of Logistics, Chief Risk Officer.\n",
    "# Review\n\n@tkwan approved these changes; the canary stays at 5% until Friday.\n",
    "Hi all,\n\nI approve the first wave for the twelve northern depots.\n",
])
def test_an_approval_discussed_with_someone_to_give_it_is_weak(text: str) -> None:
    # sign-off is touched though no approver is named with a date: weak, not missing
    assert _c18(text) == "weak"


@pytest.mark.parametrize("text", [
    "# How it works\n\nYou approve or edit each suggested plan before it is sent.\n",
    "# Governance\n\nThe tool was approved through our standard governance process by Legal.\n",
    "# Status\n\nGo-live approval from the Change Board is pending.\n",
    "# Ask\n\nApprove the rota planner for all depots from June.\n",
])
def test_no_approver_or_an_approval_not_given_leaves_sign_off_missing(text: str) -> None:
    # a user approving output, a process credited with approval, an approval awaited, or a
    # bare ask with nobody named to answer it
    assert _c18(text) == "missing"


def c18(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    item = review_document(read_document(path)).item("C18")
    assert item is not None
    return item.status


MEMO = ("# Memo\n\n**To:** Depot managers\n**From:** Lena Brandt, Head of Logistics\n"
        "**Date:** 4 May 2026\n\n## What it does\n\nThe planner orders the next day's van "
        "loads.\n\n## Decision\n\n{decision}\n")


def test_a_memo_decision_granted_or_about_requests_is_taken_not_proposed(
        tmp_path: Path) -> None:
    # "as requested" grants the ask; "requests" are what the planner handles: the sender
    # decided, one signer, so sign-off is touched (weak), not absent
    taken = ["Approved as requested.",
             "We will switch the planner on for all new load requests from 11 May 2026."]
    assert [c18(tmp_path, MEMO.format(decision=d)) for d in taken] == ["weak", "weak"]
    assert c18(tmp_path, MEMO.format(decision="We propose to switch the planner on for all "
                                              "depots from 11 May 2026.")) == "missing"


def test_a_decision_signed_by_one_titled_person_is_a_single_signer(tmp_path: Path) -> None:
    doc = "# Kiln scheduler go-live\n\n## Decision\n\n{decision}\n"
    signed = ["GO - Maren Holt, Plant Manager, 14 Sep 2026.",
              "Go for all four plants from 21 September.\n\nMaren Holt, Director of "
              "Operations - September 14, 2026"]
    assert [c18(tmp_path, doc.format(decision=d)) for d in signed] == ["weak", "weak"]
    # a capitalised run with no title is a firm or a product, not a signer
    assert c18(tmp_path, doc.format(decision="Kiln Planner Cloud went live for all "
                                             "plants on 14 Sep 2026.")) == "missing"


def test_approvers_after_what_or_where_they_approved(tmp_path: Path) -> None:
    # "approved at the meeting by: ..." names its approvers as "approved by: ..." does
    got = facts(tmp_path, "# Minutes, 2 June 2026\n\nApproved at the meeting by: Ines Varga "
                          "(Head of Stores), Piet Olsen (Finance Director).\n")
    assert [(s.name, s.decision) for s in got] == [("Ines Varga", "approve"),
                                                    ("Piet Olsen", "approve")]
    assert c18(tmp_path, "# Minutes, 2 June 2026\n\nApproved for release by: Ines Varga "
                         "(Head of Stores), Piet Olsen (Finance Director).\n") == "pass"


@pytest.mark.parametrize("text", [
    # a review tool's approvals of a change, each with its handle and date
    "# Change 88: new berth planner\n\nMoves the planner to v3.\n\n"
    "> **@rkaur** approved these changes · 4 Mar 2026\n\n"
    "> **@tmoss** approved these changes · 5 Mar 2026\n",
    # ticked checklist boxes naming who signed
    "# Release checklist\n\n- [x] Harbour ops sign-off (@lvance, 2026-04-07)\n"
    "- [x] Port safety lead approval (@dobi)\n",
    # the person first, then their title and decision, in a sign-off section
    "# Sign-off\n\nAna Ruiz, Berth Ops lead — approved, 3 May 2026\n\n"
    "Tom Berg, Port Safety — approved with the night-tide condition, 4 May 2026\n",
])
def test_approvals_recorded_as_tools_and_people_write_them_sign_off(text: str) -> None:
    assert _item(text, "C18") == "pass"


@pytest.mark.parametrize("text", [
    # an open box is still to do; a body named after approval approves nothing
    "# Release checklist\n\n- [ ] Harbour ops sign-off (@lvance, due 2026-04-07)\n"
    "- [ ] Port safety lead approval (@dobi)\n",
    "# Regulatory\n\nThe Approved Body issued the berth sensor certificate on 3 May 2026.\n",
])
def test_an_open_box_or_a_named_body_records_no_approval(text: str) -> None:
    assert _item(text, "C18") != "pass"


_MINUTES = ("# Orchard picking planner: launch meeting\n\nHeld 3 March 2027, barn office.\n\n"
            "Present: Ruth Kemp (Farm Manager, chair), Idris Bell (Picking Lead), "
            "Olga Varga (Finance), Sam Orr (Data)\n\n# Decision\n\n{line}\n")


@pytest.mark.parametrize("line, status", [
    # everyone present took the decision: each named attendee approves on the meeting's date
    ("The panel agreed go for all four orchards from 10 March 2027.", "pass"),
    ("Go for all four orchards from 10 March 2027. Carried unanimously.", "pass"),
    # the decision is recorded, but not who stood behind it
    ("Go for all four orchards from 10 March 2027.", "weak")])
def test_minutes_record_a_decision_everyone_present_took(line: str, status: str) -> None:
    assert _item(_MINUTES.format(line=line), "C18") == status


_CHAT = ("# #depot-rota-planner - exported 2027-02-11\n\n"
         "**Ines Varga** 09:02\nnumbers from the two-week trial are in: 38 of 40 shifts filled "
         "first time, against 31 with the spreadsheet\n\n"
         "**Tomas Berg** 09:10\n{reply}\n\n"
         "**Ines Varga** 09:12\nthanks, I'll write it up on the wiki\n")


@pytest.mark.parametrize("reply, c18, c20", [
    # a speaker's go in their own message: the decision, taken by one named person
    ("ok, go for the east depot from Monday. keep the weekly check", "weak", "pass"),
    ("fine by me. we're going ahead with the east depot on the 15th", "weak", "pass"),
    # an approval on a condition still open gives none
    ("I can sign it if the extra driver post gets approved", "missing", "weak")])
def test_a_chat_export_reads_each_speakers_own_message(reply: str, c18: str, c20: str) -> None:
    text = _CHAT.format(reply=reply)
    assert (_item(text, "C18"), _item(text, "C20")) == (c18, c20)


def test_a_mail_subject_asking_for_a_go_approves_nothing() -> None:
    head = "**Subject:** Parts picker v2 - ok to go live on the 9th?\n\n"
    text = "".join(head + f"**From:** {who}\n**Date:** {day} Mar 2027, 10:0{n}\n\n{said}\n\n"
                   for n, (who, day, said) in enumerate([
                       ("Ada Moss", 4, "Thanks, figures attached."),
                       ("Ben Ruiz", 3, "Here are the pick rates for both weeks."),
                       ("Cy Lund", 2, "The pilot closed on Friday.")]))
    assert mail_approvals(Context.of(read_text(text, "x.md", "markdown"))) == []
