"""A register spread over several tables (identification, assessment, controls) is one entry
per risk, and a 'Residual risk' paragraph is no risk entry."""

from __future__ import annotations

from dcrdraft.ingest import read_text
from dcrdraft.review import review_document

DOC = """# Risk assessment

## Risk identification

| Risk | Description |
|---|---|
| Hallucinations | Incorrect information |
| Data leakage | Exposure of sensitive data |

## Risk assessment

| Risk | Likelihood | Impact |
|---|---|---|
| Hallucinations | High | Medium |
| Data leakage | Medium | High |

## Mitigation controls

| Risk | Control | Owner |
|---|---|---|
| Hallucinations | Every answer citing a policy is checked against the policy store before it is shown | Ana Ruiz |
| Data leakage | Outputs pass a PII filter tested on 2,000 seeded records | Ana Ruiz |

## Residual risk

Residual risks remain medium after these controls.
"""


def test_rows_of_the_same_risk_pool_their_fields() -> None:
    report = review_document(read_text(DOC, "reg.md", "markdown"))
    x06 = [f for f in report.findings if f.code == "X06"]
    # Two risks pooled from six rows, neither with a residual rating: the register's one gap.
    assert len(x06) == 1
    assert "no entry of the register gives residual" in x06[0].message
    assert "owner" not in x06[0].message
    assert not [f for f in report.findings if f.code == "M01"]


def test_a_residual_after_mitigation_column_is_not_the_mitigation() -> None:
    text = ("# Risks\n\n| ID | Risk | Severity | Mitigation | Residual (after mitigation) | Owner |\n"
            "|---|---|---|---|---|---|\n"
            "| R1 | Parcels sent to the wrong depot | High | Every low-confidence read is routed "
            "to a clerk queue, capped at 200 a day | Low | Dana Okoro |\n"
            "| R2 | Sorter outage stops a belt | Medium | Belt falls back to manual sorting "
            "automatically on a camera fault | Low | Imre Vass |\n")
    report = review_document(read_text(text, "x.md", "markdown"))
    assert not any(f.code == "M01" for f in report.findings)


REGISTER = ("# Risks\n\n| Risk | Severity | Likelihood | Mitigation | Owner |\n|---|---|---|---|---|\n"
            "| Late invoices paid twice | High | Low | Duplicate check on supplier and amount "
            "before release | Ravi Menon |\n"
            "| Supplier bank details changed by fraud | High | Medium | Call-back to the number "
            "on file before any change | {owner} |\n"
            "| Currency misread on scanned invoices | Medium | Medium | Amounts over 10,000 go to "
            "a clerk | Ravi Menon |\n")


def test_a_field_no_entry_gives_is_one_finding_for_the_register() -> None:
    # No residual column at all: the register's omission, said once, not on all three rows.
    report = review_document(read_text(REGISTER.format(owner="Ravi Menon"), "r.md", "markdown"))
    x06 = [f for f in report.findings if f.code == "X06"]
    assert [f.message for f in x06] == [
        "Risk entry incomplete: no entry of the register gives residual."]


def test_a_field_the_register_carries_left_empty_is_the_entrys_gap() -> None:
    report = review_document(read_text(REGISTER.format(owner=""), "r.md", "markdown"))
    x06 = sorted((f.line, f.message) for f in report.findings if f.code == "X06")
    assert len(x06) == 2
    assert "no entry of the register gives residual" in x06[0][1]
    assert "\"Supplier bank details changed by fraud\" lacks owner" in x06[1][1]
    assert (x06[0][0], x06[1][0]) == (5, 6)  # the first entry, then the gapped row
