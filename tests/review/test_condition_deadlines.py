"""Conditions of going live past their date (X12): the document's own date read from how
people date documents (a header field, e-mail headers, page metadata), each condition's due
date (a due column, "by <date>"), and whether a status says it was met."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document
from dcrdraft.review.facts.deadlines import document_date, overdue_conditions
from tests.review.reviewing import ctx_of


@pytest.mark.parametrize(("header", "when"), [
    ("# Fleet router go/no-go\n\nDate: 12 May 2026\n", dt.date(2026, 5, 12)),
    ("# Review\n\n| Field | Detail |\n|---|---|\n| Report issued | 3 March 2026 |\n",
     dt.date(2026, 3, 3)),
    ("# PR 88: enable the router\n\n**Author:** @kim · **Opened:** 2026-02-10 · "
     "**Labels:** ml\n", dt.date(2026, 2, 10)),
    ("# Minutes\n\n**Minutes of meeting** · Depot board · Tuesday 9 June 2026, 10:00\n",
     dt.date(2026, 6, 9)),
    ("# Router wiki\n\nCreated by Ana Ruiz, last edited by Tom Berg on 4 Apr 2026\n",
     dt.date(2026, 4, 4)),
])
def test_the_document_date_is_read_where_people_put_it(tmp_path: Path, header: str,
                                                        when: dt.date) -> None:
    assert document_date(ctx_of(tmp_path, header + "\nSome text.\n")) == when


def test_a_launch_date_in_the_header_is_not_the_documents_date(tmp_path: Path) -> None:
    ctx = ctx_of(tmp_path, "# Router launch checklist\n\nTarget launch: Monday 1 June 2026\n\n"
                           "Text.\n")
    assert document_date(ctx) is None


def test_an_e_mail_thread_is_dated_by_its_latest_message(tmp_path: Path) -> None:
    text = ("From: Ana Ruiz\nSent: Thu, 14 May 2026 09:10\nTo: Depot team\nSubject: Re: router\n\n"
            "Agreed.\n\nFrom: Tom Berg\nSent: Mon, 11 May 2026 16:00\nTo: Ana Ruiz\n"
            "Subject: router\n\nCan we go?\n")
    assert document_date(ctx_of(tmp_path, text, "thread.txt")) == dt.date(2026, 5, 14)


_TABLE = ("# Depot board notes\n\nDate: 12 May 2026\n\n## Conditions of approval\n\n"
          "| Condition | Owner | Due | Status |\n|---|---|---|---|\n"
          "| Drivers briefed on manual override | Fleet ops | 30 April 2026 | {s} |\n")


@pytest.mark.parametrize(("status", "overdue"), [
    ("in progress", True), ("not started", True), ("done, 28 April", False),
    ("✅ closed", False), ("open", True),
])
def test_a_condition_row_is_overdue_unless_its_status_says_met(tmp_path: Path, status: str,
                                                               overdue: bool) -> None:
    got = overdue_conditions(ctx_of(tmp_path, _TABLE.format(s=status)))
    assert [d.due for d in got] == ([dt.date(2026, 4, 30)] if overdue else [])


def test_a_condition_due_after_the_document_is_not_overdue(tmp_path: Path) -> None:
    text = _TABLE.format(s="open").replace("30 April 2026", "30 May 2026")
    assert overdue_conditions(ctx_of(tmp_path, text)) == []


def test_a_listed_condition_led_in_by_the_approval_is_read_with_the_documents_year(
        tmp_path: Path) -> None:
    text = ("From: Ana Ruiz\nSent: Thu, 14 May 2026 09:10\nTo: Depot team\nSubject: Re: router\n\n"
            "Fine to switch it on, with these conditions:\n\n"
            "1. Override screen tested with two depots by 8 May.\n"
            "2. Weekly late-delivery figures to me from launch.\n")
    got = overdue_conditions(ctx_of(tmp_path, text))
    assert [d.due for d in got] == [dt.date(2026, 5, 8)]


def test_a_requirement_written_as_a_participle_is_not_a_status(tmp_path: Path) -> None:
    base = ("# Depot board notes\n\nDate: 12 May 2026\n\n## Conditions\n\n"
            "1. Data protection assessment approved by the privacy officer {s}.\n")
    assert len(overdue_conditions(ctx_of(tmp_path, base.format(s="by 30 April 2026")))) == 1
    met = base.format(s="by 30 April 2026 — done")
    assert overdue_conditions(ctx_of(tmp_path, met)) == []


def test_an_unticked_checklist_item_past_its_date_is_overdue(tmp_path: Path) -> None:
    text = ("# Router launch checklist\n\nlast edited 20 May 2026\n\n## Checklist\n\n"
            "- [x] Kill switch tested in staging\n"
            "- [ ] Load test at twice peak volume — owner: Ravi — due 15 May 2026\n"
            "- [x] Depot guide published — due 10 May 2026\n")
    got = overdue_conditions(ctx_of(tmp_path, text))
    assert [d.due for d in got] == [dt.date(2026, 5, 15)]


def test_dates_outside_conditions_are_not_conditions(tmp_path: Path) -> None:
    text = ("# Depot board notes\n\nDate: 12 May 2026\n\n## Results\n\n"
            "The pilot ran by 30 April 2026 at three depots.\n")
    assert overdue_conditions(ctx_of(tmp_path, text)) == []


def test_without_a_date_of_its_own_no_condition_is_overdue(tmp_path: Path) -> None:
    text = _TABLE.format(s="open").replace("Date: 12 May 2026\n\n", "")
    assert overdue_conditions(ctx_of(tmp_path, text)) == []


def test_x12_reports_the_condition_at_its_line_as_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "doc.md"
    path.write_text(_TABLE.format(s="in progress"), encoding="utf-8")
    found = [f for f in review_document(read_document(path)).findings if f.code == "X12"]
    assert [(f.line, f.severity) for f in found] == [(9, "warning")]
    assert "2026-04-30" in found[0].message and "2026-05-12" in found[0].message
