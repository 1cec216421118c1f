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
    # Two risks, each lacking only the residual rating; not six partial rows.
    assert len(x06) == 2
    assert all("lacks residual" in f.message and "owner" not in f.message for f in x06)
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
