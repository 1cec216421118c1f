"""Privacy and security (checklist item 16): data kept in the organisation's own cloud tenancy
says where it is, not how it is protected, so it is a claim (weak); a tenant who rents a home
is no tenancy at all; a statement that nothing is kept is a control."""

from __future__ import annotations

import pytest

from dcrdraft.review.facts.governance import privacy_grade


@pytest.mark.parametrize("text", [
    "Data stays within our tenant.",
    "Drafts are written by a model hosted in the council's Azure tenant.",
    "The chat model runs in our enterprise tenancy.",
])
def test_a_cloud_tenancy_alone_is_a_claim(text: str) -> None:
    assert privacy_grade(text, False) == "claim"


@pytest.mark.parametrize("text", [
    "Tenant records from the lettings list are scored each night.",
    "Repair photos sent by each tenant go to the planner.",
])
def test_a_tenant_who_rents_is_no_privacy_statement(text: str) -> None:
    assert privacy_grade(text, False) is None


@pytest.mark.parametrize("text", [
    "Call transcripts are parsed in our Azure tenant and the parser keeps no copy afterwards.",
    "The sorter stores no personal data about drivers.",
])
def test_nothing_kept_is_a_control(text: str) -> None:
    assert privacy_grade(text, False) == "controls"
