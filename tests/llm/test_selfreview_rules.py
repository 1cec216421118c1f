"""Self-review runs the reviewer's M01 rule alone on a drafted entry, and finds exactly what
the whole rubric's M01 found there (the rest of the rubric cost start-up time and judged
nothing self-review reports)."""

from __future__ import annotations

from typing import Any

import pytest

from dcrdraft.analysis.core import Analysis, analyse
from dcrdraft.inputs.loader import load
from dcrdraft.inputs.model import Inputs, Risk
from dcrdraft.llm import draft_parts
from dcrdraft.llm import selfreview
from dcrdraft.llm.fake import FakeBackend
from dcrdraft.llm.parts import merge_risk
from dcrdraft.llm.schemas import RiskEntry
from dcrdraft.paths import example_path

from .conftest import RISK, SUMMARY, risk_reply

SUM = "Write the executive summary"
EXPAND = "Expand risk"

# Invented wordings for the drafted fields: vague, thin and concrete ones.
VARIANTS: dict[str, dict[str, Any]] = {
    "concrete": {},
    "careful mitigations": {"mitigations": ["Careful review of answers",
                                            "We will look into complaints"]},
    "best practices": {"mitigations": ["Follow best practices", "Monitor as appropriate"]},
    "hedged description": {"description": "Answers might be wrong now and then; the team "
                                          "will look into it."},
    "one owner, no action": {"mitigations": ["The support lead owns this risk",
                                             "Reviewed at the quarterly meeting"]},
    "sample check": {"mitigations": ["A support agent grades 50 answers every Monday",
                                     "Answers citing a retired feature are blocked before sending"]},
}


def _whole_rubric_m01(a: Analysis, label: str, risk: Risk) -> list[str]:
    """What self-review reported before: M01 findings in the entry's section, with the whole
    rubric (its not-a-DCR gate included)."""
    from dcrdraft.draft import render_markdown
    from dcrdraft.ingest import read_text
    from dcrdraft.review import load_rubric, review_document

    alone = analyse(Inputs(system=a.inputs.system, risks=[risk]))
    label = alone.risks[0].label
    doc = read_text(render_markdown(alone), "<draft>")
    report = review_document(doc, load_rubric())
    spans = [(s.line, s.end_line) for s in doc.sections() if s.title.startswith(f"{label}:")]
    return [f"{f.id}: {f.message}" for f in report.findings
            if f.code == "M01" and any(lo <= f.line <= hi for lo, hi in spans)]


@pytest.mark.parametrize("example", ["chatbot", "radiology"])
def test_m01_alone_finds_what_the_whole_rubric_found(example: str) -> None:
    a = analyse(load(example_path(example)))
    found: list[bool] = []
    for rv in a.risks:
        cases = [rv.risk] + [merge_risk(rv.risk, RiskEntry(**{**RISK, **v}))
                             for v in VARIANTS.values()]
        for risk in cases:
            alone = selfreview._reviewer_m01(a, rv.label, risk)
            assert alone is not None, "the reviewer's M01 rule did not run"
            assert alone == _whole_rubric_m01(a, rv.label, risk), (rv.label, risk)
            found.append(bool(alone))
    assert any(found) and not all(found), "the cases must include entries M01 fires on and not"


def test_self_review_runs_only_the_m01_rule(chatbot: Analysis, settings: Any,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Not the checklist, the other findings or the not-a-DCR gate: a one-entry draft is not
    a DCR, and none of them says anything self-review reports."""
    import dcrdraft.review as review

    rubrics: list[list[str]] = []
    real = review.review_document

    def spy(doc: Any, rubric: Any = None) -> Any:
        rubrics.append([r.code for r in rubric.rules])
        return real(doc, rubric)

    monkeypatch.setattr(review, "review_document", spy)
    vague = dict(RISK, mitigations=["Careful review of answers", "We will look into complaints"])
    fake = FakeBackend().enqueue(SUMMARY, match=SUM)
    fake.enqueue(vague, RISK, match="Expand risk Risk 1").enqueue(risk_reply, match=EXPAND)
    out = draft_parts(chatbot, settings, backend=fake)
    rep = next(p for p in out.parts if p.part == "Risk 1")
    assert rep.engine == "llm" and rep.attempts == 2
    assert any(p.startswith("M01/vague-risk") for p in rep.problems), rep.problems
    assert len(rubrics) >= 3 and all(codes == ["M01"] for codes in rubrics), rubrics


def test_prepare_loads_self_review_without_judging_anything(chatbot: Analysis,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The warm-up reviews the first risk as given, through the same path as a drafted one."""
    seen: list[str] = []
    real = selfreview._reviewer_m01

    def spy(a: Analysis, label: str, risk: Risk) -> Any:
        seen.append(label)
        return real(a, label, risk)

    monkeypatch.setattr(selfreview, "_reviewer_m01", spy)
    selfreview.prepare(chatbot)
    assert seen == [chatbot.risks[0].label]
    selfreview.prepare(analyse(Inputs(system=chatbot.inputs.system, risks=[])))
    assert seen == [chatbot.risks[0].label]
