"""``dcrdraft extract``: a draft read back into inputs recovers what the inputs said (metrics,
baselines, thresholds, risk titles), the written file validates, and writes are atomic and
never clobber."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dcrdraft.draft import draft
from dcrdraft.ingest import read_document
from dcrdraft.inputs.loader import load_text
from dcrdraft.inputs.model import Inputs
from dcrdraft.review.extract import extract_inputs

NAMES = ["Task completion rate", "Sensitivity", "Recall", "Precision", "Accuracy",
         "Resolution rate", "Specificity", "Containment rate"]
WORDS = ["Stale", "refund", "answers", "shown", "to", "callers", "Wrong", "routing", "of",
         "urgent", "tickets", "Missed", "fraud", "alerts", "on", "weekends"]
rate = st.integers(1, 999).map(lambda x: x / 1000)
"""Rates to a tenth of a point: the precision a draft prints."""
title = st.lists(st.sampled_from(WORDS), min_size=3, max_size=6).map(" ".join)


@st.composite
def inputs(draw: Any) -> Inputs:
    names = draw(st.permutations(NAMES))
    primary, secondary = names[0], names[1:1 + draw(st.integers(0, 3))]
    data: dict[str, Any] = {
        "system": {"name": "Harbor assistant"},
        "evaluation": {
            "primary_metric": {
                "name": primary,
                "results": [{"dataset": "Test set", "value": draw(rate),
                             "n": draw(st.integers(50, 9000))}],
                "baseline": draw(st.none() | st.fixed_dictionaries(
                    {"label": st.just("Previous version"), "value": rate})),
                "threshold": draw(st.none() | rate),
            },
            "secondary_metrics": [{"name": n, "value": draw(rate),
                                   "baseline": draw(st.none() | rate),
                                   "threshold": draw(st.none() | rate)} for n in secondary],
        },
        "risks": [{"title": t} for t in draw(st.lists(title, max_size=4, unique=True))],
    }
    return Inputs.model_validate(data)


def _extract(tmp_path: Path, inp: Inputs) -> Inputs:
    path = tmp_path / "draft.md"
    path.write_text(draft(inp).text, encoding="utf-8")
    return load_text(extract_inputs(read_document(path)), str(path))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(inp=inputs())
def test_extracting_a_draft_recovers_its_metrics_and_risks(tmp_path: Path, inp: Inputs) -> None:
    got = _extract(tmp_path, inp)
    want, have = inp.evaluation.primary_metric, got.evaluation.primary_metric
    assert want is not None and have is not None
    assert have.name == want.name
    assert [r.value for r in have.results] == pytest.approx([r.value for r in want.results])
    assert [r.n for r in have.results] == [r.n for r in want.results]
    assert (have.baseline.value if have.baseline else None) == \
        pytest.approx(want.baseline.value if want.baseline else None)
    assert have.threshold == pytest.approx(want.threshold)
    sec = {m.name: m for m in got.evaluation.secondary_metrics}
    for m in inp.evaluation.secondary_metrics:
        assert m.name in sec
        assert (sec[m.name].value, sec[m.name].baseline, sec[m.name].threshold) == \
            pytest.approx((m.value, m.baseline, m.threshold))
    assert sorted(r.title for r in got.risks) == sorted(r.title for r in inp.risks)


def test_what_the_document_lacks_is_left_out(tmp_path: Path) -> None:
    doc = tmp_path / "memo.md"
    doc.write_text("# Ledger matcher\n\nMatch rate is 91%, against 84% for the rules it "
                   "replaces.\n", encoding="utf-8")
    text = extract_inputs(read_document(doc))
    got = load_text(text, str(doc))
    assert got.evaluation.primary_metric is not None
    assert got.evaluation.primary_metric.baseline is not None
    assert got.evaluation.primary_metric.baseline.value == pytest.approx(0.84)
    assert got.risks == [] and got.deployment.monitoring == []
    assert "# line 3" in text


def test_extract_never_clobbers(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dcrdraft.cli import cli

    doc = tmp_path / "memo.md"
    doc.write_text("# Ledger matcher\n\nMatch rate is 91%.\n", encoding="utf-8")
    out = tmp_path / "inputs.yaml"
    out.write_text("keep me\n", encoding="utf-8")
    runner = CliRunner()
    res = runner.invoke(cli, ["extract", str(doc), "-o", str(out)])
    assert res.exit_code == 2 and out.read_text(encoding="utf-8") == "keep me\n"
    res = runner.invoke(cli, ["extract", str(doc), "-o", str(doc), "--force"])
    assert res.exit_code == 2 and "input of this run" in res.output
    res = runner.invoke(cli, ["extract", str(doc), "-o", str(out), "--force"])
    assert res.exit_code == 0 and "Match rate" in out.read_text(encoding="utf-8")
