"""Section recognition: heading variants that must and must not be recognised, content fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.errors import ConfigError
from dcrdraft.ingest import classify_heading, classify_text, heading_kinds, read_text
from dcrdraft.ingest.sections import load_rules, normalise, parse_rules

MUST = [
    ("Executive Summary", "summary"),
    ("1. Executive Summary", "summary"),
    ("TL;DR", "summary"),
    ("Title Page and Metadata", "metadata"),
    ("System Overview", "overview"),
    ("Model Details", "overview"),
    ("Intended Use", "overview"),
    ("III. System Description", "overview"),
    ("Evaluation Summary", "evaluation"),
    ("Evaluation Results", "evaluation"),
    ("Performance", "evaluation"),
    ("Performance and Limitations", "evaluation"),
    ("Eval Methodology", "methodology"),
    ("Evaluation Data", "methodology"),
    ("Performance by Segment", "segments"),
    ("Subgroup Analysis", "segments"),
    ("Failure Mode Analysis", "failure_modes"),
    ("Limitations", "failure_modes"),
    ("Known Issues", "failure_modes"),
    ("Risk Register", "risks"),
    ("5. Risk Register", "risks"),
    ("Section 5 — Risk Register", "risks"),
    ("Risks & Mitigations", "risks"),
    ("Known Risks", "risks"),
    ("Bias, Risks, and Limitations", "risks"),
    ("Page 2: Risk Register", "risks"),
    ("Residual Risk", "risks"),
    ("Risk 2: Incorrect escalation on ambiguous requests", "risks"),
    ("RAD-001: False negatives on subtle findings", "risks"),
    ("Deployment Conditions", "conditions"),
    ("6. Conditions of Deployment", "conditions"),
    ("Launch Criteria", "conditions"),
    ("Guardrails", "conditions"),
    ("Pre-Deployment Conditions", "conditions"),
    ("Rollout Plan", "deployment"),
    ("Monitoring", "monitoring"),
    ("Post-Deployment Monitoring", "monitoring"),
    ("Monitoring Thresholds", "monitoring"),
    ("Alerting", "monitoring"),
    ("Rollback Triggers", "rollback"),
    ("Roll-back plan", "rollback"),
    ("Kill Switch", "rollback"),
    ("Human Review", "human_review"),
    ("Escalation Procedures", "human_review"),
    ("User Documentation", "user_docs"),
    ("Out-of-scope use", "user_docs"),
    ("Safety and Fairness Analysis", "safety"),
    ("7. Safety & Fairness Analysis", "safety"),
    ("Ethical considerations", "safety"),
    ("Responsible AI", "safety"),
    ("Red Teaming", "safety"),
    ("Fairness & Bias", "fairness"),
    ("Bias Analysis", "fairness"),
    ("Privacy", "privacy"),
    ("Data, Privacy, and Security", "privacy"),
    ("Privacy and security", "privacy"),
    ("Security Review", "security"),
    ("Regulatory Compliance", "regulatory"),
    ("EU AI Act Classification", "regulatory"),
    ("Stakeholder Sign-Off", "signoff"),
    ("Sign-off", "signoff"),
    ("Signoffs", "signoff"),
    ("Approvals", "signoff"),
    ("8. Approvals", "signoff"),
    ("Go/No-Go Recommendation", "recommendation"),
    ("Go / No-Go", "recommendation"),
    ("Deployment Recommendation", "recommendation"),
    ("Recommendation", "recommendation"),
    ("Decision", "recommendation"),
    ("Appendix A", "appendix"),
    ("Appendices", "appendix"),
    ("IX. Appendices", "appendix"),
    ("Glossary", "appendix"),
]

MUST_NOT = [
    "Table of Contents",
    "Training Data",
    "Hardware and Software",
    "Environmental Impact",
    "Citation",
    "License",
    "Contact",
    "Model Card: Whisper",
    "Credit Risk Scoring Pipeline",
    "Rate limits and programmatic use",
    "Quantization",
    "Questions about the product",
    "Random Heading",
    "",
]


@pytest.mark.parametrize(("heading", "kind"), MUST)
def test_heading_variants_are_recognised(heading: str, kind: str) -> None:
    assert classify_heading(heading) == kind
    assert classify_heading(heading.upper()) == kind


@pytest.mark.parametrize("heading", MUST_NOT)
def test_headings_that_name_no_dcr_section(heading: str) -> None:
    assert classify_heading(heading) is None


def test_heading_kinds_lists_every_topic_best_first() -> None:
    assert heading_kinds("Monitoring and Rollback") == ["monitoring", "rollback"]
    assert heading_kinds("Tripwires and kill switch") == ["rollback", "monitoring"]
    assert heading_kinds("Table of Contents") == []


def test_normalise() -> None:
    assert normalise("4. Risks & Mitigations!") == "4 risks and mitigations"
    assert normalise("Go/No-Go") == "go/no-go"


def test_subheadings_inherit_nothing() -> None:
    text = "# Deployment Conditions\n\n## Monitoring\n\n## Rollback\n\n## Notes\n\nOk.\n"
    doc = read_text(text, "x.md")
    assert [s.kind for s in doc.sections()] == ["conditions", "monitoring", "rollback", None]


def test_single_wrapping_title_gets_no_kind() -> None:
    doc = read_text("# AI Risk Assessment\n\n## Overview\n\n## Risk Register\n\nR1.\n", "x.md")
    assert [s.kind for s in doc.sections()] == [None, "overview", "risks"]
    lone = read_text("# AI Fairness and Transparency\n\nText.\n", "x.md")
    assert [s.kind for s in lone.sections()] == ["fairness"]


RISKY = """\
Risk ID R-1: the assistant quotes a wrong price. Severity: high. Likelihood: medium.
Mitigation: prices are read from the catalogue API, never generated. Residual risk: low.
Owner: Ana Ruiz, pricing lead. Risk ID R-2: slow answers at peak. Severity: low.
Likelihood: high. Mitigation: autoscaling. Residual risk: low. Owner: SRE on-call.
"""

WATCHFUL = """\
Task completion is tracked on a 4-hour rolling window with an alert below 85%, and the
hallucination rate is sampled daily with an alert above 3%. Dashboards show drift per
locale and page the on-call engineer whenever a threshold is crossed for two windows.
"""


@pytest.mark.parametrize(("body", "kind"), [(RISKY, "risks"), (WATCHFUL, "monitoring")])
def test_content_fallback_under_odd_headings(body: str, kind: str) -> None:
    assert classify_text(body) == kind
    doc = read_text(f"# DCR\n\n## Section B\n\n{body}\n## Misc\n\nShort.\n", "x.md")
    assert [s.kind for s in doc.sections()] == [None, kind, None]


def test_content_fallback_stays_quiet_on_plain_prose() -> None:
    prose = "The team met on Tuesday to talk about the new office and lunch options. " * 3
    assert classify_text(prose) is None
    assert classify_text("Severity high.") is None


def test_a_recognised_heading_is_not_overridden_by_content() -> None:
    doc = read_text(f"# A\n\n## Monitoring\n\n{RISKY}\n## B\n", "x.md")
    assert list(doc.sections())[1].kind == "monitoring"


def test_rules_file_is_valid_and_covers_every_kind() -> None:
    rules = load_rules()
    kinds = {k for k, _ in rules.headings if k}
    assert len(kinds) == 22
    assert {k for k, _ in rules.keywords} == kinds


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kinds": {"nonsense": {"headings": ["x"]}}}, "unknown section kind"),
        ({"kinds": {"risks": {"headings": ["(unclosed"]}}}, "bad pattern"),
        ({"kinds": {"risks": {"headings": "risk"}}}, "expected a list"),
        ({"kinds": {}, "fallback": {"bogus": 1}}, "fallback"),
        ([], "expected a mapping"),
    ],
)
def test_bad_rules_raise_config_error(data: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_rules(data, "rules.yaml")


def test_rules_file_override(tmp_path: Path) -> None:
    custom = tmp_path / "sections.yaml"
    custom.write_text("kinds:\n  risks:\n    headings: [hazard log]\n", encoding="utf-8")
    rules = load_rules(custom)
    assert classify_heading("Hazard Log", rules) == "risks"
    assert classify_heading("Risk Register", rules) is None


MASTHEAD = """# Harbour Analytics — Model Risk Office

| Field | Value |
|---|---|
| Owner | Dana Kim |
| Version | 2.1 |

# 1. Results

Recall was 88% on 1,200 held-out cases.

# 2. Risks

R1: stale tariffs; severity high; owner Lee.

# 3. Monitoring

Weekly recall, alert below 85%.
"""


def test_a_title_heading_over_front_matter_names_no_part() -> None:
    doc = read_text(MASTHEAD, "masthead.md")
    kinds = [s.kind for s in doc.sections()]
    # "Risk" in the masthead names the office, not a risk section: its record table is front
    # matter, never a risk register
    assert kinds == [None, "evaluation", "risks", "monitoring"]


def test_a_first_section_among_few_parts_keeps_its_kind() -> None:
    text = "# Risks\n\nR1: stale tariffs; owner Lee.\n\n# Results\n\nRecall was 88%.\n"
    assert [s.kind for s in read_text(text, "two.md").sections()] == ["risks", "evaluation"]


def test_a_first_section_after_opening_text_keeps_its_kind() -> None:
    text = "Prepared for the board.\n\n" + MASTHEAD
    assert next(read_text(text, "lead.md").sections()).kind == "risks"
