"""A check of live output on a calendar cadence is monitoring (C11 weak without a threshold),
however far its verb stands from its cadence and whatever word names the report; a meeting
held on a cadence is not a check."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document
from dcrdraft.review import review_document


def c11(tmp_path: Path, text: str) -> str:
    path = tmp_path / "doc.md"
    path.write_text(text, encoding="utf-8")
    return next(c.status for c in review_document(read_document(path)).checklist
                if c.code == "C11")


@pytest.mark.parametrize("text", [
    # the verb, then a long object, then the cadence
    "# After launch\n\nWe review the misfiled tenancy forms with the housing "
    "officers each month.\n",
    # a quarterly cadence
    "# After launch\n\nThe archivist checks a sample of 25 digitised letters quarterly.\n",
    # one word between the cadence and the report it names
    "# After launch\n\nThe depot's weekly mis-sort report is read by the shift lead.\n",
    "# After launch\n\nA fortnightly summary of overridden routes goes to the fleet desk.\n",
])
def test_a_check_on_a_cadence_is_monitoring_without_a_threshold(
        tmp_path: Path, text: str) -> None:
    assert c11(tmp_path, text) == "weak"


@pytest.mark.parametrize("text", [
    "# Governance\n\nOversight through quarterly steering reviews.\n",
    "# Overview\n\nThe engine proposes new fares at the monthly tariff review.\n",
])
def test_a_review_meeting_on_a_cadence_is_no_check(tmp_path: Path, text: str) -> None:
    assert c11(tmp_path, text) == "missing"
