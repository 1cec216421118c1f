"""Regulatory position (checklist item 17): a regime named without a conclusion, or compliance
asserted generically, is the conventions' weak, not missing; an upper-case code or a lone
capitalised "Act" with no word of law beside it names no regime."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document


def c17(tmp_path: Path, body: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text("# Notes\n\nThe planner proposes berths for arriving ferries.\n\n" + body,
                    encoding="utf-8")
    report = review_document(read_document(path))
    return next(c.status for c in report.checklist if c.code == "C17")


@pytest.mark.parametrize("body", [
    "Fare answers are given under the Harbour Passengers Act 2019.\n",
    "The planner was designed in line with UK GDPR.\n",
    "The berth planner complies fully with GDPR and every harbour bylaw.\n",
    # compliance with a named regime claimed, not shown: no obligation, article or reason
    "The planner operates in full compliance with the Harbour Passengers Act 2019.\n",
    "Berth data is held securely. The planner complies with UK GDPR and our quay policy.\n",
    # content-free, never evidence above weak, but the topic touched
    "The berth planner is fully compliant with all applicable regulations.\n",
])
def test_a_regime_named_without_a_conclusion_is_weak(tmp_path: Path, body: str) -> None:
    assert c17(tmp_path, body) == "weak"


@pytest.mark.parametrize("body", [
    "Switch back if the planner misses any SEV1 the old rules would have caught.\n",
    "Two berths were left out of the principal Act of the pilot.\n",
    # an approver's role names who signs, not that anything was assessed
    "## Sign-off\n\n| Role | Name | Date |\n|---|---|---|\n| Compliance | TBD | TBD |\n",
])
def test_a_code_or_a_capitalised_act_alone_is_no_regime(tmp_path: Path, body: str) -> None:
    assert c17(tmp_path, body) == "missing"


def test_compliance_with_its_reason_is_a_position(tmp_path: Path) -> None:
    body = ("Counsel concluded the planner complies with the Harbour Passengers Act 2019 "
            "because a berth officer confirms every proposal.\n")
    assert c17(tmp_path, body) == "pass"


@pytest.mark.parametrize("body", [
    "Every berth change is still approved by a harbour master, as the 2014 Regulations require.\n",
    "The Pilotage Safety Regulations 2014 do not apply: the planner only proposes berths.\n",
])
def test_a_set_of_regulations_is_a_regime(tmp_path: Path, body: str) -> None:
    assert c17(tmp_path, body) == "pass"


@pytest.mark.parametrize("body", [
    "The dose checker holds UKCA marking; its device class is IIb.\n",
    "Not a medical device: it books treatment rooms and never suggests a dose.\n",
    "The otoscope reader received FDA 510(k) clearance in May.\n",
])
def test_a_products_regulatory_status_is_a_position(tmp_path: Path, body: str) -> None:
    # a marking, a clearance or a device class names no Act, yet it is where the product stands
    assert c17(tmp_path, body) == "pass"


def test_asking_whether_it_is_a_device_states_no_position(tmp_path: Path) -> None:
    assert c17(tmp_path, "Is it a medical device?\n") != "pass"


def test_compliance_with_a_regime_only_claimed_is_weak(tmp_path: Path) -> None:
    body = ("## Risks\n\n| Risk | Mitigation |\n|---|---|\n"
            "| Fare data misuse | Compliance with the Harbour Passengers Act 2019 |\n")
    assert c17(tmp_path, body) == "weak"


@pytest.mark.parametrize("body", [
    "The Harbour Passengers Act 2019 allows automated quotes where a clerk can be reached.\n",
    "AI Act: minimal-risk system (it schedules berths and decides nothing about people).\n",
])
def test_a_permission_or_a_risk_tier_under_a_regime_is_a_position(
        tmp_path: Path, body: str) -> None:
    assert c17(tmp_path, body) == "pass"


@pytest.mark.parametrize("body", [
    # laws known by the jurisdictions that made them, with a conclusion
    "Our counsel reviewed the towing statutes in all three states: flat quotes are permitted.\n",
    "Legal reviewed the berth planner against the pilotage acts in NS and PE and found no "
    "conflict.\n",
    # a rulebook's section, then the requirement it sets
    "We consider the quote screen to meet the ORR 3.4 requirement to show fares before sale.\n",
    # a classification the legal review considered and reasoned
    "Counsel considered the Harbour Pilotage Act 1987: the planner is treated as advice to "
    "the pilot, since the pilot decides.\n",
])
def test_a_regime_read_by_jurisdiction_or_section_with_a_conclusion_passes(
        tmp_path: Path, body: str) -> None:
    assert c17(tmp_path, body) == "pass"


def test_statutes_named_by_jurisdiction_without_a_conclusion_stay_weak(tmp_path: Path) -> None:
    assert c17(tmp_path, "State towing statutes may matter for the planner.\n") == "weak"


@pytest.mark.parametrize("body", [
    # a register's or a list's index is no law, nor is the review document or board itself
    "Until the sensor is fixed, condition K2 applies to every night berth.\n",
    "R3 Apply a 14-day retention rule to the berth logs.\n",
    "Roll back on the harbour master's word under the DCR rollback trigger.\n",
    "The quay change was required by CAB before the spring timetable.\n",
])
def test_an_index_or_a_governance_body_is_no_regime(tmp_path: Path, body: str) -> None:
    assert c17(tmp_path, body) == "missing"


def test_a_code_cited_by_its_paragraph_is_a_regime(tmp_path: Path) -> None:
    body = ("Harbour Pilots Code, paragraph 2.4: a pilot must confirm every berth in person, "
            "so the planner only proposes.\n")
    assert c17(tmp_path, body) == "pass"


@pytest.mark.parametrize("body", [
    "Berth disputes go to the compliance officers at the harbour office.\n",
    "Queries: Dana Kell, Risk and Compliance Manager.\n",
    "Berth bookings are copied into the port compliance system each night.\n",
])
def test_compliance_as_a_team_or_a_tool_name_is_no_position(tmp_path: Path, body: str) -> None:
    assert c17(tmp_path, body) == "missing"


def test_compliance_as_a_matter_is_touched(tmp_path: Path) -> None:
    body = "The harbour office keeps berth compliance under review each season.\n"
    assert c17(tmp_path, body) == "weak"
