"""Every real document in the shared corpus reads cleanly and gets sensible section kinds."""

from __future__ import annotations

from pathlib import Path

import pytest

from dcrdraft.ingest import read_document

from ..conftest import shared

CORPUS = shared("corpus", "real")  # third-party documents: not copied into fixtures/
FILES = sorted(p for p in CORPUS.glob("*.md") if p.name != "SOURCES.md") if CORPUS else []

pytestmark = pytest.mark.skipif(not FILES, reason="../shared/corpus/real is absent")

EXPECTED = {
    "01-openai-whisper-model-card.md": {"Model Details": "overview",
                                        "Performance and Limitations": "evaluation"},
    "02-openai-CLIP-model-card.md": {"Out-of-Scope Use Cases": "user_docs",
                                     "Limitations": "failure_modes",
                                     "Bias and Fairness": "fairness"},
    "06-facebookresearch-llama-MODEL_CARD.md": {"Intended use": "overview",
                                                "Ethical considerations": "safety"},
    "08-CompVis-stable-diffusion-Stable_Diffusion_v1_Model_Card.md": {
        "Evaluation Results": "evaluation", "Bias": "fairness"},
    "09-bigscience-workshop-model_card-README.md": {"Risks and Limitations": "risks",
                                                     "Table of Contents": None},
    "17-microsoft-magentic-ui-TRANSPARENCY_NOTE.md": {"Risks and Mitigations": "risks",
                                                      "Evaluation Methods": "methodology"},
    "20-keshav-kumar-01-credit-risk-platform-MODEL_CARD.md": {
        "Regulatory Compliance": "regulatory", "Production Monitoring": "monitoring",
        "Fairness & Bias": "fairness"},
    "22-sarantium-ashvin-red_team_001.md": {
        "Page 1: Executive Summary and Recommendations": "summary",
        "Page 2: Risk Register": "risks"},
    "23-slntm1nd-cloud-ai-risk-portfolio-ai_risk_assessment.md": {
        "5. Risk Assessment": "risks", "7. Residual Risk": "risks",
        "4. AI Act Classification (EU)": "regulatory"},
}


@pytest.mark.parametrize("path", FILES, ids=[p.name[:12] for p in FILES])
def test_corpus_document_reads_with_recognised_sections(path: Path) -> None:
    doc = read_document(path)
    assert doc.format == "markdown" and doc.lines
    recognised = [s for s in doc.sections() if s.kind]
    # Two corpus files have a single heading over the whole text; the rest have many.
    assert len(recognised) >= (1 if len(list(doc.sections())) < 3 else 3)
    for block in doc.blocks():
        assert 1 <= block.line <= block.end_line <= len(doc.lines)
    for section in doc.sections():
        assert 1 <= section.line <= section.end_line <= len(doc.lines)
        assert doc.line_text(section.line)
    titles = {s.title: s.kind for s in doc.sections()}
    for title, kind in EXPECTED.get(path.name, {}).items():
        assert titles[title] == kind, title
